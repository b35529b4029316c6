import type { CapacityJson } from '../../core/capacity/json';

/** EDXL-HAVE 1.0 (OASIS Hospital AVailability Exchange). */
export const HAVE_NS = 'urn:oasis:names:tc:emergency:EDXL:HAVE:1.0';
const XPIL_NS = 'urn:oasis:names:tc:ciq:xpil:3';
const XNL_NS = 'urn:oasis:names:tc:ciq:xnl:3';

/**
 * HAVE's BedType is a closed list (OASIS EDXL-HAVE 1.0), with no type for 23-hour recliners or
 * withdrawal beds: each unit kind is reported under the nearest listed type, and the kind itself
 * (the v1 `kind` code) is named in SubCategoryBedType, which the schema leaves free (README).
 */
export const HAVE_BED_TYPES: Record<CapacityJson['units'][number]['kind'], string> = {
  bed: 'AdultPsychiatric',
  youth_bed: 'PediatricPsychiatric',
  chair: 'AdultPsychiatric',
  withdrawal_bed: 'AdultPsychiatric',
  other: 'AdultPsychiatric',
};

/** Every text and attribute value goes through here: &, <, >, quotes and invalid XML characters. */
export function xmlEscape(value: string): string {
  return (
    value
      // Characters XML 1.0 cannot carry at all are dropped rather than producing a broken document.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

const el = (name: string, text: string | number) =>
  `<have:${name}>${xmlEscape(String(text))}</have:${name}>`;

function emsTraffic(d: CapacityJson): string {
  const status = !d.acceptingLawEnforcement
    ? 'Closed'
    : d.status === 'open'
      ? 'Normal'
      : 'Advisory';
  const reason = d.note ? el('EMSTrafficReason', d.note) : '';
  return `<have:EmergencyDepartmentStatus><have:EMSTraffic>${el('EMSTrafficStatus', status)}${reason}</have:EMSTraffic></have:EmergencyDepartmentStatus>`;
}

function bedCapacity(d: CapacityJson): string {
  // One BedCapacity per unit kind (units of the same kind summed), so kinds that share a HAVE
  // type stay apart and a consumer reading only BedType still sees every place under it.
  const byKind = new Map<string, { available: number; total: number }>();
  for (const u of d.units) {
    const t = byKind.get(u.kind) ?? { available: 0, total: 0 };
    t.available += u.available;
    t.total += u.total;
    byKind.set(u.kind, t);
  }
  const items = [...byKind].map(
    ([kind, c]) =>
      `<have:BedCapacity>${el('BedType', HAVE_BED_TYPES[kind as keyof typeof HAVE_BED_TYPES])}${el(
        'SubCategoryBedType',
        kind,
      )}<have:Capacity>${el(
        'CapacityStatus',
        c.available > 0 ? 'Vacant/Available' : 'NotAvailable',
      )}${el('AvailableCount', c.available)}${el('BaselineCount', c.total)}</have:Capacity></have:BedCapacity>`,
  );
  // The schema wants at least one BedCapacity inside the element: no units, no element.
  return items.length
    ? `<have:HospitalBedCapacityStatus>${items.join('')}</have:HospitalBedCapacityStatus>`
    : '';
}

function facilityStatus(d: CapacityJson, activity: Activity24Hr): string {
  // ClinicalStatus is only Normal or Full; a closed center says so in FacilityStatus, and a
  // diversion in EMSTrafficStatus (Closed to police).
  const clinical = d.status === 'full' ? 'Full' : 'Normal';
  return `<have:HospitalFacilityStatus>${el('ClinicalStatus', clinical)}${el(
    'FacilityStatus',
    d.status === 'closed' ? 'Closed' : 'Normal',
  )}<have:Activity24Hr>${el('Admissions', activity.admissions)}${el('Discharges', activity.discharges)}</have:Activity24Hr></have:HospitalFacilityStatus>`;
}

/** Beds taken and left in the last 24 hours: facility-wide counts only. */
export interface Activity24Hr {
  admissions: number;
  discharges: number;
}

function organization(d: CapacityJson): string {
  const phone = d.facility.phone
    ? `<xpil:ContactNumbers><xpil:ContactNumber xpil:CommunicationMediaType="Telephone" xpil:Usage="Business"><xpil:ContactNumberElement>${xmlEscape(d.facility.phone)}</xpil:ContactNumberElement></xpil:ContactNumber></xpil:ContactNumbers>`
    : '';
  return `<have:Organization><have:OrganizationInformation><xnl:OrganisationName xnl:ID="${xmlEscape(
    d.facility.id,
  )}"><xnl:NameElement>${xmlEscape(d.facility.name)}</xnl:NameElement></xnl:OrganisationName>${phone}</have:OrganizationInformation></have:Organization>`;
}

/** The same facts as the JSON, as an EDXL-HAVE 1.0 HospitalStatus document. */
export function buildHaveXml(d: CapacityJson, activity: Activity24Hr): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<have:HospitalStatus xmlns:have="${HAVE_NS}" xmlns:xpil="${XPIL_NS}" xmlns:xnl="${XNL_NS}">` +
    `<have:Hospital>${organization(d)}${emsTraffic(d)}${bedCapacity(d)}${facilityStatus(d, activity)}${el(
      'LastUpdateTime',
      d.updatedAt,
    )}</have:Hospital></have:HospitalStatus>\n`
  );
}
