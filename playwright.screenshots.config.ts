import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: regenerates docs/screenshots/*.png from serve mode with demo data.
export default defineConfig({ ...base, testDir: 'tests/screenshots' });
