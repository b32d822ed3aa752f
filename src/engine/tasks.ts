// The messages between the main thread and the workers (plain data; ArrayBuffers are transferred).
import type { MappingRow } from '../mapping/codes.js';
import type { RunStats } from '../core/stats.js';
import type { Counters } from '../core/counters.js';
import type { SourcePlan } from '../ingest/normalise.js';
import type { CohortYear } from '../core/year.js';
import type { ChunkDict } from './rowcodec.js';

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
