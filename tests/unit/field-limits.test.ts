import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parseEncounterRecord, type CsvColumn } from '../../core/csv/encounter-csv';
import { ENCOUNTER_TEXT_MAX, encounterCreateSchema } from '../../core/schemas/encounters';

const NOW = Date.UTC(2026, 2, 8, 12);
const base: Record<CsvColumn, string> = {
  ...(Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>),
  referral_source: 'law_enforcement',
  agency: 'Tucson PD',
  arrived_at: '2026-03-08T02:15:00-07:00',
};
const csvColumn: Partial<Record<keyof typeof ENCOUNTER_TEXT_MAX, CsvColumn>> = {
  agency: 'agency',
  officerName: 'officer_name',
  badgeNumber: 'badge_number',
  firstName: 'first_name',
  lastName: 'last_name',
  gender: 'gender',
  preferredLanguage: 'preferred_language',
  notes: 'notes',
};

// The form and the import must agree: what one stores the other would have accepted.
describe('a text field has one limit: the intake form and the CSV import hold it alike', () => {
  for (const [field, column] of Object.entries(csvColumn) as [
    keyof typeof ENCOUNTER_TEXT_MAX,
    CsvColumn,
  ][]) {
    const max = ENCOUNTER_TEXT_MAX[field];
    it(`${field} / ${column}: ${max} characters accepted, ${max + 1} refused by both`, () => {
      const form = (n: number) =>
        encounterCreateSchema.safeParse({
          referralSource: 'law_enforcement',
          agency: 'Tucson PD',
          [field]: 'x'.repeat(n),
        }).success;
      const csv = (n: number) =>
        parseEncounterRecord({ ...base, [column]: 'x'.repeat(n) }, NOW, '2026-03-08').ok;
      expect([form(max), csv(max)]).toEqual([true, true]);
      expect([form(max + 1), csv(max + 1)]).toEqual([false, false]);
    });
  }
});
