import { codeOf, type CodedMessage, type Message, type MessageParams } from './messages';

/** Every boundary (IPC, HTTP) answers with this shape, so the UI handles errors one way. */
export type ErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'unauthenticated'
  | 'forbidden'
  | 'conflict'
  | 'locked'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable'
  | 'internal';

export interface ApiErrorBody {
  code: ErrorCode;
  /** English, for people reading logs, scripts and the CLI. */
  message: string;
  /** Field path (dotted) → message, so a form can show the message next to the field. */
  fields?: Record<string, string>;
  /** The message's key and params (core/messages.ts), so the UI can show it in its language. */
  key?: string;
  params?: MessageParams;
  /** The same for each field message that has a key. */
  fieldKeys?: Record<string, CodedMessage>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

const coded = (m: string | Message): CodedMessage | undefined =>
  typeof m === 'string' ? codeOf(m) : m.toCoded();

/**
 * Thrown by handlers and rules; turned into `{ok:false}` at the boundary. Messages are English
 * strings or coded `msg(key, params)`; a string made by `m()` (the schemas' messages) is coded too.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly coded: CodedMessage | undefined;
  readonly fieldKeys: Record<string, CodedMessage> | undefined;
  constructor(
    code: ErrorCode,
    message: string | Message,
    fields?: Record<string, string | Message>,
  ) {
    super(typeof message === 'string' ? message : message.text);
    this.name = 'ApiError';
    this.code = code;
    this.coded = coded(message);
    if (fields) {
      this.fields = {};
      const keys: Record<string, CodedMessage> = {};
      for (const [name, value] of Object.entries(fields)) {
        this.fields[name] = typeof value === 'string' ? value : value.text;
        const c = coded(value);
        if (c) keys[name] = c;
      }
      this.fieldKeys = Object.keys(keys).length ? keys : undefined;
    }
  }
  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { code: this.code, message: this.message };
    if (this.fields) body.fields = this.fields;
    if (this.coded) {
      body.key = this.coded.key;
      if (this.coded.params) body.params = this.coded.params;
    }
    if (this.fieldKeys) body.fieldKeys = this.fieldKeys;
    return body;
  }
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
