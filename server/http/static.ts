import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { safeJoin } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves the built renderer; unknown paths get index.html so /kiosk and deep links work. */
export function serveStatic(
  rendererDir: string,
  urlPath: string,
  res: ServerResponse,
  head: boolean,
): void {
  let file = safeJoin(rendererDir, urlPath, path.sep);
  if (file === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad path');
    return;
  }
  let stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat || stat.isDirectory()) {
    // Missing assets are 404s; anything else is a screen of the single-page app.
    if (urlPath.startsWith('/assets/')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    file = path.join(rendererDir, 'index.html');
    stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat) {
      res
        .writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end('The user interface is not built. Run: npm run build');
      return;
    }
  }
  const ext = path.extname(file);
  const immutable = urlPath.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (head) res.end();
  else fs.createReadStream(file).pipe(res);
}
