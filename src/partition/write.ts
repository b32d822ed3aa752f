// Packing: the parse phase writes each accepted row into its client partition's piece, in the
// row format of layout.ts.
import { OPEN_END } from '../model/model.js';
import { fnv1a, sameBytes } from '../model/bytes.js';
import { DAY_BASE, HAS_BIRTH, OPEN_DAYS, REPEAT, SAME_BIRTH } from './layout.js';

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
    if (pos - at === this.keyLen && sameBytes(b, at, b, this.keyAt, this.keyLen)) {
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

/** FNV-1a over the key's UTF-8 bytes: the same key lands in the same partition whatever file it came from. */
export function partitionOfBytes(buf: Uint8Array, s: number, e: number, partitions: number): number {
  return (fnv1a(buf, s, e) >>> 0) % partitions;
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
