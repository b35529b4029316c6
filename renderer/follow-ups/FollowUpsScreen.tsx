import { useState } from 'react';
import { OUTCOMES, type Outcome } from '../../core/follow-up/vocab';
import { formatPhone } from '../../core/follow-up/phone';
import type { FollowUpContactView } from '../../core/follow-up/types';
import { api } from '../api/client';
import { DateRangeFields } from '../components/DateRangeFields';
import { Field, FormError, SelectField } from '../components/Field';
import { fmtDateTime, useServerNow } from '../handoff/time';
import { useI18n, vocabLabel } from '../i18n';
import { useMayCall, useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { outcomeLabel } from './outcomes';
import { FollowUpExport } from './FollowUpExport';
import { submitWith } from '../components/Forms';

const TOPICS = ['followUps', 'encounters'] as const;

const outcomeOptions = () => OUTCOMES.map((o) => ({ value: o, label: outcomeLabel(o) }));

/** "Due 3 h ago" / "in 5 h": hours (days past two) from now, in words beside the colour. */
function dueWords(dueAt: number, now: number, t: ReturnType<typeof useI18n>['t']): string {
  const diff = dueAt - now;
  const hours = Math.round(Math.abs(diff) / 3_600_000);
  const amount =
    hours >= 48
      ? t('followUps.days', { count: Math.round(hours / 24) })
      : t('followUps.hours', { count: hours });
  return diff > 0 ? t('followUps.dueIn', { amount }) : t('followUps.dueAgo', { amount });
}

function RecordAttempt({ c, onDone }: { c: FollowUpContactView; onDone(): void }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `attempt-${c.id}`;
  const save = async () => {
    setBusy(true);
    const r = await api.call('followUps.record', {
      contactId: c.id,
      version: c.version,
      outcome: outcome as Outcome,
      note: note || null,
    });
    setBusy(false);
    if (r.ok) {
      setOutcome('');
      setNote('');
      setErrors({});
      setError(null);
      onDone();
    } else {
      setErrors(r.error.fields ?? {});
      setError(r.error.fields ? null : r.error.message);
    }
  };
  return (
    <form
      className="inline-form attempt-form"
      aria-label={t('followUps.recordFor', { reference: c.reference, contact: c.ordinal })}
      onSubmit={submitWith(save)}
    >
      <FormError message={error} />
      <SelectField
        id={`${id}-outcome`}
        label={t('followUps.outcomeLabel')}
        value={outcome}
        error={errors.outcome}
        onChange={(e) => setOutcome(e.target.value as Outcome)}
        placeholder={t('encounter.choose')}
        options={outcomeOptions()}
      />
      <Field
        id={`${id}-note`}
        grow
        label={t('followUps.noteLabel')}
        value={note}
        error={errors.note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit" className="primary" disabled={!outcome || busy}>
        {t('followUps.record')}
      </button>
    </form>
  );
}

function ContactRows({
  title,
  id,
  rows,
  now,
  onDone,
}: {
  title: string;
  id: string;
  rows: FollowUpContactView[];
  now: number;
  onDone(): void;
}) {
  const { t } = useI18n();
  const { facility } = useSession();
  const tz = facility.timeZone;
  // Links only where the role may go: a case manager has no encounter access (the encounter
  // page would send them to their first screen), intake staff have no person view.
  const opensEncounter = useMayCall('encounters.get');
  const opensPerson = useMayCall('people.get');
  return (
    <section className="card" aria-labelledby={`fu-${id}`}>
      <h2 id={`fu-${id}`}>
        {title} <span className="muted">({rows.length})</span>
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{t('followUps.none')}</p>
      ) : (
        <ul className="follow-up-list">
          {rows.map((c) => (
            <li key={c.id} className={`follow-up follow-up-${c.state}`} data-state={c.state}>
              <div className="follow-up-head">
                <span className={`due due-${c.state}`}>
                  {c.state === 'done'
                    ? c.lastOutcome
                      ? outcomeLabel(c.lastOutcome)
                      : t('followUps.closedNoAttempt')
                    : `${t(`followUps.state.${c.state}`)} · ${dueWords(c.dueAt, now, t)}`}
                </span>{' '}
                {opensEncounter ? (
                  <a href={`#/encounters/${c.encounterId}`}>{c.reference}</a>
                ) : (
                  <span className="reference">{c.reference}</span>
                )}{' '}
                <strong>
                  {[c.firstName, c.lastName].filter(Boolean).join(' ') || t('encounter.unknown')}
                </strong>{' '}
                <span className="muted">
                  {t('followUps.contactN', { n: c.ordinal, hours: c.offsetHours })} ·{' '}
                  {vocabLabel('disposition', c.disposition)} ·{' '}
                  {t('followUps.attempts', { n: c.attempts, max: c.maxAttempts })}
                </span>
              </div>
              <div className="muted">
                {c.phone ? (
                  <a href={`tel:${c.phone}`}>{formatPhone(c.phone)}</a>
                ) : (
                  t('followUps.noPhone')
                )}
                {c.bestTime ? ` · ${t('followUps.bestTime', { time: c.bestTime })}` : ''}
                {c.appointmentAt !== null
                  ? ` · ${t('followUps.appointment', {
                      when: fmtDateTime(c.appointmentAt, tz),
                      kind: c.appointmentKind
                        ? t(`followUps.kind.${c.appointmentKind}` as 'followUps.kind.other')
                        : '',
                      provider: c.appointmentProvider ?? '',
                    })}`
                  : ''}
                {c.personKey && opensPerson ? (
                  <>
                    {' · '}
                    <a href={`#/people/${encodeURIComponent(c.personKey)}`}>
                      {t('followUps.personView')}
                    </a>
                  </>
                ) : null}
              </div>
              {c.status === 'open' ? <RecordAttempt c={c} onDone={onDone} /> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Follow-ups: due now, overdue, upcoming and done, filtered by due date and outcome. */
export function FollowUpsScreen() {
  const { t } = useI18n();
  const mayExport = useMayCall('followUps.export');
  const [due, setDue] = useState({ from: '', to: '' });
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const q = useApiQuery(
    'followUps.list',
    { dueFrom: due.from || null, dueTo: due.to || null, outcome: outcome || null },
    TOPICS,
  );
  const now = useServerNow(q.data?.now, 30_000);
  const section = (
    data: NonNullable<typeof q.data>,
    id: 'overdue' | 'due' | 'upcoming' | 'done',
    title: string,
  ) => <ContactRows title={title} id={id} rows={data[id]} now={now} onDone={q.reload} />;
  return (
    <section aria-labelledby="follow-ups-title">
      <h1 id="follow-ups-title">{t('followUps.title')}</h1>
      <p className="muted">{t('followUps.intro')}</p>
      <fieldset className="inline-form card">
        <legend>{t('followUps.filter')}</legend>
        <DateRangeFields
          idPrefix="fu-due"
          labels={{ from: t('followUps.dueFrom'), to: t('followUps.dueTo') }}
          value={due}
          onChange={setDue}
        />
        <SelectField
          id="fu-outcome-filter"
          label={t('followUps.lastOutcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as Outcome)}
          placeholder={t('followUps.anyOutcome')}
          options={outcomeOptions()}
        />
      </fieldset>
      <FormError message={q.error} />
      {q.data ? (
        <>
          {section(q.data, 'overdue', t('followUps.overdue'))}
          {section(q.data, 'due', t('followUps.dueNow'))}
          {section(q.data, 'upcoming', t('followUps.upcoming'))}
          {mayExport ? <FollowUpExport /> : null}
          {section(q.data, 'done', t('followUps.done'))}
        </>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
