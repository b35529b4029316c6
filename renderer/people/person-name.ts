import { i18n } from '../i18n';

/** "Last, First" in the desk's language: a missing part (or the whole name) says "unknown". */
export function personNameLabel(firstName: string | null, lastName: string | null): string {
  const unknown = i18n.t('encounter.unknown');
  if (!firstName && !lastName) return unknown;
  return i18n.t('encounter.personName', { last: lastName || unknown, first: firstName || unknown });
}
