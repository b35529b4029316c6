import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { notifyChange } from '../../server/context';
import { haveSchemaErrors } from '../helpers/have-schema';
import { SECRET_STRINGS } from '../helpers/capacity';
import { NASTY_NAME, useCapacityEndpoint } from '../helpers/capacity-endpoint';

const c = useCapacityEndpoint();
const { get } = c;

describe('GET /api/v1/capacity', () => {
  it('answers exactly the v1 contract', async () => {
    const res = await get('/api/v1/capacity');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const body = JSON.parse(res.body);
    expect(Object.keys(body)).toEqual([
      'facility',
      'status',
      'acceptingLawEnforcement',
      'units',
      'totals',
      'officersWaiting',
      'accepts',
      'note',
      'updatedAt',
      'confirmedAt',
      'stale',
      'generatedAt',
    ]);
    // Nothing confirmed yet: stale by definition (window 8 h by default).
    expect(body.confirmedAt).toBeNull();
    expect(body.stale).toBe(true);
    expect(body.facility).toEqual({
      id: expect.any(String),
      name: NASTY_NAME,
      timeZone: 'America/Phoenix',
      phone: '(520) 555-0199',
    });
    expect(body.units).toEqual([
      {
        id: expect.any(String),
        name: 'Recliners',
        kind: 'chair',
        total: 4,
        available: 3,
        occupied: 1,
        reserved: 0,
        outOfService: 0,
      },
      {
        id: expect.any(String),
        name: 'Adult beds',
        kind: 'bed',
        total: 3,
        available: 1,
        occupied: 1,
        reserved: 0,
        outOfService: 0,
      },
      {
        id: expect.any(String),
        name: 'Youth',
        kind: 'youth_bed',
        total: 2,
        available: 2,
        occupied: 0,
        reserved: 0,
        outOfService: 0,
      },
    ]);
    expect(body.totals).toEqual({
      total: 9,
      available: 6,
      occupied: 2,
      reserved: 0,
      outOfService: 0,
    });
    expect(body).toMatchObject({
      status: 'open',
      acceptingLawEnforcement: true,
      officersWaiting: 1,
      accepts: {
        adults: true,
        youth: true,
        involuntaryHolds: true,
        intoxicated: true,
        medicalClearanceRequired: false,
      },
      note: null,
    });
    expect(new Date(body.updatedAt).toISOString()).toBe(body.updatedAt);
    expect(new Date(body.generatedAt).toISOString()).toBe(body.generatedAt);
  });

  it('says diverting with the reason as the note, and refuses police', async () => {
    await c.t.must(
      'capacity.setManualStatus',
      { status: 'diverting', reason: 'Generator test' },
      c.manager,
    );
    const body = JSON.parse((await get('/api/v1/capacity')).body);
    expect(body).toMatchObject({
      status: 'diverting',
      acceptingLawEnforcement: false,
      note: 'Generator test',
    });
  });

  it('ETag: 304 on If-None-Match; changes when a bed changes and not otherwise', async () => {
    const first = await get('/api/v1/capacity');
    const etag = first.headers.etag!;
    const again = await get('/api/v1/capacity', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/v1/capacity', { 'if-none-match': `"x", W/${etag}` })).status).toBe(304);

    // Unrelated writes and reads: same bytes, same tag.
    await c.t.must(
      'users.create',
      {
        displayName: 'New Person',
        username: 'newp',
        role: 'intake',
        password: 'a long password 1',
      },
      c.admin,
    );
    await c.t.must('beds.board', {}, c.intake);
    c.t.clock.advance(60_000);
    c.rig.monitor.rebuild();
    const unchanged = await get('/api/v1/capacity');
    expect(unchanged.headers.etag).toBe(etag);
    expect(unchanged.body).toBe(first.body);

    await c.t.must('beds.setStatus', { bedId: c.bedIds[1]!, status: 'cleaning' }, c.intake);
    const changed = await get('/api/v1/capacity', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(JSON.parse(changed.body).units[0].available).toBe(2);
  });
});

describe('EDXL-HAVE 1.0', () => {
  it('is well-formed XML with the HAVE elements, and escapes every text', async () => {
    const res = await get('/api/v1/capacity.xml');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers.etag).toBeTruthy();
    expect(res.body).toContain('Tom &amp; Jerry&apos;s &lt;Crisis&gt; &quot;Center&quot; &gt;');
    const doc = new XMLParser({
      ignoreAttributes: false,
      removeNSPrefix: true,
      isArray: (n) => n === 'BedCapacity',
    }).parse(res.body);
    expect(XMLValidator.validate(res.body)).toBe(true);
    const raw = new XMLParser({ ignoreAttributes: false }).parse(res.body);
    expect(raw['have:HospitalStatus']['@_xmlns:have']).toBe(
      'urn:oasis:names:tc:emergency:EDXL:HAVE:1.0',
    );
    const h = doc.HospitalStatus.Hospital;
    expect(String(h.Organization.OrganizationInformation.OrganisationName.NameElement)).toBe(
      NASTY_NAME,
    );
    expect(h.EmergencyDepartmentStatus.EMSTraffic.EMSTrafficStatus).toBe('Normal');
    expect(h.HospitalBedCapacityStatus.BedCapacity).toEqual([
      {
        BedType: 'AdultPsychiatric',
        SubCategoryBedType: 'chair',
        Capacity: { CapacityStatus: 'Vacant/Available', AvailableCount: 3, BaselineCount: 4 },
      },
      {
        BedType: 'AdultPsychiatric',
        SubCategoryBedType: 'bed',
        Capacity: { CapacityStatus: 'Vacant/Available', AvailableCount: 1, BaselineCount: 3 },
      },
      {
        BedType: 'PediatricPsychiatric',
        SubCategoryBedType: 'youth_bed',
        Capacity: { CapacityStatus: 'Vacant/Available', AvailableCount: 2, BaselineCount: 2 },
      },
    ]);
    expect(await haveSchemaErrors(res.body)).toEqual([]);
    expect(h.HospitalFacilityStatus.Activity24Hr).toEqual({ Admissions: 2, Discharges: 0 });
    expect(h.LastUpdateTime).toBe(JSON.parse((await get('/api/v1/capacity')).body).updatedAt);
  });

  it('marks closed traffic when diverting', async () => {
    await c.t.must(
      'capacity.setManualStatus',
      { status: 'closed', reason: 'Fire <drill> & evacuation' },
      c.manager,
    );
    const res = await get('/api/v1/capacity.xml');
    const doc = new XMLParser({ removeNSPrefix: true }).parse(res.body);
    expect(doc.HospitalStatus.Hospital.EmergencyDepartmentStatus.EMSTraffic).toEqual({
      EMSTrafficStatus: 'Closed',
      EMSTrafficReason: 'Fire <drill> & evacuation',
    });
    expect(doc.HospitalStatus.Hospital.HospitalFacilityStatus.FacilityStatus).toBe('Closed');
    expect(await haveSchemaErrors(res.body)).toEqual([]);
  });
});

describe('no person data, ever', () => {
  it('JSON, XML and the status page carry no names, birth dates, agencies, officers, legal status or arrival times', async () => {
    const arrivals = (
      c.t.db.prepare("SELECT arrived_at FROM encounters WHERE reference LIKE 'SECRET-%'").all() as {
        arrived_at: number;
      }[]
    ).map((r) => new Date(r.arrived_at).toISOString());
    for (const path of ['/api/v1/capacity', '/api/v1/capacity.xml', '/']) {
      const body = (await get(path)).body;
      for (const secret of [...SECRET_STRINGS, ...arrivals])
        expect(body, `${path} leaks ${secret}`).not.toContain(secret);
    }
    const settingsView = await c.t.must('dispatch.get', {}, c.manager);
    for (const secret of SECRET_STRINGS) expect(settingsView.json).not.toContain(secret);
  });
});

describe('officers waiting', () => {
  it('follows arrivals and releases even when the writer only says "encounters"', async () => {
    const before = JSON.parse((await get('/api/v1/capacity')).body).officersWaiting;
    const now = c.t.clock.now();
    c.t.db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, arrived_at, created_at, updated_at)
         VALUES ('W-1', 'arrived', 'co_responder', ?, ?, ?)`,
      )
      .run(now, now, now);
    notifyChange(c.t, ['encounters']);
    expect(JSON.parse((await get('/api/v1/capacity')).body).officersWaiting).toBe(before + 1);
    c.t.db
      .prepare("UPDATE encounters SET officer_released_at = ? WHERE reference = 'W-1'")
      .run(now);
    notifyChange(c.t, ['encounters']);
    expect(JSON.parse((await get('/api/v1/capacity')).body).officersWaiting).toBe(before);
  });
});
