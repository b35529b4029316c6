import type { UserRow } from '../../db/users';
import type { AppContext } from '../context';

/**
 * A step of the demo data (units and beds, encounters, history), run in one transaction by
 * server/demo. Here, not there, so the steps do not import the module that imports them.
 */
export type DemoStep = (app: AppContext, users: Record<string, UserRow>) => void;
