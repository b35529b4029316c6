import type { RefObject } from 'react';
import { REFERRAL_SOURCES } from '../../core/vocab';
import { Field, SelectField } from '../components/Field';
import { useI18n, vocabOptions } from '../i18n';
import { useApiQuery } from '../useApiQuery';
import { Check } from './HandoffControls';
import type { HandoffForm } from './useHandoffForm';
import { fieldProps } from '../api/fieldProps';

/**
 * Who brought the person: source, agency, and for police the officer and badge. A known
 * officer's name fills in the badge and agency from recent drop-offs.
 */
export function WhoBroughtFields({
  form,
  police,
  firstFieldRef,
}: {
  form: HandoffForm;
  police: boolean;
  /** Set to the Agency input: the first stop after each handoff, focus returns to it. */
  firstFieldRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const suggestions = useApiQuery('encounters.suggestions', {}, ['encounters']);
  const { errors } = form.formState;
  const officers = suggestions.data?.officers ?? [];
  const officerField = form.register('officerName');
  const onOfficer = (name: string) => {
    const known = officers.find((o) => o.officerName.toLowerCase() === name.trim().toLowerCase());
    if (!known) return;
    if (!form.getValues('badgeNumber') && known.badgeNumber)
      form.setValue('badgeNumber', known.badgeNumber);
    if (!form.getValues('agency') && known.agency) form.setValue('agency', known.agency);
  };
  const { ref: agencyRef, ...agencyRest } = form.register('agency');
  const agencyProps = {
    ...agencyRest,
    ref: (el: HTMLInputElement | null) => {
      agencyRef(el);
      firstFieldRef.current = el;
    },
  };
  return (
    <fieldset className="area-who">
      <legend>{t('handoff.whoBrought')}</legend>
      <SelectField
        label={t('handoff.referralSource')}
        options={vocabOptions('referralSource', REFERRAL_SOURCES)}
        {...fieldProps(form, 'referralSource')}
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
                label={[o.badgeNumber && `#${o.badgeNumber}`, o.agency].filter(Boolean).join(' · ')}
              />
            ))}
          </datalist>
          <Field label={t('handoff.badgeNumber')} {...fieldProps(form, 'badgeNumber')} />
        </>
      ) : null}
    </fieldset>
  );
}

/** CIT, co-responder, probable cause and diversion: police drop-offs only. */
export function PoliceDetailsFields({ form }: { form: HandoffForm }) {
  const { t } = useI18n();
  const { errors } = form.formState;
  return (
    <fieldset className="area-police">
      <legend>{t('handoff.policeDetails')}</legend>
      <div className="checks">
        <Check label={t('handoff.citTrained')} {...form.register('citTrained')} />
        <Check label={t('handoff.coResponder')} {...form.register('coResponder')} />
        <Check label={t('handoff.probableCause')} {...form.register('probableCause')} />
        <Check label={t('handoff.divertedFromArrest')} {...form.register('divertedFromArrest')} />
      </div>
      {errors.divertedFromArrest?.message ? (
        <div className="field-error" role="alert">
          {errors.divertedFromArrest.message}
        </div>
      ) : null}
    </fieldset>
  );
}
