import type { CapacityJson } from '../../core/capacity/json';

/** EDXL-HAVE 1.0 (OASIS Hospital AVailability Exchange). */
export const HAVE_NS = 'urn:oasis:names:tc:emergency:EDXL:HAVE:1.0';
const XPIL_NS = 'urn:oasis:names:tc:ciq:xpil:3';
const XNL_NS = 'urn:oasis:names:tc:ciq:xnl:3';

/**
 * HAVE bed types. Beds and youth beds map to the standard psychiatric types; HAVE has no type
 * for 23-hour recliners or withdrawal beds, so those use documented local codes (README).
 */
export const HAVE_BED_TYPES: Record<CapacityJson['units'][number]['kind'], string> = {
  bed: 'AdultPsychiatric',
  youth_bed: 'PediatricPsychiatric',
  chair: 'CrisisObservationChair',
  withdrawal_bed: 'WithdrawalManagement',
  other: 'Other',
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
  // One BedCapacity per HAVE bed type: units of the same kind are summed.
  const byType = new Map<string, { available: number; total: number }>();
  for (const u of d.units) {
    const type = HAVE_BED_TYPES[u.kind];
    const t = byType.get(type) ?? { available: 0, total: 0 };
    t.available += u.available;
    t.total += u.total;
    byType.set(type, t);
  }
  const items = [...byType].map(
    ([type, c]) =>
      `<have:BedCapacity>${el('BedType', type)}<have:Capacity>${el(
        'CapacityStatus',
        c.available > 0 ? 'VacantAvailable' : 'NotAvailable',
      )}${el('AvailableCount', c.available)}${el('BaselineCount', c.total)}</have:Capacity></have:BedCapacity>`,
  );
  return `<have:HospitalBedCapacityStatus>${items.join('')}</have:HospitalBedCapacityStatus>`;
}

function facilityStatus(d: CapacityJson, activity: Activity24Hr): string {
  const clinical =
    d.status === 'closed' || d.status === 'diverting'
      ? 'Closed'
      : d.status === 'full'
        ? 'Full'
        : 'Normal';
  return `<have:HospitalFacilityStatus>${el('FacilityStatus', d.status === 'closed' ? 'Closed' : 'Normal')}${el(
    'ClinicalStatus',
    clinical,
  )}<have:Activity24Hr>${el('Admissions', activity.admissions)}${el('Discharges', activity.discharges)}</have:Activity24Hr></have:HospitalFacilityStatus>`;
}

/** Beds taken and left in the last 24 hours: facility-wide counts only. */
export interface Activity24Hr {
  admissions: number;
  discharges: number;
}

function organization(d: CapacityJson): string {
  const phone = d.facility.phone
    ? `<xpil:ContactNumbers><xpil:ContactNumber xpil:MediaType="Telephone" xpil:ContactNature="Business"><xpil:ContactNumberElement>${xmlEscape(d.facility.phone)}</xpil:ContactNumberElement></xpil:ContactNumber></xpil:ContactNumbers>`
    : '';
  return `<have:Organization><have:OrganizationInformation><xpil:OrganisationName><xnl:NameElement>${xmlEscape(
    d.facility.name,
  )}</xnl:NameElement></xpil:OrganisationName>${phone}</have:OrganizationInformation></have:Organization>`;
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
