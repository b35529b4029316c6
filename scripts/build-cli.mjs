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
