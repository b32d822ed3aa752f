// A source that is an Excel workbook: open the sheet, find the header row below any title rows,
// decide the plan as for a CSV (sources.ts), and turn the data rows into CSV records in that
// plan's dialect (',' and UTF-8), chunk by chunk, so that the parse task of the workers reads them
// exactly as it reads a CSV export. Also openSources: every source opened by its content.
import { RunError } from '../model/errors.js';
import { fieldOfHeader, resolveColumns, type Field } from './columns.js';
import { sniffFile } from './sniff.js';
import { openSource, planFromHeader, RowMap, type OpenedSource, type SourceSpec } from './sources.js';
import { cellText, dateWriter, findHeader, openSheet, WorkbookError, type CellContext, type SheetRow } from './workbook.js';

const DATE_FIELDS: readonly Field[] = ['start', 'end', 'birthdate'];

const asRunError = (e: unknown): Error => (e instanceof WorkbookError ? new RunError(e.message) : (e as Error));

/** Opens every source by what its bytes are (a CSV or a workbook, whatever its name says); on a
 *  failure, closes the workbooks already opened and throws. */
export async function openSources(specs: readonly SourceSpec[], includePgb: boolean): Promise<OpenedSource[]> {
  const out: OpenedSource[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      let kind: 'text' | 'xlsx';
      try {
        kind = sniffFile(spec.path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new RunError(code ? `${spec.path}: cannot read input (${code})` : (e as Error).message);
      }
      out.push(kind === 'xlsx' ? await openWorkbookSource(spec, i, includePgb) : openSource(spec, i, includePgb));
    }
  } catch (e) {
    await closeSources(out);
    throw e;
  }
  return out;
}

/** Stops reading every workbook source (after the run, or when it fails). */
export async function closeSources(sources: readonly OpenedSource[]): Promise<void> {
  for (const s of sources) await s.workbook?.close();
}

export async function openWorkbookSource(spec: SourceSpec, index: number, includePgb: boolean): Promise<OpenedSource> {
  const file = spec.path;
  const profile = spec.profile;
  let sheet;
  try {
    sheet = await openSheet(file, spec.sheet ?? profile?.sheet);
  } catch (e) {
    throw asRunError(e);
  }
  const where = `${file}, sheet ${sheet.sheet}`;
  try {
    const constant: Field[] = profile?.gemeente !== undefined ? ['gemeente'] : [];
    let header: string[];
    let headerRow = 0;
    let titleRows = 0;
    let rows: AsyncIterator<SheetRow> = sheet.rows;
    if (profile?.header === false) {
      // No header: the first row is data, and columns are numbered by the profile.
      const first = await sheet.rows.next();
      if (first.done) throw new RunError(`${where}: the sheet is empty`);
      const numbered = Object.values(profile.columns ?? {}).filter((c): c is number => typeof c === 'number');
      header = Array.from({ length: Math.max(first.value.cells.length, ...numbered) }, () => '');
      rows = prepend(first.value, sheet.rows);
    } else {
      const tried: { names: string[]; row: number }[] = [];
      const found = await findHeader(sheet.rows, (names) => resolveColumns(names, profile?.columns, { constant }).ok, (names, row) => tried.push({ names, row }));
      if (!found) {
        if (tried.length === 0) {
          const others = sheet.sheets.filter((n) => n !== sheet.sheet);
          throw new RunError(`${where}: the sheet is empty${others.length > 0 ? ` (the workbook also has ${others.map((n) => `'${n}'`).join(', ')}: name the one to read with --sheet or the profile's "sheet")` : ''}`);
        }
        // Report the row that looks most like a header: the most names traject knows.
        const score = (names: string[]) => names.filter((n) => n !== '' && fieldOfHeader(n) !== null).length;
        const best = tried.reduce((a, b) => (score(b.names) > score(a.names) ? b : a));
        planFromHeader(spec, index, includePgb, best.names, {
          where, delimiter: 44, encoding: 'utf-8', first: `no row of the first ${tried.length} has the columns; row ${best.row} has`, noHeader: 'a sheet without a header row',
        });
        throw new RunError(`${where}: no header row found`); // not reached: planFromHeader throws for a rejected header
      }
      header = found.names;
      headerRow = found.row;
      titleRows = found.titleRows;
    }
    const plan = planFromHeader(spec, index, includePgb, header, {
      where, delimiter: 44, encoding: 'utf-8', first: `row ${headerRow} has`, noHeader: 'a sheet without a header row',
    });
    return {
      plan, dataStart: 0, size: sheet.size,
      workbook: {
        sheet: sheet.sheet, titleRows, headerRow, date1904: sheet.date1904, rows,
        position: sheet.position, close: sheet.close, lines: new RowMap(),
      },
    };
  } catch (e) {
    await sheet.close();
    throw asRunError(e);
  }
}

async function* prepend(first: SheetRow, rest: AsyncIterator<SheetRow>): AsyncGenerator<SheetRow, void, undefined> {
  yield first;
  for (;;) {
    const r = await rest.next();
    if (r.done) return;
    yield r.value;
  }
}

const needsQuotes = /[",\r\n]/;
const WORKBOOK_CHUNK_BYTES = 1 << 20;
const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * The data rows of a workbook source as CSV records (',' and UTF-8), in chunks of about
 * `chunkBytes`, each in an ArrayBuffer of its own (transferred to a worker, not copied). A row gets
 * as many fields as the header has columns; a row with values to the right of the header gets more,
 * which the parser rejects as the wrong number of fields. The sheet row of every line goes to
 * src.workbook.lines.
 */
export async function* workbookChunks(src: OpenedSource, chunkBytes: number): AsyncGenerator<{ buf: Buffer; length: number }, void, undefined> {
  // Smaller pieces than a CSV's: the text of a chunk waits as strings on the main thread until it
  // is sent, and at 4 MB V8 kept a 200,000-row sheet's run 30-40 MiB larger (README).
  chunkBytes = Math.min(chunkBytes, WORKBOOK_CHUNK_BYTES);
  const wb = src.workbook!;
  const { plan } = src;
  const width = plan.header.length;
  const date = dateWriter(plan.dateFormat);
  const dateColumns = new Set(DATE_FIELDS.map((f) => plan.columns[f]).filter((c): c is number => c !== undefined));
  const contexts: CellContext[] = Array.from({ length: width }, (_, i) => ({ date: dateColumns.has(i) ? date : null, date1904: wb.date1904 }));
  const plain: CellContext = { date: null, date1904: wb.date1904 };
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    const text = parts.join('');
    const length = Buffer.byteLength(text);
    const buf = Buffer.allocUnsafeSlow(length);
    buf.write(text, 0, 'utf8');
    parts = [];
    size = 0;
    return { buf, length };
  };
  try {
    for (;;) {
      const next = await wb.rows.next();
      if (next.done) break;
      const { row, cells } = next.value;
      let n = cells.length;
      while (n > width && isEmpty(cells[n - 1])) n--;
      const fields = Math.max(n, width);
      let rec = '';
      let lines = 1;
      for (let i = 0; i < fields; i++) {
        const t = i < n ? cellText(cells[i], i < width ? contexts[i] : plain) : '';
        if (i > 0) rec += ',';
        if (needsQuotes.test(t)) {
          rec += '"' + t.replaceAll('"', '""') + '"';
          for (let k = t.indexOf('\n'); k >= 0; k = t.indexOf('\n', k + 1)) lines++;
        } else {
          rec += t;
        }
      }
      parts.push(rec + '\n');
      size += rec.length + 1;
      wb.lines.push(row, lines);
      if (size >= chunkBytes) yield flush();
    }
  } catch (e) {
    throw asRunError(e);
  }
  if (parts.length > 0) yield flush();
}
