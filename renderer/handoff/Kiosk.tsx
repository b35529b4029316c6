import { useEffect, useState } from 'react';
import type { KioskCheckInResult } from '../../core/encounters/types';
import { kioskCheckInSchema, kioskPairSchema } from '../../core/schemas/encounters';
import type { SessionInfo } from '../../core/types';
import { LEGAL_STATUSES } from '../../core/vocab';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';
import { TitledForm } from '../components/Forms';
import { i18n, useI18n, vocabOptions } from '../i18n';
import { LanguagePicker } from '../shell/LanguagePicker';
import { Trans } from 'react-i18next';

/** A kiosk keeps its session alive (and notices a revoke) by asking who it is now and then. */
const HEARTBEAT_MS = 5 * 60_000;
/** How long the confirmation stays before the screen is blank for the next officer. */
const CONFIRMATION_MS = 20_000;

const EMPTY = {
  agency: '',
  officerName: '',
  badgeNumber: '',
  firstName: '',
  lastName: '',
  legalStatus: '' as never,
};

function Pair({ onPaired }: { onPaired(s: SessionInfo): void }) {
  const { field, ...submit } = useApiForm('kiosk.pair', kioskPairSchema, {
    defaultValues: { code: '' },
    onSuccess: onPaired,
  });
  const { t } = useI18n();
  return (
    <TitledForm
      titleId="pair-title"
      title={t('kiosk.pairTitle')}
      level={1}
      className="card auth-card"
      intro={<p>{t('kiosk.pairIntro')}</p>}
      submit={submit}
    >
      <Field label={t('kiosk.code')} autoComplete="off" {...field('code')} />
      <button type="submit" className="primary">
        {t('kiosk.start')}
      </button>
    </TitledForm>
  );
}

function CheckIn({ facilityName }: { facilityName: string }) {
  const [done, setDone] = useState<KioskCheckInResult | null>(null);
  const { form, field, onSubmit, formError, setFormError } = useApiForm(
    'kiosk.checkIn',
    kioskCheckInSchema,
    {
      defaultValues: EMPTY,
      onSuccess: (r) => {
        // Clears itself: the next officer sees nothing of the previous check-in but its number.
        form.reset(EMPTY);
        setFormError(null);
        setDone(r);
      },
    },
  );
  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), CONFIRMATION_MS);
    return () => clearTimeout(t);
  }, [done]);
  const { isSubmitting } = form.formState;
  const { t } = useI18n();
  return (
    <form className="card kiosk-card" onSubmit={onSubmit} noValidate aria-labelledby="kiosk-title">
      <h1 id="kiosk-title">{t('kiosk.title', { facility: facilityName })}</h1>
      {done ? (
        <p role="status" className="notice kiosk-done">
          <Trans
            i18nKey="kiosk.checkedIn"
            values={{ reference: done.reference }}
            components={{ 1: <strong /> }}
          />
        </p>
      ) : (
        <p>{t('kiosk.intro')}</p>
      )}
      <FormError message={formError} />
      <div className="grid-2">
        <Field label={t('kiosk.agency')} autoComplete="off" {...field('agency')} />
        <Field label={t('kiosk.officerName')} autoComplete="off" {...field('officerName')} />
        <Field label={t('kiosk.badgeNumber')} autoComplete="off" {...field('badgeNumber')} />
        <SelectField
          label={t('kiosk.legalStatus')}
          placeholder={t('kiosk.choose')}
          options={vocabOptions('legalStatus', LEGAL_STATUSES)}
          {...field('legalStatus')}
        />
        <Field
          label={t('kiosk.firstName')}
          autoComplete="off"
          hint={t('kiosk.firstNameHint')}
          {...field('firstName')}
        />
        <Field label={t('kiosk.lastName')} autoComplete="off" {...field('lastName')} />
      </div>
      <button type="submit" className="primary big" disabled={isSubmitting}>
        {t('kiosk.checkIn')}
      </button>
    </form>
  );
}

/**
 * The officer self-check-in kiosk (`/kiosk`). Bound to a kiosk device credential; its session
 * can call only `kiosk.checkIn` (the server refuses everything else), it shows no navigation,
 * ignores hash links, and clears itself after each submission.
 */
export function KioskApp({ initial }: { initial: SessionInfo }) {
  const [session, setSession] = useState(initial);
  const isKiosk = session.user?.role === 'kiosk';

  useEffect(() => {
    // Nothing to navigate to: keep the URL on the kiosk whatever is typed or clicked.
    // A reload (even after a revoke) lands on the kiosk again, never on staff sign-in.
    const stay = () => {
      if (window.location.hash || window.location.pathname !== '/kiosk')
        history.replaceState(null, '', '/kiosk');
    };
    stay();
    window.addEventListener('hashchange', stay);
    const t = setInterval(() => {
      void api.call('session.status', {}).then((r) => r.ok && setSession(r.value));
    }, HEARTBEAT_MS);
    return () => {
      window.removeEventListener('hashchange', stay);
      clearInterval(t);
    };
  }, []);

  return (
    <main className="kiosk" id="main">
      <LanguagePicker />
      {isKiosk ? (
        <CheckIn facilityName={session.facility?.name ?? i18n.t('kiosk.theCenter')} />
      ) : (
        <Pair onPaired={setSession} />
      )}
    </main>
  );
}
