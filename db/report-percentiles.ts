/*
 * Percentiles as SQLite's percentile_cont computes them, from the durations the report reads
 * (db/reports.ts, db/report-turnaround.ts) without sorting them all.
 */

/**
 * Reorders `a[lo..hi]` so that `a[k]` holds the value it would hold sorted, with no greater
 * value before it and no smaller one after it (Hoare's selection: linear time on average).
 */
function select(a: Float64Array, k: number, lo = 0, hi = a.length - 1): void {
  while (hi > lo) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i] = a[j]!;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The median and 90th percentile of durations (ms) in `unitMs` units, exactly as SQLite's
 * percentile_cont over `duration / unit` computes them: sorted, the value at rank p × (n − 1)
 * interpolated linearly with the next. Reorders `values`; needs only the 2–4 ranks involved.
 */
export function percentiles(
  values: Float64Array,
  unitMs: number,
): { median: number | null; p90: number | null } {
  const n = values.length;
  if (n === 0) return { median: null, p90: null };
  let from = 0; // every rank below `from` is in place, the rest after it are no smaller
  const rank = (k: number): number => {
    select(values, k, from, n - 1);
    from = k;
    return values[k]!;
  };
  const at = (p: number): number => {
    const idx = p * (n - 1);
    const lo = Math.floor(idx);
    const v1 = rank(lo) / unitMs;
    if (idx === lo || lo === n - 1) return v1;
    // The next rank: the smallest value after `lo` (already partitioned there).
    let next = Infinity;
    for (let i = lo + 1; i < n; i++) if (values[i]! < next) next = values[i]!;
    return v1 + (next / unitMs - v1) * (idx - lo);
  };
  const median = at(0.5);
  return { median, p90: at(0.9) };
}
