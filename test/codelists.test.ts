// The iJw code lists of the optional columns (src/read/codelists.ts), by hand.
import { describe, expect, it } from 'vitest';
import { reasonCodeBytes, referrerIndex, sexIndexBytes } from '../src/read/codelists.js';

const b = (s: string) => Buffer.from(s, 'utf8');
const sex = (s: string) => sexIndexBytes(b(s), 0, b(s).length);
const reason = (s: string) => reasonCodeBytes(b(s), 0, b(s).length);

describe('COD327 referrer (SPEC 11)', () => {
  it('reads codes with or without a leading zero', () => {
    expect(['01', '1', '02', '03', '04', '05', '06', '08', '8'].map(referrerIndex)).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 7]);
    // 07 is not on the list; nor are 00, 09, 10 or three digits.
    expect(['07', '00', '09', '10', '001', ''].map(referrerIndex)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('reads names ignoring case, accents, spaces and punctuation', () => {
    const cases: [string, number][] = [
      ['Gemeente', 1], ['gemeentelijke toegang', 1], ['Wijkteam', 1], ['HUISARTS', 2], ['Jeugd-arts', 3],
      ['Gecertificeerde instelling', 4], ['GI', 4], ['g.i.', 4], ['Medisch specialist', 5],
      ['Zelfverwijzer', 6], ['geen verwijzer', 6], ['Zelfverwijzer/geen verwijzer', 6],
      ['Rechter', 7], ['Officier van Justitie', 7], ['JJI', 7], ['justitie', 7], ['Médisch Spécialist', 5],
      ['leraar', 0], ['huisarts 2', 0], ['  ', 0],
    ];
    for (const [text, code] of cases) expect(referrerIndex(text), text).toBe(code);
  });
});

describe('COD046 sex and JZ588 reason for ending (trimmed bytes)', () => {
  it('sex: 1 man, 2 vrouw, anything else unknown', () => {
    expect(['1', '01', '2', '02', '0', '3', '9', 'M', 'V', 'man', '11', '001', ''].map(sex)).toEqual([1, 1, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('reason: one or two digits as a number, else none', () => {
    expect(['31', '2', '02', '99', '0', '100', '3a', ' 3', 'volgens plan', ''].map(reason)).toEqual([31, 2, 2, 99, 0, 0, 0, 0, 0, 0]);
  });
});
