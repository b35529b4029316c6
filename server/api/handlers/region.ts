import type { regionContract } from '../../../core/contract/region';
import type { MethodParsed } from '../../../core/contract';
import { msg } from '../../../core/messages';
import type { RegionSettingsView, RegionView } from '../../../core/region/types';
import { ApiError } from '../../../core/result';
import {
  deleteRegionPeer,
  getRegionInterval,
  insertRegionPeer,
  listRegionPeers,
  regionPeerUrlTaken,
  setRegionInterval,
} from '../../../db/region';
import { sharingFor } from '../../capacity/sharing';
import { isOwnFeed } from '../../region/poller';
import type { HandlerCtx } from '../../context';
import type { HandlersFor } from '../types';

const TOPICS = ['region'] as const;

function settingsView(ctx: HandlerCtx): RegionSettingsView {
  return {
    intervalSeconds: getRegionInterval(ctx.app.db),
    peers: listRegionPeers(ctx.app.db).map((p) => ({
      id: p.id,
      url: p.url,
      name: p.name,
      hasToken: p.token !== null,
    })),
  };
}

function getRegion(_input: MethodParsed<'region.get'>, ctx: HandlerCtx): RegionView {
  const poller = sharingFor(ctx.app)?.region;
  if (!poller) return { version: 1, generatedAt: new Date(ctx.now).toISOString(), centers: [] };
  return poller.view();
}

function regionSettings(_input: MethodParsed<'region.settings'>, ctx: HandlerCtx) {
  return settingsView(ctx);
}

function addRegionPeer(input: MethodParsed<'region.addPeer'>, ctx: HandlerCtx) {
  const sharing = sharingFor(ctx.app);
  const ownPort = sharing?.status().running ? sharing.status().port : null;
  const listening = sharing?.status().url ? Number(new URL(sharing.status().url!).port) : ownPort;
  if (isOwnFeed(input.url, listening ?? null))
    throw new ApiError('invalid_input', msg('regionOwnFeed'), { url: msg('regionOwnFeed') });
  if (regionPeerUrlTaken(ctx.app.db, input.url))
    throw new ApiError('conflict', msg('regionUrlTaken'), { url: msg('regionUrlTaken') });
  ctx.write(
    TOPICS,
    (id: number) => ({ action: 'region.addPeer', entity: 'region_peer', entityId: id }),
    () => insertRegionPeer(ctx.app.db, input, ctx.now),
  );
  sharing?.region.reload();
  return settingsView(ctx);
}

function removeRegionPeer(input: MethodParsed<'region.removePeer'>, ctx: HandlerCtx) {
  const removed = ctx.write(
    TOPICS,
    { action: 'region.removePeer', entity: 'region_peer', entityId: input.id },
    () => deleteRegionPeer(ctx.app.db, input.id),
  );
  if (!removed) throw new ApiError('not_found', msg('regionPeerNotFound', { id: input.id }));
  sharingFor(ctx.app)?.region.reload();
  return settingsView(ctx);
}

function setRegionPollInterval(input: MethodParsed<'region.setInterval'>, ctx: HandlerCtx) {
  ctx.write(TOPICS, { action: 'region.setInterval', entity: 'settings' }, () =>
    setRegionInterval(ctx.app.db, input.intervalSeconds, ctx.now),
  );
  sharingFor(ctx.app)?.region.reload();
  return settingsView(ctx);
}

export const regionHandlers: HandlersFor<typeof regionContract> = {
  'region.get': getRegion,
  'region.settings': regionSettings,
  'region.addPeer': addRegionPeer,
  'region.removePeer': removeRegionPeer,
  'region.setInterval': setRegionPollInterval,
};
