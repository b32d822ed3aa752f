// Per-chunk dictionaries for short repeated text (product codes, iJw categories, providers):
// a row carries a small id instead of the text, and the aggregate phase gets the strings
// from the chunk's dictionary. Lookups hash the raw bytes, so no string is made per row.
//
// Three lookups a row make this hot: an open-addressing table of ids over one byte arena
// (linear probing, kept at most half full) costs about a third of a Map keyed by hash.

import { fnv1a, sameBytes } from '../model/bytes.js';

export class ByteInterner {
  /** The distinct values, by id. */
  readonly values: string[] = [];
  /** The values' bytes, back to back; value id lies at arena[offsets[id], offsets[id + 1]). */
  private arena = new Uint8Array(1024);
  private offsets = new Int32Array(65);
  private hashes = new Int32Array(64);
  /** Slot -> id + 1 (0: empty). Its length is a power of two. */
  private slots = new Int32Array(128);

  /** Id of bytes buf[s, e), which must be the canonical UTF-8 form of the value. */
  intern(buf: Uint8Array, s: number, e: number): number {
    const h = fnv1a(buf, s, e); // an int32, as the Int32Array of hashes holds it
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = slots[at] - 1;
      if (id < 0) return this.add(buf, s, e, h, at);
      if (this.hashes[id] === h && this.same(id, buf, s, e)) return id;
    }
  }

  internString(value: string): number {
    const b = Buffer.from(value, 'utf8');
    return this.intern(b, 0, b.length);
  }

  private same(id: number, buf: Uint8Array, s: number, e: number): boolean {
    const a = this.offsets[id];
    return this.offsets[id + 1] - a === e - s && sameBytes(this.arena, a, buf, s, e - s);
  }

  private add(buf: Uint8Array, s: number, e: number, h: number, slot: number): number {
    const id = this.values.length;
    const at = this.offsets[id];
    if (at + (e - s) > this.arena.length) this.arena = grown(this.arena, at + (e - s));
    this.arena.set(buf.subarray(s, e), at);
    if (id + 2 > this.offsets.length) this.offsets = grown(this.offsets, id + 2);
    if (id + 1 > this.hashes.length) this.hashes = grown(this.hashes, id + 1);
    this.offsets[id + 1] = at + (e - s);
    this.hashes[id] = h;
    this.values.push(Buffer.from(this.arena.buffer, this.arena.byteOffset + at, e - s).toString('utf8'));
    this.slots[slot] = id + 1;
    if (2 * (id + 1) > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.values.length; id++) {
      let at = this.hashes[id] & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = id + 1;
    }
    this.slots = slots;
  }
}

/** A copy of a typed array with room for at least `need` elements (doubling). */
function grown<T extends Uint8Array | Int32Array>(a: T, need: number): T {
  const next = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}
