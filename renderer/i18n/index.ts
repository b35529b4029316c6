import i18next from 'i18next';
import { enUS as dateEnUS, es as dateEs, type Locale } from 'date-fns/locale';
import { initReactI18next, useTranslation } from 'react-i18next';
import { enUS } from './en-US';
import { esUS } from './es-US';

/**
 * The desk's languages. Every string on screen comes from en-US.ts / es-US.ts; data stored in
 * the database and vocabulary values (core/vocab.ts) are never translated, their labels are
 * (`vocab.<list>.<value>` keys). Server error messages arrive in English and are shown as sent.
 */
export const LANGUAGES = ['en-US', 'es-US'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Each language named in itself, so a desk can find its own in the picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'en-US': 'English', 'es-US': 'Español' };
const DATE_LOCALES: Record<Language, Locale> = { 'en-US': dateEnUS, 'es-US': dateEs };
const KEY = 'handoff.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof enUS };
  }
}

/** The stored choice if any, else the first browser/OS language we have, else English. */
export function pickLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const p of preferred) {
    const base = p.toLowerCase().split('-')[0];
    if (base === 'es') return 'es-US';
    if (base === 'en') return 'en-US';
  }
  return 'en-US';
}

function storedLanguage(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

const initial = pickLanguage(
  storedLanguage(),
  typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]),
);

void i18next.use(initReactI18next).init({
  resources: { 'en-US': { translation: enUS }, 'es-US': { translation: esUS } },
  lng: initial,
  fallbackLng: 'en-US',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});
if (typeof document !== 'undefined') document.documentElement.lang = initial;

export const i18n = i18next;

export function currentLanguage(): Language {
  const l = i18next.resolvedLanguage ?? i18next.language;
  return (LANGUAGES as readonly string[]).includes(l) ? (l as Language) : 'en-US';
}

/** date-fns locale of the language on screen (month and day names, AM/PM). */
export function dateLocale(): Locale {
  return DATE_LOCALES[currentLanguage()];
}

/** Numbers with the language's separators (es-US, like en-US, writes 1,234.5). */
export function formatNumber(n: number, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(currentLanguage(), opts).format(n);
}

/** Switches the language, remembers it for this desk and tells screen readers (<html lang>). */
export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    /* private mode: the choice lasts this session */
  }
  document.documentElement.lang = lang;
  void i18next.changeLanguage(lang);
}

/** The translate function and the current language, re-rendering when it changes. */
export function useI18n() {
  const { t, i18n: inst } = useTranslation();
  const lang = (LANGUAGES as readonly string[]).includes(inst.resolvedLanguage ?? '')
    ? (inst.resolvedLanguage as Language)
    : 'en-US';
  return { t, lang };
}

export type VocabList = keyof (typeof enUS)['vocab'];

/** The label on screen for a vocabulary value (the value itself is contract, never translated). */
export function vocabLabel(list: VocabList, value: string): string {
  return i18next.t(`vocab.${list}.${value}` as 'vocab.role.admin', { defaultValue: value });
}

export function vocabLabels<T extends string>(
  list: VocabList,
  values: readonly T[],
): Record<T, string> {
  return Object.fromEntries(values.map((v) => [v, vocabLabel(list, v)])) as Record<T, string>;
}

export function vocabOptions<T extends string>(
  list: VocabList,
  values: readonly T[],
): { value: T; label: string }[] {
  return values.map((v) => ({ value: v, label: vocabLabel(list, v) }));
}
