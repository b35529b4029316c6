import { migration0010 } from './0010-foundation';
import { migration0020 } from './0020-units-beds';
import { migration0030 } from './0030-encounters';
import { migration0040 } from './0040-capacity';
import { migration0050 } from './0050-encounter-extras';
import { migration0070 } from './0070-reports';
import { migration0090 } from './0090-report-rollups';
import { migration0110 } from './0110-person-lists';
import { migration0140 } from './0140-census-confirmations';
import { migration0141 } from './0141-webhooks';
import { migration0142 } from './0142-region-peers';
import { migration0150 } from './0150-follow-ups';
import { migration0160 } from './0160-retention';
import { migration0170 } from './0170-expected-callback';
import { migration0180 } from './0180-follow-up-outcome-index';
import { migration0190 } from './0190-follow-up-figures-index';
import { migration0200 } from './0200-shift-handover-indexes';
import { migration0210 } from './0210-report-day-versions';
import type { Migration } from './types';

/** Every schema step in order. Add new files by tens; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0070,
  migration0090,
  migration0110,
  migration0140,
  migration0141,
  migration0142,
  migration0150,
  migration0160,
  migration0170,
  migration0180,
  migration0190,
  migration0200,
  migration0210,
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
