/**
 * Countries, one list for the whole hub: ISO 3166-1 alpha-2 codes with English names from the runtime's own data
 * (registration forms, the directory, the map), and the two places where EU data differs from ISO (EL, UK).
 */
import { z } from 'zod';

// Regions Intl knows that are not countries today (historic, reserved, grouping codes).
const NOT_COUNTRIES = new Set('AC AN BU CP CQ CS DD DG DY EA EU EZ FX HV IC NH QO RH SU TA TP UK UN VD XA XB YD YU ZR ZZ'.split(' '));

/** ISO 3166 country codes with English names, sorted by name. */
export const COUNTRIES: { code: string; name: string }[] = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const list: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && !NOT_COUNTRIES.has(code)) list.push({ code, name });
    }
  }
  return list.sort((x, y) => x.name.localeCompare(y.name, 'en'));
})();

export const COUNTRY_CODES = new Set(COUNTRIES.map((c) => c.code));

/** The options of an optional country select in the back office. */
export const COUNTRY_OPTIONS = [{ value: '', label: 'Not given' }, ...COUNTRIES.map((c) => ({ value: c.code, label: c.name }))];
const NAMES = new Map(COUNTRIES.map((c) => [c.code, c.name]));

/** The English name of a country code; the code itself when unknown, '' for none. */
export const countryName = (code: string | null): string => (code ? (NAMES.get(code) ?? code) : '');

/** EL→GR and UK→GB, the two places where the EU (and CORDIS) differs from ISO 3166-1; upper case; null when not two letters. */
export function normaliseCountry(code: string | null | undefined): string | null {
  const c = (code ?? '').trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(c)) return null;
  if (c === 'EL') return 'GR';
  if (c === 'UK') return 'GB';
  return c;
}

/** An optional country field of a form: one of the listed codes (EL and UK taken as GR and GB), or empty for none. */
export function optionalCountry() {
  const message = 'Choose a country from the list.';
  return z
    .string({ error: message })
    .optional()
    .transform((value, ctx) => {
      if (!value?.trim()) return null;
      const code = normaliseCountry(value);
      if (code && COUNTRY_CODES.has(code)) return code;
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    });
}
