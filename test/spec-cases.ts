// The spec cases: one table of small named cases, the definition's readable home. Each case is
// worked out by hand from SPEC.md (/work/shared/SPEC.md) and docs/definitions.md, and every engine
// runs every case (test/spec-cases.test.ts): the TypeScript engine through runAnalysis and the
// independent DuckDB reference (test/reference/reference.sql).
//
// A case:
//   name, spec     a short name and the SPEC section(s) it illustrates
//   year, gap      settings: cohort year Y (default 2021) and gapDays (default 30)
//   dataUntil, lookbackDays   settings of SPEC 10: the data cut-off D (YYYY-MM-DD, default: from
//                  the data) and the prior-care lookback L (default 365)
//   rows           input rows, one per line, columns separated by spaces:
//                    source client gemeente code start end [allocation] [provider] [reason]
//                  `-` = empty (an empty end is an open product). When a row of the case gives a
//                  reason (reden_beeindiging, iJw JZ588: 31 = volgens plan), every input file of
//                  the case has that column; otherwise none has it. `source` names the input file:
//                  alloc, alloc2, ... are allocations (toewijzingen), claims, claims2, ... claims
//                  (declaraties); the files are given to the run in order of first appearance.
//   expect         expected metrics rows (SPEC 9), one per line:
//                    [data_kind] measure area category-or-bucket numerator denominator [=value]
//                  `-` = empty (no category/bucket; no denominator, as for cohort_youths). The
//                  value, given for the Kaplan-Meier rows (in_trajectory_after, trajectory_duration_median),
//                  is a number, a fraction (`=3/4`) or `=-` (empty), and must match to 1e-9. The level
//                  follows from the area: `all`, a region name, or a GM code. data_kind may be left
//                  out when all sources of the case are of one kind (then it is that kind).
//   areas          optional: exactly the `area:data_kind` pairs that have rows
//   rejected, unmapped   optional, TypeScript engine only (the reference writes no manifest):
//                  rows rejected in all sources; the manifest's unmapped codes
//
// Every expected row must be present in an engine's output with exactly these counts: a row
// that is missing fails (it never passes as 0). Rows a case does not list are not checked
// against the case (a case pins only what it illustrates); test/spec-cases.test.ts does check
// that both engines give the same rows, listed or not.
//
// Codes: G1 = ggz, A1 = ambulant_non_ggz, V1 = verblijf_non_ggz, J1 = jeugdbescherming
// (SPEC_CODES); any other code is unmapped. Regions: GM0014 and GM0034 form "Noord", GM0363 is
// "West" (SPEC_REGIONS). Day arithmetic in the comments: "2 Mar - 31 Jan = 30" means the start
// lies 30 days after that end (2021 is not a leap year).
//
// Reading of docs/definitions.md for the areas (Levels and kinds): an area gets rows of a data
// kind when at least one cohort youth of that kind is counted there (its municipality is the
// client's municipality in that kind), and mixed rows only when it has both allocations and
// claims rows; region and all sums take every municipality's mixed counts, shown or not.

export type DataKind = 'allocations' | 'claims';
export type FigureKind = DataKind | 'mixed';

export interface SpecCase {
  name: string;
  /** SPEC section(s) the case illustrates, e.g. '4' or '2, 5'. */
  spec: string;
  year?: number;
  gap?: number;
  /** SPEC 10: the data cut-off D, YYYY-MM-DD (default: from the data). */
  dataUntil?: string;
  /** SPEC 10: the prior-care lookback in days (default 365). */
  lookbackDays?: number;
  rows: string;
  expect: string;
  areas?: string;
  rejected?: number;
  unmapped?: { code: string; gemeente: string; products: number }[];
}

export interface SpecRow {
  client: string;
  gemeente: string;
  code: string;
  start: string;
  end: string; // '' = open
  allocation: string;
  provider: string;
  reason: string; // '' = none
}

export interface SpecSource {
  name: string;
  kind: DataKind;
  rows: SpecRow[];
  /** The file has a reden_beeindiging column (some row of the case gives a reason). */
  reasonColumn: boolean;
}

export interface ExpectedRow {
  level: 'municipality' | 'region' | 'all';
  area: string;
  data_kind: FigureKind;
  measure: string;
  category: string;
  bucket: string;
  numerator: number;
  denominator: number | null;
  /** Checked when given (to 1e-9; null = empty). */
  value?: number | null;
}

export const SPEC_CODES = [
  'productcode,category,subcategory',
  'G1,ggz,',
  'A1,ambulant_non_ggz,opvoed_woonbegeleiding',
  'V1,verblijf_non_ggz,',
  'J1,jeugdbescherming,',
].join('\n') + '\n';

export const SPEC_REGIONS = 'gemeente,regio\nGM0014,Noord\nGM0034,Noord\nGM0363,West\n';

export const MEASURES = [
  'cohort_youths', 'in_care_next_year', 'outflow', 'products_per_trajectory', 'trajectories_open',
  'trajectory_size', 'start_category_any', 'start_category_alone', 'products_started',
  'in_trajectory_after', 'trajectory_duration_median', 'duration_class', 'ended_as_planned', 'return_within', 'prior_care',
] as const;
/** The buckets of the measures that have them (SPEC 9, 10). */
export const MEASURE_BUCKETS: Readonly<Record<string, readonly string[]>> = {
  trajectory_size: ['1', '2', '3', '4', '5+'],
  in_trajectory_after: ['91', '182', '365', '730'],
  duration_class: ['0-3m', '3-6m', '6-12m', '1-2y', '2-3y', '3-4y', '4y+'],
  return_within: ['182', '365'],
};
/** The Kaplan-Meier measures: their value is not a plain share of the counts. */
export const SURVIVAL_MEASURES: ReadonlySet<string> = new Set(['in_trajectory_after', 'trajectory_duration_median']);
/** Two values agree: both empty, or within 1e-9. */
export const sameValue = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9;
export const CATEGORIES = [
  'ambulant_non_ggz', 'ggz', 'verblijf_non_ggz', 'overig_multidisciplinair', 'jeugdbescherming', 'jeugdreclassering',
] as const;
const REGIONS = ['Noord', 'West'];

const lines = (table: string): string[][] =>
  table.split('\n').map((l) => l.trim()).filter((l) => l !== '').map((l) => l.split(/\s+/));
const cell = (t: string | undefined): string => (t === undefined || t === '-' ? '' : t);
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The input files of a case, in order of first appearance, with their rows in line order. */
export function sourcesOf(c: SpecCase): SpecSource[] {
  const out: SpecSource[] = [];
  for (const t of lines(c.rows)) {
    const where = `case "${c.name}", row "${t.join(' ')}"`;
    if (t.length < 6 || t.length > 9) throw new Error(`${where}: expected 6 to 9 columns`);
    const m = /^(alloc|claims)\d*$/.exec(t[0]);
    if (!m) throw new Error(`${where}: source must be alloc..., or claims...`);
    const [, client, gemeente, code, start, end] = t;
    if (!isoDay.test(start) || !(end === '-' || isoDay.test(end))) throw new Error(`${where}: dates are YYYY-MM-DD (end may be -)`);
    let s = out.find((x) => x.name === t[0]);
    if (!s) out.push((s = { name: t[0], kind: m[1] === 'alloc' ? 'allocations' : 'claims', rows: [], reasonColumn: false }));
    s.rows.push({ client, gemeente, code, start, end: cell(end), allocation: cell(t[6]), provider: cell(t[7]), reason: cell(t[8]) });
  }
  if (out.length === 0) throw new Error(`case "${c.name}": no rows`);
  const reasons = lines(c.rows).some((t) => t.length === 9);
  for (const s of out) s.reasonColumn = reasons;
  return out;
}

/** The expected rows of a case. */
export function expectedOf(c: SpecCase): ExpectedRow[] {
  const kinds = new Set(sourcesOf(c).map((s) => s.kind));
  const out: ExpectedRow[] = [];
  const seen = new Set<string>();
  for (const line of lines(c.expect)) {
    const where = `case "${c.name}", expected row "${line.join(' ')}"`;
    const t = [...line];
    let value: number | null | undefined;
    if (t.length > 0 && t[t.length - 1].startsWith('=')) {
      const v = t.pop()!.slice(1);
      const frac = /^(\d+)\/(\d+)$/.exec(v);
      if (v === '-') value = null;
      else if (frac) value = Number(frac[1]) / Number(frac[2]);
      else if (/^\d+(\.\d+)?$/.test(v)) value = Number(v);
      else throw new Error(`${where}: a value is =number, =a/b or =-`);
    }
    let kind: FigureKind;
    if (t.length === 6) kind = t.shift() as FigureKind;
    else if (t.length === 5 && kinds.size === 1) kind = [...kinds][0];
    else throw new Error(`${where}: expected [data_kind] measure area category-or-bucket numerator denominator (data_kind is needed when the case has both kinds)`);
    if (!['allocations', 'claims', 'mixed'].includes(kind)) throw new Error(`${where}: unknown data kind ${kind}`);
    const [measure, area, sub, num, den] = t;
    if (!(MEASURES as readonly string[]).includes(measure)) throw new Error(`${where}: unknown measure ${measure}`);
    const buckets = MEASURE_BUCKETS[measure];
    const isBucket = buckets !== undefined;
    const perCategory = measure.startsWith('start_category') || measure === 'products_started';
    if (isBucket && !buckets.includes(sub)) throw new Error(`${where}: bucket must be one of ${buckets.join(' ')}`);
    if (perCategory && !(CATEGORIES as readonly string[]).includes(sub)) throw new Error(`${where}: unknown category ${sub}`);
    if (!isBucket && !perCategory && sub !== '-') throw new Error(`${where}: ${measure} has no category or bucket (use -)`);
    const level = area === 'all' ? 'all' : /^GM\d{4}$/.test(area) ? 'municipality' : 'region';
    if (level === 'region' && !REGIONS.includes(area)) throw new Error(`${where}: unknown area ${area}`);
    if (!/^\d+$/.test(num) || !(den === '-' || /^\d+$/.test(den))) throw new Error(`${where}: counts are whole numbers (denominator may be -)`);
    if ((measure === 'cohort_youths') !== (den === '-')) throw new Error(`${where}: only cohort_youths has no denominator`);
    const row: ExpectedRow = {
      level, area, data_kind: kind, measure,
      category: perCategory ? sub : '', bucket: isBucket ? sub : '',
      numerator: Number(num), denominator: den === '-' ? null : Number(den),
      ...(value === undefined ? {} : { value }),
    };
    const key = rowKey(row);
    if (seen.has(key)) throw new Error(`${where}: listed twice`);
    seen.add(key);
    out.push(row);
  }
  if (out.length === 0) throw new Error(`case "${c.name}": no expected rows`);
  return out;
}

/** The `area:data_kind` pairs of `areas`, sorted (null when the case does not pin them). */
export function areasOf(c: SpecCase): string[] | null {
  return c.areas === undefined ? null : c.areas.split(/\s+/).filter((a) => a !== '').sort();
}

/** level|area|data_kind|measure|category|bucket: the identity of a metrics row. */
export function rowKey(r: { level: string; area: string; data_kind: string; measure: string; category: string; bucket: string }): string {
  return [r.level, r.area, r.data_kind, r.measure, r.category, r.bucket].join('|');
}

export const SPEC_CASES: SpecCase[] = [
  // ---------------------------------------------------------------- SPEC 4: the 30-day rule
  {
    name: 'stitch: a gap of exactly 30 days joins (end 31 Jan, start 2 Mar)',
    spec: '4',
    // 2 Mar - 31 Jan = 30 <= 30: one trajectory of 2 products, maxEnd 31 Mar 2021 <= 31 Dec 2022:
    // closed. No care in 2022: not in care, outflow.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-01-31
      alloc c1 GM0014 A1 2021-03-02 2021-03-31
    `,
    expect: `
      cohort_youths           all    -                 1 -
      in_care_next_year       all    -                 0 1
      outflow                 all    -                 1 1
      products_per_trajectory all    -                 2 1
      trajectories_open       all    -                 0 1
      trajectory_size         all    1                 0 1
      trajectory_size         all    2                 1 1
      start_category_any      all    ambulant_non_ggz  1 1
      start_category_alone    all    ambulant_non_ggz  1 1
      products_started        all    ambulant_non_ggz  2 1
      cohort_youths           GM0014 -                 1 -
      products_per_trajectory Noord  -                 2 1
    `,
    areas: 'GM0014:allocations Noord:allocations all:allocations',
  },
  {
    name: 'stitch: a gap of 31 days splits (end 31 Jan, start 3 Mar)',
    spec: '4',
    // 3 Mar - 31 Jan = 31 > 30: two trajectories of 1, both start in Y and are closed.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-01-31
      alloc c1 GM0014 A1 2021-03-03 2021-03-31
    `,
    expect: `
      cohort_youths           all - 1 -
      products_per_trajectory all - 2 2
      trajectories_open       all - 0 2
      trajectory_size         all 1 2 2
      trajectory_size         all 2 0 2
      outflow                 all - 1 1
    `,
  },
  {
    name: 'stitch: gap setting 0 joins only products that start on or before the latest end',
    spec: '4',
    gap: 0,
    // c1: 1 Feb - 31 Jan = 1 > 0: two trajectories of 1.
    // c2: 31 Jan - 31 Jan = 0 <= 0: one trajectory of 2.
    // Closed trajectories 3 with 4 products.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-01-31
      alloc c1 GM0014 A1 2021-02-01 2021-02-28
      alloc c2 GM0014 A1 2021-01-01 2021-01-31
      alloc c2 GM0014 A1 2021-01-31 2021-02-28
    `,
    expect: `
      cohort_youths           all - 2 -
      products_per_trajectory all - 4 3
      trajectory_size         all 1 2 3
      trajectory_size         all 2 1 3
      trajectories_open       all - 0 3
    `,
  },
  {
    name: 'stitch: nested product, the latest end of the trajectory decides, not the previous row',
    spec: '4',
    // Sorted: V1 1 Jan-31 Dec, A1 Feb (inside it), A1 20 Jan-28 Feb 2022.
    // 20 Jan 2022 - 31 Dec 2021 (maxEnd) = 20 <= 30: joins (against the previous row's end, 28 Feb,
    // it would be 326). One trajectory of 3, maxEnd 28 Feb 2022: closed. In care in 2022.
    // Start: only V1 on 1 Jan. Started in Y: V1 and the February A1 (the 2022 one is not in Y).
    rows: `
      alloc c1 GM0014 V1 2021-01-01 2021-12-31
      alloc c1 GM0014 A1 2021-02-01 2021-02-28
      alloc c1 GM0014 A1 2022-01-20 2022-02-28
    `,
    expect: `
      products_per_trajectory all -                3 1
      trajectory_size         all 3                1 1
      trajectories_open       all -                0 1
      in_care_next_year       all -                1 1
      outflow                 all -                0 1
      start_category_alone    all verblijf_non_ggz 1 1
      start_category_any      all ambulant_non_ggz 0 1
      products_started        all verblijf_non_ggz 1 1
      products_started        all ambulant_non_ggz 1 1
    `,
  },
  {
    name: 'stitch: overlapping products are one trajectory',
    spec: '4',
    // G1 Mar-Jun and A1 May-Aug overlap: one trajectory of 2. Start: G1 alone on 1 Mar.
    rows: `
      alloc c1 GM0014 G1 2021-03-01 2021-06-30
      alloc c1 GM0014 A1 2021-05-01 2021-08-31
    `,
    expect: `
      products_per_trajectory all -                2 1
      trajectory_size         all 2                1 1
      start_category_alone    all ggz              1 1
      start_category_any      all ambulant_non_ggz 0 1
      products_started        all ggz              1 1
      products_started        all ambulant_non_ggz 1 1
    `,
  },
  {
    name: 'stitch: an open product keeps the trajectory open, everything after it joins',
    spec: '4, 5',
    // c1: G1 open from 1 Apr 2021; A1 in 2023 joins it (maxEnd is open). One open trajectory.
    // c2: A1 February, then G1 open from 10 Mar (10 days later): joins, the trajectory is open.
    // No closed trajectory: products_per_trajectory 0/0, every size bucket 0/0. Open products
    // touch 2022: both in care. Started in Y: ggz c1 and c2; ambulant c2 (c1's A1 is in 2023).
    rows: `
      alloc c1 GM0014 G1 2021-04-01 -
      alloc c1 GM0014 A1 2023-06-01 2023-07-01
      alloc c2 GM0014 A1 2021-02-01 2021-02-28
      alloc c2 GM0014 G1 2021-03-10 -
    `,
    expect: `
      cohort_youths           all -                2 -
      trajectories_open       all -                2 2
      products_per_trajectory all -                0 0
      trajectory_size         all 1                0 0
      in_care_next_year       all -                2 2
      outflow                 all -                0 2
      products_started        all ggz              2 2
      products_started        all ambulant_non_ggz 1 1
    `,
  },

  // ---------------------------------------------------------------- SPEC 5: the cohort of year Y
  {
    name: 'cohort: a product started before Y is left out of the trajectory and the start',
    spec: '5',
    // V1 from June 2020 runs through 2021; G1 March-April 2021. Only G1 is stitched: one closed
    // trajectory of 1 started in Y. (Were V1 stitched, G1 would join a trajectory started in 2020,
    // and no trajectory would start in Y.) Start: G1 alone. V1 ends 31 Dec 2021: not in care.
    rows: `
      alloc c1 GM0014 V1 2020-06-01 2021-12-31
      alloc c1 GM0014 G1 2021-03-01 2021-04-30
    `,
    expect: `
      cohort_youths           all -                1 -
      products_per_trajectory all -                1 1
      trajectory_size         all 1                1 1
      in_care_next_year       all -                0 1
      outflow                 all -                1 1
      start_category_alone    all ggz              1 1
      start_category_any      all verblijf_non_ggz 0 1
      products_started        all verblijf_non_ggz 0 0
      products_started        all ggz              1 1
    `,
  },
  {
    name: 'cohort: a product started before Y and running into Y+1 keeps the youth in care',
    spec: '5',
    // V1 June 2020 - March 2022 touches 2022: in care (any start counts). Trajectory: G1 only.
    rows: `
      alloc c1 GM0014 V1 2020-06-01 2022-03-31
      alloc c1 GM0014 G1 2021-03-01 2021-04-30
    `,
    expect: `
      in_care_next_year       all - 1 1
      outflow                 all - 0 1
      products_per_trajectory all - 1 1
      trajectories_open       all - 0 1
    `,
  },
  {
    name: 'cohort: youths with a product starting in Y, from 1 Jan to 31 Dec',
    spec: '5',
    // c1: only a product started in 2020: out. c2: starts 31 Dec 2021: in (ends 15 Jan 2022: in
    // care). c3: starts 1 Jan 2022: out. c4: starts 1 Jan 2021: in. Cohort c2, c4.
    rows: `
      alloc c1 GM0014 V1 2020-06-01 2021-06-30
      alloc c2 GM0014 G1 2021-12-31 2022-01-15
      alloc c3 GM0014 G1 2022-01-01 2022-01-15
      alloc c4 GM0014 G1 2021-01-01 2021-01-10
    `,
    expect: `
      cohort_youths           all -                2 -
      in_care_next_year       all -                1 2
      outflow                 all -                1 2
      products_per_trajectory all -                2 2
      start_category_alone    all ggz              2 2
      start_category_any      all verblijf_non_ggz 0 2
      products_started        all ggz              2 2
    `,
  },
  {
    name: 'start category: alone and any, on the first start day in Y only',
    spec: '5',
    // c1: G1 and A1 both on 1 Feb: a combination (any ggz, any ambulant, alone neither).
    // c2: G1 on 1 Feb, A1 on 2 Feb (not the first day): ggz alone.
    // c3: V1 since 2020 (before Y: not part of the start), J1 on 1 Jun: jeugdbescherming alone.
    // Trajectories: c1 one of 2, c2 one of 2 (A1 overlaps), c3 one of 1: 5 products in 3.
    // V1 ends 31 Dec 2021: nobody in care.
    rows: `
      alloc c1 GM0014 G1 2021-02-01 2021-03-31
      alloc c1 GM0014 A1 2021-02-01 2021-02-28
      alloc c2 GM0014 G1 2021-02-01 2021-02-28
      alloc c2 GM0014 A1 2021-02-02 2021-02-28
      alloc c3 GM0014 V1 2020-01-01 2021-12-31
      alloc c3 GM0014 J1 2021-06-01 2021-06-30
    `,
    expect: `
      cohort_youths           all -                3 -
      start_category_any      all ggz              2 3
      start_category_alone    all ggz              1 3
      start_category_any      all ambulant_non_ggz 1 3
      start_category_alone    all ambulant_non_ggz 0 3
      start_category_any      all jeugdbescherming 1 3
      start_category_alone    all jeugdbescherming 1 3
      start_category_any      all verblijf_non_ggz 0 3
      start_category_alone    all verblijf_non_ggz 0 3
      products_started        all ggz              2 2
      products_started        all ambulant_non_ggz 2 2
      products_started        all jeugdbescherming 1 1
      products_started        all verblijf_non_ggz 0 0
      products_per_trajectory all -                5 3
      in_care_next_year       all -                0 3
    `,
  },
  {
    name: 'municipality of a client: that of the first product in Y; everything counts there',
    spec: '4, 5',
    // c1 moves from GM0014 (file alloc) to GM0034 (file alloc2): 15 Jun - 31 May = 15, one
    // trajectory of 2 (one key across files), counted in GM0014 with both products.
    // c2: GM0363. c3: two products on its first day, in GM0363 and GM0034: the lowest code,
    // GM0034; its GM0363 product counts for GM0034 too. c4: a product before Y in GM0363, its
    // first product in Y in GM0014: GM0014.
    // GM0014: c1 (2 products, 1 trajectory), c4 (1, 1). GM0034: c3 (2 products same day, 1).
    // GM0363: c2 (1, 1). Noord = GM0014 + GM0034: 3 youths, 5 products in 3 trajectories.
    rows: `
      alloc  c1 GM0014 A1 2021-01-10 2021-05-31
      alloc2 c1 GM0034 A1 2021-06-15 2021-12-31
      alloc2 c2 GM0363 G1 2021-01-10 2021-01-20
      alloc  c3 GM0363 G1 2021-04-01 2021-04-30
      alloc  c3 GM0034 A1 2021-04-01 2021-04-30
      alloc  c4 GM0363 V1 2020-05-01 2021-02-01
      alloc  c4 GM0014 A1 2021-03-01 2021-03-31
    `,
    expect: `
      cohort_youths           GM0014 -                2 -
      products_per_trajectory GM0014 -                3 2
      products_started        GM0014 ambulant_non_ggz 3 2
      start_category_any      GM0014 ambulant_non_ggz 2 2
      cohort_youths           GM0034 -                1 -
      start_category_any      GM0034 ggz              1 1
      start_category_any      GM0034 ambulant_non_ggz 1 1
      products_started        GM0034 ggz              1 1
      products_started        GM0034 ambulant_non_ggz 1 1
      products_per_trajectory GM0034 -                2 1
      cohort_youths           GM0363 -                1 -
      products_per_trajectory GM0363 -                1 1
      products_started        GM0363 ggz              1 1
      products_started        GM0363 verblijf_non_ggz 0 0
      cohort_youths           Noord  -                3 -
      products_per_trajectory Noord  -                5 3
      cohort_youths           West   -                1 -
      cohort_youths           all    -                4 -
      products_per_trajectory all    -                6 4
      in_care_next_year       all    -                0 4
    `,
    areas: 'GM0014:allocations GM0034:allocations GM0363:allocations Noord:allocations West:allocations all:allocations',
  },
  {
    name: 'products per trajectory: closed by 31 Dec Y+1, a product in Y+2 within the gap keeps it open',
    spec: '5',
    // c1: Sep 2021 - 15 Dec 2022, then 10 Jan 2023 (26 days): joins, maxEnd in 2023: open.
    // c2: same, then 20 Jan 2023 (36 days): a new trajectory (starts 2023, not counted); the
    //     first is closed with 1 product.
    // c3: May 2021 - 31 Dec 2022: closed (maxEnd on 31 Dec Y+1). c4: May 2021 - 1 Jan 2023: open.
    // Started in Y: 4 trajectories, 2 open, 2 closed of 1 product. All four touch 2022.
    rows: `
      alloc c1 GM0014 A1 2021-09-01 2022-12-15
      alloc c1 GM0014 A1 2023-01-10 2023-03-31
      alloc c2 GM0014 A1 2021-09-01 2022-12-15
      alloc c2 GM0014 A1 2023-01-20 2023-03-31
      alloc c3 GM0014 A1 2021-05-01 2022-12-31
      alloc c4 GM0014 A1 2021-05-01 2023-01-01
    `,
    expect: `
      trajectories_open       all -                2 4
      products_per_trajectory all -                2 2
      trajectory_size         all 1                2 2
      trajectory_size         all 2                0 2
      in_care_next_year       all -                4 4
      outflow                 all -                0 4
      products_started        all ambulant_non_ggz 4 4
    `,
  },
  {
    name: 'in care in Y+1: any product touching Y+1, even after a long gap; care only in Y+2 does not count',
    spec: '5',
    // c1: Feb 2021, then Oct 2022: in care (that trajectory starts in 2022: not counted).
    // c2: Feb 2021, then Jan 2023: not in care. c3: Feb 2021, then 31 Dec 2022 - Jan 2023: in care.
    // c4: Nov 2021 - 1 Jan 2022: in care. c5: Feb 2021, then an open product from Feb 2023: it
    // starts after 31 Dec 2022, not in care. In care: c1, c3, c4.
    // Trajectories started in Y: one per youth, all closed, 1 product each.
    rows: `
      alloc c1 GM0014 A1 2021-02-01 2021-02-28
      alloc c1 GM0014 A1 2022-10-01 2022-10-31
      alloc c2 GM0014 A1 2021-02-01 2021-02-28
      alloc c2 GM0014 A1 2023-01-01 2023-01-31
      alloc c3 GM0014 A1 2021-02-01 2021-02-28
      alloc c3 GM0014 A1 2022-12-31 2023-01-31
      alloc c4 GM0014 A1 2021-11-01 2022-01-01
      alloc c5 GM0014 A1 2021-02-01 2021-02-28
      alloc c5 GM0014 A1 2023-02-01 -
    `,
    expect: `
      cohort_youths           all - 5 -
      in_care_next_year       all - 3 5
      outflow                 all - 2 5
      trajectories_open       all - 0 5
      products_per_trajectory all - 5 5
    `,
  },
  {
    name: 'trajectory size: buckets 4 and 5+',
    spec: '5, 9',
    // c1: six monthly allocations without a number (each row a product), adjacent: one trajectory
    // of 6 (bucket 5+). c2: four of them: bucket 4.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-01-31
      alloc c1 GM0014 A1 2021-02-01 2021-02-28
      alloc c1 GM0014 A1 2021-03-01 2021-03-31
      alloc c1 GM0014 A1 2021-04-01 2021-04-30
      alloc c1 GM0014 A1 2021-05-01 2021-05-31
      alloc c1 GM0014 A1 2021-06-01 2021-06-30
      alloc c2 GM0014 A1 2021-01-01 2021-01-31
      alloc c2 GM0014 A1 2021-02-01 2021-02-28
      alloc c2 GM0014 A1 2021-03-01 2021-03-31
      alloc c2 GM0014 A1 2021-04-01 2021-04-30
    `,
    expect: `
      products_per_trajectory all -                10 2
      trajectory_size         all 5+               1  2
      trajectory_size         all 4                1  2
      trajectory_size         all 1                0  2
      products_started        all ambulant_non_ggz 10 2
    `,
  },
  {
    name: 'cohort year setting: Y = 2022',
    spec: '5',
    year: 2022,
    // c1: a product from 2021 into 2022 (before Y: left out), then 15 Mar - 30 Apr 2022: in the
    //     cohort, one trajectory of 1 (15 Mar - 28 Feb = 15 would join, but the first is left out).
    // c2: Nov 2022 - 31 Dec 2023: closed, in care in 2023. c3 starts in 2023, c4 in 2021: out.
    rows: `
      alloc c1 GM0014 A1 2021-06-01 2022-02-28
      alloc c1 GM0014 A1 2022-03-15 2022-04-30
      alloc c2 GM0014 A1 2022-11-01 2023-12-31
      alloc c3 GM0014 A1 2023-01-01 2023-01-31
      alloc c4 GM0014 A1 2021-03-01 2021-03-31
    `,
    expect: `
      cohort_youths           all -                2 -
      in_care_next_year       all -                1 2
      outflow                 all -                1 2
      products_per_trajectory all -                2 2
      trajectories_open       all -                0 2
      products_started        all ambulant_non_ggz 2 2
    `,
  },

  // ---------------------------------------------------------------- SPEC 2, 3: rows become products
  {
    name: 'products: exact duplicate rows count once, also across files; a different provider is another row',
    spec: '2',
    // c1: the same row twice in one file: 1 product. c2: the same row in two allocation files:
    // 1 product. c3: two rows without an allocation number that differ only in the provider:
    // two distinct rows, two products (same period: one trajectory of 2).
    rows: `
      alloc  c1 GM0014 A1 2021-01-01 2021-01-31
      alloc  c1 GM0014 A1 2021-01-01 2021-01-31
      alloc  c2 GM0014 A1 2021-02-01 2021-02-28
      alloc2 c2 GM0014 A1 2021-02-01 2021-02-28
      alloc  c3 GM0014 A1 2021-03-01 2021-03-31 - P1
      alloc  c3 GM0014 A1 2021-03-01 2021-03-31 - P2
    `,
    expect: `
      cohort_youths           all -                3 -
      products_per_trajectory all -                4 3
      trajectory_size         all 1                2 3
      trajectory_size         all 2                1 3
      products_started        all ambulant_non_ggz 4 3
    `,
  },
  {
    name: 'products: a row whose end lies before its start is rejected, not used',
    spec: '2',
    // The A1 row (end 1 Apr before start 1 May) is dropped: only G1 remains.
    rows: `
      alloc c1 GM0014 A1 2021-05-01 2021-04-01
      alloc c1 GM0014 G1 2021-06-01 2021-06-30
    `,
    expect: `
      cohort_youths           all -                1 -
      start_category_alone    all ggz              1 1
      start_category_any      all ambulant_non_ggz 0 1
      products_started        all ambulant_non_ggz 0 0
      products_per_trajectory all -                1 1
    `,
    rejected: 1,
  },
  {
    name: 'categories: an unmapped code goes to overig en multidisciplinair and is listed',
    spec: '3',
    // ZZ999 is in no mapping row and the rows carry no iJw category: overig_multidisciplinair.
    rows: `
      alloc c1 GM0363 ZZ999 2021-01-05 2021-02-05
      alloc c2 GM0363 ZZ999 2021-03-05 2021-03-06
    `,
    expect: `
      start_category_alone all    overig_multidisciplinair 2 2
      products_started     all    overig_multidisciplinair 2 2
      products_started     GM0363 overig_multidisciplinair 2 2
    `,
    areas: 'GM0363:allocations West:allocations all:allocations',
    unmapped: [{ code: 'ZZ999', gemeente: 'GM0363', products: 2 }],
  },
  {
    name: 'allocation versions: the latest version (the row read last) counts, its period decides',
    spec: '2',
    // c1: T1 for all of 2021, re-issued (read later) ending 31 Mar; T2 15 May - 30 Jun.
    //     T1 = Jan-Mar: 15 May - 31 Mar = 45 > 30, two trajectories. (Were the first version
    //     used, T2 would lie inside T1: one trajectory of 2.)
    // c2: T3 February, re-issued (read later) to 31 Mar 2022: in care in 2022, one product.
    // Cohort 2; trajectories: c1 two of 1, c2 one of 1. In care: c2.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-12-31 T1
      alloc c1 GM0014 A1 2021-01-01 2021-03-31 T1
      alloc c1 GM0014 A1 2021-05-15 2021-06-30 T2
      alloc c2 GM0014 A1 2021-02-01 2021-02-28 T3
      alloc c2 GM0014 A1 2021-02-01 2022-03-31 T3
    `,
    expect: `
      cohort_youths           all -                2 -
      products_per_trajectory all -                3 3
      trajectory_size         all 1                3 3
      products_started        all ambulant_non_ggz 3 2
      in_care_next_year       all -                1 2
    `,
  },
  {
    name: 'allocation versions: per client, across files in run order; the latest version\'s municipality counts',
    spec: '2',
    // Files in order: alloc, then alloc2 (read later).
    // c1: T5 January in alloc, T5 to 30 Jun 2022 in alloc2: one product into 2022, in care.
    // c2: T7 February in GM0014 (alloc), re-issued in GM0363 (alloc2): counted in GM0363.
    // c3: its own T5 in March (the number is per client: not a version of c1's T5).
    // GM0014: c1, c3 (in care c1). GM0363: c2. One closed trajectory of 1 each.
    rows: `
      alloc  c1 GM0014 A1 2021-01-01 2021-01-31 T5
      alloc  c2 GM0014 G1 2021-02-01 2021-02-28 T7
      alloc  c3 GM0014 A1 2021-03-01 2021-03-31 T5
      alloc2 c1 GM0014 A1 2021-01-01 2022-06-30 T5
      alloc2 c2 GM0363 G1 2021-02-01 2021-02-28 T7
    `,
    expect: `
      cohort_youths           GM0014 -                2 -
      in_care_next_year       GM0014 -                1 2
      cohort_youths           GM0363 -                1 -
      start_category_any      GM0363 ggz              1 1
      products_started        GM0363 ggz              1 1
      cohort_youths           Noord  -                2 -
      cohort_youths           West   -                1 -
      cohort_youths           all    -                3 -
      in_care_next_year       all    -                1 3
      products_per_trajectory all    -                3 3
      products_started        all    ambulant_non_ggz 2 2
    `,
    areas: 'GM0014:allocations GM0363:allocations Noord:allocations West:allocations all:allocations',
  },

  // ---------------------------------------------------------------- SPEC 2, 5: claims
  {
    name: 'claims: periods that overlap or follow within 1 day are one product',
    spec: '2',
    // c1: Jan, Feb, Mar follow each other (1 Feb - 31 Jan = 1): one product Jan-Mar; 10 Apr
    //     (10 days after 31 Mar): another product, same trajectory (10 <= 30). 2 products.
    // c2: 2 Feb - 31 Jan = 2 > 1 (1 Feb is not billed): two products, one trajectory.
    // c3: overlapping and nested periods: one product 1 Jan - 15 Feb.
    // c4: March listed before February, 1 Mar - 28 Feb = 1: one product (the order of lines does
    //     not matter).
    // Closed trajectories 4 (one per youth) with 2 + 2 + 1 + 1 = 6 products.
    rows: `
      claims c1 GM0014 G1 2021-01-01 2021-01-31
      claims c1 GM0014 G1 2021-02-01 2021-02-28
      claims c1 GM0014 G1 2021-03-01 2021-03-31
      claims c1 GM0014 G1 2021-04-10 2021-04-30
      claims c2 GM0014 G1 2021-01-01 2021-01-31
      claims c2 GM0014 G1 2021-02-02 2021-02-28
      claims c3 GM0014 G1 2021-01-01 2021-01-31
      claims c3 GM0014 G1 2021-01-15 2021-02-15
      claims c3 GM0014 G1 2021-01-20 2021-01-25
      claims c4 GM0014 G1 2021-03-01 2021-03-31
      claims c4 GM0014 G1 2021-02-01 2021-02-28
    `,
    expect: `
      cohort_youths           all - 4 -
      products_per_trajectory all - 6 4
      trajectory_size         all 1 2 4
      trajectory_size         all 2 2 4
      products_started        all ggz 6 4
      outflow                 all - 4 4
    `,
    areas: 'GM0014:claims Noord:claims all:claims',
  },
  {
    name: 'claims: the provider and the product code distinguish products; the allocation number does not',
    spec: '2',
    // Each youth has January and February periods that follow each other (1 day).
    // c1: providers P1, P2: two products. c2: P1, P1: one. c3: no provider, then P1: two (an
    // empty provider is a group of its own). c4: G1 then A1, same provider: two. c5: same code
    // and provider, allocation numbers X1, X2: one.
    // Products started in Y: ggz 2 + 1 + 2 + 1 + 1 = 7 for 5 youths; ambulant 1 (c4).
    // One trajectory per youth: sizes 2, 1, 2, 2, 1.
    rows: `
      claims c1 GM0014 G1 2021-01-01 2021-01-31 -  P1
      claims c1 GM0014 G1 2021-02-01 2021-02-28 -  P2
      claims c2 GM0014 G1 2021-01-01 2021-01-31 -  P1
      claims c2 GM0014 G1 2021-02-01 2021-02-28 -  P1
      claims c3 GM0014 G1 2021-01-01 2021-01-31 -  -
      claims c3 GM0014 G1 2021-02-01 2021-02-28 -  P1
      claims c4 GM0014 G1 2021-01-01 2021-01-31 -  P1
      claims c4 GM0014 A1 2021-02-01 2021-02-28 -  P1
      claims c5 GM0014 G1 2021-01-01 2021-01-31 X1 P1
      claims c5 GM0014 G1 2021-02-01 2021-02-28 X2 P1
    `,
    expect: `
      cohort_youths           all -                5 -
      products_started        all ggz              7 5
      products_started        all ambulant_non_ggz 1 1
      products_per_trajectory all -                8 5
      trajectory_size         all 1                2 5
      trajectory_size         all 2                3 5
      start_category_alone    all ggz              5 5
      start_category_any      all ambulant_non_ggz 0 5
    `,
  },
  {
    name: 'claims: in care in Y+1 means a billed period in Y+1',
    spec: '5',
    // c1: November and December 2021 (one product, ends 31 Dec): not in care.
    // c2: December 2021 and January 2022 (one product Dec-Jan): in care.
    // c3: March 2021, then November 2022 (a trajectory starting in 2022): in care.
    // c4: March 2021, then January 2023: not in care.
    // Trajectories started in Y: one per youth, closed, 1 product each (c2's ends 31 Jan 2022).
    rows: `
      claims c1 GM0014 G1 2021-11-01 2021-11-30
      claims c1 GM0014 G1 2021-12-01 2021-12-31
      claims c2 GM0014 G1 2021-12-01 2021-12-31
      claims c2 GM0014 G1 2022-01-01 2022-01-31
      claims c3 GM0014 G1 2021-03-01 2021-03-31
      claims c3 GM0014 G1 2022-11-01 2022-11-30
      claims c4 GM0014 G1 2021-03-01 2021-03-31
      claims c4 GM0014 G1 2023-01-01 2023-01-31
    `,
    expect: `
      cohort_youths           all -   4 -
      in_care_next_year       all -   2 4
      outflow                 all -   2 4
      products_per_trajectory all -   4 4
      trajectories_open       all -   0 4
      products_started        all ggz 4 4
    `,
  },
  {
    name: 'claims: periods merged across 1 January make a product started before Y',
    spec: '2, 5',
    // c1: December 2020 and January 2021 follow each other: one product from 1 Dec 2020, started
    //     before Y; no product starts in Y: not in the cohort.
    // c2: 1-30 Dec 2020 and January 2021: 1 Jan - 30 Dec = 2 > 1, two products; the January one
    //     starts in Y: in the cohort, one trajectory of 1.
    rows: `
      claims c1 GM0014 G1 2020-12-01 2020-12-31
      claims c1 GM0014 G1 2021-01-01 2021-01-31
      claims c2 GM0014 G1 2020-12-01 2020-12-30
      claims c2 GM0014 G1 2021-01-01 2021-01-31
    `,
    expect: `
      cohort_youths           all -   1 -
      products_per_trajectory all -   1 1
      products_started        all ggz 1 1
      in_care_next_year       all -   0 1
    `,
  },

  // ---------------------------------------------------------------- mixed: both kinds in one run
  {
    name: 'mixed: each kind has its own figures; mixed stitches a client\'s products of both kinds once',
    spec: '5, 9',
    // Sources: alloc (allocations), claims (claims).
    // Allocations: c1 A1 Jan-Mar (GM0014), c3 V1 Feb 2021 - Feb 2022 (GM0363, in care). One
    //   trajectory of 1 each.
    // Claims: c1 A1 Jan, Feb, Mar (one product Jan-Mar) and G1 15 Apr - 15 May (15 days after:
    //   one trajectory of 2); c2 G1 June (GM0014), 1 of 1. Nobody in care.
    // Mixed: c1 has 3 products (the allocation and both claim products): one trajectory of 3;
    //   c2 1 of 1; c3 1 of 1 (in care). Cohort 3, 5 products in 3 trajectories. Started in Y:
    //   ambulant 2 products (c1's allocation and claim) for 1 youth; ggz 2 for c1 and c2.
    // Areas: GM0014 has allocations (c1) and claims (c1, c2), so mixed (c1, c2). GM0363 and West
    //   have allocations only: no claims or mixed rows. Noord and all have both.
    rows: `
      alloc  c1 GM0014 A1 2021-01-01 2021-03-31 T1
      claims c1 GM0014 A1 2021-01-01 2021-01-31
      claims c1 GM0014 A1 2021-02-01 2021-02-28
      claims c1 GM0014 A1 2021-03-01 2021-03-31
      claims c1 GM0014 G1 2021-04-15 2021-05-15
      claims c2 GM0014 G1 2021-06-01 2021-06-30
      alloc  c3 GM0363 V1 2021-02-01 2022-02-28
    `,
    expect: `
      allocations cohort_youths           all    -                2 -
      allocations in_care_next_year       all    -                1 2
      allocations products_per_trajectory all    -                2 2
      allocations cohort_youths           GM0363 -                1 -
      allocations cohort_youths           West   -                1 -
      claims      cohort_youths           all    -                2 -
      claims      cohort_youths           GM0014 -                2 -
      claims      in_care_next_year       all    -                0 2
      claims      products_per_trajectory all    -                3 2
      claims      trajectory_size         all    2                1 2
      mixed       cohort_youths           all    -                3 -
      mixed       in_care_next_year       all    -                1 3
      mixed       outflow                 all    -                2 3
      mixed       products_per_trajectory all    -                5 3
      mixed       trajectory_size         all    3                1 3
      mixed       trajectory_size         all    1                2 3
      mixed       start_category_any      all    ambulant_non_ggz 1 3
      mixed       start_category_any      all    ggz              1 3
      mixed       start_category_any      all    verblijf_non_ggz 1 3
      mixed       products_started        all    ambulant_non_ggz 2 1
      mixed       products_started        all    ggz              2 2
      mixed       cohort_youths           GM0014 -                2 -
      mixed       cohort_youths           Noord  -                2 -
    `,
    areas: `GM0014:allocations GM0014:claims GM0014:mixed GM0363:allocations
      Noord:allocations Noord:claims Noord:mixed West:allocations all:allocations all:claims all:mixed`,
  },
  {
    name: 'mixed: the municipality is that of the first product in Y of either kind; in care from either kind',
    spec: '5, 9',
    // c1: claims G1 February in GM0034, allocation A1 March in GM0014, claims G1 March 2022.
    //   Allocations: GM0014, not in care. Claims: GM0034, in care (March 2022).
    //   Mixed: first product 1 Feb (the claim) -> GM0034; 1 Mar - 28 Feb = 1: one trajectory of 2
    //   (the 2022 claim starts a trajectory of its own, after Y); start ggz alone; in care.
    //   GM0034 has no allocations rows and GM0014 no claims rows, so neither shows mixed rows;
    //   Noord (both kinds) shows c1's mixed figures.
    // c2: allocation G1 and claim A1 both on 1 May, in GM0363: allocations start ggz alone,
    //   claims ambulant alone, mixed a combination of both; mixed one trajectory of 2. Not in care.
    rows: `
      claims c1 GM0034 G1 2021-02-01 2021-02-28
      alloc  c1 GM0014 A1 2021-03-01 2021-03-31
      claims c1 GM0034 G1 2022-03-01 2022-03-31
      alloc  c2 GM0363 G1 2021-05-01 2021-05-31
      claims c2 GM0363 A1 2021-05-01 2021-05-31
    `,
    expect: `
      allocations cohort_youths           GM0014 -                1 -
      allocations in_care_next_year       GM0014 -                0 1
      claims      cohort_youths           GM0034 -                1 -
      claims      in_care_next_year       Noord  -                1 1
      mixed       cohort_youths           Noord  -                1 -
      mixed       in_care_next_year       Noord  -                1 1
      mixed       start_category_alone    Noord  ggz              1 1
      mixed       products_per_trajectory Noord  -                2 1
      mixed       products_started        Noord  ambulant_non_ggz 1 1
      mixed       products_started        Noord  ggz              1 1
      allocations start_category_alone    GM0363 ggz              1 1
      claims      start_category_alone    GM0363 ambulant_non_ggz 1 1
      mixed       cohort_youths           GM0363 -                1 -
      mixed       start_category_any      GM0363 ggz              1 1
      mixed       start_category_any      GM0363 ambulant_non_ggz 1 1
      mixed       start_category_alone    GM0363 ggz              0 1
      mixed       start_category_alone    GM0363 ambulant_non_ggz 0 1
      mixed       products_per_trajectory GM0363 -                2 1
      mixed       cohort_youths           all    -                2 -
      mixed       in_care_next_year       all    -                1 2
      mixed       products_per_trajectory all    -                4 2
      allocations in_care_next_year       all    -                0 2
      claims      in_care_next_year       all    -                1 2
    `,
    areas: `GM0014:allocations GM0034:claims GM0363:allocations GM0363:claims GM0363:mixed
      Noord:allocations Noord:claims Noord:mixed West:allocations West:claims West:mixed
      all:allocations all:claims all:mixed`,
  },

  // ---------------------------------------------------------------- SPEC 10: time in care, return, prior care
  // D = the data cut-off. Ended: no open product and maxEnd + gap < D, duration maxEnd - start + 1;
  // otherwise censored after min(maxEnd, D) - start + 1 days. S(t) (Kaplan-Meier) drops at an
  // event time u by the factor (1 - ended at u / at risk at u), at risk = time >= u.
  {
    name: 'time in care: ended when maxEnd + gap < D, censored when maxEnd + gap = D',
    spec: '10',
    // D (allocations) = latest start of a product = 31 Dec 2022 (c9, not in the 2021 cohort).
    // c1: 1 Jan 2021 - 30 Nov 2022: 30 Nov + 30 = 30 Dec < 31 Dec: ended, duration 699 (class 1-2y).
    // c2: 1 Jan 2021 - 1 Dec 2022: 1 Dec + 30 = 31 Dec = D, not < D: censored after
    //     min(1 Dec, D) - 1 Jan 2021 + 1 = 700 days.
    // c3: open from 1 Jul 2021: censored after D - 1 Jul 2021 + 1 = 549 days.
    // Curve: 549 censored, 699 ended, 700 censored. S = 1 up to 698; at 699 at risk 2 (699, 700),
    // 1 ended: S = 1/2. S(91) = S(182) = S(365) = 1 (0 ended), S(730) = 1/2 (1 ended), median 699.
    // Return windows: c1's maxEnd + 182 lies after D: 0 / 0.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2022-11-30
      alloc c2 GM0014 A1 2021-01-01 2022-12-01
      alloc c3 GM0014 A1 2021-07-01 -
      alloc c9 GM0014 A1 2022-12-31 2023-01-31
    `,
    expect: `
      cohort_youths              all -    3 -
      trajectories_open          all -    1 3
      in_trajectory_after        all 91   0 3 =1
      in_trajectory_after        all 182  0 3 =1
      in_trajectory_after        all 365  0 3 =1
      in_trajectory_after        all 730  1 3 =1/2
      trajectory_duration_median all -    1 3 =699
      duration_class             all 1-2y 1 1
      duration_class             all 2-3y 0 1
      duration_class             all 6-12m 0 1
      return_within              all 182  0 0
      return_within              all 365  0 0
      prior_care                 all -    0 3
      in_trajectory_after        GM0014 730 1 3 =1/2
      trajectory_duration_median Noord  -   1 3 =699
    `,
  },
  {
    name: 'time in care: --data-until sets D; an open product and one ending after D are censored at D',
    spec: '10',
    dataUntil: '2022-06-30',
    // From the data D would be 1 Mar 2021 (the latest start); the setting makes it 30 Jun 2022.
    // c1: open from 1 Mar 2021: censored after 30 Jun 2022 - 1 Mar 2021 + 1 = 487 days.
    // c2: 1 Mar 2021 - 31 Mar 2023 (ends after D): censored after min(31 Mar 2023, D) - start + 1 = 487.
    // c3: 1 Mar - 31 May 2021: 31 May + 30 < D, ended after 92 days: class 3-6m (92 is its first day).
    // S: at 92 at risk 3, 1 ended: 2/3; no later event. S(91) = 1, S(182..730) = 2/3; the curve
    // never reaches 1/2: no median.
    // Return: c3's maxEnd + 182 = 29 Nov 2021 <= D and + 365 = 31 May 2022 <= D: in both
    // denominators; c3 has no later product: 0 / 1.
    rows: `
      alloc c1 GM0014 A1 2021-03-01 -
      alloc c2 GM0014 A1 2021-03-01 2023-03-31
      alloc c3 GM0014 A1 2021-03-01 2021-05-31
    `,
    expect: `
      trajectories_open          all -    2 3
      in_trajectory_after        all 91   0 3 =1
      in_trajectory_after        all 182  1 3 =2/3
      in_trajectory_after        all 730  1 3 =2/3
      trajectory_duration_median all -    1 3 =-
      duration_class             all 0-3m 0 1
      duration_class             all 3-6m 1 1
      return_within              all 182  0 1
      return_within              all 365  0 1
    `,
  },
  {
    name: 'time in care: --data-until inside Y, a trajectory starting after D is left out of the curve',
    spec: '10',
    dataUntil: '2021-06-30',
    // c1: 1 Jan - 31 Mar 2021, 31 Mar + 30 < 30 Jun: ended after 90 days (class 0-3m).
    // c2: 1 Aug - 31 Aug 2021 starts after D: min(31 Aug, D) - 1 Aug + 1 = -31 < 1: not in the curve
    //     (it is still a trajectory started in Y: trajectories_open counts it).
    // c3: 1 Feb - 31 Jul 2021: censored after 30 Jun - 1 Feb + 1 = 150 days.
    // c4: 30 Jun - 10 Jul 2021 starts on D: censored after 1 day, in the curve.
    // Curve: 1 censored, 90 ended, 150 censored. At 90 at risk 2 (c1, c3): S = 1/2 = S(91) = S(730).
    // Median: 90 (S = 1/2 exactly counts).
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-03-31
      alloc c2 GM0014 A1 2021-08-01 2021-08-31
      alloc c3 GM0014 A1 2021-02-01 2021-07-31
      alloc c4 GM0014 A1 2021-06-30 2021-07-10
    `,
    expect: `
      cohort_youths              all -    4 -
      trajectories_open          all -    0 4
      in_trajectory_after        all 91   1 3 =1/2
      in_trajectory_after        all 730  1 3 =1/2
      trajectory_duration_median all -    1 3 =90
      duration_class             all 0-3m 1 1
      return_within              all 182  0 0
    `,
  },
  {
    name: 'duration classes: each boundary of the CBS classes (91/92, 182/183, 365/366, 730/731, 1095/1096, 1461/1462)',
    spec: '10',
    // Every trajectory starts 1 Jan 2021 and lasts the stated number of days (end = start + days - 1).
    // D = 31 Dec 2026 (c99, not in the cohort): all ended. Classes: 0-3m {91}, 3-6m {92, 182},
    // 6-12m {183, 365}, 1-2y {366, 730}, 2-3y {731, 1095}, 3-4y {1096, 1461}, 4y+ {1462}.
    // No censoring: S(t) = share lasting longer than t: S(91) = 11/12, S(182) = 9/12, S(365) = 7/12,
    // S(730) = 5/12; S(366) = 6/12 = 1/2: median 366. Return: the latest maxEnd (1 Jan 2025) + 365
    // <= D: all 12 in both denominators, none came back.
    rows: `
      alloc c01 GM0014 A1 2021-01-01 2021-04-01
      alloc c02 GM0014 A1 2021-01-01 2021-04-02
      alloc c03 GM0014 A1 2021-01-01 2021-07-01
      alloc c04 GM0014 A1 2021-01-01 2021-07-02
      alloc c05 GM0014 A1 2021-01-01 2021-12-31
      alloc c06 GM0014 A1 2021-01-01 2022-01-01
      alloc c07 GM0014 A1 2021-01-01 2022-12-31
      alloc c08 GM0014 A1 2021-01-01 2023-01-01
      alloc c09 GM0014 A1 2021-01-01 2023-12-31
      alloc c10 GM0014 A1 2021-01-01 2024-01-01
      alloc c11 GM0014 A1 2021-01-01 2024-12-31
      alloc c12 GM0014 A1 2021-01-01 2025-01-01
      alloc c99 GM0014 A1 2026-12-31 2027-01-31
    `,
    expect: `
      duration_class             all 0-3m  1 12
      duration_class             all 3-6m  2 12
      duration_class             all 6-12m 2 12
      duration_class             all 1-2y  2 12
      duration_class             all 2-3y  2 12
      duration_class             all 3-4y  2 12
      duration_class             all 4y+   1 12
      in_trajectory_after        all 91    1 12 =11/12
      in_trajectory_after        all 182   3 12 =9/12
      in_trajectory_after        all 365   5 12 =7/12
      in_trajectory_after        all 730   7 12 =5/12
      trajectory_duration_median all -    12 12 =366
      return_within              all 182   0 12
      return_within              all 365   0 12
    `,
  },
  {
    name: 'median: an exact half counts (15/22 x 11/15 = 1/2)',
    spec: '10',
    // D = 31 Dec 2022 (c99). a01-a07 last 10 days, b01-b04 20 days (ended), o01-o11 are open from
    // 1 Jan 2021: censored after 730 days. At 10: at risk 22, 7 ended: S = 15/22. At 20: at risk
    // 15, 4 ended: S = 15/22 * 11/15 = 1/2 exactly (0.5000000000000001 as a product of doubles):
    // median 20. S(91) = ... = S(730) = 1/2 (the censorings at 730 do not lower it).
    rows: `
      alloc a01 GM0014 A1 2021-01-01 2021-01-10
      alloc a02 GM0014 A1 2021-01-01 2021-01-10
      alloc a03 GM0014 A1 2021-01-01 2021-01-10
      alloc a04 GM0014 A1 2021-01-01 2021-01-10
      alloc a05 GM0014 A1 2021-01-01 2021-01-10
      alloc a06 GM0014 A1 2021-01-01 2021-01-10
      alloc a07 GM0014 A1 2021-01-01 2021-01-10
      alloc b01 GM0014 A1 2021-01-01 2021-01-20
      alloc b02 GM0014 A1 2021-01-01 2021-01-20
      alloc b03 GM0014 A1 2021-01-01 2021-01-20
      alloc b04 GM0014 A1 2021-01-01 2021-01-20
      alloc o01 GM0014 A1 2021-01-01 -
      alloc o02 GM0014 A1 2021-01-01 -
      alloc o03 GM0014 A1 2021-01-01 -
      alloc o04 GM0014 A1 2021-01-01 -
      alloc o05 GM0014 A1 2021-01-01 -
      alloc o06 GM0014 A1 2021-01-01 -
      alloc o07 GM0014 A1 2021-01-01 -
      alloc o08 GM0014 A1 2021-01-01 -
      alloc o09 GM0014 A1 2021-01-01 -
      alloc o10 GM0014 A1 2021-01-01 -
      alloc o11 GM0014 A1 2021-01-01 -
      alloc c99 GM0014 A1 2022-12-31 2023-01-31
    `,
    expect: `
      cohort_youths              all -    22 -
      in_trajectory_after        all 91   11 22 =1/2
      in_trajectory_after        all 730  11 22 =1/2
      trajectory_duration_median all -    11 22 =20
      duration_class             all 0-3m 11 11
    `,
  },
  {
    name: 'ended as planned: the reason of the product(s) with the latest end, the lowest code on a tie',
    spec: '10',
    // Reasons (reden_beeindiging, JZ588; 31 = volgens plan). D = 31 Dec 2022 (c99): all but c6 ended.
    // c1: A1 and G1 both end 31 Mar, reasons 31 and 02: the lowest, 2: not as planned.
    // c2: A1 and G1 both end 31 Mar, reasons 31 and none: 31 (the lowest code present).
    // c3: A1 ends 31 Mar with 02, G1 ends 28 Feb with 31: the latest end decides: 2.
    // c4: A1 ends 31 Mar without a reason, G1 ends 28 Feb with 31: no reason: not counted.
    // c5: one product, reason 31.
    // c6: open product with reason 31: not ended, not counted.
    // Ended with a reason: c1, c2, c3, c5 = 4; as planned c2, c5 = 2.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-03-31 - - 31
      alloc c1 GM0014 G1 2021-02-01 2021-03-31 - - 02
      alloc c2 GM0014 A1 2021-01-01 2021-03-31 - - 31
      alloc c2 GM0014 G1 2021-02-01 2021-03-31 - - -
      alloc c3 GM0014 A1 2021-01-01 2021-03-31 - - 02
      alloc c3 GM0014 G1 2021-01-15 2021-02-28 - - 31
      alloc c4 GM0014 A1 2021-01-01 2021-03-31 - - -
      alloc c4 GM0014 G1 2021-01-15 2021-02-28 - - 31
      alloc c5 GM0363 A1 2021-05-01 2021-06-30 - - 31
      alloc c6 GM0363 A1 2021-05-01 -          - - 31
      alloc c99 GM0014 A1 2022-12-31 2023-01-31
    `,
    expect: `
      ended_as_planned all    - 2 4
      ended_as_planned Noord  - 1 3
      ended_as_planned GM0363 - 1 1
      ended_as_planned West   - 1 1
      duration_class   all    0-3m 5 5
    `,
  },
  {
    name: 'ended as planned, claims: a claim product ends as its latest-ending period says',
    spec: '2, 10',
    // Claims periods that follow each other are one product (SPEC 2). D = latest end of a claim
    // period = 31 Dec 2022 (c9).
    // c1: January (no reason) and February (31): the product ends 28 Feb with 31: as planned.
    // c2: January (31) and February (no reason): no reason.
    // c3: January (31) and, overlapping, 15 Jan - 28 Feb (01): 1, not as planned.
    rows: `
      claims c1 GM0014 G1 2021-01-01 2021-01-31 - - -
      claims c1 GM0014 G1 2021-02-01 2021-02-28 - - 31
      claims c2 GM0014 G1 2021-01-01 2021-01-31 - - 31
      claims c2 GM0014 G1 2021-02-01 2021-02-28 - - -
      claims c3 GM0014 G1 2021-01-01 2021-01-31 - - 31
      claims c3 GM0014 G1 2021-01-15 2021-02-28 - - 01
      claims c9 GM0014 G1 2022-12-01 2022-12-31
    `,
    expect: `
      ended_as_planned        all - 1 2
      products_per_trajectory all - 3 3
      duration_class          all 0-3m 3 3
    `,
  },
  {
    name: 'return within 182 and 365 days: only ended trajectories followed up W days within the data',
    spec: '10',
    // D = 30 Jun 2022 (c99, not in the cohort). Trajectories started in 2021 (all ended: each
    // maxEnd + 30 < D):
    //   c1 T1 Jan-Mar 2021 (maxEnd 31 Mar): +182 = 29 Sep 2021, +365 = 31 Mar 2022, both <= D; next
    //      product 1 Jun, 62 days later: returned within 182 and 365.
    //   c1 T2 June 2021 (30 Jun): +182 <= D, +365 = 30 Jun 2022 = D (<= D: followed up); no next.
    //   c2 T1 January (31 Jan): both windows <= D; next 1 Aug, 182 days later: returned in both.
    //   c2 T2 August (31 Aug): +182 = 1 Mar 2022 <= D, +365 = 31 Aug 2022 > D; no next.
    //   c3 T1 January: both <= D; next 2 Aug, 183 days: not within 182, within 365.
    //   c3 T2 August: +182 <= D, +365 > D; no next.
    //   c4 T1 1 Nov 2021 - 31 Jan 2022: +182 = 1 Aug 2022 > D: in neither denominator (its next
    //      product on 15 Mar 2022, 43 days later, does not count). That product starts in 2022.
    // 182: denominator c1T1 c1T2 c2T1 c2T2 c3T1 c3T2 = 6, returned c1T1 c2T1 = 2.
    // 365: denominator c1T1 c1T2 c2T1 c3T1 = 4, returned c1T1 c2T1 c3T1 = 3.
    rows: `
      alloc c1 GM0014 A1 2021-01-01 2021-03-31
      alloc c1 GM0014 A1 2021-06-01 2021-06-30
      alloc c2 GM0014 A1 2021-01-01 2021-01-31
      alloc c2 GM0014 A1 2021-08-01 2021-08-31
      alloc c3 GM0014 A1 2021-01-01 2021-01-31
      alloc c3 GM0014 A1 2021-08-02 2021-08-31
      alloc c4 GM0014 A1 2021-11-01 2022-01-31
      alloc c4 GM0014 A1 2022-03-15 2022-04-15
      alloc c99 GM0014 A1 2022-06-30 2022-07-31
    `,
    expect: `
      cohort_youths     all -   4 -
      trajectories_open all -   0 7
      return_within     all 182 2 6
      return_within     all 365 3 4
    `,
  },
  {
    name: 'prior care: a product ending 365 days before the first start counts, 366 days does not; open ends count',
    spec: '10',
    // First start in Y: 1 Mar 2021 for all; 1 Mar 2021 - 365 days = 1 Mar 2020 (2020 is a leap year).
    // c1: earlier product ends 1 Mar 2020 >= 1 Mar 2020: prior care.
    // c2: earlier product ends 29 Feb 2020, 366 days before: not within 365.
    // c3: an open product since 2019: prior care (and it keeps c3 in care).
    // c4: nothing before Y.
    rows: `
      alloc c1 GM0014 A1 2020-01-01 2020-03-01
      alloc c1 GM0014 A1 2021-03-01 2021-03-31
      alloc c2 GM0014 A1 2020-01-01 2020-02-29
      alloc c2 GM0014 A1 2021-03-01 2021-03-31
      alloc c3 GM0014 A1 2019-01-01 -
      alloc c3 GM0014 A1 2021-03-01 2021-03-31
      alloc c4 GM0014 A1 2021-03-01 2021-03-31
    `,
    expect: `
      prior_care        all    - 2 4
      prior_care        GM0014 - 2 4
      in_care_next_year all    - 1 4
    `,
  },
  {
    name: 'prior care: --lookback-days 366 takes in the product ending 366 days before',
    spec: '10',
    lookbackDays: 366,
    // The rows of the previous case; 1 Mar 2021 - 366 = 29 Feb 2020: c2 counts too.
    rows: `
      alloc c1 GM0014 A1 2020-01-01 2020-03-01
      alloc c1 GM0014 A1 2021-03-01 2021-03-31
      alloc c2 GM0014 A1 2020-01-01 2020-02-29
      alloc c2 GM0014 A1 2021-03-01 2021-03-31
      alloc c3 GM0014 A1 2019-01-01 -
      alloc c3 GM0014 A1 2021-03-01 2021-03-31
      alloc c4 GM0014 A1 2021-03-01 2021-03-31
    `,
    expect: `
      prior_care all - 3 4
    `,
  },
  {
    name: 'prior care: only a product of the same data kind counts (mixed: either kind)',
    spec: '10',
    // c1: an allocation Jun-Dec 2020, then an allocation and a claim period in March 2021.
    // Allocations: prior care. Claims: no earlier claim: none. Mixed: the allocation counts.
    rows: `
      alloc  c1 GM0014 A1 2020-06-01 2020-12-31 T1
      alloc  c1 GM0014 A1 2021-03-01 2021-03-31 T2
      claims c1 GM0014 A1 2021-03-01 2021-03-31
    `,
    expect: `
      allocations prior_care all - 1 1
      claims      prior_care all - 0 1
      mixed       prior_care all - 1 1
    `,
  },
  {
    name: 'claims: D is the latest end of a claim period',
    spec: '10',
    // Claims D = 15 May 2021 (c2's end; the latest start is 11 Apr).
    // c1: March: 31 Mar + 30 = 30 Apr < D: ended after 31 days.
    // c2: 1 Jan - 15 May: censored after min(15 May, D) - 1 Jan + 1 = 135 days.
    // c3: 10-14 Apr: 14 Apr + 30 = 14 May < D: ended after 5 days.
    // c4: 11-15 Apr: 15 Apr + 30 = 15 May = D: censored after 5 days.
    // At 5: at risk 4 (the censoring at 5 comes after the event), 1 ended: 3/4. At 31: at risk 2
    // (c1, c2), 1 ended: 3/8. S(91) = S(730) = 3/8; median 31.
    // (Were D the latest start, 11 Apr, c1 and c3 would be censored.)
    rows: `
      claims c1 GM0014 G1 2021-03-01 2021-03-31
      claims c2 GM0014 G1 2021-01-01 2021-05-15
      claims c3 GM0014 G1 2021-04-10 2021-04-14
      claims c4 GM0014 G1 2021-04-11 2021-04-15
    `,
    expect: `
      in_trajectory_after        all 91   2 4 =3/8
      in_trajectory_after        all 730  2 4 =3/8
      trajectory_duration_median all -    2 4 =31
      duration_class             all 0-3m 2 2
    `,
  },
  {
    name: 'mixed: D is the earlier of the two kinds\' D',
    spec: '10',
    // Allocations D = latest start = 1 Jun 2021 (c2). Claims D = latest end = 30 Sep 2021 (c3).
    // Mixed D = 1 Jun 2021.
    // Allocations: c1 Jan-Mar, ended (30 Apr < 1 Jun) after 90 days; c2 from 1 Jun censored after 1.
    //   At 90 at risk 1: S = 0. S(91) = 0, median 90.
    // Claims: c1 February, ended after 28 days; c3 1 Mar - 30 Sep censored after 214. At 28 at risk
    //   2: S = 1/2 = S(91); median 28.
    // Mixed (D = 1 Jun): c1 allocation Jan-Mar + claim February, one trajectory, ended after 90; c2
    //   censored after 1; c3 censored after min(30 Sep, 1 Jun) - 1 Mar + 1 = 93. At 90 at risk 2 (c1,
    //   c3): S = 1/2. (With the claims D, c3 and c2 would be censored after 214 and 122: S = 2/3.)
    rows: `
      alloc  c1 GM0014 A1 2021-01-01 2021-03-31 T1
      alloc  c2 GM0014 A1 2021-06-01 2021-12-31 T2
      claims c1 GM0014 G1 2021-02-01 2021-02-28
      claims c3 GM0014 G1 2021-03-01 2021-09-30
    `,
    expect: `
      allocations in_trajectory_after        all 91 1 2 =0
      allocations trajectory_duration_median all -  1 2 =90
      claims      in_trajectory_after        all 91 1 2 =1/2
      claims      trajectory_duration_median all -  1 2 =28
      mixed       in_trajectory_after        all 91 1 3 =1/2
      mixed       in_trajectory_after        GM0014 91 1 3 =1/2
      mixed       trajectory_duration_median all -  1 3 =90
      mixed       duration_class             all 0-3m 1 1
    `,
  },

  // ------------------------------------------------- SPEC 10: the data cut-off D, read literally
  // (the TypeScript engine reads D from accepted rows, before products are made: see the case names)
  {
    name: 'cut-off D: claims D is the latest end of a claim period, not a later start of an open claim period',
    spec: '10',
    // SPEC 10: claims D = "the latest end date of any accepted claim period" (only when no claim
    // period has an end: the latest start). Here the latest end is 31 Mar 2021 (c1); c2's open
    // period starts later, 1 Jun 2021, but has no end: D = 31 Mar 2021.
    // c1: March: 31 Mar + 30 is not before D: censored after min(31 Mar, D) - 1 Mar + 1 = 31 days.
    // c2: starts after D: censoring time < 1, left out of the curve.
    // Curve: one trajectory, censored: S(91) = 1 with 0 ended of 1; no median; no ended trajectory.
    // (With D = 1 Jun 2021, the latest start, c1 would have ended after 31 days and c2 be censored
    // after 1: 1 of 2, S(91) = 0 (at 31 only c1 is at risk), median 31.)
    rows: `
      claims c1 GM0014 G1 2021-03-01 2021-03-31
      claims c2 GM0014 G1 2021-06-01 -
    `,
    expect: `
      trajectories_open          all -    1 2
      in_trajectory_after        all 91   0 1 =1
      trajectory_duration_median all -    0 1 =-
      duration_class             all 0-3m 0 0
    `,
  },
  {
    name: 'cut-off D: allocations D is the latest start of a product; a replaced version\'s start does not count',
    spec: '2, 10',
    // T1 of c1 was first issued for September 2021 and re-issued (read later) for March 2021: the
    // product is March (SPEC 2, the latest version counts). SPEC 10: allocations D = "the latest
    // start date of any accepted product" = 1 Mar 2021 (c1's product; c2 starts 1 Jan).
    // c1: March: censored after min(31 Mar, D) - 1 Mar + 1 = 1 day.
    // c2: January: 31 Jan + 30 = 2 Mar, not before D: censored after 31 days.
    // Nobody ended: S(91) = 1 (0 of 2), no median, duration classes 0 / 0.
    // (With D = 1 Sep 2021, the replaced version's start, both would have ended: 2 of 2, S = 0.)
    rows: `
      alloc c1 GM0014 A1 2021-09-01 2021-09-30 T1
      alloc c2 GM0014 A1 2021-01-01 2021-01-31 T2
      alloc c1 GM0014 A1 2021-03-01 2021-03-31 T1
    `,
    expect: `
      products_per_trajectory    all -    2 2
      in_trajectory_after        all 91   0 2 =1
      trajectory_duration_median all -    0 2 =-
      duration_class             all 0-3m 0 0
    `,
  },
];
