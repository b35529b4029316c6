import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { keyOf } from '../../db/cipher';
import { openDesktopDatabase, SEALED_KEY_FILE } from '../../electron/database-key';
import { RECOVERY_CANCEL_CHANNEL, RECOVERY_SUBMIT_CHANNEL } from '../../electron/recovery-channels';
import {
  recoveryLanguage,
  RECOVERY_MESSAGES,
  recoveryText,
} from '../../electron/recovery-messages';
import { recoveryPageHtml, RECOVERY_PAGE_CSP } from '../../electron/recovery-window';
import { formatRecoveryKey, newDatabaseKey } from '../../server/keys/key-file';
import { tempDir } from '../helpers/backend';
import type { DriverModule } from '../helpers/counted-driver';
import { fakeSealer, snapshot } from '../helpers/keyed';

/**
 * main.ts when the sealed database key is lost: the recovery window it opens, against a stand-in
 * for Electron (the binary cannot run here). The IPC handlers it registers are called the way the
 * recovery window's preload would.
 */
type Handler = (event: unknown, ...args: unknown[]) => unknown;
const h = vi.hoisted(() => ({
  appEvents: new Map<string, (...args: unknown[]) => unknown>(),
  ready: null as null | (() => void),
  readyPromise: null as null | Promise<void>,
  windows: [] as {
    options: Record<string, unknown>;
    url?: string;
    closed: boolean;
    id: number;
    close(): void;
  }[],
  handlers: new Map<string, Handler>(),
  listeners: new Map<string, Handler>(),
  errors: [] as string[],
  exitCode: null as number | null,
  quitCalled: 0,
  dirs: { userData: '', logs: '' },
  account: 'os-user-1',
  locale: 'en-US',
}));

/** Every SQLite connection made in this thread, by file name: the real driver, only counted. */
const connections = vi.hoisted(() => [] as string[]);
vi.mock('better-sqlite3', async (importOriginal) => {
  const { countedDriver } = await import('../helpers/counted-driver');
  return countedDriver(await importOriginal<DriverModule>(), connections);
});

vi.mock('electron', async () => {
  const { fakeSealer } = await import('../helpers/keyed');
  const { fakeApp } = await import('../helpers/fake-electron');
  let nextId = 1;
  class FakeWindow {
    private events = new Map<string, () => void>();
    readonly record;
    webContents;
    constructor(options: Record<string, unknown>) {
      const id = nextId++;
      this.webContents = { id, isDestroyed: () => false, send: () => undefined };
      this.record = {
        options,
        closed: false,
        id,
        close: () => this.close(),
      } as (typeof h.windows)[number];
      h.windows.push(this.record);
    }
    on(name: string, fn: () => void) {
      this.events.set(name, fn);
    }
    once(name: string, fn: () => void) {
      this.events.set(name, fn);
    }
    show() {}
    close() {
      if (this.record.closed) return;
      this.record.closed = true;
      this.events.get('closed')?.();
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  return {
    app: fakeApp(h),
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
      },
    },
    net: { fetch: () => Promise.resolve(new Response('')) },
    shell: { openExternal: () => Promise.resolve() },
    ipcMain: {
      handle: (channel: string, fn: Handler) => h.handlers.set(channel, fn),
      removeHandler: (channel: string) => h.handlers.delete(channel),
      on: (channel: string, fn: Handler) => h.listeners.set(channel, fn),
      removeListener: (channel: string) => h.listeners.delete(channel),
    },
    Notification: { isSupported: () => false },
    dialog: { showErrorBox: (_title: string, message: string) => h.errors.push(message) },
    safeStorage: fakeSealer(() => h.account),
    BrowserWindow: FakeWindow,
  };
});

const root = tempDir('handoff-recovery-');
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let dbFile = '';
let recoveryKey = '';

/** A desktop folder made under one OS account; the app then starts under another. */
beforeEach(() => {
  h.dirs.userData = fs.mkdtempSync(path.join(root, 'user-'));
  h.dirs.logs = path.join(h.dirs.userData, 'logs');
  const dataDir = path.join(h.dirs.userData, 'data');
  dbFile = path.join(dataDir, 'handoff.db');
  const start = openDesktopDatabase(h.dirs.userData, dataDir, fakeSealer('os-user-1'));
  if (start.kind !== 'open') throw new Error(start.problem);
  recoveryKey = formatRecoveryKey(keyOf(start.backend.db)!);
  start.backend.close();
  h.account = 'os-user-2';
  h.locale = 'en-US';
  h.windows.length = 0;
  h.handlers.clear();
  h.listeners.clear();
  h.errors.length = 0;
  h.exitCode = null;
  h.quitCalled = 0;
});

async function startApp() {
  vi.resetModules();
  await import('../../electron/main');
  h.ready!();
  await h.readyPromise;
  await vi.waitFor(() => expect(h.windows.length).toBeGreaterThan(0));
}

const pageOf = (w: (typeof h.windows)[number]) =>
  decodeURIComponent(w.url!.replace(/^data:text\/html;charset=utf-8,/, ''));

const fromWindow = (id: number) => ({ sender: { id } });
const submit = (id: number, text: unknown) =>
  h.handlers.get(RECOVERY_SUBMIT_CHANNEL)!(fromWindow(id), text);

describe('desktop start without its sealed key: the recovery window', () => {
  it('opens a hardened window with its own preload and a script-free page, not the app', async () => {
    await startApp();
    expect(h.windows).toHaveLength(1);
    const [w] = h.windows;
    expect(w!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String((w!.options.webPreferences as { preload: string }).preload)).toMatch(
      /preload[\\/]recovery-preload\.js$/,
    );
    expect(w!.url).toMatch(/^data:text\/html/);
    const html = pageOf(w!);
    expect(html).toContain(RECOVERY_PAGE_CSP);
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/cannot be opened by this user account/);
    // An English-speaking system (the stand-in's default): the page as before.
    expect(html).toContain('<html lang="en">');
    expect(w!.options.title).toBe('Handoff: recover the database key');
    expect(html).toContain('<label for="recovery-key">Recovery key</label>');
    expect(html).toContain('data-opening="The key opens the database. Starting Handoff…"');
    // No contract method is reachable while the database is closed.
    expect([...h.handlers.keys()]).toEqual([RECOVERY_SUBMIT_CHANNEL]);
    h.listeners.get(RECOVERY_CANCEL_CHANNEL)!(fromWindow(w!.id));
  });

  it('a wrong, mistyped or foreign key: a clear message, every file unchanged, the app not started', async () => {
    await startApp();
    const id = h.windows[0]!.id;
    // Everything but the app's own log.
    const withoutLog = () => {
      const { 'logs/main.log': _log, ...rest } = snapshot(h.dirs.userData);
      return rest;
    };
    const dataBefore = withoutLog();
    expect(await submit(id, formatRecoveryKey(newDatabaseKey()))).toEqual({
      ok: false,
      message: expect.stringMatching(/does not open the database/),
    });
    expect(await submit(id, 'ABCD-1234')).toMatchObject({ ok: false });
    expect(await submit(id, 42)).toMatchObject({ ok: false });
    expect(await submit(id, 'A'.repeat(10_000))).toMatchObject({ ok: false });
    // Another window (or frame) than the recovery window is not listened to, even with the key.
    expect(await submit(id + 100, recoveryKey)).toMatchObject({ ok: false });
    expect(withoutLog()).toEqual(dataBefore);
    expect(h.windows).toHaveLength(1);
    h.listeners.get(RECOVERY_CANCEL_CHANNEL)!(fromWindow(id));
  });

  it('the right key is sealed for this account, the app starts, then the recovery window closes', async () => {
    await startApp();
    const recovery = h.windows[0]!;
    expect(await submit(recovery.id, recoveryKey.toLowerCase())).toEqual({ ok: true });
    await vi.waitFor(() => expect(h.windows).toHaveLength(2));
    expect(h.windows[1]!.url).toBe('app://handoff/index.html');
    expect(recovery.closed).toBe(true);
    expect(h.handlers.has(RECOVERY_SUBMIT_CHANNEL)).toBe(false);
    const sealed = path.join(h.dirs.userData, SEALED_KEY_FILE);
    expect(fs.statSync(sealed).mode & 0o777).toBe(0o600);
    expect(
      formatRecoveryKey(
        Buffer.from(fakeSealer('os-user-2').decryptString(fs.readFileSync(sealed)), 'hex'),
      ),
    ).toBe(recoveryKey);
    // The app runs on the recovered key; quitting closes the database cleanly.
    h.appEvents.get('will-quit')!({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(h.exitCode).toBe(0), { timeout: 10_000 });
    expect(h.errors).toEqual([]);
  });

  it('Quit (or closing the window) quits and changes nothing', async () => {
    await startApp();
    const before = snapshot(path.join(h.dirs.userData, 'data'));
    const sealedBefore = fs.readFileSync(path.join(h.dirs.userData, SEALED_KEY_FILE));
    h.listeners.get(RECOVERY_CANCEL_CHANNEL)!(fromWindow(h.windows[0]!.id));
    await vi.waitFor(() => expect(h.quitCalled).toBeGreaterThan(0));
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]!.closed).toBe(true);
    expect(h.exitCode).toBeNull();
    expect(snapshot(path.join(h.dirs.userData, 'data'))).toEqual(before);
    expect(fs.readFileSync(path.join(h.dirs.userData, SEALED_KEY_FILE)).equals(sealedBefore)).toBe(
      true,
    );
    expect(fs.existsSync(path.join(h.dirs.userData, `${SEALED_KEY_FILE}.previous`))).toBe(false);

    await startApp();
    h.windows.at(-1)!.close();
    await vi.waitFor(() => expect(h.quitCalled).toBeGreaterThan(1));
    expect(snapshot(path.join(h.dirs.userData, 'data'))).toEqual(before);
  });
});

describe('the recovery window in the operating system’s language', () => {
  it('a Spanish-speaking system: a Spanish page and Spanish replies, the same checks', async () => {
    h.locale = 'es-MX';
    await startApp();
    const [w] = h.windows;
    expect(w!.options.title).toBe('Handoff: recuperar la clave de la base de datos');
    const html = pageOf(w!);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<title>Handoff: recuperar la clave de la base de datos</title>');
    expect(html).toContain('<h1>Recuperar la clave de la base de datos</h1>');
    expect(html).toContain('<label for="recovery-key">Clave de recuperación</label>');
    expect(html).toContain('Configuración → Protección de los datos');
    expect(html).toContain('<button type="submit">Abrir Handoff</button>');
    expect(html).toContain('>Salir</button>');
    expect(html).toContain('data-opening="La clave abre la base de datos. Iniciando Handoff…"');
    // The problem openDesktopDatabase found, in Spanish too; the CSP still allows no script.
    expect(html).toMatch(/Esta cuenta de usuario no puede abrir la clave sellada/);
    expect(html).not.toMatch(/cannot be opened|Recovery key|Open Handoff/);
    expect(html).toContain(RECOVERY_PAGE_CSP);
    expect(html).not.toMatch(/<script/i);

    expect(await submit(w!.id, formatRecoveryKey(newDatabaseKey()))).toEqual({
      ok: false,
      message: RECOVERY_MESSAGES.es.wrongKey,
    });
    expect(await submit(w!.id, 'ABCD-1234')).toEqual({
      ok: false,
      message: RECOVERY_MESSAGES.es.malformedKey,
    });
    const mistyped = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1);
    expect(await submit(w!.id, mistyped)).toEqual({
      ok: false,
      message: RECOVERY_MESSAGES.es.mistypedKey,
    });
    expect(await submit(w!.id, 42)).toEqual({ ok: false, message: RECOVERY_MESSAGES.es.notAKey });
    expect(await submit(w!.id + 100, recoveryKey)).toEqual({
      ok: false,
      message: RECOVERY_MESSAGES.es.notAccepted,
    });
    expect(h.windows).toHaveLength(1);
    expect(await submit(w!.id, recoveryKey)).toEqual({ ok: true });
    await vi.waitFor(() => expect(h.windows).toHaveLength(2));
    h.appEvents.get('will-quit')!({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(h.exitCode).toBe(0), { timeout: 10_000 });
  });

  it('the language: Spanish for any es locale, English for en and for any other', () => {
    for (const locale of ['es-MX', 'es-US', 'es', 'es-419', 'ES_es'])
      expect(recoveryLanguage([locale]), locale).toBe('es');
    for (const locale of ['en-US', 'en-GB', 'fr-FR', 'zh-CN', ''])
      expect(recoveryLanguage([locale]), locale).toBe('en');
    expect(recoveryLanguage([])).toBe('en');
    // The first preferred language the desk has decides, as in the renderer.
    expect(recoveryLanguage(['fr-FR', 'es-MX', 'en-US'])).toBe('es');
    expect(recoveryLanguage(['en-US', 'es-MX'])).toBe('en');
  });

  it('both tables have the same keys and the same params, and no text is left empty', () => {
    const params = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    const { en, es } = RECOVERY_MESSAGES;
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(params(es[key]), key).toEqual(params(en[key]));
      expect(es[key].trim(), key).not.toBe('');
      expect(es[key], key).not.toBe(en[key]);
    }
    expect(recoveryText('es', 'checkFailed', { reason: 'disk I/O error.' })).toBe(
      'No se pudo comprobar la clave: disk I/O error. No se cambió nada.',
    );
  });
});

describe('desktop start with its sealed key', () => {
  it('opens the database once and the app window, without the recovery window', async () => {
    h.account = 'os-user-1';
    connections.length = 0;
    await startApp();
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]!.url).toBe('app://handoff/index.html');
    expect(h.handlers.has(RECOVERY_SUBMIT_CHANNEL)).toBe(false);
    expect(connections.filter((c) => c === dbFile)).toHaveLength(1);
    h.appEvents.get('will-quit')!({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(h.exitCode).toBe(0), { timeout: 10_000 });
    expect(h.errors).toEqual([]);
  });
});

describe('recovery page', () => {
  it('shows the problem as text, never as markup', () => {
    const html = recoveryPageHtml('<img src=x onerror=alert(1)> & "quotes"');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toContain('<img');
  });
});
