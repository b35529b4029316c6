/** The two volume views of the figures, folded from arrivals counted per local hour. */
export interface Volume {
  /** Arrivals by local weekday (0 = Monday) × hour: 7 × 24 counts. */
  heatmap: number[][];
  /** Arrivals per local week (the Monday's date); weeks without arrivals are omitted. */
  weekly: { week: string; encounters: number; policeDropOffs: number }[];
}

export interface LocalHourCount {
  /** Hours since 1970-01-01 00:00 in the facility's local time. */
  localHour: number;
  n: number;
  police: number;
}

/**
 * One fold for the rollup read (db/reports.ts) and the direct recomputation the tests compare it
 * with (db/reports-direct.ts): they differ in how they count, never in how counts become views.
 * `hours` in ascending order, so the weeks come out in order.
 */
export function volumeFromLocalHours(hours: Iterable<LocalHourCount>): Volume {
  const heatmap = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  const weeks = new Map<number, { encounters: number; policeDropOffs: number }>();
  for (const { localHour, n, police } of hours) {
    if (n === 0) continue;
    const day = Math.floor(localHour / 24);
    const weekday = (day + 3) % 7; // 1970-01-01 was a Thursday
    heatmap[weekday]![localHour % 24]! += n;
    const monday = day - weekday;
    const w = weeks.get(monday) ?? { encounters: 0, policeDropOffs: 0 };
    w.encounters += n;
    w.policeDropOffs += police;
    weeks.set(monday, w);
  }
  const weekly = [...weeks].map(([monday, w]) => ({
    week: new Date(monday * 86_400_000).toISOString().slice(0, 10),
    ...w,
  }));
  return { heatmap, weekly };
}
