import { i18n } from '../i18n';

/**
 * The reasons the server itself writes on a bed's status (bed-link.ts, beds/service.ts) are
 * stored as English words and kept that way (the history is a record); on screen they are shown
 * in the desk's language. Anything else is what staff typed, shown as typed.
 */
const SYSTEM_REASONS = {
  'expected arrival': 'bedReason.expectedArrival',
  'expected arrival lapsed': 'bedReason.expectedArrivalLapsed',
  discharged: 'bedReason.discharged',
  declined: 'bedReason.declined',
  changed: 'bedReason.changed',
} as const;
const MOVED = /^moved to (.+)$/;

export function bedReasonLabel(reason: string): string {
  const key = SYSTEM_REASONS[reason as keyof typeof SYSTEM_REASONS];
  if (key) return i18n.t(key);
  const moved = MOVED.exec(reason);
  return moved ? i18n.t('bedReason.movedTo', { label: moved[1] }) : reason;
}
