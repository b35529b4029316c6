import type { MethodName, MethodOutput, MethodParsed } from '../../core/contract';
import type { HandlerCtx } from '../context';

export type Handler<K extends MethodName> = (
  input: MethodParsed<K>,
  ctx: HandlerCtx,
) => MethodOutput<K> | Promise<MethodOutput<K>>;

/** A capability's handlers: exactly the methods of its slice of the contract. */
export type HandlersFor<C> = { [K in keyof C & MethodName]: Handler<K> };

/** The methods of a contract slice whose names start with `prefix` (one capability of several). */
export type HandlersWithPrefix<C, P extends string> = {
  [K in keyof C & MethodName & `${P}${string}`]: Handler<K>;
};

/** A handler's parsed input, for handlers written as named functions. */
export type In<K extends MethodName> = MethodParsed<K>;
export type Out<K extends MethodName> = MethodOutput<K>;
