import { useEffect, useId, useRef, useState } from 'react';
import { formatMmSs } from '../../core/encounters/turnaround';
import type { EncounterView } from '../../core/encounters/types';
import { encounterCreateSchema } from '../../core/schemas/encounters';
import {
  LEGAL_STATUSES,
  MEDICAL_RED_FLAGS,
  PRESENTING_CONCERNS,
  REFERRAL_SOURCES,
  isPoliceSource,
  type MedicalRedFlag,
  type PresentingConcern,
} from '../../core/vocab';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { useI18n, vocabLabels, vocabOptions } from '../i18n';
import { useSession } from '../session';
import { useApiQuery } from '../useApiQuery';
import { ExpectedArrivalForm } from './ExpectedArrival';
import { OfficersWaiting } from './OfficersWaiting';
import { IntakeNotesBanner } from '../follow-ups/IntakeNotesBanner';
import { fmtTime, fromLocalInput } from './time';

const EMPTY = {
  referralSource: 'law_enforcement' as const,
  agency: '',
  officerName: '',
  badgeNumber: '',
  citTrained: false,
  coResponder: false,
  probableCause: false,
  divertedFromArrest: false,
  firstName: '',
  lastName: '',
  dateOfBirth: '',
  estimatedAge: null,
  gender: '',
  preferredLanguage: '',
  legalStatus: '' as const,
  presentingConcerns: [] as PresentingConcern[],
  medicalRedFlags: [] as MedicalRedFlag[],
  referToEd: false,
  weaponsSearchDone: false,
  belongings: '',
  notes: '',
  accept: false,
};

/** Several values of a vocabulary as toggle buttons: one keypress or click each, state announced. */
function Toggles<T extends string>({
  legend,
  values,
  labels,
  selected,
  onChange,
  error,
}: {
  legend: string;
  values: readonly T[];
  labels: Record<T, string>;
  selected: readonly T[];
  onChange(next: T[]): void;
  error?: string | undefined;
}) {
  return (
    <fieldset className="toggles">
      <legend>{legend}</legend>
      {values.map((v) => {
        const on = selected.includes(v);
        return (
          <button
            key={v}
            type="button"
            aria-pressed={on}
            className={on ? 'toggle on' : 'toggle'}
            onClick={() => onChange(on ? selected.filter((s) => s !== v) : [...selected, v])}
          >
            {on ? '✓ ' : ''}
            {labels[v]}
          </button>
        );
      })}
      {error ? (
        <div className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}

function Check({
  label,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  const id = useId();
  return (
    <div className="handoff-check">
      <input id={id} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * The warm handoff: one keyboard-first screen. Smart defaults keep a police drop-off within
 * ten interactions: arrival = now, referral = law enforcement, agency and officer suggested
 * from recent drop-offs (picking a known officer fills badge and agency), concerns as toggles,
 * Ctrl+Enter accepts.
 */
export function HandoffScreen() {
  const { facility } = useSession();
  const { t } = useI18n();
  const suggestions = useApiQuery('encounters.suggestions', {}, ['encounters']);
  const [done, setDone] = useState<EncounterView | null>(null);
  const [arrivalText, setArrivalText] = useState('');
  const firstField = useRef<HTMLInputElement | null>(null);
  const { form, onSubmit, formError, setFormError } = useApiForm(
    'encounters.create',
    encounterCreateSchema,
    {
      defaultValues: EMPTY,
      onSuccess: (e) => {
        setDone(e);
        setArrivalText('');
        form.reset(EMPTY);
        firstField.current?.focus();
      },
    },
  );
  const { errors, isSubmitting } = form.formState;
  const source = form.watch('referralSource');
  const concerns = (form.watch('presentingConcerns') ?? []) as PresentingConcern[];
  const flags = (form.watch('medicalRedFlags') ?? []) as MedicalRedFlag[];
  const police = isPoliceSource(source);
  // Walk-ins and other sources use the same flow without officer fields: drop what was typed.
  useEffect(() => {
    if (police) return;
    for (const f of ['officerName', 'badgeNumber'] as const) form.setValue(f, '');
    for (const f of ['citTrained', 'coResponder', 'probableCause', 'divertedFromArrest'] as const)
      form.setValue(f, false);
  }, [police, form]);

  const submit = (accept: boolean) => {
    form.setValue('accept', accept);
    const arrival = arrivalText ? fromLocalInput(arrivalText, facility.timeZone) : null;
    form.setValue('arrivedAt', arrival ?? undefined);
    void onSubmit();
  };

  // Ctrl+Enter (or Cmd+Enter) accepts from anywhere on the form: no mouse needed.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        submit(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const officers = suggestions.data?.officers ?? [];
  const agencyField = form.register('agency');
  const officerField = form.register('officerName');
  const onOfficer = (name: string) => {
    const known = officers.find((o) => o.officerName.toLowerCase() === name.trim().toLowerCase());
    if (!known) return;
    if (!form.getValues('badgeNumber') && known.badgeNumber)
      form.setValue('badgeNumber', known.badgeNumber);
    if (!form.getValues('agency') && known.agency) form.setValue('agency', known.agency);
  };
  const { ref: agencyRef, ...agencyRest } = agencyField;
  // The agency field is the first stop after each handoff: focus returns to it.
  const agencyProps = {
    ...agencyRest,
    ref: (el: HTMLInputElement | null) => {
      agencyRef(el);
      firstField.current = el;
    },
  };

  return (
    <section aria-labelledby="handoff-title" className="handoff">
      <h1 id="handoff-title">{t('handoff.title')}</h1>
      {done ? (
        <div className="card done" role="status">
          <strong>
            {done.status === 'accepted'
              ? t('handoff.accepted', { reference: done.reference })
              : t('handoff.recorded', { reference: done.reference })}
          </strong>
          {t('handoff.arrivedAt', { time: fmtTime(done.arrivedAt, facility.timeZone) })}
          {done.officerReleasedAt !== null && done.arrivedAt !== null
            ? t('handoff.officerReleased', {
                time: fmtTime(done.officerReleasedAt, facility.timeZone),
                turnaround: formatMmSs(done.officerReleasedAt - done.arrivedAt),
              })
            : t('handoff.officerWaiting')}
          . <a href={`#/encounters/${done.id}/receipt`}>{t('handoff.printReceipt')}</a>{' '}
          <a href={`#/encounters/${done.id}`}>{t('handoff.open', { reference: done.reference })}</a>
        </div>
      ) : null}
      <OfficersWaiting
        onAccepted={() => {
          setDone(null);
          setFormError(null);
        }}
      />
      <form
        className="card"
        noValidate
        aria-labelledby="handoff-form-title"
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
      >
        <h2 id="handoff-form-title">{t('handoff.newArrival')}</h2>
        <FormError message={formError} />
        <div className="handoff-grid">
          <fieldset>
            <legend>{t('handoff.whoBrought')}</legend>
            <SelectField
              label={t('handoff.referralSource')}
              options={vocabOptions('referralSource', REFERRAL_SOURCES)}
              error={errors.referralSource}
              {...form.register('referralSource')}
            />
            <Field
              label={t('handoff.agency')}
              list="agency-suggestions"
              autoComplete="off"
              error={errors.agency}
              hint={police ? t('handoff.agencyRequired') : undefined}
              {...agencyProps}
            />
            <datalist id="agency-suggestions">
              {(suggestions.data?.agencies ?? []).map((a) => (
                <option key={a} value={a} />
              ))}
            </datalist>
            {police ? (
              <>
                <Field
                  label={t('handoff.officerName')}
                  list="officer-suggestions"
                  autoComplete="off"
                  error={errors.officerName}
                  {...officerField}
                  onChange={(e) => {
                    void officerField.onChange(e);
                    onOfficer(e.target.value);
                  }}
                />
                <datalist id="officer-suggestions">
                  {officers.map((o) => (
                    <option
                      key={`${o.officerName}|${o.badgeNumber ?? ''}`}
                      value={o.officerName}
                      label={[o.badgeNumber && `#${o.badgeNumber}`, o.agency]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  ))}
                </datalist>
                <Field
                  label={t('handoff.badgeNumber')}
                  error={errors.badgeNumber}
                  {...form.register('badgeNumber')}
                />
                <div className="checks">
                  <Check label={t('handoff.citTrained')} {...form.register('citTrained')} />
                  <Check label={t('handoff.coResponder')} {...form.register('coResponder')} />
                  <Check label={t('handoff.probableCause')} {...form.register('probableCause')} />
                  <Check
                    label={t('handoff.divertedFromArrest')}
                    {...form.register('divertedFromArrest')}
                  />
                </div>
                {errors.divertedFromArrest?.message ? (
                  <div className="field-error" role="alert">
                    {errors.divertedFromArrest.message}
                  </div>
                ) : null}
              </>
            ) : null}
            <div className="field">
              <label htmlFor="arrival-time">{t('handoff.arrivalTime')}</label>
              <input
                id="arrival-time"
                type="datetime-local"
                value={arrivalText}
                onChange={(e) => setArrivalText(e.target.value)}
                aria-describedby="arrival-hint arrival-err"
                aria-invalid={errors.arrivedAt ? true : undefined}
              />
              <div className="hint" id="arrival-hint">
                {t('handoff.arrivalHint', { timeZone: facility.timeZone })}
              </div>
              {errors.arrivedAt?.message ? (
                <div className="field-error" id="arrival-err" role="alert">
                  {errors.arrivedAt.message}
                </div>
              ) : null}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('handoff.person')}</legend>
            <IntakeNotesBanner
              firstName={form.watch('firstName')}
              lastName={form.watch('lastName')}
              dateOfBirth={form.watch('dateOfBirth')}
            />
            <SelectField
              label={t('handoff.legalStatus')}
              options={[
                { value: '', label: t('handoff.notKnown') },
                ...vocabOptions('legalStatus', LEGAL_STATUSES),
              ]}
              error={errors.legalStatus as never}
              {...form.register('legalStatus')}
            />
            <div className="grid-2">
              <Field
                label={t('handoff.firstName')}
                autoComplete="off"
                hint={t('handoff.firstNameHint')}
                error={errors.firstName}
                {...form.register('firstName')}
              />
              <Field
                label={t('handoff.lastName')}
                autoComplete="off"
                error={errors.lastName}
                {...form.register('lastName')}
              />
              <Field
                label={t('handoff.dateOfBirth')}
                type="date"
                error={errors.dateOfBirth}
                {...form.register('dateOfBirth')}
              />
              <Field
                label={t('handoff.estimatedAge')}
                type="number"
                min={0}
                max={120}
                error={errors.estimatedAge}
                {...form.register('estimatedAge', {
                  setValueAs: (v: unknown) =>
                    v === '' || v === null || v === undefined ? null : Number(v),
                })}
              />
              <Field
                label={t('handoff.gender')}
                error={errors.gender}
                {...form.register('gender')}
              />
              <Field
                label={t('handoff.preferredLanguage')}
                error={errors.preferredLanguage}
                {...form.register('preferredLanguage')}
              />
            </div>
            <Toggles
              legend={t('handoff.presentingConcerns')}
              values={PRESENTING_CONCERNS}
              labels={vocabLabels('presentingConcern', PRESENTING_CONCERNS)}
              selected={concerns}
              onChange={(v) => form.setValue('presentingConcerns', v)}
              error={errors.presentingConcerns?.message}
            />
          </fieldset>
          <fieldset>
            <legend>{t('handoff.triage')}</legend>
            <Toggles
              legend={t('handoff.medicalRedFlags')}
              values={MEDICAL_RED_FLAGS}
              labels={vocabLabels('medicalRedFlag', MEDICAL_RED_FLAGS)}
              selected={flags}
              onChange={(v) => form.setValue('medicalRedFlags', v)}
            />
            <div className="checks">
              <Check label={t('handoff.referToEd')} {...form.register('referToEd')} />
              <Check label={t('handoff.weaponsSearch')} {...form.register('weaponsSearchDone')} />
            </div>
            <Field
              label={t('handoff.belongings')}
              error={errors.belongings}
              {...form.register('belongings')}
            />
            <Field label={t('handoff.notes')} error={errors.notes} {...form.register('notes')} />
          </fieldset>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={isSubmitting}>
            {t('handoff.accept')}
          </button>
          <button type="button" disabled={isSubmitting} onClick={() => submit(false)}>
            {t('handoff.recordArrival')}
          </button>
          <span className="hint">{t('handoff.ctrlEnter')}</span>
        </div>
      </form>
      <ExpectedArrivalForm />
    </section>
  );
}
