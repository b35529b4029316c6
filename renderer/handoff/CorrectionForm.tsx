import { useState } from 'react';
import type { EncounterView } from '../../core/encounters/types';
import { DISPOSITIONS, LEGAL_STATUSES } from '../../core/vocab';
import { api } from '../api/client';
import { Field, FormError, SelectField } from '../components/Field';
import { useI18n, vocabLabel } from '../i18n';
import { useSession } from '../session';
import { fmtDateTime, fromLocalInput, toLocalInput } from './time';
import { fieldLabel } from './timeline';
import { submitWith } from '../components/Forms';

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
export function CorrectionForm({ e, onDone }: { e: EncounterView; onDone(): void }) {
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
    <form className="card" aria-labelledby="correct-title" onSubmit={submitWith(save)}>
      <h2 id="correct-title">{t('encounter.correctTitle')}</h2>
      <FormError message={error} />
      <div className="inline-form">
        <SelectField
          id="correct-field"
          label={t('encounter.detailToChange')}
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
          options={EDITABLE.map((x) => ({ value: x.field, label: fieldLabel(x.field) }))}
        />
        {spec.kind === 'legal' || spec.kind === 'disposition' ? (
          <SelectField
            id="correct-value"
            label={t('encounter.newValue')}
            value={value}
            onChange={(ev) => setValue(ev.target.value)}
            placeholder={t('encounter.choose')}
            options={(spec.kind === 'legal' ? LEGAL_STATUSES : DISPOSITIONS).map((s) => ({
              value: s,
              label: vocabLabel(spec.kind === 'legal' ? 'legalStatus' : 'disposition', s),
            }))}
          />
        ) : (
          <Field
            id="correct-value"
            label={t('encounter.newValue')}
            type={spec.kind === 'time' ? 'datetime-local' : spec.kind === 'date' ? 'date' : 'text'}
            value={value}
            onChange={(ev) => setValue(ev.target.value)}
          />
        )}
        <Field
          id="correct-reason"
          grow
          label={t('encounter.correctionReason')}
          value={reason}
          onChange={(ev) => setReason(ev.target.value)}
        />
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
