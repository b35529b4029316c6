import { useEffect, useRef, useState } from 'react';
import type { TurnaroundLevel } from '../../core/encounters/turnaround';
import { useI18n } from '../i18n';
import { useServerNow } from '../handoff/time';
import { useApiQuery } from '../useApiQuery';
import { detectAlerts, worstLevel, type AlertMemory, type DeskAlert } from './detect';
import { showSystemNotification } from './notify';
import { beep } from './sound';

/** Re-read the list now and then even without change events (lapses, clock resync). */
const RESYNC_MS = 30_000;

export interface DeskAlertState {
  waiting: number;
  level: TurnaroundLevel;
}

/**
 * Watches the officers waiting from whatever screen staff are on: a kiosk check-in and an
 * officer passing 80 % and 100 % of the target reach them as a sound (a workstation setting),
 * a system notification, the count in the window title, and the badge in the navigation
 * (`onState`). The latest alert is also announced to screen readers.
 */
export function DeskAlerts({ onState }: { onState(s: DeskAlertState): void }) {
  const { t } = useI18n();
  const q = useApiQuery('encounters.active', {}, ['encounters']);
  const now = useServerNow(q.data?.now);
  const memory = useRef<AlertMemory | null>(null);
  const [latest, setLatest] = useState('');
  const { reload } = q;
  useEffect(() => {
    const timer = setInterval(reload, RESYNC_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is a new closure each render
  }, []);

  const data = q.data;
  const waiting = data?.waiting.length ?? 0;
  const level = data ? worstLevel(data.waiting, now, data.targetMinutes) : 'within';

  useEffect(() => {
    if (!data) return;
    const r = detectAlerts(memory.current, data.waiting, now, data.targetMinutes);
    memory.current = r.memory;
    if (r.alerts.length === 0) return;
    const text = (a: DeskAlert) => ({
      title: t(`alerts.${a.kind}`, { count: data.targetMinutes }),
      body: [a.reference, a.officerName, a.agency].filter(Boolean).join(' · '),
    });
    beep(r.alerts.some((a) => a.kind === 'over'));
    for (const a of r.alerts) showSystemNotification(text(a));
    const last = text(r.alerts[r.alerts.length - 1]!);
    setLatest(`${last.title}: ${last.body}`);
  }, [data, now, t]);

  useEffect(() => onState({ waiting, level }), [waiting, level, onState]);
  useEffect(() => {
    document.title = waiting > 0 ? t('alerts.windowTitle', { count: waiting }) : 'Handoff';
  }, [waiting, t]);
  useEffect(
    () => () => {
      document.title = 'Handoff';
    },
    [],
  );

  return (
    <div className="sr-only" aria-live="assertive" aria-atomic="true" data-testid="desk-alert">
      {latest}
    </div>
  );
}

/** The count on the Handoff link: officers waiting, coloured by the longest wait. */
export function AlertBadge({ state }: { state: DeskAlertState }) {
  const { t } = useI18n();
  if (state.waiting === 0) return null;
  return (
    <>
      <span className={`nav-badge nav-badge-${state.level}`} aria-hidden="true">
        {state.waiting}
      </span>
      <span className="sr-only">{t('alerts.badge', { count: state.waiting })}</span>
    </>
  );
}
