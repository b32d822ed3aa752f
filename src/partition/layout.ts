// The row format between the two phases (write.ts packs, read.ts unpacks). Accepted rows travel
// from the parse phase to the aggregate phase as compact binary records in transferable
// ArrayBuffers, one stream per client partition: no per-row objects, no copying between threads. A whole country's rows wait here between the two phases, so the
// layout is tight (about 32 bytes for a typical row). A piece (one partition's rows of one
// chunk) starts with u16 source | varint chunk, shared by its rows; then per row:
//
//   varint line - previous row's line (rows are written in line order)
//   u24 start | u24 end       days since 1900-01-01; end 0xFFFFFF = open
//   u16 gm | u8 category * 4 + mapStatus
//   varint code id | varint productcategorie id | varint provider id   (chunk dictionaries)
//   key client | key allocation number
//   u16 extra (referrer | sex << 3 | reason << 5 | 4096 when a birth date follows
//              | 8192 when it is the previous row's) [u24 birth, when 4096 and not 8192]
//   (two fixed bytes: with a reason the value needs two varint bytes anyway, and this reads without a branch)
//
// A key is u8 form | u8 length | bytes. Form 1 (2) packs an even-length lowercase (uppercase)
// hex text two digits to a byte, as pseudonyms and allocation numbers usually are; form 0 is
// the text's UTF-8 bytes. The form is part of the identity, so packing never merges two keys.
// A client key that is the previous row's of the same piece is the one byte 3 (REPEAT): exports
// list a client's rows together, so about half the rows say so, and a whole country's rows wait
// here (10 M rows: some 50 MB less).

/** Read order as one exact number: source (< 512), chunk (< 2^20), line in chunk (< 2^23). */
export const orderKey = (source: number, chunk: number, line: number): number =>
  source * 2 ** 43 + chunk * 2 ** 23 + line;

/** Day 0 of the record's dates: 1900-01-01 (dates.ts accepts 1900..2199, which fits 24 bits). */
export const DAY_BASE = -25567;
export const OPEN_DAYS = 0xffffff;
/** Bit of `extra` that says the row has a birth date; with SAME_BIRTH it is the previous row's (none follows). */
export const HAS_BIRTH = 4096;
export const SAME_BIRTH = 8192;
/** Form byte of a client key that is the previous row's. */
export const REPEAT = 3;

/** The fewest bytes a record takes (one-byte varints, a repeated client key, no allocation number). */
export const MIN_RECORD_BYTES = 1 + 6 + 3 + 3 + 1 + 2 + 2;
