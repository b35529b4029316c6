import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UserView } from '../../core/types';
import { api } from '../api/client';
import { Field, FormError } from '../components/Field';
import { useI18n } from '../i18n';
import { Trans } from 'react-i18next';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` after `minutes` without keyboard or pointer use (automatic logoff, HIPAA
 * 164.312(a)(2)(iii)). Checks every few seconds; does nothing while `paused`.
 */
export function useIdleTimer(minutes: number, paused: boolean, onIdle: () => void): void {
  const last = useRef(0);
  const onIdleRef = useRef(onIdle);
  const minutesRef = useRef(minutes);
  useEffect(() => {
    onIdleRef.current = onIdle;
    // A new setting applies to the idle time already counted (it does not restart the count).
    minutesRef.current = minutes;
  });
  useEffect(() => {
    if (paused) return;
    last.current = Date.now();
    const touch = () => (last.current = Date.now());
    for (const e of ACTIVITY) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutesRef.current * 60_000) onIdleRef.current();
    }, 5_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [paused]);
}

/**
 * The lock screen: covers everything (the screen underneath stays mounted, so unsaved input is
 * kept) and asks the same user's password. "Sign out" instead discards the unsaved input.
 */
export function LockOverlay({
  user,
  onUnlocked,
  onSignOut,
}: {
  user: UserView;
  onUnlocked: () => void;
  onSignOut: () => void;
}) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const { t } = useI18n();

  // While locked no key reaches the app underneath (shortcuts, screens); typing here still works.
  useEffect(() => {
    const guard = (e: KeyboardEvent) => {
      e.stopPropagation();
      if (!box.current?.contains(e.target as Node)) e.preventDefault();
    };
    window.addEventListener('keydown', guard, true);
    return () => window.removeEventListener('keydown', guard, true);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) {
      setError(t('lock.enterPassword'));
      return;
    }
    setBusy(true);
    const r = await api.call('auth.signIn', { username: user.username, password });
    setBusy(false);
    setPassword('');
    if (r.ok && r.value.user?.id === user.id) onUnlocked();
    else setError(r.ok ? t('lock.someoneElse') : r.error.message);
  };

  return (
    <div className="lock-screen" ref={box}>
      <form
        className="card auth-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="lock-title"
        aria-describedby="lock-why"
        onSubmit={submit}
        noValidate
      >
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p id="lock-why">
          <Trans
            i18nKey="lock.why"
            values={{ name: user.displayName, username: user.username }}
            components={{ 1: <strong /> }}
          />
        </p>
        <FormError message={error} />
        <Field
          id="lock-password"
          label={t('lock.password')}
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('lock.unlocking') : t('lock.unlock')}
          </button>
          <button type="button" onClick={onSignOut}>
            {t('lock.signOut')}
          </button>
        </div>
      </form>
    </div>
  );
}
