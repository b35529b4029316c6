import type { HandoffBridge } from '../../core/bridge';
import type { MethodInput, MethodName, MethodOutput } from '../../core/contract';
import type { Result } from '../../core/result';
import { i18n } from '../i18n';

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
        return await fn(input);
      } catch {
        return unreachable();
      }
    },
    onChange: (listener) => bridge.onChange(listener),
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
      // Server-sent events: the browser reconnects by itself; a 401 (signed out) ends it.
      const source = new EventSource(`${base}/api/events`);
      const onMessage = (e: MessageEvent<string>) => {
        try {
          listener(JSON.parse(e.data) as { topic: string });
        } catch {
          /* ignore a malformed frame */
        }
      };
      source.addEventListener('change', onMessage);
      return () => source.close();
    },
  };
}

export const api: ApiClient =
  typeof window !== 'undefined' && window.handoff ? ipcClient(window.handoff) : httpClient();
