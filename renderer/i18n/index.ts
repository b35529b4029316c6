import i18next from 'i18next';
import { enUS as dateEnUS, es as dateEs, type Locale } from 'date-fns/locale';
import { initReactI18next, useTranslation } from 'react-i18next';
import { z } from 'zod';
import zodEnglish from 'zod/v4/locales/en.js';
import zodSpanish from 'zod/v4/locales/es.js';
import { codeOf, paramVocabulary, type CodedMessage } from '../../core/messages';
import type { ApiErrorBody } from '../../core/result';
import { enUS } from './en-US';
import { esUS } from './es-US';

/**
 * The desk's languages. Every string on screen comes from en-US.ts / es-US.ts; data stored in
 * the database and vocabulary values (core/vocab.ts) are never translated, their labels are
 * (`vocab.<list>.<value>` keys). Server errors and the shared schemas' messages arrive in English
 * with a key and params (core/messages.ts): `translateMessage` shows them as `messages.<key>`.
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

/** zod's own messages (checks without one of ours) follow the language too. */
const ZOD_LOCALES: Record<Language, () => Parameters<typeof z.config>[0]> = {
  'en-US': zodEnglish,
  'es-US': zodSpanish,
};
z.config(ZOD_LOCALES[initial]());
i18next.on('languageChanged', (lng) => {
  if ((LANGUAGES as readonly string[]).includes(lng)) z.config(ZOD_LOCALES[lng as Language]());
});

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

/**
 * A server or schema message in the language on screen: `messages.<key>` with its params (a
 * `label` param names a field, `bedStatus`… a vocabulary value: both translated first). English,
 * an unknown key or a key this language lacks: the English text exactly as sent.
 */
export function translateMessage(english: string, coded?: CodedMessage): string {
  const lng = currentLanguage();
  if (lng === 'en-US') return english;
  const c = coded ?? codeOf(english);
  if (!c || !/^\w+$/.test(c.key)) return english;
  const word = (k: string) =>
    i18next.exists(k, { lng, fallbackLng: [] }) ? i18next.t(k as 'common.none') : null;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(c.params ?? {})) {
    const list = paramVocabulary(name);
    const own =
      name === 'label'
        ? word(`fieldLabels.${value}`)
        : list
          ? word(`messageWords.${list}.${value}`)
          : null;
    params[name] = own ?? value;
  }
  const key = `messages.${c.key}`;
  if (!i18next.exists(key, { lng, fallbackLng: [], count: params.count as number | undefined }))
    return english;
  return i18next.t(key as 'common.none', params);
}

/** An error from the API in the language on screen (message and every field message). */
export function localizeError(error: ApiErrorBody): ApiErrorBody {
  if (currentLanguage() === 'en-US') return error;
  const message = translateMessage(
    error.message,
    error.key ? { key: error.key, params: error.params } : undefined,
  );
  if (!error.fields) return { ...error, message };
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([k, v]) => [k, translateMessage(v, error.fieldKeys?.[k])]),
  );
  return { ...error, message, fields };
}
