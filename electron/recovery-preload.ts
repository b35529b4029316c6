import { ipcRenderer } from 'electron';
import {
  RECOVERY_CANCEL_CHANNEL,
  RECOVERY_SUBMIT_CHANNEL,
  type RecoveryReply,
} from './recovery-channels';

/**
 * The recovery window's preload. The page runs no script of its own (its CSP allows none), so
 * the form is wired here, in the isolated world; nothing is exposed to the page. Its own two texts
 * come with the page, in the window's language, as data attributes of the message line.
 */
export function wireRecoveryForm(doc: Document): void {
  const form = doc.getElementById('recover') as HTMLFormElement | null;
  const input = doc.getElementById('recovery-key') as HTMLTextAreaElement | null;
  const message = doc.getElementById('message');
  const cancel = doc.getElementById('cancel');
  if (!form || !input || !message || !cancel) return;
  const submit = form.querySelector('button[type="submit"]') as HTMLButtonElement | null;
  const { opening = '', unreachable = '' } = message.dataset;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit) submit.disabled = true;
    message.textContent = '';
    void (ipcRenderer.invoke(RECOVERY_SUBMIT_CHANNEL, input.value) as Promise<RecoveryReply>)
      .then((reply) => {
        if (reply.ok) {
          message.textContent = opening;
          return;
        }
        message.textContent = reply.message;
        if (submit) submit.disabled = false;
        input.focus();
      })
      .catch(() => {
        message.textContent = unreachable;
        if (submit) submit.disabled = false;
      });
  });
  cancel.addEventListener('click', () => ipcRenderer.send(RECOVERY_CANCEL_CHANNEL));
}

window.addEventListener('DOMContentLoaded', () => wireRecoveryForm(document));
