/**
 * Capacity figures are kept by the writers, once per write (server/capacity/state.ts): a bed step
 * notes a change, an encounter change may only move "officers waiting". Whatever the sequence,
 * what is stored (and published to dispatch) must equal a full recomputation, and capacity
 * history must end on the stored figures.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLINE_REASONS, REFERRAL_SOURCES } from '../../core/vocab';
import { getCapacityState, lastCapacityHistory } from '../../db/capacity';
import type { UserRow } from '../../db/users';
import { computeFigures } from '../../server/capacity/state';
import { addRecliners, setUpBackend, type TestBackend } from '../helpers/backend';

let t: TestBackend;
let intake: UserRow;
let manager: UserRow;
beforeAll(async () => {
  ({ t, intake, manager } = await setUpBackend());
  await addRecliners(t, manager);
});
afterAll(() => t.cleanup());

/** One of 8 encounters, picked when the step runs (see `withId`). */
const id = fc.nat({ max: 7 }).map((n) => ({ recent: n }));
const bedId = fc.integer({ min: 1, max: 4 });
const calls: fc.Arbitrary<[string, unknown, 'intake' | 'manager']> = fc.oneof(
  fc.tuple(
    fc.constant('encounters.create'),
    fc.record({
      // Mostly police drop-offs: they move "officers waiting".
      referralSource: fc.oneof(
        fc.constant('law_enforcement'),
        fc.constantFrom(...REFERRAL_SOURCES),
      ),
      agency: fc.constant('Tucson Police Department'),
      lastName: fc.constantFrom('Reyes', 'Ortiz'),
      accept: fc.constantFrom(false, false, true), // mostly left waiting for accept / decline
    }),
    fc.constant('intake' as const),
  ),
  fc.tuple(
    fc.constant('encounters.expect'),
    fc.record({
      referralSource: fc.constant('law_enforcement'),
      agency: fc.constant('Pima County Sheriff'),
      eta: fc.integer({ min: 1, max: 90 }).map((m) => t.clock.now() + m * 60_000),
      unitKind: fc.constantFrom('chair', undefined),
    }),
    fc.constant('intake' as const),
  ),
  fc.tuple(
    fc.constantFrom('encounters.arrive', 'encounters.accept'),
    fc.record({ id }),
    fc.constant('intake' as const),
  ),
  fc.tuple(
    fc.constant('encounters.decline'),
    fc.record({ id, reason: fc.constantFrom(...DECLINE_REASONS), note: fc.constant('fuzz') }),
    fc.constant('intake' as const),
  ),
  fc.tuple(
    fc.constant('encounters.discharge'),
    fc.record({
      id,
      disposition: fc.constant('home_community'),
      followUp: fc.constant({ consent: 'not_asked' }),
    }),
    fc.constant('intake' as const),
  ),
  fc.tuple(fc.constant('encounters.assignBed'), fc.record({ id, bedId }), fc.constant('intake')),
  fc.tuple(
    fc.constant('beds.setStatus'),
    fc.record({
      bedId,
      status: fc.constantFrom('available', 'cleaning', 'out_of_service'),
      reason: fc.constant('fuzz'),
    }),
    fc.constant('intake' as const),
  ),
  fc.tuple(
    fc.constant('capacity.setManualStatus'),
    fc.oneof(
      fc.constant({ status: null }),
      fc.record({
        status: fc.constant('diverting'),
        reason: fc.constant('Staffing'),
        durationMinutes: fc.constantFrom(5, 30),
      }),
    ),
    fc.constant('manager' as const),
  ),
  fc.tuple(fc.constant('wait'), fc.integer({ min: 1, max: 40 }), fc.constant('intake' as const)),
);

/**
 * The database lives across runs, so the pool must not starve: encounters holding a bed come first
 * (else, once they fell out of an "8 newest" window, no later step could discharge them, the chairs
 * stayed full and no assignment could succeed again), then the newest open ones, then any.
 */
function withId(input: unknown): unknown {
  const pick = (input as { id?: { recent: number } }).id;
  if (!pick) return input;
  const ids = t.db
    .prepare(
      `SELECT id FROM encounters
        ORDER BY bed_id IS NOT NULL DESC, status IN ('expected','arrived','accepted') DESC, id DESC
        LIMIT 8`,
    )
    .pluck()
    .all();
  return { ...(input as object), id: ids.length ? ids[pick.recent % ids.length] : 1 };
}

describe('stored capacity figures', () => {
  it('always equal a full recomputation, and history ends on them', async () => {
    const done = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(calls, { minLength: 5, maxLength: 25 }), async (steps) => {
        for (const [method, input, who] of steps) {
          if (method === 'wait') {
            t.clock.advance((input as number) * 60_000);
            continue;
          }
          const r = await t.callRaw(method, withId(input), who === 'manager' ? manager : intake);
          if (r.ok) done.add(method);
          const state = getCapacityState(t.db)!;
          const manual =
            state.manual_status === null
              ? null
              : {
                  status: state.manual_status,
                  reason: state.manual_reason,
                  until: state.manual_until,
                };
          // Stored by the last write (or reverted later by a read): the same bytes as computed now,
          // unless a diversion has expired since (then the next write or read reverts it).
          const expired = manual?.until != null && manual.until <= t.clock.now();
          if (!expired)
            expect(state.figures).toBe(JSON.stringify(computeFigures(t.db, manual, t.clock.now())));
          const f = JSON.parse(state.figures) as {
            status: string;
            officersWaiting: number;
            totals: { available: number; occupied: number; reserved: number };
          };
          expect(lastCapacityHistory(t.db)).toMatchObject({
            status: f.status,
            officers_waiting: f.officersWaiting,
            available: f.totals.available,
            occupied: f.totals.occupied,
            reserved: f.totals.reserved,
          });
        }
      }),
      { numRuns: 40 },
    );
    // The sequences reached the writes that matter, not only refusals.
    expect([...done].sort()).toEqual(
      expect.arrayContaining([
        'beds.setStatus',
        'capacity.setManualStatus',
        'encounters.accept',
        'encounters.assignBed',
        'encounters.create',
        'encounters.discharge',
      ]),
    );
  });
});
