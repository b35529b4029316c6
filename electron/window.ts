import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

/** The main window's options: every item of Electron's security checklist that lives here. */
export function mainWindowOptions(
  preloadPath: string,
  options: { devTools?: boolean } = {},
): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Handoff',
    backgroundColor: '#0f1317',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Packaged: no developer tools (they would let anyone at the desk lift the idle lock).
      devTools: options.devTools ?? false,
    },
  };
}

/**
 * The officer self-check-in kiosk window (`--kiosk` or HANDOFF_KIOSK=1): full screen, no menu,
 * the same security settings. Its IPC session is its own (sessions belong to the WebContents),
 * so the kiosk code typed in it binds only this window.
 */
export function kioskWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    ...mainWindowOptions(preloadPath),
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    title: 'Handoff officer check-in',
  };
}

export const isKioskLaunch = (argv: readonly string[], env: NodeJS.ProcessEnv): boolean =>
  argv.includes('--kiosk') || env.HANDOFF_KIOSK === '1';

export const preloadPath = (mainDir: string): string =>
  path.join(mainDir, '..', 'preload', 'preload.js');
