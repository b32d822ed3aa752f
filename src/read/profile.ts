// Source profiles, run files and command-line settings (SPEC section 1: "a source profile says how to
// read each one"). Validated against src/read/profile.schema.json (schema.ts); what no schema can
// express is checked here: files exist, one column holds one field, a source's kind is known (its
// profile may be a file of its own). Every mistake is reported with the file, the JSON path and what is
// expected, all at once, one per line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataKind } from '../model/model.js';
import type { ColumnRef, Field } from './columns.js';
import { gmLabel } from '../model/model.js';
import { parseGemeente } from './municipality.js';
import { jsonPath, schemaProblems, type SchemaProblem } from './schema.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export type Disclosure = 'cbs' | 'off';

/** Values of the deliveryForm column that mean PGB (personal budget) when a profile gives none. */
export const DEFAULT_PGB_VALUES: readonly string[] = ['pgb'];

/** How to read one municipal export. Every key is optional; absent keys mean the default profile. */
export interface SourceProfile {
  /** JSON Schema reference for editors; ignored. */
  $schema?: string;
  /** Free text for people; ignored. */
  description?: string;
  kind?: DataKind;
  /** One ASCII character (the rule of csv.ts); absent: detected from the header line. */
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
  /** The sheet of a workbook (.xlsx) to read; default the first visible sheet. Ignored for CSV. */
  sheet?: string;
  /** All-digit product codes shorter than this get their leading zeros back (1234 -> 01234 for 5). */
  productcodeLength?: number;
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
  /** The sheet to read when the file is a workbook (the source's own `sheet`; else the profile's). */
  sheet?: string;
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
  /** SPEC 10: the data cut-off as written, and the prior-care lookback. */
  dataUntil?: string;
  lookbackDays?: number;
  /** SPEC 12: funnel (default) or pairwise comparisons. */
  compare?: 'funnel' | 'pairwise';
  /** SPEC 11: several years and gaps, and breakdowns. */
  years?: number[];
  gaps?: number[];
  by?: string[];
}

// ---------------------------------------------------------------------------------------------

type Json = unknown;
type Path = (string | number)[];

class Problems {
  readonly list: string[] = [];
  constructor(readonly where: string) {}
  add(p: Path, msg: string): void {
    this.list.push(p.length === 0 ? `${this.where}: ${msg}` : `${this.where}: ${jsonPath(p)}: ${msg}`);
  }
  addAll(problems: SchemaProblem[], base: Path = []): void {
    for (const q of problems) this.add([...base, ...q.path], q.message);
  }
  throwIfAny(): void {
    if (this.list.length > 0) throw new Error(this.list.join('\n'));
  }
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a problem lies at `p` or inside it. */
function within(problems: SchemaProblem[], p: Path): boolean {
  return problems.some((q) => p.every((seg, i) => q.path[i] === seg));
}

// ---------------------------------------------------------------------------------------------
// Profiles

/** The checks beyond the schema, on a profile the schema accepted: one column for one field. */
function checkColumns(profile: Record<string, Json>, base: Path, pr: Problems): void {
  const cols = profile['columns'];
  if (!isObject(cols)) return;
  const used = new Map<string, string>();
  for (const [f, c] of Object.entries(cols)) {
    const key = typeof c === 'number' ? `#${c}` : String(c).trim().toLowerCase();
    const other = used.get(key);
    if (other !== undefined) pr.add([...base, 'columns', f], `the same column as columns.${other}; each column can hold one field`);
    else used.set(key, f);
  }
}

/** A valid profile as traject uses it: the municipality written as GM0363. */
function normalised(json: Record<string, Json>): SourceProfile {
  const out = { ...json } as SourceProfile & { gemeente?: unknown };
  const g = json['gemeente']; // the schema allows a string or a whole number
  if (typeof g === 'string' || typeof g === 'number') out.gemeente = gmLabel(parseGemeente(String(g)));
  return out;
}

/** Validates a profile at `base` inside a document; the profile as used when it has no problems. */
function checkProfileInto(json: Json, base: Path, pr: Problems): SourceProfile {
  const problems = schemaProblems('profile', json);
  pr.addAll(problems, base);
  if (problems.length > 0 || !isObject(json)) return {};
  const before = pr.list.length;
  checkColumns(json, base, pr);
  return pr.list.length > before ? {} : normalised(json);
}

/** Validates a parsed profile. `where` names it in messages, e.g. "profile profiles/a.json". */
export function parseProfile(json: unknown, where: string): SourceProfile {
  const pr = new Problems(where);
  const out = checkProfileInto(json, [], pr);
  pr.throwIfAny();
  return out;
}

function readJson(file: string, where: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`${where}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/** Reads and validates a profile file. */
export function loadProfile(file: string): SourceProfile {
  return loadProfileAt(file, file);
}

function loadProfileAt(abs: string, shown: string): SourceProfile {
  const where = `profile ${shown}`;
  return parseProfile(readJson(abs, where), where);
}

// ---------------------------------------------------------------------------------------------
// Run files

/** The file `rel` names, relative to `dir`, when it exists; else a problem at `p`. */
function existing(rel: string, dir: string, p: Path, pr: Problems, what: string): string | undefined {
  const abs = path.resolve(dir, rel);
  if (fs.existsSync(abs)) return abs;
  pr.add(p, `${what} not found: ${abs}`);
  return undefined;
}

function checkSource(v: Record<string, Json>, p: Path, dir: string, pr: Problems): SourceSpec | undefined {
  const file = existing(String(v['path']), dir, [...p, 'path'], pr, 'file');
  let profile: SourceProfile = {};
  let profilePath: string | undefined;
  const before = pr.list.length;
  const pv = v['profile'];
  if (typeof pv === 'string') {
    profilePath = existing(pv, dir, [...p, 'profile'], pr, 'profile');
    if (profilePath !== undefined) {
      try {
        profile = loadProfileAt(profilePath, pv);
      } catch (e) {
        for (const line of (e as Error).message.split('\n')) pr.list.push(line);
      }
    }
  } else if (isObject(pv)) {
    profile = checkProfileInto(pv, [...p, 'profile'], pr);
  }
  const profileFailed = pr.list.length > before;
  const kind = (v['kind'] as DataKind | undefined) ?? profile.kind;
  if (kind === undefined && !profileFailed) {
    pr.add(p, `no kind: give "kind": "allocations" or "claims" here or in its profile (allocation and claims figures are not comparable, so traject does not guess)`);
  }
  if (file === undefined || kind === undefined || profileFailed) return undefined;
  const spec: SourceSpec = { path: file, profile, kind };
  if (profilePath !== undefined) spec.profilePath = profilePath;
  if (typeof v['sheet'] === 'string') spec.sheet = v['sheet'];
  return spec;
}

/**
 * Validates a parsed run file. Paths (sources, profiles, codes, regions, out) are resolved against
 * `dir`; source, profile, code and region files must exist. Profiles named by path are loaded.
 */
export function parseRunFile(json: unknown, where: string, dir: string): RunFile {
  const pr = new Problems(where);
  const problems = schemaProblems('runFile', json);
  pr.addAll(problems);
  const out: RunFile = { sources: [] };
  if (!isObject(json)) pr.throwIfAny();
  const obj = json as Record<string, Json>;
  // What no schema can say, for the parts the schema accepted.
  const sources = obj['sources'];
  if (Array.isArray(sources) && !problems.some((q) => q.path.length === 1 && q.path[0] === 'sources')) {
    const seen = new Map<string, number>();
    sources.forEach((s, i) => {
      if (within(problems, ['sources', i])) return;
      const spec = checkSource(s as Record<string, Json>, ['sources', i], dir, pr);
      if (!spec) return;
      const real = fs.realpathSync(spec.path);
      const first = seen.get(real);
      if (first !== undefined) return pr.add(['sources', i, 'path'], `the same file as ${jsonPath(['sources', first])}; list each file once`);
      seen.set(real, i);
      out.sources.push(spec);
    });
  }
  for (const [key, what] of [['codes', 'code mapping table'], ['regions', 'region table']] as const) {
    if (typeof obj[key] === 'string' && !within(problems, [key])) {
      const f = existing(obj[key], dir, [key], pr, what);
      if (f !== undefined) out[key] = f;
    }
  }
  pr.throwIfAny();
  for (const key of ['year', 'gapDays', 'dataUntil', 'lookbackDays', 'compare', 'years', 'gaps', 'by', 'disclosure', 'threshold', 'rounding', 'labels', 'strict', 'includePgb'] as const) {
    if (obj[key] !== undefined) (out as unknown as Record<string, Json>)[key] = obj[key];
  }
  if (typeof obj['out'] === 'string') out.out = path.resolve(dir, obj['out']);
  if (typeof obj['ledger'] === 'string') out.ledger = path.resolve(dir, obj['ledger']);
  return out;
}

/** Reads and validates a run file; relative paths in it are relative to the run file. */
export function loadRunFile(file: string): RunFile {
  const where = `run ${file}`;
  return parseRunFile(readJson(file, where), where, path.dirname(path.resolve(file)));
}

// ---------------------------------------------------------------------------------------------
// Command-line settings

/** Settings given on the command line, under their run-file names (gapDays for --gap-days). */
export interface Options {
  year?: unknown;
  gapDays?: unknown;
  disclosure?: unknown;
  compare?: unknown;
  threshold?: unknown;
  rounding?: unknown;
  workers?: unknown;
  kind?: unknown;
  delimiter?: unknown;
  encoding?: unknown;
}

/** The option of a setting: gapDays -> --gap-days. */
export function optionName(key: string): string {
  return '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
}

/** A number when the command line gave one ('2021', '-5', '1.5'), else the text as it is, so that
 *  'abc' is reported as the string it is rather than as NaN. */
export function optionValue(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  return /^[+-]?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
}

/** Validates command-line settings with the run file's definitions ($defs/options): the same
 *  message as from a run file, after the option's name ("--gap-days: expected ..."). */
export function checkOptions(values: Options): void {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  const problems = schemaProblems('options', given);
  if (problems.length > 0) {
    throw new Error(problems.map((q) => `${optionName(String(q.path[0]))}: ${q.message}`).join('\n'));
  }
}

/** A matcher for the deliveryForm column: true when a value means PGB (trimmed, case-insensitive). */
export function pgbMatcher(values: readonly string[] = DEFAULT_PGB_VALUES): (value: string) => boolean {
  const set = new Set(values.map((v) => v.trim().toLowerCase()));
  return (value) => set.has(value.trim().toLowerCase());
}
