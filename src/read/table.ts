// Small side tables (code mapping, regions): read with the same CSV dialect as the sources (csv.ts:
// delimiter detection, quoting, UTF-8 or else Windows-1252 per field), so a table and an export
// written the same way are read the same way.
import { readFileSync } from 'node:fs';
import { detectDelimiter, fieldString, forEachRecord } from './csv.js';
import { sniffFile } from './sniff.js';
import { cellText, dateWriter, findHeader, openSheet, type CellContext } from './workbook.js';

export interface TableRow {
  /** 1-based line in the file (the header is line 1); in a workbook, the row of the sheet. */
  line: number;
  get(column: string): string;
}

export interface Table {
  file: string;
  columns: string[];
  rows: TableRow[];
  /** Where a line is, for messages: `codes.csv:5`, or `codes.xlsx, sheet Codes, row 5`. */
  at(line: number): string;
  /** 'line' (CSV) or 'row' (workbook). */
  lineWord: 'line' | 'row';
}

export interface TableOptions {
  /** Columns the table must have: in a workbook, the header is the first row that has them all. */
  required?: readonly string[];
  /** Columns holding dates: in a workbook, a number there is an Excel date (written yyyy-MM-dd). */
  dates?: readonly string[];
}

/** Reads a small CSV with a header; the delimiter detected from the header line (csv.ts); names
 *  lower-cased, values trimmed; lines that are blank or hold only empty fields are skipped. */
export async function readTable(file: string, options: TableOptions = {}): Promise<Table> {
  let kind;
  try {
    kind = sniffFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code ? `${file}: cannot read (${code})` : (e as Error).message, { cause: e });
  }
  if (kind === 'xlsx') return readWorkbookTable(file, options);
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`, { cause: e });
  }
  const delimiter = detectDelimiter(buf);
  const records: { line: number; values: string[] }[] = [];
  let malformed: string | null = null;
  forEachRecord(buf, 0, buf.length, delimiter, (r) => {
    if (r.malformed !== null) {
      malformed ??= `${file}:${r.line}: not a readable CSV table (${r.malformed})`;
      return;
    }
    const values = Array.from({ length: r.count }, (_, i) => fieldString(buf, r, i).trim());
    if (values.every((v) => v === '')) return;
    records.push({ line: r.line, values });
  });
  if (malformed !== null) throw new Error(malformed);
  if (records.length === 0) throw new Error(`${file}: empty table (expected a header line)`);
  const columns = records[0].values.map((c) => c.toLowerCase());
  const index = new Map(columns.map((c, i) => [c, i]));
  const rows = records.slice(1).map(({ line, values }) => ({
    line,
    get: (column: string) => {
      const at = index.get(column);
      return at === undefined ? '' : (values[at] ?? '');
    },
  }));
  return { file, columns, rows, at: (line) => `${file}:${line}`, lineWord: 'line' };
}

/** A side table from a workbook: the first sheet whose header row (below any title rows) has the
 *  required columns; cells as text by the rules of workbook.ts. */
async function readWorkbookTable(file: string, options: TableOptions): Promise<Table> {
  const required = options.required ?? [];
  const dates = new Set(options.dates ?? []);
  const accepts = (names: string[]) => names.some((n) => n !== '') && required.every((c) => names.some((n) => n.toLowerCase() === c));
  let sheet = await openSheet(file);
  const names = sheet.sheets;
  const tried: string[] = [];
  for (let k = 0; ; k++) {
    try {
      const found = await findHeader(sheet.rows, accepts);
      if (found) {
        const columns = found.names.map((c) => c.toLowerCase());
        const index = new Map<string, number>();
        columns.forEach((c, i) => { if (c !== '' && !index.has(c)) index.set(c, i); });
        const plain: CellContext = { date: null, date1904: sheet.date1904 };
        const iso: CellContext = { date: dateWriter('auto'), date1904: sheet.date1904 };
        const contexts = columns.map((c) => (dates.has(c) ? iso : plain));
        const rows: TableRow[] = [];
        for await (const { row, cells } of sheet.rows) {
          const values = cells.map((c, i) => cellText(c, contexts[i] ?? plain).trim());
          if (values.every((v) => v === '')) continue;
          rows.push({ line: row, get: (column) => { const at = index.get(column); return at === undefined ? '' : (values[at] ?? ''); } });
        }
        const name = sheet.sheet;
        return { file, columns, rows, at: (line) => `${file}, sheet ${name}, row ${line}`, lineWord: 'row' };
      }
    } finally {
      await sheet.close();
    }
    tried.push(sheet.sheet);
    const next = names.find((n) => !tried.includes(n));
    if (next === undefined || k > names.length) break;
    sheet = await openSheet(file, next);
  }
  throw new Error(`${file}: no sheet has a header row with the columns ${required.join(', ')} (looked at ${tried.map((n) => `'${n}'`).join(', ')}; a title row above the header is fine)`);
}

export function requireColumns(t: Table, required: string[]): void {
  const missing = required.filter((c) => !t.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`${t.file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${t.columns.join(', ')})`);
  }
}
