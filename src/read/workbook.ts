// Excel workbooks (.xlsx) as input: one sheet streamed row by row with exceljs's streaming reader
// (README, Choices of libraries), every cell turned into the text a CSV export would have held,
// so that the rules of the CSV reader (dates, municipality codes, product codes) apply unchanged.
//
// Cells become text as follows (cellText):
//  - text as it is; rich text joined; a hyperlink by its text; a formula by its cached result;
//    an error by its code (#N/A); TRUE/FALSE; an empty cell ''.
//  - a number as plain decimal text without exponent or grouping: 14 (municipality 14 is GM0014),
//    1234, 0.5. Excel keeps no leading zeros; a profile's productcodeLength restores them.
//  - in a date column, a number is an Excel date (a day serial; 1904 workbooks are read as such)
//    written in the source's date format (yyyy-MM-dd when the format is auto); a whole number of
//    eight digits from 19000101 to 21991231 is taken as yyyyMMdd, as the CSV reader does.
//    Dates written as text are read by the CSV reader's rules.
//
// exceljs reads a zip front to back; when the worksheet comes before the shared strings in the
// file (as Excel and exceljs write them) it keeps the sheet in a temporary file until the strings
// are read, and removes it when done (or when the process ends).
import { createReadStream, statSync, type ReadStream } from 'node:fs';
import type { Day } from '../model/model.js';
import { civilFromDays } from '../model/calendar.js';

/** One row of a sheet: its number as Excel shows it, and its cells' raw values (index 0 = column A). */
export interface SheetRow {
  row: number;
  cells: unknown[];
}

export interface OpenedSheet {
  file: string;
  /** The sheet being read. */
  sheet: string;
  /** Every sheet of the workbook, in workbook order. */
  sheets: string[];
  /** True for a workbook in the 1904 date system (old Mac Excel). */
  date1904: boolean;
  /** The sheet's rows that hold at least one value, in order. */
  rows: AsyncGenerator<SheetRow, void, undefined>;
  /** Stops reading (the rest of the file is not read). Safe to call more than once. */
  close: () => Promise<void>;
  /** The file's size, and how many of its bytes have been read so far. */
  size: number;
  position: () => number;
}

/** Why a workbook cannot be read, for one line after the file name. */
function workbookProblem(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/end of central directory|invalid signature|unexpected end|FILE_ENDED|invalid (stored|distance|code|block)|incorrect header|zlib|inflate|Z_/i.test(msg)) {
    return 'the workbook is damaged or incomplete (its zip data cannot be read); save it again from Excel, or export the sheet as CSV';
  }
  if (/xml|sax|unclosed|unexpected close|closing tag|text data outside/i.test(msg)) {
    return 'the workbook is damaged (a part of it is not valid XML); save it again from Excel, or export the sheet as CSV';
  }
  return `not a readable Excel workbook (${msg.split('\n')[0]}); save it again from Excel as .xlsx, or export the sheet as CSV`;
}

/** A RunError-like Error: one line naming the file. */
export class WorkbookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkbookError';
  }
}

/** Workbooks being read now. A damaged zip can make the streaming reader stop without an error:
 *  the command line then names these files when the process runs out of work (cli.ts). */
const reading = new Set<string>();
export const workbooksInProgress = (): string[] => [...reading];

const sheetList = (names: string[]) => names.map((n) => `'${n}'`).join(', ');

type Reader = AsyncIterable<{ name: string; [Symbol.asyncIterator](): AsyncIterator<{ number: number; values: unknown[] }> }> & {
  model?: { sheets?: { name: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
};

/**
 * Opens a workbook and starts streaming the sheet named `wanted` (exact name, else ignoring case
 * and surrounding spaces), or the first visible sheet. Throws a WorkbookError naming the file
 * (and the sheets there are) when the workbook cannot be read or has no such sheet.
 */
export async function openSheet(file: string, wanted?: string): Promise<OpenedSheet> {
  const { default: ExcelJS } = await import('exceljs');
  const size = statSync(file).size;
  let stream: ReadStream | null = createReadStream(file);
  // A read error (the file vanished) must not be an unhandled 'error' event.
  stream.on('error', () => {});
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  }) as unknown as Reader;
  const sheetsIt = reader[Symbol.asyncIterator]();
  let closed = false;
  reading.add(file);
  const close = async () => {
    if (closed) return;
    closed = true;
    reading.delete(file);
    stream?.destroy();
    stream = null;
    await sheetsIt.return?.(undefined).catch(() => {});
  };
  const names = () => (reader.model?.sheets ?? []).map((s) => s.name);
  const matches = (name: string) => wanted !== undefined && name.trim().toLowerCase() === wanted.trim().toLowerCase();
  /** The sheet to read: by the workbook part when it has been read (it usually comes first). */
  const pick = (current: string): string | null | undefined => {
    const all = reader.model?.sheets;
    if (!all || all.length === 0) return wanted === undefined || matches(current) ? current : null; // null: not this one
    if (wanted === undefined) return (all.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden') ?? all[0]).name;
    const exact = all.find((s) => s.name === wanted);
    if (exact) return exact.name;
    const loose = all.filter((s) => matches(s.name));
    return loose.length === 1 ? loose[0].name : undefined; // undefined: there is no such sheet
  };
  try {
    for (;;) {
      const next = await sheetsIt.next();
      if (next.done) break;
      const ws = next.value;
      const target = pick(ws.name);
      if (target === null) continue;
      if (target === undefined) {
        throw new WorkbookError(`${file}: no sheet named '${wanted}' (the workbook has ${sheetList(names())}); name one with --sheet or the profile's "sheet"`);
      }
      if (ws.name !== target) continue; // skipped unread: exceljs drains it
      const rowIt = ws[Symbol.asyncIterator]();
      const rows = async function* (): AsyncGenerator<SheetRow, void, undefined> {
        try {
          for (;;) {
            let r: IteratorResult<{ number: number; values: unknown[] }>;
            try {
              r = await rowIt.next();
            } catch (e) {
              throw new WorkbookError(`${file}, sheet ${target}: ${workbookProblem(e)}`);
            }
            if (r.done) return;
            const values = r.value.values;
            // exceljs gives a sparse array from index 1 (column A).
            const cells: unknown[] = [];
            let any = false;
            for (let i = 1; i < values.length; i++) {
              const v = values[i];
              cells.push(v);
              if (!any && v !== undefined && v !== null && v !== '') any = true;
            }
            if (any) yield { row: r.value.number, cells };
          }
        } finally {
          await close();
        }
      };
      return {
        file, sheet: target, sheets: names(), date1904: reader.properties?.model?.date1904 === true,
        rows: rows(), close, size, position: () => Math.min(size, stream?.bytesRead ?? size),
      };
    }
  } catch (e) {
    await close();
    if (e instanceof WorkbookError) throw e;
    throw new WorkbookError(`${file}: ${workbookProblem(e)}`);
  }
  await close();
  if (wanted !== undefined) throw new WorkbookError(`${file}: no sheet named '${wanted}' (the workbook has ${sheetList(names()) || 'no sheets'})`);
  throw new WorkbookError(`${file}: the workbook has no sheets`);
}

// ---------------------------------------------------------------------------------------------
// Cells as text

/** Writes a day in a date format of dates.ts (yyyy, MM, M, dd, d and separators); 'auto': yyyy-MM-dd. */
export function dateWriter(pattern: string): (day: Day) => string {
  const p = pattern === 'auto' ? 'yyyy-MM-dd' : pattern;
  const two = (n: number) => (n < 10 ? '0' : '') + n;
  return (day) => {
    const { y, m, d } = civilFromDays(day);
    return p.replace(/yyyy|MM|M|dd|d/g, (t) => (t === 'yyyy' ? String(y).padStart(4, '0') : t === 'MM' ? two(m) : t === 'M' ? String(m) : t === 'dd' ? two(d) : String(d)));
  };
}

/** Days from 1970-01-01 of an Excel day serial (fractions of a day are the time: dropped). The
 *  1900 system counts the non-existent 29 February 1900 (serial 60), as Lotus 1-2-3 did. */
export function serialToDay(serial: number, date1904 = false): Day {
  const whole = Math.floor(serial);
  if (date1904) return whole - 24107;
  return whole >= 61 ? whole - 25569 : whole - 25568;
}

/** A number as plain text: no exponent, no grouping, '.' as the decimal point. */
export function numberCell(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const s = String(n);
  if (!s.includes('e')) return s;
  // 1e-7 and the like: fixed notation with the digits the number has.
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export interface CellContext {
  /** Writes a day as the source's date format; set for date columns only. */
  date: ((day: Day) => string) | null;
  date1904: boolean;
}

const YYYYMMDD_MIN = 19000101;
const YYYYMMDD_MAX = 21991231;

/** The text of one cell, as a CSV export would hold it (see the top of this file). */
export function cellText(v: unknown, ctx: CellContext): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (ctx.date) {
      if (Number.isInteger(v) && v >= YYYYMMDD_MIN && v <= YYYYMMDD_MAX) return String(v);
      return ctx.date(serialToDay(v, ctx.date1904));
    }
    return numberCell(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) return '';
    const day = Math.floor(t / 86_400_000);
    if (ctx.date) return ctx.date(day);
    return dateWriter('auto')(day);
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellText(o.result, ctx);
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join('');
    if ('hyperlink' in o || 'text' in o) return cellText(o.text, ctx);
    if (typeof o.error === 'string') return o.error;
  }
  return typeof v === 'bigint' ? v.toString() : '';
}

// ---------------------------------------------------------------------------------------------
// The header row

/** Rows looked at for the header before giving up. */
export const HEADER_SEARCH_ROWS = 50;

export interface HeaderFound {
  /** The header's sheet row. */
  row: number;
  names: string[];
  /** Non-empty rows above it (titles, notes): skipped, and counted. */
  titleRows: number;
}

/**
 * The first row whose names `accepts`, among the first HEADER_SEARCH_ROWS non-empty rows. A
 * header of two rows, where a cell merged over both rows leaves the lower one empty (merged cells
 * keep their value in the top-left cell only), is read with each empty cell taken from the row
 * directly above. Returns null when no row is accepted; `rejected` gets each candidate tried.
 */
export async function findHeader(rows: AsyncIterator<SheetRow>, accepts: (names: string[]) => boolean,
  rejected: (names: string[], row: number) => void = () => {}): Promise<HeaderFound | null> {
  let above: string[] | null = null;
  for (let seen = 0; seen < HEADER_SEARCH_ROWS; seen++) {
    const next = await rows.next();
    if (next.done) return null;
    const { row, cells } = next.value;
    const names = cells.map((c) => cellText(c, { date: null, date1904: false }).trim());
    if (accepts(names)) return { row, names, titleRows: seen };
    if (above) {
      const width = Math.max(names.length, above.length);
      const merged = Array.from({ length: width }, (_, i) => (names[i] ?? '') !== '' ? names[i] : (above![i] ?? ''));
      if (accepts(merged)) return { row, names: merged, titleRows: seen - 1 }; // the row above is part of the header
    }
    rejected(names, row);
    above = names;
  }
  return null;
}
