import type { z } from 'zod';
import { codedLike, msg, quote, type Message } from './messages';
import { ApiError } from './result';

/** Bounds on what an invalid input can make an error say: a hostile body gets a small answer. */
const MAX_FIELDS = 50;
const MAX_PATH_CHARS = 120;
const MAX_MESSAGE_CHARS = 300;
const MAX_KEYS_QUOTED = 3;

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

/**
 * An issue's message. zod's own "Unrecognized key" repeats every key in full, so it is rebuilt
 * by key with each name quoted in part; anything else is our schemas' bounded text, cut anyway.
 */
function issueMessage(issue: z.core.$ZodIssue): string | Message {
  if (issue.code === 'unrecognized_keys') {
    const shown = issue.keys.slice(0, MAX_KEYS_QUOTED).map((k) => quote(k));
    if (issue.keys.length > MAX_KEYS_QUOTED) shown.push('…');
    return msg('unrecognizedKey', { keys: shown.join(', '), count: issue.keys.length });
  }
  return cut(issue.message, MAX_MESSAGE_CHARS);
}

/** Flattens zod issues into `{ "person.firstName": "message" }` for field-level display. */
export function issuesToFields(
  issues: readonly z.core.$ZodIssue[],
): Record<string, string | Message> {
  const fields: Record<string, string | Message> = {};
  let count = 0;
  for (const issue of issues) {
    // A path can hold a caller's key (a record's): cut, like any quoted input.
    const key = cut(issue.path.map((p) => cut(String(p), 60)).join('.'), MAX_PATH_CHARS) || '_';
    if (key in fields) continue;
    if (++count > MAX_FIELDS) break;
    fields[key] = issueMessage(issue);
  }
  return fields;
}

const textOf = (m: string | Message) => (typeof m === 'string' ? m : m.text);

/** Parses with a schema or throws an `invalid_input` ApiError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = issuesToFields(result.error.issues);
  const first = Object.entries(fields)[0];
  if (!first) throw new ApiError('invalid_input', msg('invalidInput'), fields);
  const [name, value] = first;
  const message = name === '_' ? textOf(value) : `${name}: ${textOf(value)}`;
  // Coded like the first field's message (a translation shows it without the field's code name).
  throw new ApiError(
    'invalid_input',
    typeof value === 'string' ? codedLike(value, message) : value.withText(message),
    fields,
  );
}
