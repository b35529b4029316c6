import { XMLParser } from 'fast-xml-parser';
import { MAX_NAME, MAX_NOTE } from '../../core/region/capacity-schema';
import type { RegionCapacity } from '../../core/region/types';
import { UNIT_KINDS, type CapacityStatus, type UnitKind } from '../../core/vocab';

/** Why a peer's XML was refused (shown per center on the board). */
export class FeedError extends Error {}

/**
 * Any DOCTYPE is refused before parsing: no DTD, no entity (billion laughs, external entities)
 * ever reaches a parser. HAVE documents never need one.
 */
function assertNoDoctype(xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    throw new FeedError('The feed has a DOCTYPE or entity declarations; refused.');
}

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  isArray: (name) => name === 'BedCapacity' || name === 'Hospital' || name === 'ContactNumber',
});

type Node = Record<string, unknown>;
const obj = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});
/** An element's text whether it was parsed as a string or as a node with attributes. */
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  const t = obj(v)['#text'];
  return typeof t === 'string' || typeof t === 'number' ? String(t).trim() : null;
};
const int = (v: unknown): number | null => {
  const t = text(v);
  if (t === null || !/^\d{1,7}$/.test(t)) return null;
  return Number(t);
};

/** Nearest v1 kind: Handoff names the kind in SubCategoryBedType; others by the HAVE type. */
function kindOf(bedType: string | null, sub: string | null): UnitKind {
  if (sub && (UNIT_KINDS as readonly string[]).includes(sub)) return sub as UnitKind;
  if (bedType === 'PediatricPsychiatric' || bedType === 'Pediatrics') return 'youth_bed';
  if (bedType === 'AdultPsychiatric') return 'bed';
  return 'other';
}

/**
 * Maps an EDXL-HAVE 1.0 HospitalStatus (its first Hospital) onto the capacity v1 fields
 * (README "Region"): name and id from OrganisationName, status from EMSTrafficStatus and
 * FacilityStatus / ClinicalStatus, one unit per BedCapacity, LastUpdateTime as updatedAt.
 */
export function haveToCapacity(xml: string, fetchedAt: number): RegionCapacity {
  assertNoDoctype(xml);
  let doc: Node;
  try {
    doc = obj(parser.parse(xml, true));
  } catch (err) {
    throw new FeedError(`Not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const hospitals = obj(doc.HospitalStatus).Hospital;
  const h = Array.isArray(hospitals) ? obj(hospitals[0]) : null;
  if (!h) throw new FeedError('Not an EDXL-HAVE HospitalStatus document (no Hospital).');
  const info = obj(obj(h.Organization).OrganizationInformation);
  const orgName = obj(info.OrganisationName);
  const name = text(orgName.NameElement) ?? text(info.OrganisationName);
  if (!name) throw new FeedError('The HAVE document names no organization.');
  const phones = obj(info.ContactNumbers).ContactNumber;
  const phone = Array.isArray(phones) ? text(obj(phones[0]).ContactNumberElement) : null;
  const traffic = obj(obj(h.EmergencyDepartmentStatus).EMSTraffic);
  const ems = text(traffic.EMSTrafficStatus);
  const facilityStatus = obj(h.HospitalFacilityStatus);
  const closed = text(facilityStatus.FacilityStatus) === 'Closed';
  const full = text(facilityStatus.ClinicalStatus) === 'Full';
  const units = ((obj(h.HospitalBedCapacityStatus).BedCapacity as unknown[] | undefined) ?? [])
    .slice(0, 100)
    .map((b, i) => {
      const bed = obj(b);
      const type = text(Array.isArray(bed.BedType) ? bed.BedType[0] : bed.BedType);
      const sub = text(
        Array.isArray(bed.SubCategoryBedType) ? bed.SubCategoryBedType[0] : bed.SubCategoryBedType,
      );
      const cap = obj(Array.isArray(bed.Capacity) ? bed.Capacity[0] : bed.Capacity);
      const vacant = (text(cap.CapacityStatus) ?? '').replace('/', '') === 'VacantAvailable';
      const available = int(cap.AvailableCount) ?? (vacant ? 1 : 0);
      const total = Math.max(int(cap.BaselineCount) ?? available, available);
      return {
        id: String(i + 1),
        name: (sub ?? type ?? 'Beds').slice(0, MAX_NAME),
        kind: kindOf(type, sub),
        total,
        available,
        occupied: total - available,
        reserved: 0,
        outOfService: 0,
      };
    });
  const sum = (k: 'total' | 'available' | 'occupied') => units.reduce((n, u) => n + u[k], 0);
  const available = sum('available');
  const status: CapacityStatus = closed
    ? 'closed'
    : ems === 'Closed'
      ? 'diverting'
      : full || (units.length > 0 && available === 0)
        ? 'full'
        : ems === 'Advisory'
          ? 'limited'
          : 'open';
  const updated = text(h.LastUpdateTime);
  if (!updated || Number.isNaN(Date.parse(updated)))
    throw new FeedError('The HAVE document has no valid LastUpdateTime.');
  const reason = text(traffic.EMSTrafficReason);
  return {
    facility: {
      id: (text(orgName['@_ID']) ?? name).slice(0, MAX_NAME),
      name: name.slice(0, MAX_NAME),
      timeZone: 'UTC',
      phone: phone ? phone.slice(0, 40) : null,
    },
    status,
    acceptingLawEnforcement: !closed && ems !== 'Closed',
    units,
    totals: {
      total: sum('total'),
      available,
      occupied: sum('occupied'),
      reserved: 0,
      outOfService: 0,
    },
    officersWaiting: 0,
    // HAVE does not say who may be brought: adults, and youth where youth beds are listed.
    accepts: {
      adults: true,
      youth: units.some((u) => u.kind === 'youth_bed'),
      involuntaryHolds: false,
      intoxicated: false,
      medicalClearanceRequired: false,
    },
    note: reason ? reason.slice(0, MAX_NOTE) : null,
    updatedAt: new Date(Date.parse(updated)).toISOString(),
    confirmedAt: null,
    stale: false,
    generatedAt: new Date(fetchedAt).toISOString(),
  };
}
