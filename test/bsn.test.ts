import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { bsnVerdict, clientSampler, isBsnColumnName, log10Chance, mergeSamples, passesElfproef, type BsnVerdict } from '../src/read/bsn.js';
import { mulberry32 as rng } from './helpers.js';

/**
 * The verdict on string values, built on the engine's sampler and verdict (a test helper): trims each, skips empty ones, counts distinct values.
 * @param where names the source in the message, e.g. "a.csv" (never a value).
 */
class BsnSniffer {
  readonly #sampler = clientSampler(Number.POSITIVE_INFINITY);

  constructor(readonly column = '', readonly where?: string) {}

  see(value: string): void {
    const v = Buffer.from(value.trim(), 'utf8');
    if (v.length > 0) this.#sampler.see(v, 0, v.length);
  }

  /** Distinct non-empty values seen, and those that pass the elfproef. */
  get counts(): { values: number; passing: number } {
    return mergeSamples([this.#sampler.sample]);
  }

  verdict(): BsnVerdict {
    const { values, passing } = this.counts;
    const v = bsnVerdict(values, passing, this.column);
    return this.where === undefined ? v : { refuse: v.refuse, message: `${this.where}: ${v.message}` };
  }
}

function randomDigits(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(Math.floor(r() * 10));
  return s;
}

/** A valid BSN: 8 random digits and the check digit that makes the weighted sum divisible by 11. */
function validBsn(r: () => number): string {
  for (;;) {
    const p = randomDigits(r, 8);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(p[i]);
    const d9 = sum % 11; // sum - d9 must be divisible by 11
    if (d9 === 10 || /^0+$/.test(p + d9)) continue;
    return p + String(d9);
  }
}

describe('passesElfproef', () => {
  it('accepts known valid test numbers (worked by hand)', () => {
    // 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11
    expect(passesElfproef('111222333')).toBe(true);
    // 123456782: 9+16+21+24+25+24+21+16-2 = 154 = 14*11
    expect(passesElfproef('123456782')).toBe(true);
    // 999999990: 9*44-0 = 396 = 36*11
    expect(passesElfproef('999999990')).toBe(true);
    // 012345672: 0+8+14+18+20+20+18+14-2 = 110 = 10*11
    expect(passesElfproef('012345672')).toBe(true);
    // 100000009: 9-9 = 0, divisible, and not all zeros
    expect(passesElfproef('100000009')).toBe(true);
  });

  it('rejects invalid ones', () => {
    // 123456789: 9+16+21+24+25+24+21+16-9 = 147, not divisible by 11
    expect(passesElfproef('123456789')).toBe(false);
    // 111222334: 65
    expect(passesElfproef('111222334')).toBe(false);
    expect(passesElfproef('000000000')).toBe(false); // sum 0 but all zeros
    expect(passesElfproef('12345678')).toBe(false); // 8 digits
    expect(passesElfproef('1234567820')).toBe(false); // 10 digits
    expect(passesElfproef('12345678a')).toBe(false);
    expect(passesElfproef(' 23456782')).toBe(false);
    expect(passesElfproef('')).toBe(false);
  });

  it('holds for every generated valid BSN, and a changed last digit fails', () => {
    const r = rng(7);
    for (let i = 0; i < 1000; i++) {
      const b = validBsn(r);
      expect(passesElfproef(b)).toBe(true);
      const other = b.slice(0, 8) + String((Number(b[8]) + 1) % 10);
      expect(passesElfproef(other)).toBe(false);
    }
  });
});

/** P(X >= k), X ~ Binomial(n, 1/11), exactly: sum over j >= k of C(n, j) * 10^(n-j), over 11^n (BigInt). */
function exactTail(n: number, k: number): { num: bigint; den: bigint } {
  const C = (a: number, b: number) => {
    let r = 1n;
    for (let i = 1; i <= b; i++) r = (r * BigInt(a - b + i)) / BigInt(i);
    return r;
  };
  let num = 0n;
  for (let j = Math.max(k, 0); j <= n; j++) num += C(n, j) * 10n ** BigInt(n - j);
  return { num, den: 11n ** BigInt(n) };
}

/** log10 of a positive BigInt to double precision: its digit count and its leading 17 digits. */
function log10Big(x: bigint): number {
  const t = x.toString();
  return t.length - 1 + Math.log10(Number(`${t[0]}.${t.slice(1, 17) || '0'}`));
}

/** `passing` distinct valid BSNs and `other` distinct values that fail the elfproef, as one column. */
function sniff(passing: number, other: number, column = 'client_id', seed = 1): BsnSniffer {
  const r = rng(seed);
  const s = new BsnSniffer(column);
  const seen = new Set<string>();
  while (seen.size < passing) seen.add(validBsn(r));
  for (const v of seen) s.see(v);
  for (let i = 0; i < other; i++) s.see(`c${i}`); // never 9 digits: never passes
  return s;
}

describe('the chance that random pseudonyms pass the elfproef', () => {
  it('log10Chance matches the exact binomial tail (hand-checked fractions, then BigInt for many n, k)', () => {
    // 3 of 3: (1/11)^3 = 1/1331. 2 of 3: (3*10 + 1)/1331 = 31/1331. 2 of 2: 1/121.
    expect(10 ** log10Chance(3, 3)).toBeCloseTo(1 / 1331, 12);
    expect(10 ** log10Chance(3, 2)).toBeCloseTo(31 / 1331, 12);
    expect(10 ** log10Chance(2, 2)).toBeCloseTo(1 / 121, 12);
    // 6 of 10: (C(10,6)*10^4 + C(10,7)*10^3 + C(10,8)*10^2 + C(10,9)*10 + 1) / 11^10
    //        = (2,100,000 + 120,000 + 4,500 + 100 + 1) / 25,937,424,601 = 2,224,601 / 25,937,424,601.
    expect(10 ** log10Chance(10, 6) / (2_224_601 / 25_937_424_601)).toBeCloseTo(1, 9);
    // 5 of 10 adds C(10,5)*10^5 = 25,200,000: 27,424,601 / 25,937,424,601; 4 of 10 adds 210,000,000 more.
    expect(10 ** log10Chance(10, 5) / (27_424_601 / 25_937_424_601)).toBeCloseTo(1, 9);
    expect(10 ** log10Chance(10, 4) / (237_424_601 / 25_937_424_601)).toBeCloseTo(1, 9);
    expect(log10Chance(5, 0)).toBe(0);
    expect(log10Chance(5, 6)).toBe(-Infinity);
    for (const n of [1, 2, 7, 19, 20, 33, 64, 150]) {
      for (let k = 0; k <= n; k += Math.max(1, Math.floor(n / 9))) {
        const { num, den } = exactTail(n, k);
        const exact = log10Big(num) - log10Big(den);
        expect(log10Chance(n, k), `${k} of ${n}`).toBeCloseTo(exact, 9);
      }
    }
  });

  it('stays finite far beyond a double: 2,500 of 10,000 and 250,000 of 1,000,000', () => {
    const a = log10Chance(10_000, 2_500);
    expect(Number.isFinite(a)).toBe(true);
    expect(a).toBeLessThan(-300);
    expect(log10Chance(1_000_000, 250_000)).toBeLessThan(a);
    // Around the mean (1 in 11 of 11,000 = 1,000) the chance is about a half.
    expect(10 ** log10Chance(11_000, 1_000)).toBeGreaterThan(0.4);
    expect(10 ** log10Chance(11_000, 1_000)).toBeLessThan(0.6);
  });
});

describe('bsnVerdict: refuse when the evidence makes raw BSNs overwhelmingly likely', () => {
  // Minimum passing values among n distinct ones, worked out with the exact tails (exactTail):
  // plain column, chance <= 1/1331; BSN-named column, chance <= 1/121; and at least a quarter.
  //   n = 2:  plain none (2 of 2: 1/121);  named 2 (1/121)
  //   n = 3:  plain 3 (1/1331);            named 3 (2 of 3: 31/1331 = 1/43 is not enough)
  //   n = 10: plain 6 (8.6e-5; 5 of 10: 1.06e-3); named 5 (1.06e-3; 4 of 10: 9.2e-3 > 1/121 = 8.3e-3)
  //   n = 19: plain 8 (1.4e-4; 7: 9.6e-4);  named 6 (5.4e-3; 5: 2.4e-2)
  //   n = 20: plain 8 (2.2e-4; 7: 1.4e-3);  named 6 (7.1e-3; 5: 3.0e-2)
  const cases: [n: number, plain: number | null, named: number][] = [[2, null, 2], [3, 3, 3], [10, 6, 5], [19, 8, 6], [20, 8, 6]];
  for (const [n, plain, named] of cases) {
    it(`${n} distinct values: the boundary in a plain and in a BSN-named column`, () => {
      for (const [col, min] of [['client_id', plain], ['bsn', named]] as const) {
        const m = min ?? n + 1;
        if (m <= n) expect(bsnVerdict(n, m, col).refuse, `${m} of ${n} in ${col}`).toBe(true);
        if (m - 1 >= 0) expect(bsnVerdict(n, m - 1, col).refuse, `${m - 1} of ${n} in ${col}`).toBe(false);
        if (m <= n) expect(exactTail(n, m).num * BigInt(col === 'bsn' ? 121 : 1331) <= exactTail(n, m).den).toBe(true);
        if (m - 1 >= 0) expect(exactTail(n, m - 1).num * BigInt(col === 'bsn' ? 121 : 1331) > exactTail(n, m - 1).den).toBe(true);
      }
      // The same through distinct string values.
      if (plain !== null) {
        expect(sniff(plain, n - plain).verdict().refuse).toBe(true);
        expect(sniff(plain - 1, n - plain + 1).verdict().refuse).toBe(false);
      }
      expect(sniff(named, n - named, 'BSN').verdict().refuse).toBe(true);
      expect(sniff(named - 1, n - named + 1, 'Burgerservicenummer').verdict().refuse).toBe(false);
    });
  }

  it('a file of 10 or 19 raw BSNs is refused (the old rule needed 20); 1 or 2 alone are not', () => {
    expect(sniff(10, 0).verdict().refuse).toBe(true);
    expect(sniff(19, 0).verdict().refuse).toBe(true);
    expect(sniff(2, 0).verdict().refuse).toBe(false);
    expect(sniff(1, 0, 'bsn').verdict().refuse).toBe(false); // 1/11: the name alone is not enough
  });

  it('over more values a quarter must pass: 25 of 100 refused, 24 of 100 not (though 24 is already unlikely: 8.2e-6)', () => {
    expect(10 ** log10Chance(100, 24)).toBeLessThan(1 / 1331);
    expect(bsnVerdict(100, 25).refuse).toBe(true);
    expect(bsnVerdict(100, 24).refuse).toBe(false);
    expect(bsnVerdict(100, 24, 'bsn').refuse).toBe(false);
    expect(bsnVerdict(10_000, 2_500).refuse).toBe(true);
    expect(bsnVerdict(10_000, 2_499).refuse).toBe(false);
    expect(bsnVerdict(0, 0).refuse).toBe(false);
  });

  it('a BSN-named column of hex pseudonyms is accepted', () => {
    const s = new BsnSniffer('bsn');
    for (let i = 0; i < 50; i++) s.see(createHash('sha256').update(String(i)).digest('hex').slice(0, 32));
    expect(s.counts).toEqual({ values: 50, passing: 0 });
    expect(s.verdict()).toEqual({ refuse: false, message: 'client keys do not look like raw BSNs (0 of 50 distinct values pass the elfproef)' });
  });

  it('the message names the counts, the column when its name counts, the chance and `traject pseudonymise`, never a value', () => {
    const r = rng(11);
    const values = Array.from({ length: 3 }, () => validBsn(r));
    const s = new BsnSniffer('client_id', 'toewijzingen.csv');
    for (const v of values) s.see(v);
    const v = s.verdict();
    expect(v.refuse).toBe(true);
    expect(v.message).toMatch(/^toewijzingen\.csv: the client keys look like raw BSNs \(citizen service numbers\): 3 of 3 distinct values are 9 digits that pass the elfproef; random pseudonyms would do that with a chance of 1 in 1,331\. /);
    expect(v.message).toContain('npx traject pseudonymise');
    for (const b of values) expect(v.message).not.toContain(b);
    expect(bsnVerdict(2, 2, 'BSN').message).toContain("2 of 2 distinct values in a column named 'BSN' are 9 digits that pass the elfproef; random pseudonyms would do that with a chance of 1 in 121.");
    // 11^10 = 25,937,424,601 = 2.6e10
    expect(bsnVerdict(10, 10).message).toContain('with a chance of 1 in 2.6e10.');
  });

  it('BSN column names: bsn, burgerservicenummer and spellings; pseudonym columns are not', () => {
    for (const n of ['bsn', 'BSN', 'Bsn nummer', 'bsn_nummer', 'BSN-nr', 'Burgerservicenummer', 'burger_service_nummer', 'sofinummer']) expect(isBsnColumnName(n), n).toBe(true);
    for (const n of ['client_id', 'bsn_pseudo', 'pseudo_bsn', 'pseudoniem', '']) expect(isBsnColumnName(n), n).toBe(false);
  });
});

describe('counting distinct client values', () => {
  it('does not refuse 10,000 random 9-digit pseudonyms (about 1 in 11 pass by chance)', () => {
    const r = rng(20210301);
    const s = new BsnSniffer('client_id');
    for (let i = 0; i < 10_000; i++) s.see(randomDigits(r, 9));
    const { values, passing } = s.counts;
    expect(values).toBeGreaterThan(9_990); // a few repeats among 10^9
    expect(passing).toBeGreaterThan(800);
    expect(passing).toBeLessThan(1020);
    expect(s.verdict().refuse).toBe(false);
  });

  it('a value repeated on many rows counts once: 2 youths with 10 products each are 2 values, not 20', () => {
    const s = new BsnSniffer();
    for (let i = 0; i < 10; i++) {
      s.see('111222333');
      s.see('123456782');
    }
    expect(s.counts).toEqual({ values: 2, passing: 2 });
    expect(s.verdict().refuse).toBe(false);
    s.see('999999990');
    expect(s.verdict().refuse).toBe(true);
  });

  it('ignores empty values, trims spaces, and counts an 8-digit value as its 9-digit form', () => {
    const s = new BsnSniffer();
    for (let i = 0; i < 3; i++) {
      s.see('');
      s.see('   ');
      s.see(' 123456782 ');
      s.see('12345672'); // 012345672 is valid (see above) ...
      s.see('012345672'); // ... and the same value
    }
    expect(s.counts).toEqual({ values: 2, passing: 2 });
  });

  it('the chunk sampler stops at its cap, and samples of several chunks are merged by value', () => {
    const a = clientSampler(3);
    const b = clientSampler();
    const see = (sm: typeof a, v: string) => sm.see(Buffer.from(v), 0, v.length);
    for (const v of ['111222333', 'c1', 'c2', 'c3', '123456782']) see(a, v);
    expect(a.sample.passing.length + a.sample.other.length).toBe(3); // 111222333, c1, c2
    for (const v of ['111222333', 'c2', '999999990']) see(b, v);
    expect(mergeSamples([a.sample, b.sample])).toEqual({ values: 4, passing: 2 });
  });

  it('does not refuse non-numeric pseudonyms', () => {
    const s = new BsnSniffer();
    for (let i = 0; i < 200; i++) s.see(`c${String(i).padStart(8, '0')}`);
    expect(s.counts.passing).toBe(0);
    expect(s.verdict().refuse).toBe(false);
  });
});
