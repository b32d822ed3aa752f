// Small side tables (code mapping, regions) are read with fast-csv: they are tiny, so a
// well-kept library beats the hot-path parser here on clarity.
import { readFileSync } from 'node:fs';
import { parseString } from 'fast-csv';

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

/** Reads a small CSV with a header; `,` or `;` by whichever the header uses; names lower-cased. */
export async function readTable(file: string): Promise<Table> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new Error(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = await new Promise((resolve, reject) => {
    const out: string[][] = [];
    parseString(text, { delimiter, ignoreEmpty: true, trim: true })
      .on('error', (e) => reject(new Error(`${file}: not a readable CSV table (${e.message})`)))
      .on('data', (row: string[]) => out.push(row))
      .on('end', () => resolve(out));
  });
  if (records.length === 0) throw new Error(`${file}: empty table (expected a header line)`);
  const columns = records[0].map((c) => c.toLowerCase());
  const index = new Map(columns.map((c, i) => [c, i]));
  const rows = records.slice(1).map((values, i) => ({
    line: i + 2,
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
