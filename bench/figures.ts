import fs from 'node:fs';
import { findUserByUsername } from '../db/users';
import { dispatch } from '../server/api/dispatch';
import { openBackend } from '../server/app';
import type { Caller } from '../server/context';
import { fmt, median, type Row } from './lib';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The dashboard (`reports.figures`: Figures JSON v1 plus its breakdowns) for the last 90 days and
 * for the whole history, in-process through the dispatcher as a manager. Median of `runs`.
 */
export async function dashboardFigures(opts: {
  dataDir: string;
  n: number;
  runs: number;
  budget90Ms: number | null;
}): Promise<Row[]> {
  const app = openBackend({ dataDir: opts.dataDir });
  try {
    const name = (
      app.db.prepare("SELECT username FROM users WHERE role = 'manager' LIMIT 1").get() as {
        username: string;
      }
    ).username;
    const caller: Caller = {
      user: findUserByUsername(app.db, name)!,
      address: 'bench',
      startSession: () => undefined,
      endSession: () => undefined,
    };
    const span = app.db
      .prepare('SELECT min(arrived_at) lo, max(arrived_at) hi FROM encounters')
      .get() as { lo: number; hi: number };
    const ranges = [
      { label: '90 days', from: day(span.hi - 89 * 86_400_000), to: day(span.hi) },
      { label: 'full history', from: day(span.lo - 86_400_000), to: day(span.hi + 86_400_000) },
    ];
    const rows: Row[] = [];
    // Read system calls of this process (the report worker is one of its threads): after a
    // write each page the figures need is read from the file again and decrypted, so this is
    // the machine-independent cost of a call (pages of 4 KiB; SQLite reads one page per call).
    const reads = () => Number(/syscr: (\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))?.[1]);
    for (const r of ranges) {
      const once = async () => {
        const r0 = reads();
        const t0 = performance.now();
        const res = await dispatch(app, 'reports.figures', { from: r.from, to: r.to }, caller, {
          error: () => undefined,
        });
        const ms = performance.now() - t0;
        if (!res.ok) throw new Error(`reports.figures: ${res.error.message}`);
        return {
          ms,
          pages: reads() - r0,
          encounters: (res.value as { figures: { encounters: number } }).figures,
        };
      };
      // What a manager sees after a handoff: a real write first, and one that changes a day in
      // range (the last released drop-off's release time corrected by a minute and back, as a
      // desk corrects yesterday's record). It drops the dashboard's results (report-runner),
      // the report worker's page cache (SQLite resets a WAL reader's cache when another
      // connection wrote), and that day's kept part (db/report-days.ts), read again.
      const last = app.db
        .prepare(
          `SELECT id, officer_released_at AS at FROM encounters
            WHERE officer_released_at IS NOT NULL AND arrived_at < ? ORDER BY arrived_at DESC LIMIT 1`,
        )
        .get(Date.parse(`${r.to}T00:00:00Z`) + 86_400_000) as { id: number; at: number };
      let shifted = false;
      const write = async () => {
        shifted = !shifted;
        const changes = { officerReleasedAt: last.at + (shifted ? 60_000 : 0) };
        const input = { id: last.id, changes, reason: 'Release time as the officer logged it' };
        const w = await dispatch(app, 'encounters.update', input, caller, {
          error: () => undefined,
        });
        if (!w.ok) throw new Error(`encounters.update: ${w.error.message}`);
      };
      // The same reads with no write in between, results recomputed: the page cache warm.
      const afterWrite = () => {
        for (const hook of app.afterWrite) hook(['encounters']);
      };
      await write();
      const first = await once();
      const times: number[] = [];
      const pages: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        await write();
        const run = await once();
        times.push(run.ms);
        pages.push(run.pages);
      }
      const warm: number[] = [];
      for (let i = 0; i < opts.runs; i++) {
        afterWrite();
        warm.push((await once()).ms);
      }
      const cached = (await once()).ms;
      const ms = median(times);
      const budget = r.label === '90 days' ? opts.budget90Ms : null;
      rows.push({
        name: `dashboard figures, ${r.label}, at ${opts.n.toLocaleString('en-US')} encounters`,
        value: `${fmt(ms, 1)} ms`,
        budget: budget === null ? 'informational' : `≤ ${budget} ms`,
        pass: budget === null ? null : ms <= budget,
        note: `computed after a write that changes a day in range, median of ${opts.runs}; ${fmt(median(pages), 0)} pages read per call; ${first.encounters.encounters.toLocaleString('en-US')} in range; first call ${fmt(first.ms, 0)} ms; recomputed with no write between (page cache warm) ${fmt(median(warm), 1)} ms; repeated without a write (cached) ${fmt(cached, 2)} ms`,
      });
    }
    return rows;
  } finally {
    app.close();
  }
}
