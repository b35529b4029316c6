import { TZDate } from '@date-fns/tz';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDate, formatInTimeZone } from '../format';
import { useNow } from '../useNow';

/**
 * Server time in the browser. Durations on screen (the officer-turnaround clock) must follow the
 * backend's clock, not the PC's: desk PCs drift, and tests inject the server clock. Each read
 * method returns the server's `now`; we keep the offset and tick locally.
 */
export function useServerNow(serverNow: number | null | undefined, intervalMs = 1000): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (typeof serverNow === 'number') setOffset(serverNow - Date.now());
  }, [serverNow]);
  return useNow(intervalMs) + offset;
}

/** Reads server time at the moment of an event (a keystroke), to the millisecond. */
export function useServerTimeReader(serverNow: number | null | undefined): () => number {
  const offset = useRef(0);
  useEffect(() => {
    if (typeof serverNow === 'number') offset.current = serverNow - Date.now();
  }, [serverNow]);
  return useCallback(() => Date.now() + offset.current, []);
}

export const fmtTime = (ms: number | null, tz: string): string =>
  ms === null ? '—' : formatDate(ms, tz, 'time');
export const fmtDateTime = (ms: number | null, tz: string): string =>
  ms === null ? '—' : formatDate(ms, tz, 'dateTime');

/** `<input type="datetime-local">` value (facility zone) ↔ epoch ms. */
export const toLocalInput = (ms: number, tz: string): string =>
  formatInTimeZone(ms, tz, "yyyy-MM-dd'T'HH:mm");
export function fromLocalInput(value: string, tz: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return new TZDate(y, mo - 1, d, h, mi, tz).getTime();
}
