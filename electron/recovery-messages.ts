/**
 * Every text of the recovery window (electron/recovery-window.ts), its preload's and the replies
 * to a typed key (electron/database-key.ts), in the desk's two languages. The window opens before
 * the database can be read, so the facility's language setting is not known: the operating
 * system's language decides (`recoveryLanguage`). The renderer's tables (renderer/i18n) are not
 * reachable from the main process; the Spanish here uses their words for the same things
 * ("clave de recuperación", "Protección de los datos", "No se cambió nada.").
 *
 * `{{name}}` marks a param, as in renderer/i18n; both tables use the same params.
 */
const en = {
  windowTitle: 'Handoff: recover the database key',
  heading: 'Recover the database key',
  explanation:
    'The recovery key is the printed sheet from Settings → Protecting the data: 17 groups of four ' +
    'letters and digits. Nothing is changed until it is checked against the database.',
  label: 'Recovery key',
  submit: 'Open Handoff',
  quit: 'Quit',
  opening: 'The key opens the database. Starting Handoff…',
  unreachable: 'Handoff could not check the key. Try again.',
  notAccepted: 'Not accepted.',
  notAKey: 'That is not a recovery key. Nothing was changed.',
  checkFailed: 'The key could not be checked: {{reason}} Nothing was changed.',
  malformedKey:
    'That is not a recovery key: it has 17 groups of four letters and digits (0-9, A-F). ' +
    'Nothing was changed.',
  mistypedKey:
    'The recovery key has a typing mistake (its check group does not match). Nothing was changed.',
  wrongKey:
    'This recovery key does not open the database: it belongs to another database or to a key ' +
    'changed since (handoff rekey prints the new one), or the database file is damaged. ' +
    'Nothing was changed.',
  staleSealedKey:
    'The key sealed on this computer no longer opens the database: it was changed (handoff ' +
    'rekey), the database was replaced, or the file is damaged (then restore the latest backup). ' +
    'Type the recovery key printed for the current key.',
  unopenableSealedKey:
    'The sealed database key {{file}} cannot be opened by this user account or is damaged.',
  missingSealedKey:
    'The database is encrypted but its sealed key {{file}} is missing (a new user account, a ' +
    'reinstalled system or another computer).',
  typeToReopen: 'Type the recovery key to open it again.',
} as const;

export type RecoveryMessageKey = keyof typeof en;

const es: Record<RecoveryMessageKey, string> = {
  windowTitle: 'Handoff: recuperar la clave de la base de datos',
  heading: 'Recuperar la clave de la base de datos',
  explanation:
    'La clave de recuperación es la hoja impresa desde Configuración → Protección de los datos: ' +
    '17 grupos de cuatro letras y dígitos. No se cambia nada hasta comprobarla con la base de datos.',
  label: 'Clave de recuperación',
  submit: 'Abrir Handoff',
  quit: 'Salir',
  opening: 'La clave abre la base de datos. Iniciando Handoff…',
  unreachable: 'Handoff no pudo comprobar la clave. Intente de nuevo.',
  notAccepted: 'No se aceptó.',
  notAKey: 'Eso no es una clave de recuperación. No se cambió nada.',
  checkFailed: 'No se pudo comprobar la clave: {{reason}} No se cambió nada.',
  malformedKey:
    'Eso no es una clave de recuperación: tiene 17 grupos de cuatro letras y dígitos (0-9, A-F). ' +
    'No se cambió nada.',
  mistypedKey:
    'La clave de recuperación tiene un error de escritura (su grupo de control no coincide). ' +
    'No se cambió nada.',
  wrongKey:
    'Esta clave de recuperación no abre la base de datos: pertenece a otra base de datos o a una ' +
    'clave que se cambió después (handoff rekey muestra la nueva), o el archivo de la base de ' +
    'datos está dañado. No se cambió nada.',
  staleSealedKey:
    'La clave sellada en esta computadora ya no abre la base de datos: se cambió (handoff rekey), ' +
    'se reemplazó la base de datos o el archivo está dañado (en ese caso, restaure la copia de ' +
    'seguridad más reciente). Escriba la clave de recuperación impresa para la clave actual.',
  unopenableSealedKey:
    'Esta cuenta de usuario no puede abrir la clave sellada de la base de datos {{file}}, o la ' +
    'clave está dañada.',
  missingSealedKey:
    'La base de datos está cifrada, pero falta su clave sellada {{file}} (una cuenta de usuario ' +
    'nueva, un sistema reinstalado u otra computadora).',
  typeToReopen: 'Escriba la clave de recuperación para volver a abrirla.',
};

export const RECOVERY_LANGUAGES = ['en', 'es'] as const;
export type RecoveryLanguage = (typeof RECOVERY_LANGUAGES)[number];

export const RECOVERY_MESSAGES: Record<RecoveryLanguage, Record<RecoveryMessageKey, string>> = {
  en,
  es,
};

/**
 * The window's language from the operating system's (Electron's preferred system languages, then
 * its locale): the first Spanish or English one decides, as the renderer picks from the
 * browser's; anything else is English.
 */
export function recoveryLanguage(locales: readonly string[]): RecoveryLanguage {
  for (const locale of locales) {
    const base = locale.toLowerCase().split(/[-_]/)[0];
    if (base === 'es') return 'es';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function recoveryText(
  language: RecoveryLanguage,
  key: RecoveryMessageKey,
  params: Readonly<Record<string, string>> = {},
): string {
  return RECOVERY_MESSAGES[language][key].replace(
    /\{\{(\w+)\}\}/g,
    (whole, name: string) => params[name] ?? whole,
  );
}
