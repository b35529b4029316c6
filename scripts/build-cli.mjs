// Bundles the Node backend + CLI (and, with --bench, the benchmarks) into CommonJS files;
// dependencies stay in node_modules.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['server/cli/bin.ts'], outfile: 'out/cli/handoff.cjs' });
// The test build (never shipped): serve mode on a clock the e2e tests move (tests/helpers/test-cli.ts).
await build({
  ...common,
  entryPoints: ['tests/helpers/test-cli.ts'],
  outfile: 'out/cli/handoff-test.cjs',
});
// The dispatch capacity listener's own thread (server/capacity/worker.ts), next to the CLI.
await build({
  ...common,
  entryPoints: ['server/capacity/worker.ts'],
  outfile: 'out/cli/capacity-worker.cjs',
});
// The reports worker thread (server/interchange/report-runner.ts looks for it next to the CLI).
await build({
  ...common,
  entryPoints: ['server/interchange/report-worker.ts'],
  outfile: 'out/cli/report-worker.cjs',
});
// The deferred integrity check of a large database (server/integrity/index.ts looks for it).
await build({
  ...common,
  entryPoints: ['server/integrity/worker.ts'],
  outfile: 'out/cli/integrity-worker.cjs',
});
if (process.argv.includes('--bench')) {
  await build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'out/bench/run.cjs' });
  // The benchmarks run the backend in-process: with the report worker beside them, heavy report
  // reads go to their thread as in serve mode and the desktop app.
  await build({
    ...common,
    entryPoints: ['server/interchange/report-worker.ts'],
    outfile: 'out/bench/report-worker.cjs',
  });
}
