import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildHaveXml } from '../../server/capacity/edxl';
import type { CapacityJson } from '../../server/capacity/snapshot';
import { haveSchemaErrors } from '../helpers/have-schema';

type Unit = CapacityJson['units'][number];
const unit = (id: string, kind: Unit['kind'], total: number, available: number): Unit => ({
  id,
  name: `Unit ${id}`,
  kind,
  total,
  available,
  occupied: total - available,
  reserved: 0,
  outOfService: 0,
});
const ALL_KINDS: Unit[] = [
  unit('1', 'chair', 8, 3),
  unit('2', 'bed', 4, 1),
  unit('3', 'youth_bed', 2, 0),
  unit('4', 'withdrawal_bed', 3, 2),
  unit('5', 'other', 1, 1),
];

function capacity(over: Partial<CapacityJson>): CapacityJson {
  const units = over.units ?? ALL_KINDS;
  const sum = (k: 'total' | 'available' | 'occupied' | 'reserved' | 'outOfService') =>
    units.reduce((n, u) => n + u[k], 0);
  return {
    facility: {
      id: 'fac-1234',
      name: `Tom & Jerry's <Crisis> "Center"`,
      timeZone: 'America/Phoenix',
      phone: '(520) 555-0199',
    },
    status: 'open',
    acceptingLawEnforcement: true,
    units,
    totals: {
      total: sum('total'),
      available: sum('available'),
      occupied: sum('occupied'),
      reserved: sum('reserved'),
      outOfService: sum('outOfService'),
    },
    officersWaiting: 1,
    accepts: {
      adults: true,
      youth: true,
      involuntaryHolds: true,
      intoxicated: false,
      medicalClearanceRequired: false,
    },
    note: null,
    updatedAt: '2026-03-01T10:00:00.000Z',
    confirmedAt: '2026-03-01T09:00:00.000Z',
    stale: false,
    generatedAt: '2026-03-01T10:05:00.000Z',
    ...over,
  };
}

const STATES: Record<string, CapacityJson> = {
  open: capacity({}),
  limited: capacity({ status: 'limited', note: 'Two recliners left' }),
  full: capacity({
    status: 'full',
    acceptingLawEnforcement: false,
    units: ALL_KINDS.map((u) => ({ ...u, available: 0, occupied: u.total })),
  }),
  diverting: capacity({
    status: 'diverting',
    acceptingLawEnforcement: false,
    note: 'Water leak <ward B> & flooding',
  }),
  closed: capacity({ status: 'closed', acceptingLawEnforcement: false }),
  'no units': capacity({ units: [], facility: { ...capacity({}).facility, phone: null } }),
  'a unit with no beds': capacity({ units: [unit('9', 'bed', 0, 0)] }),
};

const activity = { admissions: 4, discharges: 2 };

describe('EDXL-HAVE 1.0: valid against the OASIS schema (with its CIQ imports)', () => {
  for (const [state, data] of Object.entries(STATES))
    it(`${state}: no schema error`, async () => {
      expect(await haveSchemaErrors(buildHaveXml(data, activity))).toEqual([]);
    });

  it('the validator does reject what the schema forbids', async () => {
    const xml = buildHaveXml(STATES.open!, activity);
    const broken = xml.replace('<have:ClinicalStatus>Normal', '<have:ClinicalStatus>Closed');
    expect((await haveSchemaErrors(broken)).join('\n')).toMatch(/ClinicalStatus/);
  });

  it('names the facility and its id where HAVE consumers read them, and each kind under a listed bed type', () => {
    const doc = new XMLParser({ ignoreAttributes: false, removeNSPrefix: true }).parse(
      buildHaveXml(STATES.open!, activity),
    );
    const info = doc.HospitalStatus.Hospital.Organization.OrganizationInformation;
    expect(info.OrganisationName['@_ID']).toBe('fac-1234');
    expect(info.OrganisationName.NameElement).toBe(`Tom & Jerry's <Crisis> "Center"`);
    expect(info.ContactNumbers.ContactNumber['@_CommunicationMediaType']).toBe('Telephone');
    expect(info.ContactNumbers.ContactNumber['@_Usage']).toBe('Business');
    const beds = doc.HospitalStatus.Hospital.HospitalBedCapacityStatus.BedCapacity as {
      BedType: string;
      SubCategoryBedType: string;
      Capacity: { CapacityStatus: string; AvailableCount: number; BaselineCount: number };
    }[];
    expect(
      beds.map((b) => [
        b.BedType,
        b.SubCategoryBedType,
        b.Capacity.CapacityStatus,
        b.Capacity.AvailableCount,
        b.Capacity.BaselineCount,
      ]),
    ).toEqual([
      ['AdultPsychiatric', 'chair', 'Vacant/Available', 3, 8],
      ['AdultPsychiatric', 'bed', 'Vacant/Available', 1, 4],
      ['PediatricPsychiatric', 'youth_bed', 'NotAvailable', 0, 2],
      ['AdultPsychiatric', 'withdrawal_bed', 'Vacant/Available', 2, 3],
      ['AdultPsychiatric', 'other', 'Vacant/Available', 1, 1],
    ]);
  });
});
