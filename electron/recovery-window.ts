import path from 'node:path';
import type { BrowserWindowConstructorOptions, IpcMain, IpcMainEvent } from 'electron';
import type { DatabaseKey } from '../server/keys/key-file';
import type { RecoveryAttempt } from './database-key';
import {
  RECOVERY_CANCEL_CHANNEL,
  RECOVERY_SUBMIT_CHANNEL,
  type RecoveryReply,
} from './recovery-channels';
import { recoveryText, type RecoveryLanguage, type RecoveryMessageKey } from './recovery-messages';
import { mainWindowOptions } from './window';

/**
 * The small window that asks for the recovery key when the sealed database key is lost (Electron's
 * dialogs have no text field). Same hardening as the main window; its page is a static data: URL
 * whose CSP allows no script, and the preload wires the form to two IPC channels. Its texts are in
 * the operating system's language (electron/recovery-messages.ts).
 */
function recoveryWindowOptions(
  preloadPath: string,
  language: RecoveryLanguage,
): BrowserWindowConstructorOptions {
  const main = mainWindowOptions(preloadPath);
  return {
    ...main,
    width: 640,
    height: 500,
    minWidth: 480,
    minHeight: 420,
    maximizable: false,
    fullscreenable: false,
    title: recoveryText(language, 'windowTitle'),
  };
}

export const recoveryPreloadPath = (mainDir: string): string =>
  path.join(mainDir, '..', 'preload', 'recovery-preload.js');

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const RECOVERY_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The page in `language`, every text and the problem escaped. The preload's own two texts (the
 * key opened the database, main did not answer) come as data attributes of the message line: the
 * page has no script to hand them over, and the preload bundle stays free of the tables.
 */
export function recoveryPageHtml(problem: string, language: RecoveryLanguage = 'en'): string {
  const t = (key: RecoveryMessageKey) => escapeHtml(recoveryText(language, key));
  return `<!doctype html>
<html lang="${language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${RECOVERY_PAGE_CSP}">
<title>${t('windowTitle')}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:24px;background:#0f1317;color:#e8ecef}
h1{font-size:20px;margin:0 0 12px}p{margin:0 0 12px}
textarea{width:100%;box-sizing:border-box;font:15px ui-monospace,monospace;padding:8px;
background:#182028;color:#e8ecef;border:1px solid #56606b;border-radius:4px}
.row{display:flex;gap:8px;margin-top:12px}button{font:inherit;padding:6px 14px}
#message{min-height:3em;color:#ffb4a8}.muted{color:#a9b3bc}
</style></head><body>
<h1>${t('heading')}</h1>
<p>${escapeHtml(problem)}</p>
<p class="muted">${t('explanation')}</p>
<form id="recover">
<label for="recovery-key">${t('label')}</label>
<textarea id="recovery-key" rows="3" spellcheck="false" autocomplete="off" autofocus
 placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"></textarea>
<p id="message" role="alert" aria-live="assertive" data-opening="${t('opening')}"
 data-unreachable="${t('unreachable')}"></p>
<div class="row"><button type="submit">${t('submit')}</button>
<button type="button" id="cancel">${t('quit')}</button></div>
</form></body></html>`;
}

const recoveryPageUrl = (problem: string, language: RecoveryLanguage): string =>
  `data:text/html;charset=utf-8,${encodeURIComponent(recoveryPageHtml(problem, language))}`;

interface RecoveryWindow {
  readonly webContents: { readonly id: number };
  on(event: 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  close(): void;
  loadURL(url: string): Promise<void>;
}

export interface RecoveryDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => RecoveryWindow;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  preloadPath: string;
  /** Why the key is asked for (openDesktopDatabase's problem, in `language`). */
  problem: string;
  /** The language of every text of the window (recoveryLanguage of the operating system's). */
  language: RecoveryLanguage;
  /** recoverDesktopKey for this folder: checks the typed text and seals it when it opens the database. */
  tryKey(text: string): RecoveryAttempt;
  onError?(err: unknown): void;
}

/** A typed key that opened the database; `close` shuts the window once the main one is up. */
export interface RecoveredKey {
  key: DatabaseKey;
  close(): void;
}

/** A recovery key is 84 characters with its dashes; anything far longer is not one. */
const MAX_TYPED = 400;

/**
 * Opens the recovery window and resolves with the key once a typed recovery key opened the
 * database (and was sealed), or null when the user quits or closes the window (nothing changed).
 */
export function askForRecoveryKey(deps: RecoveryDeps): Promise<RecoveredKey | null> {
  const { language } = deps;
  const win = new deps.BrowserWindow(recoveryWindowOptions(deps.preloadPath, language));
  const fromWindow = (event: { sender: { id: number } }) => event.sender.id === win.webContents.id;
  return new Promise((resolve) => {
    let settled = false;
    const cleanUp = () => {
      deps.ipcMain.removeHandler(RECOVERY_SUBMIT_CHANNEL);
      deps.ipcMain.removeListener(RECOVERY_CANCEL_CHANNEL, onCancel);
    };
    const settle = (value: RecoveredKey | null) => {
      if (settled) return;
      settled = true;
      cleanUp();
      resolve(value);
    };
    const onCancel = (event: IpcMainEvent) => {
      if (!fromWindow(event)) return;
      settle(null);
      win.close();
    };
    deps.ipcMain.handle(RECOVERY_SUBMIT_CHANNEL, (event, text): RecoveryReply => {
      if (!fromWindow(event) || settled)
        return { ok: false, message: recoveryText(language, 'notAccepted') };
      if (typeof text !== 'string' || text.length > MAX_TYPED)
        return { ok: false, message: recoveryText(language, 'notAKey') };
      let attempt: RecoveryAttempt;
      try {
        attempt = deps.tryKey(text);
      } catch (err) {
        deps.onError?.(err);
        const reason = (err as Error).message;
        return { ok: false, message: recoveryText(language, 'checkFailed', { reason }) };
      }
      if (!attempt.ok) return attempt;
      settle({ key: attempt.key, close: () => win.close() });
      return { ok: true };
    });
    deps.ipcMain.on(RECOVERY_CANCEL_CHANNEL, onCancel);
    win.on('closed', () => settle(null));
    win.once('ready-to-show', () => win.show());
    void win.loadURL(recoveryPageUrl(deps.problem, language));
  });
}
