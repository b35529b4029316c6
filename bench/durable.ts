import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { applyPragmas } from '../db/open';
import { dispatch } from '../server/api/dispatch';
import { openBackend } from '../server/app';
import type { Caller } from '../server/context';
import { loadDemoData } from '../server/demo';
import { findUserByUsername } from '../db/users';
import { fmt, median, type Row } from './lib';

/**
 * Durable handoff acceptance vs the disk's own limit. A: the real handler path in-process
 * (dispatch → zod → handler → one transaction with the encounter, its events, the agency, the
 * audit row and the capacity figures), on a file database with the app's pragmas (WAL,
 * synchronous=FULL). B: a raw better-sqlite3 single-row INSERT in its own transaction, same
 * pragmas, same folder. Both are bound by the fsync of each commit; the ratio shows what the
 * application adds on top.
 */
export async function durableAcceptance(opts: {
  dir: string;
  sliceMs: number;
  rounds: number;
}): Promise<Row[]> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const app = openBackend({ dataDir: path.join(opts.dir, 'app') });
  // The same code on an unencrypted database: what encryption at rest costs a handoff.
  const plainApp = openBackend({ dataDir: path.join(opts.dir, 'plain'), key: null });
  const raw = new BetterSqlite3(path.join(opts.dir, 'raw.db'));
  try {
    applyPragmas(raw);
    raw.exec('CREATE TABLE handoffs (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, agency TEXT)');
    const insert = raw.prepare('INSERT INTO handoffs (at, agency) VALUES (?, ?)');

    await loadDemoData(app);
    await loadDemoData(plainApp);
    const intake = findUserByUsername(app.db, 'intake')!;
    const plainIntake = findUserByUsername(plainApp.db, 'intake')!;
    const caller: Caller = {
      user: intake,
      address: 'bench',
      startSession: () => undefined,
      endSession: () => undefined,
    };
    const silent = { error: () => undefined };
    let n = 0;
    const handoffOn = (target: typeof app, user: typeof intake) => async () => {
      const r = await dispatch(
        target,
        'encounters.create',
        {
          referralSource: 'law_enforcement',
          agency: 'Tucson Police Department',
          officerName: `Officer ${n % 40}`,
          badgeNumber: `B${n % 40}`,
          lastName: `Durable${n++}`,
          presentingConcerns: ['suicidal_ideation'],
          accept: true,
        },
        { ...caller, user },
        silent,
      );
      if (!r.ok) throw new Error(`encounters.create: ${r.error.message}`);
    };
    const handoff = handoffOn(app, intake);
    // Accepting an officer already waiting: the arrival is recorded just before, untimed.
    const acceptWaiting = async (): Promise<number> => {
      const arrival = await dispatch(
        app,
        'encounters.create',
        { referralSource: 'law_enforcement', agency: 'Pima County Sheriff', lastName: `W${n++}` },
        caller,
        silent,
      );
      if (!arrival.ok) throw new Error(`encounters.create: ${arrival.error.message}`);
      const t0 = performance.now();
      const r = await dispatch(
        app,
        'encounters.accept',
        { id: (arrival.value as { id: number }).id },
        caller,
        silent,
      );
      if (!r.ok) throw new Error(`encounters.accept: ${r.error.message}`);
      return performance.now() - t0;
    };
    const timed = (fn: () => Promise<void>) => async () => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const rawInsert = timed(async () => {
      insert.run(Date.now(), 'Tucson Police Department');
    });
    const handoffTimed = timed(handoff);
    const plainHandoffTimed = timed(handoffOn(plainApp, plainIntake));

    /** CPU time (user + system, µs) and operations, per side, over the alternated rounds. */
    const cpu = new Map<unknown, { us: number; ops: number }>();
    /** Operations per second over `ms` of timed work. */
    const rate = async (fn: () => Promise<number>, ms: number) => {
      let spent = 0;
      let ops = 0;
      const c0 = process.cpuUsage();
      while (spent < ms) {
        spent += await fn();
        ops++;
      }
      const c = process.cpuUsage(c0);
      const acc = cpu.get(fn) ?? { us: 0, ops: 0 };
      cpu.set(fn, { us: acc.us + c.user + c.system, ops: acc.ops + ops });
      return ops / (spent / 1000);
    };

    await rate(handoffTimed, 300); // warm-up
    await rate(rawInsert, 300);
    await rate(plainHandoffTimed, 300);
    cpu.clear();
    // The disk's fsync time drifts a lot on a shared machine: short slices, alternated, and the
    // median of the per-round ratios, so both sides see the same disk.
    const ra: number[] = [];
    const rc: number[] = [];
    const rEnc: number[] = [];
    const rates = { a: [] as number[], b: [] as number[], c: [] as number[], p: [] as number[] };
    for (let i = 0; i < opts.rounds; i++) {
      const b = await rate(rawInsert, opts.sliceMs);
      const a = await rate(handoffTimed, opts.sliceMs);
      const c = await rate(acceptWaiting, opts.sliceMs);
      const b2 = await rate(rawInsert, opts.sliceMs);
      const p = await rate(plainHandoffTimed, opts.sliceMs);
      const a2 = await rate(handoffTimed, opts.sliceMs);
      rEnc.push((a + a2) / 2 / p);
      rates.p.push(p);
      const base = (b + b2) / 2;
      ra.push(a / base);
      rc.push(c / base);
      rates.a.push(a);
      rates.b.push(base);
      rates.c.push(c);
    }
    const row = (name: string, ratios: number[], xs: number[]): Row => {
      const ratio = median(ratios);
      return {
        name,
        value: `${fmt(ratio, 2)}× (${fmt(median(xs), 0)} vs ${fmt(median(rates.b), 0)} commits/s)`,
        budget: '≥ 0.80× raw insert',
        pass: ratio >= 0.8,
        note: `median of ${opts.rounds} alternated rounds`,
      };
    };
    // What each commit costs besides waiting for the disk: CPU (JavaScript, SQLite, the kernel's
    // share of the writes; an fsync's wait is not CPU time) and WAL pages (4 KiB frames, each
    // one more write before the fsync). Unlike the rates, neither depends on the disk's mood.
    const perOpOf = (fn: unknown) => {
      const c = cpu.get(fn)!;
      return c.us / c.ops;
    };
    const perOp = (fn: unknown) => {
      const c = cpu.get(fn)!;
      return c.us / c.ops;
    };
    const pagesPerCommit = async (db: typeof raw, walFile: string, fn: () => Promise<unknown>) => {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('wal_autocheckpoint = 0');
      try {
        const before = fs.existsSync(walFile) ? fs.statSync(walFile).size : 0;
        const k = 100;
        for (let i = 0; i < k; i++) await fn();
        const frame = (db.pragma('page_size', { simple: true }) as number) + 24;
        return (fs.statSync(walFile).size - before) / frame / k;
      } finally {
        db.pragma('wal_autocheckpoint = 1000');
      }
    };
    const pagesA = await pagesPerCommit(app.db, path.join(app.dataDir, 'handoff.db-wal'), handoff);
    const pagesB = await pagesPerCommit(raw, path.join(opts.dir, 'raw.db-wal'), rawInsert);
    const info = (name: string, value: string, note: string): Row => ({
      name,
      value,
      budget: 'informational',
      pass: null,
      note,
    });
    const encRatio = median(rEnc);
    return [
      row('durable handoff acceptance (create + accept, one commit) vs raw insert', ra, rates.a),
      {
        name: 'durable handoff acceptance, encrypted vs the same code unencrypted',
        value: `${fmt(encRatio, 2)}× (${fmt(median(rates.a), 0)} vs ${fmt(median(rates.p), 0)} handoffs/s)`,
        budget: '≥ 0.75×',
        pass: encRatio >= 0.75,
        note: `median of ${opts.rounds} alternated rounds; CPU per commit encrypted / plain: ${fmt(perOpOf(handoffTimed), 0)} / ${fmt(perOpOf(plainHandoffTimed), 0)} µs`,
      },
      row('durable accept of a waiting officer vs raw insert', rc, rates.c),
      info(
        'durable: CPU per commit, create + accept / accept / raw insert',
        `${fmt(perOp(handoffTimed), 0)} / ${fmt(perOp(acceptWaiting), 0)} / ${fmt(perOp(rawInsert), 0)} µs`,
        'user + system over the timed rounds (the accept figure includes its untimed arrival)',
      ),
      info(
        'durable: WAL pages per commit, create + accept / raw insert',
        `${fmt(pagesA, 1)} / ${fmt(pagesB, 1)}`,
        '100 commits each after a checkpoint',
      ),
    ];
  } finally {
    raw.close();
    app.close();
    plainApp.close();
  }
}
