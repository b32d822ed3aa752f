// The lean DuckDB SQL of the benchmark (test/reference/lean.sql, issue 14) computes the figures of a
// default traject run on the generator's clean export: every numerator and denominator of
// metrics, the Kaplan-Meier values (1e-9) and SPEC 12's expected counts E of comparisons, for
// allocations and for claims. The expected values come from DuckDB, independent of the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, type GeneratedFiles } from '../src/generate/generate.js';
import { runAnalysis, type RunResult } from '../src/run/run.js';
import { runLean, type LeanRow } from './reference/lean-reference.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-lean-');
afterAll(() => tmp.cleanup());

const YEAR = 2021;
const SURVIVAL = new Set(['in_trajectory_after', 'trajectory_duration_median']);
type Keyed = { level: string; area: string; data_kind: string; measure: string; category: string; bucket: string };
const keyOf = (r: Keyed): string => [r.level, r.area, r.data_kind, r.measure, r.category, r.bucket].join('|');

const KINDS = ['allocations', 'claims'] as const;
type Kind = (typeof KINDS)[number];
/** Both engines on both kinds, all four runs at once (the engine's workers and DuckDB's thread). */
let runs: Promise<Record<Kind, [RunResult, LeanRow[]]>>;
beforeAll(() => {
  runs = (async () => {
    const files: GeneratedFiles = await generate(`${tmp.dir}/clean`, { clients: 3000, seed: 7, year: YEAR, clean: true });
    const both = (kind: Kind) => Promise.all([
      runAnalysis({ inputs: files.inputs, codes: files.codes, regions: files.regions, year: YEAR, kind, workers: 2, disclosure: 'off' }),
      runLean({ inputs: files.inputs, codes: files.codes, regions: files.regions, year: YEAR, kind, threads: 1 }),
    ]);
    const [a, c] = await Promise.all([both('allocations'), both('claims')]);
    return { allocations: a, claims: c };
  })();
});

describe.each(KINDS)('lean SQL = traject on a clean export (%s)', (kind) => {
  let engine: RunResult;
  let lean: LeanRow[];
  beforeAll(async () => {
    [engine, lean] = (await runs)[kind];
  });

  it('has figures worth comparing: a cohort, ended and censored trajectories, returns, every category', () => {
    const all = new Map(lean.filter((r) => r.level === 'all').map((r) => [keyOf(r), r]));
    const get = (m: string, sub = ''): LeanRow => all.get(`all|all|${kind}|${m}|${SURVIVAL.has(m) || ['trajectory_size', 'duration_class', 'return_within'].includes(m) ? `|${sub}` : `${sub}|`}`)!;
    expect(get('cohort_youths').numerator).toBeGreaterThan(1000);
    expect(get('trajectory_duration_median').numerator).toBeGreaterThan(100);
    expect(get('trajectory_duration_median').denominator).toBeGreaterThan(get('trajectory_duration_median').numerator);
    expect(get('return_within', '365').numerator).toBeGreaterThan(50);
    expect(get('prior_care').numerator).toBeGreaterThan(50);
    for (const c of ['ambulant_non_ggz', 'ggz', 'verblijf_non_ggz', 'overig_multidisciplinair', 'jeugdbescherming', 'jeugdreclassering'])
      expect(get('start_category_any', c).numerator, c).toBeGreaterThan(10);
    expect(lean.filter((r) => r.expected !== null).length).toBe(12 * 5);
  });

  it('agrees on every metrics row: the same rows, numerator, denominator, Kaplan-Meier values', () => {
    const t = new Map(engine.metrics.map((m) => [keyOf(m), m]));
    const l = new Map(lean.map((r) => [keyOf(r), r]));
    const diff: string[] = [];
    for (const [k, r] of l) {
      const e = t.get(k);
      if (!e) diff.push(`only in lean SQL: ${k}`);
      else if (e.numerator !== r.numerator || e.denominator !== r.denominator)
        diff.push(`${k}: traject ${e.numerator}/${e.denominator}, lean SQL ${r.numerator}/${r.denominator}`);
      else if (SURVIVAL.has(r.measure) && (r.value === null || e.value === null ? r.value !== e.value : Math.abs(r.value - e.value) > 1e-9))
        diff.push(`${k}: traject value ${e.value}, lean SQL ${r.value}`);
    }
    for (const k of t.keys()) if (!l.has(k)) diff.push(`only in traject: ${k}`);
    expect(diff.slice(0, 30).join('\n')).toBe('');
  });

  it("agrees on SPEC 12's expected count E of every standardised comparison", () => {
    const std = engine.comparisons.filter((c) => c.method === 'standardised');
    expect(std.length).toBe(12 * 5);
    const l = new Map(lean.filter((r) => r.expected !== null).map((r) => [`${r.area}|${r.measure}|${r.bucket}`, r.expected!]));
    for (const c of std) {
      const e = l.get(`${c.area}|${c.measure}|${c.bucket}`);
      expect(e, `${c.area} ${c.measure} ${c.bucket}`).toBeDefined();
      expect(c.expected, `${c.area} ${c.measure} ${c.bucket}`).toBeCloseTo(e!, 6);
    }
  });
});
