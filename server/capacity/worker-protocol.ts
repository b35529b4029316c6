import type { Representation } from './snapshot';

/** The bytes a poll is answered from (what the worker needs of a CapacitySnapshot). */
export interface WorkerSnapshot {
  json: Representation;
  xml: Representation;
  html: Representation;
  /** The regional board's JSON and page (issue #18). */
  region: { json: Representation; html: Representation } | null;
}

export interface WorkerInit {
  host: string;
  port: number;
  token: string | null;
  rateLimit: number;
  snapshot: WorkerSnapshot | null;
}

export type WorkerMessage =
  | { type: 'snapshot'; snapshot: WorkerSnapshot | null }
  | { type: 'token'; token: string | null }
  | { type: 'rateLimit'; rateLimit: number }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'listening'; url: string; host: string; port: number }
  | { type: 'error'; code: string | null; message: string }
  | { type: 'closed' };
