// Comparisons (SPEC sections 6 and 12): the direction of a difference between a municipality and
// its region, and between a municipality and all data, from a stated test. This module holds the
// comparison rows and the pairwise tests of SPEC 6 (`--compare pairwise`; the Welch test of means
// is used by both methods); fair.ts holds the funnel plots and indirect standardisation of SPEC 12,
// the default for shares. Pure: no I/O, no clock. Works on the EXACT rows (before disclosure
// control); the published rows decide whether a comparison may be made and give the published figures.

import { CATEGORIES } from '../model/model.js';
import { sdKey } from '../measures/metrics.js';
import { MEASURES, measureOrder } from '../measures/registry.js';
import type { MetricRow } from '../model/model.js';
import { normalQuantile } from './distributions.js';
import type { Band } from './funnel.js';

export { normalQuantile };

export type Direction = 'higher' | 'lower' | 'no_clear_difference';

/** How the municipalities are compared: funnel plots (SPEC 12, default) or the pairwise tests of SPEC 6. */
export type CompareMethod = 'funnel' | 'pairwise';

/** Why a comparison was not made (direction null). */
export type NotComparedReason =
  | 'suppressed' // the municipality's published figure is suppressed (or missing from the published rows)
  | 'no_group' // no region (municipality not in the region table) or no group row of this kind
  | 'no_rest' // the group holds no other municipality with figures of this kind
  | 'too_small' // the rest of the group is too small for the normal approximation, or nothing to compare (n or E is 0)
  | 'no_sd'; // products_per_trajectory without a standard deviation for the municipality or the group

export interface Comparison {
  /** The cohort year and gap of the figures compared (SPEC 11: comparisons carry them). */
  year: number;
  gap_days: number;
  area: string;
  region: string | null;
  data_kind: string;
  measure: string;
  category: string;
  /** return_within's window; empty otherwise. */
  bucket: string;
  against: 'region' | 'all';
  /** raw: the figure itself; standardised: O/E for age group x start category (SPEC 12, against all data only). */
  method: 'raw' | 'standardised';
  /** null = not compared (suppressed or too small); see `reason`. */
  direction: Direction | null;
  /** Stable id of the test: funnel_exact_binomial, funnel_exact_poisson, funnel_normal_phi (SPEC 12), two_proportion_z, welch_z (SPEC 6). */
  test: string;
  /** Only when direction is null. */
  reason?: NotComparedReason;
  /** The municipality's published figure (rounded counts; null when hidden): the observed count O, its denominator n, the share or mean. */
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  /** Standardised rows: E, O/E with its exact 95% interval and the standardised share (O/E) * reference share, published (see fair.ts). */
  expected: number | null;
  oe: number | null;
  oe_low: number | null;
  oe_high: number | null;
  standardised_value: number | null;
  /** Funnel rows: the published share of the reference (region or all data) the limits are drawn around. */
  reference: number | null;
  /** Funnel rows: where the exact figure lies against the limits. */
  band: Band | null;
  /** Funnel rows: the over-dispersion factor of the funnel (2 decimals); the limits are widened by sqrt(phi) when the test says funnel_normal_phi. */
  phi: number | null;
}

export const TEST_TWO_PROPORTION = 'two_proportion_z';
export const TEST_WELCH = 'welch_z';

/**
 * The two-proportion z-test is used when every group has an expected count of at least this
 * many in both outcomes under the pooled share (n·p̂ >= 5 and n·(1−p̂) >= 5), the usual
 * condition for the normal approximation. Otherwise the comparison is 'too_small'.
 */
export const MIN_EXPECTED = 5;
/** The Welch z-test (normal approximation) needs at least this many trajectories in each group. */
export const MIN_MEAN_N = 10;

/** z statistic of the two-proportion test with pooled variance; NaN when undefined. */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return NaN;
  const p1 = k1 / n1;
  const p2 = k2 / n2;
  const p = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (se === 0) return p1 === p2 ? 0 : NaN;
  return (p1 - p2) / se;
}

/** Welch z statistic for two means with their (sample) standard deviations; NaN when undefined. */
export function welchZ(m1: number, s1: number, n1: number, m2: number, s2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return NaN;
  const se = Math.sqrt((s1 * s1) / n1 + (s2 * s2) / n2);
  if (se === 0) return m1 === m2 ? 0 : NaN;
  return (m1 - m2) / se;
}

/**
 * Mean and sample standard deviation of the rest of a group (group minus one member), from
 * the sizes, sums and sample sds of the group and the member. Uses the sum of squares:
 * SS = (n−1)·sd² + n·mean², which adds up over disjoint parts.
 */
export function restMoments(
  group: { n: number; sum: number; sd: number },
  part: { n: number; sum: number; sd: number },
): { n: number; mean: number; sd: number } | null {
  const n = group.n - part.n;
  if (n <= 0) return null;
  const sum = group.sum - part.sum;
  const mean = sum / n;
  const ss = (g: { n: number; sum: number; sd: number }): number =>
    (g.n - 1) * g.sd * g.sd + (g.n > 0 ? (g.sum * g.sum) / g.n : 0);
  const ssRest = ss(group) - ss(part);
  if (n < 2) return { n, mean, sd: NaN };
  const variance = Math.max(0, (ssRest - n * mean * mean) / (n - 1));
  return { n, mean, sd: Math.sqrt(variance) };
}

/** Direction from a z statistic for a two-sided test at level alpha. */
export function directionOf(z: number, alpha: number): Direction {
  const crit = normalQuantile(1 - alpha / 2);
  if (z > crit) return 'higher';
  if (z < -crit) return 'lower';
  return 'no_clear_difference';
}

/** Compared measures (their definitions say so). */
export const SHARE_SET: ReadonlySet<string> = new Set(MEASURES.filter((d) => d.compared && d.kind === 'share').map((d) => d.id));
export const MEAN_SET: ReadonlySet<string> = new Set(MEASURES.filter((d) => d.compared && d.kind === 'mean').map((d) => d.id));

/** A figure's identity in one year, gap and group. */
type Figure = Pick<MetricRow, 'level' | 'area' | 'data_kind' | 'measure' | 'category' | 'bucket' | 'year' | 'gap_days' | 'breakdown' | 'group'>;
export function figureKey(r: Figure): string {
  return [r.level, r.area, r.data_kind, r.measure, r.category, r.bucket, r.year, r.gap_days, r.breakdown, r.group].join('\u0000');
}

export function usable(r: MetricRow | undefined): r is MetricRow & { numerator: number; denominator: number } {
  return r !== undefined && r.numerator !== null && r.denominator !== null;
}

/** A published row that is hidden (suppressed, secondary, ledger) or missing: its municipality is not compared. */
export function hiddenRow(pub: MetricRow | undefined): boolean {
  return pub === undefined || pub.status === 'suppressed' || pub.status === 'secondary' || pub.status === 'ledger' || pub.value === null;
}

/** The exact and published rows by figure, and the compared municipality figures in output order. */
export interface CompareIndex {
  exact: Map<string, MetricRow>;
  published: Map<string, MetricRow>;
  /** Municipality rows of whole areas of compared measures: year, gap, area, data kind, measure (registry order), category (CATEGORIES order), bucket. */
  municipal: MetricRow[];
}

export function compareIndex(exact: readonly MetricRow[], published: readonly MetricRow[]): CompareIndex {
  const exactByKey = new Map<string, MetricRow>();
  for (const r of exact) exactByKey.set(figureKey(r), r);
  const publishedByKey = new Map<string, MetricRow>();
  for (const r of published) publishedByKey.set(figureKey(r), r);
  const municipal = exact.filter(
    (r) => r.level === 'municipality' && r.group === '' && (SHARE_SET.has(r.measure) || MEAN_SET.has(r.measure)),
  );
  const categoryOrder = (c: string): number => (c === '' ? -1 : (CATEGORIES as readonly string[]).indexOf(c));
  const kindOrder = (k: string): number => ['allocations', 'claims', 'mixed'].indexOf(k);
  municipal.sort(
    (a, b) =>
      a.year - b.year || a.gap_days - b.gap_days ||
      (a.area < b.area ? -1 : a.area > b.area ? 1 : 0) ||
      kindOrder(a.data_kind) - kindOrder(b.data_kind) ||
      measureOrder(a.measure) - measureOrder(b.measure) ||
      categoryOrder(a.category) - categoryOrder(b.category) ||
      (a.bucket === b.bucket ? 0 : Number(a.bucket) - Number(b.bucket)),
  );
  return { exact: exactByKey, published: publishedByKey, municipal };
}

/** A comparison row with nothing but its identity, its test and the municipality's published figure. */
export function comparisonBase(
  m: MetricRow, pub: MetricRow | undefined, region: string | null, against: 'region' | 'all', method: 'raw' | 'standardised', test: string,
): Comparison {
  const shown = !hiddenRow(pub);
  return {
    year: m.year, gap_days: m.gap_days, area: m.area, region, data_kind: m.data_kind, measure: m.measure, category: m.category, bucket: m.bucket,
    against, method, direction: null, test,
    numerator: shown ? pub!.numerator : null, denominator: shown ? pub!.denominator : null, value: shown ? pub!.value : null,
    expected: null, oe: null, oe_low: null, oe_high: null, standardised_value: null,
    reference: null, band: null, phi: null,
  };
}

/** The pairwise test of SPEC 6 for one municipality figure against the rest of its region or of all data. */
export function pairwise(
  m: MetricRow, against: 'region' | 'all', index: CompareIndex, regionOf: ReadonlyMap<string, string>,
  sdByArea: ReadonlyMap<string, number>, alpha: number,
): Comparison {
  const region = regionOf.get(m.area) ?? null;
  const isShare = SHARE_SET.has(m.measure);
  const pub = index.published.get(figureKey(m));
  const base = comparisonBase(m, pub, region, against, 'raw', isShare ? TEST_TWO_PROPORTION : TEST_WELCH);
  const notCompared = (reason: NotComparedReason): Comparison => ({ ...base, direction: null, reason });
  if (hiddenRow(pub)) return notCompared('suppressed');
  const groupLevel = against === 'region' ? 'region' : 'all';
  const groupArea = against === 'region' ? region : 'all';
  const group = groupArea === null ? undefined : index.exact.get(figureKey({ ...m, level: groupLevel, area: groupArea }));
  if (!usable(group) || !usable(m)) return notCompared('no_group');
  const n1 = m.denominator;
  const n2 = group.denominator - m.denominator;
  if (n2 <= 0) return notCompared('no_rest');
  if (n1 <= 0) return notCompared('too_small');
  if (isShare) {
    const k1 = m.numerator;
    const k2 = group.numerator - m.numerator;
    const pooled = (k1 + k2) / (n1 + n2);
    const expectedOk = [n1, n2].every((n) => n * pooled >= MIN_EXPECTED && n * (1 - pooled) >= MIN_EXPECTED);
    const z = twoProportionZ(k1, n1, k2, n2);
    if (!expectedOk || Number.isNaN(z)) return notCompared('too_small');
    return { ...base, direction: directionOf(z, alpha) };
  }
  const sdM = sdByArea.get(sdKey(m));
  const sdG = sdByArea.get(sdKey({ ...m, level: groupLevel, area: groupArea! }));
  if (sdM === undefined || sdG === undefined || !Number.isFinite(sdM) || !Number.isFinite(sdG)) return notCompared('no_sd');
  if (n1 < MIN_MEAN_N || n2 < MIN_MEAN_N) return notCompared('too_small');
  const rest = restMoments({ n: group.denominator, sum: group.numerator, sd: sdG }, { n: n1, sum: m.numerator, sd: sdM });
  const z = rest === null ? NaN : welchZ(m.numerator / n1, sdM, n1, rest.mean, rest.sd, rest.n);
  if (Number.isNaN(z)) return notCompared('too_small');
  return { ...base, direction: directionOf(z, alpha) };
}

/**
 * SPEC 6, `--compare pairwise`: compares every municipality with the rest of its region and with
 * the rest of all data, per data kind, measure, category and bucket. Shares: two-proportion
 * z-test on the exact counts. Means (products_per_trajectory): Welch z-test on the exact mean
 * (numerator / denominator) with sample standard deviations from `sdByArea` (key `sdKey`, e.g.
 * `municipality|GM0014|allocations|products_per_trajectory|2021|30||`); the rest's sd follows
 * from the group's and the municipality's by the sum of squares. Two-sided at `alpha` (default 0.05).
 *
 * `published` decides: a municipality whose published row for the figure is suppressed
 * (status 'suppressed', 'secondary' or 'ledger', or value null), or absent, is not compared.
 * Only whole areas are compared (breakdown groups are not).
 * Output order: year, gap, area, data kind, measure (registry order), category (CATEGORIES order), bucket, region before all.
 */
export function compareAreas(
  exact: readonly MetricRow[],
  published: readonly MetricRow[],
  regionOf: ReadonlyMap<string, string>,
  sdByArea: ReadonlyMap<string, number>,
  alpha = 0.05,
): Comparison[] {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`compareAreas: alpha must lie in (0, 1), got ${alpha}`);
  const index = compareIndex(exact, published);
  return index.municipal.flatMap((m) => (['region', 'all'] as const).map((against) => pairwise(m, against, index, regionOf, sdByArea, alpha)));
}

/**
 * Replaces the area of every comparison by its published label (see src/disclosure/labels.ts),
 * for runs that publish 'Gemeente A' instead of codes. Compare first, on rows that still carry
 * codes (exact and published alike), then relabel. Throws when an area has no label, as relabel does.
 */
export function relabelComparisons(comparisons: readonly Comparison[], labels: ReadonlyMap<string, string>): Comparison[] {
  return comparisons.map((c) => {
    const label = labels.get(c.area);
    if (label === undefined) throw new Error(`relabelComparisons: no label for municipality '${c.area}'`);
    return { ...c, area: label };
  });
}
