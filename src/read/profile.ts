// Source profiles and run files (SPEC section 1: "a source profile says how to read each one").
// Validated by hand-written checks that mirror src/read/profile.schema.json (a test keeps the two
// consistent). Every mistake is reported with the file, the JSON path and what is expected.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataKind } from '../model/model.js';
import { DATA_KINDS } from '../model/model.js';
import { FIELDS, REQUIRED_FIELDS, fieldOfHeader, type ColumnRef, type Field } from './columns.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'utf-8-bom', 'windows-1252'];

export type Disclosure = 'cbs' | 'off';
export const DISCLOSURES: readonly Disclosure[] = ['cbs', 'off'];

/** Values of the deliveryForm column that mean PGB (personal budget) when a profile gives none. */
export const DEFAULT_PGB_VALUES: readonly string[] = ['pgb'];

/** How to read one municipal export. Every key is optional; absent keys mean the default profile. */
export interface SourceProfile {
  /** JSON Schema reference for editors; ignored. */
  $schema?: string;
  /** Free text for people; ignored. */
  description?: string;
  kind?: DataKind;
  /** One character; absent: ',' or ';' detected from the header line. */
  delimiter?: string;
  /** Default: UTF-8, with or without a byte-order mark. */
  encoding?: Encoding;
  /** A format of yyyy, MM, M, dd, d and literal separators, or 'auto' (default). */
  dateFormat?: string;
  /** field -> header name (or 1-based column number; required when header is false). */
  columns?: Partial<Record<Field, ColumnRef>>;
  /** Values of the deliveryForm column that mean PGB; compared trimmed and case-insensitively. */
  pgbValues?: string[];
  /** Whether the first line is a header (default true). */
  header?: boolean;
  /** Municipality of every row, for exports without a municipality column: 363, '0363' or 'GM0363'. */
  gemeente?: string;
}

/** One input file of a run, with paths resolved and its profile loaded. */
export interface SourceSpec {
  /** Absolute path of the CSV. */
  path: string;
  /** The profile to read it with ({} = the default profile). */
  profile: SourceProfile;
  /** Absolute path of the profile file, when it came from one. */
  profilePath?: string;
  /** The source's kind: its own `kind`, else its profile's (one of them must say). */
  kind: DataKind;
}

/** A run file (`--run run.json`) with every path resolved against the run file's folder. */
export interface RunFile {
  sources: SourceSpec[];
  codes?: string;
  regions?: string;
  year?: number;
  gapDays?: number;
  disclosure?: Disclosure;
  threshold?: number;
  rounding?: number;
  labels?: boolean;
  strict?: boolean;
  includePgb?: boolean;
  out?: string;
  /** The publication ledger (docs/disclosure.md); need not exist yet. */
  ledger?: string;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

type Json = unknown;

class Problems {
  readonly list: string[] = [];
  constructor(readonly where: string) {}
  add(p: string, msg: string): void {
    this.list.push(p === '' ? `${this.where}: ${msg}` : `${this.where}: ${p}: ${msg}`);
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new Error(this.list.join('\n'));
  }
}

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest known name, when it is close enough to be a typo (at most maxDistance edits; default by length). */
export function didYouMean(name: string, known: readonly string[], maxDistance?: number): string | null {
  const n = name.toLowerCase().replace(/[\s_-]/g, '');
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = levenshtein(n, k.toLowerCase().replace(/[\s_-]/g, ''));
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best === null) return null;
  return bestD <= (maxDistance ?? Math.max(2, Math.floor(best.length / 3))) ? best : null;
}

function oneOf(values: readonly string[]): string {
  const q = values.map((v) => `'${v}'`);
  return q.length <= 2 ? q.join(' or ') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

function checkKeys(obj: Record<string, Json>, known: readonly string[], base: string, pr: Problems, hint?: (k: string) => string | null): void {
  for (const k of Object.keys(obj)) {
    if (known.includes(k)) continue;
    const guess = hint?.(k) ?? didYouMean(k, known);
    pr.add(join(base, k), guess ? `unknown key (did you mean '${guess}'?)` : `unknown key (expected one of ${known.join(', ')})`);
  }
}

function checkEnum<T extends string>(v: Json, allowed: readonly T[], p: string, pr: Problems, what: string, aliases: Record<string, T> = {}): T | undefined {
  if (typeof v !== 'string') {
    pr.add(p, `expected a string, ${oneOf(allowed)}, got ${typeName(v)}`);
    return undefined;
  }
  if ((allowed as readonly string[]).includes(v)) return v as T;
  const alias = aliases[v.toLowerCase().replace(/[\s_]/g, '')];
  // Values are short and close to each other ('utf-16' is two edits from 'utf-8'): only one-edit typos.
  const guess = alias ?? didYouMean(v, allowed, 1);
  pr.add(p, `unknown ${what} '${v}': expected ${oneOf(allowed)}${guess ? ` (did you mean '${guess}'?)` : ''}`);
  return undefined;
}

function checkString(v: Json, p: string, pr: Problems, nonEmpty = true): string | undefined {
  if (typeof v !== 'string') {
    pr.add(p, `expected a string, got ${typeName(v)}`);
    return undefined;
  }
  if (nonEmpty && v.trim() === '') {
    pr.add(p, 'expected a non-empty string');
    return undefined;
  }
  return v;
}

function checkInteger(v: Json, p: string, pr: Problems, min: number, max: number, what: string): number | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    pr.add(p, `expected ${what} (an integer from ${min} to ${max}), got ${typeName(v)}`);
    return undefined;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Date formats

export type DatePart = { token: 'yyyy' | 'MM' | 'M' | 'dd' | 'd' } | { literal: string };

/**
 * Parses a date format of the tokens yyyy, MM, M, dd, d and literal separators (any characters that
 * are neither letters nor digits). Each of year, month and day appears once; a one-letter token (M,
 * d: one or two digits) must be followed by a separator or the end, or the format would be ambiguous
 * (the same rules as compileDateFormat in dates.ts).
 */
export function parseDateFormat(fmt: string): { ok: true; parts: DatePart[] } | { ok: false; problem: string } {
  const supported = "supported: yyyy, MM, M, dd, d with literal separators, or 'auto'";
  const parts: DatePart[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (/[A-Za-z0-9]/.test(c)) {
      let j = i;
      while (j < fmt.length && fmt[j] === c) j++;
      const run = fmt.slice(i, j);
      if (run !== 'yyyy' && run !== 'MM' && run !== 'M' && run !== 'dd' && run !== 'd') {
        const suggestion = /^[yYmMdD\W_]+$/.test(fmt)
          ? fmt.replace(/Y/g, 'y').replace(/D/g, 'd').replace(/m/g, 'M')
          : null;
        const dym = suggestion && suggestion !== fmt && parseDateFormat(suggestion).ok ? ` (did you mean '${suggestion}'?)` : '';
        return { ok: false, problem: `unsupported token '${run}' in '${fmt}'${dym}; ${supported}` };
      }
      const unit = run[0]!;
      if (seen.has(unit)) return { ok: false, problem: `'${fmt}' gives the ${unit === 'y' ? 'year' : unit === 'M' ? 'month' : 'day'} twice; ${supported}` };
      seen.add(unit);
      parts.push({ token: run });
      i = j;
    } else {
      let j = i;
      while (j < fmt.length && !/[A-Za-z0-9]/.test(fmt[j]!)) j++;
      parts.push({ literal: fmt.slice(i, j) });
      i = j;
    }
  }
  for (const u of ['y', 'M', 'd']) {
    if (!seen.has(u)) {
      return { ok: false, problem: `'${fmt}' has no ${u === 'y' ? 'year (yyyy)' : u === 'M' ? 'month (MM or M)' : 'day (dd or d)'}; ${supported}` };
    }
  }
  for (let k = 0; k + 1 < parts.length; k++) {
    const a = parts[k]!;
    const b = parts[k + 1]!;
    if ('token' in a && 'token' in b && a.token.length === 1) {
      return {
        ok: false,
        problem: `'${fmt}': '${a.token}' directly next to '${b.token}' is ambiguous (M and d take one or two digits); put a separator between them or use MM and dd`,
      };
    }
  }
  return { ok: true, parts };
}

// ---------------------------------------------------------------------------------------------
// Profiles

/** Keys of a profile, each with its check. The schema's `properties` list exactly these (tested). */
const PROFILE_CHECKS: Record<keyof SourceProfile, (v: Json, p: string, pr: Problems, out: SourceProfile, whole: Record<string, Json>) => void> = {
  $schema: (v, p, pr, out) => {
    const s = checkString(v, p, pr, false);
    if (s !== undefined) out.$schema = s;
  },
  description: (v, p, pr, out) => {
    const s = checkString(v, p, pr, false);
    if (s !== undefined) out.description = s;
  },
  kind: (v, p, pr, out) => {
    const k = checkEnum(v, DATA_KINDS, p, pr, 'kind', KIND_ALIASES);
    if (k) out.kind = k;
  },
  delimiter: (v, p, pr, out) => {
    if (typeof v !== 'string') return pr.add(p, `expected a string: one character such as ';' or ',', got ${typeName(v)}`);
    const named: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };
    if ([...v].length !== 1) {
      const hint = named[v.toLowerCase()];
      const shown = hint === '\t' ? '\\t' : hint;
      const auto = v === 'auto' ? ' (leave delimiter out to detect it)' : '';
      return pr.add(p, `expected one character such as ';' or ',', got ${JSON.stringify(v)}${hint ? ` (did you mean '${shown}'?)` : auto}`);
    }
    if (v === '"' || v === '\r' || v === '\n') return pr.add(p, `${JSON.stringify(v)} cannot be a delimiter; expected a character such as ';' or ','`);
    out.delimiter = v;
  },
  encoding: (v, p, pr, out) => {
    const e = checkEnum(v, ENCODINGS, p, pr, 'encoding', ENCODING_ALIASES);
    if (e) out.encoding = e;
  },
  dateFormat: (v, p, pr, out) => {
    if (typeof v !== 'string') return pr.add(p, `expected a string such as 'dd-MM-yyyy' or 'auto', got ${typeName(v)}`);
    if (v === 'auto') return void (out.dateFormat = v);
    const r = parseDateFormat(v);
    if (!r.ok) return pr.add(p, r.problem);
    out.dateFormat = v;
  },
  columns: (v, p, pr, out, whole) => {
    if (!isObject(v)) return pr.add(p, `expected an object mapping fields (${FIELDS.join(', ')}) to header names, got ${typeName(v)}`);
    checkKeys(v, FIELDS, p, pr, (k) => fieldOfHeader(k));
    const noHeader = whole['header'] === false;
    const cols: Partial<Record<Field, ColumnRef>> = {};
    const used = new Map<string, Field>();
    for (const f of FIELDS) {
      if (!(f in v)) continue;
      const c = v[f];
      const q = join(p, f);
      if (typeof c === 'number') {
        if (!Number.isInteger(c) || c < 1) {
          pr.add(q, `expected a header name or a column number (1 or more), got ${typeName(c)}`);
          continue;
        }
        cols[f] = c;
      } else if (typeof c === 'string') {
        if (c.trim() === '') {
          pr.add(q, 'expected a non-empty header name');
          continue;
        }
        if (noHeader) {
          pr.add(q, `the profile says header: false, so expected a column number (1 = first column), got ${typeName(c)}`);
          continue;
        }
        cols[f] = c;
      } else {
        pr.add(q, noHeader ? `expected a column number (1 = first column), got ${typeName(c)}` : `expected a string (a header name) or a column number, got ${typeName(c)}`);
        continue;
      }
      const key = typeof c === 'number' ? `#${c}` : c.trim().toLowerCase();
      const other = used.get(key);
      if (other) pr.add(q, `the same column as columns.${other}; each column can hold one field`);
      else used.set(key, f);
    }
    out.columns = cols;
  },
  pgbValues: (v, p, pr, out) => {
    if (!Array.isArray(v)) return pr.add(p, `expected an array of strings such as ["PGB", "2"], got ${typeName(v)}`);
    const vals: string[] = [];
    v.forEach((x, i) => {
      const s = checkString(x, join(p, i), pr);
      if (s !== undefined) vals.push(s);
    });
    out.pgbValues = vals;
  },
  header: (v, p, pr, out) => {
    if (typeof v !== 'boolean') return pr.add(p, `expected true or false, got ${typeName(v)}`);
    out.header = v;
  },
  gemeente: (v, p, pr, out) => {
    const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : null;
    if (s === null || !/^(GM)?\d{1,4}$/i.test(s) || Number(s.replace(/^GM/i, '')) === 0) {
      return pr.add(p, `expected a CBS municipality code such as 363, '0363' or 'GM0363', got ${typeName(v)}`);
    }
    out.gemeente = 'GM' + s.replace(/^GM/i, '').padStart(4, '0');
  },
};

const KIND_ALIASES: Record<string, DataKind> = {
  toewijzingen: 'allocations',
  toewijzing: 'allocations',
  allocation: 'allocations',
  beschikkingen: 'allocations',
  declaraties: 'claims',
  declaratie: 'claims',
  claim: 'claims',
};
const ENCODING_ALIASES: Record<string, Encoding> = {
  utf8: 'utf-8',
  'utf-8bom': 'utf-8-bom',
  utf8bom: 'utf-8-bom',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  cp1252: 'windows-1252',
  ansi: 'windows-1252',
};

/** Profile keys the checks handle (the schema lists the same; tested). */
export const PROFILE_KEYS: readonly string[] = Object.keys(PROFILE_CHECKS);

function checkProfileInto(json: Json, base: string, pr: Problems): SourceProfile {
  const out: SourceProfile = {};
  if (!isObject(json)) {
    pr.add(base, `expected an object (a source profile), got ${typeName(json)}`);
    return out;
  }
  checkKeys(json, PROFILE_KEYS, base, pr);
  for (const k of PROFILE_KEYS as (keyof SourceProfile)[]) {
    if (k in json) PROFILE_CHECKS[k](json[k], join(base, k), pr, out, json);
  }
  const cols = json['columns'];
  if (json['header'] === false && (cols === undefined || isObject(cols))) {
    // Without a header nothing can be found by name: every required field needs its column number.
    // (Fields given wrongly were reported above; gemeente may come from the profile's gemeente.)
    const missing = REQUIRED_FIELDS.filter((f) => !(cols !== undefined && f in cols) && !(f === 'gemeente' && 'gemeente' in json));
    if (missing.length > 0) pr.add(join(base, 'columns'), `the profile says header: false, so expected column numbers for ${missing.join(', ')}`);
  }
  return out;
}

/** Validates a parsed profile. `where` names it in messages, e.g. "profile profiles/a.json". */
export function parseProfile(json: unknown, where: string): SourceProfile {
  const pr = new Problems(where);
  const out = checkProfileInto(json, '', pr);
  pr.throwIfAny();
  return out;
}

function readJson(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${where}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

/** Reads and validates a profile file. */
export function loadProfile(file: string): SourceProfile {
  const where = `profile ${file}`;
  return parseProfile(readJson(file, where), where);
}

// ---------------------------------------------------------------------------------------------
// Run files

type RunCtx = { dir: string; pr: Problems; out: RunFile };

function checkPath(v: Json, p: string, ctx: RunCtx, what: string): string | undefined {
  const s = checkString(v, p, ctx.pr);
  if (s === undefined) return undefined;
  const abs = path.resolve(ctx.dir, s);
  if (!fs.existsSync(abs)) {
    ctx.pr.add(p, `${what} not found: ${abs}`);
    return undefined;
  }
  return abs;
}

const SOURCE_KEYS = ['path', 'profile', 'kind'] as const;

function checkSource(v: Json, p: string, ctx: RunCtx): SourceSpec | undefined {
  const { pr } = ctx;
  if (!isObject(v)) {
    if (typeof v === 'string') pr.add(p, `expected an object such as { "path": ${JSON.stringify(v)}, "kind": "allocations" }, got ${typeName(v)}`);
    else pr.add(p, `expected an object with path, profile and kind, got ${typeName(v)}`);
    return undefined;
  }
  checkKeys(v, SOURCE_KEYS, p, pr);
  if (!('path' in v)) pr.add(p, 'missing key path (the CSV file, relative to the run file)');
  const file = 'path' in v ? checkPath(v['path'], join(p, 'path'), ctx, 'file') : undefined;
  let profile: SourceProfile = {};
  let profilePath: string | undefined;
  const before = pr.list.length;
  if ('profile' in v) {
    const pv = v['profile'];
    const pp = join(p, 'profile');
    if (typeof pv === 'string') {
      profilePath = checkPath(pv, pp, ctx, 'profile');
      if (profilePath !== undefined) {
        try {
          profile = loadProfileAt(profilePath, pv);
        } catch (e) {
          for (const line of (e as Error).message.split('\n')) pr.list.push(line);
        }
      }
    } else if (isObject(pv)) {
      profile = checkProfileInto(pv, pp, pr);
    } else {
      pr.add(pp, `expected a profile file name (a string) or an inline profile (an object), got ${typeName(pv)}`);
    }
  }
  const profileFailed = pr.list.length > before;
  let kind: DataKind | undefined;
  if ('kind' in v) kind = checkEnum(v['kind'], DATA_KINDS, join(p, 'kind'), pr, 'kind', KIND_ALIASES);
  else if (profile.kind === undefined && !profileFailed) {
    pr.add(p, `no kind: give "kind": "allocations" or "claims" here or in its profile (allocation and claims figures are not comparable, so traject does not guess)`);
  }
  kind ??= profile.kind;
  if (file === undefined || kind === undefined) return undefined;
  const spec: SourceSpec = { path: file, profile, kind };
  if (profilePath !== undefined) spec.profilePath = profilePath;
  return spec;
}

function loadProfileAt(abs: string, shown: string): SourceProfile {
  const where = `profile ${shown}`;
  return parseProfile(readJson(abs, where), where);
}

/** Keys of a run file, each with its check. The schema's $defs.runFile lists exactly these (tested). */
const RUN_CHECKS: Record<keyof RunFile | '$schema' | 'description', (v: Json, p: string, ctx: RunCtx) => void> = {
  $schema: (v, p, ctx) => void checkString(v, p, ctx.pr, false),
  description: (v, p, ctx) => void checkString(v, p, ctx.pr, false),
  sources: (v, p, ctx) => {
    if (!Array.isArray(v) || v.length === 0) return ctx.pr.add(p, `expected a non-empty array of sources, got ${typeName(v)}`);
    const seen = new Map<string, number>();
    v.forEach((s, i) => {
      const spec = checkSource(s, join(p, i), ctx);
      if (!spec) return;
      const real = fs.realpathSync(spec.path);
      const first = seen.get(real);
      if (first !== undefined) return ctx.pr.add(join(join(p, i), 'path'), `the same file as ${join(p, first)}; list each file once`);
      seen.set(real, i);
      ctx.out.sources.push(spec);
    });
  },
  codes: (v, p, ctx) => {
    const f = checkPath(v, p, ctx, 'code mapping table');
    if (f !== undefined) ctx.out.codes = f;
  },
  regions: (v, p, ctx) => {
    const f = checkPath(v, p, ctx, 'region table');
    if (f !== undefined) ctx.out.regions = f;
  },
  year: (v, p, ctx) => {
    const y = checkInteger(v, p, ctx.pr, 2000, 2100, 'a year such as 2021');
    if (y !== undefined) ctx.out.year = y;
  },
  gapDays: (v, p, ctx) => {
    const g = checkInteger(v, p, ctx.pr, 0, 3650, 'a number of days such as 30');
    if (g !== undefined) ctx.out.gapDays = g;
  },
  disclosure: (v, p, ctx) => {
    const d = checkEnum(v, DISCLOSURES, p, ctx.pr, 'disclosure', { none: 'off', false: 'off', internal: 'off', no: 'off' });
    if (d) ctx.out.disclosure = d;
  },
  threshold: (v, p, ctx) => {
    const t = checkInteger(v, p, ctx.pr, 0, 1000, 'a whole number such as 7');
    if (t !== undefined) ctx.out.threshold = t;
  },
  rounding: (v, p, ctx) => {
    const r = checkInteger(v, p, ctx.pr, 1, 1000, 'a whole number such as 5');
    if (r !== undefined) ctx.out.rounding = r;
  },
  labels: (v, p, ctx) => checkFlag(v, p, ctx, 'labels'),
  strict: (v, p, ctx) => checkFlag(v, p, ctx, 'strict'),
  includePgb: (v, p, ctx) => checkFlag(v, p, ctx, 'includePgb'),
  out: (v, p, ctx) => {
    const s = checkString(v, p, ctx.pr);
    if (s !== undefined) ctx.out.out = path.resolve(ctx.dir, s);
  },
  ledger: (v, p, ctx) => {
    const s = checkString(v, p, ctx.pr);
    if (s !== undefined) ctx.out.ledger = path.resolve(ctx.dir, s);
  },
};

function checkFlag(v: Json, p: string, ctx: RunCtx, key: 'labels' | 'strict' | 'includePgb'): void {
  if (typeof v === 'boolean') ctx.out[key] = v;
  else ctx.pr.add(p, `expected true or false, got ${typeName(v)}`);
}

/** Run file keys the checks handle (the schema lists the same; tested). */
export const RUN_KEYS: readonly string[] = Object.keys(RUN_CHECKS);
/** Keys of one entry of a run file's sources (the schema lists the same; tested). */
export const RUN_SOURCE_KEYS: readonly string[] = SOURCE_KEYS;

/**
 * Validates a parsed run file. Paths (sources, profiles, codes, regions, out) are resolved against
 * `dir`; source, profile, code and region files must exist. Profiles named by path are loaded.
 */
export function parseRunFile(json: unknown, where: string, dir: string): RunFile {
  const pr = new Problems(where);
  const out: RunFile = { sources: [] };
  const ctx: RunCtx = { dir, pr, out };
  if (!isObject(json)) {
    pr.add('', `expected an object (a run file) with sources, got ${typeName(json)}`);
    pr.throwIfAny();
  }
  const obj = json as Record<string, Json>;
  checkKeys(obj, RUN_KEYS, '', pr);
  if (!('sources' in obj)) pr.add('', 'missing key sources (the list of input files)');
  for (const k of RUN_KEYS as (keyof typeof RUN_CHECKS)[]) {
    if (k in obj) RUN_CHECKS[k](obj[k], k, ctx);
  }
  pr.throwIfAny();
  return out;
}

/** Reads and validates a run file; relative paths in it are relative to the run file. */
export function loadRunFile(file: string): RunFile {
  const where = `run ${file}`;
  return parseRunFile(readJson(file, where), where, path.dirname(path.resolve(file)));
}

/** A matcher for the deliveryForm column: true when a value means PGB (trimmed, case-insensitive). */
export function pgbMatcher(values: readonly string[] = DEFAULT_PGB_VALUES): (value: string) => boolean {
  const set = new Set(values.map((v) => v.trim().toLowerCase()));
  return (value) => set.has(value.trim().toLowerCase());
}
