import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { followUpFigures, followUpFiguresDirect } from '../../db/follow-ups';
import { computeFigures } from '../../db/reports';
import { describeEvent } from '../../renderer/handoff/timeline';
import { i18n } from '../../renderer/i18n';
import { setUpBackend, type TestBackend } from '../helpers/backend';
import { addCaseManager, tableCounts } from '../helpers/roles';
import { request, startCapacityRig } from '../helpers/capacity';
import type { UserRow } from '../../db/users';
import type { DischargeFollowUpInput } from '../../core/follow-up/schemas';
import type { Disposition } from '../../core/vocab';

const H = 3_600_000;
let t: TestBackend;
let intake: UserRow;
let manager: UserRow;
let cm: UserRow;

beforeEach(async () => {
  // Only Date is frozen: the test clock then moves only when a test moves it (pinned edges).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-06-01T12:00:00Z'));
  const s = await setUpBackend();
  t = s.t;
  intake = s.intake;
  manager = s.manager;
  cm = await addCaseManager(t, s.admin);
  t.clock.set(Date.parse('2026-06-10T15:00:00Z'));
});
afterEach(() => {
  t.cleanup();
  vi.useRealTimers();
});

async function accepted(first = 'Rosa', last = 'Diaz', dob = '1980-02-03') {
  return t.must(
    'encounters.create',
    { referralSource: 'walk_in', firstName: first, lastName: last, dateOfBirth: dob, accept: true },
    intake,
  );
}

async function discharge(
  id: number,
  followUp: DischargeFollowUpInput | undefined,
  disposition: Disposition = 'home_community',
) {
  return t.call('encounters.discharge', { id, disposition, followUp }, intake);
}

const consented = (extra: DischargeFollowUpInput = {}): DischargeFollowUpInput => ({
  consent: 'yes',
  phone: '(505) 555-0134',
  bestTime: 'Evenings',
  ...extra,
});

describe('at discharge', () => {
  it('consent and an appointment schedule the 24 h and 72 h contacts; the contact is due at 24 h', async () => {
    const e = await accepted();
    const appt = t.clock.now() + 48 * H;
    const r = await discharge(
      e.id,
      consented({
        appointmentAt: appt,
        appointmentProvider: 'Valley Clinic',
        appointmentKind: 'outpatient_mental_health',
      }),
    );
    expect(r.ok).toBe(true);
    const dischargedAt = t.clock.now();
    let list = await t.must('followUps.list', {}, intake);
    expect(list.due).toEqual([]);
    expect(list.upcoming.map((c) => [c.ordinal, c.dueAt - dischargedAt])).toEqual([
      [1, 24 * H],
      [2, 72 * H],
    ]);
    expect(list.upcoming[0]!.phone).toBe('+15055550134');
    expect(list.upcoming[0]!.appointmentProvider).toBe('Valley Clinic');
    expect((await t.must('followUps.dueCount', {}, intake)).due).toBe(0);

    t.clock.set(dischargedAt + 24 * H - 1000);
    expect((await t.must('followUps.dueCount', {}, intake)).due).toBe(0);
    t.clock.set(dischargedAt + 24 * H);
    expect((await t.must('followUps.dueCount', {}, cm)).due).toBe(1);
    list = await t.must('followUps.list', {}, cm);
    expect(list.due.map((c) => c.ordinal)).toEqual([1]);
    t.clock.set(dischargedAt + 28 * H + 1000);
    list = await t.must('followUps.list', {}, cm);
    expect(list.overdue.map((c) => c.ordinal)).toEqual([1]);
  });

  it('asks for consent when the disposition calls for a follow-up, and changes nothing', async () => {
    const e = await accepted();
    const before = tableCounts(t.db);
    const r = await discharge(e.id, { phone: '505 555 0134' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields?.['followUp.consent']).toMatch(/may be contacted/);
    expect(tableCounts(t.db)).toEqual(before);
    expect((await t.must('encounters.get', { id: e.id }, intake)).encounter.status).toBe(
      'accepted',
    );
  });

  it('a disposition without follow-up needs no consent and schedules nothing', async () => {
    const e = await accepted();
    expect((await discharge(e.id, undefined, 'inpatient_psychiatric')).ok).toBe(true);
    const list = await t.must('followUps.list', {}, intake);
    expect([...list.upcoming, ...list.due]).toEqual([]);
  });

  it('consent "no" schedules nothing and is never eligible', async () => {
    const e = await accepted();
    expect((await discharge(e.id, { consent: 'no' })).ok).toBe(true);
    const list = await t.must('followUps.list', {}, intake);
    expect(list.upcoming).toEqual([]);
    const range = resolveRange('2026-06-01', '2026-06-30', 'America/Phoenix');
    expect(followUpFigures(t.db, range).eligible).toBe(0);
  });

  it('refuses a non-phone and an appointment before the discharge, next to their fields', async () => {
    const e = await accepted();
    const before = tableCounts(t.db);
    const bad = await discharge(e.id, consented({ phone: '12' }));
    expect(!bad.ok && bad.error.fields?.['followUp.phone']).toMatch(/Not a phone number/);
    const early = await discharge(e.id, consented({ appointmentAt: t.clock.now() - 60_000 }));
    expect(!early.ok && early.error.fields?.['followUp.appointmentAt']).toMatch(
      /before the discharge/,
    );
    expect(tableCounts(t.db)).toEqual(before);
  });
});

describe('recording attempts', () => {
  async function contacts() {
    const e = await accepted();
    expect((await discharge(e.id, consented())).ok).toBe(true);
    t.clock.set(t.clock.now() + 24 * H);
    const list = await t.must('followUps.list', {}, intake);
    return { e, first: list.due[0]!, second: list.upcoming[0]! };
  }

  it('"no answer" reschedules in 4 h; the third closes the contact; "reached" completes it', async () => {
    const { e, first } = await contacts();
    let r = await t.must(
      'followUps.record',
      { contactId: first.id, version: first.version, outcome: 'no_answer' },
      intake,
    );
    expect(r.contact.status).toBe('open');
    expect(r.contact.dueAt).toBe(t.clock.now() + 4 * H);
    expect(r.contact.attempts).toBe(1);
    t.clock.set(t.clock.now() + 4 * H);
    r = await t.must(
      'followUps.record',
      {
        contactId: first.id,
        version: r.contact.version,
        outcome: 'reached_doing_well',
        note: 'OK',
      },
      cm,
    );
    expect(r.contact.status).toBe('done');
    // On the timeline and in the audit log.
    const detail = await t.must('encounters.get', { id: e.id }, intake);
    expect(
      detail.events.filter((x) => x.kind === 'follow_up_attempt').map((x) => x.detail?.outcome),
    ).toEqual(['no_answer', 'reached_doing_well']);
    const audit = t.db
      .prepare(`SELECT count(*) FROM audit_log WHERE action = 'followUps.record'`)
      .pluck()
      .get();
    expect(audit).toBe(2);
  });

  it('closes a contact after the third no answer', async () => {
    const { first } = await contacts();
    let version = first.version;
    for (let i = 0; i < 3; i++) {
      const r = await t.must(
        'followUps.record',
        { contactId: first.id, version, outcome: 'no_answer' },
        intake,
      );
      version = r.contact.version;
      expect(r.contact.status).toBe(i < 2 ? 'open' : 'closed');
    }
  });

  it('"wrong number" closes the remaining contacts; an outcome for a closed contact is refused', async () => {
    const { first, second } = await contacts();
    const r = await t.must(
      'followUps.record',
      { contactId: first.id, version: first.version, outcome: 'wrong_number' },
      intake,
    );
    expect(r.closedContactIds).toEqual([second.id]);
    const before = tableCounts(t.db);
    const late = await t.call(
      'followUps.record',
      { contactId: second.id, version: second.version, outcome: 'reached_doing_well' },
      intake,
    );
    expect(!late.ok && late.error.code).toBe('conflict');
    expect(!late.ok && late.error.fields?.outcome).toBe('The contact is closed');
    expect(tableCounts(t.db)).toEqual(before);
  });

  it('two desks recording the same attempt: the second is refused and nothing is doubled', async () => {
    const { first } = await contacts();
    const input = { contactId: first.id, version: first.version, outcome: 'no_answer' } as const;
    const [a, b] = await Promise.all([
      t.call('followUps.record', input, intake),
      t.call('followUps.record', input, cm),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(!loser.ok && loser.error.message).toMatch(/Another desk/);
    expect(t.db.prepare('SELECT count(*) FROM follow_up_attempts').pluck().get()).toBe(1);
  });

  it('a 5,000-character note is refused next to the note', async () => {
    const { first } = await contacts();
    const before = tableCounts(t.db);
    const r = await t.call(
      'followUps.record',
      { contactId: first.id, version: first.version, outcome: 'other', note: 'x'.repeat(5000) },
      intake,
    );
    expect(!r.ok && r.error.fields?.note).toMatch(/at most 1000 characters/);
    expect(tableCounts(t.db)).toEqual(before);
  });

  it('nothing of it reaches the capacity endpoint', async () => {
    const rig = await startCapacityRig(t);
    try {
      const read = async () =>
        Promise.all(
          ['/api/v1/capacity', '/api/v1/capacity.xml', '/'].map(
            async (p) => (await request(rig.base + p)).body,
          ),
        );
      const { first } = await contacts();
      await t.must(
        'followUps.record',
        {
          contactId: first.id,
          version: first.version,
          outcome: 'reached_needs_services',
          note: 'Zanzibar-Note',
        },
        intake,
      );
      for (const body of await read()) {
        expect(body).not.toContain('5550134');
        expect(body).not.toContain('Zanzibar');
        expect(body).not.toMatch(/follow/i);
      }
    } finally {
      await rig.stop();
    }
  });
});

describe('figures (DESIGN.md "Follow-up after discharge")', () => {
  it('a reached attempt at exactly 24 h counts; 24 h + 1 s counts only within 72 h', async () => {
    const a = await accepted('Ann', 'One', '1990-01-01');
    await discharge(a.id, consented({ appointmentAt: t.clock.now() + H }));
    const at = t.clock.now();
    const b = await accepted('Bea', 'Two', '1990-01-02');
    await discharge(b.id, consented());
    const c = await accepted('Cy', 'Three', '1990-01-03');
    await discharge(c.id, { consent: 'no' });
    const list = await t.must('followUps.list', {}, intake);
    const firstOf = (id: number) =>
      list.upcoming.find((x) => x.encounterId === id && x.ordinal === 1)!;
    t.clock.set(at + 24 * H);
    await t.must(
      'followUps.record',
      { contactId: firstOf(a.id).id, version: 0, outcome: 'reached_appointment_kept' },
      intake,
    );
    t.clock.set(at + 24 * H + 1000);
    await t.must(
      'followUps.record',
      { contactId: firstOf(b.id).id, version: 0, outcome: 'reached_doing_well' },
      intake,
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
    expect(followUpFigures(t.db, range)).toEqual(expected);
    expect(followUpFiguresDirect(t.db, range)).toEqual(expected);
    expect(computeFigures(t.db, range, 10).followUp).toEqual(expected);
    const empty = resolveRange('2026-06-11', '2026-06-11', 'America/Phoenix');
    expect(followUpFigures(t.db, empty).within24hPct).toBeNull();
  });

  it('the list filtered by an outcome shows only the contacts whose last attempt had it', async () => {
    const a = await accepted();
    await discharge(a.id, consented());
    const b = await accepted('Ana', 'Ruiz', '1975-07-08');
    await discharge(b.id, consented());
    t.clock.set(t.clock.now() + 24 * H);
    const due = (await t.must('followUps.list', {}, intake)).due;
    const of = (id: number) => due.find((c) => c.encounterId === id)!;
    await t.must(
      'followUps.record',
      { contactId: of(a.id).id, version: of(a.id).version, outcome: 'wrong_number' },
      intake,
    );
    await t.must(
      'followUps.record',
      { contactId: of(b.id).id, version: of(b.id).version, outcome: 'reached_doing_well' },
      intake,
    );
    const wrong = await t.must('followUps.list', { outcome: 'wrong_number' }, intake);
    expect(wrong.done.map((c) => [c.encounterId, c.lastOutcome])).toEqual([[a.id, 'wrong_number']]);
    const reached = await t.must('followUps.list', { outcome: 'reached_doing_well' }, intake);
    expect(reached.done.map((c) => c.encounterId)).toEqual([b.id]);
    expect((await t.must('followUps.list', {}, intake)).done).toHaveLength(2);
    // By due date (the facility's days): both were due on the 11th, none later.
    const day = { dueFrom: '2026-06-11', dueTo: '2026-06-11' };
    expect((await t.must('followUps.list', day, intake)).done).toHaveLength(2);
    const later = { dueFrom: '2026-06-12', dueTo: '2026-06-30' };
    expect((await t.must('followUps.list', later, intake)).done).toEqual([]);
    const both = await t.must('followUps.list', { ...day, outcome: 'wrong_number' }, intake);
    expect(both.done.map((c) => c.encounterId)).toEqual([a.id]);
  });

  it('the CSV export has one row per attempt in the range', async () => {
    const a = await accepted();
    await discharge(a.id, consented());
    t.clock.set(t.clock.now() + 24 * H);
    const c = (await t.must('followUps.list', {}, intake)).due[0]!;
    const r1 = await t.must(
      'followUps.record',
      { contactId: c.id, version: c.version, outcome: 'no_answer' },
      intake,
    );
    await t.must(
      'followUps.record',
      {
        contactId: c.id,
        version: r1.contact.version,
        outcome: 'left_message',
        note: 'said, "call back"',
      },
      intake,
    );
    const out = await t.must('followUps.export', { from: '2026-06-01', to: '2026-06-30' }, manager);
    const lines = out.csv.trimEnd().split('\r\n');
    expect(out.rows).toBe(2);
    expect(lines[0]).toBe(
      'reference,disposition,discharged_at,consent,contact,contact_due_hours,attempt_at,outcome,note,appointment_at,appointment_kind,appointment_provider,recorded_by',
    );
    expect(lines[2]).toContain(',left_message,"said, ""call back""",');
    expect(lines[1]).toContain(',2026-06-11T08:00:00-07:00,no_answer,');
  });
});

describe('a corrected disposition', () => {
  const correct = (id: number, disposition: Disposition) =>
    t.call(
      'encounters.update',
      { id, changes: { disposition }, reason: 'Entered the wrong disposition' },
      intake,
    );

  it('to one asking for no contact closes the open contacts, with the reason on the timeline', async () => {
    const a = await accepted();
    await discharge(a.id, consented());
    const range = resolveRange('2026-06-01', '2026-06-30', 'America/Phoenix');
    expect(followUpFigures(t.db, range).eligible).toBe(1);
    expect((await t.must('followUps.list', {}, intake)).upcoming).toHaveLength(2);
    const r = await correct(a.id, 'inpatient_psychiatric');
    expect(r.ok).toBe(true);
    const list = await t.must('followUps.list', {}, intake);
    expect([...list.due, ...list.overdue, ...list.upcoming]).toEqual([]);
    t.clock.set(t.clock.now() + 25 * H);
    expect((await t.must('followUps.dueCount', {}, intake)).due).toBe(0);
    // The stay no longer counts as one the policy follows up.
    expect(followUpFigures(t.db, range)).toEqual(followUpFiguresDirect(t.db, range));
    expect(followUpFigures(t.db, range).eligible).toBe(0);
    const person = await t.must('people.get', { encounterId: a.id }, cm);
    expect(person.encounters[0]!.contacts.map((c) => c.status)).toEqual(['closed', 'closed']);
    const events = (await t.must('encounters.get', { id: a.id }, intake)).events;
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
    const a = await accepted();
    // Inpatient asks for no contact; consent was still asked and recorded yes.
    const d = await discharge(a.id, consented(), 'inpatient_psychiatric');
    expect(d.ok).toBe(true);
    const dischargedAt = t.clock.now();
    expect((await t.must('followUps.list', {}, intake)).upcoming).toEqual([]);
    t.clock.set(dischargedAt + 30 * H);
    expect((await correct(a.id, 'home_community')).ok).toBe(true);
    const list = await t.must('followUps.list', {}, intake);
    // The 24-hour call is already past its time; the 72-hour one is still ahead.
    expect([...list.due, ...list.overdue].map((c) => c.dueAt - dischargedAt)).toEqual([24 * H]);
    expect(list.upcoming.map((c) => c.dueAt - dischargedAt)).toEqual([72 * H]);
    expect(list.upcoming[0]!.disposition).toBe('home_community');
    const events = (await t.must('encounters.get', { id: a.id }, intake)).events;
    expect(
      describeEvent(
        events.find((e) => e.kind === 'corrected')!,
        'America/Phoenix',
      ),
    ).toContain('follow-up calls scheduled: 2');
    const range = resolveRange('2026-06-01', '2026-06-30', 'America/Phoenix');
    expect(followUpFigures(t.db, range).eligible).toBe(1);
    expect(followUpFigures(t.db, range)).toEqual(followUpFiguresDirect(t.db, range));
  });

  it('schedules nothing without consent yes, and never reopens contacts already worked', async () => {
    const a = await accepted();
    await discharge(a.id, { consent: 'no' }, 'medical_ed');
    expect((await correct(a.id, 'shelter')).ok).toBe(true);
    const b = await accepted('Ana', 'Ruiz', '1975-07-08');
    await discharge(b.id, consented());
    t.clock.set(t.clock.now() + 24 * H);
    const c = (await t.must('followUps.list', {}, intake)).due[0]!;
    await t.must(
      'followUps.record',
      { contactId: c.id, version: c.version, outcome: 'declined_contact' },
      intake,
    );
    expect((await correct(b.id, 'shelter')).ok).toBe(true);
    const list = await t.must('followUps.list', {}, intake);
    expect([...list.due, ...list.overdue, ...list.upcoming]).toEqual([]);
    expect(list.done.map((x) => x.lastOutcome)).toEqual(['declined_contact']);
  });
});

describe('policy', () => {
  it('a manager changes which contacts are due; intake and case managers may not', async () => {
    const p = await t.must('followUps.policy', {}, intake);
    expect(p.contacts.home_community).toEqual([24, 72]);
    expect(p.contacts.jail_law_enforcement).toEqual([]);
    const next = { ...p, contacts: { ...p.contacts, short_term_bed: [48] }, retryHours: 2 };
    const { overdueAfterHours: _o, ...input } = next;
    expect((await t.call('followUps.updatePolicy', input, intake)).ok).toBe(false);
    expect((await t.call('followUps.updatePolicy', input, cm)).ok).toBe(false);
    await t.must('followUps.updatePolicy', input, manager);
    const e = await accepted();
    expect((await discharge(e.id, consented(), 'short_term_bed')).ok).toBe(true);
    const list = await t.must('followUps.list', {}, intake);
    expect(list.upcoming.map((c) => c.offsetHours)).toEqual([48]);
    const bad = await t.call(
      'followUps.updatePolicy',
      { ...input, contacts: { ...input.contacts, shelter: [0] } },
      manager,
    );
    expect(!bad.ok && bad.error.fields?.['contacts.shelter.0']).toMatch(/1 to 720/);
  });
});

describe('person view and intake notes', () => {
  it('shows every visit with its follow-up, and the note reaches the next handoff', async () => {
    const first = await accepted();
    await discharge(first.id, consented());
    const second = await accepted();
    const view = await t.must('people.get', { encounterId: second.id }, cm);
    expect(view.encounters.map((x) => x.reference)).toEqual([second.reference, first.reference]);
    expect(view.encounters[1]!.contacts.map((c) => c.status)).toEqual(['open', 'open']);
    expect(view.repeat.visits).toBe(2);
    expect((await t.call('people.get', { personKey: view.personKey }, intake)).ok).toBe(false);

    const note = await t.must(
      'notes.add',
      { personKey: view.personKey, text: 'Responds well to female staff' },
      cm,
    );
    const edited = await t.must(
      'notes.edit',
      {
        noteId: note.id,
        version: 1,
        text: 'Responds well to female staff; crisis plan with Dr. X',
      },
      cm,
    );
    expect(edited.versions.map((v) => v.version)).toEqual([1, 2]);
    const stale = await t.call('notes.edit', { noteId: note.id, version: 1, text: 'x' }, cm);
    expect(!stale.ok && stale.error.code).toBe('conflict');
    const seen = await t.must(
      'notes.forIntake',
      { firstName: ' rosa ', lastName: 'DIAZ', dateOfBirth: '1980-02-03' },
      intake,
    );
    expect(seen.map((n) => n.text)).toEqual([
      'Responds well to female staff; crisis plan with Dr. X',
    ]);
    const noReason = await t.call('notes.remove', { noteId: note.id, version: 2, reason: ' ' }, cm);
    expect(!noReason.ok && noReason.error.fields?.reason).toBe('Say why the note is removed');
    await t.must('notes.remove', { noteId: note.id, version: 2, reason: 'Outdated' }, cm);
    expect(
      await t.must(
        'notes.forIntake',
        { firstName: 'Rosa', lastName: 'Diaz', dateOfBirth: '1980-02-03' },
        intake,
      ),
    ).toEqual([]);
    // Versions are kept and cannot be rewritten.
    expect(() => t.db.prepare('DELETE FROM intake_note_versions').run()).toThrow(/kept/);
    const long = await t.call(
      'notes.add',
      { personKey: view.personKey, text: 'x'.repeat(5000) },
      cm,
    );
    expect(!long.ok && long.error.fields?.text).toMatch(/at most 500/);
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
