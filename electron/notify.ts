import type { IpcMain, IpcMainEvent, NotificationConstructorOptions } from 'electron';
import { z } from 'zod';
import { NOTIFY_CHANNEL } from '../core/bridge';
import { isTrustedSender } from './security';

/** What a page may ask for: short plain text (an alert names a reference, an officer, an agency). */
export const notifySchema = z.object({
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(300),
});

export interface NotifyDeps {
  Notification: {
    isSupported(): boolean;
    new (options: NotificationConstructorOptions): {
      show(): void;
      on(event: 'click', listener: () => void): unknown;
    };
  };
  /** Brings the desk window forward when staff click the notification. */
  focusWindow(): void;
  devServerUrl?: string;
}

/**
 * Desk alerts as system notifications, shown by main (the sandboxed page cannot). Only the
 * Handoff window's main frame may ask; anything else, or anything malformed, is ignored. Silent:
 * the page plays its own sound, which a workstation setting can turn off.
 */
export function registerNotifications(ipcMain: IpcMain, deps: NotifyDeps): void {
  ipcMain.on(NOTIFY_CHANNEL, function onNotify(event: IpcMainEvent, payload: unknown) {
    const frame = event.senderFrame;
    if (
      !isTrustedSender(
        frame?.url,
        frame !== null && frame === event.sender.mainFrame,
        deps.devServerUrl,
      )
    )
      return;
    const notice = notifySchema.safeParse(payload);
    if (!notice.success || !deps.Notification.isSupported()) return;
    const n = new deps.Notification({ ...notice.data, silent: true });
    n.on('click', deps.focusWindow);
    n.show();
  });
}
