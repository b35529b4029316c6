import { randomBytes } from 'node:crypto';

/** The id dispatch sees: readable, stable, and unique enough across a county's centers. */
export function newFacilityPublicId(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${slug || 'facility'}-${randomBytes(3).toString('hex')}`;
}
