// Raw-BSN detection (SPEC section 7): a source whose client keys look like citizen service numbers
// (burgerservicenummers) is refused. Nothing here ever puts a value into a message.
//
// The rule decides by the evidence (docs/profiles.md, section 4). A random 9-digit pseudonym passes
// the elfproef with a chance of 1 in 11, a raw BSN always does. Of n distinct client values, k pass;
// the source is refused when random pseudonyms would give k or more passing values with a chance of
// at most 1 in 1,331 (11^3: three of three passing), or at most 1 in 121 (11^2) when the client
// column is named like a BSN column, and at least a quarter of the values pass.
import { normaliseHeader } from './columns.js';
import { fnv1a, FNV_OFFSET } from '../model/bytes.js';

/** The hash of the byte '0': where an 8-digit value's hash starts. */
const AFTER_ZERO = fnv1a(Uint8Array.of(48), 0, 1);

/**
 * The elfproef (eleven test) of a BSN: exactly 9 digits d1..d9, not all zeros, with
 * 9*d1 + 8*d2 + 7*d3 + 6*d4 + 5*d5 + 4*d6 + 3*d7 + 2*d8 - 1*d9 divisible by 11.
 */
export function passesElfproef(s: string): boolean {
  if (s.length !== 9) return false;
  let sum = 0;
  let nonZero = false;
  for (let i = 0; i < 9; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (d !== 0) nonZero = true;
    sum += i < 8 ? (9 - i) * d : -d;
  }
  return nonZero && sum % 11 === 0;
}

/** The chance that a random 9-digit pseudonym passes the elfproef: (10/11) * (1/10). */
export const BSN_CHANCE = 1 / 11;
/** Refused when random pseudonyms would show the passing values with a chance of at most 1 in this (11^3). */
export const BSN_ODDS = 1331;
/** The same for a client column named like a BSN column (11^2: the name counts as one passing value). */
export const BSN_ODDS_NAMED = 121;
/** And only when at least 1 in this many of the values pass (a quarter; random pseudonyms: 1 in 11). */
export const BSN_SHARE_DIVISOR = 4;
/** Client column names (in normaliseHeader form) that say the column holds BSNs. */
export const BSN_COLUMN_NAMES: readonly string[] = ['bsn', 'bsnnummer', 'bsnnr', 'burgerservicenummer', 'burgerservicenr', 'sofinummer', 'sofinr'];
/** Distinct client values each parsed chunk contributes to the verdict. */
export const BSN_SAMPLE_PER_CHUNK = 1024;

/** True when a header name says the column holds BSNs ('BSN', 'Burgerservicenummer', 'bsn_nummer', ...). */
export function isBsnColumnName(name: string): boolean {
  return BSN_COLUMN_NAMES.includes(normaliseHeader(name));
}

/**
 * The distinct client values of one chunk, as 32-bit hashes (FNV-1a of the bytes, an 8-digit value
 * hashed with its leading zero restored): `passing` those that pass the elfproef, `other` the rest.
 * Plain arrays, so the sample crosses the thread boundary by structured clone; never written anywhere.
 */
export interface ClientSample {
  passing: number[];
  other: number[];
}

/**
 * Collects the first `cap` distinct client values of a chunk. `see` takes the trimmed, non-empty
 * value as bytes [s, e) of `b`; after `cap` distinct values it returns at once.
 */
export function clientSampler(cap = BSN_SAMPLE_PER_CHUNK): { sample: ClientSample; see(b: Uint8Array, s: number, e: number): void } {
  const sample: ClientSample = { passing: [], other: [] };
  const seen = new Set<number>();
  return {
    sample,
    see(b, s, e) {
      if (seen.size >= cap) return;
      const len = e - s;
      let digits = len === 8 || len === 9;
      for (let i = s; digits && i < e; i++) if (b[i] < 48 || b[i] > 57) digits = false;
      // An 8-digit value hashes as its 9-digit form with the leading zero a spreadsheet dropped.
      const h = fnv1a(b, s, e, digits && len === 8 ? AFTER_ZERO : FNV_OFFSET) >>> 0;
      if (seen.has(h)) return;
      seen.add(h);
      (digits && elfproefBytes(b, s, e) ? sample.passing : sample.other).push(h);
    },
  };
}

/** The elfproef on 8 or 9 ASCII digits (8: a leading zero restored). */
function elfproefBytes(b: Uint8Array, s: number, e: number): boolean {
  const pad = 9 - (e - s);
  let sum = 0;
  let nonZero = false;
  for (let i = 0; i < 9; i++) {
    const d = i < pad ? 0 : b[s + i - pad] - 48;
    if (d !== 0) nonZero = true;
    sum += i < 8 ? (9 - i) * d : -d;
  }
  return nonZero && sum % 11 === 0;
}

/** Distinct values and passing values over the samples of one source's chunks. */
export function mergeSamples(samples: readonly ClientSample[]): { values: number; passing: number } {
  const passing = new Set<number>();
  const all = new Set<number>();
  for (const s of samples) {
    for (const h of s.passing) {
      passing.add(h);
      all.add(h);
    }
    for (const h of s.other) all.add(h);
  }
  return { values: all.size, passing: passing.size };
}

/**
 * log10 of P(X >= k) for X ~ Binomial(n, 1/11): the chance that n random 9-digit pseudonyms give k
 * or more values that pass the elfproef. Summed in log space, so large n neither overflow nor underflow.
 */
export function log10Chance(n: number, k: number): number {
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  const lp = Math.log(BSN_CHANCE);
  const lq = Math.log(1 - BSN_CHANCE);
  // log C(n, k), then each next term from the one before.
  let lt = 0;
  for (let i = 1; i <= k; i++) lt += Math.log((n - k + i) / i);
  lt += k * lp + (n - k) * lq;
  let m = lt; // the sum is e^m * s
  let s = 1;
  for (let j = k; j < n; j++) {
    lt += Math.log((n - j) / (j + 1)) + lp - lq;
    if (lt > m) {
      s = s * Math.exp(m - lt) + 1;
      m = lt;
    } else {
      s += Math.exp(lt - m);
      if (lt < m - 50) break; // past the mode: the remaining terms add nothing a double can hold
    }
  }
  return (m + Math.log(s)) / Math.LN10;
}

export interface BsnVerdict {
  refuse: boolean;
  message: string;
}

/**
 * The verdict on the distinct client values of one source: `values` distinct non-empty values, of which
 * `passing` pass the elfproef, in a column with header name `column` ('' without a header). Refuses when
 * at least a quarter pass and random pseudonyms would pass that often with a chance of at most 1 in
 * 1,331 (a column named like a BSN column: 1 in 121). The message carries counts and the column's
 * header name only, never a value, and no file name (the caller prefixes it).
 */
export function bsnVerdict(values: number, passing: number, column = ''): BsnVerdict {
  const named = isBsnColumnName(column);
  const odds = named ? BSN_ODDS_NAMED : BSN_ODDS;
  // Integer form of passing / values >= 1/4; the chance only where that holds (k above the mean).
  const share = passing > 0 && BSN_SHARE_DIVISOR * passing >= values;
  const l = share ? log10Chance(values, passing) : 0;
  // At most 1 in `odds`; the tolerance keeps the exact ties (3 of 3, 2 of 2 named) on the refusing side.
  if (share && l <= -Math.log10(odds) + 1e-9) {
    return {
      refuse: true,
      message:
        `the client keys look like raw BSNs (citizen service numbers): ${passing} of ${values} distinct values` +
        `${named ? ` in a column named '${column}'` : ''} are 9 digits that pass the elfproef; random pseudonyms ` +
        `would do that with a chance of 1 in ${oneIn(l)}. traject only reads pseudonymised data. ` +
        `Pseudonymise the file first with \`npx traject pseudonymise --input <file> --output <new file> ` +
        `--key <key file> --create-key\` (use the same key for every file you want to link) and run on the output.`,
    };
  }
  return { refuse: false, message: `client keys do not look like raw BSNs (${passing} of ${values} distinct values pass the elfproef)` };
}

/** 10^-l as "1,331" or, from a million, "2.6e10". */
function oneIn(l: number): string {
  const x = -l;
  if (x < 6) return Math.round(10 ** x).toLocaleString('en-US');
  const e = Math.floor(x);
  const m = Number((10 ** (x - e)).toFixed(1));
  if (m >= 10) return `1.0e${e + 1}`;
  return `${m.toFixed(1)}e${e}`;
}
