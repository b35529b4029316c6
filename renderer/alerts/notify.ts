export interface SystemNotice {
  title: string;
  body: string;
}

/**
 * A system notification, so an alert reaches staff even with the window behind another: in the
 * desktop app through main (Electron's Notification, `window.handoff.notify`); in a browser
 * through the Notification API once the workstation has allowed it (Account → This workstation).
 */
export function showSystemNotification(n: SystemNotice): void {
  if (window.handoff?.notify) {
    window.handoff.notify(n);
    return;
  }
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(n.title, { body: n.body, tag: `handoff-${n.body}` });
  } catch {
    // Some browsers allow notifications only from a service worker: the badge still tells.
  }
}

export function browserNotificationPermission(): NotificationPermission | 'unsupported' {
  if (window.handoff) return 'granted';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
