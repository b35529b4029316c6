import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openFile } from '../helpers/keyed';
import { bundleForNode } from '../helpers/bundle';

export interface CrashReport {
  kills: number;
  acknowledged: number;
  missing: string[];
  integrityFailures: string[];
}

/** Bundles the writer so a plain `node` child can run it (better-sqlite3 stays external). */
export async function buildWriter(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'crash-writer.cjs');
  return bundleForNode(path.join(__dirname, 'writer.ts'), outfile, {
    absWorkingDir: path.resolve(__dirname, '..', '..'),
  });
}

function runOnce(
  writer: string,
  dbFile: string,
  prefix: string,
  killAfterMs: number,
  env: Record<string, string>,
  minAcks: number,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dbFile, prefix], {
      cwd: path.resolve(__dirname, '..', '..'),
      // The bundle lives in a temp folder; better-sqlite3 comes from the project.
      env: {
        ...process.env,
        ...env,
        NODE_PATH: path.resolve(__dirname, '..', '..', 'node_modules'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000); // never hang the suite
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      // The kill waits for `minAcks` acknowledgements, so a loaded machine cannot starve a run.
      const acks = minAcks > 0 ? out.split('\nack ').length - 1 : 0;
      if (!timer && out.startsWith('ready\n') && acks >= minAcks)
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL')
        return reject(new Error(`writer exited with ${code ?? signal}:\n${err}`));
      // Only complete lines count: a line cut by the kill was never acknowledged.
      const complete = out.slice(0, out.lastIndexOf('\n') + 1);
      resolve(
        complete
          .split('\n')
          .filter((l) => l.startsWith('ack '))
          .map((l) => l.slice(4)),
      );
    });
  });
}

/**
 * Starts the writer `kills` times on the same database, kills it with SIGKILL after a random
 * delay, and after each kill checks `integrity_check` and that every reference acknowledged so
 * far (in this and earlier runs) is in the database.
 */
export async function runCrashTrials(
  dir: string,
  kills: number,
  random: () => number = Math.random,
  env: Record<string, string> = {},
  minAcks = 0,
): Promise<CrashReport> {
  const writer = await buildWriter(dir);
  const dbFile = path.join(dir, 'handoff.db');
  const acknowledged: string[] = [];
  const report: CrashReport = { kills: 0, acknowledged: 0, missing: [], integrityFailures: [] };
  for (let i = 0; i < kills; i++) {
    // Mostly mid-stream; sometimes right after opening (during WAL recovery / first commit).
    const delay = random() < 0.2 ? Math.floor(random() * 5) : 5 + Math.floor(random() * 120);
    acknowledged.push(...(await runOnce(writer, dbFile, `K${i}`, delay, env, minAcks)));
    report.kills++;
    const db = openFile(dbFile);
    try {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') report.integrityFailures.push(`after kill ${i}: ${String(check)}`);
      const present = new Set(
        (db.prepare('SELECT reference FROM encounters').all() as { reference: string }[]).map(
          (r) => r.reference,
        ),
      );
      for (const ref of acknowledged) if (!present.has(ref)) report.missing.push(ref);
    } finally {
      db.close();
    }
    if (report.missing.length || report.integrityFailures.length) break;
  }
  report.acknowledged = acknowledged.length;
  fs.rmSync(writer, { force: true });
  return report;
}
