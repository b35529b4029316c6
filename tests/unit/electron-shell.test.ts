import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelFor, type HandoffBridge } from '../../core/bridge';
import { METHOD_NAMES } from '../../core/contract';
import { registerIpc } from '../../electron/ipc';
import {
  isAllowedExternalUrl,
  isAllowedNavigation,
  isTrustedSender,
  resolveAppUrl,
} from '../../electron/security';
import { mainWindowOptions } from '../../electron/window';
import { setUpBackend, type TestBackend } from '../helpers/backend';

// The Electron binary cannot be downloaded here; the shell's logic is tested against a stand-in.
const exposed: Record<string, unknown> = {};
const invoke = vi.fn(async (channel: string, input: unknown) => ({ channel, input }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

type InvokeHandler = (event: unknown, input: unknown) => Promise<unknown>;
function fakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    ipcMain: { handle: (channel: string, h: InvokeHandler) => handlers.set(channel, h) },
  };
}
const event = (url: string, opts: { mainFrame?: boolean; id?: number } = {}) => {
  const mainFrame = { url };
  const sender = { id: opts.id ?? 1, mainFrame };
  return { sender, senderFrame: opts.mainFrame === false ? { url } : mainFrame };
};

describe('Electron window', () => {
  it('uses every security option of the checklist', () => {
    const o = mainWindowOptions('/app/out/preload/preload.js');
    expect(o.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/app/out/preload/preload.js',
    });
  });
});

describe('Electron security policy', () => {
  it('trusts only the app:// main frame (or the dev server in development)', () => {
    expect(isTrustedSender('app://handoff/index.html', true)).toBe(true);
    expect(isTrustedSender('app://handoff/index.html', false)).toBe(false);
    expect(isTrustedSender('app://other/index.html', true)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender('file:///etc/passwd', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('https://evil.example/')).toBe(false);
  });

  it('opens only allow-listed http(s) URLs externally', () => {
    expect(isAllowedExternalUrl('https://988lifeline.org/help')).toBe(true);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@988lifeline.org/')).toBe(false);
  });

  it('maps app:// URLs into the renderer folder and refuses traversal', () => {
    expect(resolveAppUrl('app://handoff/index.html', '/r')).toBe('/r/index.html');
    expect(resolveAppUrl('app://handoff/', '/r')).toBe('/r/index.html');
    expect(resolveAppUrl('app://handoff/assets/a.js?x=1', '/r')).toBe('/r/assets/a.js');
    // The URL parser folds dot segments, so this stays inside the root.
    expect(resolveAppUrl('app://handoff/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(resolveAppUrl('app://handoff/a/..%2f..%2fsecret', '/r')).toBeNull();
    expect(resolveAppUrl('app://handoff/..%5csecret', '/r')).toBeNull();
    expect(resolveAppUrl('app://elsewhere/index.html', '/r')).toBeNull();
  });
});

describe('preload bridge', () => {
  it('exposes one named function per contract method and nothing else', async () => {
    await import('../../electron/preload');
    const bridge = exposed.handoff as HandoffBridge;
    expect(Object.keys(bridge.api).sort()).toEqual([...METHOD_NAMES].sort());
    await bridge.api['session.status']({});
    expect(invoke).toHaveBeenCalledWith(channelFor('session.status'), {});
    // notify: desk alerts as system notifications (electron/notify.ts), one-way and checked.
    expect(Object.keys(bridge).sort()).toEqual(['api', 'notify', 'onChange']);
  });
});

describe('IPC registration', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = (await setUpBackend()).t;
  });
  afterEach(() => t.cleanup());

  it('registers every contract method', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain as never, t);
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelFor).sort());
  });

  it('refuses a call from an unexpected frame and answers our window', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain as never, t);
    const status = handlers.get(channelFor('session.status'))!;
    expect(await status(event('https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await status(event('app://handoff/index.html', { mainFrame: false }), {})).toMatchObject(
      { ok: false, error: { code: 'forbidden' } },
    );
    expect(await status(event('app://handoff/index.html'), {})).toMatchObject({
      ok: true,
      value: { user: null },
    });
  });

  it('binds the session to the window and validates input with the schema', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    registerIpc(ipcMain as never, t);
    const call = (m: (typeof METHOD_NAMES)[number], input: unknown, id = 1) =>
      handlers.get(channelFor(m))!(event('app://handoff/index.html', { id }), input);
    expect(await call('auth.signIn', { username: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await call('auth.signIn', { username: 'ada', password: 'correct horse battery' }),
    ).toMatchObject({ ok: true });
    expect(await call('users.list', {})).toMatchObject({ ok: true });
    expect(await call('users.list', {}, 2)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    await call('auth.signOut', {});
    expect(await call('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });
});
