// Differential test: the engine against the independent DuckDB reference (test/reference/reference.sql)
// on generated data, every measure (SPEC 5, 9 and 10): every numerator and denominator, and the
// Kaplan-Meier values (S(t), the median) to 1e-9; disclosure off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedFiles } from '../src/generate/generate.js';
import { runAnalysis } from '../src/run/run.js';
import { runReference, type ReferenceRow } from './reference/duckdb-reference.js';
import { tempDir } from './helpers.js';
import type { MetricRow } from '../src/model/model.js';

const tmp = tempDir('traject-diff-');
afterAll(() => tmp.cleanup());

interface Counts {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}
/** The measures whose value the reference computes itself (Kaplan-Meier); the others' value follows from the counts. */
const SURVIVAL = new Set(['in_trajectory_after', 'trajectory_duration_median']);
const sameValue = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9);
const keyOf = (r: { level: string; area: string; data_kind: string; measure: string; category: string; bucket: string }): string =>
  [r.level, r.area, r.data_kind, r.measure, r.category, r.bucket].join('|');

/** Lines describing every difference (aggregate rows only: no client keys). */
function differences(engine: Map<string, Counts>, reference: Map<string, Counts>): string[] {
  const out: string[] = [];
  for (const [k, ref] of reference) {
    const e = engine.get(k);
    if (!e) out.push(`missing in engine: ${k} (reference ${ref.numerator}/${ref.denominator})`);
    else if (e.numerator !== ref.numerator || e.denominator !== ref.denominator)
      out.push(`${k}: engine ${e.numerator}/${e.denominator}, reference ${ref.numerator}/${ref.denominator}`);
    else if (SURVIVAL.has(k.split('|')[3]) && !sameValue(e.value, ref.value))
      out.push(`${k}: engine value ${e.value}, reference value ${ref.value}`);
  }
  for (const [k, e] of engine) if (!reference.has(k)) out.push(`missing in reference: ${k} (engine ${e.numerator}/${e.denominator})`);
  return out;
}

function referenceMap(rows: ReferenceRow[]): Map<string, Counts> {
  return new Map(rows.map((r) => [keyOf(r), { numerator: r.numerator, denominator: r.denominator, value: r.value }]));
}

type Kinds = 'allocations' | 'claims' | 'mixed';
/** The data kind of each generated file: all allocations, all claims, or the second file claims. */
const kindOf = (kinds: Kinds, i: number): 'allocations' | 'claims' =>
  kinds === 'claims' || (kinds === 'mixed' && i === 1) ? 'claims' : 'allocations';

/** YYYY-MM-DD as the engine's day number (days since 1970-01-01). */
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

// The generated data run from Y-2 to past Y+2: D from the data (allocations the latest start, about
// 31 Dec Y+2; claims the latest end, later still; mixed the earlier). Two cases set D inside Y+1 or
// inside Y (many trajectories censored, some starting after D and left out of the curve), and
// two another prior-care lookback.
describe.each([
  { name: 'Y=2021, gap 30', seed: 11, year: 2021, gapDays: 30, kinds: 'allocations' as Kinds },
  { name: 'Y=2022, gap 14, 16 municipalities, 3 sources, D 30 Jun 2023, lookback 90', seed: 12, year: 2022, gapDays: 14, municipalities: 16, sources: 3, kinds: 'allocations' as Kinds, dataUntil: '2023-06-30', lookbackDays: 90 },
  { name: 'Y=2020, gap 0, 5 municipalities, 1 source, lookback 730', seed: 13, year: 2020, gapDays: 0, municipalities: 5, sources: 1, kinds: 'allocations' as Kinds, lookbackDays: 730 },
  { name: 'claims, Y=2021, gap 30', seed: 14, year: 2021, gapDays: 30, kinds: 'claims' as Kinds },
  { name: 'mixed (second file claims), Y=2021, gap 30, 3 sources', seed: 15, year: 2021, gapDays: 30, sources: 3, kinds: 'mixed' as Kinds },
  { name: 'mixed, Y=2021, gap 30, 2 sources, D 1 Oct 2021', seed: 16, year: 2021, gapDays: 30, sources: 2, kinds: 'mixed' as Kinds, dataUntil: '2021-10-01' },
])('engine = DuckDB reference ($name)', ({ seed, year, gapDays, municipalities, sources, kinds, dataUntil, lookbackDays }) => {
  let files: GeneratedFiles;
  let engine: Map<string, Counts>;
  let reference: Map<string, Counts>;
  let metrics: MetricRow[];
  beforeAll(async () => {
    files = await generate(`${tmp.dir}/${seed}`, { clients: 5000, seed, year, municipalities, sources });
    const inputs = files.inputs.map((path, i) => ({ path, kind: kindOf(kinds, i) }));
    const [e, r] = await Promise.all([
      runAnalysis({
        inputs, codes: files.codes, regions: files.regions, year, gapDays, workers: 2, disclosure: 'off',
        dataUntil: dataUntil === undefined ? undefined : dayOf(dataUntil), lookbackDays,
      }),
      runReference({ inputs, codes: files.codes, regions: files.regions, year, gapDays, dataUntil, lookbackDays, threads: 1 }),
    ]);
    metrics = e.metrics;
    engine = new Map(e.metrics.map((m) => [keyOf(m), { numerator: m.numerator, denominator: m.denominator, value: m.value }]));
    reference = referenceMap(r);
  });

  it('has a cohort worth comparing (of every kind the run holds)', () => {
    const expected = kinds === 'mixed' ? ['allocations', 'claims', 'mixed'] : [kinds];
    for (const k of expected) expect(reference.get(`all|all|${k}|cohort_youths||`)?.numerator, k).toBeGreaterThan(kinds === 'mixed' && k !== 'mixed' ? 500 : 2000);
    expect(new Set([...reference.keys()].map((k) => k.split('|')[2]))).toEqual(new Set(expected));
  });

  it('has the same rows on both sides, with every municipality and region', () => {
    expect(engine.size).toBe(reference.size);
    const areas = new Set([...reference.keys()].map((k) => k.split('|').slice(0, 2).join('|')));
    expect(areas.size).toBe((municipalities ?? 12) + Math.ceil((municipalities ?? 12) / 4) + 1);
  });

  it('covers every SPEC 10 measure with something to compare', () => {
    // The generator writes a reason for ending, so ended_as_planned is compared too.
    const measures = new Set([...reference.keys()].map((k) => k.split('|')[3]));
    for (const m of ['in_trajectory_after', 'trajectory_duration_median', 'duration_class', 'ended_as_planned', 'return_within', 'prior_care']) {
      expect(measures, m).toContain(m);
      const all = [...reference].filter(([k]) => k.startsWith('all|all|') && k.split('|')[3] === m);
      expect(all.some(([, c]) => (c.numerator ?? 0) > 0), m).toBe(true);
    }
    const s = reference.get(`all|all|${kinds}|in_trajectory_after||365`);
    expect(s?.value).toBeGreaterThan(0);
    expect(s?.value).toBeLessThan(1);
    // With D inside Y, trajectories that start after D are left out of the curve: fewer than started.
    const started = reference.get(`all|all|${kinds}|trajectories_open||`)?.denominator ?? 0;
    if (dataUntil !== undefined && dataUntil < `${year + 1}`) expect(s?.denominator).toBeLessThan(started);
    else expect(s?.denominator).toBe(started);
  });

  it('agrees on every row: numerator, denominator and the Kaplan-Meier values (1e-9)', () => {
    const diff = differences(engine, reference);
    expect(diff.slice(0, 40).join('\n') + (diff.length > 40 ? `\n... ${diff.length - 40} more` : '')).toBe('');
  });

  it('gives the value SPEC 9 defines from those counts (disclosure off)', () => {
    for (const m of metrics.filter((x) => !SURVIVAL.has(x.measure))) {
      const expected =
        m.measure === 'cohort_youths' ? m.numerator
        : m.denominator === 0 ? null
        : (m.numerator as number) / (m.denominator as number);
      if (expected === null) expect([null, 0]).toContain(m.value);
      else expect(m.value, `${m.level} ${m.area} ${m.measure} ${m.category}${m.bucket}`).toBeCloseTo(expected, 12);
    }
  });
});
