import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../src/model/model.js';
import {
  compareAreas,
  directionOf,
  normalQuantile,
  relabelComparisons,
  restMoments,
  twoProportionZ,
  welchZ,
  type Comparison,
} from '../src/compare/compare.js';

type Lvl = MetricRow['level'];
function row(
  level: Lvl,
  area: string,
  measure: MetricRow['measure'],
  numerator: number | null,
  denominator: number | null,
  extra: Partial<MetricRow> = {},
): MetricRow {
  return {
    level,
    area,
    data_kind: 'allocations',
    year: 2021,
    gap_days: 30,
    breakdown: '',
    group: '',
    measure,
    category: '',
    bucket: '',
    numerator,
    denominator,
    value: numerator !== null && denominator !== null ? numerator / denominator : null,
    ci_low: null,
    ci_high: null,
    status: 'published',
    ...extra,
  };
}

// Two regions, two municipalities each.
//   outflow (allocations)     k / n
//   GM0001 (Noord)           60 / 100   (0.60)
//   GM0002 (Noord)           80 / 200   (0.40)
//   GM0003 (Zuid)           140 / 200   (0.70)
//   GM0004 (Zuid)            55 / 100   (0.55)   <- suppressed in the published rows
//   Noord                   140 / 300
//   Zuid                    195 / 300
//   all                     335 / 600
//
//   products_per_trajectory  products / closed trajectories = mean, sample sd
//   GM0001                  120 / 50  = 2.4, sd 1.2
//   GM0002                  130 / 50  = 2.6, sd 1.4
//   GM0003                  250 / 100 = 2.5, sd 1.5
//   GM0004                  270 / 150 = 1.8, sd 1.0
//   Sum of squares SS = (n-1)·sd² + n·mean²:
//     GM0001: 49·1.44 + 50·5.76  = 70.56 + 288    = 358.56
//     GM0002: 49·1.96 + 50·6.76  = 96.04 + 338    = 434.04
//     GM0003: 99·2.25 + 100·6.25 = 222.75 + 625   = 847.75
//     GM0004: 149·1   + 150·3.24 = 149 + 486      = 635
//   Noord: n 100, sum 250, mean 2.5,  SS 792.6;   var = (792.6 − 100·6.25)/99 = 167.6/99
//   Zuid:  n 250, sum 520, mean 2.08, SS 1482.75; var = (1482.75 − 250·4.3264)/249 = 401.15/249
//   all:   n 350, sum 770, mean 2.2,  SS 2275.35; var = (2275.35 − 350·4.84)/349 = 581.35/349
const regionOf = new Map([
  ['GM0001', 'Noord'],
  ['GM0002', 'Noord'],
  ['GM0003', 'Zuid'],
  ['GM0004', 'Zuid'],
]);
const exact: MetricRow[] = [
  row('municipality', 'GM0001', 'outflow', 60, 100),
  row('municipality', 'GM0002', 'outflow', 80, 200),
  row('municipality', 'GM0003', 'outflow', 140, 200),
  row('municipality', 'GM0004', 'outflow', 55, 100),
  row('region', 'Noord', 'outflow', 140, 300),
  row('region', 'Zuid', 'outflow', 195, 300),
  row('all', 'all', 'outflow', 335, 600),
  row('municipality', 'GM0001', 'products_per_trajectory', 120, 50),
  row('municipality', 'GM0002', 'products_per_trajectory', 130, 50),
  row('municipality', 'GM0003', 'products_per_trajectory', 250, 100),
  row('municipality', 'GM0004', 'products_per_trajectory', 270, 150),
  row('region', 'Noord', 'products_per_trajectory', 250, 100),
  row('region', 'Zuid', 'products_per_trajectory', 520, 250),
  row('all', 'all', 'products_per_trajectory', 770, 350),
  // not compared: a count, not a share or mean
  row('municipality', 'GM0001', 'cohort_youths', 100, null),
];
const published: MetricRow[] = exact.map((r) =>
  r.area === 'GM0004' && r.measure === 'outflow'
    ? { ...r, numerator: null, denominator: null, value: null, status: 'suppressed' as const }
    : r,
);
const sdByArea = new Map([
  ['municipality|GM0001|allocations|products_per_trajectory|2021|30||', 1.2],
  ['municipality|GM0002|allocations|products_per_trajectory|2021|30||', 1.4],
  ['municipality|GM0003|allocations|products_per_trajectory|2021|30||', 1.5],
  ['municipality|GM0004|allocations|products_per_trajectory|2021|30||', 1.0],
  ['region|Noord|allocations|products_per_trajectory|2021|30||', Math.sqrt(167.6 / 99)],
  ['region|Zuid|allocations|products_per_trajectory|2021|30||', Math.sqrt(401.15 / 249)],
  ['all|all|allocations|products_per_trajectory|2021|30||', Math.sqrt(581.35 / 349)],
]);

function find(cs: Comparison[], area: string, measure: string, against: 'region' | 'all'): Comparison {
  const c = cs.find((x) => x.area === area && x.measure === measure && x.against === against);
  if (!c) throw new Error(`no comparison ${area} ${measure} ${against}`);
  return c;
}

describe('test statistics, by hand', () => {
  it('two-proportion z: GM0001 (60/100) against the rest of Noord (80/200)', () => {
    // p1 = 0.6, p2 = 0.4, pooled p = 140/300 = 0.466667
    // se = sqrt(0.466667 · 0.533333 · (1/100 + 1/200)) = sqrt(0.248889 · 0.015) = sqrt(0.00373333) = 0.0611010
    // z = 0.2 / 0.0611010 = 3.2733
    expect(twoProportionZ(60, 100, 80, 200)).toBeCloseTo(3.2733, 3);
  });
  it('two-proportion z: GM0001 (60/100) against the rest of all data (275/500)', () => {
    // rest = (80 + 140 + 55) / (200 + 200 + 100) = 275/500 = 0.55; pooled = 335/600 = 0.558333
    // se = sqrt(0.558333 · 0.441667 · (1/100 + 1/500)) = sqrt(0.246597 · 0.012) = sqrt(0.00295917) = 0.0543983
    // z = 0.05 / 0.0543983 = 0.9191
    expect(twoProportionZ(60, 100, 275, 500)).toBeCloseTo(0.9191, 3);
  });
  it('Welch z: GM0003 (2.5, sd 1.5, n 100) against the rest of Zuid (1.8, sd 1.0, n 150)', () => {
    // se = sqrt(2.25/100 + 1/150) = sqrt(0.0225 + 0.0066667) = sqrt(0.0291667) = 0.170783
    // z = 0.7 / 0.170783 = 4.0988
    expect(welchZ(2.5, 1.5, 100, 1.8, 1.0, 150)).toBeCloseTo(4.0988, 3);
  });
  it('rest of a group from the group and the member: Zuid minus GM0003 gives GM0004 back', () => {
    // n = 250 − 100 = 150, sum = 520 − 250 = 270, mean = 1.8
    // SS_rest = 1482.75 − 847.75 = 635; var = (635 − 150·3.24)/149 = 149/149 = 1
    const r = restMoments({ n: 250, sum: 520, sd: Math.sqrt(401.15 / 249) }, { n: 100, sum: 250, sd: 1.5 });
    expect(r).not.toBeNull();
    expect(r!.n).toBe(150);
    expect(r!.mean).toBeCloseTo(1.8, 10);
    expect(r!.sd).toBeCloseTo(1.0, 10);
  });
  it('critical values: 1.959964 for alpha 0.05, 0.841621 for alpha 0.4', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 5);
    expect(directionOf(1.95, 0.05)).toBe('no_clear_difference');
    expect(directionOf(1.97, 0.05)).toBe('higher');
    expect(directionOf(-1.97, 0.05)).toBe('lower');
  });
});

describe('compareAreas', () => {
  const cs = compareAreas(exact, published, regionOf, sdByArea);

  it('clearly higher: GM0001 outflow against the rest of its region (z = 3.27 > 1.96)', () => {
    expect(find(cs, 'GM0001', 'outflow', 'region')).toEqual({
      year: 2021,
      gap_days: 30,
      area: 'GM0001',
      region: 'Noord',
      data_kind: 'allocations',
      measure: 'outflow',
      category: '',
      bucket: '',
      against: 'region',
      method: 'raw',
      direction: 'higher',
      test: 'two_proportion_z',
      // the published figure beside the direction; the funnel and standardisation columns stay empty
      numerator: 60,
      denominator: 100,
      value: 0.6,
      expected: null, oe: null, oe_low: null, oe_high: null, standardised_value: null,
      reference: null, band: null, phi: null,
    });
  });

  it('clearly lower: GM0002 outflow against the rest of its region (z = −3.27) and all data', () => {
    expect(find(cs, 'GM0002', 'outflow', 'region').direction).toBe('lower');
    // rest of all = (60 + 140 + 55)/(100 + 200 + 100) = 255/400 = 0.6375 vs 0.4; pooled 335/600
    // se = sqrt(0.246597 · (1/200 + 1/400)) = sqrt(0.00184948) = 0.043006; z = −0.2375/0.043006 = −5.52
    expect(find(cs, 'GM0002', 'outflow', 'all').direction).toBe('lower');
  });

  it('not significant: GM0001 outflow against the rest of all data (z = 0.92 < 1.96)', () => {
    expect(find(cs, 'GM0001', 'outflow', 'all').direction).toBe('no_clear_difference');
  });

  it('alpha is a setting: at alpha 0.4 (critical 0.84) the same z = 0.92 says higher', () => {
    const loose = compareAreas(exact, published, regionOf, sdByArea, 0.4);
    expect(find(loose, 'GM0001', 'outflow', 'all').direction).toBe('higher');
  });

  it('GM0003 outflow against the rest of Zuid uses the exact count of suppressed GM0004', () => {
    // 140/200 = 0.7 vs 55/100 = 0.55; pooled 195/300 = 0.65
    // se = sqrt(0.65 · 0.35 · (1/200 + 1/100)) = sqrt(0.2275 · 0.015) = sqrt(0.0034125) = 0.058417
    // z = 0.15 / 0.058417 = 2.568 -> higher
    expect(find(cs, 'GM0003', 'outflow', 'region').direction).toBe('higher');
  });

  it('suppressed: no comparison where the municipality\'s published figure is suppressed', () => {
    for (const against of ['region', 'all'] as const) {
      const c = find(cs, 'GM0004', 'outflow', against);
      expect(c.direction).toBeNull();
      expect(c.reason).toBe('suppressed');
      expect(c.test).toBe('two_proportion_z');
    }
    // its products per trajectory is published, so that one is compared: lower than GM0003 (z = −4.10)
    expect(find(cs, 'GM0004', 'products_per_trajectory', 'region').direction).toBe('lower');
  });

  it('means with the Welch z-test: higher, lower and not significant', () => {
    // GM0003 vs rest of Zuid: z = 4.0988 (above)
    expect(find(cs, 'GM0003', 'products_per_trajectory', 'region')).toMatchObject({ direction: 'higher', test: 'welch_z' });
    // GM0001 (2.4, sd 1.2, n 50) vs rest of Noord = GM0002 (2.6, sd 1.4, n 50):
    // se = sqrt(1.44/50 + 1.96/50) = sqrt(0.068) = 0.260768; z = −0.2/0.260768 = −0.767
    expect(find(cs, 'GM0001', 'products_per_trajectory', 'region').direction).toBe('no_clear_difference');
    // GM0003 vs rest of all: n 250, sum 770 − 250 = 520, mean 2.08;
    // SS_rest = 2275.35 − 847.75 = 1427.6; var = (1427.6 − 250·4.3264)/249 = 346/249 = 1.389558
    // se = sqrt(2.25/100 + 1.389558/250) = sqrt(0.0225 + 0.0055582) = sqrt(0.0280582) = 0.167506
    // z = 0.42 / 0.167506 = 2.507 -> higher
    expect(find(cs, 'GM0003', 'products_per_trajectory', 'all').direction).toBe('higher');
  });

  it('makes two comparisons per compared municipality figure, in a stable order, and skips counts', () => {
    // 4 municipalities × 2 measures × 2 groups
    expect(cs).toHaveLength(16);
    expect(cs.some((c) => c.measure === 'cohort_youths')).toBe(false);
    expect(cs.slice(0, 4).map((c) => `${c.area} ${c.measure} ${c.against}`)).toEqual([
      'GM0001 outflow region',
      'GM0001 outflow all',
      'GM0001 products_per_trajectory region',
      'GM0001 products_per_trajectory all',
    ]);
    // input order does not matter
    expect(compareAreas([...exact].reverse(), published, regionOf, sdByArea)).toEqual(cs);
  });

  it('too small or no group: a region of one municipality, a municipality without region, no sd', () => {
    const ex: MetricRow[] = [
      row('municipality', 'GM0005', 'outflow', 30, 100),
      row('region', 'Oost', 'outflow', 30, 100),
      row('municipality', 'GM0006', 'outflow', 3, 10),
      row('municipality', 'GM0006', 'products_per_trajectory', 40, 20),
      row('all', 'all', 'outflow', 33, 110),
      row('all', 'all', 'products_per_trajectory', 80, 40), // includes GM0005's 40/20
    ];
    const cs2 = compareAreas(ex, ex, new Map([['GM0005', 'Oost']]), new Map());
    // the rest of Oost is empty
    expect(find(cs2, 'GM0005', 'outflow', 'region')).toMatchObject({ direction: null, reason: 'no_rest' });
    // rest of all is GM0006: 3/10; pooled 33/110 = 0.3; expected 10·0.3 = 3 < 5 -> too small for the z-test
    expect(find(cs2, 'GM0005', 'outflow', 'all')).toMatchObject({ direction: null, reason: 'too_small' });
    expect(find(cs2, 'GM0006', 'outflow', 'region')).toMatchObject({ region: null, direction: null, reason: 'no_group' });
    expect(find(cs2, 'GM0006', 'products_per_trajectory', 'all')).toMatchObject({ direction: null, reason: 'no_sd' });
  });

  it('relabels areas for publication under stable labels, and refuses an unlabelled one', () => {
    const labels = new Map([['GM0001', 'Gemeente A'], ['GM0002', 'Gemeente B'], ['GM0003', 'Gemeente C'], ['GM0004', 'Gemeente D']]);
    const out = relabelComparisons(cs, labels);
    expect(out.map((c) => c.area).slice(0, 4)).toEqual(['Gemeente A', 'Gemeente A', 'Gemeente A', 'Gemeente A']);
    expect(out[0].direction).toBe(cs[0].direction);
    expect(() => relabelComparisons(cs, new Map([['GM0001', 'Gemeente A']]))).toThrow(/GM0002/);
  });
});
