// `traject pseudonymise`: replace the client column of a CSV by a keyed hash before analysis
// (SPEC section 7). HMAC-SHA256 with a secret key, so the same key gives the same pseudonym in every
// file (one purchasing organisation can link its municipalities) while nobody without the key can
// recompute a pseudonym from a BSN. Nothing here prints a client value.
import { createHmac, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { format, parse, writeToString } from 'fast-csv';
import { passesElfproef } from '../read/bsn.js';
import { fieldOfHeader, HEADER_SYNONYMS, normaliseHeader } from '../read/columns.js';
import type { Encoding } from '../read/profile.js';

export interface PseudonymiseOptions {
  input: string;
  output: string;
  /** Header name of the client column; default: found like the default profile finds `client`. */
  column?: string;
  /** File holding the secret key: 64 hex characters (32 bytes). */
  keyFile: string;
  /** Create the key file (32 random bytes, hex, mode 0600) when it does not exist. */
  createKey?: boolean;
  /** Field delimiter; default: the most frequent of ';' ',' tab '|' in the header line. */
  delimiter?: string;
  /** Default: UTF-8 (a byte-order mark is kept), or Windows-1252 when the start is not valid UTF-8. */
  encoding?: Encoding;
  /** Restore leading zeros of all-digit values shorter than 9 digits before hashing (BSNs from spreadsheets). */
  padBsn?: boolean;
  /** Replace an existing output file (never the input). */
  force?: boolean;
}

export interface PseudonymiseResult {
  /** Data rows read (the header not counted). */
  rows: number;
  /** Values replaced by a pseudonym. */
  pseudonymised: number;
  /** Rows whose client value was empty (left empty). */
  empty: number;
  /** Rows too short to have the client column (left as they are). */
  short: number;
  /** Of the pseudonymised values, those that were 9 digits passing the elfproef (a check on the column choice). */
  bsnLike: number;
  /** Header name and 0-based index of the client column. */
  column: string;
  columnIndex: number;
  delimiter: string;
  encoding: Encoding;
  keyCreated: boolean;
  /** Things the user should know, e.g. a key file readable by others. No values. */
  warnings: string[];
}

const PSEUDONYM_HEX = 32;
const PEEK_BYTES = 256 * 1024;

/** The pseudonym of one value: the first 32 hex characters of HMAC-SHA256(key, value as UTF-8). */
export function pseudonym(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex').slice(0, PSEUDONYM_HEX);
}

/** Reads the key file, creating it first when asked and absent. */
export function readOrCreateKey(keyFile: string, createKey: boolean): { key: Buffer; created: boolean; warnings: string[] } {
  let created = false;
  const warnings: string[] = [];
  if (!fs.existsSync(keyFile)) {
    if (!createKey) throw new Error(`key file ${keyFile} does not exist; pass --create-key to create a new key (keep it secret and reuse it for every file to link)`);
    try {
      fs.writeFileSync(keyFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      fs.chmodSync(keyFile, 0o600); // the umask may have narrowed or the mode; make it exact
      created = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create key file ${keyFile}: ${(e as Error).message}`);
    }
  }
  const text = fs.readFileSync(keyFile, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(text)) {
    throw new Error(`key file ${keyFile}: expected 64 hexadecimal characters (a 32-byte key), as written by --create-key`);
  }
  if (process.platform !== 'win32') {
    const mode = fs.statSync(keyFile).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      warnings.push(`key file ${keyFile} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}); run chmod 600 on it`);
    }
  }
  return { key: Buffer.from(text, 'hex'), created, warnings };
}

// ---------------------------------------------------------------------------------------------
// Looking at the start of the file: encoding, delimiter, line ending, quoting style.

interface Peek {
  encoding: Encoding;
  delimiter: string;
  rowDelimiter: string;
  headerQuoted: boolean[];
  dataQuoted: boolean[];
}

/** Splits the first records of `text`, noting per field whether it was quoted. */
function scanRecords(text: string, delimiter: string, max: number): { quoted: boolean[][]; rowDelimiter: string } {
  const records: boolean[][] = [];
  let rowDelimiter = '';
  let fields: boolean[] = [];
  let i = 0;
  let atFieldStart = true;
  let quoted = false;
  let inQuotes = false;
  while (i < text.length && records.length < max) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      i++;
      continue;
    }
    if (atFieldStart && c === '"') {
      quoted = true;
      inQuotes = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === delimiter) {
      fields.push(quoted);
      quoted = false;
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      const nl = c === '\r' && text[i + 1] === '\n' ? '\r\n' : c;
      if (rowDelimiter === '') rowDelimiter = nl;
      fields.push(quoted);
      records.push(fields);
      fields = [];
      quoted = false;
      atFieldStart = true;
      i += nl.length;
      continue;
    }
    atFieldStart = false;
    i++;
  }
  return { quoted: records, rowDelimiter: rowDelimiter || '\n' };
}

function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestN = 0;
  for (const d of [';', ',', '\t', '|']) {
    let n = 0;
    let inQ = false;
    for (const c of firstLine) {
      if (c === '"') inQ = !inQ;
      else if (c === d && !inQ) n++;
    }
    if (n > bestN) {
      best = d;
      bestN = n;
    }
  }
  return best;
}

function peek(file: string, opts: PseudonymiseOptions): Peek {
  const fd = fs.openSync(file, 'r');
  let buf: Buffer;
  try {
    const b = Buffer.alloc(PEEK_BYTES);
    const n = fs.readSync(fd, b, 0, PEEK_BYTES, 0);
    buf = b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
  const hasBom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  let encoding: Encoding;
  if (opts.encoding) encoding = opts.encoding;
  else if (hasBom) encoding = 'utf-8-bom';
  else {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf, { stream: true });
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1252';
    }
  }
  const text = (encoding === 'windows-1252' ? decodeWindows1252(buf) : new TextDecoder('utf-8').decode(buf, { stream: true })).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const delimiter = opts.delimiter ?? detectDelimiter(firstLine);
  // Whole records only: drop the last (possibly cut) one unless the peek holds the whole file.
  const { quoted, rowDelimiter } = scanRecords(text, delimiter, 51);
  const data = quoted.slice(1, 51);
  const width = Math.max(0, ...data.map((r) => r.length));
  // A column is written quoted when every sampled data row quoted it: keeps "all quoted" and
  // "never quoted" exports as they were; fields that need quotes get them anyway.
  const dataQuoted = Array.from({ length: width }, (_, j) => {
    const has = data.filter((r) => j < r.length);
    return has.length > 0 && has.every((r) => r[j]);
  });
  return { encoding, delimiter, rowDelimiter, headerQuoted: quoted[0] ?? [], dataQuoted };
}

// ---------------------------------------------------------------------------------------------
// Streams

// Windows-1252 differs from Latin-1 only in 0x80..0x9F. Node 20.18.3+ decodes TextDecoder('windows-1252')
// as Latin-1 (nodejs/node#60888), so traject maps these bytes itself; the five bytes Windows-1252 leaves
// undefined map to their C1 controls, as the WHATWG Encoding Standard does. Byte-wise, so lossless both ways.
const CP1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];
const CP1252_DECODE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_C1[b - 0x80]! : b),
);
const CP1252_ENCODE: ReadonlyMap<number, number> = new Map(CP1252_DECODE.map((c, b) => [c.charCodeAt(0), b]));

/** Bytes as Windows-1252 text. */
export function decodeWindows1252(buf: Uint8Array): string {
  let out = '';
  for (let i = 0; i < buf.length; i++) out += CP1252_DECODE[buf[i]!];
  return out;
}

/** Windows-1252 text as bytes; throws on a character Windows-1252 cannot hold. */
export function encodeWindows1252(s: string): Buffer {
  const out = Buffer.alloc(s.length);
  for (let i = 0; i < s.length; i++) {
    const b = CP1252_ENCODE.get(s.charCodeAt(i));
    if (b === undefined) throw new Error('a character cannot be written in Windows-1252');
    out[i] = b;
  }
  return out;
}

/** Bytes -> text in the file's encoding; fails on invalid UTF-8 instead of corrupting it. */
function decoder(encoding: Encoding): Transform {
  const td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let first = true;
  let offset = 0;
  const decode = (chunk: Buffer, stream: boolean): string => {
    if (encoding === 'windows-1252') return decodeWindows1252(chunk);
    try {
      return td.decode(chunk, { stream });
    } catch {
      throw new Error(`the input is not valid UTF-8 (somewhere after byte ${offset}); pass --encoding windows-1252 if it is a Windows export`);
    }
  };
  return new Transform({
    decodeStrings: true,
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        let s = decode(chunk, true);
        offset += chunk.length;
        if (first && s.length > 0) {
          s = s.replace(/^\uFEFF/, '');
          first = false;
        }
        cb(null, s);
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        cb(null, decode(Buffer.alloc(0), false));
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Text -> bytes in the file's encoding. */
function encoder(encoding: Encoding, bom: boolean): Transform {
  const sd = new StringDecoder('utf8');
  let first = true;
  const encode = (s: string): Buffer => (encoding === 'windows-1252' ? encodeWindows1252(s) : Buffer.from(s, 'utf8'));
  const bomBytes = (): Buffer => {
    const b = first && bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
    first = false;
    return b;
  };
  return new Transform({
    transform(chunk: Buffer | string, _enc, cb: TransformCallback) {
      try {
        const s = typeof chunk === 'string' ? chunk : sd.write(chunk);
        cb(null, Buffer.concat([bomBytes(), encode(s)]));
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        cb(null, Buffer.concat([bomBytes(), encode(sd.end())]));
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      // Not there yet: resolve its folder (which may be a symlink) and keep the name.
      try {
        return path.join(fs.realpathSync(path.dirname(path.resolve(p))), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  return real(a) === real(b);
}

/**
 * Writes a copy of `input` to `output` with the client column replaced by its pseudonym. Everything
 * else is kept as far as fast-csv allows: delimiter, line ending, final newline, byte-order mark,
 * encoding, and per column whether fields were quoted (judged from the first 50 rows). Written to a
 * temporary file and renamed, so a failed run leaves no half output. Returns counts only.
 */
export async function pseudonymiseFile(opts: PseudonymiseOptions): Promise<PseudonymiseResult> {
  const { input, output, keyFile } = opts;
  if (!fs.existsSync(input)) throw new Error(`input ${input} does not exist`);
  if (samePath(input, output)) throw new Error(`the output ${output} is the input; traject never overwrites its input, choose another output file`);
  if (samePath(keyFile, input) || samePath(keyFile, output)) throw new Error('the key file must be a file of its own, not the input or output');
  if (fs.existsSync(output) && !opts.force) throw new Error(`output ${output} already exists; pass --force to replace it`);

  const { key, created, warnings } = readOrCreateKey(keyFile, opts.createKey ?? false);
  const pk = peek(input, opts);
  const size = fs.statSync(input).size;
  let endsWithNewline = false;
  if (size > 0) {
    const fd = fs.openSync(input, 'r');
    const last = Buffer.alloc(1);
    fs.readSync(fd, last, 0, 1, size - 1);
    fs.closeSync(fd);
    endsWithNewline = last[0] === 0x0a || last[0] === 0x0d;
  }

  const res: PseudonymiseResult = {
    rows: 0,
    pseudonymised: 0,
    empty: 0,
    short: 0,
    bsnLike: 0,
    column: '',
    columnIndex: -1,
    delimiter: pk.delimiter,
    encoding: pk.encoding,
    keyCreated: created,
    warnings,
  };

  let header: string[] | null = null;
  let headerText = '';
  let wroteHeader = false;
  const rowDelimiter = pk.rowDelimiter;

  // Row stage: the first row is the header (it picks the column and is formatted on its own, with its
  // own quoting); data rows get the pseudonym and go on to the formatter.
  const rowStage = new Transform({
    objectMode: true,
    transform(row: string[], _enc, cb: TransformCallback) {
      if (header === null) {
        let idx: number;
        try {
          idx = pickColumn(row, opts.column);
        } catch (e) {
          return cb(e as Error);
        }
        header = row;
        res.columnIndex = idx;
        res.column = row[idx]!.trim();
        writeToString([row], { delimiter: pk.delimiter, quoteColumns: pk.headerQuoted, rowDelimiter }).then(
          (text) => {
            headerText = text;
            cb();
          },
          (e: unknown) => cb(e as Error),
        );
        return;
      }
      res.rows++;
      const j = res.columnIndex;
      if (j >= row.length) {
        res.short++;
      } else {
        let v = row[j]!.trim();
        if (v === '') {
          res.empty++;
        } else {
          if (opts.padBsn && /^\d{1,8}$/.test(v)) v = v.padStart(9, '0');
          if (v.length === 9 && passesElfproef(v)) res.bsnLike++;
          row[j] = pseudonym(key, v);
          res.pseudonymised++;
        }
      }
      cb(null, row);
    },
  });

  // Assembly stage: header text, then the formatted data rows, then the final newline if the input had one.
  const formatted = new StringDecoder('utf8');
  const assemble = new Transform({
    transform(chunk: Buffer | string, _enc, cb: TransformCallback) {
      const s = typeof chunk === 'string' ? chunk : formatted.write(chunk);
      if (!wroteHeader) {
        wroteHeader = true;
        cb(null, headerText + rowDelimiter + s);
      } else cb(null, s);
    },
    flush(cb: TransformCallback) {
      let s = formatted.end();
      if (!wroteHeader) s += headerText;
      if (endsWithNewline && header !== null) s += rowDelimiter;
      cb(null, s);
    },
  });

  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await pipeline(
      fs.createReadStream(input),
      decoder(pk.encoding),
      parse({ delimiter: pk.delimiter, quote: '"', escape: '"', headers: false, ignoreEmpty: false, trim: false }),
      rowStage,
      format<string[], string[]>({ delimiter: pk.delimiter, rowDelimiter, quoteColumns: pk.dataQuoted, includeEndRowDelimiter: false }),
      assemble,
      encoder(pk.encoding, pk.encoding === 'utf-8-bom'),
      fs.createWriteStream(tmp, { flags: 'wx' }),
    );
    if (header === null) throw new Error(`input ${input} is empty: expected a header line`);
    fs.renameSync(tmp, output);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  return res;
}

/** The client column: the named one, or the one the default profile would read as `client`. */
function pickColumn(header: readonly string[], column: string | undefined): number {
  if (column !== undefined) {
    const exact = header.findIndex((h) => h.replace(/^\uFEFF/, '').trim() === column.trim());
    if (exact >= 0) return exact;
    const hits = header.flatMap((h, i) => (normaliseHeader(h) === normaliseHeader(column) ? [i] : []));
    if (hits.length === 1) return hits[0]!;
    if (hits.length > 1) throw new Error(`--column '${column}' matches ${hits.length} columns; give the exact header name`);
    throw new Error(`no column named '${column}' (the header has ${header.map((h) => `'${h.trim()}'`).join(', ')})`);
  }
  const hits = header.flatMap((h, i) => (fieldOfHeader(h) === 'client' ? [i] : []));
  if (hits.length === 1) return hits[0]!;
  if (hits.length > 1) {
    throw new Error(`more than one column looks like the client column (${hits.map((i) => `'${header[i]!.trim()}'`).join(', ')}); name it with --column`);
  }
  throw new Error(`no client column found (expected a header named one of ${HEADER_SYNONYMS.client.flat().join(', ')}); name it with --column`);
}
