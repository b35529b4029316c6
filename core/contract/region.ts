import type { RegionSettingsView, RegionView } from '../region/types';
import { ANY_STAFF, MANAGERS } from '../roles';
import { emptyInput } from '../schemas/auth';
import { regionIntervalSchema, regionPeerIdInput, regionPeerSchema } from '../schemas/region';
import { method } from './define';

/** The regional board (issue #18): every center's capacity, read from their own feeds. */
export const regionContract = {
  'region.get': method<RegionView>()({ input: emptyInput, access: ANY_STAFF }),
  'region.settings': method<RegionSettingsView>()({ input: emptyInput, access: MANAGERS }),
  'region.addPeer': method<RegionSettingsView>()({
    input: regionPeerSchema,
    access: MANAGERS,
    audit: 'write',
  }),
  'region.removePeer': method<RegionSettingsView>()({
    input: regionPeerIdInput,
    access: MANAGERS,
    audit: 'write',
  }),
  'region.setInterval': method<RegionSettingsView>()({
    input: regionIntervalSchema,
    access: MANAGERS,
    audit: 'write',
  }),
} as const;
