// Benchmark: traject's CLI against the DuckDB reference (test/reference/reference.sql) on the same
// generated files, as child processes, alternating, several repetitions.
//
//   npm run bench -- --rows 10000000 [--reps 3] [--workers 2] [--scaling] [--no-duckdb]
//
// Prints per tool the median wall time, peak RSS (the child's own process.resourceUsage().maxRSS,
// through the preloaded bench/rss-probe.js), rows per second and the ratio traject / DuckDB; then
// traject with --workers 1 and 2. --scaling does the comparison for 1, 2, 5 and 10 million rows.
// Also checks that DuckDB's figures equal traject's (every numerator and denominator).
// Only aggregate figures are printed: never a client key.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { generate, type GeneratedFiles } from '../src/generate/generate.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = new URL('./rss-probe.js', import.meta.url).href;
const DUCK_CHILD = fileURLToPath(new URL('./duckdb-child.js', import.meta.url));
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
  .option('duckdb', { type: 'boolean', default: true, describe: 'run the DuckDB reference (--no-duckdb: traject only)' })
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

/** Generated data, cached in .cache/bench/<rows>/ (regenerated when the generator changed). */
async function dataset(rows: number): Promise<Dataset> {
  const dir = join(REPO, '.cache', 'bench', String(rows));
  const fingerprint = createHash('sha256').update(readFileSync(GENERATOR)).digest('hex').slice(0, 16);
  const clients = Math.max(1, Math.round(rows / ROWS_PER_CLIENT));
  const opts = { clients, seed: argv.seed, year: argv.year };
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
  log(`generated ${fmtRows(g.rows)} rows (${clients} clients, ${Math.round(bytes / 1e6)} MB) in ${s.toFixed(1)} s: ${fmtRows(g.rows / s)} rows/s`);
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

function trajectArgs(d: Dataset, workers: number, out: string): string[] {
  return [
    join(REPO, 'bin', 'traject.js'), 'analyse',
    '--input', ...d.inputs, '--codes', d.codes, '--regions', d.regions,
    '--year', String(argv.year), '--out', out, '--workers', String(workers), '--disclosure', 'off', '--quiet',
  ];
}
function duckArgs(d: Dataset, out: string): string[] {
  const spec = join(d.dir, `duckdb-spec-${process.pid}.json`);
  writeFileSync(spec, JSON.stringify({ inputs: d.inputs, codes: d.codes, regions: d.regions, year: argv.year }));
  return [DUCK_CHILD, spec, out];
}

interface Counts {
  numerator: number | null;
  denominator: number | null;
}
interface Row extends Counts {
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

interface Result {
  rows: number;
  bytes: number;
  traject: Run[];
  duckdb: Run[];
  workers: Record<number, Run[]>;
  mismatches: string[] | null;
}

async function compareAt(rows: number, workerCounts: number[]): Promise<Result> {
  const d = await dataset(rows);
  // Outputs per benchmark process: another benchmark may use the same cached data at the same time.
  const tOut = join(d.dir, `out-traject-${process.pid}`);
  const dOut = join(d.dir, `out-duckdb-${process.pid}.json`);
  const res: Result = { rows: d.rows, bytes: d.bytes, traject: [], duckdb: [], workers: {}, mismatches: null };
  for (let rep = 0; rep < argv.reps; rep++) {
    // Alternate which tool goes first, so neither always meets a warm (or a cold) page cache.
    const order = rep % 2 === 0 ? ['traject', 'duckdb'] : ['duckdb', 'traject'];
    for (const tool of order) {
      if (tool === 'traject') {
        const r = await timed(trajectArgs(d, argv.workers, tOut), 'traject');
        res.traject.push(r);
        log(`  rep ${rep + 1} traject --workers ${argv.workers}: ${r.seconds.toFixed(2)} s, ${fmtMB(r.rssKB)}`);
      } else if (argv.duckdb) {
        const r = await timed(duckArgs(d, dOut), 'duckdb');
        res.duckdb.push(r);
        log(`  rep ${rep + 1} duckdb: ${r.seconds.toFixed(2)} s, ${fmtMB(r.rssKB)}`);
      }
    }
  }
  if (argv.duckdb) res.mismatches = compare(tOut, dOut);
  res.workers[argv.workers] = res.traject;
  for (const w of workerCounts) {
    if (w === argv.workers) continue;
    res.workers[w] = [];
    for (let rep = 0; rep < argv.reps; rep++) {
      const r = await timed(trajectArgs(d, w, tOut), `traject --workers ${w}`);
      res.workers[w].push(r);
      log(`  rep ${rep + 1} traject --workers ${w}: ${r.seconds.toFixed(2)} s, ${fmtMB(r.rssKB)}`);
    }
  }
  for (const p of [tOut, dOut, join(d.dir, `duckdb-spec-${process.pid}.json`)]) rmSync(p, { recursive: true, force: true });
  return res;
}

function summary(r: Result): string[] {
  const line = (tool: string, runs: Run[]): string => {
    const s = median(runs.map((x) => x.seconds));
    return `${tool.padEnd(22)} ${s.toFixed(2).padStart(8)} s  ${fmtMB(Math.max(...runs.map((x) => x.rssKB))).padStart(9)}  ${fmtRows(r.rows / s).padStart(9)} rows/s`;
  };
  const out = [`${fmtRows(r.rows)} rows, ${Math.round(r.bytes / 1e6)} MB of CSV, ${argv.reps} reps (median wall time, peak RSS, rows/s):`];
  out.push(line(`traject --workers ${argv.workers}`, r.traject));
  if (r.duckdb.length) {
    out.push(line('duckdb (reference.sql)', r.duckdb));
    const ratio = median(r.traject.map((x) => x.seconds)) / median(r.duckdb.map((x) => x.seconds));
    const rss = Math.max(...r.traject.map((x) => x.rssKB)) / Math.max(...r.duckdb.map((x) => x.rssKB));
    out.push(`traject / duckdb: time ${ratio.toFixed(2)}, peak RSS ${rss.toFixed(2)}`);
  }
  const ws = Object.keys(r.workers).map(Number).sort((a, b) => a - b);
  if (ws.length > 1) {
    const base = median(r.workers[ws[0]].map((x) => x.seconds));
    for (const w of ws) {
      const s = median(r.workers[w].map((x) => x.seconds));
      out.push(`${line(`traject --workers ${w}`, r.workers[w])}  speed-up ${(base / s).toFixed(2)}`);
    }
  }
  if (r.mismatches) {
    out.push(r.mismatches.length === 0 ? 'figures: DuckDB = traject (every numerator and denominator)' : `figures: ${r.mismatches.length} differences between DuckDB and traject:`);
    for (const m of r.mismatches.slice(0, 20)) out.push('  ' + m);
  }
  return out;
}

mkdirSync(join(REPO, '.cache', 'bench'), { recursive: true });
const results: Result[] = [];
if (argv.scaling) {
  for (const rows of [1_000_000, 2_000_000, 5_000_000, 10_000_000]) {
    log(`== ${fmtRows(rows)} rows`);
    results.push(await compareAt(rows, []));
  }
  log('');
  log(`rows       traject s  rows/s     RSS       duckdb s  rows/s     RSS       time ratio  (workers ${argv.workers}, median of ${argv.reps})`);
  for (const r of results) {
    const t = median(r.traject.map((x) => x.seconds));
    const dk = r.duckdb.length ? median(r.duckdb.map((x) => x.seconds)) : NaN;
    const rss = (runs: Run[]): string => (runs.length ? fmtMB(Math.max(...runs.map((x) => x.rssKB))) : '-');
    log(
      [fmtRows(r.rows).padEnd(10), t.toFixed(2).padStart(9), fmtRows(r.rows / t).padStart(9), rss(r.traject).padStart(9),
        (r.duckdb.length ? dk.toFixed(2) : '-').padStart(9), (r.duckdb.length ? fmtRows(r.rows / dk) : '-').padStart(9), rss(r.duckdb).padStart(9),
        (r.duckdb.length ? (t / dk).toFixed(2) : '-').padStart(11)].join(' '),
    );
  }
  for (const r of results) if (r.mismatches?.length) log(`${fmtRows(r.rows)}: ${r.mismatches.length} differences between DuckDB and traject`);
} else {
  log(`== ${fmtRows(argv.rows)} rows`);
  const r = await compareAt(argv.rows, [1, 2]);
  results.push(r);
  log('');
  for (const l of summary(r)) log(l);
}
writeFileSync(join(REPO, '.cache', 'bench', `results-${argv.scaling ? 'scaling' : argv.rows}.json`), JSON.stringify(results, null, 1));
if (results.some((r) => r.mismatches && r.mismatches.length > 0)) process.exitCode = 1;
