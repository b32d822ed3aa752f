// Streams every source in chunks of whole records to the workers' `parse` task, hashing the
// bytes as they pass; keeps at most two chunks per worker in flight.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { TaskRunner } from './pool.js';
import { lastRecordBoundary } from '../read/csv.js';
import type { OpenedSource } from '../read/sources.js';
import { fileSha256 } from '../read/sources.js';
import { closeSources, workbookChunks } from '../read/workbook-source.js';
import type { ParsedChunk, ParseTask } from './tasks.js';

const MAX_RECORD_BYTES = 64 << 20;

export interface Parsed {
  source: number;
  chunk: number;
  result: ParsedChunk;
}

export interface ReadProgress {
  bytesRead: number;
  bytesTotal: number;
  rowsRead: number;
}

export async function readAll(pool: TaskRunner, sources: OpenedSource[], workers: number, chunkBytes: number,
  onProgress?: (p: ReadProgress) => void): Promise<{ parsed: Parsed[]; sha256: string[] }> {
  const parsed: Parsed[] = [];
  const sha256: string[] = [];
  const inFlight = new Set<Promise<void>>();
  // The first failure of any parse task; checked after each dispatch (an object, so TypeScript
  // does not narrow it to null across the callbacks).
  const failed: { error: Error | null } = { error: null };
  const total = sources.reduce((s, x) => s + x.size, 0);
  let bytesRead = 0; // parsed so far (not merely read), so that 100% means done
  let rowsRead = 0;
  const dispatch = (source: number, chunk: number, buf: Buffer, length: number, progressBytes = length) => {
    const task: ParseTask = { source, chunk, bytes: buf.buffer as ArrayBuffer, length };
    const tracked: Promise<void> = pool.parse(task)
      .then((result) => {
        parsed.push({ source, chunk, result });
        rowsRead += result.read;
        bytesRead += progressBytes;
        onProgress?.({ bytesRead, bytesTotal: total, rowsRead });
      })
      .catch((e: unknown) => { failed.error ??= e instanceof Error ? e : new Error(String(e)); })
      .finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  try {
    for (const src of sources) {
      const hash = createHash('sha256');
      let chunk = 0;
      for await (const c of sourceChunks(src, chunkBytes, hash)) {
        dispatch(src.plan.index, chunk++, c.buf, c.length, c.progress);
        if (inFlight.size >= 2 * workers) await Promise.race(inFlight);
        if (failed.error) throw failed.error;
      }
      // A workbook's checksum is its file's (its chunks are records made from its cells).
      sha256.push(src.workbook ? fileSha256(src.plan.file) : hash.digest('hex'));
    }
  } finally {
    await closeSources(sources);
  }
  await Promise.all(inFlight);
  if (failed.error) throw failed.error;
  parsed.sort((a, b) => a.source - b.source || a.chunk - b.chunk);
  return { parsed, sha256 };
}

/** One chunk of a source: bytes [0, length) of buf are whole CSV records, in an ArrayBuffer of
 *  their own (so it can be transferred); `progress` is how many bytes of the file it stands for. */
export interface SourceChunk {
  buf: Buffer;
  length: number;
  progress: number;
}

/**
 * The chunks of one source: a CSV read in pieces of chunkBytes, cut at the last record boundary
 * (the header line goes to `hash` only), or a workbook's rows as CSV records (workbook-source.ts).
 * `hash` gets every byte of a CSV file.
 */
export async function* sourceChunks(src: OpenedSource, chunkBytes: number, hash?: Hash): AsyncGenerator<SourceChunk, void, undefined> {
  if (src.workbook) {
    let at = 0;
    for await (const c of workbookChunks(src, chunkBytes)) {
      const now = src.workbook.position();
      yield { buf: c.buf, length: c.length, progress: now - at };
      at = now;
    }
    return;
  }
  const fd = openSync(src.plan.file, 'r');
  try {
    const header = Buffer.alloc(src.dataStart);
    readSync(fd, header, 0, header.length, 0);
    hash?.update(header);
    let pos = src.dataStart;
    let carry = Buffer.alloc(0);
    for (;;) {
      // Each chunk gets an ArrayBuffer of its own, so it can be transferred, not copied.
      const buf = Buffer.allocUnsafeSlow(carry.length + chunkBytes);
      carry.copy(buf, 0);
      const n = readSync(fd, buf, carry.length, chunkBytes, pos);
      hash?.update(buf.subarray(carry.length, carry.length + n));
      pos += n;
      const len = carry.length + n;
      const eof = n === 0;
      let cut = eof ? len : lastRecordBoundary(buf, len, src.plan.delimiter);
      // Without a whole record yet (one very long record), read on before cutting; but an
      // unterminated quote must not pull the rest of the file into memory: past 64 MB, cut at
      // the last newline and let the parser report the broken record.
      if (cut === 0 && len > MAX_RECORD_BYTES) cut = buf.lastIndexOf(10, len - 1) + 1;
      carry = Buffer.from(buf.subarray(cut, len));
      if (cut > 0) yield { buf, length: cut, progress: cut };
      if (eof) break;
    }
  } finally {
    closeSync(fd);
  }
}
