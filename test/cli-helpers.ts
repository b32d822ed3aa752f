// Helpers for the end-to-end tests that run the built CLI (`node bin/traject.js ...`) as a child
// process, the way a user runs it. `npm test` builds dist/ first; these helpers only check it is there.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SPEC_CODES } from './spec-cases.js';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(REPO, 'bin/traject.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BUNDLE = join(REPO, 'dist/src/traject.bundle.mjs');
/** `npm test` builds dist/ first; these helpers only check it is there. */
function requireBuilt(): void {
  if (!existsSync(BUNDLE)) throw new Error('dist/ is missing: run `npm run build` (npm test does)');
}

/** Runs `node bin/traject.js ...args` from the repository root; stdout/stderr are pipes, not a TTY. */
export function traject(args: readonly string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  requireBuilt();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, encoding: 'utf8', timeout: 60_000, env: opts.env ? { ...process.env, ...opts.env } : process.env });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let bundle: Promise<{ main: (argv: string[]) => Promise<number> }> | null = null;

/**
 * The same command in this process: the CLI bundle `bin/traject.js` loads, its `main(argv)`
 * with the working folder set and stdout and stderr captured, its exit code returned. A
 * process costs about 0.3 s of CPU to start and load the bundle and runs its code cold; the
 * tests of what a command writes and prints run here (about 0.2 s a small run instead of 1 s),
 * those of the process itself (exit status, environment, signals, a terminal) with traject().
 * One command at a time: it changes the working folder and the streams' write functions.
 */
export async function cli(args: readonly string[], opts: { cwd?: string } = {}): Promise<CliResult> {
  requireBuilt();
  bundle ??= import(pathToFileURL(BUNDLE).href) as Promise<{ main: (argv: string[]) => Promise<number> }>;
  const { main } = await bundle;
  const out: string[] = [];
  const err: string[] = [];
  const grab = (into: string[]) => (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    (rest.find((x) => typeof x === 'function') as (() => void) | undefined)?.();
    return true;
  };
  const restore = [
    swap(process.stdout, 'write', grab(out)),
    swap(process.stderr, 'write', grab(err)),
    swap(console, 'log', (...xs: unknown[]) => void out.push(xs.map(String).join(' ') + '\n')),
    swap(console, 'error', (...xs: unknown[]) => void err.push(xs.map(String).join(' ') + '\n')),
    // yargs exits the process after --help and --version: those run as a process (traject()).
    swap(process, 'exit', (c?: number) => { throw new Error(`the CLI called process.exit(${c}): run this command with traject()`); }),
  ];
  const here = process.cwd();
  try {
    process.chdir(opts.cwd ?? REPO);
    const code = await main([...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.chdir(here);
    for (const r of restore.reverse()) r();
  }
}

/** Sets obj[key] to value; the function returned puts back what was there (an own property, or none). */
function swap(obj: object, key: string, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(obj, key);
  Object.defineProperty(obj, key, { value, configurable: true, writable: true });
  return () => {
    if (own) Object.defineProperty(obj, key, own);
    else delete (obj as Record<string, unknown>)[key];
  };
}

/** Every file under `dir` (recursively), by path relative to `dir`, as bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** A small RFC 4180 parser for the outputs (handles quotes, "" escapes, CRLF or LF). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let q = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      rows.push(row); row = [];
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** CSV text as objects keyed by the header row. */
export function csvObjects(text: string, delimiter = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, delimiter);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

export type MetricsRow = Record<string, string>;

/** The metrics.csv row for one figure: level/area, data kind, measure, category, bucket. */
export function metric(rows: readonly MetricsRow[], q: { area: string; measure: string; category?: string; bucket?: string; kind?: string }): MetricsRow | undefined {
  const level = q.area === 'all' ? 'all' : undefined;
  return rows.find((r) =>
    r.area === q.area && (level === undefined || r.level === level) && r.measure === q.measure &&
    r.data_kind === (q.kind ?? 'allocations') && r.category === (q.category ?? '') && r.bucket === (q.bucket ?? ''));
}

/** [numerator, denominator, value, status] of a figure as printed, for compact assertions. */
export function cells(rows: readonly MetricsRow[], q: Parameters<typeof metric>[1]): [string, string, string, string] | undefined {
  const r = metric(rows, q);
  return r && [r.numerator, r.denominator, r.value, r.status];
}

/** Names in `dir` that are leftovers of an atomic write (`.name.tmp-PID`, `.name.old-PID`). */
export function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => /\.(tmp|old)-\d+$/.test(n));
}

/** The mapping table and regions of test/spec-cases.ts, plus a few more municipalities for region Noord. */
export const CODES_CSV = SPEC_CODES;

export const REGIONS_CSV = 'gemeente,regio\nGM0014,Noord\nGM0034,Noord\nGM0037,Noord\nGM0047,Noord\nGM0050,Noord\nGM0363,West\n';

/** `n` distinct 9-digit strings passing the elfproef (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11),
 *  from a seed; any digit may be 0, also the first. */
export function bsns(n: number, seed: number): string[] {
  const out = new Set<string>();
  let x = seed >>> 0;
  const digit = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 16) % 10;
  };
  while (out.size < n) {
    const d = Array.from({ length: 8 }, digit);
    const s = d.reduce((acc, v, i) => acc + (9 - i) * v, 0);
    const d9 = s % 11; // s - d9 must be divisible by 11: d9 = s mod 11, when that is one digit
    if (d9 === 10 || (s === 0 && d9 === 0)) continue;
    out.add(d.join('') + String(d9));
  }
  return [...out];
}

/** The elfproef, written out again here (independent of src/read/bsn.ts). */
export function elfproef(s: string): boolean {
  if (!/^\d{9}$/.test(s) || /^0+$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(s[i]);
  return (sum - Number(s[8])) % 11 === 0;
}

/** The metrics.csv rows of a run's output folder. */
export const metricsOf = (out: string): MetricsRow[] => csvObjects(readFileSync(join(out, 'metrics.csv'), 'utf8'));
/** The parsed manifest.json of a run's output folder. */
export const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
