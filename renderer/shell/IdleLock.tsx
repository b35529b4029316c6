import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { UserView } from '../../core/types';
import { api } from '../api/client';
import { FormError } from '../components/Field';

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
      setError('Enter your password.');
      return;
    }
    setBusy(true);
    const r = await api.call('auth.signIn', { username: user.username, password });
    setBusy(false);
    setPassword('');
    if (r.ok && r.value.user?.id === user.id) onUnlocked();
    else setError(r.ok ? 'Signed in as someone else.' : r.error.message);
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
        <h1 id="lock-title">Handoff is locked</h1>
        <p id="lock-why">
          Locked after a period without use. <strong>{user.displayName}</strong> ({user.username}
          ), enter your password to continue where you left off; anything you had typed is kept.
        </p>
        <FormError message={error} />
        <div className="field">
          <label htmlFor="lock-password">Password</label>
          <input
            id="lock-password"
            type="password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
          <button type="button" onClick={onSignOut}>
            Sign out (discard unsaved input)
          </button>
        </div>
      </form>
    </div>
  );
}
