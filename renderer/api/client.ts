import type { HandoffBridge } from '../../core/bridge';
import type { MethodInput, MethodName, MethodOutput } from '../../core/contract';
import type { Result } from '../../core/result';

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
    message: 'Cannot reach Handoff. Check the connection and try again; nothing was saved.',
  },
});

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
        return { ok: false, error: { code: 'not_found', message: `Unknown method ${method}` } };
      try {
        return await fn(input);
      } catch {
        return unreachable();
      }
    },
    onChange: (listener) => withLocal(listener, bridge.onChange(listener)),
  };
}

export function httpClient(base = ''): ApiClient {
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
        return (await res.json()) as Result<MethodOutput<typeof method>>;
      } catch {
        return unreachable();
      }
    },
    onChange(listener) {
      // Server-sent events: the browser reconnects by itself after a network error; a 401
      // (signed out, locked) ends the stream, so try again every few seconds until stopped.
      let source: EventSource | null = null;
      let retry: ReturnType<typeof setTimeout> | null = null;
      let stopped = false;
      const onMessage = (e: MessageEvent<string>) => {
        try {
          listener(JSON.parse(e.data) as { topic: string });
        } catch {
          /* ignore a malformed frame */
        }
      };
      const connect = () => {
        source = new EventSource(`${base}/api/events`);
        source.addEventListener('change', onMessage);
        source.onerror = () => {
          if (stopped || source?.readyState !== EventSource.CLOSED) return;
          retry = setTimeout(connect, 5_000);
        };
      };
      connect();
      return withLocal(listener, () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        source?.close();
      });
    },
  };
}

export const api: ApiClient =
  typeof window !== 'undefined' && window.handoff ? ipcClient(window.handoff) : httpClient();
