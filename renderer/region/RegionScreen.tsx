import { useEffect, useState } from 'react';
import type { RegionCenter } from '../../core/region/types';
import { UNIT_KINDS } from '../../core/vocab';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { useNow } from '../useNow';
import { formatDuration } from '../beds/format';

/** The board re-reads the region this often (the server polls the peers on its own). */
const RELOAD_MS = 10_000;

function Center({ c, now }: { c: RegionCenter; now: number }) {
  const { t } = useI18n();
  const { facility } = useSession();
  const cap = c.capacity;
  const fetched = c.fetchedAt ? Date.parse(c.fetchedAt) : null;
  const state = !c.reachable ? 'down' : c.stale ? 'stale' : (cap?.status ?? 'down');
  return (
    <li className={`region-center region-${state}`} aria-label={c.name} data-state={state}>
      <h2>
        {c.name}{' '}
        {cap ? (
          <span className="region-status">{t(`vocab.capacityStatus.${cap.status}`)}</span>
        ) : null}
        {c.source === null ? <span className="muted"> {t('region.thisCenter')}</span> : null}
      </h2>
      {!c.reachable ? (
        <p className="region-warning">
          <strong>{t('region.unreachable')}</strong> {c.error}
          {fetched
            ? ` ${t('region.lastRead', { time: formatDate(fetched, facility.timeZone, 'time') })}`
            : ''}
        </p>
      ) : null}
      {c.reachable && c.stale ? (
        <p className="region-warning">
          <strong>{t('region.stale')}</strong>
        </p>
      ) : null}
      {cap ? (
        <>
          <p>
            <strong>
              {cap.acceptingLawEnforcement ? t('region.accepting') : t('region.notAccepting')}
            </strong>{' '}
            {t('region.available', { available: cap.totals.available, total: cap.totals.total })}
          </p>
          <p>
            {UNIT_KINDS.map((k) => {
              const us = cap.units.filter((u) => u.kind === k);
              if (us.length === 0) return null;
              const a = us.reduce((n, u) => n + u.available, 0);
              const tot = us.reduce((n, u) => n + u.total, 0);
              return (
                <span key={k} className="region-kind">
                  {vocabLabel('unitKind', k)}: <strong>{a}</strong> / {tot}
                </span>
              );
            })}
          </p>
          <p className="muted">
            {t('region.mayBring')}{' '}
            {[
              cap.accepts.adults && t('capacitySettings.accepts.adults'),
              cap.accepts.youth && t('capacitySettings.accepts.youth'),
              cap.accepts.involuntaryHolds && t('capacitySettings.accepts.involuntaryHolds'),
              cap.accepts.intoxicated && t('capacitySettings.accepts.intoxicated'),
            ]
              .filter(Boolean)
              .join(', ') || t('region.notStated')}
          </p>
          {cap.facility.phone ? (
            <p>
              {t('region.phone')} <strong>{cap.facility.phone}</strong>
            </p>
          ) : null}
          {cap.note ? (
            <p>
              {t('region.note')} <strong>{cap.note}</strong>
            </p>
          ) : null}
        </>
      ) : null}
      {fetched ? (
        <p className="muted">{t('region.age', { duration: formatDuration(now - fetched) })}</p>
      ) : null}
    </li>
  );
}

/** Every center of the region: where an officer can go now (intake redirects with it). */
export function RegionScreen() {
  const { t } = useI18n();
  const region = useApiQuery('region.get', {}, ['region', 'capacity']);
  const reload = region.reload;
  useEffect(() => {
    const timer = setInterval(reload, RELOAD_MS);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one timer for the screen's life
  }, []);
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    if (region.data) setOffset(Date.parse(region.data.generatedAt) - Date.now());
  }, [region.data]);
  const now = useNow(15_000) + offset;
  return (
    <section aria-labelledby="region-title">
      <h1 id="region-title">{t('region.title')}</h1>
      <p className="muted">{t('region.intro')}</p>
      <FormError message={region.error} />
      {region.data ? (
        region.data.centers.length <= 1 ? (
          <p>{t('region.empty')}</p>
        ) : null
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <ul className="region-list">
        {(region.data?.centers ?? []).map((c) => (
          <Center key={c.source ?? 'self'} c={c} now={now} />
        ))}
      </ul>
    </section>
  );
}
