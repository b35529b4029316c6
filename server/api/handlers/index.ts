import type { MethodName } from '../../../core/contract';
import type { Handler } from '../types';
import { authHandlers } from './auth';
import { encountersHandlers } from './encounters';
import { kioskHandlers } from './kiosk';
import { turnaroundHandlers } from './turnaround';
import { bedsHandlers } from './beds';
import { dispatchHandlers } from './dispatch';
import { interchangeHandlers } from './interchange';
import { securityHandlers } from './security';
import { censusHandlers } from './census';
import { censusConfirmationHandlers } from './census-confirmation';
import { followUpsHandlers } from './follow-ups';
import { webhooksHandlers } from './webhooks';
import { regionHandlers } from './region';
import { protectionHandlers } from './protection';

/** Every contract method's implementation; the type makes a missing one a compile error. */
export const handlers: { [K in MethodName]: Handler<K> } = {
  ...authHandlers,
  ...encountersHandlers,
  ...turnaroundHandlers,
  ...kioskHandlers,
  ...bedsHandlers,
  ...dispatchHandlers,
  ...interchangeHandlers,
  ...securityHandlers,
  ...censusHandlers,
  ...censusConfirmationHandlers,
  ...followUpsHandlers,
  ...webhooksHandlers,
  ...regionHandlers,
  ...protectionHandlers,
};
