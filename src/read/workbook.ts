// Excel workbooks (.xlsx) as input: one sheet streamed row by row (xlsx-reader.ts: yauzl and
// saxes; README, Choices of libraries), every cell turned into the text a CSV export would have held,
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
//    Dates written as text are read by the CSV reader's rules. (A cell stored as an ISO date,
//    which Excel does not write, comes as a Date: its UTC day.)
import { statSync } from 'node:fs';
import type { Day } from '../model/model.js';
import { civilFromDays } from '../model/calendar.js';
import type { SheetRow, Xlsx } from './xlsx-reader.js';

export type { SheetRow };

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
  if (e instanceof Error && e.name === 'XmlError') {
    return 'the workbook is damaged (a part of it is not valid XML); save it again from Excel, or export the sheet as CSV';
  }
  // yauzl's words for a broken zip, and zlib's (with a Z_ code) for broken compressed data.
  const code = (e as { code?: unknown } | null)?.code;
  if ((typeof code === 'string' && code.startsWith('Z_')) || /central directory|signature|overflows file bounds|bytes in the stream|unexpected end|invalid (stored|distance|code|block|literal)|incorrect header|length or distance|zlib|inflate/i.test(msg)) {
    return 'the workbook is damaged or incomplete (its zip data cannot be read); save it again from Excel, or export the sheet as CSV';
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

/** Workbooks being read now: should the process run out of work while one is being read, the
 *  command line names these files (cli.ts). */
const reading = new Set<string>();
export const workbooksInProgress = (): string[] => [...reading];

const sheetList = (names: string[]) => names.map((n) => `'${n}'`).join(', ');

/**
 * Opens a workbook and starts streaming the sheet named `wanted` (exact name, else ignoring case
 * and surrounding spaces), or the first visible sheet. Throws a WorkbookError naming the file
 * (and the sheets there are) when the workbook cannot be read or has no such sheet.
 */
export async function openSheet(file: string, wanted?: string): Promise<OpenedSheet> {
  // Loaded when a workbook is read: saxes's character tables alone cost a run some 10 MiB.
  const { openXlsx } = await import('./xlsx-reader.js');
  let book: Xlsx;
  try {
    book = await openXlsx(file);
  } catch (e) {
    throw new WorkbookError(`${file}: ${workbookProblem(e)}`);
  }
  const all = book.sheets;
  const names = all.map((s) => s.name);
  const loose = (name: string) => name.trim().toLowerCase() === wanted!.trim().toLowerCase();
  const matches = wanted === undefined ? [] : all.filter((s) => loose(s.name));
  const target = wanted === undefined
    ? all.find((s) => !s.hidden) ?? all[0]
    : all.find((s) => s.name === wanted) ?? (matches.length === 1 ? matches[0] : undefined);
  if (!target) {
    book.close();
    if (wanted === undefined) throw new WorkbookError(`${file}: the workbook has no sheets`);
    if (all.length === 0) throw new WorkbookError(`${file}: no sheet named '${wanted}' (the workbook has no sheets)`);
    throw new WorkbookError(`${file}: no sheet named '${wanted}' (the workbook has ${sheetList(names)}); name one with --sheet or the profile's "sheet"`);
  }
  reading.add(file);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    reading.delete(file);
    book.close();
  };
  const sheetRows = book.rows(target);
  const rows = async function* (): AsyncGenerator<SheetRow, void, undefined> {
    try {
      for (;;) {
        let r: IteratorResult<SheetRow>;
        try {
          r = await sheetRows.next();
        } catch (e) {
          if (closed) return; // closed while a row was awaited: the reading stops, quietly
          throw new WorkbookError(`${file}, sheet ${target.name}: ${workbookProblem(e)}`);
        }
        if (r.done) return;
        yield r.value;
      }
    } finally {
      await sheetRows.return();
      await close();
    }
  };
  return {
    file, sheet: target.name, sheets: names, date1904: book.date1904,
    rows: rows(), close, size: statSync(file).size, position: book.position,
  };
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
