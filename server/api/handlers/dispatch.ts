import { randomBytes } from 'node:crypto';
import type { dispatchContract } from '../../../core/contract/dispatch';
import type { DispatchView } from '../../../core/beds/types';
import {
  getCapacitySettings,
  getDispatchSettings,
  setCapacitySettings,
  setDispatchSettings,
} from '../../../db/capacity';
import type { DispatchSettings } from '../../../core/capacity/settings';
import { readCapacityJson } from '../../capacity/snapshot';
import { dispatchUrls, isLoopback, networkAddresses, sharingFor } from '../../capacity/sharing';
import { refreshCapacity } from '../../capacity/state';
import type { AppContext, HandlerCtx } from '../../context';
import type { HandlersFor } from '../types';

const TOPICS = ['dispatch', 'settings', 'capacity'] as const;

function view(app: AppContext, now: number): DispatchView {
  const settings = getDispatchSettings(app.db);
  const sharing = sharingFor(app);
  const status = sharing?.status();
  const urls = status ? dispatchUrls(status) : [];
  const snap = sharing?.snapshot();
  const live = snap
    ? snap.json.body.toString('utf8')
    : JSON.stringify(readCapacityJson(app.db, now));
  return {
    enabled: settings.enabled,
    host: settings.host,
    port: settings.port,
    rateLimit: settings.rateLimit,
    token: settings.token,
    note: getCapacitySettings(app.db).note,
    running: status?.running ?? false,
    url: status?.url ?? null,
    urls,
    localOnly: status ? isLoopback(status.host) : isLoopback(settings.host),
    // Local only: the page still opens in a browser on this computer.
    statusPageUrls: (urls.length ? urls : status?.url ? [status.url] : []).map((u) =>
      new URL('/', u).toString(),
    ),
    error: status
      ? status.error
      : settings.enabled
        ? 'The capacity endpoint does not run in this process.'
        : null,
    overridden: status?.overridden ?? false,
    interfaces: [...new Set(['127.0.0.1', '0.0.0.0', ...networkAddresses()])],
    json: live === 'null' ? null : live,
  };
}

/** Saves dispatch settings, then makes the running listener match them. */
async function save(
  ctx: HandlerCtx,
  next: DispatchSettings,
  action: string,
  also: () => void = () => undefined,
): Promise<DispatchView> {
  ctx.write(
    TOPICS,
    { action, entity: 'settings', detail: { enabled: next.enabled, port: next.port } },
    () => {
      setDispatchSettings(ctx.app.db, next, ctx.now);
      also();
    },
  );
  await sharingFor(ctx.app)?.apply();
  return view(ctx.app, ctx.now);
}

/** 32 random bytes: long enough that guessing is hopeless, URL- and header-safe. */
const newToken = () => randomBytes(32).toString('base64url');

export const dispatchHandlers: HandlersFor<typeof dispatchContract> = {
  'dispatch.get': function dispatchGet(_input, ctx) {
    return view(ctx.app, ctx.now);
  },

  'dispatch.update': function dispatchUpdate(input, ctx) {
    const current = getDispatchSettings(ctx.app.db);
    const { note, ...listener } = input;
    return save(ctx, { ...current, ...listener }, 'dispatch.update', () => {
      setCapacitySettings(ctx.app.db, { ...getCapacitySettings(ctx.app.db), note }, ctx.now);
      refreshCapacity(ctx.app.db, ctx.now, { userId: ctx.user.id, reason: 'public note changed' });
    });
  },

  'dispatch.rotateToken': function dispatchRotateToken(_input, ctx) {
    return save(
      ctx,
      { ...getDispatchSettings(ctx.app.db), token: newToken() },
      'dispatch.rotateToken',
    );
  },

  'dispatch.clearToken': function dispatchClearToken(_input, ctx) {
    return save(ctx, { ...getDispatchSettings(ctx.app.db), token: null }, 'dispatch.clearToken');
  },
};
