import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** Times are stored as UTC epoch ms and always shown in the facility's zone, not the PC's. */
export function formatInTimeZone(ms: number, timeZone: string, pattern: string): string {
  return format(new TZDate(ms, timeZone), pattern);
}
