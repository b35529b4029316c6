import type { CensusView, TodayView } from '../census/types';
import { ANY_STAFF } from '../roles';
import { emptyInput } from '../schemas/auth';
import { method } from './define';

/** Who is in the building, and the shift-handover view built on it. */
export const censusContract = {
  'census.get': method<CensusView>()({ input: emptyInput, access: ANY_STAFF, audit: 'read' }),
  'census.today': method<TodayView>()({ input: emptyInput, access: ANY_STAFF, audit: 'read' }),
} as const;
