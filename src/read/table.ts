// Small side tables (code mapping, regions): read with the same CSV dialect as the sources (csv.ts:
// delimiter detection, quoting, UTF-8 or else Windows-1252 per field), so a table and an export
// written the same way are read the same way.
import { readFileSync } from 'node:fs';
import { detectDelimiter, fieldString, forEachRecord } from './csv.js';

export interface TableRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  get(column: string): string;
}

export interface Table {
  file: string;
  columns: string[];
  rows: TableRow[];
}

/** Reads a small CSV with a header; the delimiter detected from the header line (csv.ts); names
 *  lower-cased, values trimmed; lines that are blank or hold only empty fields are skipped. */
export async function readTable(file: string): Promise<Table> {
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
  return { file, columns, rows };
}

export function requireColumns(t: Table, required: string[]): void {
  const missing = required.filter((c) => !t.columns.includes(c));
  if (missing.length > 0) {
    throw new Error(`${t.file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${t.columns.join(', ')})`);
  }
}
