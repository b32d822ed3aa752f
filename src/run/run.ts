// A run, end to end: read sources -> parse chunks in workers -> aggregate client partitions in
// workers -> merge -> metrics -> disclosure control. Writing the outputs is src/output's job.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { DATA_KINDS, gmLabel, type MetricRow } from '../model/model.js';
import { mergeInto, type Counters } from '../measures/counters.js';
import { buildMetrics } from '../measures/metrics.js';
import { MapStatus } from '../model/rows.js';
import { emptyStats, fromMonthKey, mergeStats, type RunStats } from '../measures/stats.js';
import { applyDisclosure, DEFAULT_DISCLOSURE, type DisclosureSettings } from '../disclosure/disclosure.js';
import { ledgerHolds, ledgerManifest, type Ledger } from '../disclosure/ledger.js';
import { municipalityLabels, relabel } from '../disclosure/labels.js';
import { lastRecordBoundary } from '../read/csv.js';
import { compareAreas, relabelComparisons, type Comparison } from '../compare/compare.js';
import { qualityWarnings } from './quality.js';
import { bsnVerdict, mergeSamples } from '../read/bsn.js';
import { REASONS } from '../normalise/normalise.js';
import { loadCodes } from '../mapping/codes-file.js';
import { cohortYear } from '../model/calendar.js';
import { loadRegions } from '../mapping/regions.js';
import { publishedCount } from '../disclosure/rounding.js';
import { RunError } from '../model/errors.js';
import { openSource, type OpenedSource, type SourceSpec } from '../read/sources.js';
import type { AggregateResult, AggregateTask, ParsedChunk, ParseTask, WorkerSetup } from './tasks.js';
import type { ChunkDict } from '../model/rows.js';
import { ENGINE_VERSION, type Manifest, type RejectEntry, type SourceAccount } from './manifest.js';

export interface RunOptions {
  inputs: (string | SourceSpec)[];
  codes: string;
  regions?: string;
  year: number;
  gapDays?: number;
  workers?: number;
  /** Read every plain --input as this kind (default allocations). */
  kind?: 'allocations' | 'claims';
  disclosure?: 'off' | 'cbs';
  threshold?: number;
  roundingBase?: number;
  labels?: boolean;
  strict?: boolean;
  includePgb?: boolean;
  /** A publication ledger: cells whose exact counts differ from an earlier publication by a small number are held back. */
  ledger?: Ledger;
  /** Bytes per parse task. */
  chunkBytes?: number;
  onProgress?: (p: Progress) => void;
  /** Called once the worker threads are starting: the main thread is free until the first chunk is read. */
  onStarted?: () => void;
}

export interface Progress {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
  phase: 'read' | 'aggregate' | 'done';
}

export interface RunResult {
  /** The rows to publish (after disclosure control and labels). */
  metrics: MetricRow[];
  /** Exact rows; never written when disclosure is on. */
  exact: MetricRow[];
  /** Directions of each municipality against its region and all data (labelled when labels are on). */
  comparisons: Comparison[];
  sdByArea: Map<string, number>;
  regionOf: Map<number, string>;
  /** Published municipality area (code or label) -> region. */
  regionByArea: Map<string, string>;
  /** Municipality code -> label, when labels are on (written to a file not for publication). */
  labels: Map<string, string> | null;
  rejects: RejectEntry[];
  stats: RunStats;
  manifest: Manifest;
}

/**
 * Client partitions: a constant, so the work split never depends on the worker count. 128, not
 * 64: a worker holds one partition's rows as objects at a time, and at 10 M rows the peak RSS
 * fell from 996 to 817 MiB for 4% more time (README, Performance).
 */
const PARTITIONS = 128;
const MAX_RECORD_BYTES = 64 << 20;
const YOUNG_GEN_MB = Number(process.env.TRAJECT_YOUNG_MB ?? 64);
/** TRAJECT_TIMINGS=1 prints each phase's wall time to stderr (for performance work). */
const phaseTimer = () => {
  const on = process.env.TRAJECT_TIMINGS === '1';
  let last = performance.now();
  return (phase: string) => {
    if (!on) return;
    const now = performance.now();
    const rss = Math.round(process.memoryUsage.rss() / 2 ** 20);
    process.stderr.write(`timing ${phase}: ${((now - last) / 1000).toFixed(3)} s (at ${process.uptime().toFixed(3)} s, RSS ${rss} MiB)\n`);
    last = now;
  };
};

function workerUrl(): URL {
  // Tests import this module from TypeScript source; workers always run the compiled JS. The
  // CLI runs bundled (scripts/bundle.mjs), with the worker bundle beside it.
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return new URL(here.href.replace('/src/run/run.ts', '/dist/workers/worker.js'));
  if (here.pathname.endsWith('/traject.bundle.mjs')) return new URL('./traject-worker.bundle.mjs', here);
  return new URL('../../workers/worker.js', here);
}

export async function runAnalysis(opts: RunOptions): Promise<RunResult> {
  const gapDays = opts.gapDays ?? 30;
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const disclosure: DisclosureSettings = {
    ...DEFAULT_DISCLOSURE,
    mode: opts.disclosure ?? 'cbs',
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
    ...(opts.roundingBase !== undefined ? { roundingBase: opts.roundingBase } : {}),
  };
  if (opts.inputs.length === 0) throw new RunError('no input files given (use --input a.csv b.csv, or --run run.json)');
  if (opts.inputs.length > 511) throw new RunError('at most 511 input files per run');

  const lap = phaseTimer();
  const specs: SourceSpec[] = opts.inputs.map((i) => (typeof i === 'string' ? { path: i, kind: opts.kind } : i));
  const sources = specs.map((s, i) => openSource(s, i, opts.includePgb ?? false));
  const regionOf = opts.regions ? await loadRegions(opts.regions) : new Map<number, string>();
  const mapping = await loadCodes(opts.codes);
  const kinds = new Set(sources.map((s) => s.plan.kind));

  const setup: WorkerSetup = {
    mapping, regions: [...regionOf], plans: sources.map((s) => s.plan), partitions: PARTITIONS,
    y: cohortYear(opts.year), gapDays, mixed: kinds.size > 1,
  };
  // A larger young generation: the aggregate phase makes many short-lived objects per client.
  const pool = new Piscina({
    filename: workerUrl().href, workerData: setup, minThreads: workers, maxThreads: workers, idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GEN_MB },
  });
  opts.onStarted?.();
  lap('setup');
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= pool.destroy());
  try {
    const parsed = await readAll(pool, sources, workers, opts);
    lap('read+parse');
    const { accounts, rejects, pieces, pieceDict, dicts } = account(sources, parsed);
    refuseRawBsns(sources, parsed);
    if (opts.strict && rejects.length > 0) {
      throw new RunError(`--strict: ${rejects.length} row(s) rejected, nothing written (first: ${describe(rejects[0])})`, 2);
    }

    opts.onProgress?.({ bytesRead: totalBytes(sources), bytesTotal: totalBytes(sources), rowsRead: sum(accounts.map((a) => a.read)), phase: 'aggregate' });
    // Each task gets only the dictionaries its pieces use.
    const results = await Promise.all(pieces.map((p, i) => {
      const used = [...new Set(pieceDict[i])];
      const task: AggregateTask = { pieces: p, pieceDict: pieceDict[i].map((d) => used.indexOf(d)), dicts: used.map((d) => dicts[d]) };
      return pool.run(task, { name: 'aggregate', transferList: p }) as Promise<AggregateResult>;
    }));
    // The workers are done: let them shut down while the main thread merges and writes.
    void stop();
    lap('aggregate');
    const counters: Counters = new Map();
    const stats = emptyStats();
    for (const r of results) {
      mergeInto(counters, r.counters);
      mergeStats(stats, r.stats);
    }

    const { rows: exact, sdByArea } = buildMetrics(counters, regionOf);
    const areaTree = { regionOf: new Map([...regionOf].map(([gm, r]) => [gmLabel(gm), r])) };
    const held = opts.ledger ? ledgerHolds(opts.ledger, exact, { year: opts.year, gapDays }, disclosure) : undefined;
    let metrics = applyDisclosure(exact, disclosure, areaTree, held);
    // Comparisons test exact counts; only their direction is published (SPEC 6).
    let comparisons = compareAreas(exact, metrics, areaTree.regionOf, sdByArea);
    let labels: Map<string, string> | null = null;
    let regionByArea: Map<string, string> = areaTree.regionOf;
    if (opts.labels) {
      labels = municipalityLabels([...new Set(exact.filter((r) => r.level === 'municipality').map((r) => r.area))]);
      metrics = relabel(metrics, labels);
      comparisons = relabelComparisons(comparisons, labels);
      regionByArea = new Map([...regionByArea].filter(([a]) => labels!.has(a)).map(([a, r]) => [labels!.get(a)!, r]));
    }
    const label = (area: string) => labels?.get(area) ?? area;
    const manifest: Manifest = {
      engine: { name: 'traject', version: ENGINE_VERSION },
      publication: disclosure.mode === 'off' ? 'internal: not for publication' : 'disclosure-controlled aggregates',
      settings: { year: opts.year, gapDays, kind: opts.kind ?? null, strict: opts.strict ?? false, includePgb: opts.includePgb ?? false, labels: opts.labels ?? false },
      disclosure,
      inputs: accounts,
      codes: { file: opts.codes, sha256: fileSha256(opts.codes), rows: mapping.length },
      regions: opts.regions ? { file: opts.regions, sha256: fileSha256(opts.regions), municipalities: regionOf.size } : null,
      unmappedCodes: codeList(stats, MapStatus.Unmapped).map((c) => ({ ...c, gemeente: label(c.gemeente) })),
      fallbackCodes: codeList(stats, MapStatus.Fallback).map((c) => ({ ...c, gemeente: label(c.gemeente) })),
      dataKinds: DATA_KINDS.filter((_, i) => kinds.has(i as 0 | 1)),
      // Counts of youths follow the disclosure rule here too (rounded; null: suppressed, 0..threshold);
      // product and row counts are record accounting and stay exact.
      totals: {
        clients: publishedCount(stats.clients, disclosure), products: stats.products, duplicateRows: stats.duplicates,
        openEndedShare: stats.products > 0 ? stats.openProducts / stats.products : 0,
        clientsInSeveralMunicipalities: publishedCount(stats.multiMunicipalityClients, disclosure),
      },
      productsStartedByMonth: monthTable(stats, sources),
      municipalitiesWithoutRegion: [...new Set(exact.filter((r) => r.level === 'municipality').map((r) => r.area))]
        .filter((a) => !areaTree.regionOf.has(a)).map(label),
      warnings: [],
      ...(opts.ledger ? { ledger: ledgerManifest(opts.ledger, metrics) } : {}),
    };
    manifest.warnings = qualityWarnings(manifest).warnings;
    lap('merge+metrics+disclosure');
    opts.onProgress?.({ bytesRead: totalBytes(sources), bytesTotal: totalBytes(sources), rowsRead: sum(accounts.map((a) => a.read)), phase: 'done' });
    return { metrics, exact, comparisons, sdByArea, regionOf, regionByArea, labels, rejects, stats, manifest };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    // On success the threads end in the background while the caller writes the outputs.
    stop().catch(() => {});
  }
}

interface Parsed {
  source: number;
  chunk: number;
  result: ParsedChunk;
}

/** Streams every source in chunks of whole records; keeps at most 2 chunks per worker in flight. */
async function readAll(pool: Piscina, sources: OpenedSource[], workers: number, opts: RunOptions): Promise<{ parsed: Parsed[]; sha256: string[] }> {
  const chunkBytes = opts.chunkBytes ?? 4 << 20;
  const parsed: Parsed[] = [];
  const sha256: string[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  const total = totalBytes(sources);
  let bytesRead = 0; // parsed so far (not merely read), so that 100% means done
  let rowsRead = 0;
  const dispatch = (source: number, chunk: number, buf: Buffer, length: number) => {
    const task: ParseTask = { source, chunk, bytes: buf.buffer as ArrayBuffer, length };
    const tracked: Promise<void> = (pool.run(task, { name: 'parse', transferList: [task.bytes] }) as Promise<ParsedChunk>)
      .then((result) => {
        parsed.push({ source, chunk, result });
        rowsRead += result.read;
        bytesRead += length;
        opts.onProgress?.({ bytesRead, bytesTotal: total, rowsRead, phase: 'read' });
      })
      .catch((e) => { failure ??= e; })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  for (const src of sources) {
    const hash = createHash('sha256');
    const fd = openSync(src.plan.file, 'r');
    try {
      const header = Buffer.alloc(src.dataStart);
      readSync(fd, header, 0, header.length, 0);
      hash.update(header);
      let pos = src.dataStart;
      let carry = Buffer.alloc(0);
      let chunk = 0;
      for (;;) {
        // Each chunk gets an ArrayBuffer of its own, so it can be transferred, not copied.
        const buf = Buffer.allocUnsafeSlow(carry.length + chunkBytes);
        carry.copy(buf, 0);
        const n = readSync(fd, buf, carry.length, chunkBytes, pos);
        hash.update(buf.subarray(carry.length, carry.length + n));
        pos += n;
        const len = carry.length + n;
        const eof = n === 0;
        let cut = eof ? len : lastRecordBoundary(buf, len, src.plan.delimiter);
        // Without a whole record yet (one very long record), read on before cutting; but an
        // unterminated quote must not pull the rest of the file into memory: past 64 MB, cut at
        // the last newline and let the parser report the broken record.
        if (cut === 0 && len > MAX_RECORD_BYTES) cut = buf.lastIndexOf(10, len - 1) + 1;
        carry = Buffer.from(buf.subarray(cut, len));
        if (cut > 0) dispatch(src.plan.index, chunk++, buf, cut);
        if (inFlight.size >= 2 * workers) await Promise.race(inFlight);
        if (failure) throw failure;
        if (eof) break;
      }
    } finally {
      closeSync(fd);
    }
    sha256.push(hash.digest('hex'));
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  parsed.sort((a, b) => a.source - b.source || a.chunk - b.chunk);
  return { parsed, sha256 };
}

function account(sources: OpenedSource[], all: { parsed: Parsed[]; sha256: string[] }) {
  const accounts: SourceAccount[] = [];
  const rejects: RejectEntry[] = [];
  const pieces: ArrayBuffer[][] = Array.from({ length: PARTITIONS }, () => []);
  const pieceDict: number[][] = Array.from({ length: PARTITIONS }, () => []);
  const dicts: ChunkDict[] = [];
  for (const src of sources) {
    const mine = all.parsed.filter((p) => p.source === src.plan.index);
    const acc: SourceAccount = {
      file: src.plan.file, sha256: all.sha256[src.plan.index], bytes: src.size,
      kind: DATA_KINDS[src.plan.kind], read: 0, accepted: 0, rejected: 0, reasons: {},
    };
    let lineOffset = 1; // the header is line 1
    for (const { result: r } of mine) {
      acc.read += r.read;
      acc.accepted += r.accepted;
      for (let i = 0; i < r.rejectLine.length; i++) {
        const reason = REASONS[r.rejectReason[i]];
        const col = r.rejectColumn[i];
        rejects.push({ file: src.plan.file, line: lineOffset + r.rejectLine[i], column: col >= 0 ? src.plan.header[col] : '', reason });
        acc.reasons[reason] = (acc.reasons[reason] ?? 0) + 1;
      }
      acc.rejected += r.rejectLine.length;
      lineOffset += r.lines;
      const d = dicts.push(r.dict) - 1;
      r.partitions.forEach((ab, p) => {
        if (ab.byteLength === 0) return;
        pieces[p].push(ab);
        pieceDict[p].push(d);
      });
    }
    accounts.push(acc);
  }
  return { accounts, rejects, pieces, pieceDict, dicts };
}

function refuseRawBsns(sources: OpenedSource[], all: { parsed: Parsed[] }): void {
  for (const src of sources) {
    const { values, passing } = mergeSamples(all.parsed.filter((p) => p.source === src.plan.index).map((p) => p.result.clients));
    const v = bsnVerdict(values, passing, src.plan.header[src.plan.columns.client ?? -1] ?? '');
    if (v.refuse) throw new RunError(`${src.plan.file}: ${v.message}`, 2);
  }
}

export function describe(r: RejectEntry): string {
  return `${r.file}:${r.line}${r.column ? ` column ${r.column}` : ''}: ${r.reason}`;
}

function codeList(stats: RunStats, status: MapStatus) {
  return Object.entries(stats.codeProducts)
    .map(([k, products]) => {
      const [s, gm, code] = k.split('|');
      return { status: Number(s), code, gemeente: gmLabel(Number(gm)), products };
    })
    .filter((c) => c.status === status)
    .map(({ code, gemeente, products }) => ({ code, gemeente, products }))
    .sort((a, b) => b.products - a.products || a.code.localeCompare(b.code) || a.gemeente.localeCompare(b.gemeente));
}

function monthTable(stats: RunStats, sources: OpenedSource[]) {
  return [...stats.startedBySourceMonth]
    .map(([k, products]) => {
      const { source, month } = fromMonthKey(k);
      return { file: sources[source].plan.file, month, products };
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.month.localeCompare(b.month));
}

const fileSha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const totalBytes = (sources: OpenedSource[]) => sum(sources.map((s) => s.size));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
