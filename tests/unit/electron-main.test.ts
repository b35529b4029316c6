import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTIFY_CHANNEL, channelFor } from '../../core/bridge';
import { METHOD_NAMES } from '../../core/contract';
import { appProtocolHandler } from '../../electron/hardening';
import { tempDir } from '../helpers/backend';

/**
 * main.ts as wired, against a stand-in for Electron: the handlers it registers are pulled out of
 * the fakes and exercised the way Electron would call them.
 */
const h = vi.hoisted(() => ({
  appEvents: new Map<string, (...args: unknown[]) => unknown>(),
  ready: null as null | (() => void),
  readyPromise: null as null | Promise<void>,
  protocolHandlers: new Map<string, (req: Request) => Promise<Response>>(),
  privileged: [] as unknown[],
  ipcChannels: [] as string[],
  ipcListeners: [] as string[],
  ipcHandlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
  windows: [] as { options: Record<string, unknown>; url?: string }[],
  permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: null as null | ((...a: unknown[]) => boolean),
  opened: [] as string[],
  fetched: [] as string[],
  exitCode: null as number | null,
  quitCalled: 0,
  singleInstance: true,
  dirs: { userData: '', logs: '' },
}));

vi.mock('electron', async () => {
  const { fakeSealer } = await import('../helpers/keyed');
  const { fakeApp } = await import('../helpers/fake-electron');
  class FakeWindow {
    webContents = { isDestroyed: () => false, send: () => undefined };
    constructor(options: Record<string, unknown>) {
      h.windows.push({ options });
    }
    on() {}
    once() {}
    loadURL(url: string) {
      h.windows.at(-1)!.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: fakeApp(h),
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => h.privileged.push(...s),
      handle: (scheme: string, fn: (req: Request) => Promise<Response>) =>
        h.protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof h.permissionRequest) => (h.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof h.permissionCheck) => (h.permissionCheck = fn),
      },
    },
    net: {
      fetch: (url: string) => {
        h.fetched.push(url);
        return Promise.resolve(new Response('<html></html>', { status: 200 }));
      },
    },
    shell: { openExternal: (url: string) => (h.opened.push(url), Promise.resolve()) },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => {
        h.ipcChannels.push(channel);
        h.ipcHandlers.set(channel, fn);
      },
      // One-way channels (desk-alert notifications, electron/notify.ts).
      on: (channel: string) => h.ipcListeners.push(channel),
    },
    Notification: { isSupported: () => false },
    dialog: { showErrorBox: () => undefined },
    safeStorage: fakeSealer(),
    BrowserWindow: FakeWindow,
  };
});

const root = tempDir('handoff-main-');
beforeAll(async () => {
  h.dirs.userData = path.join(root, 'user');
  h.dirs.logs = path.join(root, 'logs');
  await import('../../electron/main');
  h.ready!();
  await h.readyPromise;
  await new Promise((r) => setTimeout(r, 50));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function fakeContents() {
  const events = new EventEmitter();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  return {
    events,
    open: (url: string) => openHandler!({ url }),
    contents: {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (name: string, fn: (...a: unknown[]) => void) => events.on(name, fn),
    },
    fire(name: string, url?: string) {
      let prevented = false;
      events.emit(name, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
  };
}

describe('electron/main.ts as wired', () => {
  it('registers app:// as a secure standard scheme and loads the UI from it in a hardened window', () => {
    expect(h.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]!.url).toBe('app://handoff/index.html');
    expect(h.windows[0]!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false, // packaged
    });
  });

  it('every web contents refuses navigation, redirects, webviews and new windows', () => {
    const c = fakeContents();
    h.appEvents.get('web-contents-created')!({}, c.contents);
    expect(c.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(c.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(c.fire('will-redirect', 'http://127.0.0.1:5870/')).toBe(true);
    expect(c.fire('will-navigate', 'app://handoff/index.html#/settings')).toBe(false);
    expect(c.fire('will-attach-webview')).toBe(true);

    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(c.open('https://988lifeline.org/help')).toEqual({ action: 'deny' });
    expect(c.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    // Only the allow-listed https link went to the system browser.
    expect(h.opened).toEqual(['https://988lifeline.org/help']);
  });

  it('denies every permission request and check', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      h.permissionRequest!({}, p, (ok) => (granted = ok));
      expect(granted, p).toBe(false);
      expect(h.permissionCheck!({}, p, 'app://handoff'), p).toBe(false);
    }
  });

  it('app:// serves only files under the renderer folder, with the CSP; traversal gets 404', async () => {
    const serveApp = h.protocolHandlers.get('app')!;
    const ok = await serveApp(new Request('app://handoff/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const bad of [
      'app://handoff/..%2f..%2f..%2fetc%2fpasswd',
      'app://handoff/assets/..%5c..%5csecret',
      'app://handoff/%00index.html',
      'app://other-host/index.html',
    ]) {
      const before = h.fetched.length;
      const res = await serveApp(new Request(bad));
      expect(res.status, bad).toBe(404);
      expect(h.fetched.length, bad).toBe(before);
    }
    // main.ts serves <its folder>/../renderer: out/renderer when built, renderer/ from source.
    const rendererRoot = path.resolve(__dirname, '..', '..', 'renderer');
    expect(h.fetched.length).toBeGreaterThan(0);
    for (const url of h.fetched)
      expect(decodeURIComponent(new URL(url).pathname).startsWith(rendererRoot)).toBe(true);
  });

  it('registers an IPC handler for every contract method, and nothing else', () => {
    expect([...h.ipcChannels].sort()).toEqual(METHOD_NAMES.map(channelFor).sort());
    // …plus the one one-way channel: desk alerts as system notifications.
    expect(h.ipcListeners).toEqual([NOTIFY_CHANNEL]);
  });

  it('logs to a file in the logs folder, and About (over IPC) reports it', async () => {
    const log = fs.readFileSync(path.join(h.dirs.logs, 'main.log'), 'utf8');
    expect(log).toMatch(/Handoff 9\.9\.9 starting/);
    expect(log).toContain('database open in');

    const frame = { url: 'app://handoff/index.html' };
    const event = { sender: { id: 7, mainFrame: frame }, senderFrame: frame };
    const call = (m: string, input: unknown) =>
      h.ipcHandlers.get(channelFor(m as never))!(event, input);
    expect(
      await call('setup.create', {
        facility: { name: 'Desk Test Center', timeZone: 'UTC' },
        admin: { displayName: 'Ada', username: 'ada', password: 'correct horse battery' },
      }),
    ).toMatchObject({ ok: true });
    expect(await call('app.about', {})).toMatchObject({
      ok: true,
      value: {
        version: '9.9.9',
        shell: 'desktop',
        logFolder: h.dirs.logs,
        dataFolder: path.join(h.dirs.userData, 'data'),
      },
    });
  });

  it('on quit: waits for a verified backup, closes the database, then exits', async () => {
    let prevented = false;
    h.appEvents.get('will-quit')!({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(h.exitCode).toBe(0), { timeout: 10_000 });
    const backups = fs.readdirSync(path.join(h.dirs.userData, 'data', 'backups'));
    expect(backups.some((b) => b.startsWith('handoff-quit-'))).toBe(true);
    const mode = fs.statSync(path.join(h.dirs.userData, 'data', 'handoff.db')).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(fs.readFileSync(path.join(h.dirs.logs, 'main.log'), 'utf8')).toContain(
      'Handoff stopped',
    );
  });
});

describe('app:// protocol handler (unit)', () => {
  it('falls back to index.html for unknown paths (single-page app) and never leaves the root', async () => {
    const fetched: string[] = [];
    const handler = appProtocolHandler('/opt/Handoff Test/renderer', {
      exists: (f) => f.endsWith('.js'),
      fetchFile: (u) => (fetched.push(u), Promise.resolve(new Response('x'))),
    });
    await handler(new Request('app://handoff/assets/app.js'));
    await handler(new Request('app://handoff/settings'));
    expect(fetched).toEqual([
      'file:///opt/Handoff%20Test/renderer/assets/app.js',
      'file:///opt/Handoff%20Test/renderer/index.html',
    ]);
  });
});
