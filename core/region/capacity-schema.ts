import { z } from 'zod';
import { CAPACITY_STATUSES, UNIT_KINDS } from '../vocab';
import { acceptsSchema } from '../schemas/beds';
import type { RegionCapacity } from './types';

/** Strings from a peer are cut to these lengths (names, notes), never trusted to be short. */
export const MAX_NAME = 120;
export const MAX_NOTE = 500;
const MAX_UNITS = 100;

const capped = (max: number) => z.string().transform((s) => s.slice(0, max));
const count = z.number().int().min(0).max(1_000_000);
const isoTime = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)));

/**
 * A peer's capacity v1 JSON: exactly the v1 fields are kept (zod drops the rest), strings are
 * capped. A feed of another shape fails with the first thing that is wrong.
 */
export const peerCapacitySchema = z.object({
  facility: z.object({
    id: capped(MAX_NAME),
    name: capped(MAX_NAME),
    timeZone: capped(64),
    phone: capped(40).nullable(),
  }),
  status: z.enum(CAPACITY_STATUSES),
  acceptingLawEnforcement: z.boolean(),
  units: z
    .array(
      z.object({
        id: capped(40),
        name: capped(MAX_NAME),
        kind: z.enum(UNIT_KINDS),
        total: count,
        available: count,
        occupied: count,
        reserved: count,
        outOfService: count,
      }),
    )
    .max(MAX_UNITS),
  totals: z.object({
    total: count,
    available: count,
    occupied: count,
    reserved: count,
    outOfService: count,
  }),
  officersWaiting: count,
  accepts: acceptsSchema,
  note: capped(MAX_NOTE).nullable(),
  updatedAt: isoTime,
  // v1 additions: a Handoff older than these does not send them.
  confirmedAt: isoTime.nullable().optional().default(null),
  stale: z.boolean().optional().default(false),
  generatedAt: isoTime,
});

export type PeerCapacity = z.output<typeof peerCapacitySchema>;
// The schema's output is the region's capacity object (a compile-time check).
export const asRegionCapacity = (c: PeerCapacity): RegionCapacity => c;
