// Counters -> the tidy metrics table of SPEC section 9, exact (before disclosure control), one
// row per cell of every measure definition, in the registry's order.
import { gmLabel, type FigureKind, type Level, type MetricRow } from '../model/model.js';
import { wilson } from './intervals.js';
import { codeEnded, codeTime, KIND_KEYS, LAYOUT, layoutOf, mergeInto, packKey, unpackKey, type Curves, type Counters, type KindKey, type Layout } from './counters.js';
import { slotsPerCell, type MeasureDefinition } from './measure.js';
import { CURVES, MEASURES } from './registry.js';
import { EMPTY_HISTOGRAM, histogramTotals, medianSurvival, mergeHistograms, survivalAt, type DurationHistogram } from '../definitions/survival.js';

/** One cohort year, gap and breakdown group of a run (indexes, as in the counters' group keys). */
export interface Slice {
  year: number;
  gap: number;
  group: number;
}

export interface AreaFigures {
  slice: Slice;
  level: Level;
  area: string;
  kind: FigureKind;
  v: Float64Array;
  /** The area's duration curves (one per CURVES entry), as histograms. */
  curves: DurationHistogram[];
}

/**
 * Sums the municipality vectors into municipality, region and all areas: per slice (year, gap,
 * group, in key order), then municipalities, regions and all, then data kinds.
 */
export function rollUp(counters: Counters, regionOf: ReadonlyMap<number, string>, curves: Curves = new Map()): AreaFigures[] {
  const slices = new Map<number, { slice: Slice; byGm: Map<number, Map<KindKey, Float64Array>> }>();
  for (const k of [...counters.keys()].sort((a, b) => a - b)) {
    const key = unpackKey(k);
    const sk = packKey({ ...key, kind: 0, gm: 0 });
    let s = slices.get(sk);
    if (!s) slices.set(sk, (s = { slice: { year: key.year, gap: key.gap, group: key.group }, byGm: new Map() }));
    let kinds = s.byGm.get(key.gm);
    if (!kinds) s.byGm.set(key.gm, (kinds = new Map<KindKey, Float64Array>()));
    kinds.set(key.kind, counters.get(k)!);
  }
  const out: AreaFigures[] = [];
  for (const { slice, byGm } of slices.values()) {
    // Each municipality's curves as histograms once; areas sum them (mergeHistograms).
    const histograms = new Map<number, DurationHistogram[]>();
    const curvesOf = (gm: number, kind: KindKey): DurationHistogram[] => {
      const k = packKey({ ...slice, kind, gm });
      let h = histograms.get(k);
      if (!h) histograms.set(k, (h = (curves.get(k) ?? []).map(histogramOfCurve)));
      return h;
    };
    const sum = (filter: (gm: number) => boolean) => {
      const total: Counters = new Map();
      const totalCurves = new Map<KindKey, DurationHistogram[]>();
      for (const [gm, kinds] of byGm) {
        if (!filter(gm)) continue;
        mergeInto(total, kinds);
        for (const kind of kinds.keys()) {
          const mine = curvesOf(gm, kind);
          const so = totalCurves.get(kind);
          totalCurves.set(kind, so ? mine.map((h, i) => mergeHistograms(so[i] ?? EMPTY_HISTOGRAM, h)) : mine);
        }
      }
      return { vectors: total as Map<KindKey, Float64Array>, curves: totalCurves };
    };
    const push = (level: Level, area: string, { vectors, curves: c }: ReturnType<typeof sum>) => {
      // Mixed (both kinds stitched together) is shown only where an area really holds both kinds.
      const both = vectors.has(0) && vectors.has(1);
      for (const k of [0, 1, 2] as KindKey[]) {
        const v = vectors.get(k);
        if (v && (k !== 2 || both)) out.push({ slice, level, area, kind: KIND_KEYS[k], v, curves: c.get(k) ?? [] });
      }
    };
    const gms = [...byGm.keys()].sort((a, b) => a - b);
    for (const gm of gms) push('municipality', gmLabel(gm), sum((g) => g === gm));
    const regions = [...new Set(gms.map((g) => regionOf.get(g)).filter((r): r is string => r !== undefined))].sort();
    for (const r of regions) push('region', r, sum((g) => regionOf.get(g) === r));
    push('all', 'all', sum(() => true));
  }
  return out;
}

/** A curve's sparse counts as the survival module's histogram. */
function histogramOfCurve(m: ReadonlyMap<number, number>): DurationHistogram {
  const byTime = new Map<number, [number, number]>();
  for (const [code, n] of m) {
    const t = codeTime(code);
    const e = byTime.get(t) ?? [0, 0];
    e[codeEnded(code) ? 0 : 1] += n;
    byTime.set(t, e);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  return { times, events: times.map((t) => byTime.get(t)![0]), censored: times.map((t) => byTime.get(t)![1]) };
}

/** Sample standard deviation of a mean measure's cell from its sums, or null below 2 values. */
export function meanSd(sum: number, n: number, sumSq: number): number | null {
  if (n < 2) return null;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1)));
}

/** The exact rows of one measure in one area. */
function measureRows(a: AreaFigures, d: MeasureDefinition, layout: Layout, labels: SliceLabels): MetricRow[] {
  const g = labels.groups[a.slice.group];
  const slice = { year: labels.years[a.slice.year], gap_days: labels.gaps[a.slice.gap], breakdown: g.breakdown, group: g.group };
  const v = a.v;
  const base = layout.offsets.get(d.id)!;
  const stride = slotsPerCell(d);
  return d.cells.map((cell, i) => {
    const at = base + i * stride;
    const row = (numerator: number, denominator: number | null, value: number | null, ci: readonly [number | null, number | null] | null): MetricRow => ({
      level: a.level, area: a.area, data_kind: a.kind, ...slice, measure: d.id, category: cell.category, bucket: cell.bucket,
      numerator, denominator, value,
      ci_low: ci ? ci[0] : null, ci_high: ci ? ci[1] : null,
      status: 'internal',
    });
    switch (d.kind) {
      case 'count':
        return row(v[at], null, v[at], null);
      case 'share': {
        const k = v[at];
        const n = v[at + 1];
        return row(k, n, n > 0 ? k / n : null, n > 0 ? wilson(k, n) : null);
      }
      case 'distribution': {
        const k = v[at];
        const n = v[base + d.cells.length];
        return row(k, n, n > 0 ? k / n : null, n > 0 ? wilson(k, n) : null);
      }
      case 'mean': {
        const sum = v[at];
        const n = v[at + 1];
        const mean = n > 0 ? sum / n : null;
        if (!d.interval) return row(sum, n, mean, null);
        const sd = meanSd(sum, n, v[at + 2]);
        const half = mean !== null && sd !== null ? (1.96 * sd) / Math.sqrt(n) : null;
        return row(sum, n, mean, mean !== null && half !== null ? [mean - half, mean + half] : null);
      }
      case 'survival': {
        const h = a.curves[CURVE_INDEX.get(d.curve!.id)!] ?? EMPTY_HISTOGRAM;
        const { events, trajectories } = histogramTotals(h);
        const curve = { histogram: h, statistic: d.curve!.statistic, days: Number(cell.bucket) };
        if (d.curve!.statistic === 'median') {
          const m = trajectories > 0 ? medianSurvival(h) : null;
          return { ...row(events, trajectories, m?.value ?? null, m ? [m.low, m.high] : null), curve };
        }
        // S(t): its numerator is the trajectories ended within t days.
        let ended = 0;
        for (let j = 0; j < h.times.length && h.times[j] <= curve.days; j++) ended += h.events[j];
        const s = trajectories > 0 ? survivalAt(h, curve.days) : null;
        return { ...row(ended, trajectories, s?.value ?? null, s ? [s.low, s.high] : null), curve };
      }
    }
  });
}

const CURVE_INDEX = new Map(CURVES.map((c, i) => [c.id, i]));

/** Standard deviations of the mean measures with an interval, keyed by sdKey. */
export type SdIndex = Map<string, number>;

/** The figure a standard deviation belongs to: `${level}|${area}|${data_kind}|${measure}|${year}|${gap_days}|${breakdown}|${group}`. */
export const sdKey = (r: Pick<MetricRow, 'level' | 'area' | 'data_kind' | 'measure' | 'year' | 'gap_days' | 'breakdown' | 'group'>): string =>
  `${r.level}|${r.area}|${r.data_kind}|${r.measure}|${r.year}|${r.gap_days}|${r.breakdown}|${r.group}`;

/** What the slice indexes of the group keys stand for. groups[0] is the whole area ('', ''). */
export interface SliceLabels {
  years: readonly number[];
  gaps: readonly number[];
  groups: readonly { breakdown: string; group: string }[];
}

export interface MetricsOptions {
  curves?: Curves;
  /** Default: one year and one gap labelled 0, no breakdown (tests of the arithmetic). */
  labels?: SliceLabels;
  /** Optional input columns some source has: a definition that `requires` one is left out without it. */
  columns?: ReadonlySet<string>;
  defs?: readonly MeasureDefinition[];
  layout?: Layout;
}

export function buildMetrics(counters: Counters, regionOf: ReadonlyMap<number, string>, opts: MetricsOptions = {}): { rows: MetricRow[]; sd: SdIndex } {
  const all = opts.defs ?? MEASURES;
  const layout = opts.layout ?? (opts.defs ? layoutOf(all) : LAYOUT);
  const defs = all.filter((d) => d.requires === undefined || (opts.columns?.has(d.requires) ?? false));
  const labels = opts.labels ?? { years: [0], gaps: [0], groups: [{ breakdown: '', group: '' }] };
  const rows: MetricRow[] = [];
  const sd: SdIndex = new Map();
  for (const a of rollUp(counters, regionOf, opts.curves)) {
    for (const d of defs) {
      const mine = measureRows(a, d, layout, labels);
      rows.push(...mine);
      if (d.kind !== 'mean' || !d.interval) continue;
      const at = layout.offsets.get(d.id)!;
      const s = meanSd(a.v[at], a.v[at + 1], a.v[at + 2]);
      if (s !== null) sd.set(sdKey(mine[0]), s);
    }
  }
  return { rows, sd };
}
