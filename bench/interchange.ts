import fs from 'node:fs';
import path from 'node:path';
import { fmt, median, runCli, type Row } from './lib';

/**
 * Import: `handoff import` of a CSV v1 file of `rows` encounters (exported from a generated
 * history) into a fresh empty database, median of `runs`, each into its own folder.
 */
export async function import100k(opts: {
  sourceDir: string;
  rows: number;
  tmp: string;
  runs: number;
}): Promise<Row[]> {
  fs.mkdirSync(opts.tmp, { recursive: true });
  const csv = path.join(opts.tmp, `import-${opts.rows}.csv`);
  const exp = await runCli([
    'export',
    '--data-dir',
    opts.sourceDir,
    '--out',
    csv,
    '--reason',
    'benchmark',
  ]);
  if (exp.code !== 0) throw new Error(`export failed:\n${exp.stderr}`);
  const wall: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const dir = path.join(opts.tmp, `import-${i}`);
    fs.mkdirSync(dir, { recursive: true });
    const gen = await runCli([
      'generate',
      '--encounters',
      '0',
      '--out',
      path.join(dir, 'handoff.db'),
    ]);
    if (gen.code !== 0) throw new Error(`generate failed:\n${gen.stderr}`);
    const r = await runCli(['import', csv, '--data-dir', dir]);
    if (r.code !== 0) throw new Error(`import failed:\n${r.stderr}`);
    wall.push(r.wallMs / 1000);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.rmSync(csv, { force: true });
  const s = median(wall);
  // The budget is for 100k rows; a smaller (quick) run is only indicative.
  const full = opts.rows >= 100_000;
  return [
    {
      name: `import ${opts.rows.toLocaleString('en-US')} encounters from CSV v1`,
      value: `${fmt(s, 2)} s`,
      budget: full ? '≤ 5 s' : '≤ 5 s at 100k',
      pass: full ? s <= 5 : null,
      note: `median of ${opts.runs}`,
    },
  ];
}

/** Export: `handoff export` of the whole history, peak resident memory of the process. */
export async function exportRss(opts: { dataDir: string; rows: number; tmp: string }) {
  const out = path.join(opts.tmp, 'export.csv');
  const r = await runCli([
    'export',
    '--data-dir',
    opts.dataDir,
    '--out',
    out,
    '--reason',
    'benchmark',
  ]);
  if (r.code !== 0) throw new Error(`export failed:\n${r.stderr}`);
  const size = fs.statSync(out).size;
  fs.rmSync(out, { force: true });
  const rows: Row[] = [
    {
      name: `export ${opts.rows.toLocaleString('en-US')} encounters to CSV v1: peak RSS`,
      value: `${fmt(r.maxRssMb, 0)} MB`,
      budget: '< 200 MB',
      pass: r.maxRssMb < 200,
      note: `${fmt(r.wallMs / 1000, 1)} s, ${fmt(size / 1e6, 0)} MB file`,
    },
  ];
  return rows;
}
