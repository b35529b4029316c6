// Dashboard budget (issue 8): the 90-day dashboard at 1M encounters ≤ 50 ms. Times the same
// function the API calls (dashboardData: Figures JSON v1 + breakdowns), median of N runs, for a
// 90-day window and the full history, at 100k and 1M encounters.
// Usage: node bench/dashboard.mjs [--sizes 100000,1000000] [--runs 5]
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ensureCli, median, report, runCli, tmp } from './interchange-lib.mjs';

const { values } = parseArgs({ options: { sizes: { type: 'string' }, runs: { type: 'string' } } });
const sizes = (values.sizes ?? '100000,1000000').split(',').map(Number);
const runs = Number(values.runs ?? 5);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

ensureCli();
const dir = tmp('handoff-bench-dash-');
// Bundled under out/ so the bundle resolves packages from this checkout's node_modules.
const outDir = path.join(root, 'out', 'bench');
fs.mkdirSync(outDir, { recursive: true });
const entry = path.join(outDir, 'dashboard-entry.ts');
fs.writeFileSync(
  entry,
  `export { dashboardData } from ${JSON.stringify(path.join(root, 'server/interchange/dashboard.ts'))};
   export { resolveRange } from ${JSON.stringify(path.join(root, 'core/reports/range.ts'))};`,
);
const bundle = path.join(outDir, 'dashboard.cjs');
await build({
  entryPoints: [entry],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
  absWorkingDir: root,
  nodePaths: [path.join(root, 'node_modules')],
});
const require = createRequire(path.join(root, 'package.json'));
const { dashboardData, resolveRange } = require(bundle);
const Database = require('better-sqlite3');

let ok = true;
for (const n of sizes) {
  const d = path.join(dir, String(n));
  fs.mkdirSync(d);
  await runCli([
    'generate',
    '--encounters',
    String(n),
    '--out',
    path.join(d, 'handoff.db'),
    '--seed',
    'bench',
    '--end',
    '2026-10-31',
  ]);
  const db = new Database(path.join(d, 'handoff.db'), { readonly: true });
  const windows = [
    ['90 days', resolveRange('2026-08-03', '2026-10-31', 'America/Phoenix')],
    ['full history', resolveRange('2023-11-02', '2026-10-31', 'America/Phoenix')],
  ];
  for (const [name, range] of windows) {
    dashboardData(db, range, 10); // warm the page cache
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      dashboardData(db, range, 10);
      times.push(performance.now() - t);
    }
    const budget = name === '90 days' && n >= 1_000_000 ? 50 : Infinity;
    ok = report(`dashboard ${name} at ${n} (median of ${runs})`, median(times), 'ms', budget) && ok;
  }
  db.close();
}
fs.rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 1;
