// Opening a source: read its header, decide delimiter, encoding, columns and kind (SPEC 1, 9).
// Fails at once, with one line naming the file, when the file cannot be analysed at all.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fieldOfHeader, REQUIRED_FIELDS, resolveColumns, type Field } from './columns.js';
import { parseGemeente } from './municipality.js';
import { detectDelimiter, fieldString, forEachRecord } from './csv.js';
import type { SourceProfile } from './profile.js';
import type { SheetRow } from './workbook.js';
import { RunError } from '../model/errors.js';

/** How to read one source, decided on the main thread from its header and profile. Plain data. */
export interface SourcePlan {
  index: number;
  /** As the user named it: used in messages and the manifest. */
  file: string;
  kind: 0 | 1;
  delimiter: number;
  encoding: 'auto' | 'utf-8' | 'windows-1252';
  dateFormat: string;
  columns: Partial<Record<Field, number>>;
  /** Header names, for messages ("column einddatum"). */
  header: string[];
  /** Lower-cased values of the delivery-form column that mark a PGB row. */
  pgbValues: string[];
  includePgb: boolean;
  /** The profile's municipality for every row (exports of one municipality), or -1. */
  fixedGemeente: number;
  /** All-digit product codes shorter than this get leading zeros back (profile productcodeLength); 0: off. */
  productcodeLength: number;
}

export interface SourceSpec {
  path: string;
  kind?: 'allocations' | 'claims';
  profile?: SourceProfile;
  /** The sheet to read when the file is a workbook (wins over the profile's sheet). */
  sheet?: string;
}

export interface OpenedSource {
  plan: SourcePlan;
  /** Byte offset where the data starts (after the header line). */
  dataStart: number;
  size: number;
  /** Set when the file is an Excel workbook (src/read/workbook-source.ts): its rows are streamed
   *  and turned into CSV records in the plan's dialect (',' and UTF-8). */
  workbook?: WorkbookInput;
}

/** A workbook source after its header row was found: the rest of its rows, still to be read. */
export interface WorkbookInput {
  sheet: string;
  /** Non-empty rows above the header row (titles), skipped. */
  titleRows: number;
  /** The header's row in the sheet (0 when the profile says header: false). */
  headerRow: number;
  date1904: boolean;
  /** The data rows, from the first one after the header. */
  rows: AsyncIterator<SheetRow>;
  /** Bytes of the file read so far (for progress). */
  position: () => number;
  close: () => Promise<void>;
  /** The sheet row of each line of the CSV records made from the rows, the first data line at
   *  index 0; filled while they are read (read-sources.ts), used by the row accounting. */
  lines: RowMap;
}

/** Sheet row numbers by line, in a growing Int32Array. */
export class RowMap {
  private rows = new Int32Array(1024);
  length = 0;
  /** Adds `row` for the next `count` lines (a record with line breaks in a field spans several). */
  push(row: number, count = 1): void {
    if (this.length + count > this.rows.length) {
      const next = new Int32Array(Math.max(this.rows.length * 2, this.length + count));
      next.set(this.rows.subarray(0, this.length));
      this.rows = next;
    }
    this.rows.fill(row, this.length, this.length + count);
    this.length += count;
  }
  /** The row of line index i (0 = the first data line), or -1. */
  get(i: number): number {
    return i >= 0 && i < this.length ? this.rows[i] : -1;
  }
}

const HEAD_BYTES = 1 << 20;

export function openSource(spec: SourceSpec, index: number, includePgb: boolean): OpenedSource {
  const file = spec.path;
  let size: number;
  let head: Buffer;
  try {
    size = statSync(file).size;
    const fd = openSync(file, 'r');
    head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
  } catch (e) {
    throw new RunError(`${file}: cannot read input (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  if (size === 0) throw new RunError(`${file}: the file is empty (expected a CSV with a header line)`);
  const sample = head.subarray(0, 4096);
  if (sample.includes(0)) throw new RunError(`${file}: this is not a CSV text file (it contains binary bytes)`);

  const profile = spec.profile;
  const hasHeader = profile?.header !== false;
  const nl = head.indexOf(10);
  const firstEnd = nl < 0 ? head.length : nl + 1;
  const encoding = profile?.encoding === 'windows-1252' ? 'windows-1252' : profile?.encoding ? 'utf-8' : 'auto';
  const delimiter = profile?.delimiter ? profile.delimiter.charCodeAt(0) : detectDelimiter(head, 0, firstEnd);
  let first: string[] = [];
  forEachRecord(head, 0, firstEnd, delimiter, (r) => {
    if (first.length === 0) first = Array.from({ length: r.count }, (_, i) => fieldString(head, r, i, encoding).trim());
  });
  // Without a header line, columns are named by number in the profile; the data starts at byte 0.
  const header = hasHeader ? first : first.map(() => '');
  if (hasHeader && header.join('') === '') {
    throw new RunError(`${file}: no header line found (expected column names such as client_id, gemeente, productcode, begindatum, einddatum)`);
  }
  const plan = planFromHeader(spec, index, includePgb, header, { where: file, delimiter, encoding, first: 'the first line has', noHeader: 'a file without a header line' });
  return { plan, dataStart: hasHeader ? firstEnd : 0, size };
}

/** How the header was found, for the plan and its messages. */
export interface HeaderContext {
  /** The file (and sheet) as messages name it. */
  where: string;
  delimiter: number;
  encoding: SourcePlan['encoding'];
  /** 'the first line has' */
  first: string;
  /** 'a file without a header line' */
  noHeader: string;
}

/** The plan of a source from its header names (empty names when the profile says header: false),
 *  or a RunError that names the columns found, never a value from a data row. */
export function planFromHeader(spec: SourceSpec, index: number, includePgb: boolean, header: string[], how: HeaderContext): SourcePlan {
  const profile = spec.profile;
  let fixedGemeente = -1;
  if (profile?.gemeente !== undefined) {
    fixedGemeente = parseGemeente(String(profile.gemeente));
    if (fixedGemeente < 0) throw new RunError(`${how.where}: profile gemeente '${profile.gemeente}' is not a municipality code`);
  }
  const resolved = resolveColumns(header, profile?.columns, { constant: fixedGemeente >= 0 ? ['gemeente'] : [] });
  if (!resolved.ok) {
    // The first line may be data (a file without a header): only column names traject knows, or
    // that the profile names, are ever repeated; any other cell is named by its position.
    const named = new Set(Object.values(profile?.columns ?? {}).filter((c): c is string => typeof c === 'string').map((c) => c.trim()));
    const safe = (h: string) => h === '' || fieldOfHeader(h) !== null || named.has(h.trim());
    let problems = resolved.problems.join('; ');
    header.forEach((h, i) => {
      if (!safe(h)) problems = problems.split(`'${h.trim()}'`).join(`column ${i + 1}`);
    });
    const known = header.map((h, i) => (safe(h) ? h : `column ${i + 1}`)).join(', ');
    throw new RunError(`${how.where}: ${problems} (required: ${REQUIRED_FIELDS.join(', ')}; ${how.first}: ${known}; ${how.noHeader} needs a profile with "header": false)`);
  }
  const kind = spec.kind ?? profile?.kind ?? 'allocations';
  const plan: SourcePlan = {
    index,
    file: spec.path,
    kind: kind === 'claims' ? 1 : 0,
    delimiter: how.delimiter,
    encoding: how.encoding,
    dateFormat: profile?.dateFormat ?? 'auto',
    columns: resolved.columns,
    header,
    pgbValues: (profile?.pgbValues ?? ['pgb']).map((v) => v.toLowerCase()),
    includePgb,
    fixedGemeente,
    productcodeLength: profile?.productcodeLength ?? 0,
  };
  return plan;
}

/** SHA-256 of a file, read in 4 MB pieces. */
export function fileSha256(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}
