// Where a run's CPU time goes, phase by phase, on one thread: the same pure functions the workers
// call (parse a chunk into client partitions; decode a partition and fold its clients), timed in
// process without threads, so that a change to the hot path can be measured on its own.
//
//   npm run build && node dist/bench/phases.js --input DIR/toewijzingen_*.csv --codes DIR/codes.csv [--reps 5]
//
// Prints per phase the fastest repetition's wall seconds and CPU nanoseconds per input row (CPU time of the
// process, GC threads included: steadier than wall time when other work shares the machine).
// Whole runs (threads, start-up, outputs) are bench.ts's job.

import { numberBreakdowns, processClient } from '../src/measures/client.js';
import { emptyStats } from '../src/measures/stats.js';
import { cohortYear } from '../src/model/calendar.js';
import type { Counters, Curves } from '../src/measures/counters.js';
import { ChunkParser } from '../src/normalise/normalise.js';
import { CodeMapper } from '../src/mapping/codes.js';
import { loadCodes } from '../src/mapping/codes-file.js';
import { ClientPartitions } from '../src/partition/write.js';
import { forEachClient, type Piece } from '../src/partition/read.js';
import { openSources } from '../src/read/workbook-source.js';
import { sourceChunks } from '../src/run/read-sources.js';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

const argv = await yargs(hideBin(process.argv))
  .option('input', { type: 'string', array: true, demandOption: true })
  .option('codes', { type: 'string', demandOption: true })
  .option('kind', { choices: ['allocations', 'claims'] as const })
  .option('year', { type: 'number', default: 2021 })
  .option('reps', { type: 'number', default: 5 })
  .strictOptions()
  .parseAsync();

const PARTITIONS = 128;
const sources = await openSources(argv.input.map((path) => ({ path, kind: argv.kind })), false);
const mapper = new CodeMapper(await loadCodes(argv.codes), new Map());
const chunks: { source: number; chunk: number; buf: Buffer; length: number }[] = [];
for (const src of sources) {
  let chunk = 0;
  for await (const c of sourceChunks(src, 4 << 20)) chunks.push({ source: src.plan.index, chunk: chunk++, buf: c.buf, length: c.length });
}
const kindOf = sources.map((s) => s.plan.kind);
const ctx = {
  years: [cohortYear(argv.year)], gaps: [30], mixed: new Set(kindOf).size > 1, lookbackDays: 365, breakdowns: numberBreakdowns([]),
  dataUntil: [Infinity, Infinity, Infinity] as [number, number, number],
};

/** The least disturbed repetition: other work on the machine only ever adds time. */
const fastest = (xs: number[]) => Math.min(...xs);
const times: Record<string, number[]> = { parse: [], decode: [], fold: [] };
const cpu: Record<string, number[]> = { parse: [], decode: [], fold: [] };
/** CPU milliseconds of the process so far. */
const cpuNow = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let rows = 0;
let maxStart = -Infinity;
for (let rep = 0; rep < argv.reps; rep++) {
  const parsers = sources.map((s) => new ChunkParser(s.plan, mapper));
  const pieces: Piece[][] = Array.from({ length: PARTITIONS }, () => []);
  let t = performance.now();
  let c0 = cpuNow();
  rows = 0;
  for (const c of chunks) {
    const sink = new ClientPartitions(c.source, c.chunk, PARTITIONS);
    const r = parsers[c.source].parse(c.buf, 0, c.length, sink);
    rows += r.read;
    maxStart = Math.max(maxStart, r.maxStart);
    sink.finish().forEach((bytes, p) => bytes.byteLength > 0 && pieces[p].push({ bytes, dict: r.dict }));
  }
  times.parse.push(performance.now() - t);
  cpu.parse.push(cpuNow() - c0);
  // The allocations' cut-off as a run finds it: the latest start read.
  ctx.dataUntil = [maxStart, maxStart, maxStart];
  let decode = 0;
  let fold = 0;
  let decodeCpu = 0;
  let foldCpu = 0;
  const counters: Counters = new Map();
  const curves: Curves = new Map();
  const strata: Counters = new Map();
  const stats = emptyStats();
  for (const part of pieces) {
    t = performance.now();
    c0 = cpuNow();
    // Decoding alone, then decoding with the fold: the fold's share is the difference.
    forEachClient(part, kindOf, () => {});
    const t2 = performance.now();
    const c2 = cpuNow();
    forEachClient(part, kindOf, (rows) => processClient(rows, ctx, counters, curves, stats, strata));
    decode += t2 - t;
    fold += performance.now() - t2 - (t2 - t);
    decodeCpu += c2 - c0;
    foldCpu += cpuNow() - c2 - (c2 - c0);
  }
  times.decode.push(decode);
  times.fold.push(fold);
  cpu.decode.push(decodeCpu);
  cpu.fold.push(foldCpu);
}
process.stdout.write(`${rows} rows, ${argv.reps} reps (fastest)\n`);
for (const [phase, xs] of Object.entries(times)) {
  const ms = fastest(xs);
  const c = fastest(cpu[phase]);
  process.stdout.write(`${phase.padEnd(7)} wall ${(ms / 1000).toFixed(3)} s  cpu ${((c * 1e6) / rows).toFixed(0).padStart(5)} ns/row\n`);
}
