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

/** The longest name a file system takes for one path segment (bytes): longer cannot be a file. */
const MAX_NAME_BYTES = 255;

const notFound = (res: ServerResponse): void => {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
};

/**
 * The file's stat, or `undefined` when there is none, or `null` when the path cannot name a file
 * at all (a segment below a file, a name too long): a client's mistake, not ours, so no throw.
 */
function lookUp(file: string): fs.Stats | undefined | null {
  if (file.split(path.sep).some((seg) => Buffer.byteLength(seg) > MAX_NAME_BYTES)) return null;
  try {
    return fs.statSync(file, { throwIfNoEntry: false });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'EINVAL') return null;
    throw err;
  }
}

/**
 * Serves the built renderer; unknown paths get index.html so /kiosk and deep links work. A path
 * no file could ever have (below a file, a name too long) is a 404, like a missing asset.
 */
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
  let stat = lookUp(file);
  if (stat === null) return notFound(res);
  if (!stat || stat.isDirectory()) {
    // Missing assets are 404s; anything else is a screen of the single-page app.
    if (urlPath.startsWith('/assets/')) return notFound(res);
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
  // A file removed between stat and read (a rebuild) ends the answer; nothing to log.
  else
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
}
