import fs from 'node:fs';
import path from 'node:path';
import { startUiServer, type RunningServer } from '../../server/http/ui-server';
import { tempDir, type TestBackend } from './backend';

/**
 * The UI server on 127.0.0.1:0 over a stand-in renderer (a page and one script), so static
 * files are served without a build; every error it logs is pushed to `logged`.
 */
export function startTestUiServer(t: TestBackend, logged: unknown[]): Promise<RunningServer> {
  const ui = tempDir();
  fs.writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>Handoff</title>');
  fs.mkdirSync(path.join(ui, 'assets'));
  fs.writeFileSync(path.join(ui, 'assets', 'app.js'), 'console.log(1)');
  return startUiServer(t, {
    rendererDir: ui,
    host: '127.0.0.1',
    port: 0,
    log: { error: (_m, err) => logged.push(err) },
  });
}

/** A call as the UI makes it: POST, JSON, the header that proves it is no cross-site form. */
export const postApi = (
  base: string | URL,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(new URL(path, base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-handoff-request': '1', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The session cookie header, when there is a session. */
export const withCookie = (cookie?: string): Record<string, string> => (cookie ? { cookie } : {});
