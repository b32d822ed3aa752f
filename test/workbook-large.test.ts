// A workbook of 200,000 rows is streamed: while it is read, the live heap of the thread reading it
// (measured after a full garbage collection at every chunk the workers parse) stays flat, far
// below the sheet's 40 MB of XML, and its figures equal those of the same rows as CSV. The
// workbook is written with exceljs's streaming writer (dates as the day serials Excel stores).
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../src/run/run.js';
import { CODES_CSV } from './cli-helpers.js';
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

describe('a 200,000-row workbook', () => {
  it('is streamed: the live heap stays flat while it is read, and the figures equal the CSV\'s', async () => {
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
    // One sample per parsed chunk (1 MB of records each: about 7). Flat: the last is within 16 MiB
    // of the first, and none is more than 24 MiB above it; the sheet's XML alone is about 40 MB.
    expect(heap.length).toBeGreaterThanOrEqual(5);
    const mib = (b: number) => b / 2 ** 20;
    expect(mib(Math.max(...heap) - heap[0]), heap.map((h) => mib(h).toFixed(1)).join(' ')).toBeLessThan(24);
    expect(mib(Math.abs(heap[heap.length - 1] - heap[0]))).toBeLessThan(16);
  });
});
