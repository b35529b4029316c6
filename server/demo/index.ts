import { createFacility } from '../../db/facility';
import { insertUser, type UserRow } from '../../db/users';
import { appendAudit } from '../../db/audit';
import { hashPassword } from '../auth/passwords';
import { notifyChange, type AppContext } from '../context';
import { newFacilityPublicId } from '../facility-id';
import { demoBeds } from '../beds/demo';
import { insertCensusConfirmation } from '../../db/census-confirmations';
import { demoEncounters } from '../encounters/demo';
import { demoFollowUps } from './follow-ups';
import type { DemoStep } from './step';

export type { DemoStep } from './step';

/** Demo sign-ins (documented in the README); demo data is for training, never for real people. */
export const DEMO_USERS = [
  { username: 'admin', displayName: 'Alex Admin', role: 'admin', password: 'demo-admin-password' },
  {
    username: 'manager',
    displayName: 'Morgan Manager',
    role: 'manager',
    password: 'demo-manager-password',
  },
  {
    username: 'intake',
    displayName: 'Riley Intake',
    role: 'intake',
    password: 'demo-intake-password',
  },
  {
    username: 'intake2',
    displayName: 'Sam Night-Shift',
    role: 'intake',
    password: 'demo-intake-password',
  },
  {
    username: 'casemanager',
    displayName: 'Casey Case',
    role: 'case_manager',
    password: 'demo-case-password',
  },
] as const;

/**
 * Steps later capabilities add (units and beds, encounters, history, follow-ups); run in one
 * transaction.
 */
export const demoSteps: DemoStep[] = [demoBeds, demoEncounters, demoFollowUps];

/** Creates a believable center so a new user sees a living app at once. Returns the admin. */
const DEMO_CONFIRMED_AGO_MS = 2 * 3_600_000;

export async function loadDemoData(app: AppContext): Promise<UserRow> {
  const now = app.clock.now();
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  const users: Record<string, UserRow> = {};
  app.db.transaction(() => {
    createFacility(
      app.db,
      newFacilityPublicId('Desert Bridge Crisis Center'),
      {
        name: 'Desert Bridge Crisis Center',
        timeZone: 'America/Phoenix',
        address: '2100 E Crisis Way, Tucson, AZ',
        phone: '(520) 555-0142',
      },
      now,
    );
    DEMO_USERS.forEach((u, i) => {
      users[u.username] = insertUser(
        app.db,
        {
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          passwordHash: hashes[i]!,
        },
        now,
      );
    });
    for (const step of demoSteps) step(app, users);
    // Intake confirmed the census two hours ago: fresh within the default 8-hour window.
    insertCensusConfirmation(app.db, now - DEMO_CONFIRMED_AGO_MS, 'intake');
    appendAudit(app.db, { at: now, userId: null, username: null, action: 'setup.demo' });
  })();
  notifyChange(app, ['facility', 'users', 'units', 'beds', 'capacity', 'encounters', 'followUps']);
  return users.admin!;
}
