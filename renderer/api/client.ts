import type { HandoffBridge } from '../../core/bridge';
import type { MethodInput, MethodName, MethodOutput } from '../../core/contract';
import type { Result } from '../../core/result';
import { i18n, localizeError } from '../i18n';

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<Result<MethodOutput<K>>>;
  /** Other desks' changes; returns an unsubscribe function. */
  onChange(listener: (event: { topic: string }) => void): () => void;
}

declare global {
  interface Window {
    handoff?: HandoffBridge;
  }
}

const unreachable = <T>(): Result<T> => ({
  ok: false,
  error: {
    code: 'unavailable',
    message: i18n.t('errors.unreachable'),
  },
});

/** Errors in the language on screen (the English message stays the fallback). */
function localized<T>(result: Result<T>): Result<T> {
  return result.ok ? result : { ok: false, error: localizeError(result.error) };
}

/** Change events raised inside this window (e.g. '*' after unlocking), beside the pushed ones. */
const local = new EventTarget();

export function emitLocalChange(topic: string): void {
  local.dispatchEvent(new CustomEvent('change', { detail: { topic } }));
}

function withLocal(
  listener: (event: { topic: string }) => void,
  offRemote: () => void,
): () => void {
  const onLocal = (e: Event) => listener((e as CustomEvent<{ topic: string }>).detail);
  local.addEventListener('change', onLocal);
  return () => {
    local.removeEventListener('change', onLocal);
    offRemote();
  };
}

export function ipcClient(bridge: HandoffBridge): ApiClient {
  return {
    transport: 'ipc',
    async call(method, input) {
      const fn = bridge.api[method] as unknown as
        ((i: unknown) => Promise<Result<MethodOutput<typeof method>>>) | undefined;
      if (!fn)
        return {
          ok: false,
          error: { code: 'not_found', message: i18n.t('errors.unknownMethod', { method }) },
        };
      try {
        return localized(await fn(input));
      } catch {
        return unreachable();
      }
    },
    onChange: (listener) => withLocal(listener, bridge.onChange(listener)),
  };
}

/**
 * One server-sent-events stream per page, shared by every subscriber: a browser allows only six
 * connections per server, so a stream per screen part would starve the API calls.
 */
function sharedEvents(url: string) {
  const listeners = new Set<(event: { topic: string }) => void>();
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const onMessage = (e: MessageEvent<string>) => {
    let event: { topic: string };
    try {
      event = JSON.parse(e.data) as { topic: string };
    } catch {
      return; // a malformed frame
    }
    for (const l of [...listeners]) l(event);
  };
  const connect = () => {
    retry = null;
    source = new EventSource(url);
    source.addEventListener('change', onMessage);
    // The browser reconnects by itself after a network error; a 401 (signed out, locked) ends
    // the stream, so try again every few seconds while anyone listens.
    source.onerror = () => {
      if (source?.readyState !== EventSource.CLOSED || listeners.size === 0 || retry) return;
      retry = setTimeout(connect, 5_000);
    };
  };
  return {
    add(l: (event: { topic: string }) => void) {
      listeners.add(l);
      // A stream refused while signed out (401) is closed and waits to retry: a new subscriber
      // (a screen after sign-in) reconnects at once instead of missing the next seconds of changes.
      if (source?.readyState === EventSource.CLOSED) {
        if (retry) clearTimeout(retry);
        retry = null;
        source = null;
      }
      if (!source && !retry) connect();
    },
    delete(l: (event: { topic: string }) => void) {
      listeners.delete(l);
      if (listeners.size > 0) return;
      if (retry) clearTimeout(retry);
      retry = null;
      source?.close();
      source = null;
    },
  };
}

export function httpClient(base = ''): ApiClient {
  const events = sharedEvents(`${base}/api/events`);
  return {
    transport: 'http',
    async call(method, input) {
      let res: Response;
      try {
        res = await fetch(`${base}/api/call/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Handoff-Request': '1' },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
        });
      } catch {
        return unreachable();
      }
      try {
        return localized((await res.json()) as Result<MethodOutput<typeof method>>);
      } catch {
        return unreachable();
      }
    },
    onChange(listener) {
      events.add(listener);
      return withLocal(listener, () => events.delete(listener));
    },
  };
}

export const api: ApiClient =
  typeof window !== 'undefined' && window.handoff ? ipcClient(window.handoff) : httpClient();
