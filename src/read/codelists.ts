// The iJw code lists traject reads from optional columns (SPEC 10 and 11), one place each:
// COD327 referrer (verwijzer), COD046 sex (geslacht), JZ588 reason for ending
// (reden beëindiging). Values are read once per distinct text in a chunk, so plain strings are fine.

/**
 * Referrer codes: 0 unknown, then the groups of SPEC 11 in COD327 order: 1 gemeente (01),
 * 2 huisarts (02), 3 jeugdarts (03), 4 gecertificeerde_instelling (04), 5 medisch_specialist (05),
 * 6 geen_verwijzer (06), 7 justitie (08).
 */

/** Case, accents, spaces and punctuation ignored ("Gemeentelijke toegang" -> "gemeentelijketoegang"). */
function plain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

const REFERRER_NAMES: ReadonlyMap<string, number> = new Map([
  ...['gemeente', 'gemeentelijketoegang', 'wijkteam'].map((n) => [n, 1] as const),
  ...['huisarts'].map((n) => [n, 2] as const),
  ...['jeugdarts'].map((n) => [n, 3] as const),
  ...['gecertificeerdeinstelling', 'gi'].map((n) => [n, 4] as const),
  ...['medischspecialist'].map((n) => [n, 5] as const),
  ...['geenverwijzer', 'zelfverwijzer', 'zelfverwijzergeenverwijzer'].map((n) => [n, 6] as const),
  ...['justitie', 'rechter', 'officiervanjustitie', 'jji'].map((n) => [n, 7] as const),
]);

/** COD327 code (`1`, `01`, ... `08`) or name -> referrer code 1..7 (0: missing or not one of these). */
export function referrerIndex(text: string): number {
  const p = plain(text);
  if (p === '') return 0;
  if (/^\d{1,2}$/.test(p)) {
    const code = Number(p);
    return code >= 1 && code <= 6 ? code : code === 8 ? 7 : 0;
  }
  return REFERRER_NAMES.get(p) ?? 0;
}

/** COD046 sex on trimmed bytes b[s, e): 1 man (`1`, `01`), 2 vrouw (`2`, `02`), anything else 0 (unknown). */
export function sexIndexBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s === 2 && b[s] === 48) s++; // '01', '02'
  if (e - s !== 1) return 0;
  return b[s] === 49 ? 1 : b[s] === 50 ? 2 : 0;
}

/** A JZ588 reason for ending on trimmed bytes b[s, e) (one or two digits: `31`, `02`, `2`) as 1..99, or 0 (none, unreadable). */
export function reasonCodeBytes(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  if (n < 1 || n > 2) return 0;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return 0;
    v = v * 10 + d;
  }
  return v;
}

/** JZ588 reason for ending that means "according to plan" (volgens plan), SPEC 10. */
export const REASON_AS_PLANNED = 31;
