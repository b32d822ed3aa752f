// The worker: a thin shell around the same pure functions the tests call. It exposes two named
// tasks (piscina's `name` option): `parse` (bytes of one chunk -> rows packed per client
// partition) and `aggregate` (all rows of one client partition -> counters and statistics).
import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { numberBreakdowns, processClient } from '../src/measures/client.js';
import { packCounters, packCurves, type Counters, type Curves } from '../src/measures/counters.js';
import { emptyStats } from '../src/measures/stats.js';
import { STRATA_LAYOUT } from '../src/measures/strata.js';
import { ClientPartitions } from '../src/partition/write.js';
import { forEachClient } from '../src/partition/read.js';
import type { WorkerSetup, ParseTask, AggregateTask, AggregateResult, ParsedChunk } from '../src/run/tasks.js';
import { ChunkParser } from '../src/normalise/normalise.js';
import { CodeMapper } from '../src/mapping/codes.js';
import { breakdown } from '../src/definitions/breakdowns.js';

const setup = workerData as WorkerSetup;
const mapper = new CodeMapper(setup.mapping, new Map(setup.regions));
const parsers = setup.plans.map((p) => new ChunkParser(p, mapper));
const base = {
  years: setup.years, gaps: setup.gaps, mixed: setup.mixed, lookbackDays: setup.lookbackDays, breakdowns: numberBreakdowns(setup.breakdowns.map(breakdown)),
};
const kindOf = setup.plans.map((p) => p.kind);

export function parse(t: ParseTask) {
  const sink = new ClientPartitions(setup.plans[t.source].index, t.chunk, setup.partitions);
  const result: ParsedChunk = { ...parsers[t.source].parse(Buffer.from(t.bytes), 0, t.length, sink), partitions: sink.finish() };
  return move({
    get [transferableSymbol]() { return result.partitions; },
    get [valueSymbol]() { return result; },
  });
}

export function aggregate(t: AggregateTask) {
  const counters: Counters = new Map();
  const curves: Curves = new Map();
  const strata: Counters = new Map();
  const stats = emptyStats();
  const ctx = { ...base, dataUntil: t.dataUntil };
  const pieces = t.pieces.map((bytes, i) => ({ bytes, dict: t.dicts[t.pieceDict[i]] }));
  forEachClient(pieces, kindOf, (rows) => processClient(rows, ctx, counters, curves, stats, setup.strata ? strata : undefined));
  const result: AggregateResult = {
    counters: packCounters(counters), strata: packCounters(strata, STRATA_LAYOUT.length), curves: packCurves(curves), stats,
  };
  return move({
    get [transferableSymbol]() { return [result.counters.keys.buffer, result.counters.values.buffer, result.strata.keys.buffer, result.strata.values.buffer, result.curves.buffer]; },
    get [valueSymbol]() { return result; },
  });
}
