import { TZDate } from '@date-fns/tz';
import { useCallback, useEffect, useState } from 'react';

/** How far back a typed "-N" may reach: a drop-off is entered while the officer is here. */
export const MAX_MINUTES_AGO = 24 * 60;
/** "14:32" later than this after now is read as yesterday (a shift past midnight). */
const FUTURE_GRACE_MS = 5 * 60_000;

export type ArrivalParse = { kind: 'empty' } | { kind: 'time'; at: number } | { kind: 'invalid' };

/**
 * The arrival-time field: one text field, typed as a desk says it. "now", "-5" (minutes ago),
 * or a 24-hour time "14:32" / "1432" (today in the facility's zone, or yesterday when that
 * would be in the future). Resolved when typed, so what the hint shows is what is saved.
 */
export function parseArrivalText(text: string, now: number, timeZone: string): ArrivalParse {
  const v = text.trim().toLowerCase();
  if (!v) return { kind: 'empty' };
  if (v === 'now' || v === 'ahora') return { kind: 'time', at: now };
  const ago = /^-\s*(\d{1,4})$/.exec(v);
  if (ago) {
    const minutes = Number(ago[1]);
    if (minutes > MAX_MINUTES_AGO) return { kind: 'invalid' };
    return { kind: 'time', at: now - minutes * 60_000 };
  }
  const hm = /^(\d{1,2}):?(\d{2})$/.exec(v);
  if (!hm) return { kind: 'invalid' };
  const h = Number(hm[1]);
  const mi = Number(hm[2]);
  if (h > 23 || mi > 59) return { kind: 'invalid' };
  const today = new TZDate(now, timeZone);
  let at = new TZDate(
    today.getFullYear(),
    today.getMonth(),
    today.getDate(),
    h,
    mi,
    timeZone,
  ).getTime();
  if (at > now + FUTURE_GRACE_MS) {
    const y = new TZDate(at - 24 * 3_600_000, timeZone);
    at = new TZDate(y.getFullYear(), y.getMonth(), y.getDate(), h, mi, timeZone).getTime();
  }
  return { kind: 'time', at };
}

const STORAGE_KEY = 'handoff.arrivalClock';

/**
 * When the officer arrived, as the desk knows it: the first keystroke of a new arrival (or the
 * "Officer here" key) in server time. Kept in sessionStorage so a reload or an idle lock does
 * not lose the minutes already counted; cleared once the arrival is recorded or abandoned.
 * Nothing is written to the database until staff record or accept: no abandoned rows.
 */
export function useArrivalClock(serverNow: () => number) {
  const [startedAt, setStartedAt] = useState<number | null>(() => {
    const v = Number(window.sessionStorage.getItem(STORAGE_KEY));
    return Number.isFinite(v) && v > 0 ? v : null;
  });
  useEffect(() => {
    if (startedAt === null) window.sessionStorage.removeItem(STORAGE_KEY);
    else window.sessionStorage.setItem(STORAGE_KEY, String(startedAt));
  }, [startedAt]);
  const start = useCallback(() => {
    setStartedAt((s) => s ?? serverNow());
  }, [serverNow]);
  const reset = useCallback(() => setStartedAt(null), []);
  return { startedAt, start, reset };
}
