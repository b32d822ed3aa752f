// SPEC 10: the survival module (src/definitions/survival.ts), on hand-worked cases whose
// arithmetic is written out below, and against the brute-force reference of
// test/reference/survival-reference.ts on seeded random histograms.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_HISTOGRAM, Z95, checkHistogram, coarsenForDisclosure, histogramTotals,
  kaplanMeier, medianSurvival, mergeHistograms, survivalAt, type DurationHistogram,
} from '../src/definitions/survival.js';
import { roundToBase } from '../src/disclosure/rounding.js';
import { histogramOf, mulberry32 } from './helpers.js';
import * as ref from './reference/survival-reference.js';

const E = true; // ended: an event
const C = false; // censored

/** The log-log interval written out as in the textbooks: S^exp(+-z sqrt(G) / |log S|), G the Greenwood sum. */
function logLog(s: number, greenwoodSum: number): [number, number] {
  const se = Math.sqrt(greenwoodSum) / Math.abs(Math.log(s));
  return [s ** Math.exp(Z95 * se), s ** Math.exp(-Z95 * se)];
}

function hist(times: number[], events: number[], censored: number[]): DurationHistogram {
  return checkHistogram({ times, events, censored });
}

describe('histograms', () => {
  it('are built from (duration, ended) pairs, sparse and sorted', () => {
    const h = histogramOf([[5, E], [2, C], [5, C], [2, E], [2, E], [9, E]]);
    expect(h).toEqual({ times: [2, 5, 9], events: [2, 1, 1], censored: [1, 1, 0] });
    expect(histogramTotals(h)).toEqual({ events: 4, censored: 2, trajectories: 6 });
    expect(histogramOf([])).toEqual(EMPTY_HISTOGRAM);
  });

  it('refuse durations that are not whole days >= 1, and malformed arrays', () => {
    expect(() => histogramOf([[0, E]])).toThrow(RangeError);
    expect(() => histogramOf([[1.5, C]])).toThrow(RangeError);
    expect(() => histogramOf([[-3, E]])).toThrow(RangeError);
    expect(() => checkHistogram({ times: [3, 2], events: [1, 1], censored: [0, 0] })).toThrow(/increasing/);
    expect(() => checkHistogram({ times: [2, 2], events: [1, 1], censored: [0, 0] })).toThrow(/increasing/);
    expect(() => checkHistogram({ times: [2], events: [1, 1], censored: [0] })).toThrow(/length/);
    expect(() => checkHistogram({ times: [2], events: [0], censored: [0] })).toThrow(/empty/);
    expect(() => checkHistogram({ times: [2], events: [-1], censored: [3] })).toThrow(/whole/);
    expect(() => kaplanMeier({ times: [0], events: [1], censored: [0] })).toThrow(RangeError);
  });

  it('merge by addition, in any order', () => {
    const a = hist([1, 4, 9], [2, 0, 1], [0, 3, 0]);
    const b = hist([4, 5], [1, 1], [1, 0]);
    const c = hist([1, 20], [0, 1], [7, 1]);
    // 1: 2+0 ended, 0+7 censored; 4: 0+1, 3+1; 5: 1, 0; 9: 1, 0; 20: 1, 1.
    const all = hist([1, 4, 5, 9, 20], [2, 1, 1, 1, 1], [7, 4, 0, 0, 1]);
    expect(mergeHistograms(mergeHistograms(a, b), c)).toEqual(all);
    expect(mergeHistograms(c, mergeHistograms(b, a))).toEqual(all);
    expect(mergeHistograms(a, b)).toEqual(mergeHistograms(b, a));
    expect(mergeHistograms(a, EMPTY_HISTOGRAM)).toEqual(a);
    expect(mergeHistograms(EMPTY_HISTOGRAM, EMPTY_HISTOGRAM)).toEqual(EMPTY_HISTOGRAM);
  });

  it('merged from parts equal the histogram of the whole (seeded random splits)', () => {
    const rnd = mulberry32(10);
    for (let run = 0; run < 200; run++) {
      const obs: [number, boolean][] = [];
      const n = Math.floor(rnd() * 40);
      for (let i = 0; i < n; i++) obs.push([1 + Math.floor(rnd() * 15), rnd() < 0.6]);
      const parts: [number, boolean][][] = [[], [], []];
      for (const o of obs) parts[Math.floor(rnd() * 3)].push(o);
      const merged = parts.map((p) => histogramOf(p)).reduce(mergeHistograms, EMPTY_HISTOGRAM);
      expect(merged).toEqual(histogramOf(obs));
      expect(checkHistogram(merged)).toBe(merged);
    }
  });
});

describe('product-limit estimate, hand-worked', () => {
  it('ties of events and censorings at one time: events first', () => {
    // Seven trajectories: ended after 2, 2, 5, 7 days; censored after 2, 3, 5 days.
    // t=2: at risk 7 (the one censored at 2 is still at risk at 2), 2 ended, 1 censored:
    //      S = 1 - 2/7 = 5/7 = 0.714286; Greenwood sum G = 2/(7*5) = 2/35; Var = S^2 G.
    //      (Censorings first would give 1 - 2/6 = 2/3.)
    // t=3: at risk 4, 1 censored: S stays 5/7, G stays 2/35.
    // t=5: at risk 3, 1 ended, 1 censored: S = 5/7 * 2/3 = 10/21 = 0.476190; G = 2/35 + 1/(3*2) = 47/210.
    // t=7: at risk 1, 1 ended: S = 0, no variance, no interval.
    // Log-log at 2: se = sqrt(2/35)/|log(5/7)| = 0.239046/0.336472 = 0.710447;
    //   (5/7)^exp(+-1.959964*0.710447) = (5/7)^4.0248 and (5/7)^0.24846 = 0.258154 .. 0.919797.
    // Log-log at 5: se = sqrt(47/210)/|log(10/21)| = 0.473085/0.741937 = 0.637635: 0.075099 .. 0.808460.
    const h = histogramOf([[2, E], [2, E], [2, C], [3, C], [5, E], [5, C], [7, E]]);
    const { trajectories, steps } = kaplanMeier(h);
    expect(trajectories).toBe(7);
    expect(steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual([[2, 7, 2, 1], [3, 4, 0, 1], [5, 3, 1, 1], [7, 1, 1, 0]]);
    const S = [5 / 7, 5 / 7, 10 / 21, 0];
    const G = [2 / 35, 2 / 35, 47 / 210];
    steps.forEach((s, i) => expect(s.survival).toBeCloseTo(S[i], 14));
    for (let i = 0; i < 3; i++) {
      expect(steps[i].variance).toBeCloseTo(S[i] ** 2 * G[i], 14);
      const [lo, hi] = logLog(S[i], G[i]);
      expect(steps[i].low).toBeCloseTo(lo, 12);
      expect(steps[i].high).toBeCloseTo(hi, 12);
    }
    expect(steps[0].low).toBeCloseTo(0.258154, 6);
    expect(steps[0].high).toBeCloseTo(0.919797, 6);
    expect(steps[2].low).toBeCloseTo(0.075099, 6);
    expect(steps[2].high).toBeCloseTo(0.80846, 6);
    expect(steps[3]).toMatchObject({ survival: 0, variance: null, low: null, high: null });

    expect(survivalAt(h, 0)).toEqual({ value: 1, low: null, high: null });
    expect(survivalAt(h, 1)).toEqual({ value: 1, low: null, high: null });
    expect(survivalAt(h, 2).value).toBeCloseTo(5 / 7, 14);
    expect(survivalAt(h, 4).value).toBeCloseTo(5 / 7, 14);
    expect(survivalAt(h, 4.5).low).toBeCloseTo(0.258154, 6);
    expect(survivalAt(h, 6).value).toBeCloseTo(10 / 21, 14);
    expect(survivalAt(h, 7)).toEqual({ value: 0, low: null, high: null });
    expect(survivalAt(h, 1000)).toEqual({ value: 0, low: null, high: null });
    // Median: S(2) = 0.714 > 0.5, S(5) = 0.476 <= 0.5, so 5. Lower band first <= 0.5 at 2
    // (0.258); the upper band is 0.920, 0.920, 0.808 and then undefined (S = 0): no upper end.
    expect(medianSurvival(h)).toEqual({ value: 5, low: 2, high: null });
  });

  it('all censored: S = 1 throughout, no interval, no median', () => {
    const h = histogramOf([[3, C], [5, C], [5, C], [9, C]]);
    const { steps } = kaplanMeier(h);
    expect(steps.map((s) => [s.time, s.atRisk, s.survival, s.variance, s.low, s.high])).toEqual([
      [3, 4, 1, 0, null, null], [5, 3, 1, 0, null, null], [9, 1, 1, 0, null, null]]);
    expect(survivalAt(h, 100)).toEqual({ value: 1, low: null, high: null });
    expect(medianSurvival(h)).toEqual({ value: null, low: null, high: null });
  });

  it('no censoring: S(t) is the share lasting longer than t, Greenwood the binomial variance', () => {
    // Ten trajectories ended after 1, 2, 2, 3, 5, 5, 5, 8, 9, 10 days. S(t) = #(duration > t)/10:
    // S(1) = 9/10, S(2) = 7/10, S(3) = 6/10, S(5) = 3/10, S(8) = 2/10, S(9) = 1/10, S(10) = 0.
    // Without censoring Greenwood telescopes to S(1 - S)/N: S(3): 0.6 * 0.4 / 10 = 0.024.
    const h = histogramOf([1, 2, 2, 3, 5, 5, 5, 8, 9, 10].map((d) => [d, E] as const));
    const { steps } = kaplanMeier(h);
    const S = [0.9, 0.7, 0.6, 0.3, 0.2, 0.1, 0];
    expect(steps.map((s) => s.time)).toEqual([1, 2, 3, 5, 8, 9, 10]);
    expect(steps.map((s) => s.atRisk)).toEqual([10, 9, 7, 6, 3, 2, 1]);
    steps.forEach((s, i) => expect(s.survival).toBeCloseTo(S[i], 14));
    for (let i = 0; i < 6; i++) {
      expect(steps[i].variance).toBeCloseTo((S[i] * (1 - S[i])) / 10, 14);
      // Greenwood sum = Var/S^2 = (1 - S)/(10 S).
      const [lo, hi] = logLog(S[i], (1 - S[i]) / (10 * S[i]));
      expect(steps[i].low).toBeCloseTo(lo, 12);
      expect(steps[i].high).toBeCloseTo(hi, 12);
    }
    // Median 5 (S(3) = 0.6, S(5) = 0.3). Lower band at 1: 0.9^exp(1.959964 * sqrt(1/90)/|log 0.9|)
    // = 0.9^7.1065 = 0.4730 <= 0.5, so 1. Upper band: 0.985, 0.892, 0.827, 0.578 (at 5), then at 8
    // 0.2^exp(-1.959964 * sqrt(0.4)/|log 0.2|) = 0.2^0.46318 = 0.4747 <= 0.5, so 8.
    expect(steps[0].low).toBeCloseTo(0.4730, 4);
    expect(steps[3].high).toBeCloseTo(0.5779, 4);
    expect(steps[4].high).toBeCloseTo(0.4747, 4);
    expect(medianSurvival(h)).toEqual({ value: 5, low: 1, high: 8 });
  });

  it('an exact half counts as reached, though the floating-point product misses it', () => {
    // 22 trajectories, none censored: 7 end after 1 day, 4 after 2 days, 11 after 9 days.
    // S(2) = 11/22 = 1/2 exactly, so the median is 2; as a product, (1 - 7/22)(1 - 4/15) is
    // 0.5000000000000001 in floating point.
    expect((1 - 7 / 22) * (1 - 4 / 15)).toBeGreaterThan(0.5);
    const h = hist([1, 2, 9], [7, 4, 11], [0, 0, 0]);
    expect(medianSurvival(h).value).toBe(2);
    // With censorings: 6 at risk, 1 ends after 1 day; of the 5 at risk at 2 days, 2 end and 1 is
    // censored: S(2) = 5/6 * 3/5 = 1/2, median 2.
    const h2 = histogramOf([[1, E], [2, E], [2, E], [2, C], [4, C], [6, E]]);
    expect(medianSurvival(h2).value).toBe(2);
    // Just above a half: 3 at risk, 1 ends: 2/3 > 1/2; then 2 censored: never reached.
    expect(medianSurvival(histogramOf([[1, E], [3, C], [3, C]])).value).toBeNull();
  });

  it('a single trajectory: ended, S drops to 0 at its duration; censored, S = 1', () => {
    const ended = histogramOf([[30, E]]);
    expect(survivalAt(ended, 29)).toEqual({ value: 1, low: null, high: null });
    expect(survivalAt(ended, 30)).toEqual({ value: 0, low: null, high: null });
    expect(kaplanMeier(ended).steps).toEqual([{ time: 30, atRisk: 1, events: 1, censored: 0, survival: 0, variance: null, low: null, high: null }]);
    // The median is its duration; the interval is undefined at S = 0 and so not determined.
    expect(medianSurvival(ended)).toEqual({ value: 30, low: null, high: null });

    const censored = histogramOf([[30, C]]);
    expect(survivalAt(censored, 30)).toEqual({ value: 1, low: null, high: null });
    expect(survivalAt(censored, 31)).toEqual({ value: 1, low: null, high: null });
    expect(medianSurvival(censored)).toEqual({ value: null, low: null, high: null });
  });

  it('an empty histogram: S = 1, no steps, no median', () => {
    expect(kaplanMeier(EMPTY_HISTOGRAM)).toEqual({ trajectories: 0, steps: [] });
    expect(survivalAt(EMPTY_HISTOGRAM, 10)).toEqual({ value: 1, low: null, high: null });
    expect(medianSurvival(EMPTY_HISTOGRAM)).toEqual({ value: null, low: null, high: null });
  });

  it('the 6-MP remission data (Freireich et al., 1963): S, Greenwood standard errors, median', () => {
    // Weeks in remission of the 21 patients on 6-mercaptopurine (* censored), as tabulated in
    // Gehan (1965) and used in Kalbfleisch & Prentice and in Collett:
    // 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*.
    // Event times, at risk n, ended d, S, Greenwood sum G, standard error S sqrt(G):
    //   6: n 21, d 3: S = 18/21 = 0.857143, G = 3/(21*18) = 1/126,           se 0.0764
    //   7: n 17, d 1: S *= 16/17 = 0.806723, G += 1/(17*16) = 1/272,         se 0.0869
    //  10: n 15, d 1: S *= 14/15 = 0.752941, G += 1/(15*14) = 1/210,         se 0.0963
    //  13: n 12, d 1: S *= 11/12 = 0.690196, G += 1/(12*11) = 1/132,         se 0.1068
    //  16: n 11, d 1: S *= 10/11 = 0.627451, G += 1/(11*10) = 1/110,         se 0.1141
    //  22: n  7, d 1: S *= 6/7   = 0.537815, G += 1/(7*6)   = 1/42,          se 0.1282
    //  23: n  6, d 1: S *= 5/6   = 0.448179, G += 1/(6*5)   = 1/30,          se 0.1346
    // These S and standard errors are the standard textbook values for this group.
    // Log-log interval at 6: se(log-log) = sqrt(1/126)/|log(6/7)| = 0.089087/0.154151 = 0.577925;
    //   (6/7)^exp(+-1.132730) = (6/7)^3.10418 .. (6/7)^0.322146 = 0.619718 .. 0.951552.
    // Lower band at 10: 0.5032 > 0.5, at 13: 0.4316 <= 0.5; upper band at 23 still 0.6801:
    // median 23 (S(22) = 0.538 > 0.5 >= S(23) = 0.448), interval from 13, open above.
    const weeks: [number, boolean][] = [
      [6, E], [6, E], [6, E], [6, C], [7, E], [9, C], [10, E], [10, C], [11, C], [13, E], [16, E],
      [17, C], [19, C], [20, C], [22, E], [23, E], [25, C], [32, C], [32, C], [34, C], [35, C]];
    const h = histogramOf(weeks);
    const steps = kaplanMeier(h).steps.filter((s) => s.events > 0);
    expect(steps.map((s) => [s.time, s.atRisk, s.events])).toEqual([[6, 21, 3], [7, 17, 1], [10, 15, 1], [13, 12, 1], [16, 11, 1], [22, 7, 1], [23, 6, 1]]);
    const factors = [18 / 21, 16 / 17, 14 / 15, 11 / 12, 10 / 11, 6 / 7, 5 / 6];
    const terms = [1 / 126, 1 / 272, 1 / 210, 1 / 132, 1 / 110, 1 / 42, 1 / 30];
    const published = [0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346];
    let S = 1;
    let G = 0;
    steps.forEach((step, i) => {
      S *= factors[i];
      G += terms[i];
      expect(step.survival).toBeCloseTo(S, 14);
      expect(step.variance).toBeCloseTo(S * S * G, 14);
      expect(Math.sqrt(step.variance!)).toBeCloseTo(published[i], 4);
      const [lo, hi] = logLog(S, G);
      expect(step.low).toBeCloseTo(lo, 12);
      expect(step.high).toBeCloseTo(hi, 12);
    });
    expect(steps.map((s) => Number(s.survival.toFixed(3)))).toEqual([0.857, 0.807, 0.753, 0.69, 0.627, 0.538, 0.448]);
    expect(steps[0].low).toBeCloseTo(0.619718, 6);
    expect(steps[0].high).toBeCloseTo(0.951552, 6);
    expect(medianSurvival(h)).toEqual({ value: 23, low: 13, high: null });
    expect(survivalAt(h, 12).value).toBeCloseTo(18 / 21 * 16 / 17 * 14 / 15, 14);
  });
});

/** Random observations: a size, a range of durations (small ranges give many ties), a share ended. */
function randomObservations(rnd: () => number, maxN: number): [number, boolean][] {
  const n = Math.floor(rnd() * (maxN + 1));
  const range = [3, 10, 40, 400][Math.floor(rnd() * 4)];
  const pEnded = [0, 0.3, 0.7, 1, rnd()][Math.floor(rnd() * 5)];
  const out: [number, boolean][] = [];
  for (let i = 0; i < n; i++) out.push([1 + Math.floor(rnd() * range), rnd() < pEnded]);
  return out;
}

function close(a: number | null, b: number | null, tol = 1e-12): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= tol;
}

describe('against the brute-force reference (seeded random histograms)', () => {
  it('curve, S(t) at any t and the median agree to 1e-12', () => {
    const rnd = mulberry32(20260501);
    for (let run = 0; run < 400; run++) {
      const obs = randomObservations(rnd, 60);
      const subjects = obs.map(([time, ended]) => ({ time, ended }));
      const h = histogramOf(obs);
      const mine = kaplanMeier(h);
      const theirs = ref.curve(subjects);
      expect(mine.trajectories).toBe(subjects.length);
      expect(mine.steps.length).toBe(theirs.length);
      mine.steps.forEach((s, i) => {
        const r = theirs[i];
        expect([s.time, s.atRisk, s.events, s.censored]).toEqual([r.time, r.atRisk, r.events, r.censored]);
        const ok = close(s.survival, r.survival) && close(s.variance, r.variance) && close(s.low, r.low) && close(s.high, r.high);
        if (!ok) expect({ run, step: s }).toEqual({ run, step: r });
      });
      const last = Math.max(1, ...obs.map(([t]) => t));
      for (const t of [0, 1, Math.floor(rnd() * last) + 0.5, Math.floor(rnd() * last), last, last + 5]) {
        const a = survivalAt(h, t);
        const b = ref.survival(subjects, t);
        if (!(close(a.value, b.survival) && close(a.low, b.low) && close(a.high, b.high))) expect({ run, t, a }).toEqual({ run, t, b });
      }
      expect(medianSurvival(h)).toEqual(ref.median(subjects));
    }
  });
});

/** What a reader can take from a published curve: per step the time, S and the at-risk number. */
function reconstruct(published: DurationHistogram): { events: number[]; censored: number[] } {
  const { steps } = kaplanMeier(published);
  const events: number[] = [];
  const censored: number[] = [];
  let prevS = 1;
  steps.forEach((s, k) => {
    // S_k / S_(k-1) = 1 - d_k / n_k, so d_k = n_k (1 - S_k / S_(k-1)).
    const d = s.atRisk * (1 - s.survival / prevS);
    expect(Math.abs(d - Math.round(d))).toBeLessThan(1e-6);
    const next = k + 1 < steps.length ? steps[k + 1].atRisk : 0;
    events.push(Math.round(d));
    censored.push(s.atRisk - next - Math.round(d)); // n_k - n_(k+1) = d_k + c_k
    prevS = s.survival;
  });
  return { events, censored };
}

describe('coarsening a curve for publication', () => {
  it('a hand-worked example: merges into the next step, remainder merged back, then rounds', () => {
    // time:       1  2  3  4  5  6  7  8
    // ended:      3  6  2  7  1  0  8  2
    // censored:   0  0  5  0  4  9  0  1
    // 1..2: 9 ended, 0 censored: qualifies, a step at 2 (9, 0).
    // 3..4: 9 ended, 5 censored: 5 is 1..7, go on; 3..5: 10, 9: a step at 5 (10, 9).
    // 6: 0 ended (a censoring-only step is not published); 6..7: 8, 9: a step at 7 (8, 9).
    // 8: 2, 1 left over: merged back into the step at 7, published at 8: (10, 10).
    // Totals 29 = 9 + 10 + 10 ended, 19 = 0 + 9 + 10 censored. Rounded to 5: (10, 0), (10, 10), (10, 10).
    // The published curve, from 50 trajectories: n = 50 at 2, S = 1 - 10/50 = 0.8; n = 50 - 10 = 40
    // at 5, S = 0.8 * (1 - 10/40) = 0.6; n = 40 - 20 = 20 at 8, S = 0.6 * (1 - 10/20) = 0.3.
    const h = hist([1, 2, 3, 4, 5, 6, 7, 8], [3, 6, 2, 7, 1, 0, 8, 2], [0, 0, 5, 0, 4, 9, 0, 1]);
    expect(coarsenForDisclosure(h, 7, 1)).toEqual({ times: [2, 5, 8], events: [9, 10, 10], censored: [0, 9, 10] });
    const published = coarsenForDisclosure(h)!;
    expect(published).toEqual({ times: [2, 5, 8], events: [10, 10, 10], censored: [0, 10, 10] });
    const { steps } = kaplanMeier(published);
    expect(steps.map((s) => s.atRisk)).toEqual([50, 40, 20]);
    expect(steps[0].survival).toBeCloseTo(0.8, 14);
    expect(steps[1].survival).toBeCloseTo(0.6, 14);
    expect(steps[2].survival).toBeCloseTo(0.3, 14);
    expect(reconstruct(published)).toEqual({ events: [10, 10, 10], censored: [0, 10, 10] });

    // The literal reading (every step at least 8 censorings too): 1..5 is the first block with
    // both over 7 (19, 9), then 6..7 (8, 9), and 8 is merged back: (19, 9), (10, 10) -> (20, 10), (10, 10).
    expect(coarsenForDisclosure(h, 7, 1, false)).toEqual({ times: [5, 8], events: [19, 10], censored: [9, 10] });
    expect(coarsenForDisclosure(h, 7, 5, false)).toEqual({ times: [5, 8], events: [20, 10], censored: [10, 10] });
  });

  it('a remainder is merged back as far as needed, and nothing is published when the totals are too small', () => {
    // 10 ended at 1 (a step), then 3 censored at 5: (10, 0) + (0, 3) = (10, 3) does not qualify
    // either, and nothing is left to merge with: no curve. 3 censored among 1000 ended cannot be shown.
    expect(coarsenForDisclosure(hist([1, 5], [10, 0], [0, 3]))).toBeNull();
    expect(coarsenForDisclosure(hist([1, 2, 5], [500, 500, 0], [0, 0, 3]))).toBeNull();
    // 10 ended at 1, 10 at 2, then 3 censored and 1 ended at 9: (10, 0), then (10, 0) + (1, 3) = (11, 3)
    // fails, merged with the first: (21, 3) fails: no curve. With 5 more censored at 9: (11, 8) qualifies.
    expect(coarsenForDisclosure(hist([1, 2, 9], [10, 10, 1], [0, 0, 3]))).toBeNull();
    expect(coarsenForDisclosure(hist([1, 2, 9], [10, 10, 1], [0, 0, 8]), 7, 1)).toEqual({ times: [1, 9], events: [10, 11], censored: [0, 8] });
    // 9 censored at 1 and 9 ended at 2, then 9 censored at 3: (0, 9) waits, (9, 18) at 2; (0, 9)
    // left over is merged back: (9, 27) at 3.
    expect(coarsenForDisclosure(hist([1, 2, 3], [0, 9, 0], [9, 9, 9]), 7, 1)).toEqual({ times: [3], events: [9], censored: [27] });
    // 7 ended in all: nothing to publish. All censored: no events, no curve. Empty: no curve.
    expect(coarsenForDisclosure(hist([1, 2], [3, 4], [0, 0]))).toBeNull();
    expect(coarsenForDisclosure(hist([1, 2], [0, 0], [30, 40]))).toBeNull();
    expect(coarsenForDisclosure(EMPTY_HISTOGRAM)).toBeNull();
    // Without censorings the literal reading can publish nothing.
    expect(coarsenForDisclosure(hist([1, 2], [30, 40], [0, 0]), 7, 5, false)).toBeNull();
    expect(coarsenForDisclosure(hist([1, 2], [30, 40], [0, 0]))).toEqual({ times: [1, 2], events: [30, 40], censored: [0, 0] });
    expect(() => coarsenForDisclosure(EMPTY_HISTOGRAM, -1)).toThrow(RangeError);
    expect(() => coarsenForDisclosure(EMPTY_HISTOGRAM, 7, 0)).toThrow(RangeError);
  });

  it('rounds as the disclosure stage does (ties half up)', () => {
    // 12 -> 10, 13 -> 15 (ties half up: 12.5 is never a count, but 15 -> 20 with base 10 is).
    expect(coarsenForDisclosure(hist([1, 2], [12, 13], [0, 17]))).toEqual({ times: [1, 2], events: [10, 15], censored: [0, 15] });
    expect(coarsenForDisclosure(hist([1], [15], [25]), 7, 10)).toEqual({ times: [1], events: [20], censored: [30] });
    for (let n = 0; n < 200; n++) {
      expect(coarsenForDisclosure(hist([1], [8 + n], [0]))!.events[0]).toBe(roundToBase(8 + n, 5));
    }
  });

  it('no published curve gives back a count of 7 or less; merging keeps the totals (seeded random histograms)', () => {
    const rnd = mulberry32(8);
    let published = 0;
    for (let run = 0; run < 400; run++) {
      const obs = randomObservations(rnd, 400);
      const h = histogramOf(obs);
      for (const allowZero of [true, false]) {
        const merged = coarsenForDisclosure(h, 7, 1, allowZero);
        const totals = histogramTotals(h);
        const ok = (d: number, c: number) => d > 7 && (c > 7 || (allowZero && c === 0));
        // Null exactly when the totals do not qualify.
        expect(merged === null).toBe(!ok(totals.events, totals.censored));
        if (merged === null) {
          expect(coarsenForDisclosure(h, 7, 5, allowZero)).toBeNull();
          continue;
        }
        // Unrounded: the totals are kept, and each published step holds exactly the durations
        // after the previous published time up to its own.
        expect(histogramTotals(merged)).toEqual(totals);
        let i = 0;
        merged.times.forEach((t, k) => {
          let d = 0;
          let c = 0;
          const prefixes: [number, number][] = [];
          while (i < h.times.length && h.times[i] <= t) {
            d += h.events[i];
            c += h.censored[i];
            prefixes.push([d, c]);
            i++;
          }
          expect([d, c]).toEqual([merged.events[k], merged.censored[k]]);
          expect(ok(d, c)).toBe(true);
          // Each step but the last closes at the first duration where it qualifies.
          if (k < merged.times.length - 1) prefixes.slice(0, -1).forEach(([pd, pc]) => expect(ok(pd, pc)).toBe(false));
        });
        expect(i).toBe(h.times.length);
        expect(merged.times[merged.times.length - 1]).toBe(h.times[h.times.length - 1]);

        // Rounded: the same steps, each count rounded; what a reader reconstructs from S and the
        // at-risk numbers is those counts, and no count over a range of steps is 1..7.
        const pub = coarsenForDisclosure(h, 7, 5, allowZero)!;
        published++;
        expect(pub.times).toEqual(merged.times);
        expect(pub.events).toEqual(merged.events.map((x) => roundToBase(x, 5)));
        expect(pub.censored).toEqual(merged.censored.map((x) => roundToBase(x, 5)));
        const back = reconstruct(pub);
        expect(back).toEqual({ events: pub.events, censored: pub.censored });
        for (let a = 0; a < pub.times.length; a++) {
          let d = 0;
          let c = 0;
          for (let b = a; b < pub.times.length; b++) {
            d += back.events[b];
            c += back.censored[b];
            for (const x of [d, c, d + c]) {
              expect(x % 5).toBe(0);
              expect(x === 0 || x > 7).toBe(true);
            }
            expect(d).toBeGreaterThan(7);
          }
        }
        for (const step of kaplanMeier(pub).steps) expect(step.atRisk).toBeGreaterThan(7);
        // Coarsening what is published changes nothing.
        expect(coarsenForDisclosure(pub, 7, 5, allowZero)).toEqual(pub);
      }
    }
    expect(published).toBeGreaterThan(200);
  });
});
