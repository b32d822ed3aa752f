// The CSV writer of the output tables: what csv-parse (another library) reads back is exactly
// what was written, for fields with delimiters, quotes, CR, LF and non-ASCII text.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../src/output/write.js';
import { mulberry32 } from './helpers.js';

const PIECES = ['a', 'Z', '0', ' ', ',', ';', '"', '\n', '\r', '\r\n', 'ë', '€', '=', '#', "'", '\t', '+', '-', '@', '5', '.'];

/** OWASP's rule, written out again: text starting with = + - @ TAB or CR gets a leading quote,
 *  unless it is a number such as -5, +1.5 or -0,25. */
const isNumber = (t: string) => t !== '' && t === t.trim() && Number.isFinite(Number(t.replace(',', '.')));
const escaped = (t: string) => (/^[=+\-@\t\r]/.test(t) && !isNumber(t) ? `'${t}` : t);

describe('csvText', () => {
  it('round-trips 2,000 random tables through csv-parse, with , and with ; (Excel)', () => {
    const rnd = mulberry32(11);
    const text = () => Array.from({ length: Math.floor(rnd() * 6) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join('');
    for (let n = 0; n < 2000; n++) {
      const excel = n % 2 === 1;
      const cols = 1 + Math.floor(rnd() * 4);
      const header = Array.from({ length: cols }, (_, i) => `c${i}`);
      const rows = Array.from({ length: Math.floor(rnd() * 4) }, () => Array.from({ length: cols }, text));
      const out = csvText(header, rows, excel);
      const body = excel ? out.slice(1) : out;
      if (excel) expect(out.charCodeAt(0)).toBe(0xfeff);
      expect(parse(body, { delimiter: excel ? ';' : ',', relax_column_count: false })).toEqual([header, ...rows.map((r) => r.map(escaped))]);
    }
  });

  it('quotes only what needs quoting, one LF after every row', () => {
    expect(csvText(['a', 'b'], [['x,y', 'plain'], ['say "hi"', 'cr\rhere'], ['', 'ë']])).toBe(
      'a,b\n"x,y",plain\n"say ""hi""","cr\rhere"\n,ë\n',
    );
    expect(csvText(['a', 'b'], [['1,5', 'x;y']], true)).toBe('\uFEFFa;b\n1,5;"x;y"\n');
  });

  it('writes a cell a spreadsheet would run as a formula as quoted text with a leading quote, and leaves numbers alone', () => {
    expect(csvText(['regio'], [['=HYPERLINK("http://x","y")'], ['+31 6'], ['-2+3'], ['@SUM(A1)'], ['\tx'], ['\rx'], ['-5'], ['-0.25'], ['+1.5'], ['Noord-=x']])).toBe(
      'regio\n"\'=HYPERLINK(""http://x"",""y"")"\n"\'+31 6"\n"\'-2+3"\n"\'@SUM(A1)"\n"\'\tx"\n"\'\rx"\n-5\n-0.25\n+1.5\nNoord-=x\n',
    );
  });
});
