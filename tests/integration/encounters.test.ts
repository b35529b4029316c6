import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../core/contract';
import { countOfficersWaiting } from '../../db/officers-waiting';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import type { UserRow } from '../../db/users';

let t: TestBackend;
let intake: UserRow;
let manager: UserRow;
let admin: UserRow;

beforeEach(async () => {
  ({ t, intake, manager, admin } = await setUpBackend());
  t.clock.set(Date.UTC(2026, 2, 8, 9, 15)); // 02:15 in Phoenix
});
afterEach(() => t.cleanup());

const police: MethodInput<'encounters.create'> = {
  referralSource: 'law_enforcement',
  agency: 'Tucson Police Department',
  officerName: 'Dana Reyes',
  badgeNumber: '4471',
  firstName: 'Jordan',
  lastName: 'Miles',
  dateOfBirth: '1991-04-12',
  legalStatus: 'involuntary_hold',
  presentingConcerns: ['suicidal_ideation'],
};

/** Everything a bad request could have changed: counts of rows in the tables encounters write. */
const snapshot = () =>
  t.db
    .prepare(
      `SELECT (SELECT count(*) FROM encounters) AS e, (SELECT count(*) FROM encounter_events) AS ev,
              (SELECT count(*) FROM agencies) AS a, (SELECT max(updated_at) FROM encounters) AS u`,
    )
    .get();

describe('warm handoff', () => {
  it('records a police drop-off, then accepting it releases the officer', async () => {
    const e = await t.must('encounters.create', police, intake);
    expect(e.status).toBe('arrived');
    expect(e.reference).toBe('H-2026-00001');
    expect(Math.abs(e.arrivedAt! - t.clock.now())).toBeLessThan(1000);
    expect(countOfficersWaiting(t.db)).toBe(1);

    const active = await t.must('encounters.active', {}, intake);
    expect(active.waiting.map((w) => [w.reference, w.initials])).toEqual([['H-2026-00001', 'JM']]);
    expect(Math.abs(active.now - t.clock.now())).toBeLessThan(1000);
    expect(active.targetMinutes).toBe(10);

    t.clock.advance(6 * 60_000);
    const accepted = await t.must('encounters.accept', { id: e.id }, intake);
    expect(accepted.status).toBe('accepted');
    expect((accepted.officerReleasedAt! - accepted.arrivedAt!) / 60_000).toBeCloseTo(6, 1);
    expect(countOfficersWaiting(t.db)).toBe(0);

    const receipt = await t.must('encounters.receipt', { id: e.id }, intake);
    expect(receipt.turnaroundMinutes).toBeCloseTo(6, 1);
  });

  it('an officer waiting with someone unnamed shows no initials (the screen says "unknown")', async () => {
    await t.must(
      'encounters.create',
      { ...police, firstName: undefined, lastName: undefined },
      intake,
    );
    const waiting = (await t.must('encounters.active', {}, intake)).waiting;
    expect(waiting.map((w) => w.initials)).toEqual([null]);
  });

  it('the officer receipt carries no clinical field and not the person', async () => {
    const e = await t.must('encounters.create', { ...police, accept: true }, intake);
    const receipt = await t.must('encounters.receipt', { id: e.id }, intake);
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
    const e = await t.must('encounters.create', { ...police, accept: true }, intake);
    expect(e.status).toBe('accepted');
    expect(e.officerReleasedAt).toBe(e.arrivedAt);
    const detail = await t.must('encounters.get', { id: e.id }, intake);
    expect(detail.events.map((x) => [x.kind, x.userName])).toEqual([
      ['arrived', 'Ida Intake'],
      ['accepted', 'Ida Intake'],
    ]);
  });

  it('references count per year in the facility time zone and never repeat', async () => {
    const a = await t.must('encounters.create', police, intake);
    const b = await t.must('encounters.create', police, intake);
    // 2027-01-01 00:30 in Phoenix is still 2026 at 06:30 UTC... and 07:30 UTC is 2027 there.
    t.clock.set(Date.UTC(2027, 0, 1, 7, 30));
    const c = await t.must('encounters.create', police, intake);
    expect([a.reference, b.reference, c.reference]).toEqual([
      'H-2026-00001',
      'H-2026-00002',
      'H-2027-00001',
    ]);
    // An imported row that took the next number is skipped, not duplicated.
    t.db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, created_at, updated_at)
         VALUES ('H-2027-00002', 'discharged', 'walk_in', 0, 0)`,
      )
      .run();
    const d = await t.must('encounters.create', police, intake);
    expect(d.reference).toBe('H-2027-00003');
  });

  it('learns agencies and suggests recent officers', async () => {
    await t.must('encounters.create', police, intake);
    await t.must(
      'encounters.create',
      { ...police, agency: 'Pima County Sheriff', officerName: 'Lee Park', badgeNumber: 'S-19' },
      intake,
    );
    const s = await t.must('encounters.suggestions', {}, intake);
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
        t.call(
          'encounters.create',
          { ...police, arrivedAt: t.clock.now() + 5 * 60_000 + 1000 },
          intake,
        ),
      'arrivedAt',
    ],
    [
      'date of birth in the future',
      () => t.call('encounters.create', { ...police, dateOfBirth: '2026-12-01' }, intake),
      'dateOfBirth',
    ],
    [
      'police drop-off without agency',
      () => t.call('encounters.create', { ...police, agency: '' }, intake),
      'agency',
    ],
    [
      'co-responder drop-off without agency',
      () =>
        t.call(
          'encounters.create',
          { ...police, referralSource: 'co_responder', agency: undefined },
          intake,
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
    const e = await t.must('encounters.create', police, intake);
    const before = snapshot();
    const r = await t.call('encounters.accept', { id: e.id, releasedAt: e.arrivedAt! - 1 }, intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('releasedAt');
    expect(snapshot()).toEqual(before);
  });

  it('accepting twice', async () => {
    const e = await t.must('encounters.create', police, intake);
    await t.must('encounters.accept', { id: e.id }, intake);
    const before = snapshot();
    const r = await t.call('encounters.accept', { id: e.id }, intake);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('conflict');
      expect(r.error.fields).toHaveProperty('status');
    }
    expect(snapshot()).toEqual(before);
  });

  it('declining without a reason', async () => {
    const e = await t.must('encounters.create', police, intake);
    const before = snapshot();
    const r = await t.callRaw('encounters.decline', { id: e.id }, intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('reason');
    const r2 = await t.callRaw('encounters.decline', { id: e.id, reason: '' }, intake);
    expect(r2.ok).toBe(false);
    expect(snapshot()).toEqual(before);
  });

  it('discharge before arrival', async () => {
    const e = await t.must('encounters.create', { ...police, accept: true }, intake);
    const before = snapshot();
    const r = await t.call(
      'encounters.discharge',
      { id: e.id, disposition: 'home_community', dischargedAt: e.arrivedAt! - 60_000 },
      intake,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('dischargedAt');
    expect(snapshot()).toEqual(before);
  });

  it('discharging someone never accepted', async () => {
    const e = await t.must('encounters.create', police, intake);
    const r = await t.call('encounters.discharge', { id: e.id, disposition: 'shelter' }, intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields).toHaveProperty('status');
  });

  it('an unknown encounter', async () => {
    const r = await t.call('encounters.accept', { id: 999 }, intake);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('not_found');
  });
});

describe('decline, discharge, corrections, search, audit', () => {
  it('declines with a reason; the decline is on the timeline', async () => {
    const e = await t.must('encounters.create', police, intake);
    const d = await t.must('encounters.decline', { id: e.id, reason: 'medical_needs_ed' }, intake);
    expect(d.status).toBe('declined');
    expect(d.declineReason).toBe('medical_needs_ed');
    expect(countOfficersWaiting(t.db)).toBe(0);
    const other = await t.callRaw(
      'encounters.decline',
      { id: (await t.must('encounters.create', police, intake)).id, reason: 'other' },
      intake,
    );
    expect(other.ok).toBe(false);
  });

  it('discharges with a disposition', async () => {
    const e = await t.must('encounters.create', { ...police, accept: true }, intake);
    t.clock.advance(20 * 3600_000);
    const d = await t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'home_community', followUp: { consent: 'not_asked' } },
      intake,
    );
    expect(d.status).toBe('discharged');
    expect((d.dischargedAt! - d.arrivedAt!) / 3600_000).toBeCloseTo(20, 2);
  });

  it('changes after the fact need a reason and are kept as history', async () => {
    const e = await t.must('encounters.create', { ...police, accept: true }, intake);
    await t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'shelter', followUp: { consent: 'not_asked' } },
      intake,
    );
    const noReason = await t.call(
      'encounters.update',
      { id: e.id, changes: { disposition: 'home_community' } },
      manager,
    );
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error.fields).toHaveProperty('reason');

    const earlier = e.arrivedAt! - 4 * 60_000;
    const fixed = await t.must(
      'encounters.update',
      {
        id: e.id,
        changes: { disposition: 'home_community', arrivedAt: earlier },
        reason: 'Officer arrived before the desk noticed',
      },
      manager,
    );
    expect(fixed.disposition).toBe('home_community');
    expect(fixed.arrivedAt).toBe(earlier);
    const detail = await t.must('encounters.get', { id: e.id }, admin);
    const last = detail.events.at(-1)!;
    expect(last.kind).toBe('corrected');
    expect(last.userName).toBe('Max Manager');
    expect(last.detail).toMatchObject({
      reason: 'Officer arrived before the desk noticed',
      changes: {
        disposition: { from: 'shelter', to: 'home_community' },
        arrivedAt: { from: e.arrivedAt, to: earlier },
      },
    });

    // A correction cannot break a rule: arrival after discharge is refused, nothing changes.
    const bad = await t.call(
      'encounters.update',
      { id: e.id, changes: { arrivedAt: t.clock.now() + 3 * 60_000 }, reason: 'typo' },
      manager,
    );
    expect(bad.ok).toBe(false);
  });

  it('moving the arrival after the officer release is refused on the arrival field', async () => {
    const e = await t.must('encounters.create', { ...police, accept: true }, intake);
    t.clock.advance(10 * 60_000);
    const r = await t.call(
      'encounters.update',
      { id: e.id, changes: { arrivedAt: e.arrivedAt! + 60_000 }, reason: 'typo' },
      manager,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.fields).toEqual({
        arrivedAt: 'Officer release cannot be before arrival',
      });
    expect((await t.must('encounters.get', { id: e.id }, intake)).encounter.arrivedAt).toBe(
      e.arrivedAt,
    );
  });

  it('filling in details while the person is here needs no reason', async () => {
    const e = await t.must('encounters.create', { ...police, firstName: null }, intake);
    const u = await t.must('encounters.update', { id: e.id, changes: { firstName: 'Jo' } }, intake);
    expect(u.firstName).toBe('Jo');
  });

  it('searches by name, reference, agency and date range (facility days)', async () => {
    const a = await t.must('encounters.create', police, intake);
    t.clock.set(Date.UTC(2026, 2, 10, 6, 30)); // 23:30 on 9 March in Phoenix
    await t.must(
      'encounters.create',
      { ...police, agency: 'Marana PD', firstName: 'Ana', lastName: 'Ortiz' },
      intake,
    );
    const byName = await t.must('encounters.search', { text: 'mil' }, intake);
    expect(byName.rows.map((r) => r.personName)).toEqual(['Miles, Jordan']);
    const byRef = await t.must('encounters.search', { text: a.reference.toLowerCase() }, intake);
    expect(byRef.rows.map((r) => r.id)).toEqual([a.id]);
    const byAgency = await t.must('encounters.search', { agency: 'marana' }, intake);
    expect(byAgency.rows.map((r) => r.personName)).toEqual(['Ortiz, Ana']);
    const day9 = await t.must(
      'encounters.search',
      { from: '2026-03-09', to: '2026-03-09' },
      intake,
    );
    expect(day9.rows.map((r) => r.personName)).toEqual(['Ortiz, Ana']);
    const both = await t.must('encounters.search', { text: 'ana ort' }, intake);
    expect(both.rows.map((r) => r.personName)).toEqual(['Ortiz, Ana']);
    const initial = await t.call('encounters.search', { text: 'J' }, intake);
    expect(initial.ok).toBe(false);
    if (!initial.ok) expect(initial.error.fields).toHaveProperty('text');
    const bad = await t.call('encounters.search', { from: '2026-03-09', to: '2026-03-01' }, intake);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields).toHaveProperty('to');
  });

  it('searches by status: each status lists only its encounters, newest first', async () => {
    const made: Record<string, number[]> = {};
    const add = (status: string, id: number) => (made[status] ??= []).unshift(id);
    for (let i = 0; i < 2; i++) {
      add('arrived', (await t.must('encounters.create', police, intake)).id);
      t.clock.advance(60_000);
      const accepted = await t.must('encounters.create', { ...police, accept: true }, intake);
      add('accepted', accepted.id);
      t.clock.advance(60_000);
      const done = await t.must('encounters.create', { ...police, accept: true }, intake);
      t.clock.advance(60_000);
      await t.must(
        'encounters.discharge',
        { id: done.id, disposition: 'home_community', followUp: { consent: 'no' } },
        intake,
      );
      add('discharged', done.id);
      const declined = await t.must('encounters.create', police, intake);
      await t.must('encounters.decline', { id: declined.id, reason: 'medical_needs_ed' }, intake);
      add('declined', declined.id);
      t.clock.advance(60_000);
    }
    for (const status of ['arrived', 'accepted', 'discharged', 'declined'] as const) {
      const found = await t.must('encounters.search', { status }, intake);
      expect(
        found.rows.map((r) => r.id),
        status,
      ).toEqual(made[status]);
    }
    // Combined with a name, the status still filters.
    const named = await t.must('encounters.search', { text: 'miles', status: 'accepted' }, intake);
    expect(named.rows.map((r) => r.id)).toEqual(made.accepted);
  });

  it('every view of a record writes an audit row', async () => {
    const e = await t.must('encounters.create', police, intake);
    const count = () =>
      (
        t.db
          .prepare(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'encounters.view' AND entity_id = ?",
          )
          .get(String(e.id)) as { n: number }
      ).n;
    await t.must('encounters.get', { id: e.id }, intake);
    await t.must('encounters.get', { id: e.id }, manager);
    expect(count()).toBe(2);
  });

  it('expected arrivals lapse 30 minutes after their ETA', async () => {
    const x = await t.must(
      'encounters.expect',
      { referralSource: 'law_enforcement', agency: 'Marana PD', eta: t.clock.now() + 10 * 60_000 },
      intake,
    );
    expect((await t.must('encounters.active', {}, intake)).expected.map((r) => r.id)).toEqual([
      x.id,
    ]);
    t.clock.advance(41 * 60_000);
    const active = await t.must('encounters.active', {}, intake);
    expect(active.expected).toEqual([]);
    expect((await t.must('encounters.get', { id: x.id }, intake)).encounter.status).toBe('lapsed');
  });

  it('the turnaround target is a manager setting', async () => {
    const r = await t.call('turnaround.updateSettings', { targetMinutes: 7 }, intake);
    expect(r.ok).toBe(false);
    await t.must('turnaround.updateSettings', { targetMinutes: 7 }, manager);
    expect((await t.must('encounters.active', {}, intake)).targetMinutes).toBe(7);
    const bad = await t.callRaw('turnaround.updateSettings', { targetMinutes: 0 }, manager);
    expect(bad.ok).toBe(false);
  });
});
