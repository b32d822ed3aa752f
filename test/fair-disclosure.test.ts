// SPEC 12 and SPEC 7: the figures comparisons.csv publishes (n, share, E, O/E with its interval,
// standardised share, reference share) are hidden with the municipality's observed count and give
// back no exact count. An attacker who holds every published metrics row and comparison tries to
// recover an exact count from them; random small worlds (many municipalities of 0 to 60 youths,
// so that plenty are suppressed) are folded through the engine's own counters and published.
import { describe, expect, it } from 'vitest';
import type { ClientFacts, TrajectoryFact } from '../src/definitions/cohort.js';
import { DEFAULT_DISCLOSURE } from '../src/disclosure/disclosure.js';
import { poissonInterval } from '../src/compare/distributions.js';
import { Folder, type Counters } from '../src/measures/counters.js';
import { foldStratum } from '../src/measures/strata.js';
import { publish, type Publication } from '../src/publish/publish.js';
import type { MetricRow } from '../src/model/model.js';
import { mulberry32 } from './helpers.js';

const DAY_2021_03_01 = 18687;

/** A random world: municipalities in three regions, youths with a random age, start and outcome. */
function world(seed: number): { exact: Publication; rows: Map<string, MetricRow> } {
  const rnd = mulberry32(seed);
  const counters: Counters = new Map();
  const strata: Counters = new Map();
  const folder = new Folder();
  const regionOf = new Map<number, string>();
  const municipalities = 14;
  for (let m = 0; m < municipalities; m++) {
    const gm = 100 + m;
    if (m < 12) regionOf.set(gm, ['Noord', 'Oost', 'Zuid'][m % 3]);
    const youths = Math.floor(rnd() * 61);
    const leanOld = rnd();
    for (let i = 0; i < youths; i++) {
      const old = rnd() < leanOld;
      const startCategories = 1 << (old ? 4 : rnd() < 0.5 ? 0 : 1);
      const ended = rnd() < 0.6;
      const trajectories: TrajectoryFact[] = [{
        size: 1, closed: ended, ended, time: 100, reason: 0, nextAfter: rnd() < 0.3 ? 90 : Infinity, followUp: 400,
      }];
      const f: ClientFacts = {
        gm, inCareNextYear: rnd() < (old ? 0.8 : 0.4), trajectories, startCategories, startedInYear: [1, 0, 0, 0, 0, 0],
        priorCare: rnd() < (old ? 0.5 : 0.2), firstStart: DAY_2021_03_01, birth: rnd() < 0.1 ? null : DAY_2021_03_01 - (old ? 14 : 7) * 365,
        referrer: 0, sex: 0,
      };
      folder.fold(counters, { kind: 0, gm, year: 0, gap: 0, group: 0 }, f);
      foldStratum(strata, { kind: 0, gm, year: 0, gap: 0 }, f);
    }
  }
  const p = publish({ counters, strata, regionOf, disclosure: DEFAULT_DISCLOSURE, labels: false });
  const rows = new Map(p.exact.map((r) => [`${r.level}|${r.area}|${r.measure}|${r.category}|${r.bucket}`, r]));
  return { exact: p, rows };
}

const SEEDS = Array.from({ length: 40 }, (_, i) => 500 + i);
const STANDARDISED = ['in_care_next_year', 'outflow', 'prior_care', 'return_within'];

describe('attacker: the published comparison figures', () => {
  it('are hidden with the observed count, and otherwise computed from published numbers only', () => {
    let hidden = 0;
    let shown = 0;
    let differs = 0;
    for (const seed of SEEDS) {
      const { exact: p, rows } = world(seed);
      const published = new Map(p.metrics.map((r) => [`${r.level}|${r.area}|${r.measure}|${r.category}|${r.bucket}`, r]));
      for (const c of p.comparisons) {
        const k = `municipality|${c.area}|${c.measure}|${c.category}|${c.bucket}`;
        const pub = published.get(k)!;
        const ex = rows.get(k)!;
        const isHidden = pub.status !== 'published';
        const numbers = [c.numerator, c.denominator, c.value, c.expected, c.oe, c.oe_low, c.oe_high, c.standardised_value];
        if (isHidden) {
          hidden++;
          expect(numbers, `seed ${seed} ${k}`).toEqual([null, null, null, null, null, null, null, null]);
          expect(c.direction).toBeNull();
          continue;
        }
        // the figure is the published one: rounded counts, share from them
        expect([c.numerator, c.denominator, c.value]).toEqual([pub.numerator, pub.denominator, pub.value]);
        expect(c.numerator! % 5).toBe(0);
        expect(c.denominator! % 5).toBe(0);
        if (c.method !== 'standardised' || c.oe === null) continue;
        shown++;
        // every way back to O gives the published (rounded) count, never the exact one where they differ
        const o = c.numerator!;
        const back = [c.oe * c.expected!, (c.standardised_value! / c.reference!) * c.expected!];
        for (const b of back) expect(b).toBeCloseTo(o, 6);
        // the interval is the exact Poisson interval of the published O: inverting it gives that O again
        const [lo, hi] = poissonInterval(o);
        expect(c.oe_low! * c.expected!).toBeCloseTo(lo, 6);
        expect(c.oe_high! * c.expected!).toBeCloseTo(hi, 6);
        if (ex.numerator !== o) {
          differs++;
          for (const b of back) expect(Math.abs(b - ex.numerator!)).toBeGreaterThan(0.5);
        }
        // E is the published count times an expected share in [0, 1] (1 decimal): it adds no count
        expect(c.expected!).toBeLessThanOrEqual(c.denominator! + 0.05);
        expect(Math.round(c.expected! * 10)).toBeCloseTo(c.expected! * 10, 6);
        expect(STANDARDISED).toContain(c.measure);
      }
    }
    // the worlds exercise both sides a lot
    expect(hidden).toBeGreaterThan(500);
    expect(shown).toBeGreaterThan(100);
    expect(differs).toBeGreaterThan(50);
  });

  it('give back no count of 7 or less: a municipality figure with a count of 7 or less publishes no number and no direction', () => {
    let small = 0;
    for (const seed of SEEDS) {
      const { exact: p, rows } = world(seed);
      for (const c of p.comparisons) {
        const ex = rows.get(`municipality|${c.area}|${c.measure}|${c.category}|${c.bucket}`)!;
        const counts = [ex.numerator!, ex.denominator!, ...(ex.measure === 'products_per_trajectory' ? [] : [ex.denominator! - ex.numerator!])];
        if (counts.some((n) => n <= 7)) {
          small++;
          expect([c.numerator, c.denominator, c.value, c.expected, c.oe, c.standardised_value, c.direction]).toEqual([null, null, null, null, null, null, null]);
        }
      }
    }
    expect(small).toBeGreaterThan(300);
  });
});
