import type { EncounterEventView } from '../../core/encounters/types';
import { outcomeLabel } from '../follow-ups/outcomes';
import { i18n, vocabLabel, type VocabList } from '../i18n';
import { fmtDateTime } from './time';

/** An encounter field's name as staff read it (corrections, the timeline). */
export const fieldLabel = (field: string): string =>
  i18n.t(`encounter.fields.${field}` as 'encounter.fields.agency', { defaultValue: field });

const TIME_FIELDS = new Set(['arrivedAt', 'officerReleasedAt', 'declinedAt', 'dischargedAt']);
/** Fields whose values are vocabulary: shown by their label, never the contract code. */
const VOCAB_FIELDS: Record<string, VocabList> = {
  referralSource: 'referralSource',
  legalStatus: 'legalStatus',
  presentingConcerns: 'presentingConcern',
  medicalRedFlags: 'medicalRedFlag',
  disposition: 'disposition',
  declineReason: 'declineReason',
};
/** A long free text (notes) is cut: the timeline says what changed, the page shows it whole. */
const MAX_SHOWN = 60;

/** One recorded value as a person reads it: times in the facility's zone, labels, yes / no. */
export function shownValue(field: string, value: unknown, tz: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && TIME_FIELDS.has(field)) return fmtDateTime(value, tz);
  if (typeof value === 'boolean') return value ? i18n.t('common.yes') : i18n.t('common.no');
  const list = VOCAB_FIELDS[field];
  if (Array.isArray(value))
    return value.length === 0
      ? '—'
      : value.map((v) => (list ? vocabLabel(list, String(v)) : String(v))).join(', ');
  const text = list ? vocabLabel(list, String(value)) : String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** A correction as "field: old → new" for each field it changed. */
function changeParts(changes: Record<string, unknown>, tz: string): string {
  return Object.entries(changes)
    .map(([field, change]) => {
      const { from, to } = (change ?? {}) as { from?: unknown; to?: unknown };
      return `${fieldLabel(field).toLocaleLowerCase()}: ${shownValue(field, from, tz)} → ${shownValue(field, to, tz)}`;
    })
    .join('; ');
}

/** The details line under a timeline entry (empty when the entry says it all). */
export function describeEvent(e: EncounterEventView, tz: string): string {
  const d = e.detail ?? {};
  const parts: string[] = [];
  if (typeof d.via === 'string') parts.push(i18n.t('encounter.via', { via: d.via }));
  if (typeof d.capacityStatus === 'string')
    parts.push(
      i18n.t('encounter.againstCapacity', {
        status: i18n.t(`messageWords.capacityStatus.${d.capacityStatus}` as 'common.yes', {
          defaultValue: d.capacityStatus,
        }),
      }),
    );
  // Bed entries name the bed: "C3", or "C2 → C3" for a move.
  if (e.kind.startsWith('bed_') && typeof d.to === 'string')
    parts.push(typeof d.from === 'string' ? `${d.from} → ${d.to}` : d.to);
  if (typeof d.disposition === 'string') parts.push(vocabLabel('disposition', d.disposition));
  if (e.kind === 'follow_up_attempt' && typeof d.outcome === 'string')
    parts.push(outcomeLabel(d.outcome));
  if (e.kind === 'declined' && typeof d.reason === 'string')
    parts.push(vocabLabel('declineReason', d.reason));
  if (typeof d.note === 'string' && d.note) parts.push(d.note);
  if (d.changes && typeof d.changes === 'object')
    parts.push(
      i18n.t('encounter.changed', {
        fields: changeParts(d.changes as Record<string, unknown>, tz),
      }),
    );
  if (e.kind !== 'declined' && typeof d.reason === 'string')
    parts.push(i18n.t('encounter.reasonPart', { reason: d.reason }));
  // A corrected disposition's effect on follow-up calls (issue #19).
  const fu = d.followUp as { closedContactIds?: unknown; scheduledContacts?: unknown } | undefined;
  if (fu && Array.isArray(fu.closedContactIds) && fu.closedContactIds.length > 0)
    parts.push(i18n.t('followUps.correctionClosed', { count: fu.closedContactIds.length }));
  if (fu && typeof fu.scheduledContacts === 'number' && fu.scheduledContacts > 0)
    parts.push(i18n.t('followUps.correctionScheduled', { count: fu.scheduledContacts }));
  return parts.join(' · ');
}
