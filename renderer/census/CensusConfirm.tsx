import { useState } from 'react';
import { censusStale, type ConfirmationView } from '../../core/capacity/census';
import { api } from '../api/client';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useShortcut } from '../shell/shortcuts';
import { formatDuration } from '../beds/format';

/** Stale on the clock the screen runs on (the server's), so it turns while the screen is open. */
export function isStale(census: ConfirmationView, now: number): boolean {
  return censusStale(census.confirmedAt, census.windowHours, now);
}

/** "Counts confirmed 2 h ago by Intake staff (10:14)", or that they are stale, in words. */
export function CensusAge({ census, now }: { census: ConfirmationView; now: number }) {
  const { t } = useI18n();
  const { facility } = useSession();
  const stale = isStale(census, now);
  const age =
    census.confirmedAt === null
      ? t('censusConfirm.never')
      : t('censusConfirm.confirmedAgo', {
          duration: formatDuration(now - census.confirmedAt),
          role: t(`vocab.role.${census.confirmedBy ?? 'intake'}`),
          time: formatDate(census.confirmedAt, facility.timeZone, 'time'),
        });
  return (
    <p className={stale ? 'census-age census-stale' : 'census-age'} data-stale={stale}>
      {stale ? (
        <strong>{t('censusConfirm.staleWord', { hours: census.windowHours })} </strong>
      ) : null}
      {age}
    </p>
  );
}

/** On the Board: one action (button or Alt+C) says the counts on screen are true now. */
export function CensusConfirm({ census, now }: { census: ConfirmationView; now: number }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await api.call('census.confirm', {});
    setBusy(false);
    if (r.ok) setDone(true);
    else setError(r.error.message);
  };
  useShortcut('Alt+C', t('censusConfirm.shortcut'), () => void confirm(), { inFields: true });
  return (
    <section className="census" aria-labelledby="census-title">
      <h2 id="census-title" className="sr-only">
        {t('censusConfirm.title')}
      </h2>
      <CensusAge census={census} now={now} />
      <FormError message={error} />
      <button
        type="button"
        className="primary"
        aria-keyshortcuts="Alt+C"
        onClick={() => void confirm()}
        disabled={busy}
      >
        {t('censusConfirm.confirm')} (Alt+C)
      </button>
      <span role="status" className="muted">
        {done ? t('censusConfirm.confirmedNow') : ''}
      </span>
    </section>
  );
}
