import { describe, expect, it } from 'vitest';
import { parseGemeente, parseTrimmedGemeenteBytes } from '../src/read/municipality.js';

/** The hot path's byte parser after the trimming normalise.ts does (spaces and tabs at both ends). */
function parseGemeenteBytes(b: Uint8Array, s: number, e: number): number {
  while (s < e && (b[s] === 32 || b[s] === 9)) s++;
  while (e > s && (b[e - 1] === 32 || b[e - 1] === 9)) e--;
  return parseTrimmedGemeenteBytes(b, s, e);
}

const bytes = (s: string): number => {
  const b = Buffer.from(s, 'utf8');
  return parseGemeenteBytes(b, 0, b.length);
};

describe('the municipality code rule (SPEC 1: 363, 0363, GM0363)', () => {
  it('accepts 1 to 4 digits, not all zero, after an optional GM in any case, with spaces or tabs around', () => {
    const ok: [string, number][] = [
      ['363', 363], ['0363', 363], ['GM0363', 363], ['gm0363', 363], ['Gm363', 363], ['gM14', 14],
      ['1', 1], ['GM1', 1], ['9999', 9999], [' GM0014 ', 14], ['\t0014\t', 14], ['  7', 7],
    ];
    for (const [text, n] of ok) {
      expect(parseGemeente(text), JSON.stringify(text)).toBe(n);
      expect(bytes(text), JSON.stringify(text)).toBe(n);
    }
  });

  it('refuses everything else', () => {
    const bad = [
      '', ' ', 'GM', 'gm', '0', '0000', 'GM0000', '10000', 'GM10000', 'GM 363', '36 3', '363a', 'a363', 'G363', 'M363',
      'GMGM363', '-363', '+363', '3.63', '٣٦٣' /* Arabic-Indic digits */, '３６３' /* full-width */, '\u00a0363',
      '363\n', '\r363', 'Utrecht',
    ];
    for (const text of bad) {
      expect(parseGemeente(text), JSON.stringify(text)).toBe(-1);
      expect(bytes(text), JSON.stringify(text)).toBe(-1);
    }
  });

  it('the text and the byte parser agree on random input', () => {
    // Built from the characters the rule looks at, and some it must refuse, so that most strings
    // are near-misses of a valid code. A fixed seed keeps failures reproducible.
    let seed = 20240611;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = ['0', '1', '3', '6', '9', 'G', 'g', 'M', 'm', ' ', '\t', 'x', '-', 'é', '\u00a0', '٣', '\n', '"', '\uD83D'];
    let valid = 0;
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const len = rnd(9);
      for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
      const a = parseGemeente(s);
      expect(bytes(s), JSON.stringify(s)).toBe(a);
      // Within an arbitrary buffer, the parser reads only b[s, e).
      const framed = Buffer.concat([Buffer.from('9;'), Buffer.from(s, 'utf8'), Buffer.from(';9')]);
      expect(parseGemeenteBytes(framed, 2, framed.length - 2), JSON.stringify(s)).toBe(a);
      // The hot path's variant, given the field trimmed of spaces and tabs as normalise.ts trims it.
      const t = Buffer.from(s.replace(/^[ \t]+|[ \t]+$/g, ''), 'utf8');
      expect(parseTrimmedGemeenteBytes(t, 0, t.length), JSON.stringify(s)).toBe(a);
      if (a > 0) valid++;
    }
    expect(valid).toBeGreaterThan(500); // the test does reach the accepting side
  });
});
