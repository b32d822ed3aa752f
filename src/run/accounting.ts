// Row accounting of the parse phase: per source read = accepted + rejected with reasons, every
// rejected row with file, line and column; and the accepted rows regrouped by client partition
// for the aggregate phase. Also the raw-BSN refusal, which needs every chunk's counts.
import { DATA_KINDS } from '../model/model.js';
import { rejectPlace, type RejectEntry, type SourceAccount } from '../model/manifest.js';
import type { ChunkDict } from '../model/rows.js';
import { RunError } from '../model/errors.js';
import { bsnVerdict, mergeSamples } from '../read/bsn.js';
import type { OpenedSource } from '../read/sources.js';
import { REASONS } from '../normalise/normalise.js';
import type { Parsed } from './read-sources.js';

export interface Accounting {
  accounts: SourceAccount[];
  rejects: RejectEntry[];
  /** Per client partition: its pieces (one per chunk that has rows for it)... */
  pieces: ArrayBuffer[][];
  /** ...and for each piece the index of its chunk's dictionary in `dicts`. */
  pieceDict: number[][];
  dicts: ChunkDict[];
}

export function account(sources: OpenedSource[], all: { parsed: Parsed[]; sha256: string[] }, partitions: number): Accounting {
  const accounts: SourceAccount[] = [];
  const rejects: RejectEntry[] = [];
  const pieces: ArrayBuffer[][] = Array.from({ length: partitions }, () => []);
  const pieceDict: number[][] = Array.from({ length: partitions }, () => []);
  const dicts: ChunkDict[] = [];
  for (const src of sources) {
    const mine = all.parsed.filter((p) => p.source === src.plan.index);
    const acc: SourceAccount = {
      file: src.plan.file, sha256: all.sha256[src.plan.index], bytes: src.size,
      kind: DATA_KINDS[src.plan.kind], read: 0, accepted: 0, rejected: 0, reasons: {},
    };
    const unreadable = [0, 0, 0, 0];
    let lineOffset = 1; // the header is line 1
    // A workbook's rows are named by their row in the sheet (its records have no header line).
    const wb = src.workbook;
    const place = wb ? (line: number) => wb.lines.get(line - 2) : (line: number) => line;
    if (wb) {
      acc.sheet = wb.sheet;
      acc.titleRows = wb.titleRows;
    }
    for (const { result: r } of mine) {
      acc.read += r.read;
      acc.accepted += r.accepted;
      for (let i = 0; i < r.rejectLine.length; i++) {
        const reason = REASONS[r.rejectReason[i]];
        const col = r.rejectColumn[i];
        rejects.push({
          file: src.plan.file, line: place(lineOffset + r.rejectLine[i]), column: col >= 0 ? src.plan.header[col] ?? '' : '', reason,
          ...(wb ? { sheet: wb.sheet } : {}),
        });
        acc.reasons[reason] = (acc.reasons[reason] ?? 0) + 1;
      }
      acc.rejected += r.rejectLine.length;
      r.unreadable.forEach((n, i) => (unreadable[i] += n));
      lineOffset += r.lines;
      const d = dicts.push(r.dict) - 1;
      r.partitions.forEach((ab, p) => {
        if (ab.byteLength === 0) return;
        pieces[p].push(ab);
        pieceDict[p].push(d);
      });
    }
    // Data quality of the optional columns the source has (SPEC 10, 11): unknown, never rejected.
    const fields = ['referrer', 'sex', 'reason', 'birthdate'] as const;
    const present = fields.map((f) => src.plan.columns[f] !== undefined);
    if (present.some(Boolean)) acc.unreadable = Object.fromEntries(fields.flatMap((f, i) => (present[i] ? [[f, unreadable[i]]] : [])));
    accounts.push(acc);
  }
  return { accounts, rejects, pieces, pieceDict, dicts };
}

/** Refuses the run (exit 2) when a source's client keys look like raw BSNs (SPEC 7). */
export function refuseRawBsns(sources: OpenedSource[], all: { parsed: Parsed[] }): void {
  for (const src of sources) {
    const { values, passing } = mergeSamples(all.parsed.filter((p) => p.source === src.plan.index).map((p) => p.result.clients));
    const v = bsnVerdict(values, passing, src.plan.header[src.plan.columns.client ?? -1] ?? '');
    if (v.refuse) throw new RunError(`${src.plan.file}: ${v.message}`, 2);
  }
}

/** One rejected row as the terminal and --strict print it. */
export function describe(r: RejectEntry): string {
  return `${rejectPlace(r)}${r.column ? ` column ${r.column}` : ''}: ${r.reason}`;
}
