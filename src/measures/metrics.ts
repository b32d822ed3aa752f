// Counters -> the tidy metrics table of SPEC section 9, exact (before disclosure control).
import { CATEGORIES, gmLabel, type FigureKind, type Level, type Measure, type MetricRow } from '../model/model.js';
import { wilson } from './intervals.js';
import { SIZE_BUCKETS } from '../definitions/cohort.js';
import { F, KIND_KEYS, keyGm, keyKind, mergeInto, type Counters, type KindKey } from './counters.js';

export interface AreaFigures {
  level: Level;
  area: string;
  kind: FigureKind;
  v: Float64Array;
}

/** Sums the municipality vectors into municipality, region and all areas, in output order. */
export function rollUp(counters: Counters, regionOf: ReadonlyMap<number, string>): AreaFigures[] {
  const byKind = (filter: (gm: number) => boolean): Map<KindKey, Float64Array> => {
    const out: Counters = new Map();
    for (const [k, v] of counters) if (filter(keyGm(k))) mergeInto(out, new Map([[keyKind(k), v]]));
    return out as Map<KindKey, Float64Array>;
  };
  const out: AreaFigures[] = [];
  const push = (level: Level, area: string, kinds: Map<KindKey, Float64Array>) => {
    // Mixed (both kinds stitched together) is shown only where an area really holds both kinds.
    const both = kinds.has(0) && kinds.has(1);
    for (const k of [0, 1, 2] as KindKey[]) {
      const v = kinds.get(k);
      if (v && (k !== 2 || both)) out.push({ level, area, kind: KIND_KEYS[k], v });
    }
  };
  const gms = [...new Set([...counters.keys()].map(keyGm))].sort((a, b) => a - b);
  for (const gm of gms) push('municipality', gmLabel(gm), byKind((g) => g === gm));
  const regions = [...new Set(gms.map((g) => regionOf.get(g)).filter((r): r is string => r !== undefined))].sort();
  for (const r of regions) push('region', r, byKind((g) => regionOf.get(g) === r));
  push('all', 'all', byKind(() => true));
  return out;
}

function row(a: AreaFigures, measure: Measure, category: MetricRow['category'], bucket: string,
  numerator: number, denominator: number | null, value: number | null, ci: [number, number] | null): MetricRow {
  return {
    level: a.level, area: a.area, data_kind: a.kind, measure, category, bucket,
    numerator, denominator, value,
    ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null,
    status: 'internal',
  };
}

function share(a: AreaFigures, measure: Measure, k: number, n: number, category: MetricRow['category'] = '', bucket = ''): MetricRow {
  return row(a, measure, category, bucket, k, n, n > 0 ? k / n : null, n > 0 ? wilson(k, n) : null);
}

/** Standard deviation of products per closed trajectory (sample sd), or null below 2 trajectories. */
export function sizeSd(v: Float64Array): number | null {
  const n = v[F.closedTraj];
  if (n < 2) return null;
  const mean = v[F.closedProducts] / n;
  return Math.sqrt(Math.max(0, (v[F.closedProductsSq] - n * mean * mean) / (n - 1)));
}

/** All figures of one area, in the fixed measure order of MEASURES. */
export function areaMetrics(a: AreaFigures): MetricRow[] {
  const v = a.v;
  const cohort = v[F.cohort];
  const rows: MetricRow[] = [row(a, 'cohort_youths', '', '', cohort, null, cohort, null)];
  rows.push(share(a, 'in_care_next_year', v[F.inCare], cohort));
  rows.push(share(a, 'outflow', cohort - v[F.inCare], cohort));

  const n = v[F.closedTraj];
  const mean = n > 0 ? v[F.closedProducts] / n : null;
  const sd = sizeSd(v);
  const half = mean !== null && sd !== null ? (1.96 * sd) / Math.sqrt(n) : null;
  rows.push(row(a, 'products_per_trajectory', '', '', v[F.closedProducts], n, mean,
    mean !== null && half !== null ? [mean - half, mean + half] : null));
  rows.push(share(a, 'trajectories_open', v[F.trajOpen], v[F.trajStarted]));
  SIZE_BUCKETS.forEach((b, i) => rows.push(share(a, 'trajectory_size', v[F.size + i], n, '', b)));
  CATEGORIES.forEach((c, i) => rows.push(share(a, 'start_category_any', v[F.startAny + i], cohort, c)));
  CATEGORIES.forEach((c, i) => rows.push(share(a, 'start_category_alone', v[F.startAlone + i], cohort, c)));
  CATEGORIES.forEach((c, i) => {
    const p = v[F.startedProducts + i];
    const y = v[F.startedYouths + i];
    rows.push(row(a, 'products_started', c, '', p, y, y > 0 ? p / y : null, null));
  });
  return rows;
}

export function buildMetrics(counters: Counters, regionOf: ReadonlyMap<number, string>): {
  rows: MetricRow[];
  /** sd of products per trajectory, keyed `${level}|${area}|${data_kind}` (for comparisons). */
  sdByArea: Map<string, number>;
} {
  const rows: MetricRow[] = [];
  const sdByArea = new Map<string, number>();
  for (const a of rollUp(counters, regionOf)) {
    rows.push(...areaMetrics(a));
    const sd = sizeSd(a.v);
    if (sd !== null) sdByArea.set(`${a.level}|${a.area}|${a.kind}`, sd);
  }
  return { rows, sdByArea };
}
