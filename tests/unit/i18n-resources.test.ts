import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BED_STATUSES,
  DECLINE_REASONS,
  DISPOSITIONS,
  ENCOUNTER_STATUSES,
  LEGAL_STATUSES,
  MEDICAL_RED_FLAGS,
  PRESENTING_CONCERNS,
  REFERRAL_SOURCES,
  UNIT_KINDS,
  CAPACITY_STATUSES,
} from '../../core/vocab';
import { ROLES } from '../../core/roles';
import { enUS } from '../../renderer/i18n/en-US';
import { esUS } from '../../renderer/i18n/es-US';
import { pickLanguage } from '../../renderer/i18n';

type Tree = { [k: string]: string | Tree };
function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

const en = leaves(enUS as Tree);
const es = leaves(esUS as Tree);

/** i18next plural keys: `x_one`, `x_other`… (a language has the forms its plural rules need). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (map: Map<string, string>) =>
  [...new Set([...map.keys()].map((k) => k.replace(PLURAL, '')))].sort();
const pluralForms = (map: Map<string, string>, base: string) =>
  [...map.keys()]
    .filter((k) => k.replace(PLURAL, '') === base && PLURAL.test(k))
    .map((k) => PLURAL.exec(k)![1])
    .sort();

describe('translations', () => {
  it('Spanish has exactly the English keys', () => {
    expect(baseKeys(es)).toEqual(baseKeys(en));
  });

  it('each plural has exactly the forms its language needs (Spanish adds "many")', () => {
    const bases = baseKeys(en).filter((b) => pluralForms(en, b).length > 0);
    expect(bases.length).toBeGreaterThan(0);
    for (const [lang, map] of [
      ['en-US', en],
      ['es-US', es],
    ] as const) {
      const needed = [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
      const wrong = bases.filter((b) => pluralForms(map, b).join() !== needed.join());
      expect(wrong, lang).toEqual([]);
    }
  });

  it('no value is empty or only spaces', () => {
    for (const [lang, map] of [
      ['en-US', en],
      ['es-US', es],
    ] as const) {
      const empty = [...map].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('each Spanish string has the same {{placeholders}} as the English one', () => {
    // A Spanish plural form is checked against the English "other" form.
    const english = (k: string) => en.get(k) ?? en.get(k.replace(PLURAL, '_other')) ?? '';
    const mismatched = [...es]
      .filter(([k, v]) => placeholders(v).join() !== placeholders(english(k)).join())
      .map(([k]) => k);
    expect(mismatched).toEqual([]);
  });

  it('every vocabulary value has a label in the resources (values are contract, labels are not)', () => {
    const lists: [string, readonly string[]][] = [
      ['role', ROLES],
      ['unitKind', UNIT_KINDS],
      ['bedStatus', BED_STATUSES],
      ['capacityStatus', CAPACITY_STATUSES],
      ['referralSource', REFERRAL_SOURCES],
      ['legalStatus', LEGAL_STATUSES],
      ['presentingConcern', PRESENTING_CONCERNS],
      ['medicalRedFlag', MEDICAL_RED_FLAGS],
      ['disposition', DISPOSITIONS],
      ['declineReason', DECLINE_REASONS],
      ['encounterStatus', ENCOUNTER_STATUSES],
    ];
    const missing = lists.flatMap(([list, values]) =>
      values.filter((v) => !en.has(`vocab.${list}.${v}`)).map((v) => `vocab.${list}.${v}`),
    );
    expect(missing).toEqual([]);
  });

  it('every screen in the navigation has a translated name (nav.<id>)', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../renderer/screens.tsx'), 'utf8');
    const ids = [...source.matchAll(/id: '([\w-]+)'/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(3);
    expect(ids.filter((id) => !en.has(`nav.${id}`))).toEqual([]);
  });
});

describe('language choice', () => {
  it('a stored choice wins, else the first browser language we have, else English', () => {
    expect(pickLanguage('es-US', ['en-US'])).toBe('es-US');
    expect(pickLanguage(null, ['es-MX', 'en-US'])).toBe('es-US');
    expect(pickLanguage(null, ['fr-FR', 'en-GB'])).toBe('en-US');
    expect(pickLanguage(null, ['fr-FR'])).toBe('en-US');
    expect(pickLanguage('de-DE', ['es'])).toBe('es-US');
  });
});
