import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  Notification,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';

import { DatabaseFileError, DB_FILE_NAME, openBackend, type Backend } from '../server/app';
import { openDesktopDatabase, recoverDesktopKey } from './database-key';
import { recoveryLanguage } from './recovery-messages';
import { askForRecoveryKey, recoveryPreloadPath, type RecoveredKey } from './recovery-window';
import { startBackgroundCheck } from '../server/integrity';
import { setRuntimeInfo } from '../server/runtime-info';
import { capacityWorkerFile, startServices, stopServices, type Services } from '../server/services';
import { appProtocolHandler, denyAllPermissions, hardenWebContents } from './hardening';
import { forwardChanges, registerIpc } from './ipc';
import { createMainLog } from './logging';
import { registerNotifications } from './notify';
import { APP_ORIGIN, APP_SCHEME } from './security';
import { isKioskLaunch, kioskWindowOptions, mainWindowOptions, preloadPath } from './window';

/** The longest a quit waits for its backup; a hung disk must not keep the app from closing. */
export const QUIT_BACKUP_TIMEOUT_MS = 15_000;

// Two copies on one database would be a data-loss bug: the second one hands over and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  start();
}

function start(): void {
  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const rendererRoot = path.join(__dirname, '..', 'renderer');
  const log = createMainLog(app.getPath('logs'), { console: !app.isPackaged });
  log.info(`Handoff ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'})`);
  let backend: Backend | null = null;
  let services: Services | null = null;
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Nothing the page opens or asks for gets through by default.
  app.on('web-contents-created', (_e, contents) => {
    hardenWebContents(contents, {
      devServerUrl,
      openExternal: (url) => void shell.openExternal(url),
    });
  });

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    protocol.handle(
      APP_SCHEME,
      appProtocolHandler(rendererRoot, {
        exists: (f) => fs.existsSync(f),
        fetchFile: (url) => net.fetch(url),
        sep: path.sep,
      }),
    );

    // In development `npm start` builds better-sqlite3 for Electron's ABI into out/native and
    // says where; node_modules keeps the Node build that tests and serve mode use.
    const nativeBinding = app.isPackaged ? undefined : process.env.HANDOFF_NATIVE_BINDING;
    const userData = app.getPath('userData');
    const dataDir = path.join(userData, 'data');
    const dbFile = path.join(dataDir, DB_FILE_NAME);
    let recovered: RecoveredKey | null = null;
    // Without the database the facility's language cannot be read: the recovery window speaks
    // the operating system's.
    const language = recoveryLanguage([...app.getPreferredSystemLanguages(), app.getLocale()]);
    try {
      const found = openDesktopDatabase(userData, dataDir, safeStorage, {
        nativeBinding,
        language,
      });
      if (found.kind === 'open') backend = found.backend;
      else {
        log.warn(`asking for the recovery key: ${found.problem}`);
        recovered = await askForRecoveryKey({
          BrowserWindow,
          ipcMain,
          preloadPath: recoveryPreloadPath(__dirname),
          problem: found.problem,
          language,
          tryKey: (text) =>
            recoverDesktopKey(userData, dbFile, safeStorage, text, { nativeBinding, language }),
          onError: (err) => log.error('checking a recovery key failed', err),
        });
        if (!recovered) {
          log.info('recovery cancelled; nothing was changed');
          app.quit();
          return;
        }
        log.info('database key recovered from the recovery key and sealed');
        backend = openBackend({ dataDir, nativeBinding, key: recovered.key });
      }
    } catch (err) {
      const message =
        err instanceof DatabaseFileError
          ? err.message
          : `Handoff could not open its database: ${(err as Error).message}`;
      log.error('cannot open the database', err);
      dialog.showErrorBox('Handoff cannot start', message);
      app.exit(1);
      return;
    }
    setRuntimeInfo(backend, { shell: 'desktop', version: app.getVersion(), logFolder: log.folder });
    registerIpc(ipcMain, backend, { devServerUrl, log });
    registerNotifications(ipcMain, {
      Notification,
      devServerUrl,
      focusWindow: () => {
        if (!win || win.isDestroyed()) return;
        if (win.isMinimized()) win.restore();
        win.focus();
      },
    });
    log.info(`database open in ${backend.dataDir}`);
    // The dispatch capacity endpoint runs with the desktop app too; a port in use is shown in
    // Settings → Sharing with dispatch and logged, never fatal. The listener runs on its own
    // thread (bundled next to main.js) so that polls never wait for a desk's fsync or a window's
    // IPC on this thread.
    services = startServices(backend, log, { workerFile: capacityWorkerFile(__dirname) });
    void services.sharing.then(
      (s) => {
        const st = s.status();
        if (st.url) log.info(`Capacity endpoint: ${st.url}`);
        else if (st.error) log.warn(`Capacity endpoint not started: ${st.error}`);
      },
      (err: unknown) => log.error('Capacity endpoint failed', err),
    );

    const kiosk = isKioskLaunch(process.argv, process.env);
    win = new BrowserWindow(
      kiosk
        ? kioskWindowOptions(preloadPath(__dirname))
        : mainWindowOptions(preloadPath(__dirname), { devTools: !app.isPackaged }),
    );
    const stopForwarding = forwardChanges(backend, win.webContents);
    win.on('closed', () => {
      stopForwarding();
      win = null;
    });
    win.once('ready-to-show', () => win?.show());
    // Only now: closing the last window would quit the app.
    recovered?.close();
    const page = kiosk ? 'kiosk' : 'index.html';
    void win.loadURL(
      devServerUrl
        ? new URL(kiosk ? '/kiosk' : '/', devServerUrl).toString()
        : `${APP_ORIGIN}/${page}`,
    );
    // A large database was checked only in part at open: the rest now, off the start path. The
    // window shows the message itself (session.status); the log keeps it.
    const opened = backend;
    win.once('ready-to-show', () =>
      startBackgroundCheck(opened, {
        nativeBinding: app.isPackaged ? undefined : process.env.HANDOFF_NATIVE_BINDING,
        onDamaged: (message) => log.error(`database damaged: ${message}`),
        onError: (err) => log.error('integrity check could not run', err),
      }),
    );
  });

  app.on('window-all-closed', () => app.quit());

  // On the way out: a verified backup, then the database is closed cleanly.
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting || !backend) return;
    quitting = true;
    event.preventDefault();
    const b = backend;
    void (
      services
        ? stopServices(b, services, log, { backupTimeoutMs: QUIT_BACKUP_TIMEOUT_MS })
        : Promise.resolve()
    ).finally(() => {
      backend = null;
      try {
        b.close();
      } catch (err) {
        log.error('closing the database failed', err);
      }
      log.info('Handoff stopped');
      app.exit(0);
    });
  });
}
