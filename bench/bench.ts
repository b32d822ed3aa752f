// Benchmark: traject's CLI against DuckDB on the same generated files, as child processes,
// alternating, several repetitions:
//   * the generator's default export (the mess of real exports) against the DuckDB reference
//     (test/reference/reference.sql, faithful and slow);
//   * the generator's clean export (`--clean`: ISO dates, ',', default columns) against the lean
//     SQL an analyst with such an export would write (test/reference/lean.sql), for allocations
//     and, reading the same files with --kind claims, for claims (issue 14).
//
//   npm run bench -- --rows 10000000 [--reps 3] [--workers 2] [--scaling] [--no-duckdb]
//                    [--lean-only] [--no-lean] [--no-claims] [--no-npx]
//
// Prints per tool the median wall time (spawn to exit; traject as `node bin/traject.js`), peak RSS
// (the child's own VmHWM, through the preloaded bench/rss-probe.js), rows
// per second and the ratios traject / reference and traject / lean SQL; then traject with
// --workers 1 and 2 (on the default export; with --lean-only on the clean one); and once what
// `npx traject` adds to `node bin/traject.js` at start-up. --scaling does the comparisons for 1, 2,
// 5 and 10 million rows. Also checks that DuckDB's figures equal traject's: every numerator and
// denominator (the lean SQL also the Kaplan-Meier values and SPEC 12's expected counts E).
// Only aggregate figures are printed: never a client key.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { generate, type GeneratedFiles } from '../src/generate/generate.js';
import type { SqlChildSpec } from './sql-child.js';
import type { LeanRow } from '../test/reference/lean-reference.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = new URL('./rss-probe.js', import.meta.url).href;
const SQL_CHILD = fileURLToPath(new URL('./sql-child.js', import.meta.url));
const GENERATOR = fileURLToPath(new URL('../src/generate/generate.js', import.meta.url));
/** Rows per client the generator writes on average (measured: 2.22 M rows for 1 M clients). */
const ROWS_PER_CLIENT = 2.2225;

interface Run {
  seconds: number;
  rssKB: number;
}
interface Dataset extends GeneratedFiles {
  dir: string;
  clients: number;
  bytes: number;
}

const argv = await yargs(hideBin(process.argv))
  .scriptName('bench')
  .option('rows', { type: 'number', default: 1_000_000, describe: 'approximate input rows' })
  .option('reps', { type: 'number', default: 3, describe: 'repetitions per tool' })
  .option('workers', { type: 'number', default: availableParallelism(), describe: 'traject --workers for the comparison' })
  .option('scaling', { type: 'boolean', default: false, describe: 'compare at 1, 2, 5 and 10 million rows' })
  .option('duckdb', { type: 'boolean', default: true, describe: 'run the DuckDB reference and the lean SQL (--no-duckdb: traject only)' })
  .option('lean', { type: 'boolean', default: true, describe: 'also compare on a clean export with the lean SQL (test/reference/lean.sql)' })
  .option('lean-only', { type: 'boolean', default: false, describe: 'only the clean export and the lean SQL: no default export, no reference.sql' })
  .option('claims', { type: 'boolean', default: true, describe: 'on the clean export also traject --kind claims against the lean SQL for claims' })
  .option('npx', { type: 'boolean', default: true, describe: 'measure what `npx traject` adds to `node bin/traject.js` at start-up' })
  .option('year', { type: 'number', default: 2021 })
  .option('seed', { type: 'number', default: 1 })
  .strictOptions()
  .parseAsync();

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtRows = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(1)} k`);
const fmtMB = (kb: number): string => `${Math.round(kb / 1024)} MB`;
const log = (s: string): void => void process.stdout.write(s + '\n');

/**
 * Generated data, cached in .cache/bench/<rows>/ (the clean export in <rows>-clean/), regenerated
 * when the generator changed. The clean export holds the same products as the default one for the
 * same clients, without the rows a reader rejects.
 */
async function dataset(rows: number, clean = false): Promise<Dataset> {
  const dir = join(REPO, '.cache', 'bench', `${rows}${clean ? '-clean' : ''}`);
  const fingerprint = createHash('sha256').update(readFileSync(GENERATOR)).digest('hex').slice(0, 16);
  const clients = Math.max(1, Math.round(rows / ROWS_PER_CLIENT));
  const opts = { clients, seed: argv.seed, year: argv.year, ...(clean ? { clean } : {}) };
  const metaPath = join(dir, 'meta.json');
  if (existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Dataset & { fingerprint: string; opts: typeof opts };
    if (meta.fingerprint === fingerprint && JSON.stringify(meta.opts) === JSON.stringify(opts)) return meta;
  }
  // Generate into a folder of our own and rename it into place, so that two benchmarks started at
  // the same time never read half-written files.
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const t0 = performance.now();
  const g = await generate(join(tmp, 'data'), opts);
  const s = (performance.now() - t0) / 1000;
  const bytes = g.inputs.reduce((a, p) => a + statSync(p).size, 0);
  log(`generated ${clean ? 'a clean export of ' : ''}${fmtRows(g.rows)} rows (${clients} clients, ${Math.round(bytes / 1e6)} MB) in ${s.toFixed(1)} s: ${fmtRows(g.rows / s)} rows/s`);
  const moved = (p: string): string => join(dir, relative(tmp, p));
  const d: Dataset = { inputs: g.inputs.map(moved), codes: moved(g.codes), regions: moved(g.regions), rows: g.rows, dir, clients, bytes };
  writeFileSync(join(tmp, 'meta.json'), JSON.stringify({ ...d, fingerprint, opts }, null, 1));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return d;
}

/** Runs `node --import rss-probe <args>`; wall time from spawn to exit, peak RSS from the probe. */
function timed(args: string[], label: string): Promise<Run> {
  const rssFile = join(REPO, '.cache', 'bench', `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', PROBE, ...args], {
      cwd: REPO,
      env: { ...process.env, TRAJECT_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 4000) err += b.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      // Error output of both children names files, lines and columns, never row values (traject by
      // design, the DuckDB child keeps only the first line of DuckDB's message).
      if (code !== 0) return reject(new Error(`${label} failed (exit ${code}): ${err.trim()}`));
      const rssKB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      rmSync(rssFile, { force: true });
      resolve({ seconds, rssKB });
    });
  });
}

type Kind = 'allocations' | 'claims';
function trajectArgs(d: Dataset, workers: number, out: string, kind: Kind = 'allocations'): string[] {
  return [
    join(REPO, 'bin', 'traject.js'), 'analyse',
    '--input', ...d.inputs, '--codes', d.codes, '--regions', d.regions,
    '--year', String(argv.year), '--out', out, '--workers', String(workers), '--disclosure', 'off', '--quiet',
    ...(kind === 'claims' ? ['--kind', 'claims'] : []),
  ];
}
function leanArgs(d: Dataset, out: string, kind: Kind): string[] {
  const spec = join(d.dir, `lean-spec-${kind}-${process.pid}.json`);
  const sql: SqlChildSpec = { sql: 'lean', inputs: d.inputs, codes: d.codes, regions: d.regions, year: argv.year, kind };
  writeFileSync(spec, JSON.stringify(sql));
  return [SQL_CHILD, spec, out];
}
function duckArgs(d: Dataset, out: string): string[] {
  const spec = join(d.dir, `duckdb-spec-${process.pid}.json`);
  const sql: SqlChildSpec = { sql: 'reference', inputs: d.inputs, codes: d.codes, regions: d.regions, year: argv.year };
  writeFileSync(spec, JSON.stringify(sql));
  return [SQL_CHILD, spec, out];
}

interface Counts {
  numerator: number | null;
  denominator: number | null;
}
interface Row extends Counts {
  value?: number | null;
  level: string;
  area: string;
  data_kind: string;
  measure: string;
  category: string;
  bucket: string;
}
const keyOf = (r: Row): string => [r.level, r.area, r.data_kind, r.measure, r.category, r.bucket].join('|');

/** Differences between traject's metrics.json and the DuckDB rows (aggregate rows only). */
function compare(trajectOut: string, duckOut: string): string[] {
  const raw = JSON.parse(readFileSync(join(trajectOut, 'metrics.json'), 'utf8')) as Row[] | { rows: Row[] };
  const t = new Map((Array.isArray(raw) ? raw : raw.rows).map((r) => [keyOf(r), r]));
  const d = new Map((JSON.parse(readFileSync(duckOut, 'utf8')) as Row[]).map((r) => [keyOf(r), r]));
  const out: string[] = [];
  for (const [k, r] of d) {
    const e = t.get(k);
    if (!e) out.push(`only in DuckDB: ${k}`);
    else if (e.numerator !== r.numerator || e.denominator !== r.denominator)
      out.push(`${k}: traject ${e.numerator}/${e.denominator}, DuckDB ${r.numerator}/${r.denominator}`);
  }
  for (const k of t.keys()) if (!d.has(k)) out.push(`only in traject: ${k}`);
  return out;
}

/** traject's comparisons.csv: the standardised rows' expected count E by area, measure and bucket. */
function expectedOf(trajectOut: string): Map<string, number | null> {
  const lines = readFileSync(join(trajectOut, 'comparisons.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  // The aggregate rows of an internal run hold no quoted field with a comma; split plainly, by name.
  const head = lines[0].split(',');
  const col = (name: string): number => head.indexOf(name);
  const out = new Map<string, number | null>();
  for (const l of lines.slice(1)) {
    const f = l.split(',');
    if (f.length !== head.length) throw new Error('comparisons.csv: a row with a quoted comma');
    if (f[col('method')] !== 'standardised') continue;
    const e = f[col('expected')];
    out.set([f[col('area')], f[col('data_kind')], f[col('measure')], f[col('bucket')]].join('|'), e === '' ? null : Number(e));
  }
  return out;
}

/** The Kaplan-Meier measures, whose value the lean SQL computes itself (metrics.json rounds it to 4 decimals). */
const SURVIVAL = new Set(['in_trajectory_after', 'trajectory_duration_median']);
const near = (a: number | null | undefined, b: number | null | undefined, tol: number): boolean =>
  a === null || a === undefined || b === null || b === undefined ? (a ?? null) === (b ?? null) : Math.abs(a - b) <= tol;

/**
 * Differences between traject's outputs and the lean SQL's rows: every metrics row's numerator and
 * denominator, the Kaplan-Meier values, and E of every standardised comparison (aggregates only).
 */
function compareLean(trajectOut: string, leanOut: string): string[] {
  const out = compare(trajectOut, leanOut).map((m) => m.replace('DuckDB', 'lean SQL'));
  const raw = JSON.parse(readFileSync(join(trajectOut, 'metrics.json'), 'utf8')) as Row[] | { rows: Row[] };
  const t = new Map((Array.isArray(raw) ? raw : raw.rows).map((r) => [keyOf(r), r]));
  const lean = JSON.parse(readFileSync(leanOut, 'utf8')) as LeanRow[];
  for (const r of lean) {
    const e = t.get(keyOf(r));
    if (e && SURVIVAL.has(r.measure) && !near(e.value, r.value, 5e-5 + 1e-9)) out.push(`${keyOf(r)}: traject value ${e.value}, lean SQL ${r.value}`);
  }
  const te = expectedOf(trajectOut);
  const le = new Map(lean.filter((r) => r.expected !== null).map((r) => [[r.area, r.data_kind, r.measure, r.bucket].join('|'), r.expected]));
  for (const [k, e] of le) {
    if (!te.has(k)) out.push(`E only in lean SQL: ${k}`);
    else if (!near(te.get(k), e, 5e-5 + 1e-9 * Math.abs(e ?? 0))) out.push(`E of ${k}: traject ${te.get(k)}, lean SQL ${e}`);
  }
  for (const k of te.keys()) if (!le.has(k)) out.push(`E only in traject: ${k}`);
  return out;
}

interface Result {
  rows: number;
  bytes: number;
  traject: Run[];
  duckdb: Run[];
  workers: Record<number, Run[]>;
  mismatches: string[] | null;
}
/** traject and the lean SQL on the clean export, per data kind. */
interface LeanResult {
  rows: number;
  bytes: number;
  kinds: Partial<Record<Kind, { traject: Run[]; lean: Run[]; mismatches: string[] | null }>>;
  workers: Record<number, Run[]>;
}

/** Repetitions of the runs, alternating which goes first, so neither always meets a warm (or a cold) page cache. */
async function alternate(runs: { label: string; args: () => string[]; into: Run[] }[]): Promise<void> {
  for (let rep = 0; rep < argv.reps; rep++) {
    const order = rep % 2 === 0 ? runs : [...runs].reverse();
    for (const r of order) {
      const x = await timed(r.args(), r.label);
      r.into.push(x);
      log(`  rep ${rep + 1} ${r.label}: ${x.seconds.toFixed(2)} s, ${fmtMB(x.rssKB)}`);
    }
  }
}

/** traject with each other worker count, argv.reps times. */
async function workerRuns(d: Dataset, out: string, workerCounts: number[], into: Record<number, Run[]>): Promise<void> {
  for (const w of workerCounts) {
    if (w === argv.workers) continue;
    into[w] = [];
    for (let rep = 0; rep < argv.reps; rep++) {
      const r = await timed(trajectArgs(d, w, out), `traject --workers ${w}`);
      into[w].push(r);
      log(`  rep ${rep + 1} traject --workers ${w}: ${r.seconds.toFixed(2)} s, ${fmtMB(r.rssKB)}`);
    }
  }
}

async function compareAt(rows: number, workerCounts: number[]): Promise<Result> {
  const d = await dataset(rows);
  // Outputs per benchmark process: another benchmark may use the same cached data at the same time.
  const tOut = join(d.dir, `out-traject-${process.pid}`);
  const dOut = join(d.dir, `out-duckdb-${process.pid}.json`);
  const res: Result = { rows: d.rows, bytes: d.bytes, traject: [], duckdb: [], workers: {}, mismatches: null };
  await alternate([
    { label: `traject --workers ${argv.workers}`, args: () => trajectArgs(d, argv.workers, tOut), into: res.traject },
    ...(argv.duckdb ? [{ label: 'duckdb', args: () => duckArgs(d, dOut), into: res.duckdb }] : []),
  ]);
  if (argv.duckdb) res.mismatches = compare(tOut, dOut);
  res.workers[argv.workers] = res.traject;
  await workerRuns(d, tOut, workerCounts, res.workers);
  for (const p of [tOut, dOut, join(d.dir, `duckdb-spec-${process.pid}.json`)]) rmSync(p, { recursive: true, force: true });
  return res;
}

async function leanAt(rows: number, workerCounts: number[]): Promise<LeanResult> {
  const d = await dataset(rows, true);
  const res: LeanResult = { rows: d.rows, bytes: d.bytes, kinds: {}, workers: {} };
  const kinds: Kind[] = argv.claims ? ['allocations', 'claims'] : ['allocations'];
  const temp: string[] = [];
  for (const kind of kinds) {
    const tOut = join(d.dir, `out-traject-${kind}-${process.pid}`);
    const lOut = join(d.dir, `out-lean-${kind}-${process.pid}.json`);
    temp.push(tOut, lOut, join(d.dir, `lean-spec-${kind}-${process.pid}.json`));
    const k = (res.kinds[kind] = { traject: [] as Run[], lean: [] as Run[], mismatches: null as string[] | null });
    const what = kind === 'claims' ? ' --kind claims' : '';
    await alternate([
      { label: `clean: traject --workers ${argv.workers}${what}`, args: () => trajectArgs(d, argv.workers, tOut, kind), into: k.traject },
      ...(argv.duckdb ? [{ label: `clean: lean SQL (${kind})`, args: () => leanArgs(d, lOut, kind), into: k.lean }] : []),
    ]);
    if (argv.duckdb) k.mismatches = compareLean(tOut, lOut);
    if (kind === 'allocations') {
      res.workers[argv.workers] = k.traject;
      await workerRuns(d, tOut, workerCounts, res.workers);
    }
  }
  for (const p of temp) rmSync(p, { recursive: true, force: true });
  return res;
}

/** Median wall time of `node bin/traject.js --version` and of `npx traject --version` (npx's own start-up). */
async function npxStartup(reps: number): Promise<{ node: number; npx: number }> {
  const npx = join(dirname(process.execPath), 'npx');
  const wall = (cmd: string, args: string[]): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(cmd, args, { cwd: REPO, stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve((performance.now() - t0) / 1000) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}`))));
    });
  const node: number[] = [];
  const viaNpx: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    node.push(await wall(process.execPath, [join(REPO, 'bin', 'traject.js'), '--version']));
    viaNpx.push(await wall(existsSync(npx) ? npx : 'npx', ['traject', '--version']));
  }
  return { node: median(node), npx: median(viaNpx) };
}

const line = (tool: string, rows: number, runs: Run[]): string => {
  const s = median(runs.map((x) => x.seconds));
  return `${tool.padEnd(34)} ${s.toFixed(2).padStart(8)} s  ${fmtMB(Math.max(...runs.map((x) => x.rssKB))).padStart(9)}  ${fmtRows(rows / s).padStart(9)} rows/s`;
};
const ratioOf = (a: Run[], b: Run[]): { time: number; rss: number } => ({
  time: median(a.map((x) => x.seconds)) / median(b.map((x) => x.seconds)),
  rss: Math.max(...a.map((x) => x.rssKB)) / Math.max(...b.map((x) => x.rssKB)),
});
function workerLines(rows: number, workers: Record<number, Run[]>): string[] {
  const ws = Object.keys(workers).map(Number).sort((a, b) => a - b);
  if (ws.length < 2) return [];
  const base = median(workers[ws[0]].map((x) => x.seconds));
  return ws.map((w) => `${line(`traject --workers ${w}`, rows, workers[w])}  speed-up ${(base / median(workers[w].map((x) => x.seconds))).toFixed(2)}`);
}
function mismatchLines(what: string, m: string[] | null): string[] {
  if (!m) return [];
  if (m.length === 0) return [`figures: ${what} = traject (every numerator and denominator${what === 'DuckDB' ? '' : ', Kaplan-Meier values, E'})`];
  return [`figures: ${m.length} differences between ${what} and traject:`, ...m.slice(0, 20).map((x) => '  ' + x)];
}

function summary(r: Result): string[] {
  const out = [`default export: ${fmtRows(r.rows)} rows, ${Math.round(r.bytes / 1e6)} MB of CSV, ${argv.reps} reps (median wall time, peak RSS, rows/s):`];
  out.push(line(`traject --workers ${argv.workers}`, r.rows, r.traject));
  if (r.duckdb.length) {
    out.push(line('duckdb (reference.sql)', r.rows, r.duckdb));
    const q = ratioOf(r.traject, r.duckdb);
    out.push(`traject / duckdb reference: time ${q.time.toFixed(2)}, peak RSS ${q.rss.toFixed(2)}`);
  }
  out.push(...workerLines(r.rows, r.workers), ...mismatchLines('DuckDB', r.mismatches));
  return out;
}

function leanSummary(r: LeanResult): string[] {
  const out = [`clean export: ${fmtRows(r.rows)} rows, ${Math.round(r.bytes / 1e6)} MB of CSV, ${argv.reps} reps (median wall time, peak RSS, rows/s):`];
  for (const [kind, k] of Object.entries(r.kinds)) {
    out.push(line(`traject --workers ${argv.workers}${kind === 'claims' ? ' --kind claims' : ''}`, r.rows, k.traject));
    if (k.lean.length) {
      out.push(line(`lean SQL (${kind})`, r.rows, k.lean));
      const q = ratioOf(k.traject, k.lean);
      out.push(`traject / lean SQL (${kind}): time ${q.time.toFixed(2)}, peak RSS ${q.rss.toFixed(2)}`);
    }
  }
  out.push(...workerLines(r.rows, r.workers));
  for (const [kind, k] of Object.entries(r.kinds)) out.push(...mismatchLines(`lean SQL (${kind})`, k.mismatches));
  return out;
}

mkdirSync(join(REPO, '.cache', 'bench'), { recursive: true });
const results: Result[] = [];
const leanResults: LeanResult[] = [];
const full = !argv['lean-only'];
const lean = argv.lean || argv['lean-only'];
if (argv.scaling) {
  for (const rows of [1_000_000, 2_000_000, 5_000_000, 10_000_000]) {
    log(`== ${fmtRows(rows)} rows`);
    if (full) results.push(await compareAt(rows, []));
    if (lean) leanResults.push(await leanAt(rows, []));
  }
  log('');
  const med = (runs: Run[] | undefined): number => (runs?.length ? median(runs.map((x) => x.seconds)) : NaN);
  const rss = (runs: Run[] | undefined): string => (runs?.length ? fmtMB(Math.max(...runs.map((x) => x.rssKB))) : '-');
  const num = (x: number, digits = 2): string => (Number.isNaN(x) ? '-' : x.toFixed(digits));
  if (full) {
    log(`default export: rows  traject s  rows/s     RSS       duckdb s  rows/s     RSS       time ratio  (workers ${argv.workers}, median of ${argv.reps})`);
    for (const r of results) {
      const t = med(r.traject);
      const dk = med(r.duckdb);
      log([fmtRows(r.rows).padEnd(21), num(t).padStart(9), fmtRows(r.rows / t).padStart(9), rss(r.traject).padStart(9),
        num(dk).padStart(9), (Number.isNaN(dk) ? '-' : fmtRows(r.rows / dk)).padStart(9), rss(r.duckdb).padStart(9), num(t / dk).padStart(11)].join(' '));
    }
  }
  if (lean) {
    log(`clean export: rows    traject s  RSS       lean SQL s  RSS       ratio  claims: traject s  RSS       lean SQL s  RSS       ratio`);
    for (const r of leanResults) {
      const a = r.kinds.allocations;
      const c = r.kinds.claims;
      log([fmtRows(r.rows).padEnd(21), num(med(a?.traject)).padStart(9), rss(a?.traject).padStart(9), num(med(a?.lean)).padStart(11), rss(a?.lean).padStart(9),
        num(med(a?.traject) / med(a?.lean)).padStart(6), num(med(c?.traject)).padStart(18), rss(c?.traject).padStart(9), num(med(c?.lean)).padStart(11),
        rss(c?.lean).padStart(9), num(med(c?.traject) / med(c?.lean)).padStart(6)].join(' '));
    }
  }
  for (const r of results) if (r.mismatches?.length) log(`${fmtRows(r.rows)}: ${r.mismatches.length} differences between DuckDB and traject`);
  for (const r of leanResults)
    for (const [kind, k] of Object.entries(r.kinds)) if (k.mismatches?.length) log(`${fmtRows(r.rows)} clean: ${k.mismatches.length} differences between the lean SQL (${kind}) and traject`);
} else {
  log(`== ${fmtRows(argv.rows)} rows`);
  // The worker comparison runs on the default export, or with --lean-only on the clean one.
  if (full) results.push(await compareAt(argv.rows, [1, 2]));
  if (lean) leanResults.push(await leanAt(argv.rows, full ? [] : [1, 2]));
  log('');
  for (const r of results) for (const l of summary(r)) log(l);
  for (const r of leanResults) for (const l of leanSummary(r)) log(l);
  if (results[0]?.duckdb.length && leanResults[0]?.kinds.allocations?.lean.length) {
    const a = leanResults[0].kinds.allocations;
    const c = leanResults[0].kinds.claims;
    log(`time ratios: traject / reference.sql ${ratioOf(results[0].traject, results[0].duckdb).time.toFixed(2)} (default export), ` +
      `traject / lean SQL ${ratioOf(a.traject, a.lean).time.toFixed(2)} (clean export)` +
      (c?.lean.length ? `, traject --kind claims / lean SQL for claims ${ratioOf(c.traject, c.lean).time.toFixed(2)}` : ''));
  }
}
if (argv.npx) {
  const n = await npxStartup(Math.max(3, argv.reps));
  log(`start-up (--version, median of ${Math.max(3, argv.reps)}): node bin/traject.js ${n.node.toFixed(2)} s, npx traject ${n.npx.toFixed(2)} s: npx adds ${(n.npx - n.node).toFixed(2)} s`);
}
writeFileSync(join(REPO, '.cache', 'bench', `results-${argv.scaling ? 'scaling' : argv.rows}.json`), JSON.stringify({ results, lean: leanResults }, null, 1));
if (results.some((r) => r.mismatches && r.mismatches.length > 0) || leanResults.some((r) => Object.values(r.kinds).some((k) => k.mismatches && k.mismatches.length > 0)))
  process.exitCode = 1;
