import { describe, expect, it } from 'vitest';
import {
  provideBrowser,
  type MachineIo,
  type RunOptions,
  type RunResult,
} from '../../scripts/test-browser/provide.mjs';

const PLAYWRIGHT = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';

interface Fake {
  platform?: NodeJS.Platform;
  env?: Record<string, string>;
  /** Executable files and what each answers to --version (Windows: its version resource). */
  files?: Record<string, string>;
  osRelease?: string;
  root?: boolean;
  sudo?: boolean;
  online?: boolean;
  /** What a Playwright download puts on disk (nothing: the download fails). */
  playwrightInstalls?: Record<string, string>;
  /** apt-get: whether the package lists are there yet, and whether the mirror answers. */
  apt?: { lists: boolean; mirror: boolean };
}

/** A machine with exactly these files, network and rights; records every command it is asked to run. */
function machine(fake: Fake) {
  const files: Record<string, string> = { ...fake.files };
  const ran: string[] = [];
  const logs: string[] = [];
  const apt = { ...(fake.apt ?? { lists: true, mirror: true }) };
  const ok = (stdout = ''): RunResult => ({ status: 0, stdout, stderr: '' });
  const fail = (stderr: string, status = 100): RunResult => ({ status, stdout: '', stderr });

  const aptGet = (args: string[]): RunResult => {
    if (args[0] === 'update') {
      // Offline, apt-get update only warns and exits 0 (as apt 2.6 does).
      if (!apt.mirror)
        return {
          status: 0,
          stdout: '',
          stderr:
            "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'\nW: Some index files failed to download.",
        };
      apt.lists = true;
      return ok();
    }
    if (!apt.lists) return fail('E: Unable to locate package chromium');
    if (!apt.mirror)
      return fail(
        'E: Failed to fetch http://deb.debian.org/debian/pool/main/c/chromium  Temporary failure resolving',
      );
    files['/usr/bin/chromium'] = 'Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)';
    return ok();
  };

  const run = async (cmd: string, args: string[], options: RunOptions): Promise<RunResult> => {
    const probed =
      cmd === 'powershell.exe'
        ? options.env?.HANDOFF_PROBE
        : args[0] === '--version'
          ? cmd
          : undefined;
    ran.push(probed !== undefined ? `probe ${probed}` : [cmd, ...args].join(' '));
    if (probed !== undefined) {
      const answer = files[probed];
      return answer === undefined
        ? { status: null, stdout: '', stderr: '', error: 'ENOENT' }
        : ok(`${answer}\n`);
    }
    if (cmd === 'node') {
      Object.assign(files, fake.playwrightInstalls);
      return fake.playwrightInstalls
        ? ok()
        : fail('Error: Download failed: server returned code 403', 1);
    }
    if (cmd === 'sudo' && args[0] === '-n' && args[1] === 'true')
      return fake.sudo ? ok() : fail('sudo: a password is required', 1);
    if (cmd === 'sudo' && args[1] === 'apt-get') return aptGet(args.slice(2));
    if (cmd === 'apt-get') return aptGet(args);
    throw new Error(`unexpected command ${cmd} ${args.join(' ')}`);
  };

  const io: MachineIo = {
    env: fake.env ?? { HOME: '/home/dev' },
    platform: fake.platform ?? 'linux',
    isRoot: fake.root ?? false,
    exists: (file) => file in files,
    readFile: (file) => (file === '/etc/os-release' ? (fake.osRelease ?? null) : null),
    run,
    reachable: async (origin) => {
      ran.push(`reach ${origin}`);
      return fake.online ?? false;
    },
    log: (line) => logs.push(line),
    playwrightChromium: PLAYWRIGHT,
    playwrightCli: 'cli.js',
    nodePath: 'node',
  };
  /** Commands that change the machine (probes and reachability checks do not). */
  const changes = () =>
    ran.filter((c) => !c.startsWith('probe ') && !c.startsWith('reach ') && c !== 'sudo -n true');
  return { io, ran, logs, changes };
}

describe('browser for the browser tests: the order it is chosen in', () => {
  it('1. CHROMIUM_PATH wins over everything installed, and is used by path', async () => {
    const m = machine({
      env: { CHROMIUM_PATH: '/opt/cr/chrome' },
      files: {
        '/opt/cr/chrome': 'Chromium 150.0.1 ',
        [PLAYWRIGHT]: 'Google Chrome for Testing 159.0.8154.6',
        '/usr/bin/chromium': 'Chromium 156.0',
      },
    });
    const r = await provideBrowser(m.io);
    expect(r.browser).toEqual({
      path: '/opt/cr/chrome',
      version: 'Chromium 150.0.1',
      chromiumPath: '/opt/cr/chrome',
    });
    expect(r.line).toBe(
      'Browser tests use Chromium 150.0.1 at /opt/cr/chrome (from CHROMIUM_PATH).',
    );
    expect(m.ran).toEqual(['probe /opt/cr/chrome']);
  });

  it('a CHROMIUM_PATH that does not exist, or is not a browser, is refused and nothing is installed', async () => {
    const missing = machine({
      env: { CHROMIUM_PATH: '/opt/nope' },
      files: { '/usr/bin/chromium': 'Chromium 156.0' },
    });
    const r1 = await provideBrowser(missing.io);
    expect(r1.browser).toBeUndefined();
    expect(r1.line).toBe(
      'CHROMIUM_PATH is /opt/nope, which does not exist: set it to a Chromium, Chrome or Edge executable, or unset it to let npm test find or install one.',
    );
    expect(missing.ran).toEqual([]);

    const notBrowser = machine({
      env: { CHROMIUM_PATH: '/bin/ls' },
      files: { '/bin/ls': 'ls (GNU coreutils) 9.1', '/usr/bin/chromium': 'Chromium 156.0' },
    });
    const r2 = await provideBrowser(notBrowser.io);
    expect(r2.browser).toBeUndefined();
    expect(r2.line).toContain(
      'CHROMIUM_PATH is /bin/ls, which is not a Chromium-family browser (it answered "ls (GNU coreutils) 9.1" to --version)',
    );
    expect(notBrowser.changes()).toEqual([]);
  });

  it("2. Playwright's installed Chromium comes before the system's", async () => {
    const m = machine({
      files: {
        [PLAYWRIGHT]: 'Google Chrome for Testing 159.0.8154.6',
        '/usr/bin/chromium': 'Chromium 156.0',
      },
    });
    const r = await provideBrowser(m.io);
    expect(r.browser).toEqual({
      path: PLAYWRIGHT,
      version: 'Google Chrome for Testing 159.0.8154.6',
      chromiumPath: null,
    });
    expect(m.changes()).toEqual([]);
  });

  it('3. system browsers on Linux: Chromium by path, then Chrome and Edge by Playwright channel', async () => {
    const chromium = await provideBrowser(
      machine({
        files: {
          '/snap/bin/chromium': 'Chromium 150.0.7',
          '/opt/google/chrome/chrome': 'Google Chrome 158.0.1',
        },
      }).io,
    );
    expect(chromium.browser).toMatchObject({
      path: '/snap/bin/chromium',
      version: 'Chromium 150.0.7',
    });
    expect(chromium.browser?.channel).toBeUndefined();

    const chrome = await provideBrowser(
      machine({
        files: {
          '/opt/google/chrome/chrome': 'Google Chrome 158.0.1',
          '/opt/microsoft/msedge/msedge': 'Microsoft Edge 158.0.3',
        },
      }).io,
    );
    expect(chrome.browser).toMatchObject({ path: '/opt/google/chrome/chrome', channel: 'chrome' });
    expect(chrome.line).toBe(
      'Browser tests use Google Chrome 158.0.1 (Playwright channel "chrome") at /opt/google/chrome/chrome.',
    );

    const edge = await provideBrowser(
      machine({ files: { '/opt/microsoft/msedge/msedge': 'Microsoft Edge 158.0.3' } }).io,
    );
    expect(edge.browser).toMatchObject({ channel: 'msedge', version: 'Microsoft Edge 158.0.3' });
  });

  it('3. macOS: Chrome in /Applications by channel; in ~/Applications (where Playwright does not look) by path', async () => {
    const inApps = await provideBrowser(
      machine({
        platform: 'darwin',
        files: {
          '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome': 'Google Chrome 158.0.1',
        },
      }).io,
    );
    expect(inApps.browser).toMatchObject({ channel: 'chrome' });
    const inHome = await provideBrowser(
      machine({
        platform: 'darwin',
        files: {
          '/home/dev/Applications/Google Chrome.app/Contents/MacOS/Google Chrome':
            'Google Chrome 158.0.1',
        },
      }).io,
    );
    expect(inHome.browser).toMatchObject({
      path: '/home/dev/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    });
    expect(inHome.browser?.channel).toBeUndefined();
  });

  it('3. Windows: Edge under Program Files (x86), identified by its version resource', async () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const m = machine({
      platform: 'win32',
      env: {
        LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local',
        PROGRAMFILES: 'C:\\Program Files',
        'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      },
      files: { [edge]: 'Microsoft Edge 158.0.3' },
    });
    const r = await provideBrowser(m.io);
    expect(r.browser).toMatchObject({
      path: edge,
      channel: 'msedge',
      version: 'Microsoft Edge 158.0.3',
    });
    expect(m.ran).toContain(`probe ${edge}`);
  });

  it('a browser-named file that does not answer like one is skipped for the next', async () => {
    const m = machine({
      files: {
        '/usr/bin/chromium': 'chromium: error while loading shared libraries',
        '/opt/google/chrome/chrome': 'Google Chrome 158.0.1',
      },
    });
    const r = await provideBrowser(m.io);
    expect(r.browser).toMatchObject({ channel: 'chrome' });

    // Alone, and still broken after an install that did not help, it is named once in the line.
    const alone = machine({
      files: { '/usr/bin/chromium': 'chromium: error while loading shared libraries' },
      online: true,
      playwrightInstalls: {}, // exits 0, yet gives nothing usable
    });
    const r2 = await provideBrowser(alone.io);
    expect(r2.browser).toBeUndefined();
    const broken =
      '/usr/bin/chromium is not usable (it answered "chromium: error while loading shared libraries" to --version)';
    expect(r2.line.split(broken)).toHaveLength(2);
  });

  it('4. none installed and the download host answers: playwright install chromium, then that one', async () => {
    const m = machine({
      online: true,
      playwrightInstalls: { [PLAYWRIGHT]: 'Google Chrome for Testing 159.0.8154.6' },
      osRelease: DEBIAN,
      root: true,
    });
    const r = await provideBrowser(m.io);
    expect(r.browser).toMatchObject({ path: PLAYWRIGHT });
    expect(r.line).toContain('(installed by `playwright install chromium`)');
    expect(m.changes()).toEqual(['node cli.js install chromium']);
    expect(m.ran).toContain('reach https://cdn.playwright.dev');
  });

  it('4. PLAYWRIGHT_DOWNLOAD_HOST is the host that is checked', async () => {
    const m = machine({ env: { PLAYWRIGHT_DOWNLOAD_HOST: 'https://mirror.example.org/pw' } });
    await provideBrowser(m.io);
    expect(m.ran).toContain('reach https://mirror.example.org/pw');
  });

  it('5. Debian as root, offline for Playwright: apt-get install, refreshing the lists when a fresh machine has none', async () => {
    const m = machine({ osRelease: DEBIAN, root: true, apt: { lists: false, mirror: true } });
    const r = await provideBrowser(m.io);
    expect(r.browser).toMatchObject({
      path: '/usr/bin/chromium',
      version: 'Chromium 156.0.8078.114',
    });
    expect(r.line).toContain('(installed by apt-get as root)');
    const install = 'apt-get install -y -qq --no-install-recommends chromium';
    expect(m.changes()).toEqual([install, 'apt-get update -qq', install]);
    expect(m.logs).toEqual(['No browser found; installing Chromium with apt-get (as root)…']);
  });

  it('5. Ubuntu with passwordless sudo: sudo -n apt-get', async () => {
    const m = machine({ osRelease: UBUNTU, sudo: true });
    const r = await provideBrowser(m.io);
    expect(r.line).toContain('(installed by apt-get with sudo)');
    expect(m.changes()).toEqual([
      'sudo -n apt-get install -y -qq --no-install-recommends chromium',
    ]);
  });

  it('6. Debian without root or sudo: one line saying what to install, nothing run', async () => {
    const m = machine({ osRelease: DEBIAN });
    const r = await provideBrowser(m.io);
    expect(r.browser).toBeUndefined();
    expect(r.line).toBe(
      'No browser for the browser tests (https://cdn.playwright.dev is not reachable, so `playwright install chromium` cannot download; apt-get needs root or passwordless sudo): install Chromium (`sudo apt-get install chromium`) or run `npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium, Chrome or Edge executable, then run npm test again.',
    );
    expect(m.changes()).toEqual([]);
  });

  it('6. no network at all: the Playwright download and apt both fail, and the line says why', async () => {
    const m = machine({
      osRelease: DEBIAN,
      root: true,
      online: true,
      apt: { lists: false, mirror: false },
    });
    const r = await provideBrowser(m.io);
    expect(r.browser).toBeUndefined();
    expect(r.line).toContain('`playwright install chromium` failed (exit 1)');
    expect(r.line).toContain(
      "apt-get install chromium failed: E: Unable to locate package chromium (apt-get update: W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org')",
    );
    expect(r.line.split('\n')).toHaveLength(1);
    // Only the install attempts ran; a failed one leaves no browser behind to be picked up.
    expect(m.changes()).toEqual([
      'node cli.js install chromium',
      'apt-get install -y -qq --no-install-recommends chromium',
      'apt-get update -qq',
      'apt-get install -y -qq --no-install-recommends chromium',
    ]);
  });

  it('6. apt refused (mirror unreachable) after the lists were there: its error is in the line', async () => {
    const m = machine({ osRelease: DEBIAN, root: true, apt: { lists: true, mirror: false } });
    const r = await provideBrowser(m.io);
    expect(r.line).toContain('apt-get install chromium failed: E: Failed to fetch');
  });

  it('6. other Linux, macOS and Windows get advice for their system, and no apt-get', async () => {
    const fedora = machine({ osRelease: 'ID=fedora\n', root: true });
    expect((await provideBrowser(fedora.io)).line).toContain(
      'install Chromium or Google Chrome with your package manager',
    );
    expect(fedora.changes()).toEqual([]);
    const mac = machine({ platform: 'darwin' });
    expect((await provideBrowser(mac.io)).line).toContain(
      'install Google Chrome (https://www.google.com/chrome/)',
    );
    const win = machine({ platform: 'win32', env: { PROGRAMFILES: 'C:\\Program Files' } });
    expect((await provideBrowser(win.io)).line).toContain(
      'install Google Chrome or Microsoft Edge',
    );
  });
});
