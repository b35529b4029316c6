import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { dateLocale, i18n } from './i18n';

/** Times are stored as UTC epoch ms and always shown in the facility's zone, not the PC's. */
export function formatInTimeZone(ms: number, timeZone: string, pattern: string): string {
  return format(new TZDate(ms, timeZone), pattern, { locale: dateLocale() });
}

export type DatePattern = 'time' | 'dateTime' | 'shortDateTime' | 'longDate';

/** A date in the facility's zone, in the pattern and month/day names of the language on screen. */
export function formatDate(ms: number, timeZone: string, pattern: DatePattern): string {
  return formatInTimeZone(ms, timeZone, i18n.t(`format.${pattern}`));
}
