import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

/** Shared by serve mode (`vite build` here) and electron-vite's renderer build. */
export const rendererConfig: UserConfig = {
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    cssMinify: true,
    chunkSizeWarningLimit: 800,
  },
  server: { host: '127.0.0.1' },
};
