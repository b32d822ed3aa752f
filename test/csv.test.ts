import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { delimiterProblem, detectDelimiter, fieldString, forEachRecord, lastRecordBoundary, type RecordView } from '../src/read/csv.js';
import { mulberry32 } from './helpers.js';

const COMMA = 44;
const SEMI = 59;
const TAB = 9;

interface Rec {
  fields: string[];
  line: number;
  malformed: string | null;
}

function bytes(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** Runs forEachRecord and copies each record out (the view is reused). */
function collect(
  buf: Uint8Array,
  delimiter = COMMA,
  start = 0,
  end = buf.length,
  encoding?: 'auto' | 'utf-8' | 'windows-1252',
): { recs: Rec[]; lines: number } {
  const recs: Rec[] = [];
  const lines = forEachRecord(buf, start, end, delimiter, (r: RecordView) => {
    const fields: string[] = [];
    for (let i = 0; i < r.count; i++) fields.push(fieldString(buf, r, i, encoding));
    recs.push({ fields, line: r.line, malformed: r.malformed });
  });
  return { recs, lines };
}

function fieldsOf(buf: Uint8Array, delimiter = COMMA): string[][] {
  return collect(buf, delimiter).recs.map((r) => r.fields);
}

describe('forEachRecord: hand cases', () => {
  it('splits plain records and counts lines', () => {
    const { recs, lines } = collect(bytes('a,b\nc,d\n'));
    expect(recs).toEqual([
      { fields: ['a', 'b'], line: 1, malformed: null },
      { fields: ['c', 'd'], line: 2, malformed: null },
    ]);
    expect(lines).toBe(2);
  });

  it('keeps delimiters inside quotes', () => {
    expect(fieldsOf(bytes('"a,b",c\n'))).toEqual([['a,b', 'c']]);
  });

  it('unescapes doubled quotes and reports offsets inside the quotes', () => {
    // offsets: 0 '"', 1..10 'say ""hi""', 11 closing '"', 12 ',', 13 'x'
    const buf = bytes('"say ""hi""",x\n');
    const seen: Array<[number, number, number, number]> = [];
    forEachRecord(buf, 0, buf.length, COMMA, (r) => {
      for (let i = 0; i < r.count; i++) seen.push([i, r.starts[i], r.ends[i], r.quoted[i]]);
      expect(fieldString(buf, r, 0)).toBe('say "hi"');
      expect(fieldString(buf, r, 1)).toBe('x');
    });
    expect(seen).toEqual([
      [0, 1, 11, 1],
      [1, 13, 14, 0],
    ]);
  });

  it('a quoted field without escapes is not flagged', () => {
    const buf = bytes('"plain",x\n');
    forEachRecord(buf, 0, buf.length, COMMA, (r) => {
      expect([r.starts[0], r.ends[0], r.quoted[0]]).toEqual([1, 6, 0]);
    });
  });

  it('flags records holding any byte >= 0x80, in plain, quoted and malformed fields', () => {
    const flags = (text: string | Buffer) => {
      const buf = typeof text === 'string' ? bytes(text) : text;
      const out: boolean[] = [];
      forEachRecord(buf, 0, buf.length, COMMA, (r) => out.push(r.ascii));
      return out;
    };
    expect(flags('a,b\ncé,d\n"x",y\n"zé",1\n"q"é,2\n')).toEqual([true, false, true, false, false]);
    expect(flags(Buffer.from([0x61, 0x2c, 0xe9, 0x0a, 0x62, 0x0a]))).toEqual([false, true]); // Windows-1252 é
  });

  it('keeps a newline inside quotes and counts it as a physical line', () => {
    const { recs, lines } = collect(bytes('id,note\n1,"two\nlines"\n2,x\n'));
    expect(recs.map((r) => [r.fields, r.line])).toEqual([
      [['id', 'note'], 1],
      [['1', 'two\nlines'], 2],
      [['2', 'x'], 4],
    ]);
    expect(lines).toBe(4);
  });

  it('ends records at CRLF and keeps CRLF inside quotes', () => {
    expect(fieldsOf(bytes('a,b\r\nc,d\r\n'))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(fieldsOf(bytes('"a","b"\r\n"x\r\ny",z\r\n'))).toEqual([
      ['a', 'b'],
      ['x\r\ny', 'z'],
    ]);
    // a CR that is not followed by LF is data
    expect(fieldsOf(bytes('a\rb,c\n'))).toEqual([['a\rb', 'c']]);
    // empty last field before CRLF
    expect(fieldsOf(bytes('a,\r\n'))).toEqual([['a', '']]);
  });

  it('skips a UTF-8 BOM at the very start only', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('client_id;gemeente\n1;363\n')]);
    expect(fieldsOf(buf, SEMI)).toEqual([
      ['client_id', 'gemeente'],
      ['1', '363'],
    ]);
    // not at the start of the buffer: the BOM is data (U+FEFF)
    const mid = Buffer.concat([bytes('a\n'), Buffer.from([0xef, 0xbb, 0xbf]), bytes('b\n')]);
    expect(collect(mid, COMMA, 2).recs[0].fields).toEqual(['\uFEFFb']);
    // a buffer that is only a BOM: no records, one (unterminated) physical line
    expect(collect(Buffer.from([0xef, 0xbb, 0xbf]))).toEqual({ recs: [], lines: 1 });
  });

  it('skips blank lines but counts them', () => {
    const { recs, lines } = collect(bytes('a\n\n\r\nb\n\n'));
    expect(recs.map((r) => [r.fields, r.line])).toEqual([
      [['a'], 1],
      [['b'], 4],
    ]);
    expect(lines).toBe(5);
  });

  it('reads a final record without trailing newline', () => {
    const r1 = collect(bytes('a,b\nc,d'));
    expect(r1.recs.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(r1.lines).toBe(2);
    expect(fieldsOf(bytes('a,'))).toEqual([['a', '']]);
    expect(fieldsOf(bytes('"q"'))).toEqual([['q']]);
    expect(collect(bytes(''))).toEqual({ recs: [], lines: 0 });
  });

  it('reports records with more or fewer fields as they are', () => {
    expect(fieldsOf(bytes('a,b,c\nd\n,,\n'))).toEqual([['a', 'b', 'c'], ['d'], ['', '', '']]);
  });

  it('grows past 32 fields', () => {
    const row = Array.from({ length: 100 }, (_, i) => `f${i}`);
    expect(fieldsOf(bytes(row.join(',') + '\nx\n'))).toEqual([row, ['x']]);
  });

  it('marks an unterminated quote, keeps the rest of the range in the field and stops', () => {
    const { recs, lines } = collect(bytes('a,b\n"abc\nx,y\n'));
    expect(recs).toEqual([
      { fields: ['a', 'b'], line: 1, malformed: null },
      { fields: ['abc\nx,y\n'], line: 2, malformed: 'unterminated quote' },
    ]);
    expect(lines).toBe(3);
    // an escaped quote as the last two bytes is still an escape: the field stays open
    expect(collect(bytes('"a""')).recs).toEqual([{ fields: ['a"'], line: 1, malformed: 'unterminated quote' }]);
  });

  it('marks text after a closing quote and resumes at the next record', () => {
    const { recs } = collect(bytes('"ab"cd,e\nf\n'));
    expect(recs).toEqual([
      { fields: ['ab"cd', 'e'], line: 1, malformed: 'text after closing quote' },
      { fields: ['f'], line: 2, malformed: null },
    ]);
    // bytes 0 '"' 1 a 2 '"' 3 x 4 '"' 5 y 6 '"' 7 ',' : the field is bytes 1..7
    expect(collect(bytes('"a"x"y",z')).recs[0].fields).toEqual(['a"x"y"', 'z']);
    // a space after the closing quote is also text after it; the CR of the CRLF is not part of the field
    expect(collect(bytes('"a" \r\nb\n')).recs).toEqual([
      { fields: ['a" '], line: 1, malformed: 'text after closing quote' },
      { fields: ['b'], line: 2, malformed: null },
    ]);
  });

  it('treats a quote inside an unquoted field as data', () => {
    expect(collect(bytes('5" inch,c\n')).recs).toEqual([{ fields: ['5" inch', 'c'], line: 1, malformed: null }]);
  });

  it('splits on ; and on TAB', () => {
    expect(fieldsOf(bytes('a;b,c\n'), SEMI)).toEqual([['a', 'b,c']]);
    expect(fieldsOf(bytes('a\tb;c\n'), TAB)).toEqual([['a', 'b;c']]);
  });

  it('stays inside [start, end)', () => {
    const buf = bytes('XX"a,b\nc,"d"\nYY');
    // range [2, 13) is `"a,b\nc,"d"\n`: the quote at 2 opens a field that the quote at 9 closes; `d"` is
    // text after the closing quote, so the field runs on to the LF at 12
    const { recs, lines } = collect(buf, COMMA, 2, 13);
    expect(recs).toEqual([{ fields: ['a,b\nc,"d"'], line: 1, malformed: 'text after closing quote' }]);
    expect(lines).toBe(2);
    // a quoted field cut by end is unterminated; nothing past end is read
    expect(collect(buf, COMMA, 2, 5).recs).toEqual([{ fields: ['a,'], line: 1, malformed: 'unterminated quote' }]);
  });

  it('rejects a delimiter that cannot work', () => {
    expect(() => forEachRecord(bytes('a'), 0, 1, 34, () => {})).toThrow(RangeError);
    expect(() => forEachRecord(bytes('a'), 0, 1, 10, () => {})).toThrow(RangeError);
  });
});

describe('fieldString: encodings', () => {
  const win = Buffer.from([0x43, 0x6c, 0x69, 0xeb, 0x6e, 0x74, 0x6e, 0x75, 0x6d, 0x6d, 0x65, 0x72, 0x0a]); // Cli\xebntnummer\n

  it('reads Windows-1252 bytes that are not UTF-8 as Windows-1252', () => {
    expect(fieldsOf(win)).toEqual([['Cliëntnummer']]);
    expect(collect(win, COMMA, 0, win.length, 'windows-1252').recs[0].fields).toEqual(['Cliëntnummer']);
  });

  it('maps 0x80..0x9F the Windows-1252 way, not as Latin-1 controls', () => {
    // 0x80 euro sign, 0x93/0x94 curly double quotes, 0x92 right single quote, 0x9F Y with diaeresis
    const buf = Buffer.from([0x80, 0x20, 0x93, 0x78, 0x94, 0x92, 0x9f, 0x0a]);
    expect(fieldsOf(buf)).toEqual([['\u20ac \u201cx\u201d\u2019\u0178']]);
  });

  it('reads valid UTF-8 as UTF-8, unless told the source is Windows-1252', () => {
    const buf = bytes('Cliëntnummer;€\n');
    expect(fieldsOf(buf, SEMI)).toEqual([['Cliëntnummer', '€']]);
    // ë is C3 AB in UTF-8: as Windows-1252 those bytes are Ã and «
    expect(collect(buf, SEMI, 0, buf.length, 'windows-1252').recs[0].fields[0]).toBe('Cli\u00c3\u00abntnummer');
  });

  it("with 'utf-8' invalid bytes become U+FFFD", () => {
    expect(collect(win, COMMA, 0, win.length, 'utf-8').recs[0].fields).toEqual(['Cli\ufffdntnummer']);
  });

  it('unescapes quotes in non-ASCII fields too', () => {
    expect(fieldsOf(Buffer.from([0x22, 0xeb, 0x22, 0x22, 0x22, 0x0a]))).toEqual([['ë"']]);
  });

  it('works on a plain Uint8Array as well as a Buffer', () => {
    const u = new Uint8Array(bytes('x,"y""z"\n'));
    expect(fieldsOf(u)).toEqual([['x', 'y"z']]);
  });

  it('rejects an index outside the record', () => {
    const buf = bytes('a\n');
    forEachRecord(buf, 0, buf.length, COMMA, (r) => {
      expect(() => fieldString(buf, r, 1)).toThrow(RangeError);
    });
  });
});

describe('the delimiter rule', () => {
  const detect = (line: string): number => detectDelimiter(Buffer.from(line, 'utf8'));
  const PIPE = 124;

  it('detects the one of , ; TAB | that splits the first line into the most fields', () => {
    expect(detect('client_id;gemeente;productcode')).toBe(SEMI);
    expect(detect('client_id,gemeente,productcode')).toBe(COMMA);
    expect(detect('a\tb\tc')).toBe(TAB);
    expect(detect('a|b|c')).toBe(PIPE);
    expect(detect('"a;b;c",d')).toBe(COMMA);
    expect(detect('a;b,c;d')).toBe(SEMI);
    expect(detect('"a"";"";"";b",c')).toBe(COMMA); // the ; are all inside one quoted field
    expect(detect('single')).toBe(COMMA);
    expect(detect('a,b\nc;d;e;f')).toBe(COMMA); // only the first line
    expect(detect('\uFEFFa;b;c\r\n')).toBe(SEMI);
  });

  it('breaks a tie in the order , ; TAB |: the header a;b,c is read with a comma', () => {
    expect(detect('a;b,c')).toBe(COMMA);
    expect(detect('a;b\tc')).toBe(SEMI);
    expect(detect('a\tb|c')).toBe(TAB);
    expect(detect('a|b;c,d;e|f')).toBe(SEMI); // ; and | 3 fields each, , only 2
  });

  it('counts quotes as the splitter reads them: a quote inside a field is data', () => {
    // With ';' the quote in 5"x is data, so a;5"x;c has 3 fields; with ',' it has 1.
    expect(detect('a;5"x;c,d')).toBe(SEMI);
    // A quoted field that opens after ';' hides the comma inside it: ';' gives 4 fields, ',' 2.
    expect(detect('a;"b,c";e;f')).toBe(SEMI);
  });

  it('a delimiter is one ASCII character other than a quote, CR or LF', () => {
    for (const d of [';', ',', '\t', '|', ' ', ':', '#']) expect(delimiterProblem(d), JSON.stringify(d)).toBeNull();
    expect(delimiterProblem('tab')).toBe(`expected one character such as ';' or ',', got "tab" (did you mean '\\t'?)`);
    expect(delimiterProblem('\\t')).toBe(`expected one character such as ';' or ',', got "\\\\t" (did you mean '\\t'?)`);
    expect(delimiterProblem('semicolon')).toBe(`expected one character such as ';' or ',', got "semicolon" (did you mean ';'?)`);
    expect(delimiterProblem(';;')).toBe(`expected one character such as ';' or ',', got ";;"`);
    expect(delimiterProblem('')).toBe(`expected one character such as ';' or ',', got ""`);
    expect(delimiterProblem('auto')).toBe(`expected one character such as ';' or ',', got "auto" (leave the delimiter out to detect it)`);
    expect(delimiterProblem('"')).toBe(`"\\"" cannot be a delimiter; expected a character such as ';' or ','`);
    expect(delimiterProblem('\n')).toBe(`"\\n" cannot be a delimiter; expected a character such as ';' or ','`);
    // Not ASCII: in UTF-8 these are two or three bytes, which a byte splitter cannot match.
    expect(delimiterProblem('\u00a7')).toBe(
      "'\u00a7' (U+00A7) cannot be a delimiter: expected an ASCII character such as ';', ',' or '|' (traject splits bytes, and a non-ASCII character is more than one byte in UTF-8)",
    );
    expect(delimiterProblem('\u20ac')).toMatch(/^'\u20ac' \(U\+20AC\) cannot be a delimiter/);
    expect(delimiterProblem('\u{1F600}')).toMatch(/\(U\+1F600\) cannot be a delimiter/);
    expect(() => forEachRecord(Buffer.from('a'), 0, 1, 0xa7, () => {})).toThrow(RangeError);
  });
});

describe('lastRecordBoundary: hand cases', () => {
  it('uses the last LF when there are no quotes', () => {
    const buf = bytes('a,b\nc,d\ne');
    expect(lastRecordBoundary(buf, buf.length)).toBe(8);
    expect(lastRecordBoundary(buf, 8)).toBe(8);
    expect(lastRecordBoundary(buf, 7)).toBe(4);
    expect(lastRecordBoundary(buf, 3)).toBe(0);
    expect(lastRecordBoundary(bytes('abc'), 3)).toBe(0);
    expect(lastRecordBoundary(buf, 0)).toBe(0);
  });

  it('does not cut inside quotes', () => {
    // 0 x, 1 ',', 2 '"', 3 p, 4 LF (quoted), 5 q, 6 '"', 7 LF, 8 y, 9 LF
    const buf = bytes('x,"p\nq"\ny\n');
    expect(lastRecordBoundary(buf, 6)).toBe(0);
    expect(lastRecordBoundary(buf, 7)).toBe(0);
    expect(lastRecordBoundary(buf, 8)).toBe(8);
    expect(lastRecordBoundary(buf, 9)).toBe(8);
    expect(lastRecordBoundary(buf, 10)).toBe(10);
    // escaped quotes do not close the field: 0 '"', 1..2 '""', 3 LF (quoted), 4 '"', 5 LF
    const esc = bytes('"""\n"\n');
    expect(lastRecordBoundary(esc, 5)).toBe(0);
    expect(lastRecordBoundary(esc, 6)).toBe(6);
  });

  it('reads quotes like forEachRecord: only at the start of a field', () => {
    // 0 a, 1 ';', 2 '"', 3 b, 4 LF, 5 '"', 6 LF
    const buf = bytes('a;"b\n"\n');
    expect(lastRecordBoundary(buf, 7, COMMA)).toBe(5); // ';' is data, so the quote at 2 is data
    expect(lastRecordBoundary(buf, 7, SEMI)).toBe(7); // the quote at 2 opens "b\n"
    expect(lastRecordBoundary(bytes('a"b\nc\n'), 6, COMMA)).toBe(6);
    // after a BOM the first byte of the first field is at 3
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('"a\nb"\nc\n')]);
    expect(lastRecordBoundary(bom, 9, COMMA)).toBe(9);
    expect(lastRecordBoundary(bom, 8, COMMA)).toBe(0);
  });

  it('parsing two chunks cut there gives the records of the whole', () => {
    const doc = bytes('id,note\n1,"a\nb"\n2,"c,""d"""\r\n\n3,e');
    const whole = collect(doc);
    for (let k = 0; k <= doc.length; k++) {
      const b = lastRecordBoundary(doc, k, COMMA);
      const first = collect(doc, COMMA, 0, b);
      const second = collect(Buffer.from(doc.subarray(b)));
      const joined = [...first.recs, ...second.recs.map((r) => ({ ...r, line: r.line + first.lines }))];
      expect(joined).toEqual(whole.recs);
      expect(first.lines + second.lines).toBe(whole.lines);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Fuzz: seeded, deterministic.

const PLAIN = ['a', 'b', 'Z', '0', '7', ' ', '-', '_', 'ë', '€', '日本', '😀', 'é', '/', ':'];

interface Doc {
  text: string;
  delimiter: number;
  /** records the generator meant, with the 1-based line each starts on */
  records: Array<{ fields: string[]; line: number }>;
  /** byte offsets just after each record-ending or blank-line LF */
  boundaries: number[];
}

function genDoc(rnd: () => number): Doc {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const delimiter = pick([COMMA, SEMI, TAB]);
  const d = String.fromCharCode(delimiter);
  const others = [',', ';', '\t'].filter((c) => c !== d);
  const genText = (len: number, quotedAlphabet: boolean): string => {
    let s = '';
    for (let i = 0; i < len; i++) {
      const x = rnd();
      if (quotedAlphabet && x < 0.08) s += '"';
      else if (quotedAlphabet && x < 0.14) s += d;
      else if (quotedAlphabet && x < 0.18) s += '\n';
      else if (quotedAlphabet && x < 0.21) s += '\r\n';
      else if (x < 0.24) s += '\r';
      else if (x < 0.3) s += pick(others);
      else s += pick(PLAIN);
    }
    return s;
  };

  let text = rnd() < 0.2 ? '\uFEFF' : '';
  let bytesSoFar = Buffer.byteLength(text);
  let line = 1;
  const records: Doc['records'] = [];
  const boundaries: number[] = [];
  const nRecords = Math.floor(rnd() * 12);
  for (let r = 0; r < nRecords; r++) {
    while (rnd() < 0.15) {
      const blank = rnd() < 0.5 ? '\n' : '\r\n';
      text += blank;
      bytesSoFar += blank.length;
      boundaries.push(bytesSoFar);
      line++;
    }
    const nFields = 1 + Math.floor(rnd() * 6);
    const fields: string[] = [];
    const raw: string[] = [];
    for (let f = 0; f < nFields; f++) {
      const long = rnd() < 0.03;
      const len = long ? 200 + Math.floor(rnd() * 3000) : Math.floor(rnd() * 8);
      if (rnd() < 0.4) {
        const v = genText(len, true);
        fields.push(v);
        raw.push('"' + v.replaceAll('"', '""') + '"');
      } else {
        let v = genText(len, false);
        if (v.endsWith('\r')) v = v.slice(0, -1) + 'x'; // a CR right before LF would be part of CRLF
        fields.push(v);
        raw.push(v);
      }
    }
    const body = raw.join(d);
    const last = r === nRecords - 1 && rnd() < 0.3;
    const term = last ? '' : rnd() < 0.5 ? '\n' : '\r\n';
    // A record that is a single unquoted empty field is a blank line: nobody reports it.
    if (body !== '') records.push({ fields, line });
    text += body + term;
    bytesSoFar += Buffer.byteLength(body + term);
    line += (body + term).split('\n').length - 1;
    if (term !== '') boundaries.push(bytesSoFar);
  }
  return { text, delimiter, records, boundaries };
}

function countLF(buf: Uint8Array): number {
  let n = 0;
  for (const b of buf) if (b === 10) n++;
  return n;
}

function expectedLines(buf: Uint8Array): number {
  if (buf.length === 0) return 0;
  return countLF(buf) + (buf[buf.length - 1] === 10 ? 0 : 1);
}

describe('fuzz: well-formed documents', () => {
  it('match csv-parse, the generator, line counts and chunked parsing', () => {
    const rnd = mulberry32(20240601);
    for (let n = 0; n < 3000; n++) {
      const doc = genDoc(rnd);
      const buf = bytes(doc.text);
      const got = collect(buf, doc.delimiter);
      const ref: string[][] = parse(doc.text, {
        delimiter: String.fromCharCode(doc.delimiter),
        record_delimiter: ['\r\n', '\n'],
        skip_empty_lines: true,
        relax_column_count: true,
        bom: true,
      });
      expect(got.recs.map((r) => r.fields)).toEqual(ref);
      expect(got.recs.map((r) => ({ fields: r.fields, line: r.line }))).toEqual(doc.records);
      expect(got.recs.every((r) => r.malformed === null)).toBe(true);
      expect(got.lines).toBe(expectedLines(buf));

      // cut at a random length: the boundary is the last one the generator made at or before it
      const k = Math.floor(rnd() * (buf.length + 1));
      const b = lastRecordBoundary(buf, k, doc.delimiter);
      expect(b).toBe(Math.max(0, ...doc.boundaries.filter((x) => x <= k)));
      const first = collect(buf, doc.delimiter, 0, b);
      const second = collect(buf, doc.delimiter, b, buf.length);
      expect([...first.recs, ...second.recs.map((r) => ({ ...r, line: r.line + first.lines }))]).toEqual(got.recs);
      // without a delimiter hint: the same here, as unquoted fields of well-formed documents hold no quote
      expect(lastRecordBoundary(buf, k)).toBe(b);
    }
  });
});

describe('fuzz: arbitrary bytes', () => {
  it('never throws, terminates, counts lines, stays in range and chunks consistently', () => {
    const rnd = mulberry32(777);
    const special = [34, 34, 34, 44, 59, 9, 10, 13, 0xef, 0xbb, 0xbf, 0x80, 0xeb, 0x61];
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(rnd() * 300);
      const buf = Buffer.alloc(len);
      for (let i = 0; i < len; i++) {
        buf[i] = rnd() < 0.5 ? special[Math.floor(rnd() * special.length)] : Math.floor(rnd() * 256);
      }
      if (rnd() < 0.1 && len >= 3) buf.set([0xef, 0xbb, 0xbf], 0);
      const delimiter = [COMMA, SEMI, TAB][n % 3];

      let calls = 0;
      const problems: string[] = []; // (collected rather than expect()ed per field: expect is slow)
      const lines = forEachRecord(buf, 0, len, delimiter, (r) => {
        calls++;
        if (r.count < 1 || r.line < 1) problems.push(`record ${calls}: count ${r.count}, line ${r.line}`);
        for (let i = 0; i < r.count; i++) {
          if (!(r.starts[i] >= 0 && r.starts[i] <= r.ends[i] && r.ends[i] <= len)) {
            problems.push(`record ${calls} field ${i}: [${r.starts[i]}, ${r.ends[i]}) outside [0, ${len})`);
          }
          for (const enc of ['auto', 'utf-8', 'windows-1252'] as const) {
            if (typeof fieldString(buf, r, i, enc) !== 'string') problems.push(`field ${i} ${enc}`);
          }
        }
      });
      expect(problems).toEqual([]);
      expect(calls).toBeLessThanOrEqual(len);
      expect(lines).toBe(expectedLines(buf));
      const whole = collect(buf, delimiter);
      expect(whole.recs.every((r, i) => i === 0 || r.line > whole.recs[i - 1].line)).toBe(true);

      // chunking at lastRecordBoundary gives the same records, even for junk
      const k = Math.floor(rnd() * (len + 1));
      const b = lastRecordBoundary(buf, k, delimiter);
      expect(b).toBeLessThanOrEqual(k);
      if (b > 0) expect(buf[b - 1]).toBe(10);
      const first = collect(buf, delimiter, 0, b);
      const second = collect(buf, delimiter, b, len);
      expect([...first.recs, ...second.recs.map((r) => ({ ...r, line: r.line + first.lines }))]).toEqual(
        whole.recs,
      );

      // a sub-range parses the same as a copy of it: nothing outside [s, e) is read
      const s = 1 + Math.floor(rnd() * len);
      const e = s + Math.floor(rnd() * (len - s + 1));
      const copy = Buffer.concat([Buffer.from('x'), buf.subarray(s, e)]);
      expect(collect(buf, delimiter, s, e)).toEqual(collect(copy, delimiter, 1, copy.length));
    }
  });
});
