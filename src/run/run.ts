// A run, end to end: read sources -> parse chunks in workers -> account for every row ->
// aggregate client partitions in workers -> merge -> publish (metrics, disclosure control,
// comparisons) -> manifest. Writing the outputs is src/output's job.
import { availableParallelism } from 'node:os';
import type { Manifest, RejectEntry } from '../model/manifest.js';
import { RunError } from '../model/errors.js';
import { cohortYear, isoOf } from '../model/calendar.js';
import type { Day } from '../model/model.js';
import { dataCutOff } from './cutoff.js';
import { breakdown, type Breakdown } from '../definitions/breakdowns.js';
import { numberBreakdowns } from '../measures/client.js';
import type { SourceSpec } from '../read/sources.js';
import { openSources } from '../read/workbook-source.js';
import { loadCodes } from '../mapping/codes-file.js';
import { loadRegions } from '../mapping/regions.js';
import { mergePacked, mergePackedCurves, type Counters, type Curves } from '../measures/counters.js';
import { emptyStats, mergeStats, type RunStats } from '../measures/stats.js';
import { DEFAULT_DISCLOSURE } from '../disclosure/disclosure.js';
import type { Ledger } from '../disclosure/ledger.js';
import { publish, type Publication } from '../publish/publish.js';
import { account, describe, refuseRawBsns } from './accounting.js';
import { buildManifest } from './manifest.js';
import { IN_THREAD_BELOW_BYTES, startPool } from './pool.js';
import { readAll } from './read-sources.js';
import type { AggregateTask, WorkerSetup } from './tasks.js';

export interface RunOptions {
  inputs: (string | SourceSpec)[];
  codes: string;
  regions?: string;
  year: number;
  gapDays?: number;
  /** Several cohort years and gaps in one run (SPEC 11); default: [year] and [gapDays]. */
  years?: number[];
  gaps?: number[];
  /** Breakdowns (SPEC 11): age_group, referrer, start_category, sex. */
  by?: string[];
  /** Worker threads at most; default: the number of cores. */
  workers?: number;
  /** Inputs smaller than this many bytes in all run on the main thread, without worker threads
   *  (default IN_THREAD_BELOW_BYTES, 8 MiB; 0: always threads). */
  inThreadBelowBytes?: number;
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
  /** The data cut-off D (SPEC 10) for every kind; default: read from the data. */
  dataUntil?: Day;
  /** Prior care looks this many days back (SPEC 10, default 365). */
  lookbackDays?: number;
  /** funnel (SPEC 12, default) or pairwise (the tests of SPEC 6). */
  compare?: 'funnel' | 'pairwise';
  /** Internal: the allocations' cut-off found by an earlier pass (see the end of runAnalysis). */
  allocationCutOff?: Day;
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

export interface RunResult extends Publication {
  regionOf: Map<number, string>;
  rejects: RejectEntry[];
  stats: RunStats;
  manifest: Manifest;
  /** SPEC 10: the data end before Y+1 is over, or start too late for the prior-care lookback (also in the manifest). */
  cutOffWarnings: string[];
}

/**
 * Client partitions: a constant, so the work split never depends on the worker count. 128, not
 * 64: a worker holds one partition's rows as objects at a time, and at 10 M rows the peak RSS
 * fell from 996 to 817 MiB for 4% more time (README, Performance).
 */
const PARTITIONS = 128;

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

/** What each group number of the counters stands for: 0 the whole area, then numberBreakdowns' groups. */
function groupLabels(breakdowns: readonly Breakdown[]): { breakdown: string; group: string }[] {
  const labels = [{ breakdown: '', group: '' }];
  for (const { breakdown: b, firstGroup } of numberBreakdowns(breakdowns)) {
    b.groups.forEach((group, i) => (labels[firstGroup + i] = { breakdown: b.id, group }));
  }
  return labels;
}

export async function runAnalysis(opts: RunOptions): Promise<RunResult> {
  const years = [...new Set(opts.years ?? [opts.year])].sort((a, b) => a - b);
  const gaps = [...new Set(opts.gaps ?? [opts.gapDays ?? 30])].sort((a, b) => a - b);
  const by = [...new Set(opts.by ?? [])];
  const breakdowns = by.map(breakdown);
  const lookbackDays = opts.lookbackDays ?? 365;
  const workers = Math.max(1, opts.workers ?? availableParallelism());
  const disclosure = {
    ...DEFAULT_DISCLOSURE,
    mode: opts.disclosure ?? 'cbs',
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
    ...(opts.roundingBase !== undefined ? { roundingBase: opts.roundingBase } : {}),
  };
  if (opts.inputs.length === 0) throw new RunError('no input files given (use --input a.csv b.csv, or --run run.json)');
  if (opts.inputs.length > 511) throw new RunError('at most 511 input files per run');

  const lap = phaseTimer();
  const specs: SourceSpec[] = opts.inputs.map((i) => (typeof i === 'string' ? { path: i, kind: opts.kind } : i));
  const sources = await openSources(specs, opts.includePgb ?? false);
  const regionOf = opts.regions ? await loadRegions(opts.regions) : new Map<number, string>();
  const mapping = await loadCodes(opts.codes);
  const kinds = new Set(sources.map((s) => s.plan.kind));
  const setup: WorkerSetup = {
    mapping, regions: [...regionOf], plans: sources.map((s) => s.plan), partitions: PARTITIONS,
    years: years.map(cohortYear), gaps, mixed: kinds.size > 1, lookbackDays, breakdowns: by, strata: opts.compare !== 'pairwise',
  };
  const bytesTotal = sources.reduce((s, x) => s + x.size, 0);
  const pool = startPool(setup, bytesTotal < (opts.inThreadBelowBytes ?? IN_THREAD_BELOW_BYTES) ? 0 : workers);
  const stop = pool.stop;
  opts.onStarted?.();
  lap('setup');
  try {
    const parsed = await readAll(pool, sources, workers, opts.chunkBytes ?? 4 << 20, (p) => opts.onProgress?.({ ...p, phase: 'read' }));
    lap('read+parse');
    const { accounts, rejects, pieces, pieceDict, dicts } = account(sources, parsed, PARTITIONS);
    refuseRawBsns(sources, parsed);
    const cutOff = dataCutOff(sources, parsed, setup.years, lookbackDays, opts.dataUntil, opts.allocationCutOff);
    // The report's year: the latest that is final (else the latest); its gap: 30 when asked for, else the first.
    const year = [...years].reverse().find((y) => !cutOff.notFinal.includes(y)) ?? years[years.length - 1];
    const gapDays = gaps.includes(30) ? 30 : gaps[0];
    if (opts.strict && rejects.length > 0) {
      throw new RunError(`--strict: ${rejects.length} row(s) rejected, nothing written (first: ${describe(rejects[0])})`, 2);
    }
    const rowsRead = accounts.reduce((s, a) => s + a.read, 0);
    opts.onProgress?.({ bytesRead: bytesTotal, bytesTotal, rowsRead, phase: 'aggregate' });
    // Each task gets only the dictionaries its pieces use.
    const results = await Promise.all(pieces.map((p, i) => {
      const used = [...new Set(pieceDict[i])];
      const task: AggregateTask = {
        pieces: p, pieceDict: pieceDict[i].map((d) => used.indexOf(d)), dicts: used.map((d) => dicts[d]), dataUntil: cutOff.dataUntil,
      };
      return pool.aggregate(task);
    }));
    // The workers are done: let them shut down while the main thread merges and writes.
    void stop();
    lap('aggregate');
    const counters: Counters = new Map();
    const curves: Curves = new Map();
    const strata: Counters = new Map();
    const stats = emptyStats();
    for (const r of results) {
      mergePacked(counters, r.counters);
      mergePacked(strata, r.strata);
      mergePackedCurves(curves, r.curves);
      mergeStats(stats, r.stats);
    }
    // SPEC 10: D of allocations is the latest start of a product, after versions are merged. A later
    // version that moves the latest start earlier is rare; then the whole run is made again with the
    // product's start as D (the rows are not kept between the phases).
    if (opts.dataUntil === undefined && opts.allocationCutOff === undefined && kinds.has(0) &&
      stats.latestAllocationStart !== cutOff.dataUntil[0] && Number.isFinite(stats.latestAllocationStart)) {
      await stop();
      return await runAnalysis({ ...opts, allocationCutOff: stats.latestAllocationStart });
    }
    // Figures that need an optional column are published only when a source has it.
    const columns = new Set(sources.some((s) => s.plan.columns.reason !== undefined) ? ['reason'] : []);
    const publication = publish({
      counters, curves, ...(setup.strata ? { strata } : {}), columns, regionOf, disclosure, labels: opts.labels ?? false, compare: opts.compare ?? 'funnel',
      slices: {
        years, gaps,
        groups: groupLabels(breakdowns),
      },
      ...(opts.ledger ? { ledger: opts.ledger } : {}),
    });
    const manifest = buildManifest({
      settings: {
        year, gapDays, years, gaps, by, kind: opts.kind ?? null, strict: opts.strict ?? false, includePgb: opts.includePgb ?? false, labels: opts.labels ?? false,
        dataUntil: opts.dataUntil === undefined ? null : isoOf(opts.dataUntil), lookbackDays, compare: opts.compare ?? 'funnel',
      },
      cutOff,
      disclosure, accounts, files: sources.map((s) => s.plan.file), kinds,
      codes: { file: opts.codes, rows: mapping.length },
      regions: opts.regions ? { file: opts.regions, municipalities: regionOf.size } : null,
      stats, publication,
    });
    lap('merge+metrics+disclosure');
    opts.onProgress?.({ bytesRead: bytesTotal, bytesTotal, rowsRead, phase: 'done' });
    return { ...publication, regionOf, rejects, stats, manifest, cutOffWarnings: cutOff.warnings };
  } catch (e) {
    await stop();
    throw e;
  } finally {
    // On success the threads end in the background while the caller writes the outputs.
    stop().catch(() => {});
  }
}
