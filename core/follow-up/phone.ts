import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Phone numbers: libphonenumber's rules (US by default, so "505 555 0134" is enough); stored as
 * E.164, shown in the national format for US numbers and the international one otherwise.
 */
export function toE164(raw: string): string | null {
  const p = parsePhoneNumberFromString(raw, 'US');
  return p && p.isValid() ? p.number : null;
}

export function formatPhone(e164: string | null): string {
  if (!e164) return '';
  const p = parsePhoneNumberFromString(e164, 'US');
  if (!p) return e164;
  return p.country === 'US' ? p.formatNational() : p.formatInternational();
}
