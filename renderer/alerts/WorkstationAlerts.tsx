import { useId, useState } from 'react';
import { useI18n } from '../i18n';
import { browserNotificationPermission } from './notify';
import { alertSoundOn, beep, setAlertSound } from './sound';

/** Per-workstation alert settings: kept in this browser or app window, not on the server. */
export function WorkstationAlerts() {
  const { t } = useI18n();
  const id = useId();
  const [sound, setSound] = useState(alertSoundOn);
  const [permission, setPermission] = useState(browserNotificationPermission);
  const ask = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('alerts.workstationTitle')}</h2>
      <p className="muted">{t('alerts.workstationIntro')}</p>
      <div className="handoff-check">
        <input
          id={`${id}-sound`}
          type="checkbox"
          checked={sound}
          onChange={(e) => {
            setAlertSound(e.target.checked);
            setSound(e.target.checked);
          }}
        />
        <label htmlFor={`${id}-sound`}>{t('alerts.sound')}</label>
        <button type="button" onClick={() => beep(false)} disabled={!sound}>
          {t('alerts.testSound')}
        </button>
      </div>
      <p>
        {t('alerts.notifications', { state: t(`alerts.notificationState.${permission}`) })}{' '}
        {permission === 'default' ? (
          <button type="button" onClick={() => void ask()}>
            {t('alerts.allowNotifications')}
          </button>
        ) : null}
      </p>
    </section>
  );
}
