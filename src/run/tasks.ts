// The messages between the main thread and the workers (plain data; ArrayBuffers are transferred).
import type { MappingRow } from '../mapping/codes.js';
import type { RunStats } from '../measures/stats.js';
import type { PackedCounters } from '../measures/counters.js';
import type { SourcePlan } from '../read/sources.js';
import type { CohortYear } from '../model/calendar.js';
import type { Day } from '../model/model.js';
import type { ChunkDict } from '../model/rows.js';
import type { ChunkResult } from '../normalise/normalise.js';

export interface WorkerSetup {
  mapping: MappingRow[];
  regions: [number, string][];
  plans: SourcePlan[];
  partitions: number;
  years: CohortYear[];
  gaps: number[];
  /** Prior care looks this many days back (SPEC 10). */
  lookbackDays: number;
  /** Breakdown ids (SPEC 11), in the order of --by. */
  breakdowns: string[];
  /** SPEC 12: fold the standardised shares per stratum (funnel comparisons). */
  strata: boolean;
  mixed: boolean;
}

export interface ParseTask {
  source: number;
  chunk: number;
  /** The chunk's bytes are bytes[0, length): whole records only. */
  bytes: ArrayBuffer;
  length: number;
}

export interface AggregateTask {
  /** One partition's rows, a piece per chunk, and for each piece the index of its chunk's dictionary. */
  pieces: ArrayBuffer[];
  pieceDict: number[];
  dicts: ChunkDict[];
  /** The data cut-off D per figure kind (allocations, claims, mixed): known once every chunk is parsed. */
  dataUntil: [Day, Day, Day];
}

export interface AggregateResult {
  counters: PackedCounters;
  /** SPEC 12: the standardised shares per stratum (measures/strata.ts), packed like the counters. */
  strata: PackedCounters;
  /** Duration curves, packed (measures/counters.ts packCurves). */
  curves: Float64Array;
  stats: RunStats;
}

/** What `parse` sends back: the chunk's accounting and its rows, one piece per client partition. */
export interface ParsedChunk extends ChunkResult {
  partitions: ArrayBuffer[];
}
