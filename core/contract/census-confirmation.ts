import type { ConfirmationView } from '../capacity/census';
import { ANY_STAFF } from '../roles';
import { emptyInput } from '../schemas/auth';
import { method } from './define';

/** Census confirmation (issue #18): staff confirm on the Board that the counts are true. */
export const censusConfirmationContract = {
  'census.confirmation': method<ConfirmationView>()({ input: emptyInput, access: ANY_STAFF }),
  'census.confirm': method<ConfirmationView>()({
    input: emptyInput,
    access: ANY_STAFF,
    audit: 'write',
  }),
} as const;
