// Per-chunk dictionaries for short repeated text (product codes, iJw categories, providers):
// a row carries a 4-byte id instead of the text, and the aggregate phase gets the strings
// from the chunk's dictionary. Lookups hash the raw bytes, so no string is made per row.

export class ByteInterner {
  /** The distinct values, by id. */
  readonly values: string[] = [];
  private readonly bytes: Uint8Array[] = [];
  private readonly byHash = new Map<number, number | number[]>();

  /** Id of bytes buf[s, e), which must be the canonical UTF-8 form of the value. */
  intern(buf: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
    const hit = this.byHash.get(h);
    if (hit !== undefined) {
      if (typeof hit === 'number') {
        if (this.same(hit, buf, s, e)) return hit;
      } else {
        for (const id of hit) if (this.same(id, buf, s, e)) return id;
      }
    }
    const id = this.values.length;
    const copy = buf.slice(s, e);
    this.bytes.push(copy);
    this.values.push(Buffer.from(copy.buffer, copy.byteOffset, copy.length).toString('utf8'));
    if (hit === undefined) this.byHash.set(h, id);
    else if (typeof hit === 'number') this.byHash.set(h, [hit, id]);
    else hit.push(id);
    return id;
  }

  internString(value: string): number {
    const b = Buffer.from(value, 'utf8');
    return this.intern(b, 0, b.length);
  }

  private same(id: number, buf: Uint8Array, s: number, e: number): boolean {
    const v = this.bytes[id];
    if (v.length !== e - s) return false;
    for (let i = 0; i < v.length; i++) if (v[i] !== buf[s + i]) return false;
    return true;
  }
}
