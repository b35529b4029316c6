import { stayLevel, type StayLevel, type StayThresholds } from '../../core/capacity/status';
import type { UnitKind } from '../../core/vocab';
import { i18n } from '../i18n';

/** "45 min", "3 h 20 min", "2 d 4 h": durations on the board, computed, never typed in. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return i18n.t('format.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return i18n.t('format.hoursMinutes', { h: hours, m: minutes % 60 });
  return i18n.t('format.daysHours', { d: Math.floor(hours / 24), h: hours % 24 });
}

export function stayText(level: StayLevel, kind: UnitKind, t: StayThresholds): string | null {
  const th = t[kind];
  if (!th || level === 'ok') return null;
  const limit = level === 'alert' ? th.alertMinutes : th.warnMinutes;
  const duration = formatDuration(limit * 60_000);
  return level === 'alert'
    ? i18n.t('board.stayAlert', { duration })
    : i18n.t('board.stayWarning', { duration });
}

export { stayLevel };
