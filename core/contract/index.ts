import type { z } from 'zod';
import { authContract } from './auth';
import { bedsContract } from './beds';
import { dispatchContract } from './dispatch';
import { interchangeContract } from './interchange';
import type { ContractShape, MethodDef } from './define';
import { encountersContract } from './encounters';
import { securityContract } from './security';
import { censusContract } from './census';
import { censusConfirmationContract } from './census-confirmation';
import { followUpsContract } from './follow-ups';
import { webhooksContract } from './webhooks';
import { regionContract } from './region';
import { protectionContract } from './protection';

/**
 * The one API contract. Preload, IPC registration, HTTP routing and the renderer client are
 * all derived from this object, so a method cannot exist in one place and be missing in another.
 * Each capability adds its own map here.
 */
export const contract = {
  ...authContract,
  ...encountersContract,
  ...bedsContract,
  ...dispatchContract,
  ...interchangeContract,
  ...securityContract,
  ...censusContract,
  ...censusConfirmationContract,
  ...followUpsContract,
  ...webhooksContract,
  ...regionContract,
  ...protectionContract,
} as const satisfies ContractShape;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<K extends MethodName> = z.input<Contract[K]['input']>;
export type MethodParsed<K extends MethodName> = z.output<Contract[K]['input']>;
export type MethodOutput<K extends MethodName> =
  Contract[K] extends MethodDef<z.ZodType, infer O> ? O : never;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type { MethodDef } from './define';
