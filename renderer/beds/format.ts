import { stayLevel, type StayLevel, type StayThresholds } from '../../core/capacity/status';
import type { UnitKind } from '../../core/vocab';

/** "45 min", "3 h 20 min", "2 d 4 h": durations on the board, computed, never typed in. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function stayText(level: StayLevel, kind: UnitKind, t: StayThresholds): string | null {
  const th = t[kind];
  if (!th || level === 'ok') return null;
  const limit = level === 'alert' ? th.alertMinutes : th.warnMinutes;
  return `${level === 'alert' ? 'Alert' : 'Warning'}: stay over ${formatDuration(limit * 60_000)}`;
}

export { stayLevel };
