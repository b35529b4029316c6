import fs from 'node:fs';
import { openFile } from '../helpers/keyed';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../db/audit';
import { runCrashTrials } from '../crash/harness';
import { tempDir } from '../helpers/backend';

// `npm test` runs 10 kills; `npm run test:crash` runs the full 100 (CRASH_KILLS=100).
const KILLS = Number(process.env.CRASH_KILLS ?? 10);
const dir = tempDir('handoff-crash-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('crash safety', () => {
  it(
    `an acknowledged handoff survives SIGKILL at random moments (${KILLS} kills)`,
    async () => {
      const report = await runCrashTrials(dir, KILLS);
      expect(report.integrityFailures).toEqual([]);
      expect(report.missing).toEqual([]);
      expect(report.kills).toBe(KILLS);
      // The writer really was writing (how much depends on the machine's load).
      expect(report.acknowledged).toBeGreaterThan(0);
      // Every committed handoff's audit row is there and the chain is unbroken.
      const db = openFile(`${dir}/handoff.db`, { readonly: true });
      try {
        expect(verifyAudit(db).ok).toBe(true);
      } finally {
        db.close();
      }
    },
    Math.max(60_000, KILLS * 2_000),
  );

  it('the harness notices an acknowledged handoff that was not written (control)', async () => {
    const control = tempDir('handoff-crash-control-');
    try {
      const report = await runCrashTrials(
        control,
        1,
        () => 0.5,
        { HANDOFF_CRASH_WRITER_DROP_EVERY: '3' },
        3,
      );
      expect(report.missing.length).toBeGreaterThan(0);
      expect(report.missing[0]).toBe('K0-never-written-2');
    } finally {
      fs.rmSync(control, { recursive: true, force: true });
    }
  });
});
