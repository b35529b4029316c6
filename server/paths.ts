import fs from 'node:fs';
import path from 'node:path';

/** The project (or packaged app) root: the nearest folder above this file with our package.json. */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'handoff')
          return dir;
      } catch {
        /* keep walking */
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const rendererDir = (): string =>
  process.env.HANDOFF_RENDERER_DIR ?? path.join(projectRoot(), 'out', 'renderer');
