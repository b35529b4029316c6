// Import budget (issue 10): 100k encounters from CSV v1 in at most 5 s, median of 3 runs, each
// into a fresh database. Usage: node bench/import-100k.mjs [--rows N] [--runs N]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCli, median, report, runCli, tmp } from './interchange-lib.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } });
const rows = Number(values.rows ?? 100_000);
const runs = Number(values.runs ?? 3);

ensureCli();
const src = tmp('handoff-bench-import-');
await runCli([
  'generate',
  '--encounters',
  String(rows),
  '--out',
  path.join(src, 'handoff.db'),
  '--seed',
  'bench',
  '--end',
  '2026-10-31',
]);
const csv = path.join(src, 'encounters.csv');
await runCli(['export', '--data-dir', src, '--out', csv]);

const wall = [];
const cpu = [];
for (let i = 0; i < runs; i++) {
  const dir = tmp('handoff-bench-import-');
  await runCli([
    'generate',
    '--encounters',
    '0',
    '--out',
    path.join(dir, 'handoff.db'),
    '--end',
    '2026-10-31',
  ]);
  const r = await runCli(['import', csv, '--data-dir', dir]);
  if (r.code !== 0) throw new Error(`import failed:\n${r.stderr}`);
  wall.push(r.wallMs / 1000);
  cpu.push(r.cpuMs / 1000);
  fs.rmSync(dir, { recursive: true, force: true });
}
fs.rmSync(src, { recursive: true, force: true });
const ok = report(`import ${rows} rows (wall, median of ${runs})`, median(wall), 's', 5);
report(`import ${rows} rows (CPU, median of ${runs})`, median(cpu), 's', 5);
process.exitCode = ok ? 0 : 1;
