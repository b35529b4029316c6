import { LANGUAGE_NAMES, LANGUAGES, setLanguage, useI18n, type Language } from '../i18n';

/** The desk's language, remembered on this computer; each language named in itself. */
export function LanguagePicker() {
  const { t, lang } = useI18n();
  return (
    <div className="language-picker">
      <label htmlFor="language-picker">{t('shell.language')}</label>
      <select
        id="language-picker"
        value={lang}
        onChange={(e) => setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
