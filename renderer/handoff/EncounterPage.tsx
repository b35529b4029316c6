import { useState } from 'react';
import { formatMmSs } from '../../core/encounters/turnaround';
import type { EncounterView } from '../../core/encounters/types';
import { DISPOSITIONS, LEGAL_STATUSES, isPoliceSource, type Disposition } from '../../core/vocab';
import { api } from '../api/client';
import { FormError } from '../components/Field';
import { formatDate } from '../format';
import { i18n, useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { DeclineControl, TurnaroundClock } from './OfficersWaiting';
import { fmtDateTime, fromLocalInput, toLocalInput, useServerNow } from './time';
import {
  DischargeFollowUpFields,
  draftErrors,
  usePolicyAsks,
  draftToInput,
  EMPTY_DRAFT,
  type FollowUpDraft,
} from '../follow-ups/DischargeFollowUpFields';
import { describeEvent } from './timeline';
import { personNameLabel } from '../people/person-name';
import { formatPhone } from '../../core/follow-up/phone';

const eventLabel = (kind: string): string =>
  i18n.t(`encounter.events.${kind}` as 'encounter.events.arrived', { defaultValue: kind });
const fieldLabel = (field: string): string =>
  i18n.t(`encounter.fields.${field}` as 'encounter.fields.agency', { defaultValue: field });

const yesNo = (v: boolean | null) =>
  v === null ? '—' : v ? i18n.t('common.yes') : i18n.t('common.no');

type EditKind = 'text' | 'time' | 'date' | 'legal' | 'disposition';
const EDITABLE: { field: string; kind: EditKind }[] = [
  { field: 'arrivedAt', kind: 'time' },
  { field: 'officerReleasedAt', kind: 'time' },
  { field: 'dischargedAt', kind: 'time' },
  { field: 'disposition', kind: 'disposition' },
  { field: 'agency', kind: 'text' },
  { field: 'officerName', kind: 'text' },
  { field: 'badgeNumber', kind: 'text' },
  { field: 'firstName', kind: 'text' },
  { field: 'lastName', kind: 'text' },
  { field: 'dateOfBirth', kind: 'date' },
  { field: 'legalStatus', kind: 'legal' },
  { field: 'notes', kind: 'text' },
];

/** Changes after the fact: one field at a time, with a reason, kept on the timeline. */
function CorrectionForm({ e, onDone }: { e: EncounterView; onDone(): void }) {
  const { facility } = useSession();
  const { t } = useI18n();
  const [field, setField] = useState(EDITABLE[0]!.field);
  const [value, setValue] = useState(() =>
    e.arrivedAt === null ? '' : toLocalInput(e.arrivedAt, facility.timeZone),
  );
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const spec = EDITABLE.find((x) => x.field === field)!;
  const save = async () => {
    setError(null);
    let v: unknown = value;
    if (spec.kind === 'time') {
      v = fromLocalInput(value, facility.timeZone);
      if (v === null) return setError(t('encounter.enterDateTime', { field: fieldLabel(field) }));
    }
    const r = await api.call('encounters.update', {
      id: e.id,
      changes: { [field]: v },
      reason,
    } as never);
    if (r.ok) {
      setValue('');
      setReason('');
      onDone();
    } else setError(Object.values(r.error.fields ?? {})[0] ?? r.error.message);
  };
  const current = (e as unknown as Record<string, unknown>)[field];
  return (
    <form
      className="card"
      aria-labelledby="correct-title"
      onSubmit={(ev) => {
        ev.preventDefault();
        void save();
      }}
    >
      <h2 id="correct-title">{t('encounter.correctTitle')}</h2>
      <FormError message={error} />
      <div className="inline-form">
        <div className="field">
          <label htmlFor="correct-field">{t('encounter.detailToChange')}</label>
          <select
            id="correct-field"
            value={field}
            onChange={(ev) => {
              setField(ev.target.value);
              const s = EDITABLE.find((x) => x.field === ev.target.value)!;
              const cur = (e as unknown as Record<string, unknown>)[s.field];
              setValue(
                s.kind === 'time' && typeof cur === 'number'
                  ? toLocalInput(cur, facility.timeZone)
                  : typeof cur === 'string'
                    ? cur
                    : '',
              );
            }}
          >
            {EDITABLE.map((x) => (
              <option key={x.field} value={x.field}>
                {fieldLabel(x.field)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="correct-value">{t('encounter.newValue')}</label>
          {spec.kind === 'legal' || spec.kind === 'disposition' ? (
            <select id="correct-value" value={value} onChange={(ev) => setValue(ev.target.value)}>
              <option value="">{t('encounter.choose')}</option>
              {(spec.kind === 'legal' ? LEGAL_STATUSES : DISPOSITIONS).map((s) => (
                <option key={s} value={s}>
                  {vocabLabel(spec.kind === 'legal' ? 'legalStatus' : 'disposition', s)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id="correct-value"
              type={
                spec.kind === 'time' ? 'datetime-local' : spec.kind === 'date' ? 'date' : 'text'
              }
              value={value}
              onChange={(ev) => setValue(ev.target.value)}
            />
          )}
        </div>
        <div className="field grow">
          <label htmlFor="correct-reason">{t('encounter.correctionReason')}</label>
          <input id="correct-reason" value={reason} onChange={(ev) => setReason(ev.target.value)} />
        </div>
        <button type="submit">{t('encounter.saveCorrection')}</button>
      </div>
      <p className="hint">
        {t('encounter.now', {
          value:
            spec.kind === 'time'
              ? fmtDateTime(typeof current === 'number' ? current : null, facility.timeZone)
              : String(current ?? '—'),
        })}
      </p>
    </form>
  );
}

/** Assign or move a bed: available beds from the board, grouped by unit. */
function BedPicker({ e, onDone }: { e: EncounterView; onDone(): void }) {
  const board = useApiQuery('beds.board', {}, ['beds']);
  const [bedId, setBedId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  if (!['expected', 'arrived', 'accepted'].includes(e.status)) return null;
  const units = board.data?.units ?? [];
  const assign = async () => {
    setError(null);
    const r = await api.call('encounters.assignBed', { id: e.id, bedId: Number(bedId) });
    if (!r.ok) setError(r.error.fields?.bedId ?? r.error.message);
    else setBedId('');
    onDone();
  };
  const verb =
    e.status === 'expected'
      ? t('encounter.holdBed')
      : e.bedId
        ? t('encounter.moveBed')
        : t('encounter.assignBed');
  return (
    <div className="inline-form card">
      <FormError message={error ?? board.error} />
      <div className="field">
        <label htmlFor="bed-pick">
          {e.status === 'expected' ? t('encounter.bedToHold') : t('encounter.bed')}
        </label>
        <select id="bed-pick" value={bedId} onChange={(ev) => setBedId(ev.target.value)}>
          <option value="">{t('encounter.chooseBed')}</option>
          {units.map((u) => (
            <optgroup key={u.id} label={u.name}>
              {u.beds
                .filter((b) => b.status === 'available')
                .map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <button type="button" disabled={!bedId} onClick={() => void assign()}>
        {verb}
      </button>
    </div>
  );
}

function Actions({ e, now, onDone }: { e: EncounterView; now: number; onDone(): void }) {
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [followUp, setFollowUp] = useState<FollowUpDraft>(EMPTY_DRAFT);
  const [followUpErrors, setFollowUpErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const { t } = useI18n();
  const { facility } = useSession();
  const asks = usePolicyAsks(disposition);
  const run = async (
    p: Promise<{ ok: boolean; error?: { message: string; fields?: Record<string, string> } }>,
  ) => {
    setError(null);
    const r = await p;
    const fields = r.error?.fields ?? {};
    // Follow-up errors sit next to their own fields (DischargeFollowUpFields).
    const own = Object.keys(fields).some((f) => f.startsWith('followUp.'));
    setFollowUpErrors(own ? fields : {});
    if (!r.ok && !own)
      setError(Object.values(fields)[0] ?? r.error?.message ?? t('encounter.failed'));
    onDone();
  };
  if (e.status === 'arrived' || e.status === 'expected') {
    // The one next step of a person at the door: arrive (expected) or accept the handoff.
    const arrived = e.status === 'arrived';
    const next = () =>
      arrived
        ? api.call('encounters.accept', { id: e.id })
        : api.call('encounters.arrive', { id: e.id });
    return (
      <div className="actions">
        <FormError message={error} />
        <button type="button" className="primary" onClick={() => void run(next())}>
          {arrived ? t('encounter.acceptHandoff') : t('encounter.markArrived')}
        </button>
        <DeclineControl officer={e} onDone={onDone} />
      </div>
    );
  }
  if (e.status === 'accepted')
    return (
      <div className="inline-form card">
        <FormError message={error} />
        <div className="field">
          <label htmlFor="disposition">{t('encounter.disposition')}</label>
          <select
            id="disposition"
            value={disposition}
            onChange={(ev) => setDisposition(ev.target.value as Disposition)}
          >
            <option value="">{t('encounter.choose')}</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {vocabLabel('disposition', d)}
              </option>
            ))}
          </select>
        </div>
        <DischargeFollowUpFields
          asks={asks}
          value={followUp}
          onChange={setFollowUp}
          errors={followUpErrors}
        />
        {/* Discharge ends the stay and frees the bed: one more, deliberate click. */}
        {confirming && disposition ? (
          <>
            <span role="status">
              {t('encounter.confirmDischargeText', {
                disposition: vocabLabel('disposition', disposition),
              })}
            </span>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirming(false);
                void run(
                  api.call('encounters.discharge', {
                    id: e.id,
                    disposition: disposition as Disposition,
                    followUp: draftToInput(followUp, facility.timeZone),
                  }),
                );
              }}
            >
              {t('encounter.confirmDischarge')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        ) : (
          <button
            type="button"
            onClick={() => {
              if (!disposition) return setError(i18n.t('messages.chooseDisposition'));
              // A bad phone or an appointment before now shows at its field before confirming.
              const fieldErrors = draftErrors(followUp, facility.timeZone, asks, now);
              setFollowUpErrors(fieldErrors);
              setError(null);
              setConfirming(Object.keys(fieldErrors).length === 0);
            }}
          >
            {t('encounter.discharge')}
          </button>
        )}
      </div>
    );
  return null;
}

/** One encounter: facts, actions for its status, corrections, and the full timeline. */
export function EncounterPage({ id }: { id: number }) {
  const { facility, user } = useSession();
  const q = useApiQuery('encounters.get', { id }, ['encounters']);
  const now = useServerNow(q.data?.now);
  const { t } = useI18n();
  const tz = facility.timeZone;
  if (!q.data) return <FormError message={q.error} />;
  const { encounter: e, events, targetMinutes } = q.data;
  // A walk-in or self-referral had no officer: no officer rows, no officer receipt.
  const police = isPoliceSource(e.referralSource);
  const name = personNameLabel(e.firstName, e.lastName);
  return (
    <section aria-labelledby="encounter-title">
      <p>
        <a href="#/encounters">{t('encounter.back')}</a>
      </p>
      <h1 id="encounter-title">
        {e.reference} — {name}
      </h1>
      {e.deidentifiedAt ? (
        <p role="note" className="deidentified-notice">
          {t('protection.deidentifiedNotice', {
            when: formatDate(e.deidentifiedAt, facility.timeZone, 'longDate'),
          })}
        </p>
      ) : null}
      <p>
        {t('encounter.status')} <strong>{vocabLabel('encounterStatus', e.status)}</strong>
        {e.status === 'arrived' && e.arrivedAt !== null && e.officerReleasedAt === null ? (
          <>
            {t('encounter.officerWaiting')}
            <TurnaroundClock arrivedAt={e.arrivedAt} now={now} targetMinutes={targetMinutes} />
          </>
        ) : null}
        {e.officerReleasedAt !== null && e.arrivedAt !== null
          ? t('encounter.turnaround', {
              turnaround: formatMmSs(e.officerReleasedAt - e.arrivedAt),
            })
          : ''}
        {police ? (
          <>
            {' '}
            · <a href={`#/encounters/${e.id}/receipt`}>{t('encounter.receipt')}</a>
          </>
        ) : null}
        {user.role !== 'intake' ? (
          <>
            {' '}
            · <a href={`#/people/encounter/${e.id}`}>{t('people.openPerson')}</a>
          </>
        ) : null}
      </p>
      <FormError message={q.error} />
      <BedPicker e={e} onDone={q.reload} />
      <Actions e={e} now={now} onDone={q.reload} />
      <div className="grid-2">
        <dl className="facts card">
          <dt>{t('encounter.referralSource')}</dt>
          <dd>{vocabLabel('referralSource', e.referralSource)}</dd>
          {police ? (
            <>
              <dt>{t('encounter.agency')}</dt>
              <dd>{e.agency ?? '—'}</dd>
              <dt>{t('encounter.officer')}</dt>
              <dd>
                {e.officerName ?? '—'}
                {e.badgeNumber ? ` #${e.badgeNumber}` : ''}
                {t('encounter.citTrained', { value: yesNo(e.citTrained) })}
              </dd>
              {e.callbackPhone ? (
                <>
                  <dt>{t('expectedCall.callback')}</dt>
                  <dd>{formatPhone(e.callbackPhone)}</dd>
                </>
              ) : null}
              <dt>{t('encounter.probableCause')}</dt>
              <dd>
                {yesNo(e.probableCause)} / {yesNo(e.divertedFromArrest)}
              </dd>
            </>
          ) : null}
          <dt>{t('encounter.arrived')}</dt>
          <dd>{fmtDateTime(e.arrivedAt, tz)}</dd>
          {police ? (
            <>
              <dt>{t('encounter.officerReleased')}</dt>
              <dd>{fmtDateTime(e.officerReleasedAt, tz)}</dd>
            </>
          ) : null}
          <dt>{t('encounter.bed')}</dt>
          <dd>{e.bedLabel ?? '—'}</dd>
          {e.declinedAt !== null ? (
            <>
              <dt>{t('encounter.declined')}</dt>
              <dd>
                {fmtDateTime(e.declinedAt, tz)} —{' '}
                {e.declineReason ? vocabLabel('declineReason', e.declineReason) : ''}
              </dd>
            </>
          ) : null}
          {e.dischargedAt !== null ? (
            <>
              <dt>{t('encounter.discharged')}</dt>
              <dd>
                {fmtDateTime(e.dischargedAt, tz)} —{' '}
                {e.disposition ? vocabLabel('disposition', e.disposition) : ''}
              </dd>
            </>
          ) : null}
        </dl>
        <dl className="facts card">
          <dt>{t('encounter.dobAge')}</dt>
          <dd>
            {e.dateOfBirth ?? '—'}
            {e.estimatedAge !== null ? t('encounter.about', { age: e.estimatedAge }) : ''}
          </dd>
          <dt>{t('encounter.genderLanguage')}</dt>
          <dd>
            {e.gender ?? '—'} / {e.preferredLanguage ?? '—'}
          </dd>
          <dt>{t('encounter.legalStatus')}</dt>
          <dd>{e.legalStatus ? vocabLabel('legalStatus', e.legalStatus) : '—'}</dd>
          <dt>{t('encounter.presentingConcerns')}</dt>
          <dd>
            {e.presentingConcerns.map((c) => vocabLabel('presentingConcern', c)).join(', ') || '—'}
          </dd>
          <dt>{t('encounter.medicalRedFlags')}</dt>
          <dd>
            {e.medicalRedFlags.map((c) => vocabLabel('medicalRedFlag', c)).join(', ') || '—'}
            {e.referToEd ? t('encounter.referToEd') : ''}
          </dd>
          <dt>{t('encounter.weaponsSearch')}</dt>
          <dd>{yesNo(e.weaponsSearchDone)}</dd>
          <dt>{t('encounter.belongings')}</dt>
          <dd>{e.belongings ?? '—'}</dd>
          <dt>{t('encounter.notes')}</dt>
          <dd>{e.notes ?? '—'}</dd>
        </dl>
      </div>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('encounter.timeline')}</h2>
        <ol className="timeline">
          {events.map((ev) => (
            <li key={ev.id}>
              {/* An arrival corrected later shows when the person really arrived. */}
              <time>
                {fmtDateTime(ev.kind === 'arrived' ? (e.arrivedAt ?? ev.at) : ev.at, tz)}
              </time>{' '}
              <strong>{eventLabel(ev.kind)}</strong>{' '}
              <span className="muted">
                {t('encounter.by', { name: ev.userName ?? t('encounter.theSystem') })}
              </span>
              {describeEvent(ev, tz) ? <div>{describeEvent(ev, tz)}</div> : null}
            </li>
          ))}
        </ol>
      </section>
      <CorrectionForm e={e} onDone={q.reload} />
    </section>
  );
}
