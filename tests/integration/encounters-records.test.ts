import { describe, expect, it } from 'vitest';
import { countOfficersWaiting } from '../../db/officers-waiting';
import { police, useEncounterBackend } from '../helpers/encounters';

const ctx = useEncounterBackend();

describe('decline, discharge, corrections, search, audit', () => {
  it('declines with a reason; the decline is on the timeline', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    const d = await ctx.t.must(
      'encounters.decline',
      { id: e.id, reason: 'medical_needs_ed' },
      ctx.intake,
    );
    expect(d.status).toBe('declined');
    expect(d.declineReason).toBe('medical_needs_ed');
    expect(countOfficersWaiting(ctx.t.db)).toBe(0);
    const other = await ctx.t.callRaw(
      'encounters.decline',
      { id: (await ctx.t.must('encounters.create', police, ctx.intake)).id, reason: 'other' },
      ctx.intake,
    );
    expect(other.ok).toBe(false);
  });

  it('discharges with a disposition', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
    ctx.t.clock.advance(20 * 3600_000);
    const d = await ctx.t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'home_community', followUp: { consent: 'not_asked' } },
      ctx.intake,
    );
    expect(d.status).toBe('discharged');
    expect((d.dischargedAt! - d.arrivedAt!) / 3600_000).toBeCloseTo(20, 2);
  });

  it('changes after the fact need a reason and are kept as history', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
    await ctx.t.must(
      'encounters.discharge',
      { id: e.id, disposition: 'shelter', followUp: { consent: 'not_asked' } },
      ctx.intake,
    );
    const noReason = await ctx.t.call(
      'encounters.update',
      { id: e.id, changes: { disposition: 'home_community' } },
      ctx.manager,
    );
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.error.fields).toHaveProperty('reason');

    const earlier = e.arrivedAt! - 4 * 60_000;
    const fixed = await ctx.t.must(
      'encounters.update',
      {
        id: e.id,
        changes: { disposition: 'home_community', arrivedAt: earlier },
        reason: 'Officer arrived before the desk noticed',
      },
      ctx.manager,
    );
    expect(fixed.disposition).toBe('home_community');
    expect(fixed.arrivedAt).toBe(earlier);
    const detail = await ctx.t.must('encounters.get', { id: e.id }, ctx.admin);
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
    const bad = await ctx.t.call(
      'encounters.update',
      { id: e.id, changes: { arrivedAt: ctx.t.clock.now() + 3 * 60_000 }, reason: 'typo' },
      ctx.manager,
    );
    expect(bad.ok).toBe(false);
  });

  it('moving the arrival after the officer release is refused on the arrival field', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
    ctx.t.clock.advance(10 * 60_000);
    const r = await ctx.t.call(
      'encounters.update',
      { id: e.id, changes: { arrivedAt: e.arrivedAt! + 60_000 }, reason: 'typo' },
      ctx.manager,
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.fields).toEqual({
        arrivedAt: 'Officer release cannot be before arrival',
      });
    expect((await ctx.t.must('encounters.get', { id: e.id }, ctx.intake)).encounter.arrivedAt).toBe(
      e.arrivedAt,
    );
  });

  it('filling in details while the person is here needs no reason', async () => {
    const e = await ctx.t.must('encounters.create', { ...police, firstName: null }, ctx.intake);
    const u = await ctx.t.must(
      'encounters.update',
      { id: e.id, changes: { firstName: 'Jo' } },
      ctx.intake,
    );
    expect(u.firstName).toBe('Jo');
  });

  it('searches by name, reference, agency and date range (facility days)', async () => {
    const a = await ctx.t.must('encounters.create', police, ctx.intake);
    ctx.t.clock.set(Date.UTC(2026, 2, 10, 6, 30)); // 23:30 on 9 March in Phoenix
    await ctx.t.must(
      'encounters.create',
      { ...police, agency: 'Marana PD', firstName: 'Ana', lastName: 'Ortiz' },
      ctx.intake,
    );
    const byName = await ctx.t.must('encounters.search', { text: 'mil' }, ctx.intake);
    expect(byName.rows.map((r) => r.personName)).toEqual(['Miles, Jordan']);
    const byRef = await ctx.t.must(
      'encounters.search',
      { text: a.reference.toLowerCase() },
      ctx.intake,
    );
    expect(byRef.rows.map((r) => r.id)).toEqual([a.id]);
    const byAgency = await ctx.t.must('encounters.search', { agency: 'marana' }, ctx.intake);
    expect(byAgency.rows.map((r) => r.personName)).toEqual(['Ortiz, Ana']);
    const day9 = await ctx.t.must(
      'encounters.search',
      { from: '2026-03-09', to: '2026-03-09' },
      ctx.intake,
    );
    expect(day9.rows.map((r) => r.personName)).toEqual(['Ortiz, Ana']);
    const both = await ctx.t.must('encounters.search', { text: 'ana ort' }, ctx.intake);
    expect(both.rows.map((r) => r.personName)).toEqual(['Ortiz, Ana']);
    const initial = await ctx.t.call('encounters.search', { text: 'J' }, ctx.intake);
    expect(initial.ok).toBe(false);
    if (!initial.ok) expect(initial.error.fields).toHaveProperty('text');
    const bad = await ctx.t.call(
      'encounters.search',
      { from: '2026-03-09', to: '2026-03-01' },
      ctx.intake,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields).toHaveProperty('to');
  });

  it('searches by status: each status lists only its encounters, newest first', async () => {
    const made: Record<string, number[]> = {};
    const add = (status: string, id: number) => (made[status] ??= []).unshift(id);
    for (let i = 0; i < 2; i++) {
      add('arrived', (await ctx.t.must('encounters.create', police, ctx.intake)).id);
      ctx.t.clock.advance(60_000);
      const accepted = await ctx.t.must(
        'encounters.create',
        { ...police, accept: true },
        ctx.intake,
      );
      add('accepted', accepted.id);
      ctx.t.clock.advance(60_000);
      const done = await ctx.t.must('encounters.create', { ...police, accept: true }, ctx.intake);
      ctx.t.clock.advance(60_000);
      await ctx.t.must(
        'encounters.discharge',
        { id: done.id, disposition: 'home_community', followUp: { consent: 'no' } },
        ctx.intake,
      );
      add('discharged', done.id);
      const declined = await ctx.t.must('encounters.create', police, ctx.intake);
      await ctx.t.must(
        'encounters.decline',
        { id: declined.id, reason: 'medical_needs_ed' },
        ctx.intake,
      );
      add('declined', declined.id);
      ctx.t.clock.advance(60_000);
    }
    for (const status of ['arrived', 'accepted', 'discharged', 'declined'] as const) {
      const found = await ctx.t.must('encounters.search', { status }, ctx.intake);
      expect(
        found.rows.map((r) => r.id),
        status,
      ).toEqual(made[status]);
    }
    // Combined with a name, the status still filters.
    const named = await ctx.t.must(
      'encounters.search',
      { text: 'miles', status: 'accepted' },
      ctx.intake,
    );
    expect(named.rows.map((r) => r.id)).toEqual(made.accepted);
  });

  it('every view of a record writes an audit row', async () => {
    const e = await ctx.t.must('encounters.create', police, ctx.intake);
    const count = () =>
      (
        ctx.t.db
          .prepare(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'encounters.view' AND entity_id = ?",
          )
          .get(String(e.id)) as { n: number }
      ).n;
    await ctx.t.must('encounters.get', { id: e.id }, ctx.intake);
    await ctx.t.must('encounters.get', { id: e.id }, ctx.manager);
    expect(count()).toBe(2);
  });

  it('expected arrivals lapse 30 minutes after their ETA', async () => {
    const x = await ctx.t.must(
      'encounters.expect',
      {
        referralSource: 'law_enforcement',
        agency: 'Marana PD',
        eta: ctx.t.clock.now() + 10 * 60_000,
      },
      ctx.intake,
    );
    expect(
      (await ctx.t.must('encounters.active', {}, ctx.intake)).expected.map((r) => r.id),
    ).toEqual([x.id]);
    ctx.t.clock.advance(41 * 60_000);
    const active = await ctx.t.must('encounters.active', {}, ctx.intake);
    expect(active.expected).toEqual([]);
    expect((await ctx.t.must('encounters.get', { id: x.id }, ctx.intake)).encounter.status).toBe(
      'lapsed',
    );
  });

  it('the turnaround target is a ctx.manager setting', async () => {
    const r = await ctx.t.call('turnaround.updateSettings', { targetMinutes: 7 }, ctx.intake);
    expect(r.ok).toBe(false);
    await ctx.t.must('turnaround.updateSettings', { targetMinutes: 7 }, ctx.manager);
    expect((await ctx.t.must('encounters.active', {}, ctx.intake)).targetMinutes).toBe(7);
    const bad = await ctx.t.callRaw('turnaround.updateSettings', { targetMinutes: 0 }, ctx.manager);
    expect(bad.ok).toBe(false);
  });
});
