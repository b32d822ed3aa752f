// Accepted rows travel from the parse phase to the aggregate phase as compact binary records
// in transferable ArrayBuffers, one stream per client partition: no per-row objects, no
// copying between threads. A whole country's rows wait here between the two phases, so the
// layout is tight (about 32 bytes for a typical row). A piece (one partition's rows of one
// chunk) starts with u16 source | varint chunk, shared by its rows; then per row:
//
//   varint line - previous row's line (rows are written in line order)
//   u24 start | u24 end       days since 1900-01-01; end 0xFFFFFF = open
//   u16 gm | u8 category * 4 + mapStatus
//   varint code id | varint productcategorie id | varint provider id   (chunk dictionaries)
//   key client | key allocation number
//   u16 extra (referrer | sex << 3 | reason << 5 | 4096 when a birth date follows) [u24 birth]
//   (two fixed bytes: with a reason the value needs two varint bytes anyway, and this reads without a branch)
//
// A key is u8 form | u8 length | bytes. Form 1 (2) packs an even-length lowercase (uppercase)
// hex text two digits to a byte, as pseudonyms and allocation numbers usually are; form 0 is
// the text's UTF-8 bytes. The form is part of the identity, so packing never merges two keys.
import { OPEN_END } from '../model/model.js';
import type { ChunkDict, ProductRow } from '../model/rows.js';

/** Read order as one exact number: source (< 512), chunk (< 2^20), line in chunk (< 2^23). */
export const orderKey = (source: number, chunk: number, line: number): number =>
  source * 2 ** 43 + chunk * 2 ** 23 + line;

/** Day 0 of the record's dates: 1900-01-01 (dates.ts accepts 1900..2199, which fits 24 bits). */
const DAY_BASE = -25567;
const OPEN_DAYS = 0xffffff;
/** Bit of `extra` that says a birth date follows. */
const HAS_BIRTH = 4096;

/** 0..9, a..f -> 0..15 for form 1; 0..9, A..F for form 2; -1 otherwise. */
const HEX_LOWER = new Int8Array(256).fill(-1);
const HEX_UPPER = new Int8Array(256).fill(-1);
/** Per byte: 1 when it is a lowercase hex digit, 2 when an uppercase one (digits: 3). */
const HEX_CLASS = new Uint8Array(256);
for (let i = 0; i < 10; i++) {
  HEX_LOWER[48 + i] = HEX_UPPER[48 + i] = i;
  HEX_CLASS[48 + i] = 3;
}
for (let i = 0; i < 6; i++) {
  HEX_LOWER[97 + i] = HEX_UPPER[65 + i] = 10 + i;
  HEX_CLASS[97 + i] = 1;
  HEX_CLASS[65 + i] = 2;
}

export class PartitionWriter {
  private buf: Uint8Array;
  private pos = 0;
  private line = 0;

  /** Rows of one chunk of one source. */
  constructor(source: number, chunk: number, initial = 64 * 1024) {
    this.buf = new Uint8Array(Math.max(initial, 8));
    this.buf[0] = source;
    this.buf[1] = source >>> 8;
    this.pos = 2;
    this.varint(chunk);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  private varint(v: number): void {
    const b = this.buf;
    while (v >= 0x80) {
      b[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    b[this.pos++] = v;
  }

  private u24(v: number): void {
    const b = this.buf;
    b[this.pos] = v;
    b[this.pos + 1] = v >>> 8;
    b[this.pos + 2] = v >>> 16;
    this.pos += 3;
  }

  private key(src: Uint8Array, s: number, e: number): void {
    const n = e - s;
    const b = this.buf;
    let pos = this.pos; // a local in the byte loops, not a property
    const table = n > 0 && n % 2 === 0 ? hexTable(src, s, e) : null;
    if (table !== null) {
      b[pos++] = table === HEX_LOWER ? 1 : 2;
      b[pos++] = n / 2;
      for (let i = s; i < e; i += 2) b[pos++] = (table[src[i]] << 4) | table[src[i + 1]];
    } else {
      b[pos++] = 0;
      b[pos++] = n;
      for (let i = s; i < e; i++) b[pos++] = src[i];
    }
    this.pos = pos;
  }

  /** One row, lines in increasing order; client key and allocation number are UTF-8 bytes [s, e) (at most MAX_FIELD_BYTES each). */
  write(line: number, start: number, end: number, gm: number, cat: number, mapStatus: number,
    code: number, pcat: number, provider: number,
    client: Uint8Array, clientS: number, clientE: number, alloc: Uint8Array, allocS: number, allocE: number,
    extra = 0, birth: number = OPEN_END): void {
    if (line <= this.line) throw new RangeError(`rows must be written in line order (${line} after ${this.line})`);
    this.ensure(5 + 6 + 2 + 1 + 15 + 4 + (clientE - clientS) + (allocE - allocS) + 5);
    const b = this.buf;
    this.varint(line - this.line);
    this.line = line;
    this.u24(start - DAY_BASE);
    this.u24(end === OPEN_END ? OPEN_DAYS : end - DAY_BASE);
    b[this.pos] = gm;
    b[this.pos + 1] = gm >>> 8;
    b[this.pos + 2] = cat * 4 + mapStatus;
    this.pos += 3;
    this.varint(code);
    this.varint(pcat);
    this.varint(provider);
    this.key(client, clientS, clientE);
    this.key(alloc, allocS, allocE);
    const x = birth === OPEN_END ? extra : extra | HAS_BIRTH;
    const bb = this.buf;
    bb[this.pos] = x;
    bb[this.pos + 1] = x >>> 8;
    this.pos += 2;
    if (x & HAS_BIRTH) this.u24(birth - DAY_BASE);
  }

  /** The piece written, in an ArrayBuffer of its own (ready to transfer); empty when it holds no row. */
  finish(): ArrayBuffer {
    return this.line === 0 ? new ArrayBuffer(0) : this.buf.slice(0, this.pos).buffer;
  }
}

/** The hex digit table every byte of src[s, e) is in (lowercase first), or null. */
function hexTable(src: Uint8Array, s: number, e: number): Int8Array | null {
  let cls = 3;
  for (let i = s; i < e && cls !== 0; i++) cls &= HEX_CLASS[src[i]];
  return cls & 1 ? HEX_LOWER : cls & 2 ? HEX_UPPER : null;
}

/** One partition's piece of one chunk, with that chunk's dictionaries. */
export interface Piece {
  bytes: ArrayBuffer;
  dict: ChunkDict;
}

/**
 * Decodes records and groups them by client key. A key becomes a string of its form byte and
 * stored bytes (Latin-1): unique per key, used only as a map key inside the worker.
 * `kindOf` gives the data kind (0 allocations, 1 claims) of each source.
 */
export function decodeByClient(pieces: readonly Piece[], kindOf: readonly (0 | 1)[], into = new Map<string, ProductRow[]>()): Map<string, ProductRow[]> {
  for (const { bytes, dict } of pieces) {
    const b = Buffer.from(bytes) as Buffer & { latin1Slice(s: number, e: number): string };
    // Exports usually list a client's rows together: while the key bytes repeat, skip the map.
    let prevS = -1;
    let prevL = -1;
    let list: ProductRow[] | undefined;
    if (b.length === 0) continue;
    const source = b[0] | (b[1] << 8);
    const kind = kindOf[source];
    const chunk = slowVarint(b, 2);
    let p = varintEnd;
    let line = 0;
    // Varints inline (one byte is the usual case); `p` stays a local, not a closure variable.
    while (p < b.length) {
      let delta = b[p++];
      if (delta >= 0x80) {
        delta = slowVarint(b, p - 1);
        p = varintEnd;
      }
      line += delta;
      const start = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + DAY_BASE;
      const endDays = b[p + 3] | (b[p + 4] << 8) | (b[p + 5] << 16);
      const gm = b[p + 6] | (b[p + 7] << 8);
      const catStatus = b[p + 8];
      p += 9;
      let code = b[p++];
      if (code >= 0x80) {
        code = slowVarint(b, p - 1);
        p = varintEnd;
      }
      let pcat = b[p++];
      if (pcat >= 0x80) {
        pcat = slowVarint(b, p - 1);
        p = varintEnd;
      }
      let provider = b[p++];
      if (provider >= 0x80) {
        provider = slowVarint(b, p - 1);
        p = varintEnd;
      }
      const ks = p; // client key: form, length, bytes
      const kl = 2 + b[p + 1];
      p += kl;
      const al = b[p + 1];
      const allocation = al === 0 ? '' : b.latin1Slice(p, p + 2 + al);
      p += 2 + al;
      const extra = b[p] | (b[p + 1] << 8);
      p += 2;
      let birth = OPEN_END;
      if (extra & HAS_BIRTH) {
        birth = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + DAY_BASE;
        p += 3;
      }
      const row: ProductRow = {
        kind, order: orderKey(source, chunk, line), source,
        start, end: endDays === OPEN_DAYS ? OPEN_END : endDays + DAY_BASE, gm,
        cat: catStatus >> 2, mapStatus: (catStatus & 3),
        code: dict.codes[code], productcategorie: dict.productcategorie[pcat], provider: dict.providers[provider], allocation,
        referrer: extra & 7, sex: (extra >> 3) & 3, reason: (extra >> 5) & 127, birth,
      };
      if (list === undefined || kl !== prevL || !sameBytes(b, prevS, ks, kl)) {
        const client = b.latin1Slice(ks, ks + kl);
        list = into.get(client);
        if (list === undefined) into.set(client, (list = []));
      }
      list.push(row);
      prevS = ks;
      prevL = kl;
    }
  }
  return into;
}

/** Where the last slowVarint ended (a second return value without allocating a pair). */
let varintEnd = 0;

/** The value of the varint at b[p]; sets varintEnd. */
function slowVarint(b: Uint8Array, p: number): number {
  let v = 0;
  let shift = 0;
  for (;;) {
    const x = b[p++];
    v += (x & 0x7f) * 2 ** shift;
    if (x < 0x80) {
      varintEnd = p;
      return v;
    }
    shift += 7;
  }
}

function sameBytes(b: Uint8Array, x: number, y: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[x + i] !== b[y + i]) return false;
  return true;
}

/** FNV-1a over the key's UTF-8 bytes: the same key lands in the same partition whatever file it came from. */
export function partitionOfBytes(buf: Uint8Array, s: number, e: number, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return (h >>> 0) % partitions;
}

/** The rows of one chunk, packed per client partition (a RowSink of the normalise stage). */
export class ClientPartitions {
  private readonly writers: PartitionWriter[];

  constructor(source: number, chunk: number, private readonly partitions: number) {
    this.writers = Array.from({ length: partitions }, () => new PartitionWriter(source, chunk, 16 * 1024));
  }

  write(line: number, start: number, end: number, gm: number, cat: number, mapStatus: number,
    code: number, pcat: number, provider: number,
    client: Uint8Array, clientS: number, clientE: number, alloc: Uint8Array, allocS: number, allocE: number,
    extra: number, birth: number): void {
    this.writers[partitionOfBytes(client, clientS, clientE, this.partitions)].write(
      line, start, end, gm, cat, mapStatus, code, pcat, provider, client, clientS, clientE, alloc, allocS, allocE, extra, birth);
  }

  /** One piece per partition (empty ones have no bytes), ready to transfer. */
  finish(): ArrayBuffer[] {
    return this.writers.map((w) => w.finish());
  }
}
