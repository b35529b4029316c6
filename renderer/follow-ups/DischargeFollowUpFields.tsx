import { APPOINTMENT_KINDS, CONSENTS } from '../../core/follow-up/vocab';
import { formatPhone, toE164 } from '../../core/follow-up/phone';
import { Field, SelectField } from '../components/Field';
import { useApiQuery } from '../useApiQuery';
import { translateMessage, useI18n } from '../i18n';
import { useSession } from '../session';
import { fromLocalInput } from '../handoff/time';
import type { Disposition } from '../../core/vocab';
import {
  dischargeFollowUpInputErrors,
  type DischargeFollowUpInput,
} from '../../core/follow-up/schemas';

export interface FollowUpDraft {
  consent: string;
  phone: string;
  bestTime: string;
  appointmentAt: string;
  appointmentProvider: string;
  appointmentKind: string;
}

export const EMPTY_DRAFT: FollowUpDraft = {
  consent: '',
  phone: '',
  bestTime: '',
  appointmentAt: '',
  appointmentProvider: '',
  appointmentKind: '',
};

/** The draft as the discharge's `followUp` input (times in the facility's zone). */
export function draftToInput(d: FollowUpDraft, tz: string): DischargeFollowUpInput {
  return {
    consent: (d.consent || null) as DischargeFollowUpInput['consent'],
    phone: d.phone || null,
    bestTime: d.bestTime || null,
    appointmentAt: d.appointmentAt ? fromLocalInput(d.appointmentAt, tz) : null,
    appointmentProvider: d.appointmentProvider || null,
    appointmentKind: (d.appointmentKind || null) as DischargeFollowUpInput['appointmentKind'],
  };
}

/** Whether the disposition's follow-up policy asks for contacts (so consent is required). */
export function usePolicyAsks(disposition: Disposition | ''): boolean {
  const policy = useApiQuery('followUps.policy', {}, ['settings']);
  return disposition !== '' && (policy.data?.contacts[disposition]?.length ?? 0) > 0;
}

/**
 * The draft's errors before the confirmation step, by field, in the language on screen: the
 * shared schema and rules the server runs again (`now` is the form's reading of server time).
 */
export function draftErrors(
  d: FollowUpDraft,
  tz: string,
  asks: boolean,
  now: number,
): Record<string, string> {
  const errors = dischargeFollowUpInputErrors(draftToInput(d, tz), asks, now);
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, translateMessage(v)]));
}

/**
 * After the stay, on the discharge form: consent to be contacted, phone, best time and an
 * aftercare appointment. All optional, except consent when the disposition's policy asks for a
 * follow-up (`asks`; the form checks before confirming, the server again at the discharge).
 */
export function DischargeFollowUpFields({
  asks,
  value,
  onChange,
  errors,
}: {
  asks: boolean;
  value: FollowUpDraft;
  onChange(v: FollowUpDraft): void;
  errors: Record<string, string>;
}) {
  const { t } = useI18n();
  const { facility } = useSession();
  const e164 = value.phone ? toE164(value.phone) : null;
  // Ids `fu-<field>` (errors `fu-<field>-err`); the server names the fields `followUp.<field>`.
  const bind = (k: keyof FollowUpDraft) => ({
    id: `fu-${k}`,
    value: value[k],
    error: errors[`followUp.${k}`],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      onChange({ ...value, [k]: e.target.value }),
  });
  return (
    <fieldset className="follow-up-fields">
      <legend>{t('followUps.discharge.legend')}</legend>
      {asks ? <p className="hint">{t('followUps.discharge.policyAsks')}</p> : null}
      <SelectField
        label={asks ? t('followUps.discharge.consentRequired') : t('followUps.discharge.consent')}
        placeholder={t('encounter.choose')}
        options={CONSENTS.map((c) => ({ value: c, label: t(`followUps.consent.${c}`) }))}
        {...bind('consent')}
      />
      <Field
        label={t('followUps.discharge.phone')}
        type="tel"
        autoComplete="off"
        hint={e164 ? formatPhone(e164) : undefined}
        {...bind('phone')}
      />
      <Field label={t('followUps.discharge.bestTime')} {...bind('bestTime')} />
      <Field
        label={t('followUps.discharge.appointmentAt', { zone: facility.timeZone })}
        type="datetime-local"
        {...bind('appointmentAt')}
      />
      <Field label={t('followUps.discharge.provider')} {...bind('appointmentProvider')} />
      <SelectField
        label={t('followUps.discharge.kind')}
        placeholder={t('encounter.choose')}
        options={APPOINTMENT_KINDS.map((k) => ({ value: k, label: t(`followUps.kind.${k}`) }))}
        {...bind('appointmentKind')}
      />
    </fieldset>
  );
}
