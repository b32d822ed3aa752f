// A workbook of 200,000 rows is streamed. In a process of its own, the main thread's read path
// (open the sheet, find the header, turn the rows into CSV chunks: workbook-source.ts) keeps its
// RSS flat from the first chunk to the last, far below the sheet's 40 MB of XML; in a whole run
// the live heap of the thread reading it (after a full garbage collection at every chunk the
// workers parse) stays flat too, and the figures equal those of the same rows as CSV. The workbook
// is written with exceljs's streaming writer (dates as the day serials Excel stores).
import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../src/run/run.js';
import { CODES_CSV, REPO } from './cli-helpers.js';
import { tempDir } from './helpers.js';
import { ExcelJS } from './workbook-helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const ROWS = 200_000;
const tmp = tempDir('traject-workbook-large-');
afterAll(() => tmp.cleanup());
const codes = tmp.file('codes.csv', CODES_CSV);
const xlsx = join(tmp.dir, 'big.xlsx');
const csv = join(tmp.dir, 'big.csv');

/** Day serial of Excel's 1900 date system for a date in 2020-2022 (25569 is 1970-01-01). */
const serial = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
const iso = (s: number) => new Date((s - 25569) * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: xlsx, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('Toewijzingen');
  ws.addRow(['Toewijzingen, alle gemeenten']).commit();
  ws.addRow(['client_id', 'gemeente', 'productcode', 'begindatum', 'einddatum']).commit();
  const out = createWriteStream(csv);
  const closed = new Promise<void>((resolve) => out.on('close', () => resolve()));
  out.write('client_id,gemeente,productcode,begindatum,einddatum\n');
  const gms = [14, 34, 363, 37];
  const products = ['G1', 'A1', 'V1', 'J1', 'X1'];
  const first = serial(2020, 1, 1);
  let text = '';
  for (let i = 0; i < ROWS; i++) {
    const client = `c${(i * 7919) % (ROWS / 2)}`;
    const start = first + (i % 1000);
    const end = i % 5 === 0 ? null : start + (i % 97);
    ws.addRow([client, gms[i % 4], products[i % 5], start, end]).commit();
    text += `${client},${gms[i % 4]},${products[i % 5]},${iso(start)},${end === null ? '' : iso(end)}\n`;
    if (text.length > 1 << 16) {
      out.write(text);
      text = '';
    }
  }
  out.end(text);
  ws.commit();
  await wb.commit();
  await closed;
});

/** The read path alone, in a child process (young generation 1 MiB a half, see the test): its
 *  RSS after opening the sheet, at every 1 MB chunk of CSV records (after a full garbage
 *  collection, so that what is measured is what the reader keeps, not when V8 last collected: on
 *  a loaded machine it once rose 44 MiB over 7 chunks without one), and at its peak (the
 *  kernel's high-water mark of its own memory), with the rows read. */
const CHILD = `
const { openWorkbookSource, workbookChunks } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'dist/src/read/workbook-source.js')).href)});
const src = await openWorkbookSource({ path: process.argv[1] }, 0, false);
const opened = process.memoryUsage().rss;
const chunks = [];
let rows = 0;
for await (const c of workbookChunks(src, 1 << 20)) {
  for (let i = 0; i < c.length; i++) if (c.buf[i] === 10) rows++;
  gc();
  chunks.push(process.memoryUsage().rss);
}
// The peak of this process's own memory: VmHWM. getrusage's maxRSS also counts the parent's RSS
// at the fork before exec (Linux keeps it across execve), which is the test runner's.
const { readFileSync } = await import('node:fs');
const hwm = /VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
process.stdout.write(JSON.stringify({ opened, chunks, peak: hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024, peakFrom: hwm ? 'VmHWM' : 'maxRSS', rows }));
`;

function readInChild(file: string): Promise<{ opened: number; chunks: number[]; peak: number; peakFrom: string; rows: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', '--max-semi-space-size=1', '--input-type=module', '-e', CHILD, file], { timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as { opened: number; chunks: number[]; peak: number; peakFrom: string; rows: number });
    });
  });
}

describe('a 200,000-row workbook', () => {
  it('is streamed: RSS and live heap stay flat while it is read, and the figures equal the CSV\'s', async () => {
    const child = readInChild(xlsx); // runs beside the analyses below
    gc();
    const heap: number[] = [];
    const opts = { codes, year: 2021, workers: 2, disclosure: 'off' as const };
    const fromBook = await runAnalysis({
      ...opts, inputs: [xlsx],
      onProgress: (p) => {
        if (p.phase !== 'read') return;
        gc();
        heap.push(process.memoryUsage().heapUsed);
      },
    });
    const fromCsv = await runAnalysis({ ...opts, inputs: [csv] });
    expect(fromBook.manifest.inputs[0]).toMatchObject({ read: ROWS, accepted: ROWS, rejected: 0, sheet: 'Toewijzingen', titleRows: 1 });
    expect(fromBook.metrics).toEqual(fromCsv.metrics);
    expect(fromBook.comparisons).toEqual(fromCsv.comparisons);
    const mib = (b: number) => b / 2 ** 20;
    // One sample per parsed chunk (1 MB of records each: about 7). Flat: the last is within 16 MiB
    // of the first, and none is more than 24 MiB above it; the sheet's XML alone is about 40 MB.
    expect(heap.length).toBeGreaterThanOrEqual(5);
    expect(mib(Math.max(...heap) - heap[0]), heap.map((h) => mib(h).toFixed(1)).join(' ')).toBeLessThan(24);
    expect(mib(Math.abs(heap[heap.length - 1] - heap[0]))).toBeLessThan(16);
    // RSS of the read path after a full collection at each chunk, with a young generation of 1 MiB
    // a half (so that the peak is what the reader holds, not how far V8 let the young generation
    // grow). Measured on the 2-core machine, two runs at once: from the first chunk
    // on within 10 MiB of the first (69-81, 74-83 MiB), where exceljs's streaming reader grew
    // chunk after chunk, 33-40 MiB. The peak was 19-26 MiB above the RSS once the sheet was
    // opened, also with two processes keeping both cores busy; holding the sheet's 40 MB of XML
    // besides would pass 40. (It was read from getrusage, which reported the test runner's RSS
    // at the fork, up to 171 MiB, once the test files shared one process.)
    const r = await child;
    const detail = `opened ${mib(r.opened).toFixed(0)}, chunks ${r.chunks.map((c) => mib(c).toFixed(0)).join(' ')}, peak ${mib(r.peak).toFixed(0)} MiB`;
    expect(r.rows, detail).toBe(ROWS);
    expect(r.chunks.length).toBeGreaterThanOrEqual(5);
    expect(mib(Math.max(...r.chunks) - r.chunks[0]), detail).toBeLessThan(24);
    if (process.platform === 'linux') expect(r.peakFrom).toBe('VmHWM');
    expect(mib(r.peak - r.opened), detail).toBeLessThan(40);
  });
});
