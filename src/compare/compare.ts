// Comparisons (SPEC section 6): the direction of a difference between a municipality and the
// rest of its region, and between a municipality and the rest of all data, from a stated test.
// Pure: no I/O, no clock. Works on the EXACT rows (before disclosure control); the published
// rows only decide whether a comparison may be made at all.

import { CATEGORIES } from '../model/model.js';
import { sdKey } from '../measures/metrics.js';
import { MEASURES, measureOrder } from '../measures/registry.js';
import type { MetricRow } from '../model/model.js';

export type Direction = 'higher' | 'lower' | 'no_clear_difference';

/** Why a comparison was not made (direction null). */
export type NotComparedReason =
  | 'suppressed' // the municipality's published figure is suppressed (or missing from the published rows)
  | 'no_group' // no region (municipality not in the region table) or no group row of this kind
  | 'no_rest' // the group holds no other municipality with figures of this kind
  | 'too_small' // the rest of the group is too small for the normal approximation
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
  against: 'region' | 'all';
  /** null = not compared (suppressed or too small); see `reason`. */
  direction: Direction | null;
  /** Stable id of the test: 'two_proportion_z' (shares) or 'welch_z' (means). */
  test: string;
  /** Only when direction is null. */
  reason?: NotComparedReason;
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

/**
 * Inverse of the standard normal distribution function (Acklam's rational approximation,
 * relative error below 1.2e-9), enough to turn alpha into a critical value.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must lie in (0, 1), got ${p}`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Direction from a z statistic for a two-sided test at level alpha. */
export function directionOf(z: number, alpha: number): Direction {
  const crit = normalQuantile(1 - alpha / 2);
  if (z > crit) return 'higher';
  if (z < -crit) return 'lower';
  return 'no_clear_difference';
}

/** Compared measures (their definitions say so): shares with the two-proportion z-test, means with the Welch z-test. */
const SHARE_SET: ReadonlySet<string> = new Set(MEASURES.filter((d) => d.compared && d.kind === 'share').map((d) => d.id));
const MEAN_SET: ReadonlySet<string> = new Set(MEASURES.filter((d) => d.compared && d.kind === 'mean').map((d) => d.id));

/** A figure's identity (bucketless: the compared measures have no buckets), in one year, gap and group. */
type Figure = Pick<MetricRow, 'level' | 'area' | 'data_kind' | 'measure' | 'category' | 'year' | 'gap_days' | 'breakdown' | 'group'>;
function key(r: Figure): string {
  return [r.level, r.area, r.data_kind, r.measure, r.category, r.year, r.gap_days, r.breakdown, r.group].join('\u0000');
}

function usable(r: MetricRow | undefined): r is MetricRow & { numerator: number; denominator: number } {
  return r !== undefined && r.numerator !== null && r.denominator !== null;
}

/**
 * Compares every municipality with the rest of its region and with the rest of all data, per
 * data kind, measure and category. Shares: two-proportion z-test on the exact counts. Means
 * (products_per_trajectory): Welch z-test on the exact mean (numerator / denominator) with
 * sample standard deviations from `sdByArea` (key `sdKey(level, area, data_kind, measure)`, e.g.
 * `municipality|GM0014|allocations|products_per_trajectory`); the rest's
 * sd follows from the group's and the municipality's by the sum of squares.
 * Two-sided at `alpha` (default 0.05).
 *
 * `published` decides: a municipality whose published row for the figure is suppressed
 * (status 'suppressed', 'secondary' or 'ledger', or value null), or absent, is not compared.
 * Only whole areas are compared (breakdown groups are not).
 * Output order: year, gap, area, data kind, measure (registry order), category (CATEGORIES order), region before all.
 */
export function compareAreas(
  exact: readonly MetricRow[],
  published: readonly MetricRow[],
  regionOf: ReadonlyMap<string, string>,
  sdByArea: ReadonlyMap<string, number>,
  alpha = 0.05,
): Comparison[] {
  if (!(alpha > 0 && alpha < 1)) throw new Error(`compareAreas: alpha must lie in (0, 1), got ${alpha}`);
  const exactByKey = new Map<string, MetricRow>();
  for (const r of exact) exactByKey.set(key(r), r);
  const publishedByKey = new Map<string, MetricRow>();
  for (const r of published) publishedByKey.set(key(r), r);

  const muni = exact.filter(
    (r) => r.level === 'municipality' && r.group === '' && (SHARE_SET.has(r.measure) || MEAN_SET.has(r.measure)),
  );
  const categoryOrder = (c: string): number => (c === '' ? -1 : (CATEGORIES as readonly string[]).indexOf(c));
  const kindOrder = (k: string): number => ['allocations', 'claims', 'mixed'].indexOf(k);
  muni.sort(
    (a, b) =>
      a.year - b.year || a.gap_days - b.gap_days ||
      (a.area < b.area ? -1 : a.area > b.area ? 1 : 0) ||
      kindOrder(a.data_kind) - kindOrder(b.data_kind) ||
      measureOrder(a.measure) - measureOrder(b.measure) ||
      categoryOrder(a.category) - categoryOrder(b.category),
  );

  const out: Comparison[] = [];
  for (const m of muni) {
    const region = regionOf.get(m.area) ?? null;
    const isShare = SHARE_SET.has(m.measure);
    const test = isShare ? TEST_TWO_PROPORTION : TEST_WELCH;
    const pub = publishedByKey.get(key(m));
    const suppressed =
      pub === undefined || pub.status === 'suppressed' || pub.status === 'secondary' || pub.value === null;

    for (const against of ['region', 'all'] as const) {
      const base = {
        year: m.year,
        gap_days: m.gap_days,
        area: m.area,
        region,
        data_kind: m.data_kind,
        measure: m.measure,
        category: m.category,
        against,
        test,
      };
      const notCompared = (reason: NotComparedReason): Comparison => ({ ...base, direction: null, reason });
      if (suppressed) {
        out.push(notCompared('suppressed'));
        continue;
      }
      const groupLevel = against === 'region' ? 'region' : 'all';
      const groupArea = against === 'region' ? region : 'all';
      const group = groupArea === null ? undefined : exactByKey.get(key({ ...m, level: groupLevel, area: groupArea }));
      if (!usable(group) || !usable(m)) {
        out.push(notCompared('no_group'));
        continue;
      }
      const n1 = m.denominator;
      const n2 = group.denominator - m.denominator;
      if (n2 <= 0) {
        out.push(notCompared('no_rest'));
        continue;
      }
      if (n1 <= 0) {
        out.push(notCompared('too_small'));
        continue;
      }
      if (isShare) {
        const k1 = m.numerator;
        const k2 = group.numerator - m.numerator;
        const pooled = (k1 + k2) / (n1 + n2);
        const expectedOk = [n1, n2].every((n) => n * pooled >= MIN_EXPECTED && n * (1 - pooled) >= MIN_EXPECTED);
        const z = twoProportionZ(k1, n1, k2, n2);
        if (!expectedOk || Number.isNaN(z)) {
          out.push(notCompared('too_small'));
          continue;
        }
        out.push({ ...base, direction: directionOf(z, alpha) });
      } else {
        const sdM = sdByArea.get(sdKey(m));
        const sdG = sdByArea.get(sdKey({ ...m, level: groupLevel, area: groupArea! }));
        if (sdM === undefined || sdG === undefined || !Number.isFinite(sdM) || !Number.isFinite(sdG)) {
          out.push(notCompared('no_sd'));
          continue;
        }
        if (n1 < MIN_MEAN_N || n2 < MIN_MEAN_N) {
          out.push(notCompared('too_small'));
          continue;
        }
        const rest = restMoments({ n: group.denominator, sum: group.numerator, sd: sdG }, { n: n1, sum: m.numerator, sd: sdM });
        const z = rest === null ? NaN : welchZ(m.numerator / n1, sdM, n1, rest.mean, rest.sd, rest.n);
        if (Number.isNaN(z)) {
          out.push(notCompared('too_small'));
          continue;
        }
        out.push({ ...base, direction: directionOf(z, alpha) });
      }
    }
  }
  return out;
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
