import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUiServer, type RunningServer } from '../../server/http/ui-server';
import { setUpBackend, tempDir, type TestBackend } from '../helpers/backend';
import { postApi } from '../helpers/ui-server';

let t: TestBackend;
let server: RunningServer;

async function signIn(username: string, password: string) {
  const res = await postApi(server.url, '/api/call/auth.signIn', { username, password });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return async (method: string, input: unknown) => {
    const r = await postApi(server.url, `/api/call/${method}`, input, { cookie });
    return (await r.json()) as { ok: boolean; error?: { code: string; message: string } };
  };
}

function addEncounter(): number {
  const now = t.clock.now();
  return Number(
    t.db
      .prepare(
        `INSERT INTO encounters (reference, status, referral_source, arrived_at, created_at, updated_at)
         VALUES (?, 'arrived', 'law_enforcement', ?, ?, ?)`,
      )
      .run(`R-${Math.random()}`, now, now, now).lastInsertRowid,
  );
}

beforeAll(async () => {
  const s = await setUpBackend();
  t = s.t;
  await t.must(
    'users.create',
    {
      displayName: 'Second Desk',
      username: 'desk2',
      role: 'intake',
      password: 'second desk password',
    },
    s.admin,
  );
  server = await startUiServer(t, { rendererDir: tempDir(), host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await server.close();
  t.cleanup();
});

describe('two desks, one bed', () => {
  it('exactly one of two simultaneous assignments wins; the other is told and nothing is half-done', async () => {
    const desk1 = await signIn('ida', 'intake password 1');
    const desk2 = await signIn('desk2', 'second desk password');
    const unit = await desk1('units.create', {}); // intake may not configure
    expect(unit).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const mgr = await signIn('max', 'manager password 1');
    const created = (await mgr('units.create', {
      name: 'Recliners',
      kind: 'chair',
    })) as unknown as {
      value: { id: number };
    };
    const beds = (await mgr('beds.bulkCreate', {
      unitId: created.value.id,
      prefix: 'C',
      from: 1,
      to: 10,
    })) as unknown as {
      value: { beds: { id: number; label: string }[] };
    };
    for (const bed of beds.value.beds) {
      const a = addEncounter();
      const b = addEncounter();
      const [r1, r2] = await Promise.all([
        desk1('beds.assign', { bedId: bed.id, encounterId: a }),
        desk2('beds.assign', { bedId: bed.id, encounterId: b }),
      ]);
      const results = [r1, r2];
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const loser = results.find((r) => !r.ok)!;
      expect(loser.error).toMatchObject({
        code: 'conflict',
        message: `Bed ${bed.label} was just taken`,
      });
      const winner = r1.ok ? a : b;
      const row = t.db.prepare('SELECT status, encounter_id FROM beds WHERE id = ?').get(bed.id);
      expect(row).toEqual({ status: 'occupied', encounter_id: winner });
      // The loser's encounter holds no bed; one history row per bed for the occupation.
      const loserId = r1.ok ? b : a;
      expect(t.db.prepare('SELECT bed_id FROM encounters WHERE id = ?').get(loserId)).toEqual({
        bed_id: null,
      });
      expect(
        t.db
          .prepare("SELECT count(*) n FROM bed_history WHERE bed_id = ? AND to_status = 'occupied'")
          .get(bed.id),
      ).toEqual({ n: 1 });
    }
  });
});
