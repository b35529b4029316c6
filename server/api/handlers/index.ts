import type { MethodName } from '../../../core/contract';
import type { Handler } from '../types';
import { authHandlers } from './auth';
import { encountersHandlers } from './encounters';
import { bedsHandlers } from './beds';
import { dispatchHandlers } from './dispatch';
import { interchangeHandlers } from './interchange';
import { securityHandlers } from './security';
import { protectionHandlers } from './protection';

/** Every contract method's implementation; the type makes a missing one a compile error. */
export const handlers: { [K in MethodName]: Handler<K> } = {
  ...authHandlers,
  ...encountersHandlers,
  ...bedsHandlers,
  ...dispatchHandlers,
  ...interchangeHandlers,
  ...securityHandlers,
  ...protectionHandlers,
};
