import { describe, expect, it } from 'vitest';
import { BsnSniffer, bsnVerdict, passesElfproef } from '../src/read/bsn.js';
import { mulberry32 as rng } from './helpers.js';

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

describe('BsnSniffer', () => {
  it('does not refuse 10,000 random 9-digit pseudonyms (about 1 in 11 pass by chance)', () => {
    const r = rng(20210301);
    const s = new BsnSniffer('a.csv, column client_id');
    const values: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const v = randomDigits(r, 9);
      values.push(v);
      s.see(v);
    }
    expect(s.seen).toBe(10_000);
    // Chance of passing is (10/11) * (1/10) = 1/11, about 909 of 10,000.
    expect(s.passing).toBeGreaterThan(800);
    expect(s.passing).toBeLessThan(1020);
    const v = s.verdict();
    expect(v.refuse).toBe(false);
    expect(v.message).toMatch(/^a\.csv, column client_id: client keys do not look like raw BSNs \(\d+ of 10000 values, \d+%, pass the elfproef\)$/);
  });

  it('does not refuse on the first 100 random values either', () => {
    const r = rng(99);
    const s = new BsnSniffer();
    while (!s.enough) s.see(randomDigits(r, 9));
    expect(s.seen).toBe(100);
    expect(s.verdict().refuse).toBe(false);
  });

  it('refuses a file of valid BSNs, and the message tells how to pseudonymise but shows no value', () => {
    const r = rng(11);
    const s = new BsnSniffer('toewijzingen.csv, column bsn');
    const values: string[] = [];
    for (let i = 0; i < 500; i++) values.push(validBsn(r));
    for (const v of values) s.see(v);
    const v = s.verdict();
    expect(v.refuse).toBe(true);
    expect(v.message).toContain('toewijzingen.csv, column bsn: the client keys look like raw BSNs');
    expect(v.message).toContain('500 of 500 values (100%)');
    expect(v.message).toContain('npx traject pseudonymise');
    for (const b of values) expect(v.message).not.toContain(b);
  });

  it('refuses from 90% passing, not below (worked by hand: 90/100 and 89/100)', () => {
    const r = rng(5);
    const refuse = (valid: number, invalid: number): boolean => {
      const s = new BsnSniffer();
      for (let i = 0; i < valid; i++) s.see(validBsn(r));
      for (let i = 0; i < invalid; i++) s.see('123456789'); // fails the elfproef
      return s.verdict().refuse;
    };
    expect(refuse(90, 10)).toBe(true);
    expect(refuse(89, 11)).toBe(false);
    expect(refuse(27, 3)).toBe(true); // 27/30 = 90%
    expect(refuse(26, 4)).toBe(false);
  });

  it('judges small sources on all values, but not below 20', () => {
    const r = rng(3);
    const s19 = new BsnSniffer();
    for (let i = 0; i < 19; i++) s19.see(validBsn(r));
    expect(s19.verdict()).toEqual({ refuse: false, message: '19 client values, too few to check for raw BSNs (at least 20 needed)' });
    const s20 = new BsnSniffer();
    for (let i = 0; i < 20; i++) s20.see(validBsn(r));
    expect(s20.verdict().refuse).toBe(true);
  });

  it('bsnVerdict judges summed counts the same way, without a file name', () => {
    expect(bsnVerdict(100, 90).refuse).toBe(true);
    expect(bsnVerdict(100, 89).refuse).toBe(false);
    expect(bsnVerdict(19, 19).refuse).toBe(false);
    expect(bsnVerdict(1000, 91)).toEqual({ refuse: false, message: 'client keys do not look like raw BSNs (91 of 1000 values, 9%, pass the elfproef)' });
    expect(bsnVerdict(40, 38).message).toMatch(/^the client keys look like raw BSNs \(citizen service numbers\): 38 of 40 values \(95%\) are 9 digits that pass the elfproef\. /);
  });

  it('ignores empty values and trims spaces', () => {
    const s = new BsnSniffer();
    for (let i = 0; i < 30; i++) {
      s.see('');
      s.see('   ');
      s.see(' 123456782 ');
    }
    expect(s.seen).toBe(30);
    expect(s.passing).toBe(30);
    expect(s.verdict().refuse).toBe(true);
  });

  it('restores the leading zero a spreadsheet dropped (8 digits)', () => {
    const s = new BsnSniffer();
    for (let i = 0; i < 25; i++) s.see('12345672'); // 012345672 is valid (see above)
    expect(s.passing).toBe(25);
    expect(s.verdict().refuse).toBe(true);
  });

  it('does not refuse non-numeric pseudonyms', () => {
    const s = new BsnSniffer();
    for (let i = 0; i < 200; i++) s.see(`c${String(i).padStart(8, '0')}`);
    expect(s.passing).toBe(0);
    expect(s.verdict().refuse).toBe(false);
  });
});
