import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../core/contract';
import type { Result } from '../../core/result';
import { dispatch } from '../../server/api/dispatch';
import { openBackend, type Backend } from '../../server/app';
import { AdjustableClock } from './adjustable-clock';
import type { Caller } from '../../server/context';
import { findUserById, type UserRow } from '../../db/users';
import { defaultKeyFile } from '../../server/keys/key-file';

export function tempDir(prefix = 'handoff-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestBackend extends Backend {
  clock: AdjustableClock;
  /** Calls a method the way a transport would, as the given user (or signed out). */
  call<K extends MethodName>(
    method: K,
    input: MethodInput<K>,
    as?: UserRow | null,
  ): Promise<Result<MethodOutput<K>>>;
  /** Same as call, but for deliberately malformed input. */
  callRaw(method: string, input: unknown, as?: UserRow | null): Promise<Result<unknown>>;
  /** Calls and throws on `{ok:false}`: for arranging a test. */
  must<K extends MethodName>(
    method: K,
    input: MethodInput<K>,
    as?: UserRow | null,
  ): Promise<MethodOutput<K>>;
  user(id: number): UserRow;
  cleanup(): void;
}

export function testBackend(dataDir = tempDir()): TestBackend {
  const clock = new AdjustableClock();
  const backend = openBackend({ dataDir, clock });
  const caller = (as: UserRow | null | undefined): Caller => ({
    user: as ?? null,
    address: 'test',
    startSession: () => undefined,
    endSession: () => undefined,
  });
  const silent = { error: () => undefined };
  const t: TestBackend = Object.assign(backend, {
    clock,
    call: <K extends MethodName>(method: K, input: MethodInput<K>, as?: UserRow | null) =>
      dispatch(backend, method, input, caller(as), silent) as Promise<Result<MethodOutput<K>>>,
    callRaw: (method: string, input: unknown, as?: UserRow | null) =>
      dispatch(backend, method, input, caller(as), silent),
    async must<K extends MethodName>(method: K, input: MethodInput<K>, as?: UserRow | null) {
      const r = (await dispatch(backend, method, input, caller(as), silent)) as Result<
        MethodOutput<K>
      >;
      if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
      return r.value;
    },
    user: (id: number) => findUserById(backend.db, id)!,
    cleanup() {
      backend.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(defaultKeyFile(dataDir), { force: true });
    },
  });
  return t;
}

/** A backend after first-run setup with one user of each staff role. */
export async function setUpBackend(dataDir?: string) {
  const t = testBackend(dataDir);
  const s = await t.must('setup.create', {
    facility: { name: 'Test Crisis Center', timeZone: 'America/Phoenix' },
    admin: { displayName: 'Ada Admin', username: 'ada', password: 'correct horse battery' },
  });
  const admin = t.user(s.user!.id);
  const staff = async (displayName: string, username: string, role: 'manager' | 'intake') =>
    t.user(
      (
        await t.must(
          'users.create',
          { displayName, username, role, password: `${role} password 1` },
          admin,
        )
      ).id,
    );
  const manager = await staff('Max Manager', 'max', 'manager');
  const intake = await staff('Ida Intake', 'ida', 'intake');
  return { t, admin, manager, intake };
}

/** A unit of recliner chairs C1..C`count`, created by `as` (a manager or the administrator). */
export async function addRecliners(t: TestBackend, as: UserRow, count = 3): Promise<void> {
  const unit = await t.must('units.create', { name: 'Recliners', kind: 'chair' }, as);
  await t.must('beds.bulkCreate', { unitId: unit.id, prefix: 'C', from: 1, to: count }, as);
}
