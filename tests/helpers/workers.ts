import fs from 'node:fs';
import path from 'node:path';
import { bundleForNode } from './bundle';
import { tempDir } from './backend';

const root = path.resolve(__dirname, '..', '..');

/**
 * Bundles a worker-thread entry (e.g. server/capacity/worker.ts) the way scripts/build-cli.mjs
 * does, into a temporary folder, so tests run the real thread code without a prior build.
 */
export async function buildWorker(entry: string): Promise<string> {
  // Inside the checkout (out/ is not committed), so the bundle's require('better-sqlite3')
  // resolves from this checkout's node_modules as the shipped one does from its own.
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, 'out', 'test-worker-'));
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.cjs`);
  return bundleForNode(path.join(root, entry), outfile);
}

/** A worker file that fails as it loads, like one whose native driver is missing. */
export function brokenWorker(): string {
  const file = path.join(tempDir('handoff-worker-'), 'broken-worker.cjs');
  fs.writeFileSync(file, "throw new Error('Cannot load the SQLite driver (test)');\n");
  return file;
}
