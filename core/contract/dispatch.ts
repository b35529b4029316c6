import type { DispatchView } from '../beds/types';
import { MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import { dispatchSettingsSchema } from '../schemas/beds';
import { method } from './define';

/** Sharing capacity with dispatch (issue 5): the listener's settings and its live output. */
export const dispatchContract = {
  'dispatch.get': method<DispatchView>()({ input: emptyInput, access: MANAGERS }),
  'dispatch.update': method<DispatchView>()({
    input: dispatchSettingsSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'dispatch.rotateToken': method<DispatchView>()({
    input: emptyInput,
    access: MANAGERS,
    audit: 'write',
  }),
  'dispatch.clearToken': method<DispatchView>()({
    input: emptyInput,
    access: MANAGERS,
    audit: 'write',
  }),
} as const;
