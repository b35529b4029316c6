import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, type Row } from './lib';

/** The JavaScript a first screen downloads: the entry script and its modulepreloads, gzipped. */
export function initialJsGzip(): Row {
  const dir = path.join(ROOT, 'out', 'renderer');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/(?:src|href)="(?:\.\/|\/)?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1]!,
  );
  const bytes = srcs.reduce(
    (sum, s) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, s)), { level: 9 }).length,
    0,
  );
  const kb = bytes / 1024;
  return {
    name: 'renderer initial JavaScript (gzip)',
    value: `${kb.toFixed(1)} KB in ${srcs.length} file(s)`,
    budget: '≤ 300 KB',
    pass: kb <= 300,
  };
}
