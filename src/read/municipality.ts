// SPEC section 1: a municipality code may come as 363, 0363 or GM0363; traject keeps the number.
//
// The one rule, for every reader (data rows, the profile's `gemeente`, the code and region tables):
// surrounding spaces and tabs are ignored; then an optional `GM` in any case; then 1 to 4 ASCII
// digits that are not all zero. Anything else is not a municipality code. parseGemeente (text) and
// parseTrimmedGemeenteBytes (bytes of a trimmed field, no string: the hot path) implement it twice, side by side, and
// test/municipality.test.ts checks on random input that they agree.

/** Text that explains the rule in messages. */
export const GEMEENTE_EXPECTED = "a CBS municipality code such as 363, '0363' or 'GM0363'";

const SPACE = 32;
const TAB = 9;

/** The CBS municipality number of `text` ('363', '0363', 'GM0363', 'gm0363', surrounding spaces or tabs), or -1. */
export function parseGemeente(text: string): number {
  let s = 0;
  let e = text.length;
  while (s < e && (text.charCodeAt(s) === SPACE || text.charCodeAt(s) === TAB)) s++;
  while (e > s && (text.charCodeAt(e - 1) === SPACE || text.charCodeAt(e - 1) === TAB)) e--;
  if (e - s > 2 && (text.charCodeAt(s) | 32) === 103 && (text.charCodeAt(s + 1) | 32) === 109) s += 2; // 'g', 'm'
  if (e === s || e - s > 4) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n > 0 ? n : -1;
}

/** parseGemeente on the bytes b[s, e) of a field its caller has already trimmed of spaces and tabs
 *  (the hot path, normalise.ts, trims every field once); tested to agree with parseGemeente. */
export function parseTrimmedGemeenteBytes(b: Uint8Array, s: number, e: number): number {
  if (e - s > 2 && (b[s] | 32) === 103 && (b[s + 1] | 32) === 109) s += 2; // 'g', 'm'
  if (e === s || e - s > 4) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = b[i] - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n > 0 ? n : -1;
}
