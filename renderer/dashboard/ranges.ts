import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfQuarter } from 'date-fns';
import type { DateRange } from '../components/DateRangeFields';

export type RangePreset = 'today' | '7d' | '30d' | 'quarter' | 'custom';

/** Labels: `figures.presets.<id>` in renderer/i18n. */
export const PRESETS: { id: RangePreset }[] = [
  { id: 'today' },
  { id: '7d' },
  { id: '30d' },
  { id: 'quarter' },
  { id: 'custom' },
];

/** A preset as whole days ending today, in the facility's time zone (not the PC's). */
export function presetRange(
  preset: Exclude<RangePreset, 'custom'>,
  now: number,
  timeZone: string,
): DateRange {
  const today = new TZDate(now, timeZone);
  const day = (d: Date) => format(d, 'yyyy-MM-dd');
  switch (preset) {
    case 'today':
      return { from: day(today), to: day(today) };
    case '7d':
      return { from: day(addDays(today, -6)), to: day(today) };
    case '30d':
      return { from: day(addDays(today, -29)), to: day(today) };
    case 'quarter':
      return { from: day(startOfQuarter(today)), to: day(today) };
  }
}
