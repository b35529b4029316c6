import { describe, expect, it, vi } from 'vitest';
import { NOTIFY_CHANNEL, type HandoffBridge } from '../../core/bridge';
import { registerNotifications } from '../../electron/notify';

// The Electron binary cannot be downloaded here; the preload is tested against a stand-in.
const exposed: Record<string, unknown> = {};
const send = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: vi.fn(), send, on: vi.fn(), removeListener: vi.fn() },
}));

type Listener = (event: unknown, payload: unknown) => void;
function setUp(supported = true) {
  const listeners = new Map<string, Listener>();
  const shown: { title: string; body: string; silent?: boolean }[] = [];
  const clicks: (() => void)[] = [];
  class FakeNotification {
    static isSupported = () => supported;
    constructor(private options: { title: string; body: string; silent?: boolean }) {}
    on(_e: 'click', listener: () => void) {
      clicks.push(listener);
      return this;
    }
    show() {
      shown.push(this.options);
    }
  }
  const focusWindow = vi.fn();
  registerNotifications(
    { on: (channel: string, l: Listener) => listeners.set(channel, l) } as never,
    { Notification: FakeNotification as never, focusWindow },
  );
  const emit = (payload: unknown, url = 'app://handoff/index.html', mainFrame = true) => {
    const frame = { url };
    listeners.get(NOTIFY_CHANNEL)!(
      { senderFrame: frame, sender: { mainFrame: mainFrame ? frame : {} } },
      payload,
    );
  };
  return { shown, clicks, focusWindow, emit };
}

describe('desk alerts as system notifications (Electron main)', () => {
  it('shows a silent notification for the Handoff window; a click brings the window forward', () => {
    const s = setUp();
    s.emit({ title: 'Officer checked in at the kiosk', body: 'H-2026-00012 · Dana Reyes' });
    expect(s.shown).toEqual([
      { title: 'Officer checked in at the kiosk', body: 'H-2026-00012 · Dana Reyes', silent: true },
    ]);
    s.clicks[0]!();
    expect(s.focusWindow).toHaveBeenCalledOnce();
  });

  it('ignores other senders, sub-frames, malformed payloads, and systems without notifications', () => {
    const s = setUp();
    s.emit({ title: 'x', body: 'y' }, 'https://evil.example/');
    s.emit({ title: 'x', body: 'y' }, 'app://handoff/index.html', false);
    s.emit({ title: '', body: 'y' });
    s.emit({ title: 'x'.repeat(500), body: 'y' });
    s.emit('not an object');
    expect(s.shown).toEqual([]);
    const off = setUp(false);
    off.emit({ title: 'x', body: 'y' });
    expect(off.shown).toEqual([]);
  });

  it('the preload sends plain strings on the notify channel', async () => {
    await import('../../electron/preload');
    const bridge = exposed.handoff as HandoffBridge;
    bridge.notify!({ title: 'Officer waiting: over the 10-minute target', body: 'H-1' });
    expect(send).toHaveBeenCalledWith(NOTIFY_CHANNEL, {
      title: 'Officer waiting: over the 10-minute target',
      body: 'H-1',
    });
  });
});
