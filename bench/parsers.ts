// Why the hot path has its own CSV record splitter: the well-kept parsers against
// src/read/csv.ts on the same generated file, one thread each, counting records.
//
//   npm run build && node dist/bench/parsers.js [--rows 1000000]
//
// Each parser only splits records into fields (no dates, no mapping), which is the part a
// library could do for traject. Prints seconds, MB/s and rows/s per parser.

import { createReadStream, existsSync, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseCsvParse } from 'csv-parse';
import { parseStream as fastCsvParseStream } from 'fast-csv';
import Papa from 'papaparse';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { generate } from '../src/generate/generate.js';
import { forEachRecord, lastRecordBoundary } from '../src/read/csv.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const argv = await yargs(hideBin(process.argv))
  .option('rows', { type: 'number', default: 1_000_000 })
  .option('only', { type: 'string', describe: 'run one parser: traject, papaparse, csv-parse, fast-csv' })
  .strictOptions()
  .parseAsync();

async function sampleFile(rows: number): Promise<string> {
  const dir = join(REPO, '.cache', 'parsers', String(rows));
  const file = join(dir, 'toewijzingen_b.csv');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // One file holds about half the rows; its ',' and ISO dates suit every parser's defaults.
    await generate(dir, { clients: Math.round(rows / 1.11), seed: 3, year: 2021 });
  }
  return file;
}

function viaTraject(file: string): Promise<number> {
  const fd = openSync(file, 'r');
  let records = 0;
  let carry = Buffer.alloc(0);
  let pos = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(carry.length + (4 << 20));
    carry.copy(buf, 0);
    const n = readSync(fd, buf, carry.length, 4 << 20, pos);
    pos += n;
    const len = carry.length + n;
    const cut = n === 0 ? len : lastRecordBoundary(buf, len, 44);
    forEachRecord(buf, 0, cut, 44, () => { records++; });
    carry = Buffer.from(buf.subarray(cut, len));
    if (n === 0) break;
  }
  closeSync(fd);
  return Promise.resolve(records);
}

function viaPapaparse(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let records = 0;
    Papa.parse(createReadStream(file), {
      step: () => { records++; },
      complete: () => resolve(records),
      error: reject,
    });
  });
}

function viaCsvParse(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let records = 0;
    createReadStream(file).pipe(parseCsvParse({ relax_column_count: true }))
      .on('data', () => { records++; })
      .on('end', () => resolve(records))
      .on('error', reject);
  });
}

function viaFastCsv(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let records = 0;
    fastCsvParseStream(createReadStream(file))
      .on('data', () => { records++; })
      .on('end', () => resolve(records))
      .on('error', reject);
  });
}

const file = await sampleFile(argv.rows);
const mb = statSync(file).size / 1e6;
process.stdout.write(`CSV record splitting, one thread, ${file.replace(REPO, '')} (${mb.toFixed(0)} MB)\n`);
const parsers: [string, (f: string) => Promise<number>][] = [
  ['traject src/read/csv.ts', viaTraject],
  ['papaparse (stream)', viaPapaparse],
  ['csv-parse (stream)', viaCsvParse],
  ['fast-csv (stream)', viaFastCsv],
];
for (const [name, run] of parsers) {
  if (argv.only && !name.startsWith(argv.only)) continue;
  const t0 = performance.now();
  const records = await run(file);
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(`${name.padEnd(28)} ${s.toFixed(2).padStart(6)} s  ${(mb / s).toFixed(0).padStart(5)} MB/s  ${(records / s / 1e6).toFixed(2)} M rows/s  (${records} records)\n`);
}
