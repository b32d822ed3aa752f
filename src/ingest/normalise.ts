// Parse phase: one chunk of one source's bytes -> accepted rows, encoded per client partition,
// and every other row rejected with a reason. Runs inside workers; pure apart from its output.
import { OPEN_END } from '../model.js';
import { CodeMapper, normaliseCode } from '../mapping/codes.js';
import { MAX_FIELD_BYTES, PartitionWriter } from '../engine/rowcodec.js';
import { BsnSniffer } from './bsn.js';
import type { Field } from './columns.js';
import { fieldString, forEachRecord, type RecordView } from './csv.js';
import { compileDateFormat, parseDateBytes, type DateFormat } from './dates.js';
import { parseGemeente } from './municipality.js';

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

/** Why a row was rejected. The order is the order of the rejects summary. */
export const REASONS = [
  'wrong number of fields',
  'malformed quotes',
  'missing client',
  'missing municipality',
  'unknown municipality code format',
  'missing product code',
  'missing start date',
  'unparseable start date',
  'unparseable end date',
  'end before start',
  'field too long',
  'PGB row (excluded by default)',
] as const;
export type Reason = (typeof REASONS)[number];
const R = Object.fromEntries(REASONS.map((r, i) => [r, i])) as Record<Reason, number>;

export interface ChunkResult {
  /** Physical lines in the chunk (to number the next chunk's lines). */
  lines: number;
  read: number;
  accepted: number;
  /** Parallel arrays: line within the chunk (1-based), reason index, column index (-1: the whole row). */
  rejectLine: number[];
  rejectReason: number[];
  rejectColumn: number[];
  /** Client values that look like a BSN: 9 digits passing the elfproef. */
  clientsSeen: number;
  clientsBsnLike: number;
  partitions: ArrayBuffer[];
}

/** FNV-1a over UTF-16 units: the same key lands in the same partition whatever file it came from. */
export function partitionOf(key: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

const isBlank = (c: number) => c === 32 || c === 9;

export class ChunkParser {
  private readonly fmt: DateFormat;
  private readonly col: Record<Field, number>;

  constructor(private readonly plan: SourcePlan, private readonly mapper: CodeMapper, private readonly partitions: number) {
    this.fmt = compileDateFormat(plan.dateFormat);
    const c = plan.columns;
    this.col = {
      client: c.client ?? -1, gemeente: c.gemeente ?? -1, productcode: c.productcode ?? -1,
      productcategorie: c.productcategorie ?? -1, start: c.start ?? -1, end: c.end ?? -1,
      allocation: c.allocation ?? -1, provider: c.provider ?? -1, referrer: c.referrer ?? -1,
      birthdate: c.birthdate ?? -1, reason: c.reason ?? -1, deliveryForm: c.deliveryForm ?? -1,
    };
  }

  parse(buf: Uint8Array, start: number, end: number, chunk: number): ChunkResult {
    const { plan, col } = this;
    const writers = Array.from({ length: this.partitions }, () => new PartitionWriter(16 * 1024));
    const res: ChunkResult = {
      lines: 0, read: 0, accepted: 0, rejectLine: [], rejectReason: [], rejectColumn: [],
      clientsSeen: 0, clientsBsnLike: 0, partitions: [],
    };
    const sniffer = new BsnSniffer();
    const reject = (line: number, reason: number, column: number) => {
      res.rejectLine.push(line);
      res.rejectReason.push(reason);
      res.rejectColumn.push(column);
    };
    const text = (r: RecordView, i: number): string => (i < 0 ? '' : fieldString(buf, r, i, plan.encoding).trim());
    const tooLong = (s: string) => s.length > MAX_FIELD_BYTES / 3 && Buffer.byteLength(s) > MAX_FIELD_BYTES;
    const date = (r: RecordView, i: number): number => {
      let s = r.starts[i];
      let e = r.ends[i];
      while (s < e && isBlank(buf[s])) s++;
      while (e > s && isBlank(buf[e - 1])) e--;
      return s === e ? OPEN_END : parseDateBytes(buf, s, e, this.fmt);
    };

    res.lines = forEachRecord(buf, start, end, plan.delimiter, (r) => {
      res.read++;
      const line = r.line;
      if (r.malformed !== null) return reject(line, R['malformed quotes'], -1);
      if (r.count !== plan.header.length) return reject(line, R['wrong number of fields'], -1);

      const client = text(r, col.client);
      if (client === '') return reject(line, R['missing client'], col.client);
      sniffer.see(client);

      let gm = plan.fixedGemeente;
      if (gm < 0) {
        const gmText = text(r, col.gemeente);
        if (gmText === '') return reject(line, R['missing municipality'], col.gemeente);
        gm = parseGemeente(gmText);
        if (gm < 0) return reject(line, R['unknown municipality code format'], col.gemeente);
      }

      const code = normaliseCode(text(r, col.productcode));
      if (code === '') return reject(line, R['missing product code'], col.productcode);

      const startDay = date(r, col.start);
      if (startDay === OPEN_END) return reject(line, R['missing start date'], col.start);
      if (startDay === -1) return reject(line, R['unparseable start date'], col.start);
      const endDay = col.end < 0 ? OPEN_END : date(r, col.end);
      if (endDay === -1) return reject(line, R['unparseable end date'], col.end);
      if (endDay < startDay) return reject(line, R['end before start'], col.end);

      if (col.deliveryForm >= 0 && !plan.includePgb && plan.pgbValues.includes(text(r, col.deliveryForm).toLowerCase())) {
        return reject(line, R['PGB row (excluded by default)'], col.deliveryForm);
      }

      const pcat = text(r, col.productcategorie);
      const provider = text(r, col.provider);
      const allocation = text(r, col.allocation);
      if (tooLong(client)) return reject(line, R['field too long'], col.client);
      if (tooLong(code)) return reject(line, R['field too long'], col.productcode);
      if (tooLong(pcat)) return reject(line, R['field too long'], col.productcategorie);
      if (tooLong(provider)) return reject(line, R['field too long'], col.provider);
      if (tooLong(allocation)) return reject(line, R['field too long'], col.allocation);

      const m = this.mapper.resolve(code, gm, startDay, pcat);
      writers[partitionOf(client, this.partitions)].write(
        plan.kind, plan.index, chunk, line, startDay, endDay, gm, m.cat, m.status, client, code, pcat, provider, allocation);
      res.accepted++;
    });
    res.clientsSeen = sniffer.seen;
    res.clientsBsnLike = sniffer.passing;
    res.partitions = writers.map((w) => w.finish());
    return res;
  }
}
