// `npm run test:crash`: the full crash-safety run (100 SIGKILLs); `npm test` runs 10.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const vitest = path.join(path.dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'tests/integration/crash-safety.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CRASH_KILLS: process.env.CRASH_KILLS ?? '100' },
});
process.exit(r.status ?? 1);
