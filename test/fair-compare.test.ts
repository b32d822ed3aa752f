// SPEC 12, fair comparisons: indirect standardisation worked out by hand, funnel limits against
// values computed here independently of the library (exact binomial and Poisson sums written out,
// hand-reckoned fractions, the normal table), over-dispersion on a set whose phi is known, and
// compareFunnels on rows built by hand.
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../src/model/model.js';
import { STRATA, stratumOf } from '../src/definitions/breakdowns.js';
import type { ClientFacts } from '../src/definitions/cohort.js';
import { poissonInterval } from '../src/compare/distributions.js';
import { compareFunnels, TEST_FUNNEL_BINOMIAL, TEST_FUNNEL_PHI, TEST_FUNNEL_POISSON } from '../src/compare/fair.js';
import {
  binomialLimits, classify, dispersion, exactRatioBand, exactShareBand, poissonRatioLimits, ratioZ, shareLimits, shareZ, widenedLimits, winsorise,
} from '../src/compare/funnel.js';
import { standardise, sumStrata } from '../src/compare/standardise.js';
import type { StratumCells } from '../src/measures/strata.js';

// ------------------------------------------------------------------------------------------
// Independent arithmetic: exact sums, no library.

/** P(X <= x), X ~ Binomial(n, p), by summing the probabilities (each from the previous one). */
function binomCdf(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  let pmf = (1 - p) ** n;
  let sum = pmf;
  for (let k = 1; k <= Math.min(x, n); k++) {
    pmf *= ((n - k + 1) / k) * (p / (1 - p));
    sum += pmf;
  }
  return Math.min(1, sum);
}

/** P(X <= x), X ~ Poisson(mu), likewise. */
function poisCdf(x: number, mu: number): number {
  if (x < 0) return 0;
  let pmf = Math.exp(-mu);
  let sum = pmf;
  for (let k = 1; k <= x; k++) {
    pmf *= mu / k;
    sum += pmf;
  }
  return Math.min(1, sum);
}

/** Spiegelhalter's interpolated limit (a count) from a cdf, by scanning for the quantile. */
function limitByScan(q: number, cdf: (x: number) => number): number {
  let r = 0;
  while (cdf(r) < q) r++;
  return r - (cdf(r) - q) / (cdf(r) - cdf(r - 1));
}

/** The mean mu with P(X >= o | mu) = target (lower end) or P(X <= o | mu) = target (upper end), by bisection. */
function garwoodByBisection(o: number, side: 'low' | 'high', target = 0.025): number {
  let lo = 0;
  let hi = 10 * o + 20;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    // low end: P(X >= o) = 1 - P(X <= o - 1) grows with mu; high end: P(X <= o) falls with mu
    const f = side === 'low' ? 1 - poisCdf(o - 1, mid) - target : poisCdf(o, mid) - target;
    if ((side === 'low' && f > 0) || (side === 'high' && f < 0)) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

// ------------------------------------------------------------------------------------------

describe('indirect standardisation, by hand (two strata, two municipalities)', () => {
  //                stratum A (young)      stratum B (old)        all
  //   GM0001        40 of 80  (0.50)        4 of 20  (0.20)      44 of 100
  //   GM0002        10 of 20  (0.50)       24 of 80  (0.30)      34 of 100
  //   reference     50 of 100 (0.50)       28 of 100 (0.28)      78 of 200 (0.39)
  //
  //   E(GM0001) = 80 * 0.50 + 20 * 0.28 = 40 + 5.6  = 45.6;  O/E = 44 / 45.6 = 0.9649123
  //   E(GM0002) = 20 * 0.50 + 80 * 0.28 = 10 + 22.4 = 32.4;  O/E = 34 / 32.4 = 1.0493827
  //   (with all data as the reference, the expected counts add up to the observed: 45.6 + 32.4 = 78)
  //   standardised share = O/E * 0.39: 0.3763158 and 0.4092593
  const gm1 = { k: [40, 4], n: [80, 20] };
  const gm2 = { k: [10, 24], n: [20, 80] };
  const ref = sumStrata([gm1, gm2], 2);

  it('sums the reference over the municipalities', () => {
    expect(ref).toEqual({ k: [50, 28], n: [100, 100] });
  });

  it('gives E, O and O/E', () => {
    const a = standardise(gm1, ref);
    const b = standardise(gm2, ref);
    expect(a.observed).toBe(44);
    expect(a.n).toBe(100);
    expect(a.expected).toBeCloseTo(45.6, 12);
    expect(a.ratio).toBeCloseTo(0.9649123, 7);
    expect(b.expected).toBeCloseTo(32.4, 12);
    expect(b.ratio).toBeCloseTo(1.0493827, 7);
    expect(a.expected + b.expected).toBeCloseTo(78, 12);
    expect(a.ratio! * 0.39).toBeCloseTo(0.3763158, 7);
    expect(b.ratio! * 0.39).toBeCloseTo(0.4092593, 7);
  });

  it('gives O/E an exact Poisson 95% interval, checked by bisection on Poisson sums', () => {
    const a = standardise(gm1, ref);
    // the means with P(X >= 44) = 2.5% and P(X <= 44) = 2.5%, found without the library
    expect(a.low! * 45.6).toBeCloseTo(garwoodByBisection(44, 'low'), 6);
    expect(a.high! * 45.6).toBeCloseTo(garwoodByBisection(44, 'high'), 6);
    // and the table value for 44 events (Garwood): 31.97 to 59.07
    expect(a.low! * 45.6).toBeCloseTo(31.97, 2);
    expect(a.high! * 45.6).toBeCloseTo(59.07, 2);
    expect(poissonInterval(0)).toEqual([0, expect.closeTo(3.6889, 4)]); // -ln(0.025)
  });

  it('handles strata without youths: empty in both adds nothing; youths without a reference rate leave E unformed', () => {
    // a third stratum empty everywhere changes nothing
    const c = standardise({ k: [40, 4, 0], n: [80, 20, 0] }, { k: [50, 28, 0], n: [100, 100, 0] });
    expect(c.expected).toBeCloseTo(45.6, 12);
    expect(c.missingReference).toEqual([]);
    // youths in a stratum the reference lacks (impossible when the reference holds the municipality)
    const d = standardise({ k: [40, 4, 1], n: [80, 20, 3] }, { k: [50, 28, 0], n: [100, 100, 0] });
    expect(d.missingReference).toEqual([2]);
    expect(d.ratio).toBeNull();
    // E = 0: all reference rates 0 where the municipality has youths
    expect(standardise({ k: [0], n: [10] }, { k: [0], n: [50] }).ratio).toBeNull();
  });

  it('places each youth in one of the 35 strata of age group x start category', () => {
    expect(STRATA).toHaveLength(35);
    expect(STRATA[0]).toBe('0-3|ambulant_non_ggz');
    const f = (birth: number | null, startCategories: number): ClientFacts => ({
      gm: 14, inCareNextYear: false, trajectories: [], startCategories, startedInYear: [0, 0, 0, 0, 0, 0],
      priorCare: false, firstStart: 18687 /* 2021-03-01 */, birth, referrer: 0, sex: 0,
    });
    // born 2007-01-01 (day 13514): 14 on 2021-03-01, starts with GGZ alone
    expect(STRATA[stratumOf(f(13514, 1 << 1))]).toBe('12-17|ggz');
    // no birth date, GGZ and jeugdbescherming together
    expect(STRATA[stratumOf(f(null, (1 << 1) | (1 << 4)))]).toBe('unknown|combination');
  });
});

describe('funnel limits, against values computed independently', () => {
  it('exact binomial, n = 10, p0 = 0.5, from the fractions of 1024 worked out by hand', () => {
    // F(0) = 1/1024, F(1) = 11/1024, F(2) = 56/1024, F(7) = 968/1024, F(8) = 1013/1024, F(9) = 1023/1024
    //  2.5%: r = 2, a = (56/1024 - 0.025) / (45/1024) = 30.4/45;   limit = (2 - 30.4/45) / 10 = 0.1324444
    // 97.5%: r = 8, a = (1013/1024 - 0.975) / (45/1024) = 14.6/45; limit = (8 - 14.6/45) / 10 = 0.7675556
    //  0.1%: r = 1, a = (11 - 1.024) / 10 = 0.9976;                limit = 0.00024
    // 99.9%: r = 9, a = (1023 - 1022.976) / 10 = 0.0024;           limit = 0.89976
    const l = binomialLimits(0.5, 10);
    expect(l.low95).toBeCloseTo((2 - 30.4 / 45) / 10, 12);
    expect(l.high95).toBeCloseTo((8 - 14.6 / 45) / 10, 12);
    expect(l.low998).toBeCloseTo(0.00024, 12);
    expect(l.high998).toBeCloseTo(0.89976, 12);
  });

  it('exact binomial for other n and p0: equal to the binomial sums scanned here', () => {
    for (const [p0, n] of [[0.3, 50], [0.12, 200], [0.85, 37], [0.5, 1000]] as const) {
      const l = binomialLimits(p0, n);
      const ref = (q: number) => limitByScan(q, (x) => binomCdf(x, n, p0)) / n;
      expect(l.low998).toBeCloseTo(ref(0.001), 9);
      expect(l.low95).toBeCloseTo(ref(0.025), 9);
      expect(l.high95).toBeCloseTo(ref(0.975), 9);
      expect(l.high998).toBeCloseTo(ref(0.999), 9);
    }
  });

  it('exact Poisson limits for O/E: equal to the Poisson sums scanned here', () => {
    for (const e of [3.2, 10, 45.6, 250]) {
      const l = poissonRatioLimits(e);
      const ref = (q: number) => limitByScan(q, (x) => poisCdf(x, e)) / e;
      expect(l.low998).toBeCloseTo(ref(0.001), 9);
      expect(l.low95).toBeCloseTo(ref(0.025), 9);
      expect(l.high95).toBeCloseTo(ref(0.975), 9);
      expect(l.high998).toBeCloseTo(ref(0.999), 9);
    }
  });

  it('narrow as n grows and close to the normal approximation for large n', () => {
    const small = binomialLimits(0.4, 50);
    const large = binomialLimits(0.4, 5000);
    expect(large.high998 - large.low998).toBeLessThan(small.high998 - small.low998);
    // normal table: z(0.999) = 3.090232; sd = sqrt(0.24 / 5000) = 0.0069282
    expect(large.high998).toBeCloseTo(0.4 + 3.090232 * 0.0069282, 3);
  });

  it('widened by sqrt(phi): p0 +- z sqrt(phi p0 (1 - p0) / n), z from the normal table', () => {
    // p0 = 0.5, n = 100, phi = 2: s = sqrt(2 * 0.25 / 100) = 0.07071068
    const l = widenedLimits(0.5, 0.25 / 100, 2);
    expect(l.high95).toBeCloseTo(0.5 + 1.959964 * 0.07071068, 6);
    expect(l.low998).toBeCloseTo(0.5 - 3.090232 * 0.07071068, 6);
    expect(shareLimits(0.5, 100, 2)).toEqual(l);
    expect(shareLimits(0.5, 100, null)).toEqual(binomialLimits(0.5, 100));
  });

  it('the band from F(k) alone is the band against the exact limits', () => {
    let outside = 0;
    for (const [p0, n] of [[0.5, 10], [0.3, 50], [0.12, 200], [0.85, 37], [0.392, 400]] as const) {
      const l = binomialLimits(p0, n);
      for (let k = 0; k <= n; k++) {
        expect(exactShareBand(k, n, p0), `${k} of ${n} around ${p0}`).toEqual(classify(k / n, l));
        if (classify(k / n, l).band === 'outside_998') outside++;
      }
    }
    for (const e of [3.2, 45.6, 100.9]) {
      const l = poissonRatioLimits(e);
      for (let o = 0; o <= 3 * e + 10; o++) expect(exactRatioBand(o, e), `${o} against ${e}`).toEqual(classify(o / e, l));
    }
    expect(outside).toBeGreaterThan(100);
    // every share is p0 when p0 is 0 or 1
    expect(exactShareBand(0, 20, 0)).toEqual({ band: 'within_95', direction: 'no_clear_difference' });
  });

  it('bands: outside the 99.8% limits higher or lower, between 95% and 99.8%, within 95% (a limit counts as inside)', () => {
    const l = { low998: 0.1, low95: 0.2, high95: 0.4, high998: 0.5 };
    expect(classify(0.51, l)).toEqual({ band: 'outside_998', direction: 'higher' });
    expect(classify(0.09, l)).toEqual({ band: 'outside_998', direction: 'lower' });
    expect(classify(0.45, l)).toEqual({ band: 'between_95_998', direction: 'no_clear_difference' });
    expect(classify(0.15, l)).toEqual({ band: 'between_95_998', direction: 'no_clear_difference' });
    expect(classify(0.5, l)).toEqual({ band: 'between_95_998', direction: 'no_clear_difference' });
    expect(classify(0.4, l)).toEqual({ band: 'within_95', direction: 'no_clear_difference' });
  });
});

describe('over-dispersion', () => {
  // Eleven z-scores; winsorised at 10% (floor(1.1) = 1 each side): -4 -> -2 and 4 -> 2.
  // Squares: 4 4 1 1 0 0 0 1 1 4 4 = 20; phi = 20/11 = 1.818182. k * phi = 20 on 10 degrees of
  // freedom: P(chi2(10) >= 20) = exp(-10) * (1 + 10 + 100/2 + 1000/6 + 10000/24) = 0.0292527 < 0.05.
  const Z = [-4, -2, -1, -1, 0, 0, 0, 1, 1, 2, 4];

  it('winsorises the extremes to the next ones, keeping order', () => {
    expect(winsorise(Z)).toEqual([-2, -2, -1, -1, 0, 0, 0, 1, 1, 2, 2]);
    // fewer than 10 scores: nothing changes
    expect(winsorise([-5, 0, 5])).toEqual([-5, 0, 5]);
  });

  it('phi and its chi-square test, against the closed form for even degrees of freedom', () => {
    const d = dispersion(Z);
    expect(d.k).toBe(11);
    expect(d.phi).toBeCloseTo(20 / 11, 12);
    const closedForm = Math.exp(-10) * (1 + 10 + 100 / 2 + 1000 / 6 + 10000 / 24);
    expect(closedForm).toBeCloseTo(0.0292527, 6);
    expect(d.p).toBeCloseTo(closedForm, 9);
    expect(d.overdispersed).toBe(true);
    // the same spread halved is chance: phi = 5/11, not over-dispersed
    const calm = dispersion(Z.map((z) => z / 2));
    expect(calm.phi).toBeCloseTo(5 / 11, 12);
    expect(calm.overdispersed).toBe(false);
    expect(dispersion([]).phi).toBeNull();
    expect(dispersion([3]).overdispersed).toBe(false);
  });

  it('z-scores of a share and of O against E', () => {
    // (0.3 - 0.5) / sqrt(0.25 / 100) = -0.2 / 0.05 = -4
    expect(shareZ(30, 100, 0.5)).toBeCloseTo(-4, 12);
    expect(shareZ(3, 10, 0)).toBeNull();
    // (44 - 45.6) / sqrt(45.6) = -1.6 / 6.7527772 = -0.2369396
    expect(ratioZ(44, 45.6)).toBeCloseTo(-0.2369396, 7);
  });

  it('compareFunnels widens the limits of an over-dispersed funnel and says so', () => {
    // The z-scores above as outflow shares of 100 youths around p0 = 0.5: k = 50 + 5z.
    const ks = Z.map((z) => 50 + 5 * z);
    const areas = ks.map((_, i) => `GM${String(i + 1).padStart(4, '0')}`);
    const rows: MetricRow[] = [
      ...ks.map((k, i) => share('municipality', areas[i], k, 100)),
      share('all', 'all', 550, 1100),
    ];
    const cs = compareFunnels({ exact: rows, published: rows, regionOf: new Map(), sdByArea: new Map(), exactFigures: true });
    const all = cs.filter((c) => c.against === 'all');
    expect(all).toHaveLength(11);
    for (const c of all) {
      expect(c.test).toBe(TEST_FUNNEL_PHI);
      expect(c.phi).toBe(1.82);
      expect(c.reference).toBe(0.5);
    }
    // GM0001 (0.30, z = -4): exact binomial limits would put it outside the 99.8% limits, the widened ones do not:
    // s = sqrt(20/11 * 0.25 / 100) = 0.0674200; 99.8%: 0.5 - 3.090232 s = 0.291657; 95%: 0.5 - 1.959964 s = 0.367859
    expect(classify(0.3, binomialLimits(0.5, 100)).band).toBe('outside_998');
    expect(all[0]).toMatchObject({ area: 'GM0001', band: 'between_95_998', direction: 'no_clear_difference', numerator: 30, denominator: 100, value: 0.3 });
    expect(all[5]).toMatchObject({ area: 'GM0006', band: 'within_95' });
    // no region: not compared against one
    expect(cs.find((c) => c.against === 'region')).toMatchObject({ direction: null, reason: 'no_group' });
  });
});

/** An outflow row of 2021, gap 30. */
function share(level: MetricRow['level'], area: string, k: number, n: number, extra: Partial<MetricRow> = {}): MetricRow {
  return {
    level, area, data_kind: 'allocations', year: 2021, gap_days: 30, breakdown: '', group: '', measure: 'outflow', category: '', bucket: '',
    numerator: k, denominator: n, value: k / n, ci_low: null, ci_high: null, status: 'internal', ...extra,
  };
}

/** The stratum cells of an outflow figure: only strata 0 and 1 used. */
function cells(area: string, k: [number, number], n: [number, number]): StratumCells {
  const kk = new Array<number>(STRATA.length).fill(0);
  const nn = new Array<number>(STRATA.length).fill(0);
  [kk[0], kk[1], nn[0], nn[1]] = [k[0], k[1], n[0], n[1]];
  return { data_kind: 'allocations', year: 2021, gap_days: 30, area, measure: 'outflow', category: '', bucket: '', k: kk, n: nn };
}

describe('compareFunnels: raw and standardised rows, published figures', () => {
  // The hand-worked example above, as rows and strata of two municipalities in region Noord.
  const exact: MetricRow[] = [
    share('municipality', 'GM0001', 44, 100),
    share('municipality', 'GM0002', 34, 100),
    share('region', 'Noord', 78, 200),
    share('all', 'all', 78, 200),
  ];
  const strata = [cells('GM0001', [40, 4], [80, 20]), cells('GM0002', [10, 24], [20, 80])];
  const regionOf = new Map([['GM0001', 'Noord'], ['GM0002', 'Noord']]);

  it('internal run: exact E, O/E and standardised share, the exact Poisson test', () => {
    const cs = compareFunnels({ exact, published: exact, regionOf, sdByArea: new Map(), strata, exactFigures: true });
    // per municipality: region raw, all raw, all standardised
    expect(cs.map((c) => `${c.area} ${c.against} ${c.method}`)).toEqual([
      'GM0001 region raw', 'GM0001 all raw', 'GM0001 all standardised',
      'GM0002 region raw', 'GM0002 all raw', 'GM0002 all standardised',
    ]);
    const s = cs[2];
    expect(s.test).toBe(TEST_FUNNEL_POISSON);
    expect(s.expected).toBeCloseTo(45.6, 12);
    expect(s.oe).toBeCloseTo(0.9649123, 7);
    expect(s.standardised_value).toBeCloseTo(0.3763158, 7);
    expect(s.reference).toBeCloseTo(0.39, 12);
    // O/E = 0.965 at E = 45.6 lies well inside the 95% limits
    expect(s).toMatchObject({ band: 'within_95', direction: 'no_clear_difference' });
    expect(cs[1]).toMatchObject({ test: TEST_FUNNEL_BINOMIAL, band: 'within_95', reference: 0.39 });
  });

  it('published run: E from the published count, O/E from the published numerator, hidden with it', () => {
    // GM0001 published as 45 of 100 (rounded), GM0002 hidden
    const published = exact.map((r) =>
      r.area === 'GM0001' ? { ...r, numerator: 45, value: 0.45, status: 'published' as const }
        : r.area === 'GM0002' ? { ...r, numerator: null, denominator: null, value: null, status: 'suppressed' as const }
          : { ...r, numerator: 80, value: 0.4, status: 'published' as const },
    );
    const cs = compareFunnels({ exact, published, regionOf, sdByArea: new Map(), strata, exactFigures: false });
    const s = cs.find((c) => c.area === 'GM0001' && c.method === 'standardised')!;
    // E = 100 * 45.6/100 = 45.6; O/E = 45/45.6 = 0.9868421; standardised = 0.9868421 * 0.4 = 0.3947368
    expect(s).toMatchObject({ numerator: 45, denominator: 100, expected: 45.6, reference: 0.4 });
    expect(s.oe).toBeCloseTo(0.9868421, 7);
    expect(s.standardised_value).toBeCloseTo(0.3947368, 7);
    expect(s.oe! * s.expected!).toBeCloseTo(45, 9); // gives back the published count, not the exact 44
    const [lo, hi] = poissonInterval(45);
    expect(s.oe_low).toBeCloseTo(lo / 45.6, 12);
    expect(s.oe_high).toBeCloseTo(hi / 45.6, 12);
    // the direction is still decided on the exact counts (O/E = 0.965)
    expect(s.direction).toBe('no_clear_difference');
    for (const c of cs.filter((x) => x.area === 'GM0002')) {
      expect(c).toMatchObject({ direction: null, reason: 'suppressed', numerator: null, denominator: null, value: null, expected: null, oe: null, standardised_value: null });
    }
  });

  it('refuses strata that do not add up to the figure', () => {
    const bad = [cells('GM0001', [40, 5], [80, 20]), strata[1]];
    expect(() => compareFunnels({ exact, published: exact, regionOf, sdByArea: new Map(), strata: bad, exactFigures: true })).toThrow(/do not add up/);
  });
});
