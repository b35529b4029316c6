import { useEffect, useState } from 'react';
import { formatMmSs, turnaroundLevel, turnaroundMs } from '../../core/encounters/turnaround';
import type { WaitingOfficer } from '../../core/encounters/types';
import { DECLINE_REASONS, type DeclineReason } from '../../core/vocab';
import { api } from '../api/client';
import { Field, FormError, SelectField } from '../components/Field';
import { i18n, useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { fmtTime, useServerNow } from './time';
import { TableHead } from '../components/TableHead';

/** Re-read the list now and then even without change events (lapses, clock resync). */
const RESYNC_MS = 30_000;

/** The live turnaround clock: mm:ss since arrival, amber at 80% of target, red past it. */
export function TurnaroundClock({
  arrivedAt,
  now,
  targetMinutes,
}: {
  arrivedAt: number;
  now: number;
  targetMinutes: number;
}) {
  const elapsed = turnaroundMs(arrivedAt, null, now);
  const level = turnaroundLevel(elapsed, targetMinutes);
  return (
    <span className={`turnaround turnaround-${level}`} data-level={level}>
      <span className="turnaround-time">{formatMmSs(elapsed)}</span>{' '}
      <span className="turnaround-text">{i18n.t(`turnaround.${level}`)}</span>
    </span>
  );
}

export function DeclineControl({
  officer,
  onDone,
}: {
  officer: { id: number; reference: string };
  onDone(): void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<DeclineReason | ''>('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  if (!open)
    return (
      <button type="button" className="danger" onClick={() => setOpen(true)}>
        {t('waiting.decline', { reference: officer.reference })}
      </button>
    );
  const submit = async () => {
    const r = await api.call('encounters.decline', {
      id: officer.id,
      reason: reason as DeclineReason,
      note,
    });
    if (r.ok) onDone();
    else setError(r.error.fields?.reason ?? r.error.fields?.note ?? r.error.message);
  };
  return (
    <div className="inline-form">
      <SelectField
        id={`decline-${officer.id}`}
        label={t('waiting.declineReason', { reference: officer.reference })}
        value={reason}
        onChange={(e) => setReason(e.target.value as DeclineReason)}
        placeholder={t('waiting.choose')}
        options={DECLINE_REASONS.map((r) => ({ value: r, label: vocabLabel('declineReason', r) }))}
      />
      <Field
        id={`decline-note-${officer.id}`}
        label={t('waiting.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="button" className="danger" onClick={() => void submit()}>
        {t('waiting.confirmDecline')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      <FormError message={error} />
    </div>
  );
}

/** Officers waiting for staff to assume custody, longest wait first. */
export function OfficersWaiting({ onAccepted }: { onAccepted?(id: number): void }) {
  const { facility } = useSession();
  const q = useApiQuery('encounters.active', {}, ['encounters']);
  const now = useServerNow(q.data?.now);
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const { reload } = q;
  useEffect(() => {
    const t = setInterval(reload, RESYNC_MS);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is a new closure each render
  }, []);

  const accept = async (o: WaitingOfficer) => {
    setError(null);
    const r = await api.call('encounters.accept', { id: o.id });
    if (!r.ok) setError(r.error.message);
    else onAccepted?.(o.id);
    q.reload();
  };

  const arrive = async (id: number) => {
    setError(null);
    const r = await api.call('encounters.arrive', { id });
    if (!r.ok) setError(r.error.message);
    q.reload();
  };

  const waiting = q.data?.waiting ?? [];
  const expected = q.data?.expected ?? [];
  const target = q.data?.targetMinutes ?? 10;
  return (
    <section className="card waiting" aria-labelledby="waiting-title">
      <h2 id="waiting-title">
        {t('waiting.title')} <span className="count">({waiting.length})</span>
      </h2>
      <p className="muted">{t('waiting.target', { count: target })}</p>
      <FormError message={error ?? q.error} />
      {waiting.length === 0 ? (
        <p>{t('waiting.none')}</p>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('waiting.caption')}</caption>
          <TableHead
            columns={[
              t('waiting.colWaiting'),
              t('waiting.colReference'),
              t('waiting.colOfficer'),
              t('waiting.colPerson'),
              t('waiting.colArrived'),
              t('waiting.colActions'),
            ]}
          />
          <tbody>
            {waiting.map((o) => (
              <tr key={o.id} data-reference={o.reference}>
                <td>
                  <TurnaroundClock arrivedAt={o.arrivedAt} now={now} targetMinutes={target} />
                </td>
                <td>
                  <a href={`#/encounters/${o.id}`}>{o.reference}</a>
                  {o.fromKiosk ? <div className="muted">{t('waiting.kiosk')}</div> : null}
                </td>
                <td>
                  {o.officerName ?? '—'}
                  {o.badgeNumber ? ` #${o.badgeNumber}` : ''}
                  <div className="muted">{o.agency}</div>
                </td>
                <td>{o.initials ?? t('encounter.unknown')}</td>
                <td>{fmtTime(o.arrivedAt, facility.timeZone)}</td>
                <td className="row-actions">
                  <button type="button" className="primary" onClick={() => void accept(o)}>
                    {t('waiting.accept', { reference: o.reference })}
                  </button>
                  <DeclineControl officer={o} onDone={q.reload} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {expected.length > 0 ? (
        <div className="expected">
          <h3>{t('waiting.expected')}</h3>
          <ul>
            {expected.map((x) => (
              <li key={x.id}>
                <a href={`#/encounters/${x.id}`}>{x.reference}</a> {x.agency ?? ''}{' '}
                {x.officerName ?? ''}
                {t('waiting.eta', { time: fmtTime(x.expectedEta, facility.timeZone) })}{' '}
                <button type="button" onClick={() => void arrive(x.id)}>
                  {t('waiting.arrived', { reference: x.reference })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
