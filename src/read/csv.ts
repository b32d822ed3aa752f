// The hot-path CSV record splitter: walks raw bytes, reports where each field lies, and only makes a
// string when a caller asks for one field (fieldString). No regex, no per-record or per-field allocation.
//
// Dialect (RFC 4180 plus what municipal exports do):
//  - a record ends at LF or CRLF outside quotes; a CR not followed by LF is ordinary data;
//  - a field is quoted only when its FIRST byte is '"'; inside, '""' is a literal quote and delimiters,
//    CR and LF are data. A '"' in the middle of an unquoted field is ordinary data (e.g. `5" inch`);
//  - blank lines (nothing, or only CR, before the LF) are skipped but counted in line numbers;
//  - a UTF-8 BOM is skipped at the very start of the buffer;
//  - malformed quoting never throws: the record is reported with `malformed` set and parsing goes on.
//      'unterminated quote'       the quoted field runs to the end of the range; it keeps all those bytes.
//      'text after closing quote' `"ab"cd,` the field keeps everything up to the next delimiter or
//                                 end of line (content `ab"cd`); later quotes in it are data.
// The delimiter is one ASCII byte other than '"', CR or LF (isDelimiterByte; delimiterProblem says why a
// profile's or an option's delimiter is refused); without one it is detected (detectDelimiter).
//
// This file is the one CSV dialect of traject: analyse (sources.ts, the workers), the side tables
// (table.ts) and `traject pseudonymise` all split records here and decode fields with fieldString.

import { Buffer, isUtf8 } from 'node:buffer';

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** A view of one record inside a chunk; arrays are reused between records (copy what you keep). */
export interface RecordView {
  count: number; // number of fields
  starts: Int32Array; // byte offset of field i's content (after an opening quote)
  ends: Int32Array; // byte offset just past field i's content (before a closing quote)
  quoted: Uint8Array; // 1 when field i was quoted and contains "" escapes that fieldString must unescape
  line: number; // 1-based physical line of the record's first byte, relative to the chunk
  malformed: string | null; // null, or a reason like 'unterminated quote' / 'text after closing quote'
  ascii: boolean; // no byte of the record is >= 0x80 (so no field needs decoding for that reason)
}

/** True when buf[0..3) is the UTF-8 byte order mark EF BB BF (and lies inside [0, end)). */
function hasBom(buf: Uint8Array, end: number): boolean {
  return end >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
}

/** The delimiter rule: one ASCII character other than '"', CR, LF (and NUL). The splitter works on bytes,
 *  so a character that is more than one byte in UTF-8 (or differs between encodings) cannot be one. */
export function isDelimiterByte(b: number): boolean {
  return Number.isInteger(b) && b > 0 && b < 0x80 && b !== QUOTE && b !== CR && b !== LF;
}

function checkDelimiter(delimiter: number): void {
  if (!isDelimiterByte(delimiter)) {
    throw new RangeError(`CSV delimiter must be one ASCII character other than '"', CR or LF (got ${delimiter})`);
  }
}

const NAMED_DELIMITERS: Record<string, string> = { tab: '\t', '\\t': '\t', semicolon: ';', comma: ',', pipe: '|' };

/** null when `value` can be a delimiter (isDelimiterByte), else why not, for a message after the JSON path
 *  or option name. */
export function delimiterProblem(value: string): string | null {
  if ([...value].length !== 1) {
    const named = NAMED_DELIMITERS[value.toLowerCase()];
    const hint = named ? ` (did you mean '${named === '\t' ? '\\t' : named}'?)` : value === 'auto' ? ' (leave the delimiter out to detect it)' : '';
    return `expected one character such as ';' or ',', got ${JSON.stringify(value)}${hint}`;
  }
  const b = value.charCodeAt(0);
  if (isDelimiterByte(b)) return null;
  if (b < 0x80) return `${JSON.stringify(value)} cannot be a delimiter; expected a character such as ';' or ','`;
  const u = 'U+' + value.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `'${value}' (${u}) cannot be a delimiter: expected an ASCII character such as ';', ',' or '|' (traject splits bytes, and a non-ASCII character is more than one byte in UTF-8)`;
}

/** Calls onRecord for each record in buf[start, end). end is a record boundary. Blank lines are skipped
 *  (but counted in line numbers). CRLF and LF both end records; a newline inside quotes does not.
 *  Returns the number of physical lines consumed (so a caller can offset the next chunk's lines):
 *  the number of LF bytes, plus 1 when the range is not empty and does not end in LF.
 *  The RecordView and its arrays are reused for every record of this call (the arrays are replaced by
 *  larger ones when a record has more fields than they hold): read r.starts etc. afresh in each callback. */
export function forEachRecord(
  buf: Uint8Array,
  start: number,
  end: number,
  delimiter: number,
  onRecord: (r: RecordView) => void,
): number {
  checkDelimiter(delimiter);
  // Never read outside the buffer, whatever the caller passes.
  if (start < 0) start = 0;
  if (end > buf.length) end = buf.length;
  if (end <= start) return 0;

  let cap = 32;
  const r: RecordView = {
    count: 0,
    starts: new Int32Array(cap),
    ends: new Int32Array(cap),
    quoted: new Uint8Array(cap),
    line: 0,
    malformed: null,
    ascii: true,
  };
  let starts = r.starts;
  let ends = r.ends;
  let quoted = r.quoted;

  let pos = start === 0 && hasBom(buf, end) ? 3 : start;
  let line = 1; // physical line of buf[pos]

  while (pos < end) {
    // Blank line: LF, or CR LF, right at the start of a record.
    let c = buf[pos];
    if (c === LF) {
      pos++;
      line++;
      continue;
    }
    if (c === CR && pos + 1 < end && buf[pos + 1] === LF) {
      pos += 2;
      line++;
      continue;
    }

    const recordLine = line;
    let bad: string | null = null;
    let high = 0; // OR of the record's bytes: bit 7 set when any is >= 0x80
    let n = 0;
    let p = pos;
    // One field per iteration. Each field leaves p on its terminator: the delimiter, the LF, or end.
    for (;;) {
      if (n === cap) {
        // Grow (doubling, so amortised O(1) per field); the view now points at the new arrays.
        cap *= 2;
        const s2 = new Int32Array(cap);
        const e2 = new Int32Array(cap);
        const q2 = new Uint8Array(cap);
        s2.set(starts);
        e2.set(ends);
        q2.set(quoted);
        r.starts = starts = s2;
        r.ends = ends = e2;
        r.quoted = quoted = q2;
      }
      let fs: number;
      let fe: number;
      let esc = 0;
      if (p < end && buf[p] === QUOTE) {
        // Quoted field: find the closing quote, stepping over "" escapes and counting LFs inside.
        fs = ++p;
        for (;;) {
          if (p >= end) break;
          c = buf[p];
          if (c === QUOTE) {
            if (p + 1 < end && buf[p + 1] === QUOTE) {
              esc = 1;
              p += 2;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          high |= c;
          p++;
        }
        if (p >= end) {
          // No closing quote before the end of the range: the field takes everything.
          fe = end;
          if (bad === null) bad = 'unterminated quote';
        } else {
          fe = p++; // p was on the closing quote
          if (p < end) {
            c = buf[p];
            if (c === CR && p + 1 < end && buf[p + 1] === LF) {
              p++; // CRLF after the closing quote: stand on the LF
            } else if (c !== delimiter && c !== LF) {
              // `"ab"cd`: keep the field going as unquoted text up to the delimiter or end of line.
              if (bad === null) bad = 'text after closing quote';
              while (p < end && (c = buf[p]) !== delimiter && c !== LF) {
                high |= c;
                p++;
              }
              fe = p < end && c === LF && buf[p - 1] === CR ? p - 1 : p;
            }
          }
        }
      } else {
        // Unquoted field: up to the delimiter or LF (a CR right before the LF belongs to the line end).
        fs = p;
        while (p < end && (c = buf[p]) !== delimiter && c !== LF) {
          high |= c;
          p++;
        }
        fe = p < end && c === LF && p > fs && buf[p - 1] === CR ? p - 1 : p;
      }
      starts[n] = fs;
      ends[n] = fe;
      quoted[n] = esc;
      n++;
      if (p >= end) break; // final record without trailing newline
      c = buf[p++];
      if (c === LF) {
        line++;
        break;
      }
      // otherwise c was the delimiter: another field follows (possibly empty)
    }

    r.count = n;
    r.line = recordLine;
    r.malformed = bad;
    r.ascii = high < 0x80;
    onRecord(r);
    pos = p;
  }
  return line - 1 + (buf[end - 1] === LF ? 0 : 1);
}

/** Largest offset <= len that is a record boundary (just after a '\n' outside quotes), scanning from 0,
 *  which is a boundary. Fast path: when the buffer holds no '"' byte use lastIndexOf(10). Returns 0 if none.
 *  Quotes are read exactly as forEachRecord reads them: a '"' opens a quoted field only as the first byte
 *  of a field, which needs the delimiter. Without one, any of ',' ';' TAB is taken to end a field, which
 *  can only differ from forEachRecord when another of those bytes is directly followed by '"'. */
export function lastRecordBoundary(buf: Uint8Array, len: number, delimiter?: number): number {
  if (len > buf.length) len = buf.length;
  if (len <= 0) return 0;
  const head = Buffer.from(buf.buffer, buf.byteOffset, len);
  let q = head.indexOf(QUOTE);
  if (q < 0) return head.lastIndexOf(LF) + 1; // -1 + 1 = 0 when there is none

  // Jump from quote to quote with indexOf (memchr) instead of visiting every byte: only quoted
  // regions matter, and the answer is the last LF outside all of them.
  const anyDelim = delimiter === undefined;
  const first = hasBom(buf, len) ? 3 : 0;
  let best = -1; // last LF seen outside quotes
  let pos = first; // start of the current stretch outside quotes
  while (q >= 0) {
    const prev = q === first ? LF : buf[q - 1];
    const atFieldStart = q === first || prev === LF || (anyDelim ? prev === 44 || prev === 59 || prev === 9 : prev === delimiter);
    if (!atFieldStart) {
      q = head.indexOf(QUOTE, q + 1); // a quote inside an unquoted field is data
      continue;
    }
    if (q > pos) {
      const lf = head.lastIndexOf(LF, q - 1);
      if (lf >= pos) best = lf;
    }
    // The closing quote: the first '"' not followed by another one ("" is an escape).
    let j = q + 1;
    for (;;) {
      j = head.indexOf(QUOTE, j);
      if (j < 0) return best + 1; // unterminated up to len: no later boundary
      if (j + 1 < len && buf[j + 1] === QUOTE) {
        j += 2;
        continue;
      }
      break;
    }
    pos = j + 1;
    q = pos < len ? head.indexOf(QUOTE, pos) : -1;
  }
  if (pos < len) {
    const lf = head.lastIndexOf(LF, len - 1);
    if (lf >= pos) best = lf;
  }
  return best + 1;
}

// Windows-1252 differs from Latin-1 only in 0x80..0x9F. (Node 20.18.3+ decodes TextDecoder('windows-1252')
// as Latin-1, nodejs/node#60888, so traject maps these itself.) Undefined bytes map to the C1 control,
// as the WHATWG Encoding Standard does.
const CP1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

// Invalid sequences become U+FFFD (reachable only with encoding 'utf-8'). ignoreBOM keeps a U+FEFF inside a
// field: the default would silently drop it from the start of the field.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes buf[s, e) read as Latin-1 (exact for ASCII). */
function latin1(buf: Uint8Array, s: number, e: number): string {
  if (buf instanceof Buffer) return buf.toString('latin1', s, e);
  return Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString('latin1');
}

function decodeWindows1252(buf: Uint8Array, s: number, e: number): string {
  let out = '';
  let from = s; // start of the run not yet appended
  for (let k = s; k < e; k++) {
    const b = buf[k];
    if (b >= 0x80 && b <= 0x9f) {
      if (k > from) out += latin1(buf, from, k);
      out += String.fromCharCode(CP1252_C1[b - 0x80]);
      from = k + 1;
    }
  }
  return from < e ? out + latin1(buf, from, e) : out;
}

/** The text of field i: bytes decoded as ASCII fast path, else UTF-8, or Windows-1252 when the bytes are not
 *  valid UTF-8 (or always when encoding === 'windows-1252'); "" unescaped. Not trimmed.
 *  Note that 'auto' decides per field: a Windows-1252 field whose bytes happen to be valid UTF-8 (rare
 *  in real text, e.g. 'Ã«') reads as UTF-8; pass the source's encoding when it is known. */
export function fieldString(
  buf: Uint8Array,
  r: RecordView,
  i: number,
  encoding: 'auto' | 'utf-8' | 'windows-1252' = 'auto',
): string {
  if (!(i >= 0 && i < r.count)) throw new RangeError(`field ${i} out of range (record has ${r.count})`);
  const s = r.starts[i];
  const e = r.ends[i];
  if (s >= e) return '';
  let k = s;
  while (k < e && buf[k] < 0x80) k++;
  let text: string;
  if (k === e) {
    text = latin1(buf, s, e); // pure ASCII: identical in every supported encoding
  } else if (encoding === 'windows-1252' || (encoding === 'auto' && !isUtf8(buf.subarray(k, e)))) {
    text = decodeWindows1252(buf, s, e);
  } else {
    text = utf8Decoder.decode(buf.subarray(s, e));
  }
  return r.quoted[i] ? text.replaceAll('""', '"') : text;
}

/** Delimiters detected when none is given, in the order that breaks ties. */
export const DELIMITER_CANDIDATES: readonly number[] = [44, 59, 9, 124]; // , ; TAB |

/**
 * The delimiter of a file without one given: of ',', ';', TAB and '|', the one that splits the first
 * line buf[start, first LF or end) into the most fields, reading quotes as forEachRecord does with that
 * delimiter (so a ';' inside a quoted field does not count). Ties go to the earlier of , ; TAB | (the
 * header `a;b,c` is read with ','); a line without any of them gives ','. A UTF-8 BOM at 0 is skipped.
 */
export function detectDelimiter(buf: Uint8Array, start = 0, end = buf.length): number {
  if (end > buf.length) end = buf.length;
  const lf = buf.indexOf(LF, start);
  const lineEnd = lf >= 0 && lf < end ? lf + 1 : end;
  let best = DELIMITER_CANDIDATES[0];
  let bestFields = 1;
  for (const d of DELIMITER_CANDIDATES) {
    let fields = 0;
    forEachRecord(buf, start, lineEnd, d, (r) => {
      if (fields === 0) fields = r.count;
    });
    if (fields > bestFields) {
      best = d;
      bestFields = fields;
    }
  }
  return best;
}
