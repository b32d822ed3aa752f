// A product row as it crosses the stages: written by normalise, packed by partition, read by
// the definitions. Plain types and limits only.
import type { CategoryIndex, Day, Gemeente } from './model.js';

/** How a row's product code got its category (SPEC 3). */
export const enum MapStatus {
  Mapped = 0,
  Fallback = 1,
  Unmapped = 2,
}

/** Longest client key or allocation number kept, in bytes; longer values are rejected at ingest. */
export const MAX_FIELD_BYTES = 255;

/** One accepted input row of one client, normalised (what ingest hands to the definitions). */
export interface ProductRow {
  /** 0 = allocations, 1 = claims: the kind of the source the row came from. */
  kind: 0 | 1;
  /** Read order across the run: source, then position in the file. Decides "latest version". */
  order: number;
  source: number;
  gm: Gemeente;
  code: string;
  productcategorie: string;
  provider: string;
  /** The allocation number's identity: '' none; rows with the same number have the same value
   *  (a number when the text packs into six bytes, else a string: partition/read.ts). */
  allocation: string | number;
  start: Day;
  end: Day;
  cat: CategoryIndex;
  mapStatus: MapStatus;
  /** Optional columns (SPEC 10, 11), 0 or OPEN_END when absent: see src/read/codelists.ts. */
  referrer: number;
  sex: number;
  /** JZ588 reason for ending, 1..99 (0: none). */
  reason: number;
  /** Birth date as a day; OPEN_END when missing or unreadable. */
  birth: Day;
}

/** extra of a packed row: the referrer, sex and reason codes in one number. */
export const packExtra = (referrer: number, sex: number, reason: number): number => referrer | (sex << 3) | (reason << 5);

/** The text behind the ids of one chunk's rows. */
export interface ChunkDict {
  codes: string[];
  productcategorie: string[];
  providers: string[];
}
