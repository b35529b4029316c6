// Shared helpers of the interchange benchmarks: run the built CLI in a child process and read
// its wall time, CPU time and peak resident memory (process.resourceUsage, in the child).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI = path.join(root, 'out', 'cli', 'handoff.cjs');

export function ensureCli() {
  const r = spawnSync('npm', ['run', 'build:cli', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:cli failed');
}

export const tmp = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Runs `handoff <args>` and resolves {code, wallMs, cpuMs, maxRssMb, stdout, stderr}. */
export function runCli(args) {
  const wrapper = `
    const { main } = require(${JSON.stringify(CLI)});
    const t0 = process.hrtime.bigint();
    main(${JSON.stringify(args)}).then((code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const u = process.resourceUsage();
      process.stderr.write('\\n@@' + JSON.stringify({ code, wallMs,
        cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssMb: u.maxRSS / 1024 }) + '\\n');
      process.exit(code);
    });`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', wrapper], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', () => {
      const m = /@@(\{.*\})/.exec(stderr);
      if (!m) return reject(new Error(`no result from handoff ${args.join(' ')}:\n${stderr}`));
      resolve({ ...JSON.parse(m[1]), stderr });
    });
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Prints one result line and returns whether the budget held. */
export function report(name, value, unit, budget) {
  const ok = value <= budget;
  console.log(
    `${name.padEnd(44)} ${value.toFixed(1).padStart(9)} ${unit.padEnd(3)} budget ≤ ${budget} ${unit}  ${ok ? 'ok' : 'MISSED'}`,
  );
  return ok;
}
