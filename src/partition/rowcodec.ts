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
import { OPEN_END } from '../model/model.js';
import type { ChunkDict, ProductRow } from '../model/rows.js';

/** Read order as one exact number: source (< 512), chunk (< 2^20), line in chunk (< 2^23). */
export const orderKey = (source: number, chunk: number, line: number): number =>
  source * 2 ** 43 + chunk * 2 ** 23 + line;

/** Day 0 of the record's dates: 1900-01-01 (dates.ts accepts 1900..2199, which fits 24 bits). */
const DAY_BASE = -25567;
const OPEN_DAYS = 0xffffff;
/** Bit of `extra` that says the row has a birth date; with SAME_BIRTH it is the previous row's (none follows). */
const HAS_BIRTH = 4096;
const SAME_BIRTH = 8192;
/** Form byte of a client key that is the previous row's. */
const REPEAT = 3;

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
  /** Where the previous row's client key (form, length, bytes) lies in buf; -1 before the first row. */
  private keyAt = -1;
  private keyLen = 0;
  private birth = NaN;

  /** Rows of one chunk of one source. */
  constructor(source: number, chunk: number, initial = 64 * 1024) {
    this.buf = new Uint8Array(Math.max(initial, 8));
    this.buf[0] = source;
    this.buf[1] = source >>> 8;
    this.pos = varintAt(this.buf, 2, chunk);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** One row, lines in increasing order; client key and allocation number are UTF-8 bytes [s, e) (at most MAX_FIELD_BYTES each). */
  write(line: number, start: number, end: number, gm: number, cat: number, mapStatus: number,
    code: number, pcat: number, provider: number,
    client: Uint8Array, clientS: number, clientE: number, alloc: Uint8Array, allocS: number, allocE: number,
    extra = 0, birth: number = OPEN_END): void {
    if (line <= this.line) throw new RangeError(`rows must be written in line order (${line} after ${this.line})`);
    this.ensure(5 + 6 + 2 + 1 + 15 + 4 + (clientE - clientS) + (allocE - allocS) + 5);
    // One local position and buffer for the whole row (V8 keeps them in registers; a property
    // written back after every byte cost a third of the parse phase's writing).
    const b = this.buf;
    let pos = varintAt(b, this.pos, line - this.line);
    this.line = line;
    const s = start - DAY_BASE;
    const e = end === OPEN_END ? OPEN_DAYS : end - DAY_BASE;
    b[pos] = s;
    b[pos + 1] = s >>> 8;
    b[pos + 2] = s >>> 16;
    b[pos + 3] = e;
    b[pos + 4] = e >>> 8;
    b[pos + 5] = e >>> 16;
    b[pos + 6] = gm;
    b[pos + 7] = gm >>> 8;
    b[pos + 8] = cat * 4 + mapStatus;
    pos = varintAt(b, pos + 9, code);
    pos = varintAt(b, pos, pcat);
    pos = varintAt(b, pos, provider);
    const at = pos;
    pos = keyAt(b, pos, client, clientS, clientE);
    if (pos - at === this.keyLen && sameBytes(b, at, this.keyAt, this.keyLen)) {
      b[at] = REPEAT;
      pos = at + 1;
    } else {
      this.keyAt = at;
      this.keyLen = pos - at;
    }
    pos = keyAt(b, pos, alloc, allocS, allocE);
    const same = birth === this.birth;
    this.birth = birth;
    const x = birth === OPEN_END ? extra : same ? extra | HAS_BIRTH | SAME_BIRTH : extra | HAS_BIRTH;
    b[pos] = x;
    b[pos + 1] = x >>> 8;
    pos += 2;
    if ((x & (HAS_BIRTH | SAME_BIRTH)) === HAS_BIRTH) {
      const d = birth - DAY_BASE;
      b[pos] = d;
      b[pos + 1] = d >>> 8;
      b[pos + 2] = d >>> 16;
      pos += 3;
    }
    this.pos = pos;
  }

  /** The piece written, in an ArrayBuffer of its own (ready to transfer); empty when it holds no row. */
  finish(): ArrayBuffer {
    return this.line === 0 ? new ArrayBuffer(0) : this.buf.slice(0, this.pos).buffer;
  }
}

/** Writes v as a varint at b[pos]; returns the position after it. */
function varintAt(b: Uint8Array, pos: number, v: number): number {
  while (v >= 0x80) {
    b[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  b[pos++] = v;
  return pos;
}

/** Writes the key src[s, e) (form, length, bytes) at b[pos]; returns the position after it. */
function keyAt(b: Uint8Array, pos: number, src: Uint8Array, s: number, e: number): number {
  const n = e - s;
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
  return pos;
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
 * Decodes one partition's records and calls `visit` once per client with its rows, in read
 * order, clients in the order they first appear. The rows are the same few objects for every
 * client (filled anew each time): `visit` must not keep them or reorder the array (it is
 * reused for the next client of the same size); processClient does neither (rows are readonly).
 *
 * Why not a Map from key to an array of row objects: a partition's rows would then all live at
 * once as objects, which the garbage collector copies and promotes; here they wait in columns,
 * a client's number is found by hashing the key bytes (no string per key), and a counting sort
 * by client number keeps each client's rows in read order.
 * `kindOf` gives the data kind (0 allocations, 1 claims) of each source.
 */
export function forEachClient(pieces: readonly Piece[], kindOf: readonly (0 | 1)[], visit: (rows: readonly ProductRow[]) => void): void {
  let bytes = 0;
  for (const p of pieces) bytes += p.bytes.byteLength;
  const cap = Math.ceil(bytes / MIN_RECORD_BYTES) + 1; // more rows than this cannot fit
  const cols = new Columns(cap);
  const clients = new ClientNumbers(cap);
  const bufs: Buffer[] = [];
  let n = 0;
  for (let piece = 0; piece < pieces.length; piece++) {
    const b = Buffer.from(pieces[piece].bytes);
    bufs.push(b);
    if (b.length === 0) continue;
    const source = b[0] | (b[1] << 8);
    const chunk = slowVarint(b, 2);
    let p = varintEnd;
    let line = 0;
    let prevS = -1;
    let prevL = -1;
    let client = -1;
    let birth = OPEN_END;
    // Varints inline (one byte is the usual case); `p` stays a local, not a closure variable.
    while (p < b.length) {
      let delta = b[p++];
      if (delta >= 0x80) {
        delta = slowVarint(b, p - 1);
        p = varintEnd;
      }
      line += delta;
      cols.order[n] = orderKey(source, chunk, line);
      cols.source[n] = source;
      cols.piece[n] = piece;
      cols.start[n] = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + DAY_BASE;
      const endDays = b[p + 3] | (b[p + 4] << 8) | (b[p + 5] << 16);
      cols.end[n] = endDays === OPEN_DAYS ? OPEN_END : endDays + DAY_BASE;
      cols.gm[n] = b[p + 6] | (b[p + 7] << 8);
      cols.catStatus[n] = b[p + 8];
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
      cols.code[n] = code;
      cols.pcat[n] = pcat;
      cols.provider[n] = provider;
      if (b[p] === REPEAT) {
        p++; // the previous row's client
      } else {
        const ks = p; // client key: form, length, bytes
        const kl = 2 + b[p + 1];
        p += kl;
        // Rows of one client in other chunks' pieces come in a row too: while the key bytes repeat, skip the hash.
        if (client < 0 || kl !== prevL || !sameBytes(b, prevS, ks, kl)) client = clients.numberOf(bufs, piece, ks, kl);
        prevS = ks;
        prevL = kl;
      }
      cols.client[n] = client;
      cols.alloc[n] = p; // allocation number: form, length, bytes (length 0: none)
      p += 2 + b[p + 1];
      const extra = b[p] | (b[p + 1] << 8);
      p += 2;
      if ((extra & (HAS_BIRTH | SAME_BIRTH)) === HAS_BIRTH) {
        birth = (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + DAY_BASE;
        p += 3;
      } else if ((extra & HAS_BIRTH) === 0) {
        birth = OPEN_END;
      }
      cols.birth[n] = birth;
      cols.extra[n] = extra & ~(HAS_BIRTH | SAME_BIRTH);
      n++;
    }
  }
  // Counting sort by client number: stable, so each client's rows stay in read order.
  const count = clients.count;
  const first = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) first[cols.client[i] + 1]++;
  for (let c = 0; c < count; c++) first[c + 1] += first[c];
  const next = first.slice(0, count);
  const byClient = new Int32Array(n);
  for (let i = 0; i < n; i++) byClient[next[cols.client[i]]++] = i;

  const pool: ProductRow[] = [];
  // The first `size` rows of the pool, by size: the pool only grows, so a view stays valid.
  const views: ProductRow[][] = [];
  for (let c = 0; c < count; c++) {
    const size = first[c + 1] - first[c];
    while (pool.length < size) pool.push(blankRow());
    for (let k = 0; k < size; k++) {
      const i = byClient[first[c] + k];
      const row = pool[k];
      const { dict } = pieces[cols.piece[i]];
      const b = bufs[cols.piece[i]] as Buffer & { latin1Slice(s: number, e: number): string };
      const a = cols.alloc[i];
      const extra = cols.extra[i];
      row.kind = kindOf[cols.source[i]];
      row.order = cols.order[i];
      row.source = cols.source[i];
      row.start = cols.start[i];
      row.end = cols.end[i];
      row.gm = cols.gm[i];
      row.cat = cols.catStatus[i] >> 2;
      row.mapStatus = cols.catStatus[i] & 3;
      row.code = dict.codes[cols.code[i]];
      row.productcategorie = dict.productcategorie[cols.pcat[i]];
      row.provider = dict.providers[cols.provider[i]];
      const al = b[a + 1];
      row.allocation = al === 0 ? '' : al <= 6 ? packedNumber(b, a, al) : b.latin1Slice(a, a + 2 + al);
      row.referrer = extra & 7;
      row.sex = (extra >> 3) & 3;
      row.reason = (extra >> 5) & 127;
      row.birth = cols.birth[i];
    }
    visit(size === pool.length ? pool : (views[size] ??= pool.slice(0, size)));
  }
}

/** The fewest bytes a record takes (one-byte varints, a repeated client key, no allocation number). */
const MIN_RECORD_BYTES = 1 + 6 + 3 + 3 + 1 + 2 + 2;

/** A partition's rows in columns, one entry per row in decode order. */
class Columns {
  readonly order: Float64Array;
  readonly source: Uint16Array;
  readonly piece: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly gm: Uint16Array;
  readonly catStatus: Uint8Array;
  readonly code: Int32Array;
  readonly pcat: Int32Array;
  readonly provider: Int32Array;
  readonly client: Int32Array;
  /** Where the row's allocation number (form, length, bytes) lies in its piece. */
  readonly alloc: Int32Array;
  readonly extra: Uint16Array;
  readonly birth: Int32Array;
  constructor(n: number) {
    this.order = new Float64Array(n);
    this.source = new Uint16Array(n);
    this.piece = new Int32Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.gm = new Uint16Array(n);
    this.catStatus = new Uint8Array(n);
    this.code = new Int32Array(n);
    this.pcat = new Int32Array(n);
    this.provider = new Int32Array(n);
    this.client = new Int32Array(n);
    this.alloc = new Int32Array(n);
    this.extra = new Uint16Array(n);
    this.birth = new Int32Array(n);
  }
}

/** Client numbers 0, 1, 2, ... by key bytes, in order of first appearance: an open-addressing table (linear probing, at most half full). */
class ClientNumbers {
  count = 0;
  private readonly slots: Int32Array; // client + 1 (0: empty)
  private readonly hash: Int32Array;
  private readonly keyPiece: Int32Array;
  private readonly keyAt: Int32Array;
  private readonly mask: number;
  constructor(maxClients: number) {
    let size = 2;
    while (size < 2 * maxClients) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.hash = new Int32Array(maxClients);
    this.keyPiece = new Int32Array(maxClients);
    this.keyAt = new Int32Array(maxClients);
  }

  /** The number of the key at bufs[piece][s, s + len) (form and length bytes included). */
  numberOf(bufs: readonly Uint8Array[], piece: number, s: number, len: number): number {
    const b = bufs[piece];
    let h = 0x811c9dc5;
    for (let i = s; i < s + len; i++) h = Math.imul(h ^ b[i], 0x01000193);
    for (let at = h & this.mask; ; at = (at + 1) & this.mask) {
      const c = this.slots[at] - 1;
      if (c < 0) {
        const id = this.count++;
        this.slots[at] = id + 1;
        this.hash[id] = h;
        this.keyPiece[id] = piece;
        this.keyAt[id] = s;
        return id;
      }
      if (this.hash[c] === h) {
        const o = bufs[this.keyPiece[c]];
        const oAt = this.keyAt[c];
        if (o[oAt + 1] + 2 === len && sameBytesIn(o, oAt, b, s, len)) return c;
      }
    }
  }
}

/** A key of at most six stored bytes as one exact number, its form and length included (so two keys
 *  get the same number exactly when they are the same key): no string per row. */
function packedNumber(b: Uint8Array, at: number, len: number): number {
  let v = b[at] * 8 + len;
  for (let i = at + 2; i < at + 2 + len; i++) v = v * 256 + b[i];
  return v;
}

function blankRow(): ProductRow {
  return {
    kind: 0, order: 0, source: 0, start: 0, end: 0, gm: 0, cat: 0, mapStatus: 0,
    code: '', productcategorie: '', provider: '', allocation: '', referrer: 0, sex: 0, reason: 0, birth: OPEN_END,
  };
}

function sameBytesIn(a: Uint8Array, x: number, b: Uint8Array, y: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[x + i] !== b[y + i]) return false;
  return true;
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
