import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bedsContract } from '../../core/contract/beds';
import { dispatchContract } from '../../core/contract/dispatch';
import { useSharedBackendWithRecliners } from '../helpers/fuzz-backend';

const fb = useSharedBackendWithRecliners();

const snapshot = () =>
  fb.t.db
    .prepare(
      `SELECT (SELECT group_concat(id || status || label) FROM beds) beds,
              (SELECT group_concat(id || name || coalesce(staffed_limit, '')) FROM units) units,
              (SELECT count(*) FROM bed_history) history`,
    )
    .get();

describe('beds, capacity and dispatch methods under random input', () => {
  const methods = [...Object.keys(bedsContract), ...Object.keys(dispatchContract)];
  it('never fail internally, and a refused call changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methods), fc.anything(), async (method, input) => {
        const before = snapshot();
        const r = await fb.t.callRaw(method, input, fb.manager);
        if (!r.ok) {
          expect(r.error.code, `${method} ${JSON.stringify(input)}`).not.toBe('internal');
          expect(snapshot()).toEqual(before);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
