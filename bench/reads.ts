import { contract, METHOD_NAMES } from '../core/contract';
import { isAllowed, isPublic, STAFF_ROLES } from '../core/roles';
import { findUserByUsername, type UserRow } from '../db/users';
import { dispatch } from '../server/api/dispatch';
import { openBackend, type Backend } from '../server/app';
import type { Caller } from '../server/context';
import { fmt, median, percentile, type Row } from './lib';

/**
 * Methods without an audit flag that still change something (sessions, set-up, uploads): not
 * reads. Every other method whose audit flag is not 'write' is a read and is measured.
 */
const NOT_READS = new Set([
  'setup.create',
  'setup.demo',
  'auth.signIn',
  'auth.signOut',
  'auth.changePassword',
  'kiosk.pair',
  'auth.lock',
  'encounters.importBegin',
  'encounters.importAppend',
]);

export const readMethods = (): string[] =>
  METHOD_NAMES.filter(
    (m) => (contract[m] as { audit?: string }).audit !== 'write' && !NOT_READS.has(m),
  );

interface Sample {
  id: number;
  reference: string;
  lastName: string;
  agency: string;
  bedId: number;
  from90: string;
  to: string;
  /** An encounter of a person with the most visits (the person view's worst case). */
  returningId: number;
}

type Variant = { label?: string; input: (s: Sample) => unknown };

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A sensible input (or several) for every read; a read missing here is reported, not skipped. */
const INPUTS: Record<string, Variant[]> = {
  'session.status': [{ input: () => ({}) }],
  'users.list': [{ input: () => ({}) }],
  'facility.get': [{ input: () => ({}) }],
  'beds.board': [{ input: () => ({}) }],
  'beds.history': [{ input: (s) => ({ bedId: s.bedId }) }],
  'capacity.get': [{ input: () => ({}) }],
  'capacity.getSettings': [{ input: () => ({}) }],
  'dispatch.get': [{ input: () => ({}) }],
  'census.get': [{ input: () => ({}) }],
  'census.confirmation': [{ input: () => ({}) }],
  'webhooks.list': [{ input: () => ({}) }],
  'region.get': [{ input: () => ({}) }],
  'region.settings': [{ input: () => ({}) }],
  'encounters.get': [{ input: (s) => ({ id: s.id }) }],
  'encounters.receipt': [{ input: (s) => ({ id: s.id }) }],
  'encounters.search': [
    { label: 'newest first', input: () => ({}) },
    { label: 'last name', input: (s) => ({ text: s.lastName }) },
    { label: 'a name not there', input: () => ({ text: 'Nobodyxyz' }) },
    { label: 'reference', input: (s) => ({ text: s.reference }) },
    { label: 'agency', input: (s) => ({ agency: s.agency }) },
    { label: '90 days', input: (s) => ({ from: s.from90, to: s.to }) },
    { label: 'status accepted', input: () => ({ status: 'accepted' }) },
  ],
  'encounters.active': [{ input: () => ({}) }],
  'encounters.suggestions': [{ input: () => ({}) }],
  'turnaround.settings': [{ input: () => ({}) }],
  'kiosk.list': [{ input: () => ({}) }],
  'reports.figures': [{ label: '90 days', input: (s) => ({ from: s.from90, to: s.to }) }],
  'reports.repeatVisitors': [{ label: '90 days', input: (s) => ({ from: s.from90, to: s.to }) }],
  'reports.possibleMatches': [{ label: '90 days', input: (s) => ({ from: s.from90, to: s.to }) }],
  'security.settings': [{ input: () => ({}) }],
  'audit.verify': [{ input: () => ({}) }],
  'backup.list': [{ input: () => ({}) }],
  'app.about': [{ input: () => ({}) }],
  'encounters.exportPage': [
    { label: 'first page', input: () => ({ after: null, reason: 'benchmark' }) },
  ],
  'followUps.list': [
    { label: 'all', input: () => ({}) },
    {
      label: 'due 90 days, reached',
      input: (s) => ({ dueFrom: s.from90, dueTo: s.to, outcome: 'reached_doing_well' }),
    },
  ],
  'followUps.dueCount': [{ input: () => ({}) }],
  'followUps.policy': [{ input: () => ({}) }],
  'followUps.export': [{ label: '1 day', input: (s) => ({ from: s.to, to: s.to }) }],
  'census.today': [{ input: () => ({}) }],
  'encounters.exportDeidentifiedPage': [{ label: 'first page', input: () => ({ after: null }) }],
  'exports.log': [{ input: () => ({}) }],
  'protection.status': [{ input: () => ({}) }],
  'retention.settings': [{ input: () => ({}) }],
  'people.get': [{ label: 'a returning person', input: (s) => ({ encounterId: s.returningId }) }],
  'notes.forIntake': [
    { input: () => ({ firstName: 'Ana', lastName: 'Nobodyxyz', dateOfBirth: '1990-01-01' }) },
  ],
};

/**
 * Runs `call` and measures its wall time and the longest stretch it held the main thread (a
 * setImmediate ticker runs whenever the call yields): what another desk's call or a capacity poll
 * would wait for. A method that does all its work in one go has both the same.
 */
async function measured<T>(
  call: () => Promise<T>,
): Promise<{ value: T; wall: number; block: number }> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  const t0 = performance.now();
  last = t0;
  setImmediate(tick);
  const value = await call();
  running = false;
  const end = performance.now();
  longest = Math.max(longest, end - last);
  return { value, wall: end - t0, block: longest };
}

function callerFor(user: UserRow): Caller {
  return { user, address: 'bench', startSession: () => undefined, endSession: () => undefined };
}

/** A live center on top of the history: units, beds, people in now, an officer waiting. */
async function populate(app: Backend, manager: Caller, intake: Caller): Promise<void> {
  const must = async (c: Caller, m: string, input: unknown) => {
    const r = await dispatch(app, m, input, c, { error: () => undefined });
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as { id: number };
  };
  const chairs = await must(manager, 'units.create', { name: 'Recliners', kind: 'chair' });
  await must(manager, 'beds.bulkCreate', { unitId: chairs.id, prefix: 'C', from: 1, to: 16 });
  const beds = await must(manager, 'units.create', { name: 'Short-term beds', kind: 'bed' });
  await must(manager, 'beds.bulkCreate', { unitId: beds.id, prefix: 'B', from: 1, to: 16 });
  const free = app.db.prepare('SELECT id FROM beds ORDER BY id').all() as { id: number }[];
  for (let i = 0; i < 12; i++) {
    const e = await must(intake, 'encounters.create', {
      referralSource: i % 3 ? 'law_enforcement' : 'walk_in',
      agency: i % 3 ? 'Tucson Police Department' : null,
      firstName: `Now${i}`,
      lastName: `Present${i}`,
      accept: true,
    });
    await must(intake, 'encounters.assignBed', { id: e.id, bedId: free[i]!.id });
  }
  await must(intake, 'encounters.create', {
    referralSource: 'law_enforcement',
    agency: 'Pima County Sheriff',
    lastName: 'Waiting',
  });
}

/**
 * p50 / p99 of every read method of the contract at `n` encounters, in-process through the
 * dispatcher (permission, zod, handler, audit row where the method writes one): the longest
 * stretch each call holds the main thread, i.e. what another desk waits for (the whole call's
 * time too when it is longer: a method working in slices).
 */
export async function readLatencies(opts: {
  dataDir: string;
  n: number;
  calls: number;
  maxSeconds: number;
}): Promise<Row[]> {
  const app = openBackend({ dataDir: opts.dataDir });
  try {
    const users = Object.fromEntries(
      STAFF_ROLES.map((r) => {
        const u = app.db.prepare('SELECT username FROM users WHERE role = ? LIMIT 1').get(r) as
          { username: string } | undefined;
        if (!u) throw new Error(`no ${r} user in the generated database`);
        return [r, callerFor(findUserByUsername(app.db, u.username)!)];
      }),
    ) as Record<(typeof STAFF_ROLES)[number], Caller>;
    await populate(app, users.manager, users.intake);

    const mid = app.db
      .prepare(
        `SELECT id, reference, last_name, agency, arrived_at FROM encounters
         WHERE id >= (SELECT (min(id) + max(id)) / 2 FROM encounters)
           AND last_name IS NOT NULL AND agency IS NOT NULL AND arrived_at IS NOT NULL
         ORDER BY id LIMIT 1`,
      )
      .get() as {
      id: number;
      reference: string;
      last_name: string;
      agency: string;
    };
    const newest = (
      app.db.prepare('SELECT max(arrived_at) m FROM encounters').get() as { m: number }
    ).m;
    const sample: Sample = {
      id: mid.id,
      reference: mid.reference,
      lastName: mid.last_name,
      agency: mid.agency,
      bedId: (app.db.prepare('SELECT min(id) id FROM beds').get() as { id: number }).id,
      to: day(newest),
      from90: day(newest - 89 * 86_400_000),
      returningId: (
        app.db
          .prepare(
            `SELECT id FROM encounters WHERE person_key = (
               SELECT person_key FROM person_returns GROUP BY person_key ORDER BY count(*) DESC LIMIT 1)
             LIMIT 1`,
          )
          .get() as { id: number }
      ).id,
    };

    const rows: Row[] = [];
    for (const m of readMethods()) {
      const access = contract[m as keyof typeof contract].access;
      const role = isPublic(access)
        ? 'intake'
        : (STAFF_ROLES.find((r) => isAllowed(access, r)) ?? null);
      const variants = INPUTS[m];
      if (!variants || !role) {
        rows.push({
          name: `read ${m}`,
          value: 'not measured',
          budget: 'p99 ≤ 16 ms',
          pass: false,
          note: role ? 'no sample input: add one in bench/reads.ts' : 'no staff role may call it',
        });
        continue;
      }
      for (const v of variants) {
        const input = v.input(sample);
        const caller = users[role];
        // The dashboard keeps results until the next write: measure it computing, as after any
        // handoff (bench "figures" has the cached case).
        const invalidate =
          m === 'reports.figures'
            ? () => {
                for (const hook of app.afterWrite) hook(['encounters']);
              }
            : () => undefined;
        const once = async () => {
          invalidate();
          const {
            value: r,
            wall,
            block,
          } = await measured(() => dispatch(app, m, input, caller, { error: () => undefined }));
          if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
          return { wall, block };
        };
        for (let i = 0; i < 3; i++) await once();
        const times: number[] = [];
        const walls: number[] = [];
        const end = performance.now() + opts.maxSeconds * 1000;
        while (times.length < opts.calls && (times.length < 20 || performance.now() < end)) {
          const { wall, block } = await once();
          times.push(block);
          walls.push(wall);
        }
        const p99 = percentile(times, 99);
        // A method that yields between slices (or waits for a thread) takes longer than it
        // blocks: say so.
        const sliced = median(walls) > 1.5 * median(times) + 0.5;
        rows.push({
          name: `read ${m}${v.label ? ` (${v.label})` : ''} at ${opts.n.toLocaleString('en-US')}`,
          value: `p50 ${fmt(median(times), 2)} / p99 ${fmt(p99, 2)} ms`,
          budget: 'p99 ≤ 16 ms',
          pass: p99 <= 16,
          note: sliced
            ? `${times.length} calls; longest main-thread block per call; whole call p50 ${fmt(median(walls), 1)} / p99 ${fmt(percentile(walls, 99), 1)} ms`
            : `${times.length} calls`,
        });
      }
    }
    return rows;
  } finally {
    app.close();
  }
}
