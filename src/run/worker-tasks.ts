// The two tasks of a run, as pure functions of the run's setup: `parse` (bytes of one chunk ->
// rows packed per client partition) and `aggregate` (all rows of one client partition ->
// counters and statistics). A worker thread (workers/worker.ts) runs them; a small run runs them
// on the main thread (pool.ts), so both give the same bytes.
import { numberBreakdowns, processClient } from '../measures/client.js';
import { packCounters, packCurves, type Counters, type Curves } from '../measures/counters.js';
import { emptyStats } from '../measures/stats.js';
import { STRATA_LAYOUT } from '../measures/strata.js';
import { ClientPartitions } from '../partition/write.js';
import { forEachClient } from '../partition/read.js';
import type { WorkerSetup, ParseTask, AggregateTask, AggregateResult, ParsedChunk } from './tasks.js';
import { ChunkParser } from '../normalise/normalise.js';
import { CodeMapper } from '../mapping/codes.js';
import { breakdown } from '../definitions/breakdowns.js';

export interface RunTasks {
  parse(t: ParseTask): ParsedChunk;
  aggregate(t: AggregateTask): AggregateResult;
}

/** The buffers a task's result hands back (transferred from a worker thread, not copied). */
export const parsedBuffers = (r: ParsedChunk): ArrayBuffer[] => r.partitions;
export const aggregateBuffers = (r: AggregateResult): ArrayBuffer[] =>
  [r.counters.keys.buffer, r.counters.values.buffer, r.strata.keys.buffer, r.strata.values.buffer, r.curves.buffer] as ArrayBuffer[];

export function runTasks(setup: WorkerSetup): RunTasks {
  const mapper = new CodeMapper(setup.mapping, new Map(setup.regions));
  const parsers = setup.plans.map((p) => new ChunkParser(p, mapper));
  const base = {
    years: setup.years, gaps: setup.gaps, mixed: setup.mixed, lookbackDays: setup.lookbackDays, breakdowns: numberBreakdowns(setup.breakdowns.map(breakdown)),
  };
  const kindOf = setup.plans.map((p) => p.kind);
  return {
    parse(t) {
      const sink = new ClientPartitions(setup.plans[t.source].index, t.chunk, setup.partitions);
      return { ...parsers[t.source].parse(Buffer.from(t.bytes), 0, t.length, sink), partitions: sink.finish() };
    },
    aggregate(t) {
      const counters: Counters = new Map();
      const curves: Curves = new Map();
      const strata: Counters = new Map();
      const stats = emptyStats();
      const ctx = { ...base, dataUntil: t.dataUntil };
      const pieces = t.pieces.map((bytes, i) => ({ bytes, dict: t.dicts[t.pieceDict[i]] }));
      forEachClient(pieces, kindOf, (rows) => processClient(rows, ctx, counters, curves, stats, setup.strata ? strata : undefined));
      return { counters: packCounters(counters), strata: packCounters(strata, STRATA_LAYOUT.length), curves: packCurves(curves), stats };
    },
  };
}
