import { describe, expect, it } from 'vitest';
import { countOfficersWaiting } from '../../db/officers-waiting';
import { police, useEncounterBackend } from '../helpers/encounters';

const ctx = useEncounterBackend();

/** Everything a bad request could have changed: counts of rows in the tables encounters write. */
const snapshot = () =>
  ctx.t.db
    .prepare(
      `SELECT (SELECT count(*) FROM encounters) AS e, (SELECT count(*) FROM encounter_events) AS ev,
              (SELECT count(*) FROM agencies) AS a, (SELECT max(updated_at) FROM encounters) AS u`,
    )
    .get();

describe('warm handoff', () => {
  it('records a police drop-off, then accepting it releases the officer', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    expect(e.status).toBe('arrived');
    expect(e.reference).toBe('H-2026-00001');
    expect(Math.abs(e.arrivedAt! - ctx.t.clock.now())).toBeLessThan(1000);
    expect(countOfficersWaiting(ctx.t.db)).toBe(1);

    const active = await ctx.t.must('encounters.active', {}, ctx.intake);
    expect(active.waiting.map((w) => [w.reference, w.initials])).toEqual([['H-2026-00001', 'JM']]);
    expect(Math.abs(active.now - ctx.t.clock.now())).toBeLessThan(1000);
    expect(active.targetMinutes).toBe(10);

    ctx.t.clock.advance(6 * 60_000);
    const accepted = await ctx.t.must('encounters.accept', { id: e.id }, ctx.intake);
    expect(accepted.status).toBe('accepted');
    expect((accepted.officerReleasedAt! - accepted.arrivedAt!) / 60_000).toBeCloseTo(6, 1);
    expect(countOfficersWaiting(ctx.t.db)).toBe(0);

    const receipt = await ctx.t.must('encounters.receipt', { id: e.id }, ctx.intake);
    expect(receipt.turnaroundMinutes).toBeCloseTo(6, 1);
  });

  it('an officer waiting with someone unnamed shows no initials (the screen says "unknown")', async () => {
    await ctx.t.must(
      'encounters.create',
      { ...police, firstName: undefined, lastName: undefined },
      ctx.intake,
    );
    const waiting = (await ctx.t.must('encounters.active', {}, ctx.intake)).waiting;
    expect(waiting.map((w) => w.initials)).toEqual([null]);
  });

  it('the officer receipt carries no clinical field and not the person', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
    const receipt = await ctx.t.must('encounters.receipt', { id: e.id }, ctx.intake);
    expect(Object.keys(receipt).sort()).toEqual([
      'agency',
      'arrivedAt',
      'badgeNumber',
      'facilityAddress',
      'facilityName',
      'facilityPhone',
      'officerName',
      'officerReleasedAt',
      'reference',
      'timeZone',
      'turnaroundMinutes',
    ]);
    const text = JSON.stringify(receipt);
    for (const v of ['Jordan', 'Miles', '1991-04-12', 'involuntary', 'suicidal'])
      expect(text).not.toContain(v);
  });

  it('records and accepts in one step', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
    expect(e.status).toBe('accepted');
    expect(e.officerReleasedAt).toBe(e.arrivedAt);
    const detail = await ctx.t.must('encounters.get', { id: e.id }, ctx.intake);
    expect(detail.events.map((x) => [x.kind, x.userName])).toEqual([
      ['arrived', 'Ida Intake'],
      ['accepted', 'Ida Intake'],
    ]);
  });

  it('references count per year in the facility time zone and never repeat', async () => {
    const a = await ctx.t.must('encounters.create', police, ctx.intake);
    const b = await ctx.t.must('encounters.create', police, ctx.intake);
    // 2027-01-01 00:30 in Phoenix is still 2026 at 06:30 UTC... and 07:30 UTC is 2027 there.
    ctx.t.clock.set(Date.UTC(2027, 0, 1, 7, 30));
    const c = await ctx.t.must('encounters.create', police, ctx.intake);
    expect([a.reference, b.reference, c.reference]).toEqual([
      'H-2026-00001',
      'H-2026-00002',
      'H-2027-00001',
    ]);
    // An imported row that took the next number is skipped, not duplicated.
    ctx.t.db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, created_at, updated_at)
         VALUES ('H-2027-00002', 'discharged', 'walk_in', 0, 0)`,
      )
      .run();
    const d = await ctx.t.must('encounters.create', police, ctx.intake);
    expect(d.reference).toBe('H-2027-00003');
  });

  it('learns agencies and suggests recent officers', async () => {
    await ctx.t.must('encounters.create', police, ctx.intake);
    await ctx.t.must(
      'encounters.create',
      { ...police, agency: 'Pima County Sheriff', officerName: 'Lee Park', badgeNumber: 'S-19' },
      ctx.intake,
    );
    const s = await ctx.t.must('encounters.suggestions', {}, ctx.intake);
    expect(s.agencies).toEqual(['Pima County Sheriff', 'Tucson Police Department']);
    expect(s.officers[0]).toEqual({
      officerName: 'Lee Park',
      badgeNumber: 'S-19',
      agency: 'Pima County Sheriff',
    });
  });
});

describe('bad input → field-level error, nothing written', () => {
  const cases: [string, () => Promise<{ ok: boolean; error?: { fields?: object } }>, string][] = [
    [
      'arrival more than 5 minutes in the future',
      () =>
        ctx.t.call(
          'encounters.create',
          { ...police, arrivedAt: ctx.t.clock.now() + 5 * 60_000 + 1000 },
          ctx.intake,
        ),
      'arrivedAt',
    ],
    [
      'date of birth in the future',
      () => ctx.t.call('encounters.create', { ...police, dateOfBirth: '2026-12-01' }, ctx.intake),
      'dateOfBirth',
    ],
    [
      'police drop-off without agency',
      () => ctx.t.call('encounters.create', { ...police, agency: '' }, ctx.intake),
      'agency',
    ],
    [
      'co-responder drop-off without agency',
      () =>
        ctx.t.call(
          'encounters.create',
          { ...police, referralSource: 'co_responder', agency: undefined },
          ctx.intake,
        ),
      'agency',
    ],
  ];
  for (const [name, run, field] of cases) {
    it(name, async () => {
      const before = snapshot();
      const r = await run();
      expect(r.ok).toBe(false);
      expect(r.error?.fields).toHaveProperty(field);
      expect(snapshot()).toEqual(before);
    });
  }

  it('release before arrival', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    const before = snapshot();
    const r = await ctx.t.call(
      'encounters.accept',
      { id: e.id, releasedAt: e.arrivedAt! - 1 },
      ctx.intake,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('releasedAt');
    expect(snapshot()).toEqual(before);
  });

  it('accepting twice', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    await ctx.t.must('encounters.accept', { id: e.id }, ctx.intake);
    const before = snapshot();
    const r = await ctx.t.call('encounters.accept', { id: e.id }, ctx.intake);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('conflict');
      expect(r.error.fields).toHaveProperty('status');
    }
    expect(snapshot()).toEqual(before);
  });

  it('declining without a reason', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    const before = snapshot();
    const r = await ctx.t.callRaw('encounters.decline', { id: e.id }, ctx.intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('reason');
    const r2 = await ctx.t.callRaw('encounters.decline', { id: e.id, reason: '' }, ctx.intake);
    expect(r2.ok).toBe(false);
    expect(snapshot()).toEqual(before);
  });

  it('discharge before arrival', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
    const before = snapshot();
    const r = await ctx.t.call(
      'encounters.discharge',
      { id: e.id, disposition: 'home_community', dischargedAt: e.arrivedAt! - 60_000 },
      ctx.intake,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('dischargedAt');
    expect(snapshot()).toEqual(before);
  });

  it('discharging someone never accepted', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    const r = await ctx.t.call(
      'encounters.discharge',
      { id: e.id, disposition: 'shelter' },
      ctx.intake,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('status');
  });

  it('an unknown encounter', async () => {
    const r = await ctx.t.call('encounters.accept', { id: 999 }, ctx.intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_found');
  });
});
