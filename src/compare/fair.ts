// Fair comparisons (SPEC 12), the default (`--compare funnel`): every compared share on a funnel
// plot around its reference (the region, or all data), raw and, for the standardised shares,
// indirectly standardised for age group x start category against all data; means keep the Welch
// test of SPEC 6. Directions and bands are decided on the exact counts; the figures a row
// publishes (n, share, E, O/E, standardised share, reference share) come from published counts
// only, so that they give back nothing the metrics rows do not show (docs/definitions.md).
import type { MetricRow } from '../model/model.js';
import type { ComparisonsManifest, WidenedFunnel } from '../model/manifest.js';
import { STRATA, STRATUM_BREAKDOWNS } from '../definitions/breakdowns.js';
import { MEASURES, measure as measureDef } from '../measures/registry.js';
import type { StratumCells } from '../measures/strata.js';
import {
  comparisonBase, compareIndex, figureKey, hiddenRow, MEAN_SET, pairwise, usable,
  type CompareIndex, type CompareMethod, type Comparison, type NotComparedReason,
} from './compare.js';
import { poissonInterval } from './distributions.js';
import { classify, dispersion, exactRatioBand, exactShareBand, ratioLimits, ratioZ, shareLimits, shareZ, type Dispersion } from './funnel.js';
import { standardise, sumStrata, type Standardisation } from './standardise.js';

export const TEST_FUNNEL_BINOMIAL = 'funnel_exact_binomial';
export const TEST_FUNNEL_POISSON = 'funnel_exact_poisson';
export const TEST_FUNNEL_PHI = 'funnel_normal_phi';

/** The level of the exact Poisson interval of O/E (95%). */
const ALPHA = 0.05;
/**
 * The Welch test of means is made at the level of the 99.8% limits (two-sided 0.2%), so that
 * "higher" and "lower" ask for the same evidence throughout the comparisons.
 */
export const FUNNEL_ALPHA = 0.002;

export interface FairInput {
  exact: readonly MetricRow[];
  published: readonly MetricRow[];
  /** Municipality area -> region. */
  regionOf: ReadonlyMap<string, string>;
  sdByArea: ReadonlyMap<string, number>;
  /** The standardised shares per stratum (measures/strata.ts); without them no row is standardised. */
  strata?: readonly StratumCells[];
  /** An internal run (disclosure off): E is published as computed, not from the published count. */
  exactFigures: boolean;
}

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** One funnel: its reference row, the municipalities on it and their dispersion. */
interface RawFunnel {
  group: MetricRow & { numerator: number; denominator: number };
  p0: number;
  members: (MetricRow & { numerator: number; denominator: number })[];
  dispersion: Dispersion;
}

/** Why a share of a municipality is not on the funnel of `against` (null: it is). */
function rawReason(m: MetricRow, index: CompareIndex, group: MetricRow | undefined): NotComparedReason | null {
  if (hiddenRow(index.published.get(figureKey(m)))) return 'suppressed';
  if (!usable(group) || !usable(m)) return 'no_group';
  if (group.denominator - m.denominator <= 0) return 'no_rest';
  if (m.denominator <= 0) return 'too_small';
  return null;
}

function groupRow(m: MetricRow, against: 'region' | 'all', index: CompareIndex, regionOf: ReadonlyMap<string, string>): MetricRow | undefined {
  if (against === 'all') return index.exact.get(figureKey({ ...m, level: 'all', area: 'all' }));
  const region = regionOf.get(m.area);
  return region === undefined ? undefined : index.exact.get(figureKey({ ...m, level: 'region', area: region }));
}

/** A figure's identity without its area: the key of its standardised funnel. */
const figureOf = (r: { data_kind: string; year: number; gap_days: number; measure: string; category: string; bucket: string }): string =>
  [r.data_kind, r.year, r.gap_days, r.measure, r.category, r.bucket].join('\u0000');

export function compareFunnels(input: FairInput): Comparison[] {
  const { regionOf } = input;
  const index = compareIndex(input.exact, input.published);

  // 1. The raw funnels: per reference row, the municipalities on it.
  const raw = new Map<string, RawFunnel>();
  for (const m of index.municipal) {
    if (MEAN_SET.has(m.measure)) continue;
    for (const against of ['region', 'all'] as const) {
      const g = groupRow(m, against, index, regionOf);
      if (rawReason(m, index, g) !== null) continue;
      const gk = figureKey(g!);
      let f = raw.get(gk);
      if (!f) {
        const group = g as RawFunnel['group'];
        raw.set(gk, (f = { group, p0: group.numerator / group.denominator, members: [], dispersion: dispersion([]) }));
      }
      f.members.push(m as RawFunnel['group']);
    }
  }
  for (const f of raw.values()) {
    const z = f.members.map((x) => shareZ(x.numerator, x.denominator, f.p0)).filter((x): x is number => x !== null);
    f.dispersion = dispersion(z);
  }

  // 2. The standardised funnels: per figure, the reference strata (all municipalities) and the municipalities on it.
  const cellsByArea = new Map<string, StratumCells>();
  const byFigure = new Map<string, StratumCells[]>();
  for (const c of input.strata ?? []) {
    cellsByArea.set(`${figureOf(c)}\u0000${c.area}`, c);
    const list = byFigure.get(figureOf(c)) ?? [];
    list.push(c);
    byFigure.set(figureOf(c), list);
  }
  // The reference: all data of the kind, year and gap, every municipality included (SPEC 12).
  const references = new Map([...byFigure].map(([fk, list]) => [fk, sumStrata(list, list[0].n.length)]));
  const std = new Map<string, { results: Map<string, Standardisation>; dispersion: Dispersion }>();
  const standardisedOf = (m: MetricRow): Standardisation | undefined => std.get(figureOf(m))?.results.get(m.area);
  if (input.strata) {
    for (const m of index.municipal) {
      if (!measureDef(m.measure).standardised) continue;
      const fk = figureOf(m);
      let f = std.get(fk);
      if (!f) std.set(fk, (f = { results: new Map(), dispersion: dispersion([]) }));
      const cells = cellsByArea.get(`${fk}\u0000${m.area}`);
      if (!cells) throw new Error(`compareFunnels: no strata for ${m.area} ${m.data_kind} ${m.measure} ${m.bucket}`);
      const s = standardise(cells, references.get(fk)!, false);
      // Every youth is in one stratum: the strata add up to the municipality's own figure.
      if (s.observed !== m.numerator || s.n !== m.denominator || s.missingReference.length > 0) {
        throw new Error(`compareFunnels: the strata of ${m.area} ${m.data_kind} ${m.measure} ${m.bucket} do not add up to its figure`);
      }
      f.results.set(m.area, s);
    }
    for (const [fk, f] of std) {
      const z: number[] = [];
      for (const m of index.municipal) {
        if (figureOf(m) !== fk || hiddenRow(index.published.get(figureKey(m)))) continue;
        const s = f.results.get(m.area)!;
        const zi = ratioZ(s.observed, s.expected);
        if (zi !== null) z.push(zi);
      }
      f.dispersion = dispersion(z);
    }
  }

  // 3. The rows, in the order of the municipality figures: region, all, all standardised.
  const out: Comparison[] = [];
  for (const m of index.municipal) {
    if (MEAN_SET.has(m.measure)) {
      for (const against of ['region', 'all'] as const) out.push(pairwise(m, against, index, regionOf, input.sdByArea, FUNNEL_ALPHA));
      continue;
    }
    const pub = index.published.get(figureKey(m));
    const region = regionOf.get(m.area) ?? null;
    for (const against of ['region', 'all'] as const) {
      const g = groupRow(m, against, index, regionOf);
      const f = g === undefined ? undefined : raw.get(figureKey(g));
      const d = f?.dispersion;
      const base = comparisonBase(m, pub, region, against, 'raw', d?.overdispersed ? TEST_FUNNEL_PHI : TEST_FUNNEL_BINOMIAL);
      const gPub = g === undefined ? undefined : index.published.get(figureKey(g));
      base.reference = hiddenRow(gPub) ? null : gPub!.value;
      base.phi = d === undefined || d.phi === null ? null : round(d.phi, 2);
      const reason = rawReason(m, index, g);
      if (reason !== null || f === undefined) {
        out.push({ ...base, reason: reason ?? 'no_group' });
        continue;
      }
      const k = m.numerator!;
      const n = m.denominator!;
      out.push({ ...base, ...(d!.overdispersed ? classify(k / n, shareLimits(f.p0, n, d!.phi)) : exactShareBand(k, n, f.p0)) });
    }
    if (!input.strata || !measureDef(m.measure).standardised) continue;
    const f = std.get(figureOf(m))!;
    const s = standardisedOf(m)!;
    const d = f.dispersion;
    const base = comparisonBase(m, pub, region, 'all', 'standardised', d.overdispersed ? TEST_FUNNEL_PHI : TEST_FUNNEL_POISSON);
    const all = index.published.get(figureKey({ ...m, level: 'all', area: 'all' }));
    base.reference = hiddenRow(all) ? null : all!.value;
    base.phi = d.phi === null ? null : round(d.phi, 2);
    if (hiddenRow(pub)) {
      out.push({ ...base, reason: 'suppressed' });
      continue;
    }
    if (s.ratio === null) {
      out.push({ ...base, reason: 'too_small' });
      continue;
    }
    const band = d.overdispersed ? classify(s.ratio, ratioLimits(s.expected, d.phi)) : exactRatioBand(s.observed, s.expected);
    out.push({ ...base, ...publishedStandardisation(s, base, input.exactFigures), ...band });
  }
  return out;
}

/**
 * The standardised figures a row publishes, from published numbers only: O is the published
 * (rounded) numerator, E the published denominator times the municipality's expected share E/n
 * (1 decimal), O/E = O/E with the exact 95% Poisson interval of the published O, and the
 * standardised share (O/E) times the published share of all data. An internal run publishes E exactly.
 */
function publishedStandardisation(s: Standardisation, base: Comparison, exactFigures: boolean): Partial<Comparison> {
  const o = base.numerator!;
  const n = base.denominator!;
  const expected = exactFigures ? s.expected : round((n * s.expected) / s.n, 1);
  if (!(expected > 0)) return {};
  const [lo, hi] = poissonInterval(o, ALPHA);
  const ratio = o / expected;
  return {
    expected, oe: ratio, oe_low: lo / expected, oe_high: hi / expected,
    standardised_value: base.reference === null ? null : ratio * base.reference,
  };
}

/** The funnels whose limits were widened (one entry per funnel, in the order of the rows). */
export function widenedFunnels(comparisons: readonly Comparison[]): WidenedFunnel[] {
  const out = new Map<string, WidenedFunnel>();
  for (const c of comparisons) {
    if (c.test !== TEST_FUNNEL_PHI || c.phi === null) continue;
    const reference = c.against === 'all' ? 'all' : c.region ?? '';
    const k = [c.data_kind, c.year, c.gap_days, c.measure, c.category, c.bucket, c.method, reference].join('\u0000');
    const f = out.get(k);
    if (f) {
      if (c.direction !== null) f.municipalities++;
      continue;
    }
    out.set(k, {
      data_kind: c.data_kind, year: c.year, gap_days: c.gap_days, measure: c.measure, category: c.category, bucket: c.bucket,
      method: c.method, reference, municipalities: c.direction !== null ? 1 : 0, phi: c.phi,
    });
  }
  return [...out.values()];
}

/** What the manifest says of the comparisons of a run. */
export function comparisonsManifest(method: CompareMethod, comparisons: readonly Comparison[]): ComparisonsManifest {
  if (method === 'pairwise') {
    return {
      method,
      shares: 'two-proportion z-test (pooled variance) of each municipality against the rest of its region and the rest of all data, two-sided at 5% (SPEC 6)',
      means: 'Welch z-test against the rest of the region and of all data, two-sided at 5%',
    };
  }
  return {
    method,
    shares:
      'funnel plot (SPEC 12): each municipality\'s share against 95% and 99.8% limits around its region\'s and all data\'s share (the municipality included); ' +
      'exact binomial limits (Spiegelhalter 2005, interpolated); higher or lower outside the 99.8% limits; band says within_95, between_95_998 or outside_998',
    means: `Welch z-test against the rest of the region and of all data, two-sided at ${FUNNEL_ALPHA * 100}% (the level of the 99.8% limits)`,
    standardisation: {
      measures: [...new Set(MEASURES.filter((d) => d.standardised).map((d) => d.id))],
      reference: 'indirect: reference rates p_s of all data of the same kind, year and gap (every municipality included); E = sum_s n_ms p_s; ' +
        'O/E with an exact Poisson 95% interval; standardised share = (O/E) x share of all data; funnel limits from Poisson(E) for O',
      strata: { by: [...STRATUM_BREAKDOWNS], groups: [...STRATA] },
      emptyStrata: 'a stratum without youths in the reference has none in any municipality either (the reference holds every municipality): it adds nothing to E and needs no rate',
      published: 'from published counts only: E = published denominator x E/n (1 decimal), O/E = published numerator / E with its interval, ' +
        'standardised share = O/E x published share of all data; all empty when the municipality\'s figure is hidden',
    },
    overdispersion: {
      rule: 'z-scores (share: (p - p0) / sqrt(p0 (1 - p0) / n); O/E: (O - E) / sqrt(E)) winsorised at 10% each side (the floor(k/10) lowest and highest set to the next); ' +
        'phi = mean of their squares; over-dispersed when P(chi-square(k - 1) >= k phi) < 0.05: then the limits are p0 +- z sqrt(phi p0 (1 - p0) / n) (O/E: 1 +- z sqrt(phi / E)), test funnel_normal_phi',
      widened: widenedFunnels(comparisons),
    },
  };
}
