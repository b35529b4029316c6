import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..', '..');

/**
 * The CLI and the worker threads it looks for next to itself (scripts/build-cli.mjs): the test
 * build of the CLI (tests/helpers/test-cli.ts, serve mode on a clock tests move).
 */
const ENTRIES: Record<string, string> = {
  'handoff.cjs': 'tests/helpers/test-cli.ts',
  'capacity-worker.cjs': 'server/capacity/worker.ts',
  'report-worker.cjs': 'server/interchange/report-worker.ts',
  'integrity-worker.cjs': 'server/integrity/worker.ts',
};

/**
 * Bundles `handoff` from this checkout's source into its own folder under out/, so integration
 * tests run real `handoff serve` processes of the code under test without a prior build (CI
 * runs vitest before `build:web`). Returns the CLI file for startServe's `cli` option.
 */
export async function buildCli(): Promise<string> {
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'out', 'test-cli-'));
  for (const [file, entry] of Object.entries(ENTRIES))
    await build({
      entryPoints: [path.join(root, entry)],
      outfile: path.join(dir, file),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
  return path.join(dir, 'handoff.cjs');
}
