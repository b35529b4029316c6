import type { z } from 'zod';
import { codedLike } from './messages';
import { ApiError } from './result';

/** Flattens zod issues into `{ "person.firstName": "message" }` for field-level display. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/** Parses with a schema or throws an `invalid_input` ApiError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = issuesToFields(result.error.issues);
  const first = Object.entries(fields)[0];
  const message = first
    ? first[0] === '_'
      ? first[1]
      : `${first[0]}: ${first[1]}`
    : 'Invalid input';
  // Coded like the first field's message (a translation shows it without the field's code name).
  throw new ApiError('invalid_input', first ? codedLike(first[1], message) : message, fields);
}
