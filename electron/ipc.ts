import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANGE_CHANNEL, channelFor } from '../core/bridge';
import { METHOD_NAMES } from '../core/contract';
import type { Result } from '../core/result';
import { dispatch } from '../server/api/dispatch';
import { createSession, endSession, resolveSession } from '../server/auth/sessions';
import type { AppContext, Caller, ChangeEvent } from '../server/context';
import { isTrustedSender } from './security';

/** Sessions belong to the window: a token per WebContents, never exposed to the page. */
export class WindowSessions {
  private tokens = new Map<number, string>();
  get(id: number): string | undefined {
    return this.tokens.get(id);
  }
  set(id: number, token: string | null): void {
    if (token) this.tokens.set(id, token);
    else this.tokens.delete(id);
  }
}

export interface IpcOptions {
  devServerUrl?: string;
  log?: { error(message: string, err: unknown): void };
}

/** Registers every contract method; each call is checked, parsed and run by the shared dispatcher. */
export function registerIpc(
  ipcMain: IpcMain,
  app: AppContext,
  options: IpcOptions = {},
): { channels: string[]; sessions: WindowSessions } {
  const sessions = new WindowSessions();
  const channels: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = channelFor(method);
    channels.push(channel);
    ipcMain.handle(
      channel,
      (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
        const frame = event.senderFrame;
        if (
          !isTrustedSender(
            frame?.url,
            frame !== null && frame === event.sender.mainFrame,
            options.devServerUrl,
          )
        ) {
          return Promise.resolve({
            ok: false,
            error: {
              code: 'forbidden',
              message: 'Call refused: it did not come from the Handoff window.',
            },
          });
        }
        const id = event.sender.id;
        const token = sessions.get(id);
        const now = app.clock.now();
        const caller: Caller = {
          user: resolveSession(app.db, token, now),
          address: 'ipc',
          startSession(userId) {
            if (token) endSession(app.db, token);
            sessions.set(id, createSession(app.db, userId, 'ipc', app.clock.now()));
          },
          endSession() {
            endSession(app.db, token);
            sessions.set(id, null);
          },
        };
        return dispatch(app, method, input, caller, options.log);
      },
    );
  }
  return { channels, sessions };
}

/** Pushes change events to a window so its screens refresh like other desks' browsers do. */
export function forwardChanges(app: AppContext, contents: WebContents): () => void {
  const listener = (e: ChangeEvent) => {
    if (!contents.isDestroyed()) contents.send(CHANGE_CHANNEL, e);
  };
  app.events.on('change', listener);
  return () => app.events.off('change', listener);
}
