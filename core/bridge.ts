import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { Result } from './result';

/** IPC channel of a contract method; preload and main derive it the same way. */
export const channelFor = (method: MethodName): string => `handoff:${method}`;
export const CHANGE_CHANNEL = 'handoff:change';
/** One-way: the page asks main to show a system notification (desk alerts). */
export const NOTIFY_CHANNEL = 'handoff:notify';

export type BridgeApi = {
  [K in MethodName]: (input: MethodInput<K>) => Promise<Result<MethodOutput<K>>>;
};

/** What the preload exposes as `window.handoff`: one function per method, never raw IPC. */
export interface HandoffBridge {
  api: BridgeApi;
  onChange(listener: (event: { topic: string }) => void): () => void;
  /** A system notification for a desk alert (an officer checked in, a wait near or over target). */
  notify?(notice: { title: string; body: string }): void;
}
