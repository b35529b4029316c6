import type { Database } from 'better-sqlite3';
import { DEFAULT_POLICY } from '../core/follow-up/policy';

const H = 3_600_000;
/** A deterministic 0–99 from a row id and a salt (Knuth's multiplicative hash). */
const pct = (expr: string, salt: number) =>
  `((((${expr}) + ${salt}) * 2654435761) % 1000003) % 100`;

/**
 * A realistic follow-up history for `handoff generate` (benchmarks, training), set-based over
 * the generated encounters: every discharge whose disposition the default policy follows up
 * gets a plan (consent yes 70 %, no 15 %, not asked 15 %; an appointment for 45 %), consenting
 * ones their 24 h and 72 h contacts, and each contact due a day before `now` its attempts: a
 * third "no answer" three times (closed), the rest one attempt with a final outcome. Contacts
 * due later stay open: the Follow-ups screen's live list. With `dischargedBefore`, only the stays
 * discharged before it are followed up (the demo center: no call of its own is still to come).
 */
export function generateFollowUpHistory(
  db: Database,
  now: number,
  userId: number | null,
  dischargedBefore = Number.MAX_SAFE_INTEGER,
): void {
  const asks = Object.entries(DEFAULT_POLICY.contacts)
    .filter(([, h]) => h.length > 0)
    .map(([d]) => `'${d}'`)
    .join(',');
  db.prepare(
    `INSERT INTO follow_up_plans (encounter_id, arrived_at, discharged_at, disposition, consent,
       eligible, phone, best_time, appointment_at, appointment_provider, appointment_kind,
       created_by, created_at)
     SELECT id, arrived_at, discharged_at, disposition, consent, consent = 'yes',
            CASE WHEN consent = 'yes' THEN '+1505555' || substr('0000' || (id % 10000), -4) END,
            CASE WHEN consent = 'yes' AND id % 3 = 0 THEN 'Evenings' END,
            CASE WHEN ${pct('id', 7)} < 45 THEN discharged_at + (1 + id % 7) * 86400000 END,
            CASE WHEN ${pct('id', 7)} < 45 THEN 'Community Clinic ' || (id % 12) END,
            CASE WHEN ${pct('id', 7)} < 45 THEN
              (CASE id % 5 WHEN 0 THEN 'outpatient_mental_health' WHEN 1 THEN 'substance_use_treatment'
               WHEN 2 THEN 'primary_care' WHEN 3 THEN 'peer_support' ELSE 'housing' END) END,
            @user, discharged_at
       FROM (SELECT id, arrived_at, discharged_at, disposition,
                    CASE WHEN ${pct('id', 3)} < 70 THEN 'yes' WHEN ${pct('id', 3)} < 85 THEN 'no'
                         ELSE 'not_asked' END AS consent
               FROM encounters
              WHERE discharged_at IS NOT NULL AND arrived_at IS NOT NULL AND disposition IN (${asks})
                AND discharged_at < @before)`,
  ).run({ user: userId, before: dischargedBefore });
  // Contacts: 24 h and 72 h; those due a day before now were worked (outcome below).
  db.prepare(
    `INSERT INTO follow_up_contacts (encounter_id, ordinal, offset_hours, due_at, status, attempts,
       max_attempts, retry_hours, last_outcome, last_attempt_at, version)
     SELECT encounter_id, ordinal, hours, due, 'open', 0, 3, 4, NULL, NULL, 0
       FROM (SELECT p.encounter_id, k.ordinal, k.hours, p.discharged_at + k.hours * ${H} AS due
               FROM follow_up_plans p
               JOIN (SELECT 1 AS ordinal, 24 AS hours UNION ALL SELECT 2, 72) k
              WHERE p.eligible = 1)`,
  ).run();
  const outcome = (r: string) => `CASE
      WHEN ${r} < 45 THEN 'reached_doing_well' WHEN ${r} < 55 THEN 'reached_needs_services'
      WHEN ${r} < 63 THEN 'reached_appointment_kept' WHEN ${r} < 67 THEN 'reached_appointment_missed'
      WHEN ${r} < 80 THEN 'no_answer' WHEN ${r} < 86 THEN 'left_message'
      WHEN ${r} < 90 THEN 'wrong_number' WHEN ${r} < 94 THEN 'declined_contact'
      WHEN ${r} < 97 THEN 'returned_to_center' ELSE 'other' END`;
  // One attempt, or three "no answer"s 4 h apart, starting from 3 h before to 5 h after the
  // contact was due (staff call ahead of the deadline too). The offset is hashed: a plain
  // `id % 6` put every first contact (odd ids) past its 24 h mark, so none was "within 24 h".
  db.prepare(
    `INSERT INTO follow_up_attempts (contact_id, encounter_id, at, outcome, note, user_id)
     SELECT c.id, c.encounter_id, c.due_at + (${pct('c.id', 13)} % 9 - 3) * ${H} + (n.k - 1) * 4 * ${H},
            CASE WHEN o.outcome = 'no_answer' THEN 'no_answer' ELSE o.outcome END, NULL, @user
       FROM follow_up_contacts c
       JOIN (SELECT id, ${outcome(pct('id', 11))} AS outcome FROM follow_up_contacts) o ON o.id = c.id
       JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) n
         ON n.k = 1 OR o.outcome = 'no_answer'
      WHERE c.due_at < @cutoff
      ORDER BY c.id, n.k`,
  ).run({ user: userId, cutoff: now - 24 * H });
  db.prepare(
    `UPDATE follow_up_contacts SET
       attempts = (SELECT count(*) FROM follow_up_attempts a WHERE a.contact_id = follow_up_contacts.id),
       last_outcome = (SELECT outcome FROM follow_up_attempts a WHERE a.contact_id = follow_up_contacts.id
                        ORDER BY at DESC LIMIT 1),
       last_attempt_at = (SELECT max(at) FROM follow_up_attempts a WHERE a.contact_id = follow_up_contacts.id),
       status = CASE (SELECT outcome FROM follow_up_attempts a WHERE a.contact_id = follow_up_contacts.id
                       ORDER BY at DESC LIMIT 1)
                  WHEN 'no_answer' THEN 'closed' WHEN 'wrong_number' THEN 'closed'
                  WHEN 'declined_contact' THEN 'closed' ELSE 'done' END,
       version = 1
     WHERE due_at < @cutoff`,
  ).run({ cutoff: now - 24 * H });
}
