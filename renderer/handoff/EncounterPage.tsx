import { useState } from 'react';
import { formatMmSs } from '../../core/encounters/turnaround';
import type { EncounterEventView, EncounterView } from '../../core/encounters/types';
import {
  DECLINE_REASON_LABELS,
  DISPOSITIONS,
  DISPOSITION_LABELS,
  LEGAL_STATUS_LABELS,
  LEGAL_STATUSES,
  MEDICAL_RED_FLAG_LABELS,
  PRESENTING_CONCERN_LABELS,
  REFERRAL_SOURCE_LABELS,
  type DeclineReason,
  type Disposition,
} from '../../core/vocab';
import { api } from '../api/client';
import { FormError } from '../components/Field';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { DeclineControl, TurnaroundClock } from './OfficersWaiting';
import { fmtDateTime, fromLocalInput, toLocalInput, useServerNow } from './time';

const EVENT_LABELS: Record<string, string> = {
  expected: 'Pre-arrival call',
  arrived: 'Arrived',
  accepted: 'Handoff accepted (officer released)',
  declined: 'Declined',
  discharged: 'Discharged',
  bed_assigned: 'Bed assigned',
  bed_moved: 'Bed moved',
  lapsed: 'Lapsed (did not arrive)',
  updated: 'Details updated',
  corrected: 'Corrected after the fact',
};

const yesNo = (v: boolean | null) => (v === null ? '—' : v ? 'Yes' : 'No');

function describeEvent(e: EncounterEventView): string {
  const d = e.detail ?? {};
  const parts: string[] = [];
  if (typeof d.via === 'string') parts.push(`via ${d.via}`);
  if (typeof d.disposition === 'string')
    parts.push(DISPOSITION_LABELS[d.disposition as Disposition] ?? d.disposition);
  if (e.kind === 'declined' && typeof d.reason === 'string')
    parts.push(DECLINE_REASON_LABELS[d.reason as DeclineReason] ?? d.reason);
  if (typeof d.note === 'string' && d.note) parts.push(d.note);
  if (d.changes && typeof d.changes === 'object')
    parts.push(`changed: ${Object.keys(d.changes).join(', ')}`);
  if (e.kind !== 'declined' && typeof d.reason === 'string') parts.push(`reason: ${d.reason}`);
  return parts.join(' · ');
}

type EditKind = 'text' | 'time' | 'date' | 'legal' | 'disposition';
const EDITABLE: { field: string; label: string; kind: EditKind }[] = [
  { field: 'arrivedAt', label: 'Arrival time', kind: 'time' },
  { field: 'officerReleasedAt', label: 'Officer release time', kind: 'time' },
  { field: 'dischargedAt', label: 'Discharge time', kind: 'time' },
  { field: 'disposition', label: 'Disposition', kind: 'disposition' },
  { field: 'agency', label: 'Agency', kind: 'text' },
  { field: 'officerName', label: 'Officer name', kind: 'text' },
  { field: 'badgeNumber', label: 'Badge number', kind: 'text' },
  { field: 'firstName', label: 'First name', kind: 'text' },
  { field: 'lastName', label: 'Last name', kind: 'text' },
  { field: 'dateOfBirth', label: 'Date of birth', kind: 'date' },
  { field: 'legalStatus', label: 'Legal status', kind: 'legal' },
  { field: 'notes', label: 'Notes', kind: 'text' },
];

/** Changes after the fact: one field at a time, with a reason, kept on the timeline. */
function CorrectionForm({ e, onDone }: { e: EncounterView; onDone(): void }) {
  const { facility } = useSession();
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
      if (v === null) return setError(`${spec.label}: enter a date and time`);
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
      <h2 id="correct-title">Correct a detail</h2>
      <FormError message={error} />
      <div className="inline-form">
        <div className="field">
          <label htmlFor="correct-field">Detail to change</label>
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
                {x.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="correct-value">New value</label>
          {spec.kind === 'legal' || spec.kind === 'disposition' ? (
            <select id="correct-value" value={value} onChange={(ev) => setValue(ev.target.value)}>
              <option value="">— choose —</option>
              {(spec.kind === 'legal' ? LEGAL_STATUSES : DISPOSITIONS).map((s) => (
                <option key={s} value={s}>
                  {spec.kind === 'legal'
                    ? LEGAL_STATUS_LABELS[s as keyof typeof LEGAL_STATUS_LABELS]
                    : DISPOSITION_LABELS[s as Disposition]}
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
          <label htmlFor="correct-reason">Reason for the change</label>
          <input id="correct-reason" value={reason} onChange={(ev) => setReason(ev.target.value)} />
        </div>
        <button type="submit">Save correction</button>
      </div>
      <p className="hint">
        Now:{' '}
        {spec.kind === 'time'
          ? fmtDateTime(typeof current === 'number' ? current : null, facility.timeZone)
          : String(current ?? '—')}
        . Times and closed encounters need a reason; every change is kept on the timeline.
      </p>
    </form>
  );
}

/** Assign or move a bed: available beds from the board, grouped by unit. */
function BedPicker({ e, onDone }: { e: EncounterView; onDone(): void }) {
  const board = useApiQuery('beds.board', {}, ['beds']);
  const [bedId, setBedId] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!['expected', 'arrived', 'accepted'].includes(e.status)) return null;
  const units = board.data?.units ?? [];
  const assign = async () => {
    setError(null);
    const r = await api.call('encounters.assignBed', { id: e.id, bedId: Number(bedId) });
    if (!r.ok) setError(r.error.fields?.bedId ?? r.error.message);
    else setBedId('');
    onDone();
  };
  const verb = e.status === 'expected' ? 'Hold bed' : e.bedId ? 'Move to bed' : 'Assign bed';
  return (
    <div className="inline-form card">
      <FormError message={error ?? board.error} />
      <div className="field">
        <label htmlFor="bed-pick">{e.status === 'expected' ? 'Bed to hold' : 'Bed'}</label>
        <select id="bed-pick" value={bedId} onChange={(ev) => setBedId(ev.target.value)}>
          <option value="">— choose an available bed —</option>
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

function Actions({ e, onDone }: { e: EncounterView; onDone(): void }) {
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [error, setError] = useState<string | null>(null);
  const run = async (
    p: Promise<{ ok: boolean; error?: { message: string; fields?: Record<string, string> } }>,
  ) => {
    setError(null);
    const r = await p;
    if (!r.ok) setError(Object.values(r.error?.fields ?? {})[0] ?? r.error?.message ?? 'Failed');
    onDone();
  };
  if (e.status === 'arrived')
    return (
      <div className="actions">
        <FormError message={error} />
        <button
          type="button"
          className="primary"
          onClick={() => void run(api.call('encounters.accept', { id: e.id }))}
        >
          Accept handoff
        </button>
        <DeclineControl officer={e} onDone={onDone} />
      </div>
    );
  if (e.status === 'expected')
    return (
      <div className="actions">
        <FormError message={error} />
        <button
          type="button"
          className="primary"
          onClick={() => void run(api.call('encounters.arrive', { id: e.id }))}
        >
          Mark arrived
        </button>
        <DeclineControl officer={e} onDone={onDone} />
      </div>
    );
  if (e.status === 'accepted')
    return (
      <div className="inline-form card">
        <FormError message={error} />
        <div className="field">
          <label htmlFor="disposition">Disposition</label>
          <select
            id="disposition"
            value={disposition}
            onChange={(ev) => setDisposition(ev.target.value as Disposition)}
          >
            <option value="">— choose —</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {DISPOSITION_LABELS[d]}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          onClick={() =>
            void run(
              api.call('encounters.discharge', {
                id: e.id,
                disposition: disposition as Disposition,
              }),
            )
          }
        >
          Discharge
        </button>
      </div>
    );
  return null;
}

/** One encounter: facts, actions for its status, corrections, and the full timeline. */
export function EncounterPage({ id }: { id: number }) {
  const { facility } = useSession();
  const q = useApiQuery('encounters.get', { id }, ['encounters']);
  const now = useServerNow(q.data?.now);
  const tz = facility.timeZone;
  if (!q.data) return <FormError message={q.error} />;
  const { encounter: e, events, targetMinutes } = q.data;
  const name =
    e.firstName || e.lastName
      ? `${e.lastName ?? 'Unknown'}, ${e.firstName ?? 'Unknown'}`
      : 'Unknown';
  return (
    <section aria-labelledby="encounter-title">
      <p>
        <a href="#/encounters">← Encounters</a>
      </p>
      <h1 id="encounter-title">
        {e.reference} — {name}
      </h1>
      <p>
        Status: <strong>{e.status}</strong>
        {e.status === 'arrived' && e.arrivedAt !== null && e.officerReleasedAt === null ? (
          <>
            {' '}
            · officer waiting{' '}
            <TurnaroundClock arrivedAt={e.arrivedAt} now={now} targetMinutes={targetMinutes} />
          </>
        ) : null}
        {e.officerReleasedAt !== null && e.arrivedAt !== null
          ? ` · turnaround ${formatMmSs(e.officerReleasedAt - e.arrivedAt)}`
          : ''}{' '}
        · <a href={`#/encounters/${e.id}/receipt`}>Officer receipt</a>
      </p>
      <FormError message={q.error} />
      <Actions e={e} onDone={q.reload} />
      <BedPicker e={e} onDone={q.reload} />
      <div className="grid-2">
        <dl className="facts card">
          <dt>Referral source</dt>
          <dd>{REFERRAL_SOURCE_LABELS[e.referralSource]}</dd>
          <dt>Agency</dt>
          <dd>{e.agency ?? '—'}</dd>
          <dt>Officer</dt>
          <dd>
            {e.officerName ?? '—'}
            {e.badgeNumber ? ` #${e.badgeNumber}` : ''} (CIT-trained: {yesNo(e.citTrained)})
          </dd>
          <dt>Probable cause / diverted</dt>
          <dd>
            {yesNo(e.probableCause)} / {yesNo(e.divertedFromArrest)}
          </dd>
          <dt>Arrived</dt>
          <dd>{fmtDateTime(e.arrivedAt, tz)}</dd>
          <dt>Officer released</dt>
          <dd>{fmtDateTime(e.officerReleasedAt, tz)}</dd>
          <dt>Bed</dt>
          <dd>{e.bedLabel ?? '—'}</dd>
          {e.declinedAt !== null ? (
            <>
              <dt>Declined</dt>
              <dd>
                {fmtDateTime(e.declinedAt, tz)} —{' '}
                {e.declineReason ? DECLINE_REASON_LABELS[e.declineReason] : ''}
              </dd>
            </>
          ) : null}
          {e.dischargedAt !== null ? (
            <>
              <dt>Discharged</dt>
              <dd>
                {fmtDateTime(e.dischargedAt, tz)} —{' '}
                {e.disposition ? DISPOSITION_LABELS[e.disposition] : ''}
              </dd>
            </>
          ) : null}
        </dl>
        <dl className="facts card">
          <dt>Date of birth / age</dt>
          <dd>
            {e.dateOfBirth ?? '—'}
            {e.estimatedAge !== null ? ` (about ${e.estimatedAge})` : ''}
          </dd>
          <dt>Gender / language</dt>
          <dd>
            {e.gender ?? '—'} / {e.preferredLanguage ?? '—'}
          </dd>
          <dt>Legal status</dt>
          <dd>{e.legalStatus ? LEGAL_STATUS_LABELS[e.legalStatus] : '—'}</dd>
          <dt>Presenting concerns</dt>
          <dd>{e.presentingConcerns.map((c) => PRESENTING_CONCERN_LABELS[c]).join(', ') || '—'}</dd>
          <dt>Medical red flags</dt>
          <dd>
            {e.medicalRedFlags.map((c) => MEDICAL_RED_FLAG_LABELS[c]).join(', ') || '—'}
            {e.referToEd ? ' — refer to ED' : ''}
          </dd>
          <dt>Weapons search done</dt>
          <dd>{yesNo(e.weaponsSearchDone)}</dd>
          <dt>Belongings</dt>
          <dd>{e.belongings ?? '—'}</dd>
          <dt>Notes</dt>
          <dd>{e.notes ?? '—'}</dd>
        </dl>
      </div>
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol className="timeline">
          {events.map((ev) => (
            <li key={ev.id}>
              <time>{fmtDateTime(ev.at, tz)}</time>{' '}
              <strong>{EVENT_LABELS[ev.kind] ?? ev.kind}</strong>{' '}
              <span className="muted">by {ev.userName ?? 'the system'}</span>
              {describeEvent(ev) ? <div>{describeEvent(ev)}</div> : null}
            </li>
          ))}
        </ol>
      </section>
      <CorrectionForm e={e} onDone={q.reload} />
    </section>
  );
}
