// Reading an Excel workbook (.xlsx: a zip of XML parts) with yauzl and saxes (README, Choices of
// libraries). yauzl reads the zip's central directory first, so every part is opened when it is
// needed, wherever the zip stores it: the workbook (its sheets, the 1904 date system), the
// relationships that say which part is which sheet, the shared strings (held in memory: cells refer
// to them by number), and then the one sheet wanted, inflated and parsed as it is consumed, with
// the stream's back-pressure. Nothing goes to a temporary file and no other sheet is read.
//
// A cell's raw value (what workbook.ts turns into text):
//  - a string for a shared or inline string (rich text runs joined, phonetic runs left out, the
//    _xHHHH_ escapes Excel writes for control characters decoded);
//  - a number for a number, also for a date: styles are not read, and the caller knows which
//    columns hold dates; a Date only for a cell stored as an ISO 8601 date (t="d", not Excel's own);
//  - true/false; { error: '#N/A' } for an error; { formula, result } for a formula, the result
//    (its cached value, one of the above) absent when the file keeps none.
// A cell is placed by its reference (r="C7"), so cells and rows left out of the file land in the
// right column and row; a cell or row without one follows the one before it.
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** One row of a sheet: its number as Excel shows it, and its cells' raw values (index 0 = column A). */
export interface SheetRow {
  row: number;
  cells: unknown[];
}

export interface XlsxSheet {
  name: string;
  hidden: boolean;
  /** The zip entry of its part; null when the workbook names none that is there. */
  part: string | null;
}

export interface Xlsx {
  /** Every sheet, in workbook order (empty when the zip holds no workbook). */
  sheets: XlsxSheet[];
  date1904: boolean;
  /** The sheet's rows that hold a value, in order; reads the shared strings first. One sheet at a time. */
  rows: (sheet: XlsxSheet) => AsyncGenerator<SheetRow, void, undefined>;
  /** How far into the file the sheet being read is, in bytes of the file. */
  position: () => number;
  /** Closes the file; a sheet being read stops. Safe to call more than once. */
  close: () => void;
}

const local = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

type Attrs = Record<string, string>;
interface Handlers {
  open: (name: string, attrs: Attrs) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

/** A saxes parser calling `h` with tag names without their namespace prefix (x:sheetData). */
function parser(part: string, h: Handlers): { write(s: string): void; end(): void } {
  const p = new SaxesParser({ position: false });
  const { open, text, close } = h;
  p.on('opentag', (t) => open(local(t.name), t.attributes as Attrs));
  if (text) {
    p.on('text', text);
    p.on('cdata', text);
  }
  if (close) p.on('closetag', (t) => close(local(t.name)));
  const guard = (f: () => void) => {
    try {
      f();
    } catch (e) {
      // Named, so that workbook.ts tells bad XML from a bad zip.
      const err = new Error(`invalid XML in ${part}: ${e instanceof Error ? e.message : String(e)}`);
      err.name = 'XmlError';
      throw err;
    }
  };
  return { write: (s) => guard(() => p.write(s)), end: () => guard(() => p.close()) };
}

/** Feeds an entry's inflated bytes to the parser as they come, yielding after each piece; `bytes`
 *  is told how many were read. UTF-8 split across pieces is joined by the decoder. */
async function* feed(stream: Readable, p: ReturnType<typeof parser>, bytes?: (n: number) => void): AsyncGenerator<void, void, undefined> {
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes?.(chunk.length);
      p.write(decoder.write(chunk));
      yield;
    }
    p.write(decoder.end());
    p.end();
  } finally {
    stream.destroy();
  }
}

/** Excel's escape of a character as _xHHHH_ (ECMA-376 ST_Xstring; _x005F_ is the underscore). */
const unescape = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

/** The column of a reference (C7 -> 3), 0 when it has no letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20; // lower case
    if (c < 97 || c > 122) break;
    col = col * 26 + (c - 96);
  }
  return col;
}

/** A date stored as ISO 8601 text; a date and time without a zone is taken as UTC, as Excel has none. */
function isoDate(s: string): Date | string {
  const d = new Date(s.includes('T') && !/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s + 'Z' : s);
  return Number.isNaN(d.getTime()) ? s : d;
}

/** The value of a cell of type `t` whose <v> is `v` (null: none) and whose inline string is `inline`. */
function plainValue(t: string, v: string | null, inline: string | null, strings: readonly string[]): unknown {
  switch (t) {
    case 's': return v === null ? undefined : strings[parseInt(v, 10)];
    case 'inlineStr': return inline !== null ? unescape(inline) : v === null ? undefined : unescape(v);
    case 'str': return v === null ? undefined : unescape(v);
    case 'b': return v === null || v === '' ? undefined : v === 'true' || (v !== 'false' && Number(v) !== 0);
    case 'e': return v === null ? undefined : { error: v };
    case 'd': return v === null || v === '' ? undefined : isoDate(v);
    default: {
      if (v === null || v === '') return undefined;
      const n = Number(v);
      return Number.isNaN(n) ? v : n;
    }
  }
}

/** Reads a part to its end. */
async function drain(parts: AsyncGenerator<void, void, undefined>): Promise<void> {
  while (!(await parts.next()).done);
}

/** Opens a workbook and reads what it says about its sheets (not their cells). */
export async function openXlsx(file: string): Promise<Xlsx> {
  const zip: ZipFile = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  // The entry being read, to be destroyed by close(); and how far into the sheet the reading is.
  const live: { stream: Readable | null; sheet: { start: number; compressed: number; size: number; read: number } | null; closed: boolean } = { stream: null, sheet: null, closed: false };
  const close = () => {
    if (live.closed) return;
    live.closed = true;
    live.stream?.destroy();
    zip.close();
  };
  try {
    const entries = new Map<string, Entry>();
    const lower = new Map<string, Entry>();
    for await (const e of zip.eachEntry()) {
      entries.set(e.fileName, e);
      lower.set(e.fileName.toLowerCase(), e);
    }
    // Part names are case-insensitive in the standard; writers keep Excel's case, but not all.
    const entry = (name: string) => entries.get(name) ?? lower.get(name.toLowerCase());
    const open = async (e: Entry) => (live.stream = await zip.openReadStreamPromise(e));
    /** Parses a part, if the zip has it. */
    const parse = async (name: string, h: Handlers): Promise<void> => {
      const e = entry(name);
      if (e) await drain(feed(await open(e), parser(name, h)));
    };
    /** A part's relationships: id -> the target's part name and the relationship's type. */
    const relationships = async (part: string) => {
      const rels = new Map<string, { target: string; type: string }>();
      const dir = posix.dirname(part);
      await parse(posix.join(dir, '_rels', `${posix.basename(part)}.rels`), {
        open(name, a) {
          if (name !== 'Relationship' || a.TargetMode === 'External' || !a.Target) return;
          const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, a.Target));
          rels.set(a.Id, { target, type: a.Type ?? '' });
        },
      });
      return rels;
    };

    const book = [...(await relationships('')).values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    let date1904 = false;
    const listed: { name: string; hidden: boolean; id: string }[] = [];
    await parse(book, {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        if (name !== 'sheet') return;
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
        listed.push({ name: a.name ?? '', hidden: a.state === 'hidden' || a.state === 'veryHidden', id });
      },
    });
    const rels = listed.length > 0 ? await relationships(book) : new Map<string, { target: string; type: string }>();
    const sheets: XlsxSheet[] = listed.map((s) => {
      const target = rels.get(s.id)?.target;
      return { name: s.name, hidden: s.hidden, part: (target !== undefined && entry(target)?.fileName) || null };
    });
    const stringsPart = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? posix.join(posix.dirname(book), 'sharedStrings.xml');

    async function* rows(sheet: XlsxSheet): AsyncGenerator<SheetRow, void, undefined> {
      const e = sheet.part === null ? undefined : entry(sheet.part);
      if (!e) throw new Error(`the workbook has no part for sheet '${sheet.name}'`);
      const strings: string[] = [];
      let si: string | null = null;
      let inT = false;
      let phonetic = 0;
      await parse(stringsPart, {
        open(name) {
          if (name === 'si') si = '';
          else if (name === 't') inT = si !== null && phonetic === 0;
          else if (name === 'rPh') phonetic++;
        },
        text(s) { if (inT) si += s; },
        close(name) {
          if (name === 't') inT = false;
          else if (name === 'rPh') phonetic--;
          else if (name === 'si') {
            strings.push(unescape(si ?? ''));
            si = null;
          }
        },
      });

      // The sheet, row after row. Text goes to the <v>, <f> or inline <t> being read.
      let out: SheetRow[] = [];
      let row = 0;
      let cells: unknown[] = [];
      let any = false;
      let col = 0;
      let t = 'n';
      let v: string | null = null;
      let f: string | null = null;
      let inline: string | null = null;
      let into: 'v' | 'f' | 't' | null = null;
      let rph = 0;
      const p = parser(e.fileName, {
        open(name, a) {
          switch (name) {
            case 'row': {
              const r = a.r ? parseInt(a.r, 10) : NaN;
              row = r > 0 ? r : row + 1;
              cells = [];
              any = false;
              col = 0;
              break;
            }
            case 'c': {
              const c = a.r ? columnOf(a.r) : 0;
              col = c > 0 ? c : col + 1;
              t = a.t ?? 'n';
              v = f = inline = null;
              break;
            }
            case 'v': v = ''; into = 'v'; break;
            case 'f': f = ''; into = 'f'; break;
            case 'is': inline = ''; break;
            case 't': if (inline !== null && rph === 0) into = 't'; break;
            case 'rPh': rph++; break;
          }
        },
        text(s) {
          if (into === 'v') v += s;
          else if (into === 't') inline += s;
          else if (into === 'f') f += s;
        },
        close(name) {
          switch (name) {
            case 'v': case 'f': case 't': into = null; break;
            case 'rPh': rph--; break;
            case 'c': {
              const plain = plainValue(t, v, inline, strings);
              const value = f !== null ? { formula: f, result: plain } : plain;
              if (value === undefined || value === null) break;
              while (cells.length < col - 1) cells.push(undefined);
              cells[col - 1] = value;
              if (value !== '') any = true;
              break;
            }
            case 'row': if (any) out.push({ row, cells }); break;
          }
        },
      });
      const at = { start: e.relativeOffsetOfLocalHeader, compressed: e.compressedSize, size: Math.max(1, e.uncompressedSize), read: 0 };
      live.sheet = at;
      const pieces = feed(await open(e), p, (n) => { at.read += n; });
      for await (const _ of pieces) {
        if (out.length === 0) continue;
        const ready = out;
        out = [];
        yield* ready;
      }
      yield* out;
    }

    const position = () => {
      const at = live.sheet;
      if (live.closed) return zip.fileSize;
      return at ? Math.min(zip.fileSize, at.start + Math.round(at.compressed * Math.min(1, at.read / at.size))) : 0;
    };
    return { sheets, date1904, rows, position, close };
  } catch (e) {
    close();
    throw e;
  }
}
