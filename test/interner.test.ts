// ByteInterner against the obvious implementation (a Map from string to first-seen index).
import { describe, expect, it } from 'vitest';
import { ByteInterner } from '../src/normalise/interner.js';

describe('ByteInterner', () => {
  it('gives each distinct byte string one id, in first-seen order, through many rehashes', () => {
    const interner = new ByteInterner();
    const reference = new Map<string, number>();
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 20_000; i++) {
      // Short codes repeat often; some long and non-ASCII values grow the arena.
      const v = rand() < 0.9 ? `P${Math.floor(rand() * 3000)}` : `zorgaanbieder ${Math.floor(rand() * 500)} é ${'x'.repeat(Math.floor(rand() * 300))}`;
      if (!reference.has(v)) reference.set(v, reference.size);
      const bytes = Buffer.from(`,,${v};`, 'utf8'); // the value sits inside a larger buffer
      expect(interner.intern(bytes, 2, bytes.length - 1)).toBe(reference.get(v));
    }
    expect(interner.values).toEqual([...reference.keys()]);
  });

  it('keeps the empty value and values that differ only in length apart', () => {
    const interner = new ByteInterner();
    expect(interner.internString('')).toBe(0);
    expect(interner.internString('a')).toBe(1);
    expect(interner.internString('aa')).toBe(2);
    expect(interner.internString('')).toBe(0);
    expect(interner.internString('a')).toBe(1);
    expect(interner.values).toEqual(['', 'a', 'aa']);
  });
});
