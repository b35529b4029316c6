import { describe, expect, it } from 'vitest';
import {
  applyAttempt,
  completePolicy,
  DEFAULT_POLICY,
  dueState,
  OVERDUE_AFTER_MS,
  plannedContacts,
  type ContactState,
} from '../../core/follow-up/policy';
import {
  dischargeFollowUpErrors,
  dischargeFollowUpInputErrors,
  dischargeFollowUpSchema,
} from '../../core/follow-up/schemas';
import { formatPhone, toE164 } from '../../core/follow-up/phone';

const H = 3_600_000;
const open: ContactState = { status: 'open', attempts: 0, dueAt: 0, maxAttempts: 3, retryHours: 4 };

describe('follow-up policy (pure rules)', () => {
  it('defaults: 24 h and 72 h for home/community, shelter and left against advice; none else', () => {
    const asks = Object.entries(DEFAULT_POLICY.contacts)
      .filter(([, h]) => h.length > 0)
      .map(([d]) => d);
    expect(asks).toEqual(['home_community', 'shelter', 'left_against_advice']);
    expect(DEFAULT_POLICY.contacts.home_community).toEqual([24, 72]);
    expect([DEFAULT_POLICY.retryHours, DEFAULT_POLICY.maxAttempts]).toEqual([4, 3]);
  });

  it('schedules contacts only with consent "yes", at the policy hours after discharge', () => {
    const d = Date.parse('2026-03-07T20:00:00Z');
    expect(
      plannedContacts(DEFAULT_POLICY, 'home_community', 'yes', d).map((c) => c.dueAt - d),
    ).toEqual([24 * H, 72 * H]);
    expect(plannedContacts(DEFAULT_POLICY, 'home_community', 'no', d)).toEqual([]);
    expect(plannedContacts(DEFAULT_POLICY, 'home_community', 'not_asked', d)).toEqual([]);
    expect(plannedContacts(DEFAULT_POLICY, 'jail_law_enforcement', 'yes', d)).toEqual([]);
  });

  it('"no answer" reschedules 4 h after the attempt until 3 attempts, then closes', () => {
    let c = applyAttempt(open, 'no_answer', 10 * H);
    expect(c.contact).toMatchObject({ status: 'open', attempts: 1, dueAt: 14 * H });
    c = applyAttempt(c.contact, 'left_message', 15 * H);
    expect(c.contact).toMatchObject({ status: 'open', attempts: 2, dueAt: 19 * H });
    c = applyAttempt(c.contact, 'no_answer', 20 * H);
    expect(c.contact).toMatchObject({ status: 'closed', attempts: 3 });
    expect(c.closeRemaining).toBe(false);
  });

  it('wrong number and declined close the remaining contacts; reached completes', () => {
    expect(applyAttempt(open, 'wrong_number', 1).closeRemaining).toBe(true);
    expect(applyAttempt(open, 'declined_contact', 1).contact.status).toBe('closed');
    expect(applyAttempt(open, 'reached_doing_well', 1)).toMatchObject({
      contact: { status: 'done' },
      closeRemaining: false,
    });
  });

  it('due, overdue and upcoming by the contact time', () => {
    expect(dueState('open', 100, 99)).toBe('upcoming');
    expect(dueState('open', 100, 100)).toBe('due');
    expect(dueState('open', 100, 100 + OVERDUE_AFTER_MS)).toBe('due');
    expect(dueState('open', 100, 101 + OVERDUE_AFTER_MS)).toBe('overdue');
    expect(dueState('closed', 100, 0)).toBe('done');
  });

  it('a stored policy missing a disposition gets the default for it', () => {
    const p = completePolicy({ contacts: { shelter: [72, 24, 24] } as never, retryHours: 2 });
    expect(p.contacts.shelter).toEqual([24, 72]);
    expect(p.contacts.home_community).toEqual([24, 72]);
    expect(p.retryHours).toBe(2);
  });
});

describe('discharge follow-up schema', () => {
  it('validates and normalizes the phone (US default), shows it formatted', () => {
    expect(toE164('505 555 0134')).toBe('+15055550134');
    expect(toE164('12')).toBeNull();
    expect(formatPhone('+15055550134')).toBe('(505) 555-0134');
    const bad = dischargeFollowUpSchema.safeParse({ phone: 'call me' });
    expect(bad.success).toBe(false);
    expect(dischargeFollowUpSchema.parse({ phone: '' }).phone).toBeNull();
  });

  it('consent is required only when the policy asks; no appointment before discharge', () => {
    const discharged = Date.UTC(2026, 2, 8, 9);
    const f = dischargeFollowUpSchema.parse({ appointmentAt: discharged - 1 });
    expect(dischargeFollowUpErrors(f, true, discharged)).toEqual({
      consent: expect.stringMatching(/may be contacted/),
      appointmentAt: 'The appointment cannot be before the discharge',
    });
    expect(dischargeFollowUpErrors({ ...f, appointmentAt: discharged }, false, discharged)).toEqual(
      {},
    );
  });

  it('the form’s check: schema errors and the discharge rules, keyed by the input’s fields', () => {
    const discharged = Date.UTC(2026, 2, 8, 9);
    expect(dischargeFollowUpInputErrors({ consent: 'yes', phone: '12' }, true, discharged)).toEqual(
      {
        'followUp.phone': 'Not a phone number (for example 505-555-0134)',
      },
    );
    expect(
      dischargeFollowUpInputErrors(
        { phone: '505 555 0134', appointmentAt: discharged - 1 },
        true,
        discharged,
      ),
    ).toEqual({
      'followUp.consent': expect.stringMatching(/may be contacted/),
      'followUp.appointmentAt': 'The appointment cannot be before the discharge',
    });
    expect(
      dischargeFollowUpInputErrors({ consent: 'no', appointmentAt: discharged }, true, discharged),
    ).toEqual({});
  });
});
