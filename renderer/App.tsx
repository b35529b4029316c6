import { useCallback, useEffect, useMemo, useState } from 'react';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../core/security/types';
import type { SessionInfo } from '../core/types';
import { api, emitLocalChange } from './api/client';
import { Setup } from './auth/Setup';
import { SignIn } from './auth/SignIn';
import { FormError } from './components/Field';
import { KioskApp } from './handoff/Kiosk';
import { SCREENS } from './screens';
import { SessionContext, type SessionState } from './session';
import { HelpOverlay } from './shell/HelpOverlay';
import { LockOverlay, useIdleTimer } from './shell/IdleLock';
import { ShortcutProvider, useShortcut } from './shell/shortcuts';
import { useTheme } from './shell/theme';
import { LanguagePicker } from './shell/LanguagePicker';
import { WallBoard } from './beds/WallBoard';
import { useI18n } from './i18n';
import { AlertBadge, DeskAlerts, type DeskAlertState } from './alerts/DeskAlerts';
import { FollowUpBadge } from './follow-ups/FollowUpBadge';
import { CensusOverdue } from './census/CensusOverdue';

function useHashRoute(): [string, (id: string) => void] {
  const read = () => window.location.hash.replace(/^#\/?/, '') || '';
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onHash = () => setRoute(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return [route, (id: string) => (window.location.hash = `#/${id}`)];
}

export function App() {
  return (
    <ShortcutProvider>
      <AppBody />
    </ShortcutProvider>
  );
}

/** Alt+1…Alt+9 open the screens in navigation order. */
function NavShortcut({
  index,
  id,
  label,
  navigate,
}: {
  index: number;
  id: string;
  label: string;
  navigate: (id: string) => void;
}) {
  const { t } = useI18n();
  useShortcut(`Alt+${index + 1}`, t('shell.goTo', { screen: label }), () => navigate(id), {
    inFields: true,
  });
  return null;
}

function AppBody() {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [route, navigate] = useHashRoute();
  const [theme, nextTheme] = useTheme();
  const [help, setHelp] = useState(false);
  const [deskAlerts, setDeskAlerts] = useState<DeskAlertState>({ waiting: 0, level: 'within' });
  const { t } = useI18n();
  useShortcut('?', t('shell.showShortcuts'), () => setHelp(true));
  // "?" types into a field (the Handoff screen opens with Agency focused): F1 works anywhere.
  useShortcut('F1', t('shell.showShortcuts'), () => setHelp(true), { inFields: true });
  useShortcut('Alt+W', t('board.wallShortcut'), () => navigate('board/wall'), {
    inFields: true,
    enabled: !!session?.user && session.user.role !== 'kiosk',
  });

  const refresh = useCallback(async () => {
    const r = await api.call('session.status', {});
    if (r.ok) {
      setSession(r.value);
      setLoadError(null);
    } else setLoadError(r.error.message);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  // The server found the database damaged after start-up (server/integrity): show its message.
  // Change events reach only a signed-in staff page (a kiosk is refused the stream); signed out
  // or on a kiosk, the next status check shows it.
  const signedIn = !!session?.user && session.user.role !== 'kiosk';
  useEffect(() => {
    if (!signedIn) return undefined;
    return api.onChange((e) => {
      if (e.topic === 'database') void refresh();
    });
  }, [refresh, signedIn]);

  // Idle lock: after N minutes (a setting) the session ends on the server and the screen is
  // covered; the screen underneath stays mounted so unsaved input survives re-authentication.
  const [locked, setLocked] = useState(false);
  const [idleMinutes, setIdleMinutes] = useState(DEFAULT_IDLE_LOCK_MINUTES);
  // A kiosk is an unattended device without a password to type: it is never idle-locked.
  const userId = session?.user && session.user.role !== 'kiosk' ? session.user.id : null;
  useEffect(() => {
    if (userId === null) return;
    let live = true;
    const load = () =>
      void api.call('security.settings', {}).then((r) => {
        if (live && r.ok) setIdleMinutes(r.value.idleLockMinutes);
      });
    load();
    const off = api.onChange((e) => {
      if (e.topic === 'security' || e.topic === '*') load();
    });
    return () => {
      live = false;
      off();
    };
  }, [userId]);
  useIdleTimer(idleMinutes, userId === null || locked, () => {
    setLocked(true);
    setHelp(false);
    void api.call('auth.lock', {});
  });

  const signOut = async () => {
    setLocked(false);
    await api.call('auth.signOut', {});
    window.location.hash = '';
    await refresh();
  };

  // The navigation is one row that may scroll sideways: keep the current screen's link in view.
  useEffect(() => {
    document
      .querySelector('.topbar nav a[aria-current="page"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [route, signedIn]);

  const state: SessionState | null = useMemo(
    () =>
      session?.user && session.facility
        ? { user: session.user, facility: session.facility, refresh: () => void refresh() }
        : null,
    [session, refresh],
  );

  if (session?.databaseProblem) {
    return (
      <main className="auth-page">
        <h1>{t('damaged.title')}</h1>
        <p role="alert" className="form-error">
          {session.databaseProblem}
        </p>
      </main>
    );
  }
  if (!session) {
    return (
      <main className="auth-page">
        {loadError ? (
          <FormError message={loadError} />
        ) : (
          <p className="muted">{t('common.loading')}</p>
        )}
      </main>
    );
  }
  // The officer kiosk: its own page, and the only thing a kiosk session ever sees.
  if (window.location.pathname === '/kiosk' || session.user?.role === 'kiosk')
    return <KioskApp initial={session} />;
  if (session.setupRequired) return <Setup onDone={setSession} />;
  if (!state)
    return <SignIn facilityName={session.facility?.name ?? null} onSignedIn={setSession} />;

  const screens = SCREENS.filter((s) => s.roles.includes(state.user.role));
  // `#/encounters/12` belongs to the `encounters` screen, which reads the rest itself.
  const current = screens.find((s) => s.id === route.split('/')[0]) ?? screens[0]!;
  const Current = current.component;
  const label = (s: (typeof screens)[number]) =>
    t(`nav.${s.id}` as 'nav.board', { defaultValue: s.label });

  // The wall display: the board alone, full screen, for a monitor in the unit.
  if (route === 'board/wall' && !locked && screens.some((s) => s.id === 'board'))
    return (
      <SessionContext.Provider value={state}>
        <WallBoard onExit={() => navigate('board')} />
      </SessionContext.Provider>
    );

  return (
    <SessionContext.Provider value={state}>
      {/* Alerts reach staff on every screen (the wall display has its own board). */}
      {screens.some((s) => s.id === 'handoff') ? <DeskAlerts onState={setDeskAlerts} /> : null}
      {screens.slice(0, 9).map((s, i) => (
        <NavShortcut key={s.id} index={i} id={s.id} label={label(s)} navigate={navigate} />
      ))}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      <a
        className="skip-link"
        hidden={locked}
        href="#main"
        onClick={(e) => {
          // The hash is the router's; move focus instead of navigating.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('shell.skipToContent')}
      </a>
      {locked ? (
        <LockOverlay
          user={state.user}
          onUnlocked={() => {
            setLocked(false);
            // Reload what the screens show: changes made while locked were not pushed here.
            emitLocalChange('*');
          }}
          onSignOut={() => void signOut()}
        />
      ) : null}
      <div className="app" inert={locked} aria-hidden={locked || undefined}>
        <header className="topbar">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              ⇄
            </span>
            <span>Handoff</span>
            <span className="facility">{state.facility.name}</span>
          </div>
          <nav aria-label={t('shell.mainNav')}>
            <ul>
              {screens.map((s) => (
                <li key={s.id}>
                  <a
                    href={`#/${s.id}`}
                    aria-current={s.id === current.id ? 'page' : undefined}
                    onClick={() => navigate(s.id)}
                  >
                    {label(s)}
                    {s.id === 'handoff' ? <AlertBadge state={deskAlerts} /> : null}
                    {s.id === 'followUps' ? <FollowUpBadge /> : null}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="who">
            <span className="who-name">
              {state.user.displayName}{' '}
              <span className="muted">({t(`vocab.role.${state.user.role}`)})</span>
            </span>
            <LanguagePicker />
            <button
              type="button"
              onClick={nextTheme}
              aria-label={t('shell.themeChange', { theme: t(`shell.themes.${theme}`) })}
            >
              {/* Compact: the accessible name (and the tooltip) say which theme is on. */}
              <span
                aria-hidden="true"
                title={t('shell.theme', { theme: t(`shell.themes.${theme}`) })}
              >
                ◐
              </span>
            </button>
            <button
              type="button"
              onClick={() => setHelp(true)}
              aria-label={t('shell.shortcutsButton')}
            >
              ?
            </button>
            <button type="button" onClick={signOut}>
              {t('shell.signOut')}
            </button>
          </div>
        </header>
        <main className="content" id="main" tabIndex={-1}>
          <CensusOverdue />
          <Current />
        </main>
      </div>
    </SessionContext.Provider>
  );
}
