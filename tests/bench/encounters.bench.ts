/**
 * Handler latency at a million encounters (the budget: every handler under ~16 ms).
 * Run: npx vitest bench --run tests/bench/encounters.bench.ts   (setup takes ~20 s)
 */
import { afterAll, bench, describe } from 'vitest';
import type { UserRow } from '../../db/users';
import { setUpBackend, type TestBackend } from '../helpers/backend';

const ROWS = 1_000_000;
let t: TestBackend;
let intake: UserRow;

const ready = (async () => {
  ({ t, intake } = await setUpBackend());
  const now = t.clock.now();
  // Synthetic history, five minutes apart, newest now: names repeat like a real city's.
  t.db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
    INSERT INTO encounters (reference, status, referral_source, agency, officer_name, badge_number,
      first_name, last_name, arrived_at, officer_released_at, created_at, updated_at)
    SELECT 'H-2016-' || i, 'discharged',
      CASE WHEN i % 2 = 0 THEN 'law_enforcement' ELSE 'walk_in' END,
      CASE i % 7 WHEN 0 THEN 'Tucson Police Department' WHEN 1 THEN 'Pima County Sheriff' ELSE 'Marana PD' END,
      'Officer ' || (i % 300), 'B' || (i % 300), 'First' || (i % 5000), 'Last' || (i % 20000),
      ${now} - (${ROWS} - i) * 300000, ${now} - (${ROWS} - i) * 300000 + 420000, 0, 0 FROM n`);
  t.db.exec(
    "INSERT INTO agencies (name, last_used_at, uses) VALUES ('Tucson Police Department', 0, 1)",
  );
})();
afterAll(() => t?.cleanup());

const opts = { iterations: 20, warmupIterations: 2, setup: () => ready };
const call =
  (...args: Parameters<TestBackend['must']>) =>
  async (): Promise<void> => {
    await t.must(args[0], args[1] as never, intake);
  };

describe(`encounters at ${ROWS.toLocaleString('en-US')} rows`, () => {
  bench('search, no filter (newest first)', call('encounters.search', {}), opts);
  bench('search by last name', call('encounters.search', { text: 'Last123' }), opts);
  bench('search by a name that is not there', call('encounters.search', { text: 'Nobody' }), opts);
  bench('search by reference', call('encounters.search', { text: 'H-2016-5000' }), opts);
  bench(
    'search by known agency',
    call('encounters.search', { agency: 'tucson police department' }),
    opts,
  );
  bench('search by agency prefix', call('encounters.search', { agency: 'marana' }), opts);
  bench(
    'search by date range',
    call('encounters.search', { from: '2026-01-01', to: '2026-01-31' }),
    opts,
  );
  bench('active (board)', call('encounters.active', {}), opts);
  bench('suggestions', call('encounters.suggestions', {}), opts);
  bench(
    'create a police drop-off',
    call('encounters.create', { referralSource: 'law_enforcement', agency: 'Marana PD' }),
    opts,
  );
});
