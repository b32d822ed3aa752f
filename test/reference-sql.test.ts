// The DuckDB reference implementation (test/reference/reference.sql) on tiny hand-made inputs whose
// figures are worked out by hand from SPEC sections 2-5 and docs/definitions.md (Y = 2021).
import { afterAll, describe, expect, it } from 'vitest';
import { runReference, type ReferenceRow } from './reference/duckdb-reference.js';
import { tempDir } from './helpers.js';
import { runAnalysis } from '../src/run/run.js';

const tmp = tempDir('traject-refsql-');
/** The Kaplan-Meier measures, whose value the reference computes (compared to 1e-9). */
const SURVIVAL = new Set(['in_trajectory_after', 'trajectory_duration_median']);
const sameValue = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9);
afterAll(() => tmp.cleanup());

const HEADER = 'client_id,gemeente,productcode,productcategorie,begindatum,einddatum,toewijzingnummer,aanbieder';
const CODES = `productcode,category,subcategory,productcategorie,gemeente,regio,geldig_vanaf,geldig_tot
45A48,ambulant_non_ggz,opvoed_woonbegeleiding,45,,,,
45A52,ambulant_non_ggz,ambulant_overig,45,,,,
45A52,ggz,,45,GM0014,,,
41A03,ambulant_non_ggz,dagbesteding_participatie,41,,,,
41A03,ggz,,41,,Zuid,,
54001,ggz,,54,,,,
48A01,jeugdbescherming,,48,,,,
50A01,overig_multidisciplinair,,50,,,,
50A01,ambulant_non_ggz,opvoed_woonbegeleiding,50,,,2021-07-01,
47A01,jeugdbescherming,,47,,,2019-01-01,
47A01,jeugdreclassering,,47,,,2021-01-01,2025-12-31
`;
const REGIONS = 'gemeente,regio\nGM0014,Noord\nGM0363,Zuid\n';

/** Every case run below, so the last test can run the engine on the same files. */
const cases: {
  name: string; inputs: string[]; codes: string; regions: string; year: number; gapDays?: number; dataUntil?: string; lookbackDays?: number;
  rows: ReferenceRow[];
}[] = [];
let n = 0;
const BUCKETED = new Set(['trajectory_size', 'in_trajectory_after', 'duration_class', 'return_within']);
/** A row's [numerator, denominator] by key; `value` gives its value. */
type Getter = ((key: string) => [number, number | null] | undefined) & { value: (key: string) => number | null | undefined };
async function run(inputs: string[], opts: { gapDays?: number; year?: number; dataUntil?: string; lookbackDays?: number } = {}): Promise<Getter> {
  const dir = `case${n++}`;
  const paths = inputs.map((content, i) => tmp.file(`${dir}-in${i}.csv`, content));
  const spec = {
    inputs: paths,
    codes: tmp.file(`${dir}-codes.csv`, CODES),
    regions: tmp.file(`${dir}-regions.csv`, REGIONS),
    year: opts.year ?? 2021,
    gapDays: opts.gapDays,
    dataUntil: opts.dataUntil,
    lookbackDays: opts.lookbackDays,
  };
  const rows = await runReference({ ...spec, threads: 1 });
  cases.push({ name: expect.getState().currentTestName ?? dir, ...spec, rows });
  // key: measure[:category-or-bucket][@area], no area = all
  const find = (key: string): ReferenceRow | undefined => {
    const [what, area] = key.split('@');
    const [measure, sub = ''] = what.split(':');
    return rows.find((x: ReferenceRow) =>
      x.measure === measure && (area === undefined ? x.level === 'all' : x.area === area) &&
      (BUCKETED.has(measure) ? x.bucket === sub : x.category === sub));
  };
  const get = (key: string): [number, number | null] | undefined => {
    const r = find(key);
    return r ? [r.numerator, r.denominator] : undefined;
  };
  return Object.assign(get, { value: (key: string) => find(key)?.value });
}
const csv = (...lines: string[]): string => [HEADER, ...lines].join('\n') + '\n';

describe('reference SQL on hand-made cases (Y = 2021, gap 30 unless said)', () => {
  it('gap of exactly 30 days stitches, 31 does not', async () => {
    // A: end 31 Jan, next start 2 Mar (30 days later): one trajectory of 2.
    // B: end 31 Jan, next start 3 Mar (31 days later): two trajectories of 1.
    const input = csv(
      'aaaa000000000001,GM0014,45A48,45,2021-01-01,2021-01-31,1,X',
      'aaaa000000000001,GM0014,45A48,45,2021-03-02,2021-03-31,2,X',
      'bbbb000000000002,GM0014,45A48,45,2021-01-01,2021-01-31,3,X',
      'bbbb000000000002,GM0014,45A48,45,2021-03-03,2021-03-31,4,X',
    );
    const get = await run([input]);
    expect(get('cohort_youths')).toEqual([2, null]);
    expect(get('products_per_trajectory')).toEqual([4, 3]);
    expect(get('trajectory_size:1')).toEqual([2, 3]);
    expect(get('trajectory_size:2')).toEqual([1, 3]);
    expect(get('trajectory_size:5+')).toEqual([0, 3]);
    expect(get('trajectories_open')).toEqual([0, 3]);
    expect(get('in_care_next_year')).toEqual([0, 2]);
    expect(get('outflow')).toEqual([2, 2]);
    expect(get('start_category_any:ambulant_non_ggz')).toEqual([2, 2]);
    expect(get('start_category_alone:ambulant_non_ggz')).toEqual([2, 2]);
    expect(get('start_category_any:ggz')).toEqual([0, 2]);
    expect(get('products_started:ambulant_non_ggz')).toEqual([4, 2]);
    expect(get('products_started:ggz')).toEqual([0, 0]);
    // Same data, gap 31: B stitches too.
    const get31 = await run([input], { gapDays: 31 });
    expect(get31('products_per_trajectory')).toEqual([4, 2]);
    expect(get31('trajectory_size:2')).toEqual([2, 2]);
    // Levels: the municipality, its region and all agree here.
    expect(get('products_per_trajectory@GM0014')).toEqual([4, 3]);
    expect(get('products_per_trajectory@Noord')).toEqual([4, 3]);
    expect(get('cohort_youths@GM0363')).toBeUndefined();
  });

  it('nested product: the gap counts from the latest end, not the previous row; products before Y are left out', async () => {
    // P0 starts before Y (left out of stitching, but would make the trajectory "started before Y").
    // P1 Feb-Dec 2021 (GGZ) contains P2 in March (ambulant). P3 starts 20 Jan 2022: 20 days after P1's
    // end (joins), 295 days after P2's end (would not, if the previous row counted).
    const get = await run([
      csv(
        'cccc000000000003;0363;45A48;45;01-06-2020;15-01-2021;10;X',
        'cccc000000000003;363;54001;54;01-02-2021;31-12-2021;11;X',
        'cccc000000000003;363;45A48;45;1-3-2021;31-3-2021;12;X',
        'cccc000000000003;363;48A01;48;20-01-2022;28-02-2022;13;X',
      ).replace(/,/g, ';'),
    ]);
    expect(get('cohort_youths')).toEqual([1, null]);
    expect(get('products_per_trajectory')).toEqual([3, 1]);
    expect(get('trajectory_size:3')).toEqual([1, 1]);
    expect(get('trajectories_open')).toEqual([0, 1]);
    expect(get('in_care_next_year')).toEqual([1, 1]); // P3 lies in 2022
    expect(get('outflow')).toEqual([0, 1]);
    expect(get('start_category_any:ggz@GM0363')).toEqual([1, 1]); // first day in Y: 1 Feb (P1)
    expect(get('start_category_alone:ggz@Zuid')).toEqual([1, 1]);
    expect(get('start_category_any:ambulant_non_ggz')).toEqual([0, 1]);
    expect(get('products_started:ggz')).toEqual([1, 1]);
    expect(get('products_started:ambulant_non_ggz')).toEqual([1, 1]);
    expect(get('products_started:jeugdbescherming')).toEqual([0, 0]); // P3 starts in 2022
  });

  it('open end keeps the trajectory open; two products on the first day give a combined start', async () => {
    // D: open product from May, a June product inside it: one open trajectory, in care in 2022.
    // E: GGZ and ambulant both on 1 April, ambulant runs to 31 May: one closed trajectory of 2.
    const get = await run([
      csv(
        'dddd000000000004,GM0014,45A48,45,2021-05-01,,20,X',
        'dddd000000000004,GM0014,54001,54,2021-06-01,2021-06-30,21,X',
        'eeee000000000005,GM0014,54001,54,2021-04-01,2021-04-30,22,X',
        'eeee000000000005,GM0014,45A48,45,2021-04-01 00:00:00,2021-05-31,23,X',
      ),
    ]);
    expect(get('cohort_youths')).toEqual([2, null]);
    expect(get('trajectories_open')).toEqual([1, 2]);
    expect(get('products_per_trajectory')).toEqual([2, 1]);
    expect(get('trajectory_size:2')).toEqual([1, 1]);
    expect(get('in_care_next_year')).toEqual([1, 2]);
    expect(get('outflow')).toEqual([1, 2]);
    expect(get('start_category_any:ambulant_non_ggz')).toEqual([2, 2]); // D and E
    expect(get('start_category_alone:ambulant_non_ggz')).toEqual([1, 2]); // D only
    expect(get('start_category_any:ggz')).toEqual([1, 2]); // E
    expect(get('start_category_alone:ggz')).toEqual([0, 2]);
    expect(get('products_started:ggz')).toEqual([2, 2]);
    expect(get('products_started:ambulant_non_ggz')).toEqual([2, 2]);
  });

  it('a product in Y+2 within the gap keeps the trajectory open; one beyond the gap starts a new one', async () => {
    // F: Oct 2021 - 15 Dec 2022, then 10 Jan 2023 (26 days): joins, maxEnd in 2023: open.
    // G: same first product, then 20 Jan 2023 (36 days): a new trajectory that does not start in Y.
    const get = await run([
      csv(
        'ffff000000000006,GM0014,45A48,45,2021-10-01,2022-12-15,30,X',
        'ffff000000000006,GM0014,45A48,45,2023-01-10,2023-03-01,31,X',
        'gggg000000000007,GM0014,45A48,45,2021-10-01,2022-12-15,32,X',
        'gggg000000000007,GM0014,45A48,45,2023-01-20,2023-03-01,33,X',
      ),
    ]);
    expect(get('trajectories_open')).toEqual([1, 2]);
    expect(get('products_per_trajectory')).toEqual([1, 1]);
    expect(get('trajectory_size:1')).toEqual([1, 1]);
    expect(get('in_care_next_year')).toEqual([2, 2]);
    expect(get('products_started:ambulant_non_ggz')).toEqual([2, 2]); // only the 2021 products
  });

  it('rows become products (duplicates, versions across sources, invalid rows) and the most specific mapping wins', async () => {
    // Source a (;): H's allocation T1 in March 2021 (GM0014, code 45A52: GGZ in GM0014), an exact
    // duplicate of it, and an invalid row (end before start). Source b (,): T1 re-issued with end
    // 28 Feb 2022 (read last: counts), so H is one product, in care in 2022.
    // The others have one product each:
    //   I GM0363 50A01 from 30 Jun 2021 -> overig (the validity row starts 1 Jul)
    //   J GM0363 50A01 from  1 Jul 2021 -> ambulant (validity row beats the plain row)
    //   K GM0363 99X99 iJw 54           -> ggz (fallback)
    //   L GM0363 99X98 no iJw           -> overig
    //   M GM0363 41A03                  -> ggz (region Zuid row)
    //   N GM0014 41A03                  -> ambulant (no row for region Noord)
    //   O GM0363 45A52                  -> ambulant (the GM0014 row does not apply)
    //   P 45A48 on 1 Sep 2021 in GM0363 and in GM0014 -> municipality GM0014 (lowest code), 2 products
    //   Q GM0363 47A01 (two validity rows match)  -> jeugdreclassering (the latest geldig_vanaf)
    const a = [
      'client_id;gemeente;productcode;productcategorie;begindatum;einddatum;toewijzingnummer;aanbieder',
      'hhhh000000000008;14;45A52;45;01-03-2021;31-03-2021;T1;"Zorg; Welzijn"',
      'hhhh000000000008;14;45A52;45;01-03-2021;31-03-2021;T1;"Zorg; Welzijn"',
      'hhhh000000000008;14;45A52;45;01-05-2021;01-04-2021;T9;X',
      'pppp000000000016;0363;45A48;45;01-09-2021;30-09-2021;P1;X',
    ].join('\r\n') + '\r\n';
    const b = csv(
      'iiii000000000009,GM0363,50A01,50,2021-06-30,2021-07-31,I1,X',
      'jjjj000000000010,GM0363,50A01,50,2021-07-01,2021-07-31,J1,X',
      'kkkk000000000011,GM0363,99X99,54,2021-02-01,2021-02-28,K1,X',
      'llll000000000012,GM0363,99X98,,2021-02-01,2021-02-28,L1,X',
      'mmmm000000000013,GM0363,41A03,41,2021-02-01,2021-02-28,,X',
      'nnnn000000000014,GM0014,41A03,41,2021-02-01,2021-02-28,,X',
      'oooo000000000015,GM0363,45a52 ,45,2021-02-01,2021-02-28,O1,X',
      'pppp000000000016,GM0014,45A48,45,2021-09-01,2021-09-30,P2,X',
      'hhhh000000000008,GM0014,45A52,45,2021-03-01,2022-02-28,T1,"Zorg; Welzijn"',
      'qqqq000000000017,GM0363,47A01,47,2021-03-01,2021-03-31,Q1,X',
    );
    const get = await run([a, b]);
    expect(get('cohort_youths')).toEqual([10, null]);
    expect(get('cohort_youths@GM0014')).toEqual([3, null]); // H, N, P
    expect(get('cohort_youths@GM0363')).toEqual([7, null]);
    expect(get('in_care_next_year')).toEqual([1, 10]); // H's latest version runs into 2022
    expect(get('products_per_trajectory')).toEqual([11, 10]); // H 1, P 2 (same day: one trajectory), 8 x 1
    expect(get('trajectory_size:2')).toEqual([1, 10]);
    expect(get('start_category_any:ggz@GM0014')).toEqual([1, 3]); // H
    expect(get('start_category_any:ambulant_non_ggz@GM0014')).toEqual([2, 3]); // N, P
    expect(get('start_category_any:ggz@GM0363')).toEqual([2, 7]); // K, M
    expect(get('start_category_any:ambulant_non_ggz@GM0363')).toEqual([2, 7]); // J, O
    expect(get('start_category_any:overig_multidisciplinair@GM0363')).toEqual([2, 7]); // I, L
    expect(get('start_category_alone:overig_multidisciplinair@Zuid')).toEqual([2, 7]);
    expect(get('start_category_any:jeugdreclassering@GM0363')).toEqual([1, 7]); // Q
    expect(get('start_category_any:ggz')).toEqual([3, 10]);
    expect(get('products_started:ggz@GM0014')).toEqual([1, 1]); // H counted once
    expect(get('products_started:ambulant_non_ggz@GM0014')).toEqual([3, 2]); // N 1, P 2 (one of them in GM0363)
    expect(get('products_started:ambulant_non_ggz')).toEqual([5, 4]);
    expect(get('products_started:ggz')).toEqual([3, 3]);
    expect(get('products_started:jeugdreclassering')).toEqual([1, 1]);
    expect(get('products_started:jeugdbescherming')).toEqual([0, 0]);
  });

  it('SPEC 10 from a \';\' file with dd-mm-yyyy dates and a reason column named in capitals', async () => {
    // D = latest start = 31 Dec 2022 (T, a 2022 product: not in the cohort).
    // R: 1 Jan - 31 Mar, reason 31: ended after 90 days. S: 1-28 Feb, reason " 2 ": ended after 28.
    // U: open from 1 Mar 2021, reason 31: censored after 31 Dec 2022 - 1 Mar 2021 + 1 = 671 days.
    // S(t): at 28 at risk 3, 1 ended: 2/3; at 90 at risk 2, 1 ended: 1/3. Median 90 (first S <= 1/2).
    // Ended with a reason: R (31), S (2): 1 of 2 as planned. Both followed up 365 days, none returned.
    const a = [
      'client_id;gemeente;productcode;productcategorie;begindatum;einddatum;toewijzingnummer;aanbieder;REDEN_BEEINDIGING',
      'rrrr000000000018;GM0014;45A48;45;01-01-2021;31-03-2021;R1;X;31',
      'ssss000000000019;14;45A48;45;1-2-2021;28-2-2021;S1;X; 2 ',
      'uuuu000000000020;GM0014;45A48;45;01-03-2021;;U1;X;31',
      'tttt000000000021;GM0014;45A48;45;31-12-2022;31-01-2023;T1;X;',
    ].join('\r\n') + '\r\n';
    const get = await run([a]);
    expect(get('cohort_youths')).toEqual([3, null]);
    expect(get('ended_as_planned')).toEqual([1, 2]);
    expect(get('duration_class:0-3m')).toEqual([2, 2]);
    expect(get('duration_class:3-6m')).toEqual([0, 2]);
    expect(get('in_trajectory_after:91')).toEqual([2, 3]);
    expect(get.value('in_trajectory_after:91')).toBeCloseTo(1 / 3, 12);
    expect(get('trajectory_duration_median')).toEqual([2, 3]);
    expect(get.value('trajectory_duration_median')).toBe(90);
    expect(get('return_within:365')).toEqual([0, 2]);
    expect(get('prior_care')).toEqual([0, 3]);
    expect(get.value('prior_care')).toBeNull(); // only the Kaplan-Meier rows carry a value
    // --data-until 31 Mar 2021: R's 31 Mar + 30 is not before D: censored after 90; S after 28
    // (S ends 28 Feb, + 30 = 30 Mar < D); U after 31. S(91) = 2/3, no median. Lookback 1000 days
    // changes nothing (no earlier product).
    const cut = await run([a], { dataUntil: '2021-03-31', lookbackDays: 1000 });
    expect(cut('in_trajectory_after:91')).toEqual([1, 3]);
    expect(cut.value('in_trajectory_after:91')).toBeCloseTo(2 / 3, 12);
    expect(cut('trajectory_duration_median')).toEqual([1, 3]);
    expect(cut.value('trajectory_duration_median')).toBeNull();
    expect(cut('ended_as_planned')).toEqual([0, 1]);
    expect(cut('return_within:182')).toEqual([0, 0]);
  });

  // Runs after the cases above (tests in a file run in order): the engine must give the same counts on
  // every one of those inputs. The expected numbers above are hand-worked; this only links the engine.
  it('the engine agrees with the reference on every hand-made case', async () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    const key = (r: { level: string; area: string; measure: string; category: string; bucket: string }): string =>
      [r.level, r.area, r.measure, r.category, r.bucket].join('|');
    const problems: string[] = [];
    for (const c of cases) {
      const e = await runAnalysis({
        inputs: c.inputs, codes: c.codes, regions: c.regions, year: c.year, gapDays: c.gapDays, workers: 1, disclosure: 'off',
        dataUntil: c.dataUntil === undefined ? undefined : Date.parse(`${c.dataUntil}T00:00:00Z`) / 86_400_000, lookbackDays: c.lookbackDays,
      });
      const got = new Map(e.metrics.filter((m) => m.data_kind === 'allocations').map((m) => [key(m), m]));
      for (const r of c.rows) {
        const m = got.get(key(r));
        if (!m) problems.push(`${c.name}: engine has no row ${key(r)}`);
        else if (m.numerator !== r.numerator || m.denominator !== r.denominator)
          problems.push(`${c.name}: ${key(r)} engine ${m.numerator}/${m.denominator}, reference ${r.numerator}/${r.denominator}`);
        else if (SURVIVAL.has(r.measure) && !sameValue(m.value, r.value))
          problems.push(`${c.name}: ${key(r)} engine value ${m.value}, reference value ${r.value}`);
        got.delete(key(r));
      }
      for (const k of got.keys()) problems.push(`${c.name}: reference has no row ${k}`);
    }
    expect(problems.join('\n')).toBe('');
  });
});
