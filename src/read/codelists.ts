// The iJw code lists traject reads from optional columns (SPEC 10 and 11), one place each:
// COD327 referrer (verwijzer), COD046 sex (geslacht), JZ588 reason for ending
// (reden beëindiging). Values are read once per distinct text in a chunk, so plain strings are fine.

/** Referrer groups of SPEC 11, by code index (0: unknown). COD327 codes 01-06 and 08. */
export const REFERRER_GROUPS = [
  'unknown', 'gemeente', 'huisarts', 'jeugdarts', 'gecertificeerde_instelling', 'medisch_specialist', 'geen_verwijzer', 'justitie',
] as const;
export type ReferrerGroup = (typeof REFERRER_GROUPS)[number];

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

/** COD327 code (`1`, `01`, ... `08`) or name -> index into REFERRER_GROUPS (0: missing or not one of these). */
export function referrerIndex(text: string): number {
  const p = plain(text);
  if (p === '') return 0;
  if (/^\d{1,2}$/.test(p)) {
    const code = Number(p);
    return code >= 1 && code <= 6 ? code : code === 8 ? 7 : 0;
  }
  return REFERRER_NAMES.get(p) ?? 0;
}

/** Sex groups of SPEC 11 by COD046 code: 1 man, 2 vrouw, anything else unknown. */
export const SEX_GROUPS = ['unknown', 'man', 'vrouw'] as const;

/** COD046 code -> index into SEX_GROUPS (`1` or `01`: man, `2` or `02`: vrouw, else 0). */
export function sexIndex(text: string): number {
  const t = text.trim();
  return t === '1' || t === '01' ? 1 : t === '2' || t === '02' ? 2 : 0;
}

/** JZ588 reason for ending that means "according to plan" (volgens plan). */
export const REASON_AS_PLANNED = 31;

/** A JZ588 code (one or two digits, `31`, `02`, `2`) as a number 1..99, or 0 for none or unreadable. */
export function reasonCode(text: string): number {
  const t = text.trim();
  if (!/^\d{1,2}$/.test(t)) return 0;
  return Number(t);
}

/** sexIndex on trimmed bytes b[s, e), for the hot path (the same answers: test/codelists.test.ts). */
export function sexIndexBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s === 2 && b[s] === 48) s++; // '01', '02'
  if (e - s !== 1) return 0;
  return b[s] === 49 ? 1 : b[s] === 50 ? 2 : 0;
}

/** reasonCode on trimmed bytes b[s, e), for the hot path. */
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
