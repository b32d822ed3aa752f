// Parse phase: one chunk of one source's bytes -> accepted rows, handed to a RowSink (the
// partition stage packs them per client partition), and every other row rejected with a
// reason. Runs inside workers; pure apart from what it writes to the sink.
import { OPEN_END } from '../model/model.js';
import { type CodeMapper, type MappingRow } from '../mapping/codes.js';
import { ByteInterner } from './interner.js';
import { MAX_FIELD_BYTES, packExtra, type ChunkDict } from '../model/rows.js';
import { reasonCodeBytes, referrerIndex, sexIndexBytes } from '../read/codelists.js';
import { clientSampler, type ClientSample } from '../read/bsn.js';
import type { Field } from '../read/columns.js';
import type { SourcePlan } from '../read/sources.js';
import { pgbMatcher } from '../read/profile.js';
import { fieldString, forEachRecord, type RecordView } from '../read/csv.js';
import { sameBytes } from '../model/bytes.js';
import { compileDateFormat, parseDateBytes, type DateFormat } from '../read/dates.js';
import { parseTrimmedGemeenteBytes } from '../read/municipality.js';

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
  /** The chunk's distinct non-empty client values, hashed, for the raw-BSN check (read/bsn.ts). */
  clients: ClientSample;
  dict: ChunkDict;
  /** Of the accepted rows: the earliest and latest start, and the latest end that is not open (±Infinity: none). */
  minStart: number;
  maxStart: number;
  maxEnd: number;
  /** Accepted rows whose optional referrer, sex, reason for ending or birth date holds a value that is not readable. */
  unreadable: [number, number, number, number];
}

/**
 * Where accepted rows go, in line order: code, productcategorie and provider are ids into the
 * chunk's dictionary; client key and allocation number are bytes [s, e) of their buffers.
 */
export interface RowSink {
  write(line: number, start: number, end: number, gm: number, cat: number, mapStatus: number,
    code: number, pcat: number, provider: number,
    client: Uint8Array, clientS: number, clientE: number, alloc: Uint8Array, allocS: number, allocE: number,
    extra: number, birth: number): void;
}

const isBlank = (c: number) => c === 32 || c === 9;
/** The ASCII bytes String.prototype.trim removes: TAB, LF, VT, FF, CR and space. */
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * Parses one chunk. Text fields are handled as bytes: a plain ASCII field (the usual case) is
 * copied or interned as it stands; a quoted field with "" escapes or a non-ASCII field is
 * decoded once and re-encoded as UTF-8, so that the same value always has the same bytes.
 */
export class ChunkParser {
  private readonly fmt: DateFormat;
  private readonly col: Record<Field, number>;
  private readonly codeScratch = new Uint8Array(MAX_FIELD_BYTES);
  private readonly isPgb: (value: string) => boolean;

  constructor(private readonly plan: SourcePlan, private readonly mapper: CodeMapper) {
    this.fmt = compileDateFormat(plan.dateFormat);
    this.isPgb = pgbMatcher(plan.pgbValues);
    const c = plan.columns;
    this.col = {
      client: c.client ?? -1, gemeente: c.gemeente ?? -1, productcode: c.productcode ?? -1,
      productcategorie: c.productcategorie ?? -1, start: c.start ?? -1, end: c.end ?? -1,
      allocation: c.allocation ?? -1, provider: c.provider ?? -1, referrer: c.referrer ?? -1,
      birthdate: c.birthdate ?? -1, reason: c.reason ?? -1, sex: c.sex ?? -1, deliveryForm: c.deliveryForm ?? -1,
    };
  }

  /** Parses the records in buf[start, end) and writes every accepted row to `sink`. */
  parse(buf: Buffer, start: number, end: number, sink: RowSink): ChunkResult {
    const { plan, col, codeScratch } = this;
    const codes = new ByteInterner();
    const pcats = new ByteInterner();
    const providers = new ByteInterner();
    const referrers = new ByteInterner();
    const referrerOf: number[] = [];
    const optional = col.referrer >= 0 || col.sex >= 0 || col.reason >= 0 || col.birthdate >= 0;
    const codeRules: (MappingRow[] | null | undefined)[] = [];
    const clients = clientSampler();
    const res: ChunkResult = {
      lines: 0, read: 0, accepted: 0, rejectLine: [], rejectReason: [], rejectColumn: [],
      clients: clients.sample,
      minStart: Infinity, maxStart: -Infinity, maxEnd: -Infinity, unreadable: [0, 0, 0, 0],
      dict: { codes: codes.values, productcategorie: pcats.values, providers: providers.values },
    };
    const reject = (line: number, reason: number, column: number) => {
      res.rejectLine.push(line);
      res.rejectReason.push(reason);
      res.rejectColumn.push(column);
    };

    // Where the current field's trimmed text lies: in buf, or in a fresh buffer after decoding.
    let fs = 0;
    let fe = 0;
    let fbuf: Uint8Array = buf;
    // Two scratch buffers: the client key's bytes must outlive the fields read after it.
    const scratch = [new Uint8Array(256), new Uint8Array(256)];
    /** buf[s, e) with each "" as one ", trimmed as String.prototype.trim trims ASCII, into scratch[which]. */
    const unescapeAscii = (s: number, e: number, which: 0 | 1): void => {
      if (scratch[which].length < e - s) scratch[which] = new Uint8Array(e - s);
      const out = scratch[which];
      let n = 0;
      for (let k = s; k < e; k++) {
        out[n++] = buf[k];
        if (buf[k] === 34 && k + 1 < e && buf[k + 1] === 34) k++;
      }
      let a = 0;
      while (a < n && isAsciiSpace(out[a])) a++;
      while (n > a && isAsciiSpace(out[n - 1])) n--;
      fbuf = out;
      fs = a;
      fe = n;
    };
    /** Trims field i into fbuf[fs, fe) (empty when the column is absent). Escapes or non-ASCII: decoded. */
    const field = (r: RecordView, i: number): void => {
      fbuf = buf;
      if (i < 0) {
        fs = fe = 0;
        return;
      }
      let s = r.starts[i];
      let e = r.ends[i];
      while (s < e && isBlank(buf[s])) s++;
      while (e > s && isBlank(buf[e - 1])) e--;
      let ascii = true;
      if (!r.ascii) for (let k = r.starts[i]; ascii && k < r.ends[i]; k++) if (buf[k] >= 0x80) ascii = false;
      if (ascii && r.quoted[i] === 0) {
        fs = s;
        fe = e;
        return;
      }
      if (ascii) {
        // ASCII with "" escapes (`"Pleegzorg ""Thuis"""`): unescaped into a scratch buffer, the
        // same bytes as the decoded path below gives, without a string per field.
        unescapeAscii(r.starts[i], r.ends[i], i === col.client ? 0 : 1);
        return;
      }
      fbuf = Buffer.from(fieldString(buf, r, i, plan.encoding).trim(), 'utf8');
      fs = 0;
      fe = fbuf.length;
    };
    const date = (r: RecordView, i: number): number => {
      const s = r.starts[i];
      const e = r.ends[i];
      let k = s;
      while (k < e && isBlank(buf[k])) k++;
      return k === e ? OPEN_END : parseDateBytes(buf, s, e, this.fmt);
    };

    let lastBirthS = 0;
    let lastBirthE = -1; // no previous birth date yet
    let lastBirth = -1;
    res.lines = forEachRecord(buf, start, end, plan.delimiter, (r) => {
      res.read++;
      const line = r.line;
      if (r.malformed !== null) return reject(line, R['malformed quotes'], -1);
      if (r.count !== plan.header.length) return reject(line, R['wrong number of fields'], -1);

      field(r, col.client);
      if (fe === fs) return reject(line, R['missing client'], col.client);
      if (fe - fs > MAX_FIELD_BYTES) return reject(line, R['field too long'], col.client);
      const clientBuf = fbuf;
      const cs = fs;
      const ce = fe;
      clients.see(clientBuf, cs, ce);

      let gm = plan.fixedGemeente;
      if (gm < 0) {
        field(r, col.gemeente);
        if (fe === fs) return reject(line, R['missing municipality'], col.gemeente);
        gm = parseTrimmedGemeenteBytes(fbuf, fs, fe); // field() trimmed it
        if (gm < 0) return reject(line, R['unknown municipality code format'], col.gemeente);
      }

      field(r, col.productcode);
      if (fe === fs) return reject(line, R['missing product code'], col.productcode);
      if (fe - fs > MAX_FIELD_BYTES) return reject(line, R['field too long'], col.productcode);
      let codeLength = fe - fs;
      upperAscii(fbuf, fs, fe, codeScratch);
      if (codeLength < plan.productcodeLength && allDigits(codeScratch, codeLength)) {
        // A code that lost its leading zeros in a spreadsheet (profile productcodeLength).
        const zeros = plan.productcodeLength - codeLength;
        codeScratch.copyWithin(zeros, 0, codeLength);
        codeScratch.fill(48, 0, zeros);
        codeLength += zeros;
      }
      const code = codes.intern(codeScratch, 0, codeLength);

      const startDay = date(r, col.start);
      if (startDay === OPEN_END) return reject(line, R['missing start date'], col.start);
      if (startDay === -1) return reject(line, R['unparseable start date'], col.start);
      const endDay = col.end < 0 ? OPEN_END : date(r, col.end);
      if (endDay === -1) return reject(line, R['unparseable end date'], col.end);
      if (endDay < startDay) return reject(line, R['end before start'], col.end);

      if (col.deliveryForm >= 0 && !plan.includePgb && this.isPgb(fieldString(buf, r, col.deliveryForm, plan.encoding))) {
        return reject(line, R['PGB row (excluded by default)'], col.deliveryForm);
      }

      field(r, col.productcategorie);
      if (fe - fs > MAX_FIELD_BYTES) return reject(line, R['field too long'], col.productcategorie);
      const pcat = pcats.intern(fbuf, fs, fe);
      field(r, col.provider);
      if (fe - fs > MAX_FIELD_BYTES) return reject(line, R['field too long'], col.provider);
      const provider = providers.intern(fbuf, fs, fe);

      // Optional columns (SPEC 10, 11): unreadable values are unknown, never a reason to reject.
      let extra = 0;
      let birth = OPEN_END;
      let unreadable = 0; // bits: referrer, sex, reason, birth date given but not readable
      if (optional) {
        field(r, col.referrer);
        if (fe > fs) {
          if (fe - fs <= MAX_FIELD_BYTES) {
            const id = referrers.intern(fbuf, fs, fe);
            extra = referrerOf[id] ??= referrerIndex(referrers.values[id]);
          }
          if (extra === 0) unreadable |= 1;
        }
        field(r, col.sex);
        const sex = sexIndexBytes(fbuf, fs, fe);
        if (sex === 0 && fe > fs) unreadable |= 2;
        field(r, col.reason);
        const reason = reasonCodeBytes(fbuf, fs, fe);
        if (reason === 0 && fe > fs) unreadable |= 4;
        extra = packExtra(extra, sex, reason);
        if (col.birthdate >= 0) {
          // A client's rows usually follow each other and repeat the birth date: the same bytes
          // as the previous row's give the same day without parsing them again.
          const bs = r.starts[col.birthdate];
          const be = r.ends[col.birthdate];
          let d: number;
          if (be - bs === lastBirthE - lastBirthS && sameBytes(buf, bs, buf, lastBirthS, be - bs)) d = lastBirth;
          else {
            d = lastBirth = date(r, col.birthdate);
            lastBirthS = bs;
            lastBirthE = be;
          }
          if (d === -1) unreadable |= 8;
          else birth = d;
        }
      }
      field(r, col.allocation);
      if (fe - fs > MAX_FIELD_BYTES) return reject(line, R['field too long'], col.allocation);

      // Rules per code id, looked up once (null: the table has no row for the code). A code id
      // can be interned by a row rejected later on, so ids are not filled in order.
      let rules = codeRules[code];
      if (rules === undefined) rules = codeRules[code] = this.mapper.rulesFor(codes.values[code]) ?? null;
      const m = this.mapper.resolveWith(rules ?? undefined, gm, startDay, pcats.values[pcat]);
      sink.write(
        line, startDay, endDay, gm, m.cat, m.status, code, pcat, provider, clientBuf, cs, ce, fbuf, fs, fe, extra, birth);
      res.accepted++;
      if (unreadable !== 0) for (let b = 0; b < 4; b++) if (unreadable & (1 << b)) res.unreadable[b]++;
      if (startDay < res.minStart) res.minStart = startDay;
      if (startDay > res.maxStart) res.maxStart = startDay;
      if (endDay !== OPEN_END && endDay > res.maxEnd) res.maxEnd = endDay;
    });
    return res;
  }
}

function allDigits(b: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (b[i] < 48 || b[i] > 57) return false;
  return true;
}

/** The code upper-cased (ASCII letters) into `into`; codes compare case-insensitively. */
function upperAscii(b: Uint8Array, s: number, e: number, into: Uint8Array): Uint8Array {
  for (let i = s; i < e; i++) {
    const c = b[i];
    into[i - s] = c >= 97 && c <= 122 ? c - 32 : c;
  }
  return into;
}
