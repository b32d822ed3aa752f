import { describe, expect, it } from 'vitest';
import type { CategoryId, FigureKind, Level, Measure, MetricRow } from '../src/model/model.js';
import { CATEGORIES } from '../src/model/model.js';
import {
  applyDisclosure,
  DEFAULT_DISCLOSURE,
  type AreaTree,
} from '../src/disclosure/disclosure.js';
import type { DisclosureSettings } from '../src/model/manifest.js';
import { wilson } from '../src/measures/intervals.js';
import { roundToBase } from '../src/disclosure/rounding.js';
import { mulberry32 } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// Helpers: exact rows as the engine hands them over (status 'internal').

const COUNT_MEASURES = new Set<Measure>(['cohort_youths']);

interface RowSpec {
  level?: Level;
  area: string;
  kind?: FigureKind;
  measure: Measure;
  category?: CategoryId | '';
  bucket?: string;
  num: number;
  den?: number | null;
  ci?: [number, number] | null;
}

function row(s: RowSpec): MetricRow {
  const den = COUNT_MEASURES.has(s.measure) ? null : (s.den ?? null);
  const value = den === null ? s.num : den === 0 ? null : s.num / den;
  return {
    level: s.level ?? 'municipality',
    area: s.area,
    data_kind: s.kind ?? 'allocations',
    year: 2021,
    gap_days: 30,
    breakdown: '',
    group: '',
    measure: s.measure,
    category: s.category ?? '',
    bucket: s.bucket ?? '',
    numerator: s.num,
    denominator: den,
    value,
    ci_low: s.ci ? s.ci[0] : null,
    ci_high: s.ci ? s.ci[1] : null,
    status: 'internal',
  };
}

const cohort = (area: string, num: number, level: Level = 'municipality', kind: FigureKind = 'allocations') =>
  row({ level, area, kind, measure: 'cohort_youths', num });

const NO_REGIONS: AreaTree = { regionOf: new Map() };
const CBS = DEFAULT_DISCLOSURE;

/** Disclose one row on its own (no groups, no links), for the primary rules. */
function one(r: MetricRow, settings: DisclosureSettings = CBS): MetricRow {
  const out = applyDisclosure([r], settings, NO_REGIONS);
  expect(out).toHaveLength(1);
  return out[0];
}

/** numerator / denominator / value / status of a published or suppressed row, for compact expectations. */
function pub(r: MetricRow) {
  return { numerator: r.numerator, denominator: r.denominator, value: r.value, status: r.status };
}
const SUPPRESSED = { numerator: null, denominator: null, value: null, status: 'suppressed' };
const SECONDARY = { numerator: null, denominator: null, value: null, status: 'secondary' };

function tree(entries: Record<string, string>): AreaTree {
  return { regionOf: new Map(Object.entries(entries)) };
}

// ---------------------------------------------------------------------------------------------

describe('settings', () => {
  it('defaults to the CBS rule: threshold 7, multiples of 5', () => {
    expect(DEFAULT_DISCLOSURE).toEqual({ mode: 'cbs', threshold: 7, roundingBase: 5 });
  });

  it('refuses unusable settings', () => {
    const r = [cohort('GM0001', 10)];
    expect(() => applyDisclosure(r, { ...CBS, threshold: -1 }, NO_REGIONS)).toThrow(/threshold/);
    expect(() => applyDisclosure(r, { ...CBS, threshold: 2.5 }, NO_REGIONS)).toThrow(/threshold/);
    expect(() => applyDisclosure(r, { ...CBS, roundingBase: 0 }, NO_REGIONS)).toThrow(/rounding base/);
    expect(() => applyDisclosure(r, { ...CBS, mode: 'loose' as 'cbs' }, NO_REGIONS)).toThrow(/mode/);
  });

  it('refuses rows that already went through disclosure control', () => {
    const r = { ...cohort('GM0001', 10), status: 'published' as const };
    expect(() => applyDisclosure([r], CBS, NO_REGIONS)).toThrow(/status 'published'/);
  });

  it('refuses two rows for the same figure', () => {
    expect(() => applyDisclosure([cohort('GM0001', 10), cohort('GM0001', 11)], CBS, NO_REGIONS)).toThrow(/same figure/);
  });
});

describe('rounding to a multiple of the base', () => {
  it('rounds to the nearest multiple, ties half up', () => {
    // base 5: 12 is 2 from 10 and 3 from 15 -> 10; 13 is 3 from 10, 2 from 15 -> 15.
    expect(roundToBase(12, 5)).toBe(10);
    expect(roundToBase(13, 5)).toBe(15);
    expect(roundToBase(8, 5)).toBe(10); // 3 from 5, 2 from 10
    expect(roundToBase(22, 5)).toBe(20);
    expect(roundToBase(23, 5)).toBe(25);
    expect(roundToBase(25, 5)).toBe(25);
    expect(roundToBase(0, 5)).toBe(0);
    // base 10: 15 is exactly between 10 and 20 -> half up -> 20; 25 -> 30; 14 -> 10.
    expect(roundToBase(15, 10)).toBe(20);
    expect(roundToBase(25, 10)).toBe(30);
    expect(roundToBase(14, 10)).toBe(10);
    // base 1: no rounding.
    expect(roundToBase(13, 1)).toBe(13);
  });
});

describe('wilson interval', () => {
  it('matches the hand computation for 10 of 20', () => {
    // p = 0.5, z^2 = 3.8416, d = 1 + 3.8416/20 = 1.19208
    // centre = (0.5 + 3.8416/40) / 1.19208 = 0.59604 / 1.19208 = 0.5
    // half = 1.96 * sqrt(0.25/20 + 3.8416/1600) / 1.19208 = 1.96 * sqrt(0.014901) / 1.19208
    //      = 1.96 * 0.122070 / 1.19208 = 0.200705
    const [lo, hi] = wilson(10, 20);
    expect(lo).toBeCloseTo(0.299295, 5);
    expect(hi).toBeCloseTo(0.700705, 5);
  });

  it('matches the hand computation for 10 of 40', () => {
    // p = 0.25, d = 1 + 3.8416/40 = 1.09604, centre = (0.25 + 0.04802) / 1.09604 = 0.271906
    // half = 1.96 * sqrt(0.1875/40 + 3.8416/6400) / 1.09604 = 1.96 * sqrt(0.00528775) / 1.09604
    //      = 1.96 * 0.0727170 / 1.09604 = 0.130037
    const [lo, hi] = wilson(10, 40);
    expect(lo).toBeCloseTo(0.141869, 5);
    expect(hi).toBeCloseTo(0.401943, 5);
  });

  it('has exact ends at 0 and n, and refuses an empty denominator', () => {
    expect(wilson(0, 15)[0]).toBe(0);
    expect(wilson(15, 15)[1]).toBe(1);
    // 0 of 15: high = 2 * (z^2/30) / (1 + z^2/15) = 0.256107 / 1.256107 = 0.203889
    expect(wilson(0, 15)[1]).toBeCloseTo(0.203889, 5);
    expect(() => wilson(0, 0)).toThrow(RangeError);
    expect(() => wilson(5, 4)).toThrow(RangeError);
  });
});

describe("mode 'off'", () => {
  it('leaves every number unchanged and keeps the status internal', () => {
    const rows = [
      cohort('GM0001', 3),
      cohort('GM0002', 12),
      row({ area: 'GM0001', measure: 'in_care_next_year', num: 2, den: 3, ci: [0.2, 0.9] }),
      row({ area: 'GM0001', measure: 'products_per_trajectory', num: 7, den: 3, ci: [1.5, 3.1] }),
    ];
    const before = structuredClone(rows);
    const out = applyDisclosure(rows, { ...CBS, mode: 'off' }, NO_REGIONS);
    expect(out).toEqual(before);
    expect(out.every((r) => r.status === 'internal')).toBe(true);
    expect(rows).toEqual(before); // input untouched
    expect(out[0]).not.toBe(rows[0]); // copies
  });
});

describe('primary suppression and rounding (hand-worked)', () => {
  it('small municipalities of 0, 3, 7, 8 and 12 youths', () => {
    const t = tree({ GM0001: 'Noord', GM0002: 'Noord', GM0003: 'Noord', GM0004: 'Noord', GM0005: 'Noord' });
    const rows = [
      cohort('GM0001', 0),
      cohort('GM0002', 3),
      cohort('GM0003', 7),
      cohort('GM0004', 8),
      cohort('GM0005', 12),
      cohort('Noord', 30, 'region'), // 0 + 3 + 7 + 8 + 12
      cohort('all', 30, 'all'),
    ];
    const out = applyDisclosure(rows, CBS, t).map(pub);
    expect(out).toEqual([
      SUPPRESSED, // 0 <= 7
      SUPPRESSED, // 3 <= 7
      SUPPRESSED, // 7 <= 7 ("up to and including")
      { numerator: 10, denominator: null, value: 10, status: 'published' }, // 8: |8-10| = 2 < |8-5| = 3 -> 10
      { numerator: 10, denominator: null, value: 10, status: 'published' }, // 12: |12-10| = 2 < |12-15| = 3 -> 10
      { numerator: 30, denominator: null, value: 30, status: 'published' }, // 30 is a multiple of 5
      { numerator: 30, denominator: null, value: 30, status: 'published' },
    ]);
    // three hidden cells in the region: no secondary suppression needed.
    expect(out.filter((r) => r.status === 'secondary')).toHaveLength(0);
  });

  it('shares: suppressed when numerator, denominator or the complement is <= 7', () => {
    // 12 of 20 in care: 12 > 7, 20 > 7, 20 - 12 = 8 > 7 -> published.
    // numerator 12 -> 10, denominator 20 -> 20, value 10/20 = 0.5; Wilson(10, 20) = [0.299295, 0.700705].
    const a = one(row({ area: 'GM0001', measure: 'in_care_next_year', num: 12, den: 20, ci: [0.39, 0.78] }));
    expect(pub(a)).toEqual({ numerator: 10, denominator: 20, value: 0.5, status: 'published' });
    expect(a.ci_low).toBeCloseTo(0.299295, 5);
    expect(a.ci_high).toBeCloseTo(0.700705, 5);

    // outflow 8 of 20: 8 > 7, complement 12 -> published: 8 -> 10, 20 -> 20, value 0.5.
    expect(pub(one(row({ area: 'GM0001', measure: 'outflow', num: 8, den: 20 })))).toEqual({
      numerator: 10, denominator: 20, value: 0.5, status: 'published',
    });
    // 23 of 30: complement 30 - 23 = 7 <= 7 -> suppressed (the 7 not in care would be given away).
    expect(pub(one(row({ area: 'GM0001', measure: 'in_care_next_year', num: 23, den: 30 })))).toEqual(SUPPRESSED);
    // 7 of 30: numerator 7 <= 7 -> suppressed.
    expect(pub(one(row({ area: 'GM0001', measure: 'outflow', num: 7, den: 30 })))).toEqual(SUPPRESSED);
    // 8 of 12 (a municipality of 12 youths): 12 - 8 = 4 <= 7 -> suppressed; no share of 12 youths can be shown.
    expect(pub(one(row({ area: 'GM0001', measure: 'start_category_any', category: 'ggz', num: 8, den: 12 })))).toEqual(SUPPRESSED);
    // 0 of 40 trajectories open: numerator 0 -> suppressed, interval gone too.
    const z = one(row({ area: 'GM0001', measure: 'trajectories_open', num: 0, den: 40, ci: [0, 0.088] }));
    expect(pub(z)).toEqual(SUPPRESSED);
    expect([z.ci_low, z.ci_high]).toEqual([null, null]);
    // trajectory size 5+: 9 of 40 -> 9 -> 10, 40 -> 40, value 0.25; Wilson(10, 40) = [0.141869, 0.401943].
    const b = one(row({ area: 'GM0001', measure: 'trajectory_size', bucket: '5+', num: 9, den: 40 }));
    expect(pub(b)).toEqual({ numerator: 10, denominator: 40, value: 0.25, status: 'published' });
    expect(b.ci_low).toBeCloseTo(0.141869, 5);
    expect(b.ci_high).toBeCloseTo(0.401943, 5);
  });

  it('means: suppressed when numerator or denominator is <= 7; the complement rule does not apply', () => {
    // 37 products in 12 closed trajectories (exact mean 3.0833, exact interval [2.6, 3.6], half-width 0.5):
    // published 37 -> 35, 12 -> 10, value 35/10 = 3.5;
    // half-width 0.5 * sqrt(12/10) = 0.5 * 1.0954451 = 0.5477226 around 3.5 -> [2.9522774, 4.0477226].
    const m = one(row({ area: 'GM0001', measure: 'products_per_trajectory', num: 37, den: 12, ci: [2.6, 3.6] }));
    expect(pub(m)).toEqual({ numerator: 35, denominator: 10, value: 3.5, status: 'published' });
    expect(m.ci_low).toBeCloseTo(2.9522774, 6);
    expect(m.ci_high).toBeCloseTo(4.0477226, 6);

    // 10 products for 8 youths: 10 > 7, 8 > 7 (10 - 8 < 0 is no reason here) -> 10 -> 10, 8 -> 10, value 1.
    // No exact interval given -> none published.
    const p = one(row({ area: 'GM0001', measure: 'products_started', category: 'ggz', num: 10, den: 8 }));
    expect(pub(p)).toEqual({ numerator: 10, denominator: 10, value: 1, status: 'published' });
    expect([p.ci_low, p.ci_high]).toEqual([null, null]);

    // 30 products for 7 youths: denominator 7 <= 7 -> suppressed.
    expect(pub(one(row({ area: 'GM0001', measure: 'products_started', category: 'ggz', num: 30, den: 7 })))).toEqual(SUPPRESSED);
    // 5 products in 3 trajectories -> suppressed.
    expect(pub(one(row({ area: 'GM0001', measure: 'products_per_trajectory', num: 5, den: 3, ci: [1, 2.3] })))).toEqual(SUPPRESSED);
  });

  it('counts carry no interval once published', () => {
    const c = one({ ...cohort('GM0001', 13), ci_low: 9, ci_high: 17 });
    expect(pub(c)).toEqual({ numerator: 15, denominator: null, value: 15, status: 'published' }); // 13 -> 15
    expect([c.ci_low, c.ci_high]).toEqual([null, null]);
  });

  it('suppresses a share whose rounded denominator would be 0 (threshold below half the base)', () => {
    // threshold 0, base 5: 1 of 2 passes the threshold (1, 2, 1 > 0) but 2 rounds to 0: no value -> suppressed.
    const s: DisclosureSettings = { mode: 'cbs', threshold: 0, roundingBase: 5 };
    expect(pub(one(row({ area: 'GM0001', measure: 'outflow', num: 1, den: 2 }), s))).toEqual(SUPPRESSED);
    // a count of 2 is simply rounded: 2 -> 0.
    expect(pub(one(cohort('GM0001', 2), s))).toEqual({ numerator: 0, denominator: null, value: 0, status: 'published' });
  });

  it('follows the settings: threshold 10, base 10', () => {
    const s: DisclosureSettings = { mode: 'cbs', threshold: 10, roundingBase: 10 };
    expect(pub(one(cohort('GM0001', 10), s))).toEqual(SUPPRESSED);
    expect(pub(one(cohort('GM0001', 15), s))).toEqual({ numerator: 20, denominator: null, value: 20, status: 'published' });
  });

  it('does not modify its input', () => {
    const rows = [cohort('GM0001', 3), cohort('GM0002', 20), cohort('GM0003', 25), cohort('R', 48, 'region')];
    const before = structuredClone(rows);
    applyDisclosure(rows, CBS, tree({ GM0001: 'R', GM0002: 'R', GM0003: 'R' }));
    expect(rows).toEqual(before);
  });
});

describe('secondary suppression (hand-worked)', () => {
  const t3 = tree({ GM0001: 'R', GM0002: 'R', GM0003: 'R' });

  it('one suppressed municipality in a region of three: the smallest other one becomes secondary', () => {
    const rows = [
      cohort('GM0001', 3),
      cohort('GM0002', 20),
      cohort('GM0003', 25),
      cohort('R', 48, 'region'),
      cohort('all', 48, 'all'),
    ];
    expect(applyDisclosure(rows, CBS, t3).map(pub)).toEqual([
      SUPPRESSED, // 3 <= 7
      SECONDARY, // 48 - 25 - 20 would give 3 back: hide the smaller of 20 and 25
      { numerator: 25, denominator: null, value: 25, status: 'published' },
      { numerator: 50, denominator: null, value: 50, status: 'published' }, // 48 -> 50
      { numerator: 50, denominator: null, value: 50, status: 'published' },
    ]);
  });

  it('two suppressed municipalities: nothing more', () => {
    const rows = [cohort('GM0001', 3), cohort('GM0002', 5), cohort('GM0003', 25), cohort('R', 33, 'region')];
    expect(applyDisclosure(rows, CBS, t3).map(pub)).toEqual([
      SUPPRESSED,
      SUPPRESSED,
      { numerator: 25, denominator: null, value: 25, status: 'published' },
      { numerator: 35, denominator: null, value: 35, status: 'published' }, // 33 -> 35
    ]);
  });

  it('ties on the smallest numerator go to the first row', () => {
    const rows = [cohort('GM0001', 3), cohort('GM0003', 20), cohort('GM0002', 20), cohort('R', 43, 'region')];
    const out = applyDisclosure(rows, CBS, t3).map((r) => r.status);
    expect(out).toEqual(['suppressed', 'secondary', 'published', 'published']);
  });

  it('cascades from the region groups into the municipality groups', () => {
    // R1 = A 2 + B 3 = 5: all three hidden (primary). Regions: R1 5 (hidden), R2 20, R3 40, all 65:
    // R1 alone hidden -> smallest other region R2 (20) secondary. R2 = D 9 + E 11 now has only R2 hidden
    // -> smallest of D, E: D (9) secondary. R3 = F 40 is untouched.
    const t = tree({ A: 'R1', B: 'R1', D: 'R2', E: 'R2', F: 'R3' });
    const rows = [
      cohort('A', 2),
      cohort('B', 3),
      cohort('D', 9),
      cohort('E', 11),
      cohort('F', 40),
      cohort('R1', 5, 'region'),
      cohort('R2', 20, 'region'),
      cohort('R3', 40, 'region'),
      cohort('all', 65, 'all'),
    ];
    expect(applyDisclosure(rows, CBS, t).map(pub)).toEqual([
      SUPPRESSED, // A 2
      SUPPRESSED, // B 3
      SECONDARY, // D 9: protects R2
      { numerator: 10, denominator: null, value: 10, status: 'published' }, // E 11 -> 10
      { numerator: 40, denominator: null, value: 40, status: 'published' }, // F 40
      SUPPRESSED, // R1 5
      SECONDARY, // R2 20: protects R1 (65 - 40 - 20 = 5)
      { numerator: 40, denominator: null, value: 40, status: 'published' },
      { numerator: 65, denominator: null, value: 65, status: 'published' },
    ]);
  });

  it('counts a municipality without a region as a part of all', () => {
    // all 38 = R 33 (A 3 + B 30) + X 5, X having no region. R's group {A, B, R}: A alone hidden -> B secondary.
    // all's group {R, X, all}: X alone hidden -> the smallest published part, R (33), secondary.
    const t = tree({ A: 'R', B: 'R' });
    const rows = [cohort('A', 3), cohort('B', 30), cohort('X', 5), cohort('R', 33, 'region'), cohort('all', 38, 'all')];
    expect(applyDisclosure(rows, CBS, t).map((r) => r.status)).toEqual([
      'suppressed', // A 3
      'secondary', // B: protects A
      'suppressed', // X 5
      'secondary', // R: X alone hidden among {R, X, all} -> R
      'published', // all 38 -> 40
    ]);
  });

  it('category groups: start_category_alone and products_started', () => {
    // One municipality, no regions (so no geographic groups of two cells).
    const rows = [
      row({ area: 'A', measure: 'start_category_alone', category: 'ambulant_non_ggz', num: 30, den: 60 }),
      row({ area: 'A', measure: 'start_category_alone', category: 'ggz', num: 5, den: 60 }),
      row({ area: 'A', measure: 'start_category_alone', category: 'verblijf_non_ggz', num: 12, den: 60 }),
      row({ area: 'A', measure: 'start_category_alone', category: 'jeugdbescherming', num: 9, den: 60 }),
      row({ area: 'A', measure: 'products_started', category: 'ambulant_non_ggz', num: 40, den: 25, ci: [1.4, 1.8] }),
      row({ area: 'A', measure: 'products_started', category: 'ggz', num: 20, den: 10 }),
      row({ area: 'A', measure: 'products_started', category: 'verblijf_non_ggz', num: 6, den: 3 }),
    ];
    const out = applyDisclosure(rows, CBS, NO_REGIONS);
    expect(out.map(pub)).toEqual([
      // 30 of 60 -> 30/60 = 0.5
      { numerator: 30, denominator: 60, value: 0.5, status: 'published' },
      SUPPRESSED, // ggz 5 <= 7
      // 12 of 60 -> 10/60 = 1/6
      { numerator: 10, denominator: 60, value: 10 / 60, status: 'published' },
      SECONDARY, // smallest published numerator among 30, 12, 9 -> jeugdbescherming (9)
      // 40 products / 25 youths -> 40/25 = 1.6, interval half-width 0.2 * sqrt(25/25) around 1.6
      { numerator: 40, denominator: 25, value: 1.6, status: 'published' },
      SECONDARY, // verblijf (den 3) suppressed -> smallest other numerator: ggz (20 < 40)
      SUPPRESSED,
    ]);
    expect(out[4].ci_low).toBeCloseTo(1.4, 10);
    expect(out[4].ci_high).toBeCloseTo(1.8, 10);
  });

  it('start_category_any is not a category group (a youth can start in several categories)', () => {
    const rows = [
      row({ area: 'A', measure: 'start_category_any', category: 'ambulant_non_ggz', num: 30, den: 60 }),
      row({ area: 'A', measure: 'start_category_any', category: 'ggz', num: 5, den: 60 }),
      row({ area: 'A', measure: 'start_category_any', category: 'verblijf_non_ggz', num: 12, den: 60 }),
    ];
    expect(applyDisclosure(rows, CBS, NO_REGIONS).map((r) => r.status)).toEqual(['published', 'suppressed', 'published']);
  });

  it('trajectory-size buckets form a group', () => {
    // 46 closed trajectories: 1:15, 2:10, 3:8, 4:4, 5+:9. Bucket 4 (4 <= 7) suppressed ->
    // smallest published numerator 8 (bucket 3) secondary. Published: 15 -> 15, 10 -> 10, 9 -> 10, 46 -> 45.
    const sizes: [string, number][] = [['1', 15], ['2', 10], ['3', 8], ['4', 4], ['5+', 9]];
    const rows = sizes.map(([b, k]) => row({ area: 'A', measure: 'trajectory_size', bucket: b, num: k, den: 46 }));
    expect(applyDisclosure(rows, CBS, NO_REGIONS).map(pub)).toEqual([
      { numerator: 15, denominator: 45, value: 15 / 45, status: 'published' },
      { numerator: 10, denominator: 45, value: 10 / 45, status: 'published' },
      SECONDARY,
      SUPPRESSED,
      { numerator: 10, denominator: 45, value: 10 / 45, status: 'published' },
    ]);
  });

  it('keeps in_care_next_year and outflow of one area in lockstep', () => {
    // Cohorts: A 30 (12 in care, 18 out), B 40 (35 in, 5 out), C 50 (35 in, 15 out); R 120 (82 in, 38 out).
    // B: outflow 5 <= 7 and in care complement 5 <= 7 -> both suppressed.
    // in_care group {A 12, B -, C 35, R 82}: B alone -> A (12) secondary -> lockstep: A's outflow secondary.
    // outflow group {A -, B -, C 15, R 38}: two hidden -> nothing more (C stays published, though C's 15 < A's 18
    // would have been picked had the lockstep not acted first).
    const t = tree({ A: 'R', B: 'R', C: 'R' });
    const share = (area: string, m: Measure, k: number, n: number, level: Level = 'municipality') =>
      row({ level, area, measure: m, num: k, den: n });
    const rows = [
      share('A', 'in_care_next_year', 12, 30),
      share('B', 'in_care_next_year', 35, 40),
      share('C', 'in_care_next_year', 35, 50),
      share('R', 'in_care_next_year', 82, 120, 'region'),
      share('A', 'outflow', 18, 30),
      share('B', 'outflow', 5, 40),
      share('C', 'outflow', 15, 50),
      share('R', 'outflow', 38, 120, 'region'),
    ];
    expect(applyDisclosure(rows, CBS, t).map(pub)).toEqual([
      SECONDARY,
      SUPPRESSED,
      { numerator: 35, denominator: 50, value: 0.7, status: 'published' },
      { numerator: 80, denominator: 120, value: 80 / 120, status: 'published' }, // 82 -> 80
      SECONDARY, // lockstep with A's in_care
      SUPPRESSED,
      { numerator: 15, denominator: 50, value: 0.3, status: 'published' },
      { numerator: 40, denominator: 120, value: 40 / 120, status: 'published' }, // 38 -> 40
    ]);
  });

  it("hides the shares of an area whose cohort count is hidden (they would show it as their denominator)", () => {
    // Cohort group: A 3 -> B (20) secondary. B's in care 10 of 20 passes the primary rule (10, 20, 10 > 7),
    // but publishing 10/20 would show B's rounded cohort 20, and 48 - 25 - 20 gives A back: hidden too.
    const t = tree({ A: 'R', B: 'R', C: 'R' });
    const rows = [
      cohort('A', 3),
      cohort('B', 20),
      cohort('C', 25),
      cohort('R', 48, 'region'),
      row({ area: 'B', measure: 'in_care_next_year', num: 10, den: 20 }),
      row({ area: 'B', measure: 'outflow', num: 10, den: 20 }),
      row({ area: 'C', measure: 'in_care_next_year', num: 12, den: 25 }),
      row({ area: 'C', measure: 'outflow', num: 13, den: 25 }),
    ];
    expect(applyDisclosure(rows, CBS, t).map((r) => r.status)).toEqual([
      'suppressed',
      'secondary',
      'published',
      'published',
      'secondary', // B's in care: denominator is B's hidden cohort
      'secondary', // B's outflow: likewise
      'published', // C: 12 of 25 -> 10/25 (no region in-care row: no subtraction, so no group)
      'published', // C: 13 of 25 -> 15/25
    ]);
  });

  it('hides the trajectory rows of an area whose products_per_trajectory is hidden', () => {
    // ppt group: A (5 products / 3 trajectories) suppressed -> smallest other numerator B (40) secondary.
    // B's trajectory_size rows show B's closed trajectories (20) as their denominator, and trajectories_open
    // shows started and open (30, 10) whose difference is 20: all hidden with it.
    const t = tree({ A: 'R', B: 'R', C: 'R' });
    const rows = [
      row({ area: 'A', measure: 'products_per_trajectory', num: 5, den: 3 }),
      row({ area: 'B', measure: 'products_per_trajectory', num: 40, den: 20 }),
      row({ area: 'C', measure: 'products_per_trajectory', num: 60, den: 30 }),
      row({ level: 'region', area: 'R', measure: 'products_per_trajectory', num: 105, den: 53 }),
      row({ area: 'B', measure: 'trajectory_size', bucket: '1', num: 10, den: 20 }),
      row({ area: 'B', measure: 'trajectory_size', bucket: '2', num: 10, den: 20 }),
      row({ area: 'B', measure: 'trajectories_open', num: 10, den: 30 }),
    ];
    expect(applyDisclosure(rows, CBS, t).map((r) => r.status)).toEqual([
      'suppressed',
      'secondary',
      'published', // 60 / 30 -> 60/30 = 2
      'published', // 105 / 53 -> 105/55
      'secondary',
      'secondary',
      'secondary',
    ]);
  });

  it("counts a municipality's only data kind as its part of a 'mixed' total", () => {
    // A has allocations only (3 youths, no mixed row); B and C have both kinds and a mixed row.
    // Mixed R 73 = A 3 + B 30 + C 40: A's allocations row is A's part of the mixed total, so B's mixed (30 < 40)
    // is secondary. Allocations R 63 = A 3 + B 25 + C 35: B's allocations (25 < 35) secondary.
    // Claims R 22 = B 10 + C 12: nothing hidden.
    const t = tree({ A: 'R', B: 'R', C: 'R' });
    const rows = [
      cohort('A', 3, 'municipality', 'allocations'),
      cohort('B', 25, 'municipality', 'allocations'),
      cohort('B', 10, 'municipality', 'claims'),
      cohort('B', 30, 'municipality', 'mixed'),
      cohort('C', 35, 'municipality', 'allocations'),
      cohort('C', 12, 'municipality', 'claims'),
      cohort('C', 40, 'municipality', 'mixed'),
      cohort('R', 63, 'region', 'allocations'),
      cohort('R', 22, 'region', 'claims'),
      cohort('R', 73, 'region', 'mixed'),
    ];
    expect(applyDisclosure(rows, CBS, t).map(pub)).toEqual([
      SUPPRESSED,
      SECONDARY,
      { numerator: 10, denominator: null, value: 10, status: 'published' },
      SECONDARY,
      { numerator: 35, denominator: null, value: 35, status: 'published' },
      { numerator: 10, denominator: null, value: 10, status: 'published' }, // 12 -> 10
      { numerator: 40, denominator: null, value: 40, status: 'published' },
      { numerator: 65, denominator: null, value: 65, status: 'published' }, // 63 -> 65
      { numerator: 20, denominator: null, value: 20, status: 'published' }, // 22 -> 20
      { numerator: 75, denominator: null, value: 75, status: 'published' }, // 73 -> 75
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// The attacker. Seeded random regions of small municipalities, simulated youth by youth so that every
// exact table is consistent; then an attacker who knows each published count (to within rounding) tries
// to pin down a hidden one by subtraction. Kept simple and honest: in every additive relation, a quantity
// the attacker cannot read anywhere must never be the only unknown one. The attacker reads a quantity
// wherever any published row shows it (a cohort also as a share's denominator, closed trajectories also
// as trajectory_size's denominator), and also uses in care + outflow = cohort and open + closed = started.

const BUCKETS = ['1', '2', '3', '4', '5+'] as const;
// SPEC 10: the points of the time-in-trajectory curve end where the first four duration classes end.
const POINTS = ['91', '182', '365', '730'] as const;
const CLASSES = ['0-3m', '3-6m', '6-12m', '1-2y', '2-3y', '3-4y', '4y+'] as const;
const WINDOWS = ['182', '365'] as const;

interface Tally {
  cohort: number;
  inCare: number;
  started: number; // trajectories started in Y
  open: number;
  closed: number;
  productsClosed: number;
  bucket: number[];
  any: number[];
  alone: number[];
  psProducts: number[];
  psYouths: number[];
  // SPEC 10
  ended: number;
  cls: number[];
  prior: number;
  retNum: number[];
  retDen: number[];
}

function emptyTally(): Tally {
  const z = () => CATEGORIES.map(() => 0);
  return {
    cohort: 0, inCare: 0, started: 0, open: 0, closed: 0, productsClosed: 0,
    bucket: BUCKETS.map(() => 0), any: z(), alone: z(), psProducts: z(), psYouths: z(),
    ended: 0, cls: CLASSES.map(() => 0), prior: 0, retNum: WINDOWS.map(() => 0), retDen: WINDOWS.map(() => 0),
  };
}

function addTally(a: Tally, b: Tally): Tally {
  const add = (x: number[], y: number[]) => x.map((v, i) => v + y[i]);
  return {
    cohort: a.cohort + b.cohort, inCare: a.inCare + b.inCare, started: a.started + b.started,
    open: a.open + b.open, closed: a.closed + b.closed, productsClosed: a.productsClosed + b.productsClosed,
    bucket: add(a.bucket, b.bucket), any: add(a.any, b.any), alone: add(a.alone, b.alone),
    psProducts: add(a.psProducts, b.psProducts), psYouths: add(a.psYouths, b.psYouths),
    ended: a.ended + b.ended, cls: add(a.cls, b.cls), prior: a.prior + b.prior, retNum: add(a.retNum, b.retNum), retDen: add(a.retDen, b.retDen),
  };
}

function simulateMunicipality(rand: () => number): Tally {
  const t = emptyTally();
  const youths = Math.floor(rand() * rand() * 45); // mostly small
  for (let y = 0; y < youths; y++) {
    t.cohort++;
    if (rand() < 0.6) t.inCare++;
    const first = Math.floor(rand() * CATEGORIES.length);
    const cats = new Set([first]);
    if (rand() < 0.25) cats.add(Math.floor(rand() * CATEGORIES.length));
    for (const c of cats) t.any[c]++;
    if (cats.size === 1) t.alone[first]++;
    for (const c of cats) {
      t.psYouths[c]++;
      t.psProducts[c] += 1 + Math.floor(rand() * 3);
    }
    if (rand() < 0.2) t.prior++;
    const trajectories = rand() < 0.3 ? 2 : 1;
    for (let k = 0; k < trajectories; k++) {
      t.started++;
      if (rand() < 0.65) {
        // Ended, mostly short: a class index skewed towards 0.
        t.ended++;
        t.cls[Math.floor(rand() * rand() * CLASSES.length)]++;
        WINDOWS.forEach((_, i) => {
          if (rand() < 0.85 - 0.2 * i) {
            t.retDen[i]++;
            if (rand() < 0.3) t.retNum[i]++;
          }
        });
      }
      if (rand() < 0.25) {
        t.open++;
      } else {
        const size = 1 + Math.floor(rand() * rand() * 7);
        t.closed++;
        t.productsClosed += size;
        t.bucket[Math.min(size, 5) - 1]++;
      }
    }
  }
  return t;
}

function tallyRows(level: Level, area: string, kind: FigureKind, t: Tally): MetricRow[] {
  const out: MetricRow[] = [];
  const share = (measure: Measure, k: number, n: number, category: CategoryId | '' = '', bucket = '') => {
    const r = row({ level, area, kind, measure, category, bucket, num: k, den: n });
    if (n > 0) [r.ci_low, r.ci_high] = wilson(k, n);
    out.push(r);
  };
  out.push(row({ level, area, kind, measure: 'cohort_youths', num: t.cohort }));
  share('in_care_next_year', t.inCare, t.cohort);
  share('outflow', t.cohort - t.inCare, t.cohort);
  const mean = t.closed > 0 ? t.productsClosed / t.closed : 0;
  out.push(row({ level, area, kind, measure: 'products_per_trajectory', num: t.productsClosed, den: t.closed,
    ci: t.closed > 0 ? [mean - 0.4, mean + 0.4] : null }));
  share('trajectories_open', t.open, t.started);
  let endedBy = 0;
  POINTS.forEach((p, i) => {
    endedBy += t.cls[i];
    share('in_trajectory_after', endedBy, t.started, '', p);
  });
  out.push(row({ level, area, kind, measure: 'trajectory_duration_median', num: t.ended, den: t.started }));
  CLASSES.forEach((c, i) => share('duration_class', t.cls[i], t.ended, '', c));
  WINDOWS.forEach((w, i) => share('return_within', t.retNum[i], t.retDen[i], '', w));
  share('prior_care', t.prior, t.cohort);
  BUCKETS.forEach((b, i) => share('trajectory_size', t.bucket[i], t.closed, '', b));
  CATEGORIES.forEach((c, i) => share('start_category_any', t.any[i], t.cohort, c));
  CATEGORIES.forEach((c, i) => share('start_category_alone', t.alone[i], t.cohort, c));
  CATEGORIES.forEach((c, i) =>
    out.push(row({ level, area, kind, measure: 'products_started', category: c, num: t.psProducts[i], den: t.psYouths[i] })),
  );
  return out;
}

interface World {
  rows: MetricRow[];
  tree: AreaTree;
  municipalities: string[];
  regions: Map<string, string[]>;
  orphans: string[];
  kinds: FigureKind[];
}

function randomWorld(seed: number): World {
  const rand = mulberry32(seed);
  const kinds: FigureKind[] = rand() < 0.5 ? ['allocations'] : ['allocations', 'claims'];
  const regions = new Map<string, string[]>();
  const regionOf = new Map<string, string>();
  const municipalities: string[] = [];
  let code = 1;
  const nRegions = 1 + Math.floor(rand() * 4);
  for (let r = 0; r < nRegions; r++) {
    const name = `Regio ${r + 1}`;
    const list: string[] = [];
    const size = 1 + Math.floor(rand() * 5);
    for (let m = 0; m < size; m++) {
      const gm = 'GM' + String(code++).padStart(4, '0');
      list.push(gm);
      municipalities.push(gm);
      regionOf.set(gm, name);
    }
    regions.set(name, list);
  }
  const orphans: string[] = [];
  const nOrphans = Math.floor(rand() * 3);
  for (let o = 0; o < nOrphans; o++) {
    const gm = 'GM' + String(code++).padStart(4, '0');
    orphans.push(gm);
    municipalities.push(gm);
  }
  const rows: MetricRow[] = [];
  for (const kind of kinds) {
    const tallies = new Map(municipalities.map((m) => [m, simulateMunicipality(rand)]));
    for (const m of municipalities) rows.push(...tallyRows('municipality', m, kind, tallies.get(m)!));
    let all = emptyTally();
    for (const [name, list] of regions) {
      const sum = list.map((m) => tallies.get(m)!).reduce(addTally, emptyTally());
      rows.push(...tallyRows('region', name, kind, sum));
    }
    for (const m of municipalities) all = addTally(all, tallies.get(m)!);
    rows.push(...tallyRows('all', 'all', kind, all));
  }
  return { rows, tree: { regionOf }, municipalities, regions, orphans, kinds };
}

/** Quantities per (level, area, kind) and whether the published rows show them anywhere. */
function knownQuantities(published: readonly MetricRow[]): (level: Level, area: string, kind: FigureKind, q: string) => boolean {
  const shown = new Set<string>();
  const k = (level: Level, area: string, kind: FigureKind, q: string) => `${level}|${area}|${kind}|${q}`;
  for (const r of published) {
    if (r.numerator === null) continue; // hidden
    const at = (q: string) => shown.add(k(r.level, r.area, r.data_kind, q));
    switch (r.measure) {
      case 'cohort_youths': at('cohort'); break;
      case 'in_care_next_year': at('inCare'); at('cohort'); break;
      case 'outflow': at('outflow'); at('cohort'); break;
      case 'start_category_any': at(`any:${r.category}`); at('cohort'); break;
      case 'start_category_alone': at(`alone:${r.category}`); at('cohort'); break;
      case 'products_per_trajectory': at('productsClosed'); at('closed'); break;
      case 'trajectory_size': at(`bucket:${r.bucket}`); at('closed'); break;
      case 'trajectories_open': at('open'); at('started'); break;
      case 'products_started': at(`psProducts:${r.category}`); at(`psYouths:${r.category}`); break;
      case 'in_trajectory_after': at(`endedBy:${r.bucket}`); at('started'); break;
      case 'trajectory_duration_median': at('ended'); at('started'); break;
      case 'duration_class': at(`class:${r.bucket}`); at('ended'); break;
      case 'return_within': at(`retNum:${r.bucket}`); at(`retDen:${r.bucket}`); break;
      case 'prior_care': at('prior'); at('cohort'); break;
    }
  }
  return (level, area, kind, q) => shown.has(k(level, area, kind, q));
}

type Cell = { level: Level; area: string; q: string };
interface Relation { what: string; cells: Cell[] }

function relations(w: World, _kind: FigureKind): Relation[] {
  const quantities = [
    'cohort', 'inCare', 'outflow', 'productsClosed', 'closed', 'open', 'started',
    ...BUCKETS.map((b) => `bucket:${b}`),
    ...CATEGORIES.flatMap((c) => [`any:${c}`, `alone:${c}`, `psProducts:${c}`, `psYouths:${c}`]),
    'ended', 'prior', ...POINTS.map((p) => `endedBy:${p}`), ...CLASSES.map((c) => `class:${c}`),
    ...WINDOWS.flatMap((x) => [`retNum:${x}`, `retDen:${x}`]),
  ];
  const rel: Relation[] = [];
  const areas: [Level, string][] = [
    ...w.municipalities.map((m): [Level, string] => ['municipality', m]),
    ...[...w.regions.keys()].map((r): [Level, string] => ['region', r]),
    ['all', 'all'],
  ];
  for (const q of quantities) {
    for (const [name, list] of w.regions) {
      rel.push({ what: `${q} of ${name}`, cells: [...list.map((m): Cell => ({ level: 'municipality', area: m, q })), { level: 'region', area: name, q }] });
    }
    rel.push({
      what: `${q} of all`,
      cells: [
        ...[...w.regions.keys()].map((r): Cell => ({ level: 'region', area: r, q })),
        ...w.orphans.map((m): Cell => ({ level: 'municipality', area: m, q })),
        { level: 'all', area: 'all', q },
      ],
    });
  }
  for (const [level, area] of areas) {
    const c = (q: string): Cell => ({ level, area, q });
    rel.push({ what: `in care + outflow = cohort in ${area}`, cells: [c('inCare'), c('outflow'), c('cohort')] });
    rel.push({ what: `open + closed = started in ${area}`, cells: [c('open'), c('closed'), c('started')] });
    rel.push({ what: `buckets = closed in ${area}`, cells: [...BUCKETS.map((b) => c(`bucket:${b}`)), c('closed')] });
    // SPEC 7: the categories of a municipality (no published total, but the SPEC asks for the protection).
    rel.push({ what: `alone categories of ${area}`, cells: CATEGORIES.map((x) => c(`alone:${x}`)) });
    rel.push({ what: `products started per category of ${area}`, cells: CATEGORIES.map((x) => c(`psProducts:${x}`)) });
    // SPEC 10: the duration classes add up to the ended trajectories, and the trajectories ended
    // within a point are those within the previous one plus the class between: two neighbouring
    // published points give a small class away unless one of them is hidden too.
    rel.push({ what: `duration classes = ended in ${area}`, cells: [...CLASSES.map((x) => c(`class:${x}`)), c('ended')] });
    POINTS.forEach((p, i) => {
      rel.push({
        what: `ended within ${p} days in ${area}`,
        cells: [...(i > 0 ? [c(`endedBy:${POINTS[i - 1]}`)] : []), c(`class:${CLASSES[i]}`), c(`endedBy:${p}`)],
      });
    });
  }
  return rel;
}

/** Relations in which exactly one quantity is unknown: each gives that quantity away by subtraction. */
function leaks(w: World, published: readonly MetricRow[]): string[] {
  const known = knownQuantities(published);
  const found: string[] = [];
  for (const kind of w.kinds) {
    for (const r of relations(w, kind)) {
      const unknown = r.cells.filter((c) => !known(c.level, c.area, kind, c.q));
      if (unknown.length === 1) found.push(`${kind}: ${r.what}: ${unknown[0].area} ${unknown[0].q}`);
    }
  }
  return found;
}

/** Primary suppression only, as a naive publisher would do it: the attacker's control group. */
function naive(rows: readonly MetricRow[], threshold: number): MetricRow[] {
  return rows.map((r) => {
    const n = r.numerator!;
    const d = r.denominator;
    const small =
      n <= threshold ||
      (d !== null && d <= threshold) ||
      (d !== null && (r.measure === 'products_per_trajectory' || r.measure === 'products_started' ? false : d - n <= threshold));
    return small ? { ...r, numerator: null, denominator: null, value: null } : r;
  });
}

describe('attacker: no hidden cell is the only unknown in an additive relation', () => {
  const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);

  it('finds leaks in primary-only suppression (the attacker has teeth)', () => {
    let total = 0;
    for (const seed of SEEDS) total += leaks(randomWorld(seed), naive(randomWorld(seed).rows, 7)).length;
    expect(total).toBeGreaterThan(50);
  });

  it('finds none after applyDisclosure', () => {
    let hiddenCells = 0;
    let secondaryCells = 0;
    for (const seed of SEEDS) {
      const w = randomWorld(seed);
      const out = applyDisclosure(w.rows, CBS, w.tree);
      expect(out).toHaveLength(w.rows.length);
      expect(leaks(w, out), `seed ${seed}`).toEqual([]);
      for (const r of out) {
        if (r.status === 'suppressed' || r.status === 'secondary') {
          hiddenCells++;
          expect([r.numerator, r.denominator, r.value, r.ci_low, r.ci_high]).toEqual([null, null, null, null, null]);
        } else {
          expect(r.status).toBe('published');
          expect(r.numerator! % 5).toBe(0);
          if (r.denominator !== null) {
            expect(r.denominator % 5).toBe(0);
            expect(r.value).toBe(r.numerator! / r.denominator);
          }
        }
        if (r.status === 'secondary') secondaryCells++;
      }
      // same order: every output row describes the same figure as its input row
      out.forEach((r, i) => {
        const x = w.rows[i];
        expect([r.level, r.area, r.data_kind, r.measure, r.category, r.bucket]).toEqual([
          x.level, x.area, x.data_kind, x.measure, x.category, x.bucket,
        ]);
      });
    }
    // the worlds are small enough to exercise both kinds of suppression a lot
    expect(hiddenCells).toBeGreaterThan(1000);
    expect(secondaryCells).toBeGreaterThan(100);
  });

  it('is deterministic', () => {
    const w = randomWorld(4242);
    expect(applyDisclosure(w.rows, CBS, w.tree)).toEqual(applyDisclosure(structuredClone(w.rows), CBS, w.tree));
  });
});
