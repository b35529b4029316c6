import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DECLINE_REASONS,
  DISPOSITIONS,
  LEGAL_STATUSES,
  PRESENTING_CONCERNS,
  REFERRAL_SOURCES,
  UNIT_KINDS,
} from '../../core/vocab';
import { useSharedBackendWithRecliners } from '../helpers/fuzz-backend';

const fb = useSharedBackendWithRecliners();

const snapshot = () =>
  fb.t.db
    .prepare(
      `SELECT (SELECT group_concat(id || status || updated_at) FROM encounters) encounters,
              (SELECT count(*) FROM encounter_events) events,
              (SELECT group_concat(id || status) FROM beds) beds,
              (SELECT group_concat(year || ':' || last) FROM reference_counters) refs`,
    )
    .get();

// Plausible values with a share of nonsense: most calls reach the rules, not just the parser.
const now = () => fb.t.clock.now();
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
// Mostly plausible times; some outside the accepted window (1970, far future), always refused.
const time = fc.oneof(
  // A new arrival may be at most 24 h old: most generated times fall inside, some outside.
  {
    weight: 4,
    arbitrary: fc.integer({ min: -23 * 60, max: 20 }).map((m) => now() + m * 60_000),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: -30 * 24 * 60, max: 20 }).map((m) => now() + m * 60_000),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.constantFrom(0, Date.UTC(2100, 0, 1))) },
);
const text = fc.oneof(fc.constantFrom('', ' ', 'Tucson Police Department', 'Ana'), fc.string());
const vocab = <T extends string>(values: readonly T[]) =>
  fc.oneof(fc.constantFrom(...values), fc.constantFrom('', 'bogus'));
const id = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constantFrom(0, -1, 1.5));
const fields = {
  referralSource: vocab(REFERRAL_SOURCES),
  agency: maybe(text),
  officerName: maybe(text),
  badgeNumber: maybe(text),
  probableCause: maybe(fc.boolean()),
  divertedFromArrest: maybe(fc.boolean()),
  firstName: maybe(fc.oneof(text, fc.constant(null))),
  lastName: maybe(text),
  dateOfBirth: maybe(fc.oneof(fc.constantFrom('1990-02-03', '2999-01-01', '1990-02-30'), text)),
  estimatedAge: maybe(fc.oneof(fc.integer({ min: -3, max: 130 }), fc.double())),
  legalStatus: maybe(vocab(LEGAL_STATUSES)),
  presentingConcerns: maybe(fc.array(vocab(PRESENTING_CONCERNS), { maxLength: 4 })),
};

const calls: fc.Arbitrary<[string, unknown]> = fc.oneof(
  fc.tuple(
    fc.constant('encounters.create'),
    fc.record(
      { ...fields, arrivedAt: maybe(time), accept: maybe(fc.boolean()) },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constant('encounters.expect'),
    fc.record(
      {
        referralSource: fields.referralSource,
        agency: fields.agency,
        eta: time,
        unitKind: maybe(vocab(UNIT_KINDS)),
      },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constantFrom('encounters.arrive', 'encounters.get', 'encounters.receipt'),
    fc.record({ id, arrivedAt: maybe(time) }, { requiredKeys: ['id'] }),
  ),
  fc.tuple(
    fc.constant('encounters.accept'),
    fc.record({ id, releasedAt: maybe(time) }, { requiredKeys: [] }),
  ),
  fc.tuple(
    fc.constant('encounters.decline'),
    fc.record({ id, reason: vocab(DECLINE_REASONS), note: maybe(text) }, { requiredKeys: ['id'] }),
  ),
  fc.tuple(
    fc.constant('encounters.discharge'),
    fc.record(
      { id, disposition: vocab(DISPOSITIONS), dischargedAt: maybe(time) },
      { requiredKeys: ['id'] },
    ),
  ),
  fc.tuple(fc.constant('encounters.assignBed'), fc.record({ id, bedId: id })),
  fc.tuple(
    fc.constant('encounters.update'),
    fc.record({
      id,
      changes: fc.record(
        {
          ...fields,
          arrivedAt: time,
          officerReleasedAt: time,
          dischargedAt: time,
          disposition: vocab(DISPOSITIONS),
        },
        { requiredKeys: [] },
      ),
      reason: maybe(text),
    }),
  ),
  fc.tuple(
    fc.constant('encounters.search'),
    fc.record(
      {
        text: maybe(text),
        agency: maybe(text),
        from: maybe(fc.constantFrom('2026-01-01', 'x')),
        to: maybe(fc.constantFrom('2025-01-01', '2027-12-31')),
      },
      { requiredKeys: [] },
    ),
  ),
  fc.tuple(
    fc.constantFrom('encounters.active', 'encounters.suggestions', 'turnaround.settings'),
    fc.constant({}),
  ),
  fc.tuple(
    fc.constant('turnaround.updateSettings'),
    fc.record({ targetMinutes: fc.oneof(fc.integer({ min: -2, max: 300 }), fc.double()) }),
  ),
  fc.tuple(fc.constant('kiosk.issue'), fc.record({ name: text })),
  fc.tuple(fc.constant('kiosk.revoke'), fc.record({ id })),
  fc.tuple(fc.constant('kiosk.pair'), fc.record({ code: text })),
);

describe('encounter and kiosk methods under random input', () => {
  it('never fail internally; a refused call changes nothing; the database stays consistent', async () => {
    await fc.assert(
      fc.asyncProperty(
        calls,
        fc.integer({ min: 0, max: 15 * 60_000 }),
        async ([method, input], tick) => {
          fb.t.clock.advance(tick);
          const before = snapshot();
          const r = await fb.t.callRaw(method, input, fb.manager);
          if (!r.ok) {
            expect(
              r.error.code,
              `${method} ${JSON.stringify(input)} → ${r.error.message}`,
            ).not.toBe('internal');
            expect(snapshot(), `${method} ${JSON.stringify(input)}`).toEqual(before);
          }
        },
      ),
      { numRuns: 400, seed: 4 },
    );
    // The run must have exercised the rules, not only the parser.
    const statuses = fb.t.db.prepare('SELECT DISTINCT status FROM encounters').all();
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(fb.t.db.pragma('foreign_key_check')).toEqual([]);
    // No occupied bed without its encounter pointing back, and no encounter in two beds.
    expect(
      fb.t.db
        .prepare(
          `SELECT b.label FROM beds b LEFT JOIN encounters e ON e.bed_id = b.id
           WHERE b.status = 'occupied' AND (e.id IS NULL OR e.id <> b.encounter_id)`,
        )
        .all(),
    ).toEqual([]);
  }, 120_000);
});
