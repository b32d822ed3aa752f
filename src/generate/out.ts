// Writing the generated rows fast: byte tables of spellings and a buffered, back-pressured output.
import { type WriteStream } from 'node:fs';
import { P } from './world.js';

// ---------------------------------------------------------------------------------------------

export const EMPTY_IJW_256 = Math.round(P.emptyIjw * 256);
export const DUPLICATE_2048 = Math.round(P.duplicate * 2048);

/** Strings as bytes (ASCII), concatenated, for copying into the output buffers without string work. */
export class ByteTable {
  readonly bytes: Uint8Array;
  /** The same bytes (and 4 more, zero) for copying four at a time. */
  readonly view: DataView;
  readonly off: Int32Array;
  readonly len: Uint8Array;
  constructor(strings: readonly string[]) {
    const enc = strings.map((s) => Buffer.from(s, 'latin1'));
    this.bytes = new Uint8Array(enc.reduce((a, b) => a + b.length, 4));
    this.view = new DataView(this.bytes.buffer);
    this.off = new Int32Array(enc.length);
    this.len = new Uint8Array(enc.length);
    let at = 0;
    enc.forEach((b, i) => {
      this.bytes.set(b, at);
      this.off[i] = at;
      this.len[i] = b.length;
      at += b.length;
    });
  }
}

/** 0000 .. 9999 as four ASCII digits in one big-endian word. */
export const DIGITS4 = Uint32Array.from({ length: 10_000 }, (_, n) =>
  (((48 + ((n / 1000) | 0)) << 24) | ((48 + (((n / 100) | 0) % 10)) << 16) | ((48 + (((n / 10) | 0) % 10)) << 8) | (48 + (n % 10))) >>> 0);

/** One output file: a 1 MB buffer that goes to the stream, with back-pressure, when nearly full.
 *  Writers may scribble up to 3 bytes past `pos` (words copied whole); only bytes before it count. */
export class Out {
  static readonly CHUNK = 1 << 20;
  buf: Uint8Array = new Uint8Array(Out.CHUNK);
  view: DataView = new DataView(this.buf.buffer);
  pos = 0;
  constructor(private readonly stream: WriteStream) {}
  /** Entry i of t, copied four bytes at a time. */
  put(t: ByteTable, i: number): void {
    const v = this.view;
    const src = t.view;
    const p = this.pos;
    const k = t.off[i];
    const n = t.len[i];
    for (let w = 0; w < n; w += 4) v.setUint32(p + w, src.getUint32(k + w));
    this.pos = p + n;
  }
  byte(c: number): void {
    this.buf[this.pos++] = c;
  }
  /** 16 bytes (a client key). */
  put16(src: DataView): void {
    const v = this.view;
    const p = this.pos;
    for (let w = 0; w < 16; w += 4) v.setUint32(p + w, src.getUint32(w));
    this.pos = p + 16;
  }
  /** A non-negative integer below 2^31 in decimal (8 digits, as allocation numbers have: two words). */
  int(n: number): void {
    if (n >= 10_000_000 && n < 100_000_000) {
      const v = this.view;
      const p = this.pos;
      v.setUint32(p, DIGITS4[(n / 10_000) | 0]);
      v.setUint32(p + 4, DIGITS4[n % 10_000]);
      this.pos = p + 8;
      return;
    }
    const b = this.buf;
    let digits = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) digits++;
    let p = this.pos + digits;
    this.pos = p;
    do {
      b[--p] = 48 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
  }
  /** Repeats the bytes from `from` to the current position (a duplicate row). */
  repeat(from: number): void {
    const len = this.pos - from;
    this.buf.copyWithin(this.pos, from, this.pos);
    this.pos += len;
  }
  async flushIfAbove(limit: number): Promise<void> {
    if (this.pos <= limit) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(Out.CHUNK);
    this.view = new DataView(this.buf.buffer);
    this.pos = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((res) => this.stream.once('drain', res));
  }
  async end(): Promise<void> {
    await this.flushIfAbove(0);
    await new Promise<void>((res, rej) => this.stream.end((err?: Error | null) => (err ? rej(err) : res())));
  }
}

/** How one source file spells things. */
export interface Style {
  delim: number;
  eol: ByteTable; // one entry
  /** spellings per municipality in gmTable (1 or 2): entry forms * m + (random bit when 2) */
  gmForms: number;
  gmTable: ByteTable;
  /** dateTable holds every day twice, the second spelling from entry nDays on; a random 0..63 below
   *  `variant` picks it (numbers, not functions: the hot loop stays free of calls it cannot inline) */
  variant: number;
  dateTable: ByteTable;
  /** unreadable birth dates: 31 February of each year from the first day of dateTable on, then `onbekend` */
  badBirth: ByteTable;
  providers: ByteTable;
}

/** Generates the files. Streams rows; returns the paths and the number of data rows written. */
