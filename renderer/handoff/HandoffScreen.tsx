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
import { useShortcut } from '../shell/shortcuts';
import { useApiQuery } from '../useApiQuery';
import { parseArrivalText, useArrivalClock, type ArrivalParse } from './arrival-time';
import { CapacityLine, againstCapacity } from './CapacityLine';
import { ExpectedArrivalForm } from './ExpectedArrival';
import { OfficersWaiting, TurnaroundClock } from './OfficersWaiting';
import { fmtTime, useServerNow, useServerTimeReader } from './time';
import { IntakeNotesBanner } from '../follow-ups/IntakeNotesBanner';

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
  capacityReason: '',
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

/** The officer's clock on the form, from the first keystroke of a new arrival. */
function ArrivalBar({
  startedAt,
  parsed,
  now,
  targetMinutes,
  timeZone,
}: {
  startedAt: number | null;
  parsed: ArrivalParse;
  now: number;
  targetMinutes: number;
  timeZone: string;
}) {
  const { t } = useI18n();
  const arrival = parsed.kind === 'time' ? parsed.at : startedAt;
  return (
    <div className="arrival-clock" role="timer" aria-live="off" data-testid="arrival-clock">
      {arrival === null ? (
        <span className="muted">{t('handoff.clockIdle')}</span>
      ) : (
        <>
          <span>{t('handoff.clockSince', { time: fmtTime(arrival, timeZone) })}</span>{' '}
          <TurnaroundClock
            arrivedAt={arrival}
            now={Math.max(now, arrival)}
            targetMinutes={targetMinutes}
          />
        </>
      )}
    </div>
  );
}

/**
 * The warm handoff: one keyboard-first screen. The officer's turnaround starts when staff start
 * the arrival (first keystroke, or "Officer here"), not when they press Accept; a typed arrival
 * time wins. Fields follow the officer's words (agency, name, badge, then the person), Agency has
 * focus on open, and Accept sits in a bar that stays on screen. Ctrl+Enter accepts.
 */
export function HandoffScreen() {
  const { facility } = useSession();
  const { t } = useI18n();
  const suggestions = useApiQuery('encounters.suggestions', {}, ['encounters']);
  const active = useApiQuery('encounters.active', {}, ['encounters']);
  const capacity = useApiQuery('capacity.get', {}, ['capacity']);
  const now = useServerNow(active.data?.now);
  const serverTime = useServerTimeReader(active.data?.now);
  const clock = useArrivalClock(serverTime);
  const [done, setDone] = useState<EncounterView | null>(null);
  const [arrivalText, setArrivalText] = useState('');
  const [parsedArrival, setParsedArrival] = useState<ArrivalParse>({ kind: 'empty' });
  const firstField = useRef<HTMLInputElement | null>(null);
  const { form, onSubmit, formError, setFormError } = useApiForm(
    'encounters.create',
    encounterCreateSchema,
    {
      defaultValues: EMPTY,
      onSuccess: (e) => {
        setDone(e);
        clearForm();
      },
    },
  );
  const { errors, isSubmitting } = form.formState;
  const source = form.watch('referralSource');
  const concerns = (form.watch('presentingConcerns') ?? []) as PresentingConcern[];
  const flags = (form.watch('medicalRedFlags') ?? []) as MedicalRedFlag[];
  const police = isPoliceSource(source);
  const needsReason = againstCapacity(capacity.data, police);
  // Walk-ins and other sources use the same flow without officer fields: drop what was typed.
  useEffect(() => {
    if (police) return;
    for (const f of ['officerName', 'badgeNumber'] as const) form.setValue(f, '');
    for (const f of ['citTrained', 'coResponder', 'probableCause', 'divertedFromArrest'] as const)
      form.setValue(f, false);
  }, [police, form]);
  // The desk's first stop: Agency has focus when the screen opens.
  useEffect(() => {
    firstField.current?.focus();
  }, []);

  function clearForm() {
    setArrivalText('');
    setParsedArrival({ kind: 'empty' });
    clock.reset();
    form.reset(EMPTY);
    firstField.current?.focus();
  }

  const onArrivalText = (value: string) => {
    setArrivalText(value);
    form.clearErrors('arrivedAt');
    setParsedArrival(parseArrivalText(value, serverTime(), facility.timeZone));
  };

  const submit = (accept: boolean) => {
    if (parsedArrival.kind === 'invalid') {
      form.setError('arrivedAt', { type: 'client', message: t('handoff.arrivalInvalid') });
      document.getElementById('arrival-time')?.focus();
      return;
    }
    form.setValue('accept', accept);
    // The typed time wins; otherwise the clock started at the first keystroke; otherwise now.
    const arrival = parsedArrival.kind === 'time' ? parsedArrival.at : clock.startedAt;
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
  useShortcut(
    'Alt+O',
    t('handoff.officerHereShortcut'),
    () => {
      clock.start();
      firstField.current?.focus();
    },
    { inFields: true },
  );

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
  const target = active.data?.targetMinutes ?? 10;

  return (
    <section aria-labelledby="handoff-title" className="handoff">
      <h1 id="handoff-title">{t('handoff.title')}</h1>
      {capacity.data ? <CapacityLine capacity={capacity.data} police={police} /> : null}
      {done ? (
        <div className="card done" role="status">
          <strong>
            {done.status === 'accepted'
              ? t('handoff.accepted', { reference: done.reference })
              : t('handoff.recorded', { reference: done.reference })}
          </strong>
          {t('handoff.arrivedAt', { time: fmtTime(done.arrivedAt, facility.timeZone) })}
          {!isPoliceSource(done.referralSource)
            ? null
            : done.officerReleasedAt !== null && done.arrivedAt !== null
              ? t('handoff.officerReleased', {
                  time: fmtTime(done.officerReleasedAt, facility.timeZone),
                  turnaround: formatMmSs(done.officerReleasedAt - done.arrivedAt),
                })
              : t('handoff.officerWaiting')}
          .{' '}
          {isPoliceSource(done.referralSource) ? (
            <a href={`#/encounters/${done.id}/receipt`}>{t('handoff.printReceipt')}</a>
          ) : null}{' '}
          <a href={`#/encounters/${done.id}`}>{t('handoff.open', { reference: done.reference })}</a>
        </div>
      ) : null}
      <form
        className="card handoff-form"
        noValidate
        aria-labelledby="handoff-form-title"
        // The officer is at the desk from the first key typed into a new arrival.
        onInputCapture={clock.start}
        onChangeCapture={clock.start}
        onSubmit={(e) => {
          e.preventDefault();
          submit(true);
        }}
      >
        <h2 id="handoff-form-title">{t('handoff.newArrival')}</h2>
        <FormError message={formError} />
        <div className="handoff-grid">
          <fieldset className="area-who">
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
              hint={police && !errors.agency ? t('handoff.agencyRequired') : undefined}
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
              </>
            ) : null}
          </fieldset>
          <fieldset className="area-person">
            <legend>{t('handoff.person')}</legend>
            <IntakeNotesBanner
              firstName={form.watch('firstName')}
              lastName={form.watch('lastName')}
              dateOfBirth={form.watch('dateOfBirth')}
            />
            <div className="grid-pair">
              <Field
                label={t('handoff.firstName')}
                autoComplete="off"
                error={errors.firstName}
                {...form.register('firstName')}
              />
              <Field
                label={t('handoff.lastName')}
                autoComplete="off"
                error={errors.lastName}
                {...form.register('lastName')}
              />
            </div>
            <SelectField
              label={t('handoff.legalStatus')}
              options={[
                { value: '', label: t('handoff.notKnown') },
                ...vocabOptions('legalStatus', LEGAL_STATUSES),
              ]}
              error={errors.legalStatus as never}
              {...form.register('legalStatus')}
            />
            <div className="grid-pair">
              {/* Typed as said ("1985-12-31"): a date picker splits it into parts and Tabs. */}
              <Field
                label={t('handoff.dateOfBirth')}
                inputMode="numeric"
                autoComplete="off"
                placeholder={t('handoff.dobPlaceholder')}
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
          </fieldset>
          <fieldset className="area-triage">
            <legend>{t('handoff.triage')}</legend>
            <Toggles
              legend={t('handoff.presentingConcerns')}
              values={PRESENTING_CONCERNS}
              labels={vocabLabels('presentingConcern', PRESENTING_CONCERNS)}
              selected={concerns}
              onChange={(v) => {
                clock.start();
                form.setValue('presentingConcerns', v);
              }}
              error={errors.presentingConcerns?.message}
            />
            <Toggles
              legend={t('handoff.medicalRedFlags')}
              values={MEDICAL_RED_FLAGS}
              labels={vocabLabels('medicalRedFlag', MEDICAL_RED_FLAGS)}
              selected={flags}
              onChange={(v) => {
                clock.start();
                form.setValue('medicalRedFlags', v);
              }}
            />
            <div className="checks">
              <Check label={t('handoff.referToEd')} {...form.register('referToEd')} />
              <Check label={t('handoff.weaponsSearch')} {...form.register('weaponsSearchDone')} />
            </div>
            <div className="grid-pair">
              <Field
                label={t('handoff.belongings')}
                error={errors.belongings}
                {...form.register('belongings')}
              />
              <Field label={t('handoff.notes')} error={errors.notes} {...form.register('notes')} />
            </div>
          </fieldset>
          {police ? (
            // Placed under the officer's fields on screen, but after the person in Tab order:
            // the usual drop-off never needs them, so they cost no Tab on the way.
            <fieldset className="area-police">
              <legend>{t('handoff.policeDetails')}</legend>
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
            </fieldset>
          ) : null}
        </div>
        <div className="handoff-bar">
          <ArrivalBar
            startedAt={clock.startedAt}
            parsed={parsedArrival}
            now={now}
            targetMinutes={target}
            timeZone={facility.timeZone}
          />
          <div className="field arrival-field">
            <label htmlFor="arrival-time">{t('handoff.arrivalTime')}</label>
            <input
              id="arrival-time"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              size={8}
              value={arrivalText}
              onChange={(e) => onArrivalText(e.target.value)}
              aria-describedby={errors.arrivedAt ? 'arrival-err' : 'arrival-hint'}
              aria-invalid={errors.arrivedAt || parsedArrival.kind === 'invalid' ? true : undefined}
            />
            {errors.arrivedAt?.message ? (
              <div className="field-error" id="arrival-err" role="alert">
                {errors.arrivedAt.message}
              </div>
            ) : (
              <div className="hint" id="arrival-hint">
                {parsedArrival.kind === 'time'
                  ? t('handoff.arrivalResolved', {
                      time: fmtTime(parsedArrival.at, facility.timeZone),
                    })
                  : parsedArrival.kind === 'invalid'
                    ? t('handoff.arrivalInvalid')
                    : t('handoff.arrivalHint')}
              </div>
            )}
          </div>
          {needsReason || errors.capacityReason ? (
            <Field
              label={t('handoff.capacityReason', {
                status: t(`messageWords.capacityStatus.${capacity.data?.status ?? 'closed'}`),
              })}
              className="capacity-reason-input"
              error={errors.capacityReason}
              {...form.register('capacityReason')}
            />
          ) : null}
          <div className="actions">
            <button type="submit" className="primary" disabled={isSubmitting}>
              {t('handoff.accept')}
            </button>
            <button type="button" disabled={isSubmitting} onClick={() => submit(false)}>
              {t('handoff.recordArrival')}
            </button>
            <button
              type="button"
              onClick={() => {
                clock.start();
                firstField.current?.focus();
              }}
              disabled={clock.startedAt !== null}
            >
              {t('handoff.officerHere')}
            </button>
            <button type="button" onClick={clearForm}>
              {t('handoff.clear')}
            </button>
          </div>
          <span className="hint">{t('handoff.ctrlEnter')}</span>
        </div>
      </form>
      <OfficersWaiting
        onAccepted={() => {
          setDone(null);
          setFormError(null);
        }}
      />
      <ExpectedArrivalForm />
    </section>
  );
}
