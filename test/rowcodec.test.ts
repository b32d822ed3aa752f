// The binary records between the two phases: every field survives the round trip, and packing
// keys never merges or splits clients (grouping by decoded key = grouping by the original text).
import { describe, expect, it } from 'vitest';
import { PartitionWriter } from '../src/partition/write.js';
import { forEachClient, type Piece } from '../src/partition/read.js';
import { orderKey } from '../src/partition/layout.js';
import type { ProductRow } from '../src/model/rows.js';
import { packExtra, type ChunkDict } from '../src/model/rows.js';
import { OPEN_END } from '../src/model/model.js';

/** Each client's rows (copies: forEachClient reuses its row objects), in the order visited. */
function decodeByClient(pieces: Piece[], kindOf: (0 | 1)[]): ProductRow[][] {
  const out: ProductRow[][] = [];
  forEachClient(pieces, kindOf, (rows) => out.push(rows.map((r) => ({ ...r }))));
  return out;
}

const dict: ChunkDict = { codes: ['C0', 'C1'], productcategorie: ['', '45'], providers: ['', 'P'] };

function rng(seed: number) {
  return () => ((seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
}

describe('row codec', () => {
  it('keeps every field, including extreme dates, open ends and large ids', () => {
    const w = new PartitionWriter(7, 70_000, 16);
    const key = Buffer.from('ab12');
    const alloc = Buffer.from('T-1');
    // 1900-01-01 is day -25567; 2199-12-31 is day 84005 (both ends of what dates.ts accepts).
    w.write(1, -25567, 84005, 363, 5, 2, 1, 1, 1, key, 0, 4, alloc, 0, 3);
    w.write(3_000_000, 18628, OPEN_END, 1, 0, 0, 0, 0, 0, key, 0, 4, alloc, 0, 0);
    const other = new PartitionWriter(0, 0);
    other.write(5, 100, 200, 2, 1, 0, 0, 0, 0, key, 0, 4, alloc, 0, 0);
    const groups = decodeByClient([{ bytes: w.finish(), dict }, { bytes: other.finish(), dict }], [0, 0, 0, 0, 0, 0, 0, 1]);
    expect(groups.length).toBe(1);
    const [a, b, c] = groups[0];
    expect(a).toMatchObject({ kind: 1, source: 7, order: orderKey(7, 70_000, 1), start: -25567, end: 84005, gm: 363, cat: 5, mapStatus: 2, code: 'C1', productcategorie: '45', provider: 'P' });
    expect(b).toMatchObject({ order: orderKey(7, 70_000, 3_000_000), start: 18628, end: OPEN_END, cat: 0, mapStatus: 0, code: 'C0', productcategorie: '', provider: '', allocation: '' });
    expect(c).toMatchObject({ kind: 0, source: 0, order: orderKey(0, 0, 5), gm: 2, cat: 1 });
    expect(a.allocation).not.toBe('');
  });

  it('keeps the optional columns: referrer, sex, reason for ending and a birth date (or none)', () => {
    const w = new PartitionWriter(0, 0, 16);
    const key = Buffer.from('c1');
    const none = Buffer.alloc(0);
    // referrer 7 (justitie), sex 2 (vrouw), reason 99; born 1900-01-01 (the earliest day kept).
    w.write(1, 18628, 18700, 14, 1, 0, 0, 0, 0, key, 0, 2, none, 0, 0, packExtra(7, 2, 99), -25567);
    w.write(2, 18628, 18700, 14, 1, 0, 0, 0, 0, key, 0, 2, none, 0, 0, packExtra(1, 1, 31), OPEN_END);
    w.write(3, 18628, 18700, 14, 1, 0, 0, 0, 0, key, 0, 2, none, 0, 0);
    const [a, b, c] = decodeByClient([{ bytes: w.finish(), dict }], [0])[0];
    expect(a).toMatchObject({ referrer: 7, sex: 2, reason: 99, birth: -25567 });
    expect(b).toMatchObject({ referrer: 1, sex: 1, reason: 31, birth: OPEN_END });
    expect(c).toMatchObject({ referrer: 0, sex: 0, reason: 0, birth: OPEN_END });
  });

  it('a row of the previous row\'s client and birth date stores neither again, and decodes to the same values', () => {
    const a = Buffer.from('0123456789abcdef'); // 16 hex digits: form, length and 8 bytes
    const b = Buffer.from('fedcba9876543210');
    const none = Buffer.alloc(0);
    const born = 14735; // 2010-05-06
    const write = (keys: Buffer[], births: number[]) => {
      const w = new PartitionWriter(0, 0, 16);
      keys.forEach((k, i) => w.write(i + 1, 18628, 18700, 14, 1, 0, 0, 0, 0, k, 0, k.length, none, 0, 0, 0, births[i]));
      return w.finish();
    };
    // a a b b (two repeats) against a b a b (none): 2 x (10 - 1) bytes of keys and 2 x 3 bytes of birth dates less
    const runs = write([a, a, b, b], [born, born, born + 1, born + 1]);
    const alternating = write([a, b, a, b], [born, born + 1, born, born + 1]);
    expect(alternating.byteLength - runs.byteLength).toBe(2 * 9 + 2 * 3);
    const groups = decodeByClient([{ bytes: runs, dict }], [0]);
    expect(groups.map((rows) => rows.map((r) => [r.order, r.birth]))).toEqual([
      [[orderKey(0, 0, 1), born], [orderKey(0, 0, 2), born]],
      [[orderKey(0, 0, 3), born + 1], [orderKey(0, 0, 4), born + 1]],
    ]);
    // a birth date, none, then the same date again: each row keeps its own
    const mixed = decodeByClient([{ bytes: write([a, a, a, a], [born, OPEN_END, born, born]), dict }], [0]);
    expect(mixed[0].map((r) => r.birth)).toEqual([born, OPEN_END, born, born]);
    expect(mixed[0].map((r) => [r.referrer, r.sex, r.reason])).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]]);
  });

  it('groups exactly by the key text: hex in either case, odd lengths, non-ASCII, digits', () => {
    const r = rng(42);
    const alphabet = ['0', '1', '9', 'a', 'f', 'A', 'F', 'g', 'Z', 'é', '-'];
    const keys = new Set<string>(['ab', 'AB', 'aB', 'Ab', '12', '012', 'abc', 'ABC', '0a', '0A', '00', '0', 'é', 'ée']);
    while (keys.size < 400) {
      const n = 1 + Math.floor(r() * 6);
      let k = '';
      for (let i = 0; i < n; i++) k += alphabet[Math.floor(r() * alphabet.length)];
      keys.add(k);
    }
    const list = [...keys];
    const w = new PartitionWriter(0, 0, 64);
    const expected = new Map<string, number[]>();
    for (let i = 0; i < 3000; i++) {
      const k = list[Math.floor(r() * list.length)];
      const bytes = Buffer.from(k, 'utf8');
      w.write(i + 1, 100, 200, 1, 0, 0, 0, 0, 0, bytes, 0, bytes.length, bytes, 0, 0);
      expected.set(k, [...(expected.get(k) ?? []), i + 1]);
    }
    const got = decodeByClient([{ bytes: w.finish(), dict }], [0]).map((rows) => rows.map((x) => x.order));
    const want = [...expected.values()].map((lines) => lines.map((l) => orderKey(0, 0, l)));
    const canon = (g: number[][]) => g.map((x) => x.join(',')).sort();
    expect(canon(got)).toEqual(canon(want));
    // Allocation numbers use the same packing: distinct texts stay distinct.
    const w2 = new PartitionWriter(0, 0, 64);
    const c = Buffer.from('k');
    for (const [i, a] of ['ab', 'AB', 'aB', '12', '012'].entries()) {
      const ab = Buffer.from(a);
      w2.write(i + 1, 100, 200, 1, 0, 0, 0, 0, 0, c, 0, 1, ab, 0, ab.length);
    }
    const allocs = decodeByClient([{ bytes: w2.finish(), dict }], [0])[0].map((x) => x.allocation);
    expect(new Set(allocs).size).toBe(5);
  });

  it('over many pieces: each client once, in order of first appearance, its rows in read order (against a Map of the written rows)', () => {
    const r = rng(7);
    const keys = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `${i.toString(16).padStart(4, '0')}` : `k${i}é`));
    const expected = new Map<string, number[]>();
    const pieces: Piece[] = [];
    for (let source = 0; source < 3; source++) {
      for (let chunk = 0; chunk < 4; chunk++) {
        const w = new PartitionWriter(source, chunk, 32);
        let line = 0;
        for (let i = 0; i < 200; i++) {
          line += 1 + Math.floor(r() * 3);
          // Runs of the same client, as exports list them, and clients that come back later.
          const k = keys[Math.floor(r() * (r() < 0.5 ? 20 : keys.length))];
          const bytes = Buffer.from(k, 'utf8');
          const reps = 1 + Math.floor(r() * 3);
          for (let j = 0; j < reps; j++, line++) {
            w.write(line, 100 + j, 200, 1, 0, 0, 0, 0, 0, bytes, 0, bytes.length, bytes, 0, 0);
            expected.set(k, [...(expected.get(k) ?? []), orderKey(source, chunk, line)]);
          }
        }
        pieces.push({ bytes: w.finish(), dict });
      }
    }
    const got = decodeByClient(pieces, [0, 0, 1]).map((rows) => rows.map((x) => x.order));
    expect(got).toEqual([...expected.values()]);
  });

  it('refuses rows out of line order, and a piece without rows is empty', () => {
    const w = new PartitionWriter(0, 3);
    expect(w.finish().byteLength).toBe(0);
    const k = Buffer.from('k');
    w.write(10, 100, 200, 1, 0, 0, 0, 0, 0, k, 0, 1, k, 0, 0);
    expect(() => w.write(10, 100, 200, 1, 0, 0, 0, 0, 0, k, 0, 1, k, 0, 0)).toThrow(/line order/);
    expect(w.finish().byteLength).toBeGreaterThan(0);
  });
});
