import { describe, expect, it, vi } from 'vitest';
import { RECOVERY_CANCEL_CHANNEL, RECOVERY_SUBMIT_CHANNEL } from '../../electron/recovery-channels';
import { RECOVERY_MESSAGES } from '../../electron/recovery-messages';

/**
 * The recovery window's preload against a stand-in ipcRenderer and a minimal page. The stand-in
 * has no contextBridge: the preload exposes nothing to the page.
 */
const h = vi.hoisted(() => ({
  replies: [] as unknown[],
  invoked: [] as [string, unknown][],
  sent: [] as string[],
  loaded: null as null | (() => void),
}));
vi.mock('electron', () => ({
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => {
      h.invoked.push([channel, input]);
      return Promise.resolve(h.replies.shift());
    },
    send: (channel: string) => h.sent.push(channel),
  },
}));

function element(extra: Record<string, unknown> = {}) {
  const listeners = new Map<string, (e: { preventDefault(): void }) => void>();
  return {
    textContent: '',
    value: '',
    disabled: false,
    focused: 0,
    focus() {
      this.focused++;
    },
    addEventListener: (name: string, fn: (e: { preventDefault(): void }) => void) =>
      listeners.set(name, fn),
    fire(name: string) {
      let prevented = false;
      listeners.get(name)?.({ preventDefault: () => (prevented = true) });
      return prevented;
    },
    ...extra,
  };
}

describe('recovery window preload', () => {
  it('sends the typed text, shows the answer, and exposes nothing to the page', async () => {
    const submit = element();
    const form = element({ querySelector: () => submit });
    const input = element();
    // The page gives the preload its texts in the window's language (recoveryPageHtml).
    const { opening, unreachable } = RECOVERY_MESSAGES.en;
    const message = element({ dataset: { opening, unreachable } });
    const cancel = element();
    const byId: Record<string, unknown> = { recover: form, 'recovery-key': input, message, cancel };
    vi.stubGlobal('window', {
      addEventListener: (name: string, fn: () => void) =>
        name === 'DOMContentLoaded' && (h.loaded = fn),
    });
    vi.stubGlobal('document', { getElementById: (id: string) => byId[id] ?? null });
    await import('../../electron/recovery-preload');
    h.loaded!();

    input.value = 'ABCD-0000';
    h.replies.push({ ok: false, message: 'The recovery key has a typing mistake.' });
    expect(form.fire('submit')).toBe(true); // never a navigation
    expect(submit.disabled).toBe(true);
    await vi.waitFor(() => expect(message.textContent).toMatch(/typing mistake/));
    expect(submit.disabled).toBe(false);
    expect(input.focused).toBe(1);
    expect(h.invoked).toEqual([[RECOVERY_SUBMIT_CHANNEL, 'ABCD-0000']]);

    h.replies.push({ ok: true });
    form.fire('submit');
    await vi.waitFor(() => expect(message.textContent).toMatch(/Starting Handoff/));

    cancel.fire('click');
    expect(h.sent).toEqual([RECOVERY_CANCEL_CHANNEL]);
    vi.unstubAllGlobals();
  });
});
