import { APPOINTMENT_KINDS, CONSENTS } from '../../core/follow-up/vocab';
import { formatPhone, toE164 } from '../../core/follow-up/phone';
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
  const set = (k: keyof FollowUpDraft) => (v: string) => onChange({ ...value, [k]: v });
  const err = (k: string) => errors[`followUp.${k}`];
  const e164 = value.phone ? toE164(value.phone) : null;
  const field = (k: keyof FollowUpDraft, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`fu-${k}`}>{label}</label>
      {input}
      {err(k) ? (
        <div className="field-error" id={`fu-${k}-err`} role="alert">
          {err(k)}
        </div>
      ) : null}
    </div>
  );
  const aria = (k: string) => ({
    'aria-invalid': err(k) ? true : undefined,
    'aria-describedby': err(k) ? `fu-${k}-err` : undefined,
  });
  return (
    <fieldset className="follow-up-fields">
      <legend>{t('followUps.discharge.legend')}</legend>
      {asks ? <p className="hint">{t('followUps.discharge.policyAsks')}</p> : null}
      {field(
        'consent',
        asks ? t('followUps.discharge.consentRequired') : t('followUps.discharge.consent'),
        <select
          id="fu-consent"
          value={value.consent}
          onChange={(e) => set('consent')(e.target.value)}
          {...aria('consent')}
        >
          <option value="">{t('encounter.choose')}</option>
          {CONSENTS.map((c) => (
            <option key={c} value={c}>
              {t(`followUps.consent.${c}`)}
            </option>
          ))}
        </select>,
      )}
      {field(
        'phone',
        t('followUps.discharge.phone'),
        <>
          <input
            id="fu-phone"
            type="tel"
            autoComplete="off"
            value={value.phone}
            onChange={(e) => set('phone')(e.target.value)}
            {...aria('phone')}
          />
          {e164 ? <div className="hint">{formatPhone(e164)}</div> : null}
        </>,
      )}
      {field(
        'bestTime',
        t('followUps.discharge.bestTime'),
        <input
          id="fu-bestTime"
          value={value.bestTime}
          onChange={(e) => set('bestTime')(e.target.value)}
          {...aria('bestTime')}
        />,
      )}
      {field(
        'appointmentAt',
        t('followUps.discharge.appointmentAt', { zone: facility.timeZone }),
        <input
          id="fu-appointmentAt"
          type="datetime-local"
          value={value.appointmentAt}
          onChange={(e) => set('appointmentAt')(e.target.value)}
          {...aria('appointmentAt')}
        />,
      )}
      {field(
        'appointmentProvider',
        t('followUps.discharge.provider'),
        <input
          id="fu-appointmentProvider"
          value={value.appointmentProvider}
          onChange={(e) => set('appointmentProvider')(e.target.value)}
          {...aria('appointmentProvider')}
        />,
      )}
      {field(
        'appointmentKind',
        t('followUps.discharge.kind'),
        <select
          id="fu-appointmentKind"
          value={value.appointmentKind}
          onChange={(e) => set('appointmentKind')(e.target.value)}
          {...aria('appointmentKind')}
        >
          <option value="">{t('encounter.choose')}</option>
          {APPOINTMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`followUps.kind.${k}`)}
            </option>
          ))}
        </select>,
      )}
    </fieldset>
  );
}
