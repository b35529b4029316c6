// Bundles the Node backend + CLI into one CommonJS file; dependencies stay in node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/cli/main.ts'],
  outfile: 'out/cli/handoff.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The reports worker thread (server/interchange/report-runner.ts looks for it next to the CLI).
await build({
  entryPoints: ['server/interchange/report-worker.ts'],
  outfile: 'out/cli/report-worker.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
