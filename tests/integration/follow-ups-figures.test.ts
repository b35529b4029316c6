import { describe, expect, it, vi } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { followUpFigures, followUpFiguresDirect } from '../../db/follow-ups';
import { computeFigures } from '../../db/reports';
import { consented, H, useFollowUpBackend } from '../helpers/follow-ups';

const f = useFollowUpBackend();

describe('figures (DESIGN.md "Follow-up after discharge")', () => {
  it('a reached attempt at exactly 24 h counts; 24 h + 1 s counts only within 72 h', async () => {
    const a = await f.accepted('Ann', 'One', '1990-01-01');
    await f.discharge(a.id, consented({ appointmentAt: f.t.clock.now() + H }));
    const at = f.t.clock.now();
    const b = await f.accepted('Bea', 'Two', '1990-01-02');
    await f.discharge(b.id, consented());
    const c = await f.accepted('Cy', 'Three', '1990-01-03');
    await f.discharge(c.id, { consent: 'no' });
    const list = await f.t.must('followUps.list', {}, f.intake);
    const firstOf = (id: number) =>
      list.upcoming.find((x) => x.encounterId === id && x.ordinal === 1)!;
    f.t.clock.set(at + 24 * H);
    await f.t.must(
      'followUps.record',
      { contactId: firstOf(a.id).id, version: 0, outcome: 'reached_appointment_kept' },
      f.intake,
    );
    f.t.clock.set(at + 24 * H + 1000);
    await f.t.must(
      'followUps.record',
      { contactId: firstOf(b.id).id, version: 0, outcome: 'reached_doing_well' },
      f.intake,
    );
    const range = resolveRange('2026-06-10', '2026-06-10', 'America/Phoenix');
    const expected = {
      eligible: 2,
      reachedWithin24h: 1,
      reachedWithin72h: 2,
      within24hPct: 50,
      within72hPct: 100,
      aftercareScheduled: 1,
      aftercareKept: 1,
    };
    expect(followUpFigures(f.t.db, range)).toEqual(expected);
    expect(followUpFiguresDirect(f.t.db, range)).toEqual(expected);
    expect(computeFigures(f.t.db, range, 10).followUp).toEqual(expected);
    const empty = resolveRange('2026-06-11', '2026-06-11', 'America/Phoenix');
    expect(followUpFigures(f.t.db, empty).within24hPct).toBeNull();
  });

  it('the list filtered by an outcome shows only the contacts whose last attempt had it', async () => {
    const a = await f.accepted();
    await f.discharge(a.id, consented());
    const b = await f.accepted('Ana', 'Ruiz', '1975-07-08');
    await f.discharge(b.id, consented());
    f.t.clock.set(f.t.clock.now() + 24 * H);
    const due = (await f.t.must('followUps.list', {}, f.intake)).due;
    const of = (id: number) => due.find((c) => c.encounterId === id)!;
    await f.t.must(
      'followUps.record',
      { contactId: of(a.id).id, version: of(a.id).version, outcome: 'wrong_number' },
      f.intake,
    );
    await f.t.must(
      'followUps.record',
      { contactId: of(b.id).id, version: of(b.id).version, outcome: 'reached_doing_well' },
      f.intake,
    );
    const wrong = await f.t.must('followUps.list', { outcome: 'wrong_number' }, f.intake);
    expect(wrong.done.map((c) => [c.encounterId, c.lastOutcome])).toEqual([[a.id, 'wrong_number']]);
    const reached = await f.t.must('followUps.list', { outcome: 'reached_doing_well' }, f.intake);
    expect(reached.done.map((c) => c.encounterId)).toEqual([b.id]);
    expect((await f.t.must('followUps.list', {}, f.intake)).done).toHaveLength(2);
    // By due date (the facility's days): both were due on the 11th, none later.
    const day = { dueFrom: '2026-06-11', dueTo: '2026-06-11' };
    expect((await f.t.must('followUps.list', day, f.intake)).done).toHaveLength(2);
    const later = { dueFrom: '2026-06-12', dueTo: '2026-06-30' };
    expect((await f.t.must('followUps.list', later, f.intake)).done).toEqual([]);
    const both = await f.t.must('followUps.list', { ...day, outcome: 'wrong_number' }, f.intake);
    expect(both.done.map((c) => c.encounterId)).toEqual([a.id]);
  });

  it('the CSV export has one row per attempt in the range', async () => {
    const a = await f.accepted();
    await f.discharge(a.id, consented());
    f.t.clock.set(f.t.clock.now() + 24 * H);
    const c = (await f.t.must('followUps.list', {}, f.intake)).due[0]!;
    const r1 = await f.t.must(
      'followUps.record',
      { contactId: c.id, version: c.version, outcome: 'no_answer' },
      f.intake,
    );
    await f.t.must(
      'followUps.record',
      {
        contactId: c.id,
        version: r1.contact.version,
        outcome: 'left_message',
        note: 'said, "call back"',
      },
      f.intake,
    );
    const out = await f.t.must(
      'followUps.export',
      { from: '2026-06-01', to: '2026-06-30' },
      f.manager,
    );
    const lines = out.csv.trimEnd().split('\r\n');
    expect(out.rows).toBe(2);
    expect(lines[0]).toBe(
      'reference,disposition,discharged_at,consent,contact,contact_due_hours,attempt_at,outcome,note,appointment_at,appointment_kind,appointment_provider,recorded_by',
    );
    expect(lines[2]).toContain(',left_message,"said, ""call back""",');
    expect(lines[1]).toContain(',2026-06-11T08:00:00-07:00,no_answer,');
  });
});

describe('facility time zone across a DST change (America/Denver, 8 March 2026)', () => {
  it('ranges follow the local day by arrival; 24 h is 24 real hours', async () => {
    const { backendInZone } = await import('../helpers/encounter-csv');
    const d = await backendInZone('America/Denver');
    try {
      const admin = d.admin;
      // Saturday 7 March 23:30 MST (06:30Z on the 8th) and Sunday 8 March 23:30 MDT (05:30Z on
      // the 9th): each in its own local day although both are after midnight UTC.
      const arrivals = ['2026-03-08T06:30:00Z', '2026-03-09T05:30:00Z'];
      const ids: number[] = [];
      for (const at of arrivals) {
        vi.setSystemTime(Date.parse(at));
        const e = await d.t.must(
          'encounters.create',
          { referralSource: 'walk_in', accept: true },
          admin,
        );
        vi.setSystemTime(Date.parse(at) + 2 * H);
        const r = await d.t.call(
          'encounters.discharge',
          { id: e.id, disposition: 'shelter', followUp: { consent: 'yes' } },
          admin,
        );
        expect(r.ok).toBe(true);
        ids.push(e.id);
      }
      const zone = 'America/Denver';
      expect(followUpFigures(d.t.db, resolveRange('2026-03-07', '2026-03-07', zone)).eligible).toBe(
        1,
      );
      expect(followUpFigures(d.t.db, resolveRange('2026-03-08', '2026-03-08', zone)).eligible).toBe(
        1,
      );
      expect(followUpFigures(d.t.db, resolveRange('2026-03-09', '2026-03-09', zone)).eligible).toBe(
        0,
      );
      // The first discharge (01:30 MST on the 8th) is due 24 real hours later: 02:30 MDT.
      const list = await d.t.must('followUps.list', {}, admin);
      const first = list.upcoming.find((c) => c.encounterId === ids[0] && c.ordinal === 1)!;
      expect(new Date(first.dueAt).toISOString()).toBe('2026-03-09T08:30:00.000Z');
      // Filtering by due date uses the local day: due 9 March (local) holds it.
      const due9 = await d.t.must(
        'followUps.list',
        { dueFrom: '2026-03-09', dueTo: '2026-03-09' },
        admin,
      );
      expect(due9.upcoming.map((c) => c.id)).toContain(first.id);
    } finally {
      d.t.cleanup();
    }
  });
});
