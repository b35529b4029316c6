import type { CensusView } from '../capacity/census';
import { ANY_STAFF } from '../roles';
import { emptyInput } from '../schemas/auth';
import { method } from './define';

/** Census confirmation (issue #18): staff confirm on the Board that the counts are true. */
export const censusContract = {
  'census.get': method<CensusView>()({ input: emptyInput, access: ANY_STAFF }),
  'census.confirm': method<CensusView>()({
    input: emptyInput,
    access: ANY_STAFF,
    audit: 'write',
  }),
} as const;
