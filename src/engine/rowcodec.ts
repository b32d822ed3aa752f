// Accepted rows travel from the parse phase to the aggregate phase as compact binary records
// in transferable ArrayBuffers, one stream per client partition: no per-row objects, no
// copying between threads. Layout of one record (little-endian):
//   u8 kind | u16 source | u32 chunk | u32 line | i32 start | i32 end | u16 gm | u8 cat | u8 mapStatus
//   then five strings, each u8 byte length + UTF-8: client, code, productcategorie, provider, allocation
import type { MapStatus, ProductRow } from '../core/products.js';

const FIXED = 1 + 2 + 4 + 4 + 4 + 4 + 2 + 1 + 1;
/** Longest string field kept, in bytes; longer values are rejected at ingest. */
export const MAX_FIELD_BYTES = 255;

/** Read order as one exact number: source (< 512), chunk (< 2^20), line in chunk (< 2^23). */
export const orderKey = (source: number, chunk: number, line: number): number =>
  source * 2 ** 43 + chunk * 2 ** 23 + line;

export class PartitionWriter {
  private buf: Buffer;
  private pos = 0;
  rows = 0;

  constructor(initial = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private str(s: string): void {
    const b = this.buf;
    const at = this.pos;
    const n = b.write(s, at + 1, 'utf8');
    b[at] = n;
    this.pos = at + 1 + n;
  }

  write(kind: number, source: number, chunk: number, line: number, start: number, end: number, gm: number, cat: number,
    mapStatus: number, client: string, code: string, productcategorie: string, provider: string, allocation: string): void {
    // Worst case 3 bytes per UTF-16 unit; callers cap each string at MAX_FIELD_BYTES bytes.
    this.ensure(FIXED + 5 + 3 * (client.length + code.length + productcategorie.length + provider.length + allocation.length));
    const b = this.buf;
    let p = this.pos;
    b[p] = kind; p += 1;
    b.writeUInt16LE(source, p); p += 2;
    b.writeUInt32LE(chunk, p); p += 4;
    b.writeUInt32LE(line, p); p += 4;
    b.writeInt32LE(start, p); p += 4;
    b.writeInt32LE(end, p); p += 4;
    b.writeUInt16LE(gm, p); p += 2;
    b[p] = cat; p += 1;
    b[p] = mapStatus; p += 1;
    this.pos = p;
    this.str(client);
    this.str(code);
    this.str(productcategorie);
    this.str(provider);
    this.str(allocation);
    this.rows++;
  }

  /** The records written, in an ArrayBuffer of their own (ready to transfer). */
  finish(): ArrayBuffer {
    const out = new ArrayBuffer(this.pos);
    new Uint8Array(out).set(this.buf.subarray(0, this.pos));
    return out;
  }
}

/** Decodes records and groups them by client key (the key itself stays inside the worker). */
export function decodeByClient(pieces: readonly ArrayBuffer[], into = new Map<string, ProductRow[]>()): Map<string, ProductRow[]> {
  for (const ab of pieces) {
    const b = Buffer.from(ab);
    let p = 0;
    const str = (): string => {
      const n = b[p];
      const s = n === 0 ? '' : b.toString('utf8', p + 1, p + 1 + n);
      p += 1 + n;
      return s;
    };
    while (p < b.length) {
      const kind = b[p] as 0 | 1;
      const source = b.readUInt16LE(p + 1);
      const chunk = b.readUInt32LE(p + 3);
      const line = b.readUInt32LE(p + 7);
      const start = b.readInt32LE(p + 11);
      const end = b.readInt32LE(p + 15);
      const gm = b.readUInt16LE(p + 19);
      const cat = b[p + 21];
      const mapStatus = b[p + 22] as MapStatus;
      p += FIXED;
      const client = str();
      const row: ProductRow = {
        kind, order: orderKey(source, chunk, line), source, gm, code: str(), productcategorie: str(),
        provider: str(), allocation: str(), start, end, cat, mapStatus,
      };
      const list = into.get(client);
      if (list) list.push(row);
      else into.set(client, [row]);
    }
  }
  return into;
}
