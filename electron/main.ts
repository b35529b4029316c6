import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';

import { DatabaseFileError, openBackend, type Backend } from '../server/app';
import { startCapacityMonitor, type CapacityMonitor } from '../server/capacity/monitor';
import { startDispatchSharing, type DispatchSharing } from '../server/capacity/sharing';
import { forwardChanges, registerIpc } from './ipc';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAllowedNavigation,
  resolveAppUrl,
} from './security';
import { isKioskLaunch, kioskWindowOptions, mainWindowOptions, preloadPath } from './window';

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
  let backend: Backend | null = null;
  let monitor: CapacityMonitor | null = null;
  let sharing: DispatchSharing | null = null;
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  // Nothing the page opens or asks for gets through by default.
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
      callback(false),
    );
    session.defaultSession.setPermissionCheckHandler(() => false);

    protocol.handle(APP_SCHEME, (request) => {
      const file = resolveAppUrl(request.url, rendererRoot, path.sep);
      if (!file) return new Response('Not found', { status: 404 });
      const target = fs.existsSync(file) ? file : path.join(rendererRoot, 'index.html');
      return net.fetch(`file://${target}`).then((res) => {
        const headers = new Headers(res.headers);
        headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        return new Response(res.body, { status: res.status, headers });
      });
    });

    try {
      // In development `npm start` builds better-sqlite3 for Electron's ABI into out/native and
      // says where; node_modules keeps the Node build that tests and serve mode use.
      const nativeBinding = app.isPackaged ? undefined : process.env.HANDOFF_NATIVE_BINDING;
      backend = openBackend({ dataDir: path.join(app.getPath('userData'), 'data'), nativeBinding });
    } catch (err) {
      const message =
        err instanceof DatabaseFileError
          ? err.message
          : `Handoff could not open its database: ${(err as Error).message}`;
      dialog.showErrorBox('Handoff cannot start', message);
      app.exit(1);
      return;
    }
    registerIpc(ipcMain, backend, { devServerUrl });
    // The dispatch capacity endpoint runs with the desktop app too; a port in use is shown in
    // Settings → Sharing with dispatch and logged, never fatal.
    monitor = startCapacityMonitor(backend);
    void startDispatchSharing(backend, monitor).then(
      (s) => {
        sharing = s;
        const st = s.status();
        if (st.url) console.log(`Capacity endpoint: ${st.url}`);
        else if (st.error) console.error(`Capacity endpoint not started: ${st.error}`);
      },
      (err: unknown) => console.error('Capacity endpoint failed', err),
    );

    const kiosk = isKioskLaunch(process.argv, process.env);
    win = new BrowserWindow(
      (kiosk ? kioskWindowOptions : mainWindowOptions)(preloadPath(__dirname)),
    );
    const stopForwarding = forwardChanges(backend, win.webContents);
    win.on('closed', () => {
      stopForwarding();
      win = null;
    });
    win.once('ready-to-show', () => win?.show());
    const page = kiosk ? 'kiosk' : 'index.html';
    void win.loadURL(
      devServerUrl
        ? new URL(kiosk ? '/kiosk' : '/', devServerUrl).toString()
        : `${APP_ORIGIN}/${page}`,
    );
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void sharing?.stop();
    monitor?.stop();
    backend?.close();
    backend = null;
  });
}
