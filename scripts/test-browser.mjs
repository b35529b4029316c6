// `npm test` (test:e2e, screenshots): makes sure the browser tests have a browser, says in one line
// which one, and writes the choice to out/test-browser.json for playwright.config.ts. The order and
// the installs are in ./test-browser/provide.mjs; this file is the real machine behind it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { provideBrowser } from './test-browser/provide.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHOICE_FILE = path.join(root, 'out', 'test-browser.json');

function run(cmd, args, { env = {}, inherit = false, timeoutMs } = {}) {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(cmd, args, {
      env: { ...process.env, ...env },
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      ...(timeoutMs ? { timeout: timeoutMs } : {}),
    });
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    child.on('error', (err) =>
      resolve({ status: null, stdout, stderr, error: err.code ?? err.message }),
    );
    child.on('close', (status, signal) =>
      resolve({ status, stdout, stderr, ...(signal ? { error: `killed by ${signal}` } : {}) }),
    );
  });
}

async function reachable(origin) {
  // Playwright downloads through a proxy when one is set; Node's fetch would not, so let it try.
  if (['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'].some((v) => process.env[v]))
    return true;
  try {
    await fetch(origin, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

const result = await provideBrowser({
  env: process.env,
  platform: process.platform,
  isRoot: process.getuid?.() === 0,
  exists: (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false,
  readFile: (file) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
  run,
  reachable,
  log: (line) => console.log(line),
  playwrightChromium: chromium.executablePath(),
  playwrightCli: require.resolve('@playwright/test/cli'),
  nodePath: process.execPath,
});

console.log(result.line);
if (result.browser) {
  fs.mkdirSync(path.dirname(CHOICE_FILE), { recursive: true });
  fs.writeFileSync(CHOICE_FILE, `${JSON.stringify(result.browser, null, 2)}\n`);
} else {
  // A previous choice stays: the config checks it is still there and still for this CHROMIUM_PATH.
  process.exitCode = 1;
}
