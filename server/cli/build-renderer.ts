import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

/** `serve` on a fresh checkout: build the UI once instead of failing with a blank page. */
export function ensureRendererBuilt(dir: string, log: (line: string) => void): void {
  if (fs.existsSync(path.join(dir, 'index.html'))) return;
  const root = projectRoot();
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite))
    throw new Error(
      `The user interface is not built (${dir}) and Vite is not installed to build it.`,
    );
  log('Building the user interface (first run)…');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.renderer.config.mts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (r.status !== 0) throw new Error('Building the user interface failed (see above).');
}
