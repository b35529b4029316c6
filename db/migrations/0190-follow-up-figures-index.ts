import type { Migration } from './types';

/**
 * The follow-up figures at a million encounters (issue #20's dashboard budget): each plan keeps
 * when the person was first reached and whether an attempt recorded the appointment kept, kept
 * by triggers on the attempts, and one covering index holds every column the followUp block
 * reads. The block is then one walk of that index over the range; before, it looked up each
 * plan's row and searched its attempts three times (72 ms of a 98 ms dashboard at 1M, encrypted).
 *
 * "Reached within 24 h" is then `first_reached_at <= discharged_at + 24 h`, the same as "some
 * reached attempt at or before", since the earliest one is at or before whenever any is. The
 * outcome lists are written out here, not imported: a migration must not change with live code.
 */
const REACHED = `('reached_doing_well','reached_needs_services','reached_appointment_kept',
  'reached_appointment_missed')`;

/** Recomputes one plan's derived columns from its attempts. */
const recompute = (id: string) => `
  UPDATE follow_up_plans SET
    first_reached_at = (SELECT min(at) FROM follow_up_attempts a
                         WHERE a.encounter_id = ${id} AND a.outcome IN ${REACHED}),
    appointment_kept = EXISTS (SELECT 1 FROM follow_up_attempts a
                                WHERE a.encounter_id = ${id}
                                  AND a.outcome = 'reached_appointment_kept')
   WHERE encounter_id = ${id};`;

export const migration0190: Migration = {
  version: 190,
  name: 'follow-ups: figures from one covering index',
  up(db) {
    db.exec(`
      ALTER TABLE follow_up_plans ADD COLUMN first_reached_at INTEGER;
      ALTER TABLE follow_up_plans ADD COLUMN appointment_kept INTEGER NOT NULL DEFAULT 0
        CHECK (appointment_kept IN (0,1));
      UPDATE follow_up_plans SET
        first_reached_at = (SELECT min(at) FROM follow_up_attempts a
                             WHERE a.encounter_id = follow_up_plans.encounter_id
                               AND a.outcome IN ${REACHED}),
        appointment_kept = EXISTS (SELECT 1 FROM follow_up_attempts a
                                    WHERE a.encounter_id = follow_up_plans.encounter_id
                                      AND a.outcome = 'reached_appointment_kept')
       -- Only plans with a reached attempt change: the others keep NULL and 0, unwritten.
       WHERE encounter_id IN (SELECT encounter_id FROM follow_up_attempts
                               WHERE outcome IN ${REACHED});

      -- Attempts are only ever added in the app; the update and delete triggers keep the
      -- columns true whatever else touches the table (a repair, a future correction screen).
      CREATE TRIGGER follow_up_attempts_figures_insert
        AFTER INSERT ON follow_up_attempts
        WHEN NEW.outcome IN ${REACHED}
      BEGIN
        UPDATE follow_up_plans SET
          first_reached_at = min(coalesce(first_reached_at, NEW.at), NEW.at),
          appointment_kept = appointment_kept OR NEW.outcome = 'reached_appointment_kept'
         WHERE encounter_id = NEW.encounter_id;
      END;
      CREATE TRIGGER follow_up_attempts_figures_update
        AFTER UPDATE OF encounter_id, at, outcome ON follow_up_attempts
      BEGIN
        ${recompute('OLD.encounter_id')}
        ${recompute('NEW.encounter_id')}
      END;
      CREATE TRIGGER follow_up_attempts_figures_delete
        AFTER DELETE ON follow_up_attempts
      BEGIN
        ${recompute('OLD.encounter_id')}
      END;

      DROP INDEX follow_up_plans_arrived;
      CREATE INDEX follow_up_plans_figures ON follow_up_plans(arrived_at, eligible,
        discharged_at, first_reached_at, appointment_at, appointment_kept);
    `);
  },
};
