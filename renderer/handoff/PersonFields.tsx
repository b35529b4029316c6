import {
  LEGAL_STATUSES,
  MEDICAL_RED_FLAGS,
  PRESENTING_CONCERNS,
  type MedicalRedFlag,
  type PresentingConcern,
} from '../../core/vocab';
import { Field, SelectField } from '../components/Field';
import { IntakeNotesBanner } from '../follow-ups/IntakeNotesBanner';
import { useI18n, vocabLabels, vocabOptions } from '../i18n';
import { Check, Toggles } from './HandoffControls';
import type { HandoffForm } from './useHandoffForm';
import { fieldProps } from '../api/fieldProps';

/** The person brought in: name, legal status, age and language, with any intake notes on them. */
export function PersonFields({ form }: { form: HandoffForm }) {
  const { t } = useI18n();
  return (
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
          {...fieldProps(form, 'firstName')}
        />
        <Field label={t('handoff.lastName')} autoComplete="off" {...fieldProps(form, 'lastName')} />
      </div>
      <SelectField
        label={t('handoff.legalStatus')}
        placeholder={t('handoff.notKnown')}
        options={vocabOptions('legalStatus', LEGAL_STATUSES)}
        {...fieldProps(form, 'legalStatus')}
      />
      <div className="grid-pair">
        {/* Typed as said ("1985-12-31"): a date picker splits it into parts and Tabs. */}
        <Field
          label={t('handoff.dateOfBirth')}
          inputMode="numeric"
          autoComplete="off"
          placeholder={t('handoff.dobPlaceholder')}
          {...fieldProps(form, 'dateOfBirth')}
        />
        <Field
          label={t('handoff.estimatedAge')}
          type="number"
          min={0}
          max={120}
          {...fieldProps(form, 'estimatedAge', {
            setValueAs: (v: unknown) =>
              v === '' || v === null || v === undefined ? null : Number(v),
          })}
        />
        <Field label={t('handoff.gender')} {...fieldProps(form, 'gender')} />
        <Field label={t('handoff.preferredLanguage')} {...fieldProps(form, 'preferredLanguage')} />
      </div>
    </fieldset>
  );
}

/**
 * Concerns, red flags, ED referral and belongings. The toggles are buttons, not inputs, so each
 * press starts the officer's clock itself (`onTouch`).
 */
export function TriageFields({ form, onTouch }: { form: HandoffForm; onTouch(): void }) {
  const { t } = useI18n();
  const { errors } = form.formState;
  const concerns = (form.watch('presentingConcerns') ?? []) as PresentingConcern[];
  const flags = (form.watch('medicalRedFlags') ?? []) as MedicalRedFlag[];
  return (
    <fieldset className="area-triage">
      <legend>{t('handoff.triage')}</legend>
      <Toggles
        legend={t('handoff.presentingConcerns')}
        values={PRESENTING_CONCERNS}
        labels={vocabLabels('presentingConcern', PRESENTING_CONCERNS)}
        selected={concerns}
        onChange={(v) => {
          onTouch();
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
          onTouch();
          form.setValue('medicalRedFlags', v);
        }}
      />
      <div className="checks">
        <Check label={t('handoff.referToEd')} {...form.register('referToEd')} />
        <Check label={t('handoff.weaponsSearch')} {...form.register('weaponsSearchDone')} />
      </div>
      <div className="grid-pair">
        <Field label={t('handoff.belongings')} {...fieldProps(form, 'belongings')} />
        <Field label={t('handoff.notes')} {...fieldProps(form, 'notes')} />
      </div>
    </fieldset>
  );
}
