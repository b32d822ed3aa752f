// Opening a source: read its header, decide delimiter, encoding, columns and kind (SPEC 1, 9).
// Fails at once, with one line naming the file, when the file cannot be analysed at all.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fieldOfHeader, REQUIRED_FIELDS, resolveColumns, type Field } from './columns.js';
import { parseGemeente } from './municipality.js';
import { detectDelimiter, fieldString, forEachRecord } from './csv.js';
import type { SourceProfile } from './profile.js';
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
}

export interface SourceSpec {
  path: string;
  kind?: 'allocations' | 'claims';
  profile?: SourceProfile;
}

export interface OpenedSource {
  plan: SourcePlan;
  /** Byte offset where the data starts (after the header line). */
  dataStart: number;
  size: number;
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
  let fixedGemeente = -1;
  if (profile?.gemeente !== undefined) {
    fixedGemeente = parseGemeente(String(profile.gemeente));
    if (fixedGemeente < 0) throw new RunError(`${file}: profile gemeente '${profile.gemeente}' is not a municipality code`);
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
    throw new RunError(`${file}: ${problems} (required: ${REQUIRED_FIELDS.join(', ')}; the first line has: ${known}; a file without a header line needs a profile with "header": false)`);
  }
  const kind = spec.kind ?? profile?.kind ?? 'allocations';
  const plan: SourcePlan = {
    index,
    file,
    kind: kind === 'claims' ? 1 : 0,
    delimiter,
    encoding,
    dateFormat: profile?.dateFormat ?? 'auto',
    columns: resolved.columns,
    header,
    pgbValues: (profile?.pgbValues ?? ['pgb']).map((v) => v.toLowerCase()),
    includePgb,
    fixedGemeente,
  };
  return { plan, dataStart: hasHeader ? firstEnd : 0, size };
}
