import { TZDate } from '@date-fns/tz';
import { addDays, format, startOfQuarter } from 'date-fns';

export type RangePreset = 'today' | '7d' | '30d' | 'quarter' | 'custom';

export const PRESETS: { id: RangePreset; label: string }[] = [
  { id: 'today', label: 'Today' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'quarter', label: 'This quarter' },
  { id: 'custom', label: 'Custom' },
];

/** A preset as whole days ending today, in the facility's time zone (not the PC's). */
export function presetRange(
  preset: Exclude<RangePreset, 'custom'>,
  now: number,
  timeZone: string,
): { from: string; to: string } {
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
