// Which browser the browser tests use, and how `npm test` gets one onto a machine that has none.
// Pure over the injected `io` (files, environment, processes, network) so every branch is tested
// with a fake machine (tests/unit/test-browser.test.ts); scripts/test-browser.mjs passes the real one.
import path from 'node:path';

/** Chromium-family browsers Playwright drives over CDP; `--version` answers with one of these. */
const BROWSER_ANSWER =
  /^(Chromium|Google Chrome|Microsoft Edge|Brave Browser|Vivaldi|Opera)\b.*\d+\.\d+/m;

const DEFAULT_DOWNLOAD_HOST = 'https://cdn.playwright.dev';
// A browser answers --version at once; something that hangs is not one we can drive.
const PROBE_TIMEOUT_MS = 15_000;

/**
 * Usual install places, preferred first. `channel` is set only where Playwright's own `channel`
 * lookup finds that same file (it looks in exactly these places), so the config can use it.
 */
export function systemBrowsers(platform, env) {
  if (platform === 'darwin') {
    const homeApps = env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [];
    const app = (dir, name) => path.posix.join(dir, `${name}.app`, 'Contents', 'MacOS', name);
    return ['/Applications', ...homeApps].flatMap((dir) => {
      const playwrightLooksHere = dir === '/Applications';
      return [
        { name: 'Chromium', path: app(dir, 'Chromium') },
        {
          name: 'Google Chrome',
          path: app(dir, 'Google Chrome'),
          ...(playwrightLooksHere ? { channel: 'chrome' } : {}),
        },
        {
          name: 'Microsoft Edge',
          path: app(dir, 'Microsoft Edge'),
          ...(playwrightLooksHere ? { channel: 'msedge' } : {}),
        },
      ];
    });
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(Boolean);
    const at = (suffix) => roots.map((root) => path.win32.join(root, suffix));
    return [
      ...at('Chromium\\Application\\chrome.exe').map((p) => ({ name: 'Chromium', path: p })),
      ...at('Google\\Chrome\\Application\\chrome.exe').map((p) => ({
        name: 'Google Chrome',
        path: p,
        channel: 'chrome',
      })),
      ...at('Microsoft\\Edge\\Application\\msedge.exe').map((p) => ({
        name: 'Microsoft Edge',
        path: p,
        channel: 'msedge',
      })),
    ];
  }
  return [
    { name: 'Chromium', path: '/usr/bin/chromium' },
    { name: 'Chromium', path: '/usr/bin/chromium-browser' },
    { name: 'Chromium', path: '/snap/bin/chromium' },
    { name: 'Google Chrome', path: '/opt/google/chrome/chrome', channel: 'chrome' },
    { name: 'Microsoft Edge', path: '/opt/microsoft/msedge/msedge', channel: 'msedge' },
  ];
}

/** The browser's own answer to "what are you", or why there is none. */
async function identify(io, file) {
  // Chrome on Windows prints nothing for --version; the file's version resource says the same.
  const r =
    io.platform === 'win32'
      ? await io.run(
          'powershell.exe',
          [
            '-NoProfile',
            '-NonInteractive',
            '-Command',
            '(Get-Item -LiteralPath $env:HANDOFF_PROBE).VersionInfo | ForEach-Object { $_.ProductName + " " + $_.ProductVersion }',
          ],
          { env: { HANDOFF_PROBE: file }, timeoutMs: PROBE_TIMEOUT_MS },
        )
      : await io.run(file, ['--version'], { timeoutMs: PROBE_TIMEOUT_MS });
  const answer = `${r.stdout}`.trim();
  const match = BROWSER_ANSWER.exec(answer);
  if (r.status === 0 && match) return { version: match[0].trim() };
  if (!answer && r.error) return { problem: `it could not be run: ${r.error}` };
  const said = answer.split('\n')[0] || `${r.stderr}`.trim().split('\n')[0] || 'nothing';
  return { problem: `it answered "${said.slice(0, 120)}" to --version` };
}

const lines = (text) =>
  `${text}`
    .split('\n')
    .map((l) => l.trim().slice(0, 160))
    .filter(Boolean);

function debianLike(osRelease) {
  if (!osRelease) return false;
  const field = (name) => new RegExp(`^${name}="?([^"\\n]*)`, 'm').exec(osRelease)?.[1] ?? '';
  return /\b(debian|ubuntu)\b/.test(`${field('ID')} ${field('ID_LIKE')}`);
}

async function aptAccess(io) {
  if (io.isRoot) return { prefix: [], as: 'as root' };
  const sudo = await io.run('sudo', ['-n', 'true'], { timeoutMs: PROBE_TIMEOUT_MS });
  return sudo.status === 0 ? { prefix: ['sudo', '-n'], as: 'with sudo' } : null;
}

function whatToInstall(io, debian) {
  const either = 'or set CHROMIUM_PATH to a Chromium, Chrome or Edge executable';
  if (io.platform === 'darwin')
    return `install Google Chrome (https://www.google.com/chrome/) or run \`npx playwright install chromium\`, ${either}`;
  if (io.platform === 'win32')
    return `install Google Chrome or Microsoft Edge, or run \`npx playwright install chromium\`, ${either}`;
  if (debian)
    return `install Chromium (\`sudo apt-get install chromium\`) or run \`npx playwright install chromium\`, ${either}`;
  return `install Chromium or Google Chrome with your package manager, or run \`npx playwright install chromium\`, ${either}`;
}

/**
 * The browser for the browser tests, installing one if needed, in this order: CHROMIUM_PATH;
 * Playwright's installed Chromium; a system Chromium / Chrome / Edge; `playwright install chromium`
 * where its download host answers; apt-get on Debian/Ubuntu as root or with passwordless sudo.
 * Resolves `{ browser, line }` or `{ line }` (nothing usable: `line` says what to install).
 */
export async function provideBrowser(io) {
  const { env } = io;
  const found = (browser, how) => ({
    browser: { ...browser, chromiumPath: env.CHROMIUM_PATH || null },
    line: `Browser tests use ${browser.version}${browser.channel ? ` (Playwright channel "${browser.channel}")` : ''} at ${browser.path}${how}.`,
  });

  if (env.CHROMIUM_PATH) {
    const file = env.CHROMIUM_PATH;
    const fix =
      'set it to a Chromium, Chrome or Edge executable, or unset it to let npm test find or install one';
    if (!io.exists(file))
      return { line: `CHROMIUM_PATH is ${file}, which does not exist: ${fix}.` };
    const id = await identify(io, file);
    if (!id.version)
      return {
        line: `CHROMIUM_PATH is ${file}, which is not a Chromium-family browser (${id.problem}): ${fix}.`,
      };
    return found({ path: file, version: id.version }, ' (from CHROMIUM_PATH)');
  }

  const skipped = new Set(); // looked at again after each install
  const findInstalled = async () => {
    const playwright = io.playwrightChromium;
    const candidates = [
      { name: "Playwright's Chromium", path: playwright },
      ...systemBrowsers(io.platform, env),
    ];
    for (const c of candidates) {
      if (!io.exists(c.path)) continue;
      const id = await identify(io, c.path);
      if (id.version)
        return { path: c.path, version: id.version, ...(c.channel ? { channel: c.channel } : {}) };
      skipped.add(`${c.path} is not usable (${id.problem})`);
    }
    return null;
  };

  const installed = await findInstalled();
  if (installed) return found(installed, '');

  const why = [];
  const host =
    env.PLAYWRIGHT_CHROMIUM_DOWNLOAD_HOST || env.PLAYWRIGHT_DOWNLOAD_HOST || DEFAULT_DOWNLOAD_HOST;
  if (await io.reachable(host)) {
    io.log(
      `No browser found; installing Playwright's Chromium from ${host} (npx playwright install chromium)…`,
    );
    const r = await io.run(io.nodePath, [io.playwrightCli, 'install', 'chromium'], {
      inherit: true,
    });
    const after = r.status === 0 ? await findInstalled() : null;
    if (after) return found(after, ' (installed by `playwright install chromium`)');
    why.push(`\`playwright install chromium\` failed (exit ${r.status ?? r.error})`);
  } else why.push(`${host} is not reachable, so \`playwright install chromium\` cannot download`);

  const debian = io.platform === 'linux' && debianLike(io.readFile('/etc/os-release'));
  if (debian) {
    const access = await aptAccess(io);
    if (access) {
      io.log(`No browser found; installing Chromium with apt-get (${access.as})…`);
      const [cmd, ...pre] = [...access.prefix, 'apt-get'];
      const apt = (...args) =>
        io.run(cmd, [...pre, ...args], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
      const install = () => apt('install', '-y', '-qq', '--no-install-recommends', 'chromium');
      // A fresh machine has no package lists yet; refresh them only when the install needs it.
      let r = await install();
      let update = null;
      if (r.status !== 0) {
        update = await apt('update', '-qq');
        if (update.status === 0) r = await install();
      }
      const after = r.status === 0 ? await findInstalled() : null;
      if (after) return found(after, ` (installed by apt-get ${access.as})`);
      // Offline, `apt-get update` only warns (exit 0); its first warning is the real cause.
      const cause = update && lines(update.stderr).find((l) => /^(E|W):/.test(l));
      const said = lines(r.stderr).pop() ?? `exit ${r.status}`;
      why.push(
        `apt-get install chromium failed: ${said}${cause ? ` (apt-get update: ${cause})` : ''}`,
      );
    } else why.push('apt-get needs root or passwordless sudo');
  }

  const reasons = [...skipped, ...why].join('; ');
  return {
    line: `No browser for the browser tests (${reasons}): ${whatToInstall(io, debian)}, then run npm test again.`,
  };
}
