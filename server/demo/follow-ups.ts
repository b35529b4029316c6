import { generateFollowUpHistory } from '../../db/follow-up-history';
import type { DemoStep } from './step';

const H = 3_600_000;
/**
 * Only stays discharged longer ago than this are followed up: their last call (72 h after
 * discharge) is due within the next 19 hours, so a call a trainee (or a test) makes a day from
 * now is the only one then due and the next one to come.
 */
const FOLLOWED_UP_BEFORE_H = 53;

/**
 * Follow-up calls of the demo center, the same life after discharge as a generated history
 * (consent, the 24 h and 72 h calls, their outcomes: db/follow-up-history.ts): calls due more
 * than a day ago were made, the rest are open on the Follow-ups screen (overdue, due, upcoming).
 */
export const demoFollowUps: DemoStep = (app, users) => {
  const now = app.clock.now();
  generateFollowUpHistory(app.db, now, users.intake!.id, now - FOLLOWED_UP_BEFORE_H * H);
};
