// Opening a source: read its header, decide delimiter, encoding, columns and kind (SPEC 1, 9).
// Fails at once, with one line naming the file, when the file cannot be analysed at all.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { REQUIRED_FIELDS, resolveColumns, type Field } from '../ingest/columns.js';
import { detectDelimiter, fieldString, forEachRecord } from '../ingest/csv.js';
import type { SourcePlan } from '../ingest/normalise.js';
import type { SourceProfile } from '../ingest/profile.js';
import { RunError } from './errors.js';

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
  const nl = head.indexOf(10);
  const headerEnd = nl < 0 ? head.length : nl + 1;
  const encoding = profile?.encoding === 'windows-1252' ? 'windows-1252' : profile?.encoding ? 'utf-8' : 'auto';
  const headerText = head.toString('latin1', 0, headerEnd);
  const delimiter = profile?.delimiter ? profile.delimiter.charCodeAt(0) : detectDelimiter(headerText);
  let header: string[] = [];
  forEachRecord(head, 0, headerEnd, delimiter, (r) => {
    if (header.length === 0) header = Array.from({ length: r.count }, (_, i) => fieldString(head, r, i, encoding).trim());
  });
  if (header.length <= 1 && header.join('') === '') {
    throw new RunError(`${file}: no header line found (expected column names such as client_id, gemeente, productcode, begindatum, einddatum)`);
  }
  const resolved = resolveColumns(header, profile?.columns as Partial<Record<Field, string>> | undefined);
  if (!resolved.ok) {
    throw new RunError(`${file}: ${resolved.problems.join('; ')} (required: ${REQUIRED_FIELDS.join(', ')}; header has: ${header.join(', ')})`);
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
  };
  return { plan, dataStart: headerEnd, size };
}
