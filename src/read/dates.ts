// Dates on the hot path: a byte-level parser for the date formats municipal exports use (the
// calendar itself is src/model/calendar.ts). No Date objects, no regex, no strings per row.

import { Buffer } from 'node:buffer';
import type { Day } from '../model/model.js';
import { daysFromCivil } from '../model/calendar.js';

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

// Compiled patterns are small programs over these operations.
const OP_LIT = 0; // one literal byte (lits[k])
const OP_YEAR4 = 1; // yyyy: exactly 4 digits
const OP_MONTH2 = 2; // MM: exactly 2 digits
const OP_MONTH12 = 3; // M: 1 or 2 digits
const OP_DAY2 = 4; // dd: exactly 2 digits
const OP_DAY12 = 5; // d: 1 or 2 digits

interface Program {
  ops: Uint8Array;
  lits: Uint8Array;
  /** When every token has a fixed width (yyyy, MM, dd, literals): the total length and where each part
   *  sits, for the fast path; fixedLen is -1 otherwise. */
  fixedLen: number;
  yAt: number;
  mAt: number;
  dAt: number;
  litAt: Int32Array;
  litByte: Uint8Array;
}

/** A compiled date format. 'auto' accepts 2021-03-01, 01-03-2021, 1-3-2021, 20210301, and also '/' or '.'
 *  as separator in the day-first forms; an explicit pattern uses luxon tokens yyyy, MM, M, dd, d and literal
 *  separators (e.g. 'dd/MM/yyyy', 'yyyyMMdd', 'd-M-yyyy'). */
export type DateFormat = {
  readonly pattern: string;
  /** null for 'auto' */
  readonly program: Program | null;
};

// The date-format grammar: the one rule for profiles (checked when the profile is loaded, see
// profile.ts) and for the parser below (compiled in the workers). A pattern is 'auto', or
//  - tokens: a run of one letter, which must be yyyy, MM, M, dd or d; year, month and day once each;
//  - separators: any other printable ASCII character except a digit and the quote ' (no quoted
//    literals); a space is fine;
//  - M and d (one or two digits) must not be followed directly by another token (dMyyyy: 1112021
//    could be 1 November or 11 January).

const TOKENS: Record<string, number> = { yyyy: OP_YEAR4, MM: OP_MONTH2, M: OP_MONTH12, dd: OP_DAY2, d: OP_DAY12 };
const SUPPORTED = "supported: yyyy, MM, M, dd, d with literal separators, or 'auto'";
const FIELD_NAMES = ['year', 'month', 'day'];
const MISSING = ['year (yyyy)', 'month (MM or M)', 'day (dd or d)'];

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Dashes people type for a hyphen (Word's en dash, em dash, minus sign). */
function isDash(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2015) || c === 0x2212;
}

/** The operations of `pattern`, or the problem with it (a sentence naming the pattern). */
function parseFormat(pattern: string): { ops: number[]; lits: number[] } | { problem: string } {
  const ops: number[] = [];
  const lits: number[] = [];
  const seen = [0, 0, 0]; // year, month, day
  const q = `'${pattern}'`;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern.charCodeAt(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < pattern.length && pattern.charCodeAt(j) === c) j++;
      const token = pattern.slice(i, j);
      const op = TOKENS[token];
      if (op === undefined) return { problem: `unsupported token '${token}' in ${q}${caseHint(pattern)}; ${SUPPORTED}` };
      const field = op === OP_YEAR4 ? 0 : op === OP_MONTH2 || op === OP_MONTH12 ? 1 : 2;
      if (seen[field]++ > 0) return { problem: `${q} gives the ${FIELD_NAMES[field]} twice; ${SUPPORTED}` };
      const prev = ops.length > 0 ? ops[ops.length - 1] : OP_LIT;
      if (prev === OP_MONTH12 || prev === OP_DAY12) {
        const before = prev === OP_MONTH12 ? 'M' : 'd';
        return {
          problem: `${q}: '${before}' directly next to '${token}' is ambiguous (M and d take one or two digits); put a separator between them or use MM and dd`,
        };
      }
      ops.push(op);
      lits.push(0);
      i = j;
      continue;
    }
    if (c === 39) return { problem: `quoted literals are not supported in ${q}: write separators as they are, e.g. 'dd-MM-yyyy'; ${SUPPORTED}` };
    if (isDigit(c)) return { problem: `a digit ('${pattern[i]}') cannot be a separator in ${q}; ${SUPPORTED}` };
    if (c < 32 || c > 126) {
      const code = pattern.codePointAt(i)!;
      const shown = c < 32 || c === 127 ? '' : `'${String.fromCodePoint(code)}' `;
      const u = 'U+' + code.toString(16).toUpperCase().padStart(4, '0');
      const dash = isDash(c) ? ` (did you mean '${[...pattern].map((ch) => (isDash(ch.charCodeAt(0)) ? '-' : ch)).join('')}'?)` : '';
      return { problem: `unsupported separator ${shown}(${u}) in ${q}${dash}; separators are ASCII characters such as - / . or a space` };
    }
    ops.push(OP_LIT);
    lits.push(c);
    i++;
  }
  for (let f = 0; f < 3; f++) if (seen[f] === 0) return { problem: `${q} has no ${MISSING[f]}; ${SUPPORTED}` };
  return { ops, lits };
}

/** ' (did you mean ...?)' when fixing the case of y, m and d gives a valid pattern ('DD-MM-YYYY'). */
function caseHint(pattern: string): string {
  if (!/^[yYmMdD\W_]+$/.test(pattern)) return '';
  const guess = pattern.replace(/Y/g, 'y').replace(/D/g, 'd').replace(/m/g, 'M');
  return guess !== pattern && !('problem' in parseFormat(guess)) ? ` (did you mean '${guess}'?)` : '';
}

/** null when `pattern` is a date format traject can read ('auto' or a pattern of the grammar above),
 *  else what is wrong with it, naming the pattern. */
export function dateFormatProblem(pattern: string): string | null {
  if (pattern === 'auto') return null;
  const r = parseFormat(pattern);
  return 'problem' in r ? r.problem : null;
}

function compileProgram(pattern: string): Program {
  const r = parseFormat(pattern);
  if ('problem' in r) throw new Error(`date format: ${r.problem}`);
  const { ops, lits } = r;

  // Fixed layout, if there is one.
  let at = 0;
  let yAt = -1;
  let mAt = -1;
  let dAt = -1;
  const litAt: number[] = [];
  const litByte: number[] = [];
  for (let k = 0; k < ops.length && at >= 0; k++) {
    const op = ops[k];
    if (op === OP_LIT) {
      litAt.push(at);
      litByte.push(lits[k]);
      at += 1;
    } else if (op === OP_YEAR4) {
      yAt = at;
      at += 4;
    } else if (op === OP_MONTH2) {
      mAt = at;
      at += 2;
    } else if (op === OP_DAY2) {
      dAt = at;
      at += 2;
    } else {
      at = -1; // M or d: variable width
    }
  }
  return {
    ops: Uint8Array.from(ops),
    lits: Uint8Array.from(lits),
    fixedLen: at,
    yAt,
    mAt,
    dAt,
    litAt: Int32Array.from(litAt),
    litByte: Uint8Array.from(litByte),
  };
}

/** Compiles a pattern; throws an Error saying what is wrong (dateFormatProblem) for one the grammar refuses. */
export function compileDateFormat(pattern: string): DateFormat {
  if (pattern === 'auto') return { pattern, program: null };
  return { pattern, program: compileProgram(pattern) };
}

// The forms 'auto' tries, chosen by looking at the first bytes.
const AUTO_ISO = compileProgram('yyyy-MM-dd');
const AUTO_COMPACT = compileProgram('yyyyMMdd');
const AUTO_DMY_DASH = compileProgram('d-M-yyyy');
const AUTO_DMY_SLASH = compileProgram('d/M/yyyy');
const AUTO_DMY_DOT = compileProgram('d.M.yyyy');
// The usual two-digit forms of those, on the fixed-offset fast path: same results, less work.
const AUTO_DD_MM: Record<number, Program> = {
  45: compileProgram('dd-MM-yyyy'),
  47: compileProgram('dd/MM/yyyy'),
  46: compileProgram('dd.MM.yyyy'),
};

/** True when buf[i, e) is a time of day after a date: ' ' or 'T', then H[H]:mm[:ss[.fff]], then optionally
 *  'Z' or an offset +hh[[:]mm]. Only the shape and ranges are checked; the value is ignored. */
function isTimeSuffix(buf: Uint8Array, i: number, e: number): boolean {
  let c = buf[i];
  if (c !== 32 && c !== 84) return false; // ' ' or 'T'
  i++;
  // hours: 1 or 2 digits, 0..23
  if (i >= e || !isDigit(buf[i])) return false;
  let h = buf[i++] - 48;
  if (i < e && isDigit(buf[i])) h = h * 10 + buf[i++] - 48;
  if (h > 23) return false;
  // :mm, then optional :ss
  for (let part = 0; part < 2; part++) {
    if (i >= e || buf[i] !== 58) {
      if (part === 0) return false; // minutes are required
      break;
    }
    if (i + 2 >= e || !isDigit(buf[i + 1]) || !isDigit(buf[i + 2])) return false;
    if ((buf[i + 1] - 48) * 10 + buf[i + 2] - 48 > 59) return false;
    i += 3;
  }
  // fraction of a second
  if (i < e && (buf[i] === 46 || buf[i] === 44)) {
    i++;
    if (i >= e || !isDigit(buf[i])) return false;
    while (i < e && isDigit(buf[i])) i++;
  }
  if (i === e) return true;
  c = buf[i];
  if (c === 90) return i + 1 === e; // Z
  if (c !== 43 && c !== 45) return false; // + or -
  i++;
  if (i + 2 > e || !isDigit(buf[i]) || !isDigit(buf[i + 1])) return false;
  i += 2;
  if (i === e) return true;
  if (buf[i] === 58) i++;
  return i + 2 === e && isDigit(buf[i]) && isDigit(buf[i + 1]);
}

/** Two ASCII digits at buf[j], or -1. */
function digits2(buf: Uint8Array, j: number): number {
  const a = buf[j] - 48;
  const b = buf[j + 1] - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The day of y-m-d when that is a real date in 1900..2199, else -1. */
function checkedDay(y: number, m: number, d: number): Day {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return -1;
  if (d > (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m])) return -1;
  return daysFromCivil(y, m, d);
}

/** Runs a compiled program over buf[i, e). */
function runProgram(buf: Uint8Array, i: number, e: number, p: Program): Day {
  const len = p.fixedLen;
  if (len >= 0) {
    // Fast path: every part at a known offset.
    if (e - i < len) return -1;
    const litAt = p.litAt;
    for (let k = 0; k < litAt.length; k++) if (buf[i + litAt[k]] !== p.litByte[k]) return -1;
    const hi = digits2(buf, i + p.yAt);
    const lo = digits2(buf, i + p.yAt + 2);
    const m = digits2(buf, i + p.mAt);
    const d = digits2(buf, i + p.dAt);
    if (hi < 0 || lo < 0 || m < 0 || d < 0) return -1;
    if (i + len < e && !isTimeSuffix(buf, i + len, e)) return -1;
    return checkedDay(hi * 100 + lo, m, d);
  }
  const ops = p.ops;
  let y = -1;
  let m = -1;
  let d = -1;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op === OP_LIT) {
      if (i >= e || buf[i] !== p.lits[k]) return -1;
      i++;
      continue;
    }
    // Numeric field: fixed width (4 or 2) or 1-or-2 digits (greedy; the next op is never a digit).
    const width = op === OP_YEAR4 ? 4 : op === OP_MONTH2 || op === OP_DAY2 ? 2 : 0;
    let v = 0;
    if (width > 0) {
      if (i + width > e) return -1;
      for (let w = 0; w < width; w++) {
        const c = buf[i++];
        if (!isDigit(c)) return -1;
        v = v * 10 + c - 48;
      }
    } else {
      if (i >= e || !isDigit(buf[i])) return -1;
      v = buf[i++] - 48;
      if (i < e && isDigit(buf[i])) v = v * 10 + buf[i++] - 48;
    }
    if (op === OP_YEAR4) y = v;
    else if (op === OP_MONTH2 || op === OP_MONTH12) m = v;
    else d = v;
  }
  if (i < e && !isTimeSuffix(buf, i, e)) return -1;
  return checkedDay(y, m, d);
}

/** Parses bytes buf[s,e), first trimming surrounding spaces and tabs. Returns the Day, or -1 when
 *  the text is not a valid calendar date in that format (31-02-2021, month 13, letters, wrong length).
 *  A time-of-day suffix after a space or 'T' ('2021-03-01 00:00:00', '2021-03-01T00:00') is ignored.
 *  Years outside 1900..2199 are invalid. Empty input is the caller's business (returns -1).
 *  Days before 1970 are negative, so test for `=== -1`, not `< 0`; the one date whose day IS -1,
 *  1969-12-31, is therefore indistinguishable from 'invalid' (a limit of this signature). */
export function parseDateBytes(buf: Uint8Array, s: number, e: number, fmt: DateFormat): Day {
  if (s < 0) s = 0;
  if (e > buf.length) e = buf.length;
  while (s < e && (buf[s] === 32 || buf[s] === 9)) s++;
  while (e > s && (buf[e - 1] === 32 || buf[e - 1] === 9)) e--;
  if (s >= e) return -1;
  if (fmt.program !== null) return runProgram(buf, s, e, fmt.program);

  // auto: pick the form from the first bytes. Every form is at least 8 bytes long ('1-3-2021').
  if (e - s < 8) return -1;
  if (isDigit(buf[s]) && isDigit(buf[s + 1]) && isDigit(buf[s + 2]) && isDigit(buf[s + 3])) {
    const c4 = buf[s + 4];
    if (c4 === 45) return runProgram(buf, s, e, AUTO_ISO); // 2021-03-01
    if (isDigit(c4)) return runProgram(buf, s, e, AUTO_COMPACT); // 20210301
    return -1;
  }
  // day first: the separator follows a 1- or 2-digit day
  const sep = isDigit(buf[s + 1]) ? buf[s + 2] : buf[s + 1];
  if (sep === buf[s + 2] && sep === buf[s + 5] && AUTO_DD_MM[sep] !== undefined) return runProgram(buf, s, e, AUTO_DD_MM[sep]);
  if (sep === 45) return runProgram(buf, s, e, AUTO_DMY_DASH);
  if (sep === 47) return runProgram(buf, s, e, AUTO_DMY_SLASH);
  if (sep === 46) return runProgram(buf, s, e, AUTO_DMY_DOT);
  return -1;
}

/** parseDateBytes for a string (non-hot paths and tests). */
export function parseDateString(text: string, fmt: DateFormat): Day {
  const bytes = Buffer.from(text, 'utf8'); // non-ASCII stays >= 0x80, so it can never pass for a digit
  return parseDateBytes(bytes, 0, bytes.length, fmt);
}
