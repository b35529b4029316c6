import type { encountersContract } from '../../../core/contract/encounters';
import { getTurnaroundTarget, setTurnaroundTarget } from '../../../db/encounters';
import type { HandlerCtx } from '../../context';
import { write } from '../../encounters/writes';
import type { HandlersWithPrefix, In, Out } from '../types';

/** The officer-turnaround target (minutes from walking in to release) the boards measure by. */

function turnaroundSettings(
  _input: In<'turnaround.settings'>,
  ctx: HandlerCtx,
): Out<'turnaround.settings'> {
  return { targetMinutes: getTurnaroundTarget(ctx.app.db) };
}

function updateTurnaroundSettings(
  input: In<'turnaround.updateSettings'>,
  ctx: HandlerCtx,
): Out<'turnaround.updateSettings'> {
  return write(
    ctx,
    ['encounters', 'settings'],
    {
      action: 'turnaround.updateSettings',
      entity: 'settings',
      detail: { targetMinutes: input.targetMinutes },
    },
    () => {
      setTurnaroundTarget(ctx.app.db, input.targetMinutes, ctx.now);
      return { targetMinutes: input.targetMinutes };
    },
  );
}

export const turnaroundHandlers: HandlersWithPrefix<typeof encountersContract, 'turnaround.'> = {
  'turnaround.settings': turnaroundSettings,
  'turnaround.updateSettings': updateTurnaroundSettings,
};
