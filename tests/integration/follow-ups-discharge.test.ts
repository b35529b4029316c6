import { describe, expect, it } from 'vitest';
import { resolveRange } from '../../core/reports/range';
import { followUpFigures } from '../../db/follow-ups';
import { auditCount, tableCounts } from '../helpers/roles';
import { request, startCapacityRig } from '../helpers/capacity';
import { consented, H, useFollowUpBackend } from '../helpers/follow-ups';

const f = useFollowUpBackend();

describe('at discharge', () => {
  it('consent and an appointment schedule the 24 h and 72 h contacts; the contact is due at 24 h', async () => {
    const e = await f.accepted();
    const appt = f.t.clock.now() + 48 * H;
    const r = await f.discharge(
      e.id,
      consented({
        appointmentAt: appt,
        appointmentProvider: 'Valley Clinic',
        appointmentKind: 'outpatient_mental_health',
      }),
    );
    expect(r.ok).toBe(true);
    const dischargedAt = f.t.clock.now();
    let list = await f.t.must('followUps.list', {}, f.intake);
    expect(list.due).toEqual([]);
    expect(list.upcoming.map((c) => [c.ordinal, c.dueAt - dischargedAt])).toEqual([
      [1, 24 * H],
      [2, 72 * H],
    ]);
    expect(list.upcoming[0]!.phone).toBe('+15055550134');
    expect(list.upcoming[0]!.appointmentProvider).toBe('Valley Clinic');
    expect((await f.t.must('followUps.dueCount', {}, f.intake)).due).toBe(0);

    f.t.clock.set(dischargedAt + 24 * H - 1000);
    expect((await f.t.must('followUps.dueCount', {}, f.intake)).due).toBe(0);
    f.t.clock.set(dischargedAt + 24 * H);
    expect((await f.t.must('followUps.dueCount', {}, f.cm)).due).toBe(1);
    list = await f.t.must('followUps.list', {}, f.cm);
    expect(list.due.map((c) => c.ordinal)).toEqual([1]);
    f.t.clock.set(dischargedAt + 28 * H + 1000);
    list = await f.t.must('followUps.list', {}, f.cm);
    expect(list.overdue.map((c) => c.ordinal)).toEqual([1]);
  });

  it('asks for consent when the disposition calls for a follow-up, and changes nothing', async () => {
    const e = await f.accepted();
    const before = tableCounts(f.t.db);
    const r = await f.discharge(e.id, { phone: '505 555 0134' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.fields?.['followUp.consent']).toMatch(/may be contacted/);
    expect(tableCounts(f.t.db)).toEqual(before);
    expect((await f.t.must('encounters.get', { id: e.id }, f.intake)).encounter.status).toBe(
      'accepted',
    );
  });

  it('a disposition without follow-up needs no consent and schedules nothing', async () => {
    const e = await f.accepted();
    expect((await f.discharge(e.id, undefined, 'inpatient_psychiatric')).ok).toBe(true);
    const list = await f.t.must('followUps.list', {}, f.intake);
    expect([...list.upcoming, ...list.due]).toEqual([]);
  });

  it('consent "no" schedules nothing and is never eligible', async () => {
    const e = await f.accepted();
    expect((await f.discharge(e.id, { consent: 'no' })).ok).toBe(true);
    const list = await f.t.must('followUps.list', {}, f.intake);
    expect(list.upcoming).toEqual([]);
    const range = resolveRange('2026-06-01', '2026-06-30', 'America/Phoenix');
    expect(followUpFigures(f.t.db, range).eligible).toBe(0);
  });

  it('refuses a non-phone and an appointment before the discharge, next to their fields', async () => {
    const e = await f.accepted();
    const before = tableCounts(f.t.db);
    const bad = await f.discharge(e.id, consented({ phone: '12' }));
    expect(!bad.ok && bad.error.fields?.['followUp.phone']).toMatch(/Not a phone number/);
    const early = await f.discharge(e.id, consented({ appointmentAt: f.t.clock.now() - 60_000 }));
    expect(!early.ok && early.error.fields?.['followUp.appointmentAt']).toMatch(
      /before the discharge/,
    );
    expect(tableCounts(f.t.db)).toEqual(before);
  });
});

describe('recording attempts', () => {
  async function contacts() {
    const e = await f.accepted();
    expect((await f.discharge(e.id, consented())).ok).toBe(true);
    f.t.clock.set(f.t.clock.now() + 24 * H);
    const list = await f.t.must('followUps.list', {}, f.intake);
    return { e, first: list.due[0]!, second: list.upcoming[0]! };
  }

  it('"no answer" reschedules in 4 h; the third closes the contact; "reached" completes it', async () => {
    const { e, first } = await contacts();
    let r = await f.t.must(
      'followUps.record',
      { contactId: first.id, version: first.version, outcome: 'no_answer' },
      f.intake,
    );
    expect(r.contact.status).toBe('open');
    expect(r.contact.dueAt).toBe(f.t.clock.now() + 4 * H);
    expect(r.contact.attempts).toBe(1);
    f.t.clock.set(f.t.clock.now() + 4 * H);
    r = await f.t.must(
      'followUps.record',
      {
        contactId: first.id,
        version: r.contact.version,
        outcome: 'reached_doing_well',
        note: 'OK',
      },
      f.cm,
    );
    expect(r.contact.status).toBe('done');
    // On the timeline and in the audit log.
    const detail = await f.t.must('encounters.get', { id: e.id }, f.intake);
    expect(
      detail.events.filter((x) => x.kind === 'follow_up_attempt').map((x) => x.detail?.outcome),
    ).toEqual(['no_answer', 'reached_doing_well']);
    const audit = auditCount(f.t.db, 'followUps.record');
    expect(audit).toBe(2);
  });

  it('closes a contact after the third no answer', async () => {
    const { first } = await contacts();
    let version = first.version;
    for (let i = 0; i < 3; i++) {
      const r = await f.t.must(
        'followUps.record',
        { contactId: first.id, version, outcome: 'no_answer' },
        f.intake,
      );
      version = r.contact.version;
      expect(r.contact.status).toBe(i < 2 ? 'open' : 'closed');
    }
  });

  it('"wrong number" closes the remaining contacts; an outcome for a closed contact is refused', async () => {
    const { first, second } = await contacts();
    const r = await f.t.must(
      'followUps.record',
      { contactId: first.id, version: first.version, outcome: 'wrong_number' },
      f.intake,
    );
    expect(r.closedContactIds).toEqual([second.id]);
    const before = tableCounts(f.t.db);
    const late = await f.t.call(
      'followUps.record',
      { contactId: second.id, version: second.version, outcome: 'reached_doing_well' },
      f.intake,
    );
    expect(!late.ok && late.error.code).toBe('conflict');
    expect(!late.ok && late.error.fields?.outcome).toBe('The contact is closed');
    expect(tableCounts(f.t.db)).toEqual(before);
  });

  it('two desks recording the same attempt: the second is refused and nothing is doubled', async () => {
    const { first } = await contacts();
    const input = { contactId: first.id, version: first.version, outcome: 'no_answer' } as const;
    const [a, b] = await Promise.all([
      f.t.call('followUps.record', input, f.intake),
      f.t.call('followUps.record', input, f.cm),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    const loser = a.ok ? b : a;
    expect(!loser.ok && loser.error.message).toMatch(/Another desk/);
    expect(f.t.db.prepare('SELECT count(*) FROM follow_up_attempts').pluck().get()).toBe(1);
  });

  it('a 5,000-character note is refused next to the note', async () => {
    const { first } = await contacts();
    const before = tableCounts(f.t.db);
    const r = await f.t.call(
      'followUps.record',
      { contactId: first.id, version: first.version, outcome: 'other', note: 'x'.repeat(5000) },
      f.intake,
    );
    expect(!r.ok && r.error.fields?.note).toMatch(/at most 1000 characters/);
    expect(tableCounts(f.t.db)).toEqual(before);
  });

  it('nothing of it reaches the capacity endpoint', async () => {
    const rig = await startCapacityRig(f.t);
    try {
      const read = async () =>
        Promise.all(
          ['/api/v1/capacity', '/api/v1/capacity.xml', '/'].map(
            async (p) => (await request(rig.base + p)).body,
          ),
        );
      const { first } = await contacts();
      await f.t.must(
        'followUps.record',
        {
          contactId: first.id,
          version: first.version,
          outcome: 'reached_needs_services',
          note: 'Zanzibar-Note',
        },
        f.intake,
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
