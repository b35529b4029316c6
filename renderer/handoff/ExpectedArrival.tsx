import { useState } from 'react';
import { encounterExpectSchema } from '../../core/schemas/encounters';
import { PRESENTING_CONCERNS, UNIT_KINDS } from '../../core/vocab';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { useI18n, vocabOptions } from '../i18n';
import { useApiQuery } from '../useApiQuery';
import { useServerNow } from './time';

/**
 * A pre-arrival call ("we're 15 minutes out"): records an expected arrival and can hold a bed
 * of a kind; it lapses 30 minutes after the ETA unless the person arrives.
 */
export function ExpectedArrivalForm() {
  const active = useApiQuery('encounters.active', {}, ['encounters']);
  const now = useServerNow(active.data?.now, 30_000);
  const [minutes, setMinutes] = useState('15');
  const { t } = useI18n();
  const [saved, setSaved] = useState<{ reference: string; bed: string | null } | null>(null);
  const { form, field, onSubmit, formError } = useApiForm(
    'encounters.expect',
    encounterExpectSchema,
    {
      defaultValues: {
        referralSource: 'law_enforcement',
        agency: '',
        officerName: '',
        firstName: '',
        lastName: '',
        presentingConcerns: [],
        callbackPhone: '',
        eta: 0,
      },
      onSuccess: (e) => {
        setSaved({ reference: e.reference, bed: e.heldBedLabel });
        form.reset();
      },
    },
  );
  const submit = (ev: React.FormEvent) => {
    ev.preventDefault();
    const m = Number(minutes);
    form.setValue('eta', now + (Number.isFinite(m) && m >= 0 ? m : 0) * 60_000);
    void onSubmit();
  };
  const { errors } = form.formState;
  return (
    <details className="card">
      <summary>{t('expected.summary')}</summary>
      <form
        onSubmit={submit}
        noValidate
        aria-label={t('expected.formLabel')}
        className="inline-form"
      >
        <FormError message={formError} />
        <Field label={t('expected.agency')} list="agency-suggestions" {...field('agency')} />
        <Field label={t('expected.officer')} {...field('officerName')} />
        <Field
          label={t('expectedCall.callback')}
          type="tel"
          autoComplete="off"
          {...field('callbackPhone')}
        />
        <Field label={t('expectedCall.firstName')} autoComplete="off" {...field('firstName')} />
        <Field label={t('expectedCall.lastName')} autoComplete="off" {...field('lastName')} />
        <SelectField
          label={t('expectedCall.concern')}
          placeholder={t('expectedCall.concernUnknown')}
          options={vocabOptions('presentingConcern', PRESENTING_CONCERNS)}
          {...field('presentingConcerns', {
            setValueAs: (v: string | string[]) => (Array.isArray(v) ? v : v ? [v] : []),
          })}
        />
        <Field
          label={t('expected.minutes')}
          type="number"
          min={0}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={errors.eta}
        />
        <SelectField
          label={t('expected.holdBed')}
          placeholder={t('expected.no')}
          options={vocabOptions('unitKind', UNIT_KINDS)}
          {...field('unitKind', { setValueAs: (v: string) => (v ? v : null) })}
        />
        <button type="submit">{t('expected.submit')}</button>
        {saved ? (
          <p role="status" className="notice">
            {t('expected.saved', { reference: saved.reference })}{' '}
            {saved.bed ? t('expectedCall.held', { label: saved.bed }) : null}
          </p>
        ) : null}
      </form>
    </details>
  );
}
