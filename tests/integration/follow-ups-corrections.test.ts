import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { followUpFigures, followUpFiguresDirect } from '../../db/follow-ups';
import { describeEvent } from '../../renderer/handoff/timeline';
import { i18n } from '../../renderer/i18n';
import { consented, H, useFollowUpBackend } from '../helpers/follow-ups';
import type { Disposition } from '../../core/vocab';

const f = useFollowUpBackend();

describe('a corrected disposition', () => {
  const correct = (id: number, disposition: Disposition) =>
    f.t.call(
      'encounters.update',
      { id, changes: { disposition }, reason: 'Entered the wrong disposition' },
      f.intake,
    );

  it('to one asking for no contact closes the open contacts, with the reason on the timeline', async () => {
    const a = await f.accepted();
    await f.discharge(a.id, consented());
    const range = resolveRange('2026-06-01', '2026-06-30', 'America/Phoenix');
    expect(followUpFigures(f.t.db, range).eligible).toBe(1);
    expect((await f.t.must('followUps.list', {}, f.intake)).upcoming).toHaveLength(2);
    const r = await correct(a.id, 'inpatient_psychiatric');
    expect(r.ok).toBe(true);
    const list = await f.t.must('followUps.list', {}, f.intake);
    expect([...list.due, ...list.overdue, ...list.upcoming]).toEqual([]);
    f.t.clock.set(f.t.clock.now() + 25 * H);
    expect((await f.t.must('followUps.dueCount', {}, f.intake)).due).toBe(0);
    // The stay no longer counts as one the policy follows up.
    expect(followUpFigures(f.t.db, range)).toEqual(followUpFiguresDirect(f.t.db, range));
    expect(followUpFigures(f.t.db, range).eligible).toBe(0);
    const person = await f.t.must('people.get', { encounterId: a.id }, f.cm);
    expect(person.encounters[0]!.contacts.map((c) => c.status)).toEqual(['closed', 'closed']);
    const events = (await f.t.must('encounters.get', { id: a.id }, f.intake)).events;
    const corrected = events.find((e) => e.kind === 'corrected')!;
    expect(corrected.detail).toMatchObject({
      followUp: { reason: 'disposition_corrected', scheduledContacts: 0 },
    });
    expect(
      (corrected.detail as { followUp: { closedContactIds: number[] } }).followUp.closedContactIds,
    ).toHaveLength(2);
    // What the timeline says, in both languages.
    expect(describeEvent(corrected, 'America/Phoenix')).toContain(
      'follow-up calls closed: 2 (the corrected disposition asks for none)',
    );
    await i18n.changeLanguage('es-US');
    try {
      expect(describeEvent(corrected, 'America/Phoenix')).toContain(
        'llamadas de seguimiento cerradas: 2',
      );
    } finally {
      await i18n.changeLanguage('en-US');
    }
  });

  it('to one asking for contacts schedules them from the discharge when consent was yes', async () => {
    const a = await f.accepted();
    // Inpatient asks for no contact; consent was still asked and recorded yes.
    const d = await f.discharge(a.id, consented(), 'inpatient_psychiatric');
    expect(d.ok).toBe(true);
    const dischargedAt = f.t.clock.now();
    expect((await f.t.must('followUps.list', {}, f.intake)).upcoming).toEqual([]);
    f.t.clock.set(dischargedAt + 30 * H);
    expect((await correct(a.id, 'home_community')).ok).toBe(true);
    const list = await f.t.must('followUps.list', {}, f.intake);
    // The 24-hour call is already past its time; the 72-hour one is still ahead.
    expect([...list.due, ...list.overdue].map((c) => c.dueAt - dischargedAt)).toEqual([24 * H]);
    expect(list.upcoming.map((c) => c.dueAt - dischargedAt)).toEqual([72 * H]);
    expect(list.upcoming[0]!.disposition).toBe('home_community');
    const events = (await f.t.must('encounters.get', { id: a.id }, f.intake)).events;
    expect(
      describeEvent(
        events.find((e) => e.kind === 'corrected')!,
        'America/Phoenix',
      ),
    ).toContain('follow-up calls scheduled: 2');
    const range = resolveRange('2026-06-01', '2026-06-30', 'America/Phoenix');
    expect(followUpFigures(f.t.db, range).eligible).toBe(1);
    expect(followUpFigures(f.t.db, range)).toEqual(followUpFiguresDirect(f.t.db, range));
  });

  it('schedules nothing without consent yes, and never reopens contacts already worked', async () => {
    const a = await f.accepted();
    await f.discharge(a.id, { consent: 'no' }, 'medical_ed');
    expect((await correct(a.id, 'shelter')).ok).toBe(true);
    const b = await f.accepted('Ana', 'Ruiz', '1975-07-08');
    await f.discharge(b.id, consented());
    f.t.clock.set(f.t.clock.now() + 24 * H);
    const c = (await f.t.must('followUps.list', {}, f.intake)).due[0]!;
    await f.t.must(
      'followUps.record',
      { contactId: c.id, version: c.version, outcome: 'declined_contact' },
      f.intake,
    );
    expect((await correct(b.id, 'shelter')).ok).toBe(true);
    const list = await f.t.must('followUps.list', {}, f.intake);
    expect([...list.due, ...list.overdue, ...list.upcoming]).toEqual([]);
    expect(list.done.map((x) => x.lastOutcome)).toEqual(['declined_contact']);
  });
});

describe('policy', () => {
  it('a f.manager changes which contacts are due; f.intake and case managers may not', async () => {
    const p = await f.t.must('followUps.policy', {}, f.intake);
    expect(p.contacts.home_community).toEqual([24, 72]);
    expect(p.contacts.jail_law_enforcement).toEqual([]);
    const next = { ...p, contacts: { ...p.contacts, short_term_bed: [48] }, retryHours: 2 };
    const { overdueAfterHours: _o, ...input } = next;
    expect((await f.t.call('followUps.updatePolicy', input, f.intake)).ok).toBe(false);
    expect((await f.t.call('followUps.updatePolicy', input, f.cm)).ok).toBe(false);
    await f.t.must('followUps.updatePolicy', input, f.manager);
    const e = await f.accepted();
    expect((await f.discharge(e.id, consented(), 'short_term_bed')).ok).toBe(true);
    const list = await f.t.must('followUps.list', {}, f.intake);
    expect(list.upcoming.map((c) => c.offsetHours)).toEqual([48]);
    const bad = await f.t.call(
      'followUps.updatePolicy',
      { ...input, contacts: { ...input.contacts, shelter: [0] } },
      f.manager,
    );
    expect(!bad.ok && bad.error.fields?.['contacts.shelter.0']).toMatch(/1 to 720/);
  });
});
