// Workbooks for the tests, made with exceljs (never hand-made zip bytes): a CSV turned into the
// workbook an analyst would export, with title rows, Excel date cells and municipality numbers.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';

export { ExcelJS };

/** A date written as text in one of the CSV reader's forms, as a Date at UTC midnight; else null. */
export function textDate(s: string): Date | null {
  // A day that does not exist (31-02-2010: the generator's unreadable birth dates) stays text, as
  // it is unreadable in the CSV too; Date.UTC would roll it over into March.
  const real = (y: number, m: number, d: number): Date | null => {
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? t : null;
  };
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return real(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(s);
  if (m) return real(+m[3], +m[2], +m[1]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return real(+m[1], +m[2], +m[3]);
  return null;
}

export interface ToWorkbook {
  /** Rows above the header. */
  titles?: string[];
  sheet?: string;
  /** Sheets before the data sheet, e.g. an empty one. */
  before?: string[];
}

/** Reads a CSV (its delimiter from the header line) with csv-parse: header and rows as text. */
export function readCsv(file: string): string[][] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const first = text.slice(0, text.indexOf('\n'));
  const rows: string[][] = parse(text, { delimiter: first.includes(';') ? ';' : ',', relax_column_count: true, skip_empty_lines: true });
  return rows;
}

/**
 * The CSV as a workbook: title rows, then the header, then the rows, with every readable date in a
 * *datum column as an Excel date cell (format dd-mm-yyyy) and every GM code as a number (GM0014 -> 14).
 */
export async function csvToWorkbook(csv: string, xlsx: string, opts: ToWorkbook = {}): Promise<void> {
  const [header, ...rows] = readCsv(csv);
  const wb = new ExcelJS.Workbook();
  for (const name of opts.before ?? []) wb.addWorksheet(name);
  const ws = wb.addWorksheet(opts.sheet ?? 'Toewijzingen');
  for (const t of opts.titles ?? []) ws.addRow([t]);
  if ((opts.titles ?? []).length > 0) ws.addRow([]);
  ws.addRow(header);
  const isDate = header.map((h) => /datum/i.test(h));
  const isGm = header.map((h) => /^gemeente/i.test(h));
  for (const r of rows) {
    const row = ws.addRow(r.map((v, i) => {
      if (isDate[i]) return textDate(v) ?? (v === '' ? null : v);
      if (isGm[i] && /^GM\d{4}$/.test(v)) return Number(v.slice(2));
      return v === '' ? null : v;
    }));
    isDate.forEach((d, i) => { if (d) row.getCell(i + 1).numFmt = 'dd-mm-yyyy'; });
  }
  await wb.xlsx.writeFile(xlsx);
}

/** Every cell of every sheet of a workbook, read with exceljs: sheet, address, type and value. */
export async function workbookCells(file: string): Promise<{ sheet: string; address: string; type: number; formula?: string; value: unknown }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: { sheet: string; address: string; type: number; formula?: string; value: unknown }[] = [];
  wb.eachSheet((ws) => ws.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (c) => {
    out.push({ sheet: ws.name, address: c.address, type: c.type, ...(c.formula ? { formula: c.formula } : {}), value: c.value });
  })));
  return out;
}
