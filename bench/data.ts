import fs from 'node:fs';
import path from 'node:path';
import { runCli } from './lib';

const cache = new Map<number, Promise<string>>();

/**
 * A data folder holding `handoff.db` with `n` generated encounters (`handoff generate`, seed
 * `bench`, ending yesterday), made once per run in the run's temporary folder and shared by the
 * sections that read it. Returns the data folder.
 */
export function generatedDataDir(tmp: string, n: number): Promise<string> {
  let p = cache.get(n);
  if (!p) {
    p = (async () => {
      const dir = path.join(tmp, `generated-${n}`);
      fs.mkdirSync(dir, { recursive: true });
      const r = await runCli([
        'generate',
        '--encounters',
        String(n),
        '--out',
        path.join(dir, 'handoff.db'),
        '--seed',
        'bench',
      ]);
      if (r.code !== 0) throw new Error(`handoff generate --encounters ${n} failed:\n${r.stderr}`);
      process.stderr.write(`  (generated ${n} encounters in ${(r.wallMs / 1000).toFixed(1)} s)\n`);
      // Encrypted like every real database (first start: encrypted in place, key file beside
      // the folder), before any section times a start or a read.
      const t0 = performance.now();
      const b = await runCli(['backup', '--data-dir', dir]);
      if (b.code !== 0) throw new Error(`encrypting the generated database failed:\n${b.stderr}`);
      fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true });
      process.stderr.write(
        `  (encrypted it in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
      );
      return dir;
    })();
    cache.set(n, p);
  }
  return p;
}
