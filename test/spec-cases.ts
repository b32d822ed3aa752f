// The spec cases: one table of small named cases, each worked out by hand from SPEC.md and
// docs/definitions.md. Every engine must pass them: the TypeScript engine end to end (any
// worker count, test/spec-cases.test.ts) and the independent DuckDB reference.
//
// Conventions: cohort year 2021, gap 30 days. Codes: G1 = ggz, A1 = ambulant_non_ggz,
// V1 = verblijf_non_ggz, J1 = jeugdbescherming (see SPEC_CODES); anything else is unmapped.
// Municipalities GM0014 and GM0034 form region "Noord"; GM0363 is region "West".
// `expect` keys are `measure`, `measure:category` or `measure:bucket`, optionally `@area`
// (default: level all); values are [numerator, denominator] (denominator null for counts).

export interface SpecRow {
  client: string;
  gemeente: string;
  code: string;
  start: string;
  end: string; // '' = open
  allocation?: string;
  /** Which input file of the case the row goes to (default 0). */
  file?: number;
}

export interface SpecCase {
  name: string;
  kind?: 'allocations' | 'claims';
  rows: SpecRow[];
  /** Trajectories of the first client's products from 1 Jan Y on: [start, maxEnd or 'open', size]. */
  trajectories?: [string, string, number][];
  expect: Record<string, [number, number | null]>;
  rejected?: number;
  unmapped?: { code: string; gemeente: string; products: number }[];
}

export const SPEC_CODES = [
  'productcode,category,subcategory',
  'G1,ggz,',
  'A1,ambulant_non_ggz,opvoed_woonbegeleiding',
  'V1,verblijf_non_ggz,',
  'J1,jeugdbescherming,',
].join('\n') + '\n';

export const SPEC_REGIONS = 'gemeente,regio\nGM0014,Noord\nGM0034,Noord\nGM0363,West\n';

const r = (client: string, gemeente: string, code: string, start: string, end: string, extra: Partial<SpecRow> = {}): SpecRow =>
  ({ client, gemeente, code, start, end, ...extra });

export const SPEC_CASES: SpecCase[] = [
  {
    name: 'gap of exactly 30 days stitches (end 31 Jan, start 2 Mar)',
    rows: [r('c1', 'GM0014', 'A1', '2021-01-01', '2021-01-31'), r('c1', 'GM0014', 'A1', '2021-03-02', '2021-03-31')],
    trajectories: [['2021-01-01', '2021-03-31', 2]],
    expect: {
      cohort_youths: [1, null], outflow: [1, 1], in_care_next_year: [0, 1],
      products_per_trajectory: [2, 1], trajectories_open: [0, 1], 'trajectory_size:2': [1, 1], 'trajectory_size:1': [0, 1],
      'start_category_any:ambulant_non_ggz': [1, 1], 'start_category_alone:ambulant_non_ggz': [1, 1],
      'products_started:ambulant_non_ggz': [2, 1],
    },
  },
  {
    name: 'gap of 31 days splits (end 31 Jan, start 3 Mar)',
    rows: [r('c1', 'GM0014', 'A1', '2021-01-01', '2021-01-31'), r('c1', 'GM0014', 'A1', '2021-03-03', '2021-03-31')],
    trajectories: [['2021-01-01', '2021-01-31', 1], ['2021-03-03', '2021-03-31', 1]],
    expect: { products_per_trajectory: [2, 2], trajectories_open: [0, 2], 'trajectory_size:1': [2, 2], outflow: [1, 1] },
  },
  {
    name: 'nested product: the long product\'s end, not the previous row\'s, decides the gap',
    rows: [
      r('c1', 'GM0014', 'V1', '2021-01-01', '2021-12-31'),
      r('c1', 'GM0014', 'A1', '2021-02-01', '2021-02-28'),
      r('c1', 'GM0014', 'A1', '2022-01-20', '2022-02-28'), // 20 days after 31 Dec, 326 after 28 Feb
    ],
    trajectories: [['2021-01-01', '2022-02-28', 3]],
    expect: {
      products_per_trajectory: [3, 1], trajectories_open: [0, 1], in_care_next_year: [1, 1], outflow: [0, 1],
      'start_category_alone:verblijf_non_ggz': [1, 1], 'products_started:verblijf_non_ggz': [1, 1],
      'products_started:ambulant_non_ggz': [1, 1],
    },
  },
  {
    name: 'overlapping products are one trajectory',
    rows: [r('c1', 'GM0014', 'G1', '2021-03-01', '2021-06-30'), r('c1', 'GM0014', 'A1', '2021-05-01', '2021-08-31')],
    trajectories: [['2021-03-01', '2021-08-31', 2]],
    expect: { products_per_trajectory: [2, 1], 'start_category_alone:ggz': [1, 1], 'start_category_any:ambulant_non_ggz': [0, 1] },
  },
  {
    name: 'an open-ended product keeps the trajectory open: everything after it joins',
    rows: [r('c1', 'GM0014', 'G1', '2021-04-01', ''), r('c1', 'GM0014', 'A1', '2023-06-01', '2023-07-01')],
    trajectories: [['2021-04-01', 'open', 2]],
    expect: { trajectories_open: [1, 1], products_per_trajectory: [0, 0], in_care_next_year: [1, 1], outflow: [0, 1] },
  },
  {
    name: 'a product before Y still running is left out of the trajectory and the start',
    rows: [r('c1', 'GM0014', 'V1', '2020-06-01', '2021-12-31'), r('c1', 'GM0014', 'G1', '2021-03-01', '2021-04-30')],
    trajectories: [['2021-03-01', '2021-04-30', 1]],
    expect: {
      cohort_youths: [1, null], products_per_trajectory: [1, 1], outflow: [1, 1],
      'start_category_alone:ggz': [1, 1], 'start_category_any:verblijf_non_ggz': [0, 1],
      'products_started:verblijf_non_ggz': [0, 0], 'products_started:ggz': [1, 1],
    },
  },
  {
    name: 'a product before Y running into Y+1 keeps the youth in care',
    rows: [r('c1', 'GM0014', 'V1', '2020-06-01', '2022-03-31'), r('c1', 'GM0014', 'G1', '2021-03-01', '2021-04-30')],
    trajectories: [['2021-03-01', '2021-04-30', 1]],
    expect: { in_care_next_year: [1, 1], outflow: [0, 1], products_per_trajectory: [1, 1] },
  },
  {
    name: 'only a product before Y: not in the cohort',
    rows: [
      r('c1', 'GM0014', 'V1', '2020-06-01', '2021-06-30'),
      r('c2', 'GM0014', 'G1', '2021-12-31', '2022-01-15'), // starts on the last day of Y: in
      r('c3', 'GM0014', 'G1', '2022-01-01', '2022-01-15'), // starts on the first day of Y+1: out
    ],
    expect: { cohort_youths: [1, null], in_care_next_year: [1, 1], 'start_category_alone:ggz': [1, 1] },
  },
  {
    name: 'two products on the first day: a combined start',
    rows: [r('c1', 'GM0014', 'G1', '2021-02-01', '2021-03-31'), r('c1', 'GM0014', 'A1', '2021-02-01', '2021-02-28')],
    trajectories: [['2021-02-01', '2021-03-31', 2]],
    expect: {
      'start_category_any:ggz': [1, 1], 'start_category_any:ambulant_non_ggz': [1, 1],
      'start_category_alone:ggz': [0, 1], 'start_category_alone:ambulant_non_ggz': [0, 1],
      products_per_trajectory: [2, 1],
    },
  },
  {
    name: 'a client moving between municipalities (and files) stays one trajectory, counted where care started',
    rows: [
      r('c1', 'GM0014', 'A1', '2021-01-10', '2021-05-31', { file: 0 }),
      r('c1', 'GM0034', 'A1', '2021-06-15', '2021-12-31', { file: 1 }),
      r('c2', 'GM0363', 'G1', '2021-01-10', '2021-01-20', { file: 1 }),
    ],
    trajectories: [['2021-01-10', '2021-12-31', 2]],
    expect: {
      'cohort_youths@GM0014': [1, null], 'products_per_trajectory@GM0014': [2, 1],
      'cohort_youths@Noord': [1, null], 'cohort_youths@West': [1, null],
      'products_per_trajectory@Noord': [2, 1], cohort_youths: [2, null], products_per_trajectory: [3, 2],
    },
  },
  {
    name: 'a trajectory ending in Y+1 that a product in Y+2 reopens is open',
    rows: [r('c1', 'GM0014', 'A1', '2021-09-01', '2022-12-15'), r('c1', 'GM0014', 'A1', '2023-01-10', '2023-03-31')],
    trajectories: [['2021-09-01', '2023-03-31', 2]],
    expect: { trajectories_open: [1, 1], products_per_trajectory: [0, 0], in_care_next_year: [1, 1] },
  },
  {
    name: 'care in Y+1 after a long gap still counts as in care; that trajectory starts after Y',
    rows: [r('c1', 'GM0014', 'A1', '2021-02-01', '2021-02-28'), r('c1', 'GM0014', 'A1', '2022-10-01', '2022-10-31')],
    trajectories: [['2021-02-01', '2021-02-28', 1], ['2022-10-01', '2022-10-31', 1]],
    expect: { in_care_next_year: [1, 1], trajectories_open: [0, 1], products_per_trajectory: [1, 1] },
  },
  {
    name: 'exact duplicate rows count once',
    rows: [r('c1', 'GM0014', 'A1', '2021-01-01', '2021-01-31'), r('c1', 'GM0014', 'A1', '2021-01-01', '2021-01-31')],
    trajectories: [['2021-01-01', '2021-01-31', 1]],
    expect: { products_per_trajectory: [1, 1], 'products_started:ambulant_non_ggz': [1, 1] },
  },
  {
    name: 'a row whose end lies before its start is rejected, not used',
    rows: [r('c1', 'GM0014', 'A1', '2021-05-01', '2021-04-01'), r('c1', 'GM0014', 'G1', '2021-06-01', '2021-06-30')],
    expect: { 'start_category_alone:ggz': [1, 1], 'start_category_any:ambulant_non_ggz': [0, 1], products_per_trajectory: [1, 1] },
    rejected: 1,
  },
  {
    name: 'an unknown code goes to overig en multidisciplinair and is listed',
    rows: [r('c1', 'GM0363', 'ZZ999', '2021-01-05', '2021-02-05'), r('c2', 'GM0363', 'ZZ999', '2021-03-05', '2021-03-06')],
    expect: { 'start_category_alone:overig_multidisciplinair': [2, 2], 'products_started:overig_multidisciplinair': [2, 2] },
    unmapped: [{ code: 'ZZ999', gemeente: 'GM0363', products: 2 }],
  },
  {
    name: 'allocation versions: the row read last counts',
    rows: [
      r('c1', 'GM0014', 'A1', '2021-01-01', '2021-12-31', { allocation: 'T1' }),
      r('c1', 'GM0014', 'A1', '2021-01-01', '2021-03-31', { allocation: 'T1' }), // shortened later
      r('c1', 'GM0014', 'A1', '2021-05-15', '2021-06-30', { allocation: 'T2' }), // 45 days after 31 Mar
    ],
    trajectories: [['2021-01-01', '2021-03-31', 1], ['2021-05-15', '2021-06-30', 1]],
    expect: { products_per_trajectory: [2, 2], 'products_started:ambulant_non_ggz': [2, 1] },
  },
  {
    name: 'claims: monthly lines touching within 1 day are one product',
    kind: 'claims',
    rows: [
      r('c1', 'GM0014', 'G1', '2021-01-01', '2021-01-31'),
      r('c1', 'GM0014', 'G1', '2021-02-01', '2021-02-28'),
      r('c1', 'GM0014', 'G1', '2021-03-01', '2021-03-31'),
      r('c1', 'GM0014', 'G1', '2021-04-10', '2021-04-30'), // 10 days later: a new product, same trajectory
    ],
    trajectories: [['2021-01-01', '2021-04-30', 2]],
    expect: { products_per_trajectory: [2, 1], 'products_started:ggz': [2, 1], outflow: [1, 1] },
  },
];
