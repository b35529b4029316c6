import { describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../core/contract';
import { isPublic } from '../../core/roles';
import { handlers } from '../../server/api/handlers';

describe('the API contract', () => {
  it('every method has a server handler, and every handler is in the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it('every method names who may call it', () => {
    for (const m of METHOD_NAMES) {
      const access = contract[m].access;
      expect(isPublic(access) || (Array.isArray(access) && access.length > 0), m).toBe(true);
    }
  });

  it('method names are safe in IPC channels and URL paths', () => {
    for (const m of METHOD_NAMES) expect(m).toMatch(/^[a-z][A-Za-z]*(\.[a-z][A-Za-z]*)+$/);
  });
});
