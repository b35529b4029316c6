import { pathToFileURL } from 'node:url';
import type { Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedExternalUrl,
  isAllowedNavigation,
  resolveAppUrl,
} from './security';

/**
 * The Electron security checklist's event handlers, as functions main.ts wires up and tests call
 * with stand-ins (the Electron binary is not needed to check them).
 */

type Contents = Pick<WebContents, 'setWindowOpenHandler' | 'on'>;

/** New windows are refused (allow-listed http(s) links go to the system browser); so are
 *  navigations and redirects away from our own pages, and <webview>. */
export function hardenWebContents(
  contents: Contents,
  options: { devServerUrl?: string; openExternal(url: string): void },
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) options.openExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url, options.devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', guard as never);
  contents.on('will-redirect', guard as never);
  contents.on('will-attach-webview', ((event: { preventDefault(): void }) =>
    event.preventDefault()) as never);
}

/** Camera, microphone, notifications, geolocation, …: all refused, asked or checked. */
export function denyAllPermissions(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Serves `app://handoff/…` from the renderer folder: traversal and foreign hosts get 404, unknown
 * paths the single-page app's index.html, every answer our CSP.
 */
export function appProtocolHandler(
  rendererRoot: string,
  io: {
    exists(file: string): boolean;
    fetchFile(fileUrl: string): Promise<Response>;
    sep?: string;
  },
): (request: Request) => Promise<Response> {
  const sep = io.sep ?? '/';
  return async (request) => {
    const file = resolveAppUrl(request.url, rendererRoot, sep);
    if (!file) return new Response('Not found', { status: 404 });
    const target = io.exists(file) ? file : `${rendererRoot}${sep}index.html`;
    // pathToFileURL escapes spaces and '#' in install paths.
    const res = await io.fetchFile(pathToFileURL(target).href);
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  };
}
