// Fuzz-style: malformed rows of every kind thrown at the reader, and the row accounting must
// still add up. Expected counts come from how each row was made, never from the engine.
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalysis, type RunResult } from '../src/run/run.js';
import { REASONS } from '../src/normalise/normalise.js';
import { CODES_CSV, REGIONS_CSV } from './cli-helpers.js';
import { mulberry32, tempDir } from './helpers.js';

const tmp = tempDir('traject-ingest-fuzz-');
afterAll(() => tmp.cleanup());
const codes = tmp.file('codes.csv', CODES_CSV);
const regions = tmp.file('regions.csv', REGIONS_CSV);

const HEADER = 'client_id,gemeente,productcode,begindatum,einddatum,aanbieder';
const GMS = ['GM0014', '34', '0037', 'GM0363'];
const CODES = ['G1', 'A1', 'V1', 'J1', 'X9'];

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const date = (r: Rnd, from = 2019) => `${from + Math.floor(r() * 4)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

/** A good row: accepted whatever else is in the file. Its end is after its start, or open. */
function goodRow(r: Rnd, i: number): string {
  const start = date(r);
  const end = r() < 0.2 ? '' : `${Number(start.slice(0, 4)) + 1}${start.slice(4)}`;
  const client = r() < 0.1 ? `c${i}\u00e9\u20ac` : `c${Math.floor(r() * 200)}`; // some non-ASCII keys
  return [client, pick(r, GMS), pick(r, CODES), start, end, `P${Math.floor(r() * 5)}`].join(',');
}

/** Bad rows that stay on their own line, each with the one reason it must be rejected for. */
const BAD: [string, (r: Rnd) => string][] = [
  ['wrong number of fields', () => 'c1,GM0014,A1,2021-01-01'],
  ['wrong number of fields', () => 'c1,GM0014,A1,2021-01-01,2021-02-01,P,extra'],
  ['missing client', (r) => `,GM0014,A1,${date(r)},,P`],
  ['missing municipality', (r) => `c1,,A1,${date(r)},,P`],
  ['unknown municipality code format', (r) => `c1,Utrecht,A1,${date(r)},,P`],
  ['missing product code', (r) => `c1,GM0014, ,${date(r)},,P`],
  ['missing start date', () => 'c1,GM0014,A1,,2021-02-01,P'],
  ['unparseable start date', () => 'c1,GM0014,A1,2021-02-30,,P'],
  // Binary bytes (a NUL in a file's first 4 KB refuses the whole file as not CSV: tested elsewhere).
  ['unparseable start date', () => 'c1,GM0014,A1,\u0001\u00ff\u007fbinary,,P'],
  ['unparseable end date', () => 'c1,GM0014,A1,2021-01-01,31-31-2021,P'],
  ['end before start', () => 'c1,GM0014,A1,2021-03-01,2021-02-28,P'],
  ['field too long', (r) => `${'k'.repeat(256 + Math.floor(r() * 5000))},GM0014,A1,2021-01-01,,P`],
  ['field too long', () => `c1,GM0014,A1,2021-01-01,,${'p'.repeat(70_000)}`],
];

interface Made {
  text: string;
  good: number;
  reasons: Record<string, number>;
}

/** rows lines: good and line-local bad rows, blank lines between, LF or CRLF. */
function lineLocal(seed: number, rows: number): Made {
  const r = mulberry32(seed);
  const eol = r() < 0.5 ? '\n' : '\r\n';
  const lines = [HEADER];
  const reasons: Record<string, number> = {};
  let good = 0;
  for (let i = 0; i < rows; i++) {
    if (r() < 0.05) lines.push(''); // blank: skipped, not a row
    if (r() < 0.3) {
      const [reason, make] = pick(r, BAD);
      lines.push(make(r));
      reasons[reason] = (reasons[reason] ?? 0) + 1;
    } else {
      lines.push(goodRow(r, i));
      good++;
    }
  }
  return { text: lines.join(eol) + (r() < 0.5 ? eol : ''), good, reasons };
}

/** Quotes, stray CRs, control bytes and delimiters sprinkled anywhere: rows may merge or split. */
function chaos(seed: number, rows: number): string {
  const r = mulberry32(seed);
  const noise = ['"', '""', '\r', '\u0001', ',', '\n', '"\n"', '\u00ff'];
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    let line = r() < 0.5 ? goodRow(r, i) : pick(r, BAD)[1](r);
    for (let k = 0; k < 2; k++) {
      if (r() < 0.15) {
        const at = Math.floor(r() * (line.length + 1));
        line = line.slice(0, at) + pick(r, noise) + line.slice(at);
      }
    }
    lines.push(line);
  }
  return lines.join('\n');
}

const accounting = (res: RunResult) => res.manifest.inputs.map((s) => ({ read: s.read, accepted: s.accepted, rejected: s.rejected, reasons: s.reasons }));

describe('ingest fuzz', () => {
  it('a code first seen on a rejected row is still mapped on the valid rows after it (found by the chaos test)', async () => {
    // G1 first appears on a row rejected for its end date; A1 follows; then G1 on a valid row:
    // its youth starts with GGZ (the mapping table says G1 = ggz), not with overig.
    const file = tmp.file('regression.csv', [HEADER, 'x1,GM0014,G1,2021-03-01,2021-02-01,P', 'x2,GM0014,A1,2021-03-01,,P', 'x3,GM0014,G1,2021-03-01,,P'].join('\n') + '\n');
    const res = await runAnalysis({ inputs: [file], codes, regions, year: 2021, workers: 1, disclosure: 'off' });
    const any = (cat: string) => res.exact.find((x) => x.level === 'all' && x.measure === 'start_category_any' && x.category === cat)?.numerator;
    expect([any('ggz'), any('ambulant_non_ggz'), any('overig_multidisciplinair')]).toEqual([1, 1, 0]);
  });

  it('line-local bad rows: each is rejected for its own reason, every good row is accepted, whatever the chunk size', async () => {
    for (const seed of [1, 2, 3]) {
      const made = lineLocal(seed, 400);
      const file = tmp.file(`local-${seed}.csv`, made.text);
      const bad = Object.values(made.reasons).reduce((a, b) => a + b, 0);
      for (const chunkBytes of [64, 1013, 4 << 20]) {
        const res = await runAnalysis({ inputs: [file], codes, regions, year: 2021, workers: 2, chunkBytes, disclosure: 'off' });
        const [acc] = accounting(res);
        expect(acc, `seed ${seed}, chunkBytes ${chunkBytes}`).toEqual({ read: made.good + bad, accepted: made.good, rejected: bad, reasons: made.reasons });
        expect(res.rejects).toHaveLength(bad);
        const physical = made.text.split('\n').length;
        for (const x of res.rejects) {
          expect(x.line).toBeGreaterThanOrEqual(2);
          expect(x.line).toBeLessThanOrEqual(physical);
          expect(REASONS).toContain(x.reason);
        }
      }
    }
  });

  it('quote chaos: read = accepted + rejected, and the same accounting, rejects and figures for every chunk size and worker count', async () => {
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const text = chaos(seed, 300);
      const file = tmp.file(`chaos-${seed}.csv`, text);
      const kind = seed % 2 === 0 ? 'claims' : 'allocations';
      const runs = [];
      // chunks of 50 and 777 bytes on the main thread (as a file this small runs), one chunk on
      // the main thread too, or on worker threads: two for seed 11 (allocations), one for 12 (claims)
      const threads = seed === 11 ? 2 : seed === 12 ? 1 : 0;
      for (const [chunkBytes, workers, inThreadBelowBytes] of [[50, 2, Infinity], [777, 1, Infinity], [4 << 20, Math.max(threads, 1), threads ? 0 : Infinity]]) {
        const res = await runAnalysis({ inputs: [file], codes, regions, year: 2021, workers, inThreadBelowBytes, chunkBytes, disclosure: 'off', kind });
        const [acc] = accounting(res);
        expect(acc.read, `seed ${seed}`).toBe(acc.accepted + acc.rejected);
        expect(Object.values(acc.reasons).reduce((a, b) => a + b, 0)).toBe(acc.rejected);
        expect(acc.read).toBeGreaterThan(0);
        expect(acc.read).toBeLessThanOrEqual(text.split('\n').length - 1 + 1);
        runs.push({ acc, rejects: res.rejects.map((x) => [x.line, x.column, x.reason]), metrics: res.exact });
      }
      expect(runs[1], `seed ${seed}: chunk 777 vs 50`).toEqual(runs[0]);
      expect(runs[2], `seed ${seed}: one chunk on ${threads || 'no'} worker thread(s) vs chunks of 50 on the main thread`).toEqual(runs[0]);
    }
  });
});
