import type { z } from 'zod';
import type { Access } from '../roles';

/**
 * One API method: input schema, allowed roles, and (as a phantom type) its output.
 * `audit` names what the call means for the audit trail; the dispatcher records it.
 */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly access: Access;
  /** Reads a person's record or changes data: the dispatcher writes an audit row. */
  readonly audit?: 'read' | 'write';
  readonly __output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(def: {
    input: I;
    access: Access;
    audit?: 'read' | 'write';
  }): MethodDef<I, O> =>
    def;

export type ContractShape = Record<string, MethodDef>;
