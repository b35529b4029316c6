import { useEffect, useState } from 'react';
import type { KioskCheckInResult } from '../../core/encounters/types';
import { kioskCheckInSchema, kioskPairSchema } from '../../core/schemas/encounters';
import type { SessionInfo } from '../../core/types';
import { LEGAL_STATUSES, LEGAL_STATUS_LABELS } from '../../core/vocab';
import { api } from '../api/client';
import { useApiForm } from '../api/useApiForm';
import { Field, FormError, SelectField } from '../components/Field';

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
  const { form, onSubmit, formError } = useApiForm('kiosk.pair', kioskPairSchema, {
    defaultValues: { code: '' },
    onSuccess: onPaired,
  });
  return (
    <form className="card auth-card" onSubmit={onSubmit} noValidate aria-labelledby="pair-title">
      <h1 id="pair-title">Set up this officer kiosk</h1>
      <p>An administrator issues a kiosk code in Settings → Officer kiosks.</p>
      <FormError message={formError} />
      <Field
        label="Kiosk code"
        autoComplete="off"
        error={form.formState.errors.code}
        {...form.register('code')}
      />
      <button type="submit" className="primary">
        Start kiosk
      </button>
    </form>
  );
}

function CheckIn({ facilityName }: { facilityName: string }) {
  const [done, setDone] = useState<KioskCheckInResult | null>(null);
  const { form, onSubmit, formError, setFormError } = useApiForm(
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
  const { errors, isSubmitting } = form.formState;
  return (
    <form className="card kiosk-card" onSubmit={onSubmit} noValidate aria-labelledby="kiosk-title">
      <h1 id="kiosk-title">Officer check-in — {facilityName}</h1>
      {done ? (
        <p role="status" className="notice kiosk-done">
          Checked in: reference <strong>{done.reference}</strong>. Staff have been alerted and will
          take over shortly.
        </p>
      ) : (
        <p>Tell us who you are and whom you brought. Staff will come to you.</p>
      )}
      <FormError message={formError} />
      <div className="grid-2">
        <Field
          label="Agency"
          autoComplete="off"
          error={errors.agency}
          {...form.register('agency')}
        />
        <Field
          label="Officer name"
          autoComplete="off"
          error={errors.officerName}
          {...form.register('officerName')}
        />
        <Field
          label="Badge number"
          autoComplete="off"
          error={errors.badgeNumber}
          {...form.register('badgeNumber')}
        />
        <SelectField
          label="Legal status"
          options={[
            { value: '', label: '— choose —' },
            ...LEGAL_STATUSES.map((s) => ({ value: s, label: LEGAL_STATUS_LABELS[s] })),
          ]}
          error={errors.legalStatus}
          {...form.register('legalStatus')}
        />
        <Field
          label="Person's first name"
          autoComplete="off"
          hint="Leave empty if unknown"
          error={errors.firstName}
          {...form.register('firstName')}
        />
        <Field
          label="Person's last name"
          autoComplete="off"
          error={errors.lastName}
          {...form.register('lastName')}
        />
      </div>
      <button type="submit" className="primary big" disabled={isSubmitting}>
        Check in
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
      {isKiosk ? (
        <CheckIn facilityName={session.facility?.name ?? 'the crisis center'} />
      ) : (
        <Pair onPaired={setSession} />
      )}
    </main>
  );
}
