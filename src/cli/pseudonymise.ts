// `traject pseudonymise`: replace the client column of a CSV by a keyed hash before analysis
// (SPEC section 7). HMAC-SHA256 with a secret key, so the same key gives the same pseudonym in every
// file (one purchasing organisation can link its municipalities) while nobody without the key can
// recompute a pseudonym from a BSN. Nothing here prints a client value.
//
// The file is split by the same CSV reader as `traject analyse` (read/csv.ts: delimiter detection,
// quoting, line ends, encodings), so the column pseudonymised here is the column analyse reads as the
// client. Every byte outside the client values is copied as it is.
import { createHmac, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isUtf8 } from 'node:buffer';
import { passesElfproef } from '../read/bsn.js';
import { fieldOfHeader, HEADER_SYNONYMS, normaliseHeader } from '../read/columns.js';
import { delimiterProblem, detectDelimiter, fieldString, forEachRecord, lastRecordBoundary } from '../read/csv.js';
import type { Encoding } from '../read/profile.js';
import { sniffFile } from '../read/sniff.js';

export interface PseudonymiseOptions {
  input: string;
  output: string;
  /** Header name of the client column; default: found like the default profile finds `client`. */
  column?: string;
  /** File holding the secret key: 64 hex characters (32 bytes). */
  keyFile: string;
  /** Create the key file (32 random bytes, hex, mode 0600) when it does not exist. */
  createKey?: boolean;
  /** Field delimiter; default: detected from the header line as analyse does (read/csv.ts detectDelimiter). */
  delimiter?: string;
  /** How the header and the client values are decoded; default: per field, UTF-8 when valid, else
   *  Windows-1252 (as analyse reads a file without a profile). Other fields are copied as bytes. */
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
  /** The encoding given, or 'auto'. */
  encoding: Encoding | 'auto';
  keyCreated: boolean;
  /** Things the user should know, e.g. a key file readable by others. No values. */
  warnings: string[];
}

const PSEUDONYM_HEX = 32;
const CHUNK_BYTES = 1 << 20;
/** A record longer than this has an unterminated quote, or is not CSV. */
const MAX_RECORD_BYTES = 64 << 20;

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
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create key file ${keyFile}: ${(e as Error).message}`, { cause: e });
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
 * Writes a copy of `input` to `output` with the client column replaced by its pseudonym. Every other
 * byte is kept: delimiter, quotes, line endings, final newline, byte-order mark, encoding, blank lines,
 * short rows. A quoted client value stays quoted. Written to a temporary file and renamed, so a failed
 * run leaves no half output. A record with broken quotes fails the run (its client value cannot be
 * found with certainty). Returns counts only.
 */
export async function pseudonymiseFile(opts: PseudonymiseOptions): Promise<PseudonymiseResult> {
  const { input, output, keyFile } = opts;
  if (!fs.existsSync(input)) throw new Error(`input ${input} does not exist`);
  if (samePath(input, output)) throw new Error(`the output ${output} is the input; traject never overwrites its input, choose another output file`);
  if (samePath(keyFile, input) || samePath(keyFile, output)) throw new Error('the key file must be a file of its own, not the input or output');
  if (fs.existsSync(output) && !opts.force) throw new Error(`output ${output} already exists; pass --force to replace it`);
  // It copies a CSV byte for byte but for the client values; a workbook cannot be copied so.
  if (sniffFile(input) === 'xlsx') {
    throw new Error(`${input} is an Excel workbook; traject pseudonymise works on CSV files: save the sheet as CSV (UTF-8) in Excel, pseudonymise that, and delete the raw workbook`);
  }
  if (opts.delimiter !== undefined) {
    const problem = delimiterProblem(opts.delimiter);
    if (problem !== null) throw new Error(`--delimiter: ${problem}`);
  }

  const { key, created, warnings } = readOrCreateKey(keyFile, opts.createKey ?? false);
  const decodeAs = opts.encoding === undefined ? 'auto' : opts.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8';
  const res: PseudonymiseResult = {
    rows: 0,
    pseudonymised: 0,
    empty: 0,
    short: 0,
    bsnLike: 0,
    column: '',
    columnIndex: -1,
    delimiter: '',
    encoding: opts.encoding ?? 'auto',
    keyCreated: created,
    warnings,
  };

  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(input, 'r');
  let out = -1;
  try {
    out = fs.openSync(tmp, 'wx');
    let delimiter = -1;
    let header: string[] | null = null;
    let carry = Buffer.alloc(0);
    let pos = 0;
    let lineBase = 0; // physical lines before the current chunk
    let first = true;
    for (;;) {
      // A chunk after the first starts at offset 1 (a LF in front), so that forEachRecord skips a
      // byte-order mark only at the start of the file, never at the start of a later chunk.
      const pad = first ? 0 : 1;
      const buf = Buffer.allocUnsafe(pad + carry.length + CHUNK_BYTES);
      if (pad === 1) buf[0] = 10;
      carry.copy(buf, pad);
      const n = fs.readSync(fd, buf, pad + carry.length, CHUNK_BYTES, pos);
      pos += n;
      const len = pad + carry.length + n;
      const eof = n === 0;
      if (delimiter < 0) {
        if (len === 0) break;
        delimiter = opts.delimiter !== undefined ? opts.delimiter.charCodeAt(0) : detectDelimiter(buf, 0, len);
        res.delimiter = String.fromCharCode(delimiter);
      }
      const cut = eof ? len : lastRecordBoundary(buf, len, delimiter);
      if (cut <= pad && !eof) {
        // No whole record yet: read on, unless it is unreasonably long.
        if (len > MAX_RECORD_BYTES) {
          throw new Error(`${input}: line ${lineBase + 1}: a record longer than 64 MB (an unterminated quote?); the file cannot be pseudonymised safely`);
        }
        carry = Buffer.from(buf.subarray(pad, len));
        continue;
      }
      const pieces: Buffer[] = [];
      let copied = pad; // buf[pad, copied) is in pieces already
      const lines = forEachRecord(buf, pad, cut, delimiter, (r) => {
        const line = lineBase + r.line;
        if (r.malformed !== null) {
          throw new Error(`${input}: line ${line}: malformed quotes (${r.malformed}); the client column cannot be found with certainty, so the file is not pseudonymised`);
        }
        if (header === null) {
          const h = Array.from({ length: r.count }, (_, i) => fieldString(buf, r, i, decodeAs));
          if (h.some((name) => name.includes('\r'))) {
            throw new Error(`${input}: line 1 holds a carriage return (CR) that does not end the line; traject reads lines that end in LF or CRLF, so convert the line endings first`);
          }
          header = h;
          res.columnIndex = pickColumn(h, opts.column);
          res.column = h[res.columnIndex].replace(/^\uFEFF/, '').trim();
          return;
        }
        res.rows++;
        const j = res.columnIndex;
        if (j >= r.count) {
          res.short++;
          return;
        }
        const s = r.starts[j];
        const e = r.ends[j];
        if (decodeAs === 'utf-8' && !r.ascii && !isUtf8(buf.subarray(s, e))) {
          throw new Error(`${input}: line ${line}: the client value is not valid UTF-8; pass --encoding windows-1252 if it is a Windows export`);
        }
        let v = fieldString(buf, r, j, decodeAs).trim();
        if (v === '') {
          res.empty++;
          return;
        }
        if (opts.padBsn && /^\d{1,8}$/.test(v)) v = v.padStart(9, '0');
        if (v.length === 9 && passesElfproef(v)) res.bsnLike++;
        pieces.push(buf.subarray(copied, s), Buffer.from(pseudonym(key, v), 'latin1'));
        copied = e;
        res.pseudonymised++;
      });
      pieces.push(buf.subarray(copied, cut));
      fs.writeSync(out, Buffer.concat(pieces));
      lineBase += lines;
      carry = Buffer.from(buf.subarray(cut, len));
      first = false;
      if (eof) break;
    }
    if (header === null) throw new Error(`input ${input} is empty: expected a header line`);
    fs.closeSync(out);
    out = -1;
    fs.renameSync(tmp, output);
  } catch (e) {
    if (out >= 0) fs.closeSync(out);
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    fs.closeSync(fd);
  }
  return res;
}

/** The client column: the named one, or the one the default profile would read as `client`. */
function pickColumn(header: readonly string[], column: string | undefined): number {
  if (column !== undefined) {
    const exact = header.findIndex((h) => h.replace(/^\uFEFF/, '').trim() === column.trim());
    if (exact >= 0) return exact;
    const hits = header.flatMap((h, i) => (normaliseHeader(h) === normaliseHeader(column) ? [i] : []));
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) throw new Error(`--column '${column}' matches ${hits.length} columns; give the exact header name`);
    throw new Error(`no column named '${column}' (the header has ${header.map((h) => `'${h.trim()}'`).join(', ')})`);
  }
  const hits = header.flatMap((h, i) => (fieldOfHeader(h) === 'client' ? [i] : []));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) {
    throw new Error(`more than one column looks like the client column (${hits.map((i) => `'${header[i].trim()}'`).join(', ')}); name it with --column`);
  }
  throw new Error(`no client column found (expected a header named one of ${HEADER_SYNONYMS.client.flat().join(', ')}); name it with --column`);
}
