// Accepted rows travel from the parse phase to the aggregate phase as compact binary records
// in transferable ArrayBuffers, one stream per client partition: no per-row objects, no
// copying between threads. Layout of one record (little-endian, 36 bytes + two strings):
//   u16 source | u32 chunk | u32 line | i32 start | i32 end | u16 gm | u8 cat | u8 mapStatus
//   | u32 code id | u32 productcategorie id | u32 provider id     (ids into the chunk's dictionaries)
//   | u8 length + bytes: client key | u8 length + bytes: allocation number
import type { MapStatus, ProductRow } from '../core/products.js';

const FIXED = 2 + 4 + 4 + 4 + 4 + 2 + 1 + 1 + 4 + 4 + 4;
/** Longest client key or allocation number kept, in bytes; longer values are rejected at ingest. */
export const MAX_FIELD_BYTES = 255;

/** Read order as one exact number: source (< 512), chunk (< 2^20), line in chunk (< 2^23). */
export const orderKey = (source: number, chunk: number, line: number): number =>
  source * 2 ** 43 + chunk * 2 ** 23 + line;

/** The text behind the ids of one chunk's rows. */
export interface ChunkDict {
  codes: string[];
  productcategorie: string[];
  providers: string[];
}

export class PartitionWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initial = 64 * 1024) {
    this.buf = new Uint8Array(initial);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  private u16(v: number, p: number): void {
    this.buf[p] = v;
    this.buf[p + 1] = v >>> 8;
  }

  private u32(v: number, p: number): void {
    const b = this.buf;
    b[p] = v;
    b[p + 1] = v >>> 8;
    b[p + 2] = v >>> 16;
    b[p + 3] = v >>> 24;
  }

  /** One row; client key and allocation number are UTF-8 bytes [s, e) (at most MAX_FIELD_BYTES each). */
  write(source: number, chunk: number, line: number, start: number, end: number, gm: number, cat: number, mapStatus: number,
    code: number, pcat: number, provider: number,
    client: Uint8Array, clientS: number, clientE: number, alloc: Uint8Array, allocS: number, allocE: number): void {
    const cl = clientE - clientS;
    const al = allocE - allocS;
    this.ensure(FIXED + 2 + cl + al);
    const b = this.buf;
    let p = this.pos;
    this.u16(source, p);
    this.u32(chunk, p + 2);
    this.u32(line, p + 6);
    this.u32(start, p + 10);
    this.u32(end, p + 14);
    this.u16(gm, p + 18);
    b[p + 20] = cat;
    b[p + 21] = mapStatus;
    this.u32(code, p + 22);
    this.u32(pcat, p + 26);
    this.u32(provider, p + 30);
    p += FIXED;
    b[p++] = cl;
    for (let i = clientS; i < clientE; i++) b[p++] = client[i];
    b[p++] = al;
    for (let i = allocS; i < allocE; i++) b[p++] = alloc[i];
    this.pos = p;
  }

  /** The records written, in an ArrayBuffer of their own (ready to transfer). */
  finish(): ArrayBuffer {
    return this.buf.slice(0, this.pos).buffer;
  }
}

/** One partition's piece of one chunk, with that chunk's dictionaries. */
export interface Piece {
  bytes: ArrayBuffer;
  dict: ChunkDict;
}

/**
 * Decodes records and groups them by client key. The key is read as Latin-1 from its UTF-8
 * bytes: a unique string per byte sequence, used only as a map key inside the worker.
 * `kindOf` gives the data kind (0 allocations, 1 claims) of each source.
 */
export function decodeByClient(pieces: readonly Piece[], kindOf: readonly (0 | 1)[], into = new Map<string, ProductRow[]>()): Map<string, ProductRow[]> {
  for (const { bytes, dict } of pieces) {
    const b = Buffer.from(bytes) as Buffer & { latin1Slice(s: number, e: number): string };
    let p = 0;
    // Exports usually list a client's rows together: while the key bytes repeat, skip the map.
    let prevS = -1;
    let prevL = -1;
    let list: ProductRow[] | undefined;
    while (p < b.length) {
      const source = b[p] | (b[p + 1] << 8);
      const cl = b[p + FIXED];
      const cs = p + FIXED + 1;
      const al = b[cs + cl];
      const as = cs + cl + 1;
      const row: ProductRow = {
        kind: kindOf[source],
        order: orderKey(source, u32(b, p + 2), u32(b, p + 6)),
        source,
        start: b[p + 10] | (b[p + 11] << 8) | (b[p + 12] << 16) | (b[p + 13] << 24),
        end: b[p + 14] | (b[p + 15] << 8) | (b[p + 16] << 16) | (b[p + 17] << 24),
        gm: b[p + 18] | (b[p + 19] << 8),
        cat: b[p + 20],
        mapStatus: b[p + 21] as MapStatus,
        code: dict.codes[u32(b, p + 22)],
        productcategorie: dict.productcategorie[u32(b, p + 26)],
        provider: dict.providers[u32(b, p + 30)],
        allocation: al === 0 ? '' : b.latin1Slice(as, as + al),
      };
      if (list === undefined || cl !== prevL || !sameBytes(b, prevS, cs, cl)) {
        const client = b.latin1Slice(cs, cs + cl);
        list = into.get(client);
        if (list === undefined) into.set(client, (list = []));
      }
      list.push(row);
      prevS = cs;
      prevL = cl;
      p = as + al;
    }
  }
  return into;
}

function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}

function sameBytes(b: Uint8Array, x: number, y: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[x + i] !== b[y + i]) return false;
  return true;
}
