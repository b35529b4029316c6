// Export budget (issue 10): 1M encounters to CSV v1 with the process under 200 MB resident
// (peak RSS of the whole CLI process). Usage: node bench/export-1m-rss.mjs [--rows N]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCli, report, runCli, tmp } from './interchange-lib.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' } } });
const rows = Number(values.rows ?? 1_000_000);

ensureCli();
const dir = tmp('handoff-bench-export-');
const gen = await runCli([
  'generate',
  '--encounters',
  String(rows),
  '--out',
  path.join(dir, 'handoff.db'),
  '--seed',
  'bench',
  '--end',
  '2026-10-31',
]);
report(`generate ${rows} encounters (wall)`, gen.wallMs / 1000, 's', 60);
const out = path.join(dir, 'encounters.csv');
const r = await runCli(['export', '--data-dir', dir, '--out', out]);
if (r.code !== 0) throw new Error(`export failed:\n${r.stderr}`);
const ok = report(`export ${rows} rows: peak RSS`, r.maxRssMb, 'MB', 200);
report(
  `export ${rows} rows (wall; ${(fs.statSync(out).size / 1e6).toFixed(0)} MB file)`,
  r.wallMs / 1000,
  's',
  60,
);
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
