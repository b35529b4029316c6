import type { MethodName, MethodOutput, MethodParsed } from '../../core/contract';
import type { HandlerCtx } from '../context';

export type Handler<K extends MethodName> = (
  input: MethodParsed<K>,
  ctx: HandlerCtx,
) => MethodOutput<K> | Promise<MethodOutput<K>>;

/** A capability's handlers: exactly the methods of its slice of the contract. */
export type HandlersFor<C> = { [K in keyof C & MethodName]: Handler<K> };
