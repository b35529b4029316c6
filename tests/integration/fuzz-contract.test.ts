import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES, type MethodName } from '../../core/contract';
import { isAllowed, isPublic, ROLES, type Role } from '../../core/roles';
import type { UserRow } from '../../db/users';
import type { TestBackend } from '../helpers/backend';
import { backendWithEveryRole, tableCounts } from '../helpers/roles';

/**
 * Every contract method gets 500 malformed inputs (values its own schema rejects), sent by a
 * caller who is allowed to call it: the answer is always `invalid_input`, never a crash, and
 * nothing in the database changes. Iterates the contract, so later methods are covered too.
 */
const RUNS = 500;

/** Keys the schema knows (recursively), so generated objects look nearly right. */
function knownKeys(schema: z.ZodType, out = new Set<string>(), depth = 0): Set<string> {
  if (depth > 6) return out;
  const def = (schema as unknown as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (!def) return out;
  const shape = def.shape as Record<string, z.ZodType> | undefined;
  if (shape && typeof shape === 'object') {
    for (const [k, v] of Object.entries(shape)) {
      out.add(k);
      knownKeys(v, out, depth + 1);
    }
  }
  for (const key of ['innerType', 'in', 'out', 'element', 'left', 'right']) {
    const inner = def[key] as z.ZodType | undefined;
    if (inner && typeof inner === 'object') knownKeys(inner, out, depth + 1);
  }
  for (const o of (def.options as z.ZodType[] | undefined) ?? []) knownKeys(o, out, depth + 1);
  return out;
}

const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    "'; DROP TABLE users; --",
    '../../etc/passwd',
    '<script>alert(1)</script>',
    'x'.repeat(5000),
    '1e309',
    'NaN',
    '2026-02-30',
  ),
  fc.constantFrom(-1, 0, 1.5, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.constantFrom(true, false, null),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 3, arbitrary: nasty },
  { weight: 1, arbitrary: fc.array(nasty, { maxLength: 4 }) },
);

function malformed(schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = [...knownKeys(schema), 'extra', '__proto__', 'constructor'];
  const nearlyRight = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });
  const nested = fc.dictionary(
    fc.constantFrom(...keys),
    fc.oneof(value, fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 })),
    { maxKeys: keys.length },
  );
  return (
    fc
      .oneof(
        { weight: 4, arbitrary: nearlyRight },
        { weight: 2, arbitrary: nested },
        { weight: 1, arbitrary: value },
      )
      // Only a missing body means {}; null, arrays and bare values are refused as they are.
      .filter((v) => v === null || !schema.safeParse(v).success)
  );
}

function callerFor(method: MethodName, byRole: Record<Role, UserRow>): UserRow | null {
  const access = contract[method].access;
  if (isPublic(access)) return null;
  const role = ROLES.find((r) => isAllowed(access, r))!;
  return byRole[role];
}

let t: TestBackend;
let byRole: Record<Role, UserRow>;
beforeAll(async () => {
  const s = await backendWithEveryRole();
  t = s.t;
  byRole = s.byRole;
});
afterAll(() => t.cleanup());

describe(`fuzzing: ${RUNS} malformed inputs per contract method`, () => {
  it.each(METHOD_NAMES.map((m) => [m]))('%s → invalid_input, nothing written', async (m) => {
    const method = m as MethodName;
    const as = callerFor(method, byRole);
    const before = tableCounts(t.db);
    const changes = () => (t.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const changesBefore = changes();
    await fc.assert(
      fc.asyncProperty(malformed(contract[method].input), async (input) => {
        const r = await t.callRaw(method, input, as);
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('invalid_input');
          expect(r.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: RUNS },
    );
    expect(changes()).toBe(changesBefore);
    expect(tableCounts(t.db)).toEqual(before);
  });
});
