import { migration0010 } from './0010-foundation';
import type { Migration } from './types';

/** Every schema step in order. Add new files by tens; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [migration0010];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
