import { joinUnder, safeSegments } from '../server/http/security';
/** Electron security policy as pure functions, unit-tested without Electron. */

export const APP_SCHEME = 'app';
export const APP_HOST = 'handoff';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Sites staff may open in the system browser (help pages); everything else is refused. */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['988lifeline.org', 'www.samhsa.gov'];

export function isAllowedExternalUrl(
  raw: string,
  allowList: readonly string[] = EXTERNAL_ALLOW_LIST,
): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  return allowList.includes(url.hostname.toLowerCase());
}

/** IPC must come from our own UI in the main frame, never from an iframe or another origin. */
export function isTrustedSender(
  frameUrl: string | undefined,
  isMainFrame: boolean,
  devServerUrl?: string,
): boolean {
  if (!frameUrl || !isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST) return true;
  if (devServerUrl) {
    try {
      return url.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  }
  return false;
}

/** Navigation inside the window is only ever to our own pages. */
export function isAllowedNavigation(target: string, devServerUrl?: string): boolean {
  return isTrustedSender(target, true, devServerUrl);
}

/** Maps `app://handoff/<path>` to a file under `root`, or null on traversal / foreign host. */
export function resolveAppUrl(requestUrl: string, root: string, sep = '/'): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const parts = safeSegments(url.pathname);
  if (!parts) return null;
  return joinUnder(root, parts.length ? parts : ['index.html'], sep);
}

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
