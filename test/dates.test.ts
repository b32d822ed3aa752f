import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  compileDateFormat,
  dateFormatProblem,
  parseDateBytes,
  parseDateString,
} from '../src/read/dates.js';
import { civilFromDays, daysFromCivil } from '../src/model/calendar.js';
import { mulberry32 } from './helpers.js';

const DAY_MS = 86_400_000;
/** Independent reference: the JavaScript Date's own UTC calendar. */
const utcDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY_MS;

const AUTO = compileDateFormat('auto');
const SUPPORTED = "supported: yyyy, MM, M, dd, d with literal separators, or 'auto'";

/** 'YYYY-MM-DD' of a day number, by the JavaScript Date (independent of dates.ts). */
const isoDate = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

describe('daysFromCivil / civilFromDays: hand cases', () => {
  it('anchors', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    // 51 years of 365 days plus 13 leap days (1972..2020) = 18628
    expect(daysFromCivil(2021, 1, 1)).toBe(18628);
    // + 31 (January) + 28 (February) = 18687
    expect(daysFromCivil(2021, 3, 1)).toBe(18687);
    expect(daysFromCivil(2000, 3, 1)).toBe(utcDay(2000, 3, 1));
    expect(daysFromCivil(1900, 1, 1)).toBe(-25567);
    expect(daysFromCivil(2199, 12, 31)).toBe(utcDay(2199, 12, 31));
    expect(civilFromDays(0)).toEqual({ y: 1970, m: 1, d: 1 });
    expect(civilFromDays(18687)).toEqual({ y: 2021, m: 3, d: 1 });
    expect(civilFromDays(-25567)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(isoDate(18687)).toBe('2021-03-01');
    expect(isoDate(-1)).toBe('1969-12-31');
  });
});

describe('parseDateString: hand cases', () => {
  const ok: Array<[string, [number, number, number]]> = [
    ['2021-03-01', [2021, 3, 1]],
    ['01-03-2021', [2021, 3, 1]],
    ['1-3-2021', [2021, 3, 1]],
    ['20210301', [2021, 3, 1]],
    ['01/03/2021', [2021, 3, 1]],
    ['1/3/2021', [2021, 3, 1]],
    ['01.03.2021', [2021, 3, 1]],
    ['1.3.2021', [2021, 3, 1]],
    ['31-12-2021', [2021, 12, 31]],
    ['2020-02-29', [2020, 2, 29]], // leap year
    ['29-02-2000', [2000, 2, 29]], // divisible by 400: leap
    ['2021-03-01 00:00:00', [2021, 3, 1]],
    ['2021-03-01T00:00', [2021, 3, 1]],
    ['2021-03-01T23:59:59.999Z', [2021, 3, 1]],
    ['2021-03-01 12:30:00+01:00', [2021, 3, 1]],
    ['1-3-2021 9:05', [2021, 3, 1]],
    ['20210301 00:00', [2021, 3, 1]],
    ['  2021-03-01\t', [2021, 3, 1]], // surrounding blanks are trimmed
    ['1900-01-01', [1900, 1, 1]],
    ['2199-12-31', [2199, 12, 31]],
    ['1969-12-30', [1969, 12, 30]], // before 1970: a negative day
  ];
  for (const [text, [y, m, d]] of ok) {
    it(`auto reads '${text}'`, () => expect(parseDateString(text, AUTO)).toBe(utcDay(y, m, d)));
  }

  const bad = [
    '2021-02-29', // not a leap year
    '29-02-1900', // divisible by 100, not by 400
    '31-04-2021', // April has 30 days
    '2021-04-31',
    '2021-13-01',
    '2021-00-10',
    '00-01-2021',
    '32-01-2021',
    '2021-3-1', // the ISO form has two-digit month and day
    '1-3-21', // two-digit years are not accepted
    '01-03/2021', // mixed separators
    '01 03 2021',
    '202103011',
    '2021030',
    '2021-03-01x',
    '2021-03-01 garbage',
    '2021-03-01 25:00',
    '2021-03-01 12',
    '2021-03-01T',
    '1899-12-31', // outside 1900..2199
    '2200-01-01',
    'abc',
    'aa-bb-cccc',
    '',
    '   ',
    '2021-03-0１', // a full-width digit is not a digit
  ];
  for (const text of bad) {
    it(`auto rejects '${text}'`, () => expect(parseDateString(text, AUTO)).toBe(-1));
  }

  it("1969-12-31 is day -1, the same number as 'invalid' (an API limit callers must know)", () => {
    expect(utcDay(1969, 12, 31)).toBe(-1);
    expect(parseDateString('31-12-1969', AUTO)).toBe(-1);
  });

  it('explicit patterns', () => {
    const dmy = compileDateFormat('dd/MM/yyyy');
    expect(parseDateString('01/03/2021', dmy)).toBe(utcDay(2021, 3, 1));
    expect(parseDateString('1/3/2021', dmy)).toBe(-1);
    expect(parseDateString('01-03-2021', dmy)).toBe(-1);
    expect(parseDateString('01/03/2021 08:00', dmy)).toBe(utcDay(2021, 3, 1));
    const loose = compileDateFormat('d-M-yyyy');
    expect(parseDateString('01-3-2021', loose)).toBe(utcDay(2021, 3, 1));
    expect(parseDateString('1-03-2021', loose)).toBe(utcDay(2021, 3, 1));
    expect(parseDateString('001-3-2021', loose)).toBe(-1);
    const compact = compileDateFormat('yyyyMMdd');
    expect(parseDateString('20201231', compact)).toBe(utcDay(2020, 12, 31));
    expect(parseDateString('2020-12-31', compact)).toBe(-1);
    const us = compileDateFormat('MM/dd/yyyy');
    expect(parseDateString('03/01/2021', us)).toBe(utcDay(2021, 3, 1));
    expect(compileDateFormat('dd.MM.yyyy').pattern).toBe('dd.MM.yyyy');
  });

  it('parses a slice of a larger buffer without looking outside it', () => {
    const buf = Buffer.from('x;2021-03-01;20210301');
    expect(parseDateBytes(buf, 2, 12, AUTO)).toBe(utcDay(2021, 3, 1));
    expect(parseDateBytes(buf, 13, 21, AUTO)).toBe(utcDay(2021, 3, 1));
    expect(parseDateBytes(buf, 13, 20, AUTO)).toBe(-1); // '2021030'
    // '2021-03-0' is day 0, whatever follows at offset 11
    expect(parseDateBytes(buf, 2, 11, compileDateFormat('yyyy-MM-d'))).toBe(-1);
    expect(parseDateBytes(buf, 2, 12, compileDateFormat('yyyy-MM-d'))).toBe(utcDay(2021, 3, 1));
  });

  it('compileDateFormat names the pattern for unsupported tokens', () => {
    for (const [pattern, token] of [
      ['dd-MM-yy', 'yy'],
      ['dd-MMM-yyyy', 'MMM'],
      ['yyyy-MM-dd HH:mm', 'HH'],
      ['ddd-MM-yyyy', 'ddd'],
      ['yyyy-LL-dd', 'LL'],
    ]) {
      expect(() => compileDateFormat(pattern)).toThrow(`date format: unsupported token '${token}' in '${pattern}'; ${SUPPORTED}`);
    }
    expect(() => compileDateFormat('dMyyyy')).toThrow("date format: 'dMyyyy': 'd' directly next to 'M' is ambiguous");
    expect(() => compileDateFormat('yyyy-MM')).toThrow(`date format: 'yyyy-MM' has no day (dd or d); ${SUPPORTED}`);
    expect(() => compileDateFormat('yyyy-MM-dd-dd')).toThrow(`date format: 'yyyy-MM-dd-dd' gives the day twice; ${SUPPORTED}`);
    expect(() => compileDateFormat("yyyy'T'MM-dd")).toThrow("date format: quoted literals are not supported in 'yyyy'T'MM-dd'");
    expect(() => compileDateFormat('')).toThrow(`date format: '' has no year (yyyy); ${SUPPORTED}`);
  });
});

describe('the date-format grammar (one rule for profiles and the parser)', () => {
  it('accepts the tokens with ASCII separators, and auto', () => {
    for (const f of ['auto', 'dd-MM-yyyy', 'd-M-yyyy', 'yyyyMMdd', 'yyyy-MM-dd', 'dd/MM/yyyy', 'd.M.yyyy', 'yyyy/M/d', 'dd MM yyyy', 'ddM-yyyy', 'MM/dd/yyyy', 'yyyy-MM-d']) {
      expect(dateFormatProblem(f), f).toBeNull();
      expect(() => compileDateFormat(f), f).not.toThrow();
    }
  });

  it('refuses, with the reason, what the parser cannot read', () => {
    const cases: [string, string][] = [
      ['DD-MM-YYYY', `unsupported token 'DD' in 'DD-MM-YYYY' (did you mean 'dd-MM-yyyy'?); ${SUPPORTED}`],
      ['dd-mm-yyyy', `unsupported token 'mm' in 'dd-mm-yyyy' (did you mean 'dd-MM-yyyy'?); ${SUPPORTED}`],
      ['dd-MM-yy', `unsupported token 'yy' in 'dd-MM-yy'; ${SUPPORTED}`],
      ['dd-MM', `'dd-MM' has no year (yyyy); ${SUPPORTED}`],
      ['yyyy-dd', `'yyyy-dd' has no month (MM or M); ${SUPPORTED}`],
      ['dd-MM-yyyy dd', `'dd-MM-yyyy dd' gives the day twice; ${SUPPORTED}`],
      ['Myyyy-dd', "'Myyyy-dd': 'M' directly next to 'yyyy' is ambiguous (M and d take one or two digits); put a separator between them or use MM and dd"],
      // An en dash (Word turns '-' into one) is not a hyphen: the bytes differ, no date would ever match.
      ['dd\u2013MM\u2013yyyy', "unsupported separator '\u2013' (U+2013) in 'dd\u2013MM\u2013yyyy' (did you mean 'dd-MM-yyyy'?); separators are ASCII characters such as - / . or a space"],
      ['dd\u00b7MM\u00b7yyyy', "unsupported separator '\u00b7' (U+00B7) in 'dd\u00b7MM\u00b7yyyy'; separators are ASCII characters such as - / . or a space"],
      ['dd\tMM\tyyyy', "unsupported separator (U+0009) in 'dd\tMM\tyyyy'; separators are ASCII characters such as - / . or a space"],
      ["'dd'-MM-yyyy", `quoted literals are not supported in ''dd'-MM-yyyy': write separators as they are, e.g. 'dd-MM-yyyy'; ${SUPPORTED}`],
      ['dd-MM-2021', `a digit ('2') cannot be a separator in 'dd-MM-2021'; ${SUPPORTED}`],
    ];
    for (const [f, problem] of cases) {
      expect(dateFormatProblem(f), f).toBe(problem);
      expect(() => compileDateFormat(f), f).toThrow(`date format: ${problem}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Against luxon.

/** luxon's reading of text in a luxon format as a day number, or null when it is not a date in our range.
 *  (Days before 1970 are negative, so -1 cannot mark 'invalid' here.) */
function luxonDay(text: string, pattern: string): number | null {
  const dt = DateTime.fromFormat(text, pattern, { zone: 'utc' });
  if (!dt.isValid || dt.year < 1900 || dt.year > 2199) return null;
  return Math.round(dt.toMillis() / DAY_MS);
}

describe('against luxon', () => {
  it('every day from 1990 to 2040: day numbers, civil dates, ISO text and the auto forms', () => {
    let dt = DateTime.fromObject({ year: 1990, month: 1, day: 1 }, { zone: 'utc' });
    const stop = DateTime.fromObject({ year: 2041, month: 1, day: 1 }, { zone: 'utc' });
    const mismatches: string[] = [];
    let n = 0;
    while (dt < stop) {
      const ref = Math.round(dt.toMillis() / DAY_MS);
      const day = daysFromCivil(dt.year, dt.month, dt.day);
      const c = civilFromDays(ref);
      const iso = dt.toISODate()!;
      if (day !== ref) mismatches.push(`daysFromCivil ${iso}: ${day} != ${ref}`);
      if (c.y !== dt.year || c.m !== dt.month || c.d !== dt.day) mismatches.push(`civilFromDays ${ref}: ${JSON.stringify(c)}`);
      if (isoDate(ref) !== iso) mismatches.push(`isoDate ${ref}: ${isoDate(ref)} != ${iso}`);
      for (const f of ['yyyy-MM-dd', 'dd-MM-yyyy', 'd-M-yyyy', 'yyyyMMdd', 'd/M/yyyy', 'dd.MM.yyyy']) {
        const text = dt.toFormat(f);
        if (parseDateString(text, AUTO) !== ref) mismatches.push(`auto '${text}'`);
      }
      dt = dt.plus({ days: 1 });
      n++;
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(n).toBe(18628); // 1990-01-01 .. 2040-12-31: 51 years, 13 of them leap years
  });

  const PATTERNS = ['dd/MM/yyyy', 'yyyyMMdd', 'd-M-yyyy', 'yyyy-MM-dd', 'dd.MM.yyyy', 'd/M/yyyy', 'MM-dd-yyyy', 'yyyy/M/d'];
  const SEPARATORS = ['-', '/', '.', 'x', ' ', ''];

  /** Text shaped like the pattern, with random widths, values and separators (many invalid). */
  function shaped(pattern: string, rnd: () => number): string {
    const digits = (min: number, max: number): string => {
      const len = min + Math.floor(rnd() * (max - min + 1));
      let s = '';
      for (let i = 0; i < len; i++) s += String(Math.floor(rnd() * 10));
      return s;
    };
    const num = (value: number, width: number): string => String(value).padStart(width, '0');
    let out = '';
    for (const part of pattern.match(/y+|M+|d+|[^yMd]/g)!) {
      const r = rnd();
      if (part === 'yyyy') out += r < 0.8 ? String(1890 + Math.floor(rnd() * 320)) : digits(2, 5);
      else if (part === 'MM' || part === 'M') out += r < 0.8 ? num(Math.floor(rnd() * 14), rnd() < 0.5 ? 2 : 1) : digits(0, 3);
      else if (part === 'dd' || part === 'd') out += r < 0.8 ? num(Math.floor(rnd() * 33), rnd() < 0.5 ? 2 : 1) : digits(0, 3);
      else out += r < 0.9 ? part : SEPARATORS[Math.floor(rnd() * SEPARATORS.length)];
    }
    if (rnd() < 0.03) {
      const i = Math.floor(rnd() * (out.length + 1));
      out = out.slice(0, i) + 'abZ'[Math.floor(rnd() * 3)] + out.slice(i);
    }
    return out;
  }

  it('random strings per explicit pattern read as luxon fromFormat reads them', () => {
    const rnd = mulberry32(4242);
    for (const pattern of PATTERNS) {
      const fmt = compileDateFormat(pattern);
      const mismatches: string[] = [];
      let valid = 0;
      for (let n = 0; n < 3000; n++) {
        const text = shaped(pattern, rnd);
        const ref = luxonDay(text, pattern);
        if (ref !== null) valid++;
        const want = ref ?? -1; // parseDateString's 'invalid'
        const got = parseDateString(text, fmt);
        if (got !== want) mismatches.push(`'${text}': ${got} != luxon ${want}`);
      }
      expect({ pattern, mismatches: mismatches.slice(0, 10) }).toEqual({ pattern, mismatches: [] });
      // the generator must exercise both outcomes
      expect(valid).toBeGreaterThan(300);
      expect(valid).toBeLessThan(2700);
    }
  });

  it("random strings in 'auto' read as the one luxon format among the auto forms that accepts them", () => {
    const rnd = mulberry32(99);
    const forms = ['yyyy-MM-dd', 'd-M-yyyy', 'd/M/yyyy', 'd.M.yyyy', 'yyyyMMdd'];
    const mismatches: string[] = [];
    for (let n = 0; n < 4000; n++) {
      const text = shaped(['yyyy-MM-dd', 'dd-MM-yyyy', 'd/M/yyyy', 'dd.MM.yyyy', 'yyyyMMdd', 'dd/MM/yyyy'][n % 6], rnd);
      const accepted = forms.map((f) => luxonDay(text, f)).filter((d) => d !== null);
      const want = accepted.length > 0 ? accepted[0] : -1;
      expect(accepted.every((d) => d === want)).toBe(true);
      const got = parseDateString(text, AUTO);
      if (got !== want) mismatches.push(`'${text}': ${got} != luxon ${want}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
