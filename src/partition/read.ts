// Unpacking: the aggregate phase decodes one partition's pieces (row format: layout.ts) and hands
// each client's rows to the definitions.
import { OPEN_END } from '../model/model.js';
import type { ChunkDict, ProductRow } from '../model/rows.js';
import { fnv1a, sameBytes } from '../model/bytes.js';
import { DAY_BASE, HAS_BIRTH, MIN_RECORD_BYTES, OPEN_DAYS, orderKey, REPEAT, SAME_BIRTH } from './layout.js';

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
        if (client < 0 || kl !== prevL || !sameBytes(b, prevS, b, ks, kl)) client = clients.numberOf(bufs, piece, ks, kl);
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
    const h = fnv1a(b, s, s + len);
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
        if (o[oAt + 1] + 2 === len && sameBytes(o, oAt, b, s, len)) return c;
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
