import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import type { TestBrowser } from './scripts/test-browser/provide.mjs';
import { CHROMIUM_ARGS } from './tests/helpers/chromium';

const choiceFile = path.join(__dirname, 'out', 'test-browser.json');
const readChoice = (): TestBrowser | null => {
  try {
    return JSON.parse(fs.readFileSync(choiceFile, 'utf8')) as TestBrowser;
  } catch {
    return null;
  }
};

// The browser scripts/test-browser.mjs chose (`npm test` runs it first). Run directly
// (`npx playwright test x.spec.ts`), the config has it choose the first time, and again when that
// browser is gone or CHROMIUM_PATH changed; with none to be had it has said what to install.
function testBrowser(): { executablePath: string } | { channel: string } {
  let choice = readChoice();
  const stale = (c: TestBrowser) =>
    !fs.existsSync(c.path) || c.chromiumPath !== (process.env.CHROMIUM_PATH || null);
  if (!choice || stale(choice)) {
    try {
      execFileSync(process.execPath, [path.join(__dirname, 'scripts', 'test-browser.mjs')], {
        stdio: 'inherit',
      });
    } catch {
      process.exit(1);
    }
    choice = readChoice();
    if (!choice) process.exit(1);
  }
  return choice.channel ? { channel: choice.channel } : { executablePath: choice.path };
}

// Against serve mode. Headless, no GPU, nothing fetched in the background (loopback only).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 7_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    launchOptions: {
      ...testBrowser(),
      args: [...CHROMIUM_ARGS],
    },
    trace: 'off',
  },
});
