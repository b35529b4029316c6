import { contract, isMethodName, type MethodName } from '../../core/contract';
import { ApiError, type Result } from '../../core/result';
import { codedLike, msg } from '../../core/messages';
import { isAllowed } from '../../core/roles';
import { parseOrThrow } from '../../core/validation';
import { createHandlerCtx, type AppContext, type Caller } from '../context';
import { databaseProblem } from '../integrity';
import { maintenanceReason } from '../maintenance';
import { handlers } from './handlers';
import type { Handler } from './types';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface DispatchLog {
  error(message: string, err: unknown): void;
}

/**
 * The one entry point for every transport (IPC, HTTP): method lookup, permission, input
 * validation, then the handler. Whatever goes wrong becomes `{ok:false}`; nothing is half-written
 * because every handler writes inside one transaction.
 */
export async function dispatch(
  app: AppContext,
  method: string,
  rawInput: unknown,
  caller: Caller,
  log: DispatchLog = { error: (m, e) => console.error(m, e) },
): Promise<Result<unknown>> {
  try {
    if (!isMethodName(method))
      throw new ApiError('not_found', msg('unknownMethod', { method: method.slice(0, 80) }));
    const busy = maintenanceReason(app);
    if (busy && method !== 'session.status')
      throw new ApiError(
        'unavailable',
        codedLike(busy, `${busy} Try again in a moment; nothing was saved.`),
      );
    // A damaged file (server/integrity): nothing more is read from or written to it.
    const damaged = databaseProblem(app);
    if (damaged && method !== 'session.status') throw new ApiError('unavailable', damaged);
    const def = contract[method];
    if (!isAllowed(def.access, caller.user?.role ?? null)) {
      throw caller.user
        ? new ApiError('forbidden', msg('roleNotAllowed'))
        : new ApiError('unauthenticated', msg('signInFirst'));
    }
    // Every input is an object; only a missing one means "no input". `null`, an array or a bare
    // value is refused here, so a method without input never runs on a body that meant nothing.
    if (rawInput !== undefined && !isPlainObject(rawInput))
      throw new ApiError('invalid_input', msg('bodyNotObject'));
    const input = parseOrThrow(def.input, rawInput ?? {});
    const handler = handlers[method] as Handler<MethodName>;
    const value = await handler(
      input as never,
      createHandlerCtx(app, caller, { readOnly: def.audit === 'read' }),
    );
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, error: err.toBody() };
    // A constraint the schema could not see (e.g. UNIQUE) is still the caller's problem.
    if (
      err instanceof Error &&
      'code' in err &&
      String((err as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT')
    ) {
      return {
        ok: false,
        error: {
          code: 'conflict',
          message: 'That change conflicts with existing data; nothing was saved.',
        },
      };
    }
    if (
      err instanceof Error &&
      'code' in err &&
      (err as { code: unknown }).code === 'SQLITE_BUSY'
    ) {
      return {
        ok: false,
        error: {
          code: 'unavailable',
          message: 'The database is busy; nothing was saved. Try again.',
        },
      };
    }
    const damaged = databaseProblem(app);
    if (damaged) return { ok: false, error: { code: 'unavailable', message: damaged } };
    log.error(`method ${method} failed`, err);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong; nothing was saved. The error was logged.',
      },
    };
  }
}
