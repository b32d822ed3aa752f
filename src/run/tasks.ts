// The messages between the main thread and the workers (plain data; ArrayBuffers are transferred).
import type { MappingRow } from '../mapping/codes.js';
import type { RunStats } from '../measures/stats.js';
import type { Counters } from '../measures/counters.js';
import type { SourcePlan } from '../normalise/normalise.js';
import type { CohortYear } from '../model/calendar.js';
import type { ChunkDict } from '../partition/rowcodec.js';

export interface WorkerSetup {
  mapping: MappingRow[];
  regions: [number, string][];
  plans: SourcePlan[];
  partitions: number;
  y: CohortYear;
  gapDays: number;
  mixed: boolean;
}

export interface ParseTask {
  type: 'parse';
  source: number;
  chunk: number;
  /** The chunk's bytes are bytes[0, length): whole records only. */
  bytes: ArrayBuffer;
  length: number;
}

export interface AggregateTask {
  type: 'aggregate';
  /** One partition's rows, a piece per chunk, and for each piece the index of its chunk's dictionary. */
  pieces: ArrayBuffer[];
  pieceDict: number[];
  dicts: ChunkDict[];
}

export interface AggregateResult {
  counters: Counters;
  stats: RunStats;
}
