import { ipcRenderer } from 'electron';
import {
  RECOVERY_CANCEL_CHANNEL,
  RECOVERY_SUBMIT_CHANNEL,
  type RecoveryReply,
} from './recovery-channels';

/**
 * The recovery window's preload. The page runs no script of its own (its CSP allows none), so
 * the form is wired here, in the isolated world; nothing is exposed to the page.
 */
export function wireRecoveryForm(doc: Document): void {
  const form = doc.getElementById('recover') as HTMLFormElement | null;
  const input = doc.getElementById('recovery-key') as HTMLTextAreaElement | null;
  const message = doc.getElementById('message');
  const cancel = doc.getElementById('cancel');
  if (!form || !input || !message || !cancel) return;
  const submit = form.querySelector('button[type="submit"]') as HTMLButtonElement | null;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit) submit.disabled = true;
    message.textContent = '';
    void (ipcRenderer.invoke(RECOVERY_SUBMIT_CHANNEL, input.value) as Promise<RecoveryReply>)
      .then((reply) => {
        if (reply.ok) {
          message.textContent = 'The key opens the database. Starting Handoff…';
          return;
        }
        message.textContent = reply.message;
        if (submit) submit.disabled = false;
        input.focus();
      })
      .catch(() => {
        message.textContent = 'Handoff could not check the key. Try again.';
        if (submit) submit.disabled = false;
      });
  });
  cancel.addEventListener('click', () => ipcRenderer.send(RECOVERY_CANCEL_CHANNEL));
}

window.addEventListener('DOMContentLoaded', () => wireRecoveryForm(document));
