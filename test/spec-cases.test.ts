// Runs every spec case (test/spec-cases.ts) against every engine:
//   - the TypeScript engine through its public run API (runAnalysis, disclosure off so that the
//     counts are exact), on the main thread as inputs this small run (ingest-fuzz checks that
//     every worker count gives the same);
//   - the DuckDB reference SQL (test/reference/reference.sql), one DuckDB instance for the whole
//     file, a database of its own per case.
// Each engine must produce every expected row of a case with exactly its counts: a missing row
// fails with a message naming the engine, the case and the row (it never passes as 0). Rows a
// case does not list are not checked against the case; the last test of each case checks that
// both engines give the same rows, listed or not.
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalysis, type RunResult } from '../src/run/run.js';
import { sharedReference, type ReferenceRow, type SharedReference } from './reference/duckdb-reference.js';
import {
  areasOf, expectedOf, rowKey, sameValue, sourcesOf, SPEC_CASES, SPEC_CODES, SPEC_REGIONS, SURVIVAL_MEASURES,
  type DataKind, type ExpectedRow, type SpecCase,
} from './spec-cases.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-spec-');
const codes = tmp.file('codes.csv', SPEC_CODES);
const regions = tmp.file('regions.csv', SPEC_REGIONS);
let reference: Promise<SharedReference> | null = null;
afterAll(async () => {
  if (reference) (await reference).close();
  tmp.cleanup();
});

/** A metrics row as both engines give it. */
type Row = Omit<ExpectedRow, 'numerator' | 'value'> & { numerator: number | null; value: number | null };

const HEADER = 'client_id,gemeente,productcode,productcategorie,begindatum,einddatum,toewijzingnummer,aanbieder';

/** Writes the case's input files (default profile, SPEC 9) once; returns them in run order. */
const written = new Map<SpecCase, { path: string; kind: DataKind }[]>();
function inputsOf(c: SpecCase): { path: string; kind: DataKind }[] {
  let inputs = written.get(c);
  if (!inputs) {
    const i = SPEC_CASES.indexOf(c);
    inputs = sourcesOf(c).map((s) => ({
      path: tmp.file(`case${i}-${s.name}.csv`, [HEADER + (s.reasonColumn ? ',reden_beeindiging' : ''), ...s.rows.map((r) =>
        [r.client, r.gemeente, r.code, '', r.start, r.end, r.allocation, r.provider, ...(s.reasonColumn ? [r.reason] : [])].join(','))].join('\n') + '\n'),
      kind: s.kind,
    }));
    written.set(c, inputs);
  }
  return inputs;
}

const settings = (c: SpecCase) => ({ codes, regions, year: c.year ?? 2021, gapDays: c.gap ?? 30, lookbackDays: c.lookbackDays });
/** YYYY-MM-DD as the engine's day number (days since 1970-01-01). */
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const tsRuns = new Map<string, Promise<RunResult>>();
function runTs(c: SpecCase, workers: number): Promise<RunResult> {
  const key = `${c.name}|${workers}`;
  let run = tsRuns.get(key);
  if (!run) {
    run = runAnalysis({
      inputs: inputsOf(c), ...settings(c), workers, disclosure: 'off',
      dataUntil: c.dataUntil === undefined ? undefined : dayOf(c.dataUntil),
    });
    tsRuns.set(key, run);
  }
  return run;
}

const refRuns = new Map<SpecCase, Promise<ReferenceRow[]>>();
function runRef(c: SpecCase): Promise<ReferenceRow[]> {
  let run = refRuns.get(c);
  if (!run) {
    reference ??= sharedReference(1);
    run = reference.then((ref) => ref.run({ inputs: inputsOf(c), ...settings(c), dataUntil: c.dataUntil }));
    refRuns.set(c, run);
  }
  return run;
}

const show = (r: Row | ExpectedRow): string =>
  `${r.data_kind} ${r.measure} ${r.area} ${r.category || r.bucket || '-'} ${r.numerator ?? '(empty)'} ${r.denominator ?? '-'}` +
  (r.value !== undefined && SURVIVAL_MEASURES.has(r.measure) ? ` =${r.value ?? '-'}` : '');

/** Every way the rows of one engine fail the case (empty: it passes). */
function problemsOf(c: SpecCase, rows: readonly Row[], engine: string): string[] {
  const out: string[] = [];
  const got = new Map<string, Row>();
  for (const r of rows) {
    if (got.has(rowKey(r))) out.push(`${engine}, case "${c.name}": row "${show(r)}" appears twice`);
    got.set(rowKey(r), r);
  }
  for (const e of expectedOf(c)) {
    const g = got.get(rowKey(e));
    if (!g) out.push(`${engine}, case "${c.name}": expected row "${show(e)}" is missing`);
    else if (g.numerator !== e.numerator || g.denominator !== e.denominator)
      out.push(`${engine}, case "${c.name}": expected row "${show(e)}", got ${g.numerator ?? '(empty)'} / ${g.denominator ?? '-'}`);
    else if (e.value !== undefined && !sameValue(g.value, e.value))
      out.push(`${engine}, case "${c.name}": expected row "${show(e)}", got value ${g.value ?? '(empty)'}`);
  }
  const areas = areasOf(c);
  if (areas) {
    const have = [...new Set(rows.map((r) => `${r.area}:${r.data_kind}`))].sort();
    if (have.join(' ') !== areas.join(' ')) out.push(`${engine}, case "${c.name}": rows for areas ${have.join(' ')}, expected ${areas.join(' ')}`);
  }
  return out;
}

describe('the spec-case table', () => {
  it('has unique names and every case reads (rows, expected rows, areas)', () => {
    expect(new Set(SPEC_CASES.map((c) => c.name)).size).toBe(SPEC_CASES.length);
    for (const c of SPEC_CASES) {
      expect(c.spec, c.name).toMatch(/^\d+(, \d+)*$/);
      expect(sourcesOf(c).length, c.name).toBeGreaterThan(0);
      expect(expectedOf(c).length, c.name).toBeGreaterThan(0);
    }
  });

  it('a missing row fails, naming the case and the row; it never passes as 0', () => {
    const c: SpecCase = {
      name: 'check', spec: '5', rows: 'alloc c1 GM0014 A1 2021-01-01 2021-01-31',
      expect: 'products_started all ggz 0 0\ncohort_youths all - 1 -',
    };
    const cohort: Row = { level: 'all', area: 'all', data_kind: 'allocations', measure: 'cohort_youths', category: '', bucket: '', numerator: 1, denominator: null, value: 1 };
    expect(problemsOf(c, [cohort], 'engine X')).toEqual([
      'engine X, case "check": expected row "allocations products_started all ggz 0 0" is missing',
    ]);
    expect(problemsOf(c, [], 'engine X')).toHaveLength(2);
    expect(problemsOf(c, [cohort, { ...cohort, measure: 'products_started', category: 'ggz', numerator: 0, denominator: 0 }], 'engine X')).toEqual([]);
    expect(problemsOf(c, [{ ...cohort, data_kind: 'claims' }], 'engine X')).toHaveLength(2); // another kind is another row
  });

  it('a Kaplan-Meier value is checked to 1e-9 when the case gives one; an empty value is not 0', () => {
    const c: SpecCase = {
      name: 'check', spec: '10', rows: 'alloc c1 GM0014 A1 2021-01-01 2021-01-31',
      expect: 'in_trajectory_after all 91 1 3 =2/3\ntrajectory_duration_median all - 1 3 =-',
    };
    const s: Row = { level: 'all', area: 'all', data_kind: 'allocations', measure: 'in_trajectory_after', category: '', bucket: '91', numerator: 1, denominator: 3, value: 2 / 3 + 1e-12 };
    const m: Row = { ...s, measure: 'trajectory_duration_median', bucket: '', value: null };
    expect(problemsOf(c, [s, m], 'engine X')).toEqual([]);
    expect(problemsOf(c, [{ ...s, value: 0.6667 }, { ...m, value: 0 }], 'engine X')).toEqual([
      'engine X, case "check": expected row "allocations in_trajectory_after all 91 1 3 =0.6666666666666666", got value 0.6667',
      'engine X, case "check": expected row "allocations trajectory_duration_median all - 1 3 =-", got value 0',
    ]);
  });
});

describe.each(SPEC_CASES.map((c) => [`${c.name} (SPEC ${c.spec})`, c] as const))('%s', (_name, c) => {
  // A case's input is a few hundred bytes, so it runs on the main thread (src/run/pool.ts): the
  // same tasks as on worker threads, which test/ingest-fuzz.test.ts and cli-output check give the same.
  for (const workers of [2]) {
    it('TypeScript engine (runAnalysis)', async () => {
      const r = await runTs(c, workers);
      expect(problemsOf(c, r.metrics, 'TypeScript engine').join('\n')).toBe('');
      expect(r.metrics.some((m) => m.measure === 'ended_as_planned'), 'ended_as_planned rows exactly when there is a reason column')
        .toBe(sourcesOf(c).some((s) => s.reasonColumn));
      const rows = sourcesOf(c).reduce((s, x) => s + x.rows.length, 0);
      expect(r.manifest.inputs.reduce((s, x) => s + x.read, 0), 'rows read').toBe(rows);
      expect(r.manifest.inputs.reduce((s, x) => s + x.rejected, 0), 'rows rejected').toBe(c.rejected ?? 0);
      if (c.unmapped) expect(r.manifest.unmappedCodes).toEqual(c.unmapped);
    });
  }

  it('DuckDB reference SQL', async () => {
    const rows = await runRef(c);
    expect(problemsOf(c, rows, 'DuckDB reference').join('\n')).toBe('');
    expect(rows.some((m) => m.measure === 'ended_as_planned'), 'ended_as_planned rows exactly when there is a reason column')
      .toBe(sourcesOf(c).some((s) => s.reasonColumn));
  });

  it('both engines give the same rows, listed in the case or not', async () => {
    const [ts, ref] = await Promise.all([runTs(c, 2), runRef(c)]);
    const mine = new Map(ref.map((r) => [rowKey(r), r]));
    const diff: string[] = [];
    for (const m of ts.metrics) {
      const r = mine.get(rowKey(m));
      if (!r) diff.push(`only the TypeScript engine has "${show(m)}"`);
      else if (r.numerator !== m.numerator || r.denominator !== m.denominator) diff.push(`TypeScript "${show(m)}", reference "${show(r)}"`);
      else if (SURVIVAL_MEASURES.has(m.measure) && !sameValue(m.value, r.value)) diff.push(`TypeScript "${show(m)}" value ${m.value}, reference value ${r.value}`);
      mine.delete(rowKey(m));
    }
    for (const r of mine.values()) diff.push(`only the reference has "${show(r)}"`);
    expect(diff.join('\n')).toBe('');
  });
});
