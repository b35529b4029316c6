// Serve mode's UI build (`npm run build:web`); electron-vite shares the same settings.
import { defineConfig } from 'vite';
import { rendererConfig } from './renderer.vite.shared.mts';

export default defineConfig(rendererConfig);
