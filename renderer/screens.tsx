import type { ComponentType } from 'react';
import {
  ADMINS,
  ANY_STAFF,
  CASE_MANAGEMENT,
  EVERY_STAFF,
  FOLLOW_UP_STAFF,
  MANAGERS,
  type Role,
} from '../core/roles';
import { EncountersScreen } from './handoff/EncountersScreen';
import { HandoffScreen } from './handoff/HandoffScreen';
import { Board } from './beds/Board';
import { DashboardScreen } from './dashboard/lazy';
import { Home } from './home/Home';
import { CensusScreen } from './census/CensusScreen';
import { AboutScreen } from './settings/About';
import { AccountScreen } from './settings/Account';
import { SettingsScreen } from './settings/Settings';
import { UsersScreen } from './settings/Users';
import { FollowUpsScreen } from './follow-ups/FollowUpsScreen';
import { PeopleScreen } from './follow-ups/PersonScreen';
import { RegionScreen } from './region/RegionScreen';

export interface Screen {
  id: string;
  label: string;
  roles: readonly Role[];
  component: ComponentType;
}

/** The navigation: only screens that exist, each shown only to roles that may use it. */
export const SCREENS: readonly Screen[] = [
  // The board first: the desk's landing screen is who is where, and the capacity status. Then
  // the desk's daily work, the manager's figures, and the rarely used screens last.
  { id: 'board', label: 'Board', roles: ANY_STAFF, component: Board },
  {
    id: 'handoff',
    label: 'Handoff',
    roles: ANY_STAFF,
    component: HandoffScreen,
  },
  {
    id: 'encounters',
    label: 'Encounters',
    roles: ANY_STAFF,
    component: EncountersScreen,
  },
  {
    id: 'census',
    label: 'Census',
    roles: ANY_STAFF,
    component: CensusScreen,
  },
  { id: 'figures', label: 'Figures', roles: MANAGERS, component: DashboardScreen },
  {
    id: 'followUps',
    label: 'Follow-ups',
    roles: FOLLOW_UP_STAFF,
    component: FollowUpsScreen,
  },
  {
    id: 'people',
    label: 'Case management',
    roles: CASE_MANAGEMENT,
    component: PeopleScreen,
  },
  { id: 'home', label: 'Today', roles: ANY_STAFF, component: Home },
  // Issue #18: every center of the region, to redirect an officer to one with room.
  { id: 'region', label: 'Region', roles: ANY_STAFF, component: RegionScreen },
  { id: 'users', label: 'Users', roles: ADMINS, component: UsersScreen },
  { id: 'settings', label: 'Settings', roles: MANAGERS, component: SettingsScreen },
  {
    id: 'account',
    label: 'My account',
    roles: EVERY_STAFF,
    component: AccountScreen,
  },
  {
    id: 'about',
    label: 'About',
    roles: EVERY_STAFF,
    component: AboutScreen,
  },
];
