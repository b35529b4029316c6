import { describe, expect, it } from 'vitest';
import { GENERATED_COLUMNS, OPEN_CENSUS, generateHistory } from '../../server/generate/history';

const col = (name: (typeof GENERATED_COLUMNS)[number]) => GENERATED_COLUMNS.indexOf(name);

function rows(encounters: number, seed = 'census') {
  const out: unknown[][] = [];
  generateHistory(
    { encounters, seed, endDay: '2026-11-26', timeZone: 'America/Phoenix' },
    (v) => void out.push(v),
  );
  return out;
}

describe('handoff generate: the synthetic history', () => {
  it('ends with a realistic census: a few dozen still in, every time in order and none after the end', () => {
    const all = rows(20_000); // 60 a day: the drawn stays alone would leave ~100 in
    const open = all.filter((r) => ['arrived', 'accepted'].includes(r[col('status')] as string));
    expect(open.length).toBeGreaterThan(5);
    expect(open.length).toBeLessThanOrEqual(OPEN_CENSUS);
    const last = Math.max(...all.map((r) => r[col('arrived_at')] as number));
    for (const r of all) {
      const [arrived, released, declined, discharged] = [
        'arrived_at',
        'officer_released_at',
        'declined_at',
        'discharged_at',
      ].map((c) => r[col(c as (typeof GENERATED_COLUMNS)[number])] as number | null);
      for (const t of [released, declined, discharged])
        if (t !== null && t !== undefined) {
          expect(t).toBeGreaterThanOrEqual(arrived!);
          expect(t).toBeLessThanOrEqual(last + 86_400_000);
        }
      if (discharged != null && released != null)
        expect(discharged).toBeGreaterThanOrEqual(released);
      const status = r[col('status')];
      // The status follows from the times, as an import would derive it.
      expect(status).toBe(
        declined !== null
          ? 'declined'
          : discharged !== null
            ? 'discharged'
            : released !== null
              ? 'accepted'
              : 'arrived',
      );
      if (status === 'discharged') expect(r[col('disposition')]).not.toBeNull();
    }
  });

  it('is reproducible from its seed', () => {
    expect(rows(2_000, 'same')).toEqual(rows(2_000, 'same'));
    expect(rows(2_000, 'same')).not.toEqual(rows(2_000, 'other'));
  });
});
