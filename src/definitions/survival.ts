// SPEC section 10: time in trajectory by the product-limit (Kaplan-Meier) estimate, with the
// Greenwood variance, the log-log 95% interval, the median with its interval, and the coarsening
// that makes a curve safe to publish (SPEC 10, last bullet; SPEC 7). Pure functions on a sparse
// histogram of durations, so the engine can fold one per area and merge them by addition.

/** The 0.975 quantile of the standard normal distribution (two-sided 95%). */
export const Z95 = 1.959963984540054;

/**
 * A sparse histogram of trajectory durations. Parallel arrays, one entry per distinct duration:
 * `times` strictly increasing whole days >= 1; `events[i]` trajectories that ended with duration
 * `times[i]`; `censored[i]` trajectories censored after `times[i]` days. Every entry has
 * events + censored >= 1 (no empty entries), so equal histograms have equal arrays.
 */
export interface DurationHistogram {
  readonly times: readonly number[];
  readonly events: readonly number[];
  readonly censored: readonly number[];
}

export const EMPTY_HISTOGRAM: DurationHistogram = Object.freeze({ times: [], events: [], censored: [] });

function isCount(x: number): boolean {
  return Number.isInteger(x) && x >= 0;
}

/** Throws a RangeError unless h is a well-formed histogram (see DurationHistogram); returns h. */
export function checkHistogram(h: DurationHistogram): DurationHistogram {
  const n = h.times.length;
  if (h.events.length !== n || h.censored.length !== n) {
    throw new RangeError('duration histogram: times, events and censored differ in length');
  }
  for (let i = 0; i < n; i++) {
    const t = h.times[i];
    if (!Number.isInteger(t) || t < 1) throw new RangeError(`duration histogram: time ${t} is not a whole number of days >= 1`);
    if (i > 0 && t <= h.times[i - 1]) throw new RangeError('duration histogram: times are not strictly increasing');
    if (!isCount(h.events[i]) || !isCount(h.censored[i])) throw new RangeError(`duration histogram: counts at ${t} days are not whole numbers >= 0`);
    if (h.events[i] + h.censored[i] === 0) throw new RangeError(`duration histogram: empty entry at ${t} days`);
  }
  return h;
}

/** The sum of two histograms (order-independent: merge(a, b) equals merge(b, a)). */
export function mergeHistograms(a: DurationHistogram, b: DurationHistogram): DurationHistogram {
  const times: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.times.length || j < b.times.length) {
    const ta = i < a.times.length ? a.times[i] : Infinity;
    const tb = j < b.times.length ? b.times[j] : Infinity;
    const t = Math.min(ta, tb);
    let d = 0;
    let c = 0;
    if (ta === t) {
      d += a.events[i];
      c += a.censored[i];
      i++;
    }
    if (tb === t) {
      d += b.events[j];
      c += b.censored[j];
      j++;
    }
    times.push(t);
    events.push(d);
    censored.push(c);
  }
  return { times, events, censored };
}

/** Total events, censorings and trajectories of a histogram. */
export function histogramTotals(h: DurationHistogram): { events: number; censored: number; trajectories: number } {
  let events = 0;
  let censored = 0;
  for (let i = 0; i < h.times.length; i++) {
    events += h.events[i];
    censored += h.censored[i];
  }
  return { events, censored, trajectories: events + censored };
}

/** One step of the curve, at one distinct duration of the histogram. */
export interface SurvivalStep {
  /** Days since the start of the trajectory. */
  readonly time: number;
  /** Trajectories at risk at `time`: duration or censoring time >= `time`. */
  readonly atRisk: number;
  readonly events: number;
  readonly censored: number;
  /** S(time), the estimated share still running `time` days after the start. */
  readonly survival: number;
  /** Greenwood variance of S(time): S^2 * sum over event times u <= time of d_u / (n_u (n_u - d_u)); null where S is 0. */
  readonly variance: number | null;
  /** Log-log 95% interval of S(time); null where S(time) is 0 or 1. */
  readonly low: number | null;
  readonly high: number | null;
}

export interface SurvivalCurve {
  /** All trajectories of the histogram (the risk set at time 0, where S = 1). */
  readonly trajectories: number;
  readonly steps: readonly SurvivalStep[];
}

/**
 * The log-log (Kalbfleisch-Prentice) interval of S from the Greenwood sum g = sum d/(n(n-d)):
 * with u = log(-log S) and se(u) = sqrt(g) / |log S|, the interval exp(-exp(u +- z se(u))),
 * lower limit with +. It lies inside (0, 1). None where S is 0 or 1 (u is not defined).
 */
function logLogInterval(s: number, greenwoodSum: number, z: number): { low: number | null; high: number | null } {
  if (!(s > 0 && s < 1)) return { low: null, high: null };
  const logS = Math.log(s);
  const u = Math.log(-logS);
  const se = Math.sqrt(greenwoodSum) / -logS;
  return { low: Math.exp(-Math.exp(u + z * se)), high: Math.exp(-Math.exp(u - z * se)) };
}

/**
 * The product-limit estimate as a step curve, one step per distinct duration (censoring-only
 * durations included, where S does not move, for plotting and the at-risk table). At equal
 * times events come before censorings: a trajectory censored after t days is at risk at t.
 * S(t) = prod over event times u <= t of (1 - d_u / n_u).
 */
export function kaplanMeier(h: DurationHistogram, z = Z95): SurvivalCurve {
  checkHistogram(h);
  const trajectories = histogramTotals(h).trajectories;
  const steps: SurvivalStep[] = [];
  let atRisk = trajectories;
  let s = 1;
  let g = 0; // Greenwood sum; Infinity once d = n (then S = 0)
  for (let i = 0; i < h.times.length; i++) {
    const d = h.events[i];
    const c = h.censored[i];
    if (d > 0) {
      s *= 1 - d / atRisk;
      g += d === atRisk ? Infinity : d / (atRisk * (atRisk - d));
    }
    const { low, high } = logLogInterval(s, g, z);
    steps.push({
      time: h.times[i], atRisk, events: d, censored: c, survival: s,
      variance: s === 0 ? null : s * s * g,
      low, high,
    });
    atRisk -= d + c;
  }
  return { trajectories, steps };
}

export interface SurvivalEstimate {
  readonly value: number;
  readonly low: number | null;
  readonly high: number | null;
}

/** The index of the last step with time <= t, or -1. */
function stepIndexAt(steps: readonly SurvivalStep[], t: number): number {
  let lo = 0;
  let hi = steps.length; // first index with time > t lies in [lo, hi]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid].time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * S(t) with its log-log 95% interval (null where S(t) is 0 or 1). S is right-continuous: a
 * trajectory that ended after exactly t days is no longer running at t. Before the first step
 * (and for an empty histogram) S = 1.
 */
export function survivalAt(h: DurationHistogram, t: number, z = Z95): SurvivalEstimate {
  if (Number.isNaN(t)) throw new RangeError('survivalAt: t is not a number');
  const { steps } = kaplanMeier(h, z);
  const k = stepIndexAt(steps, t);
  if (k < 0) return { value: 1, low: null, high: null };
  const step = steps[k];
  return { value: step.survival, low: step.low, high: step.high };
}

/**
 * True when the exact product-limit value after steps[0..k] is <= 1/2. Floating-point products
 * miss exact halves (15/22 * 11/15 gives 0.5000000000000001), so near 1/2 the products of the
 * whole numbers are compared exactly: 2 * prod(n - d) <= prod(n).
 */
function atOrBelowHalf(steps: readonly SurvivalStep[], k: number): boolean {
  const s = steps[k].survival;
  if (Math.abs(s - 0.5) > 1e-9) return s < 0.5;
  let num = 1n;
  let den = 1n;
  for (let i = 0; i <= k; i++) {
    const { atRisk, events } = steps[i];
    if (events === 0) continue;
    num *= BigInt(atRisk - events);
    den *= BigInt(atRisk);
  }
  return 2n * num <= den;
}

export interface MedianEstimate {
  /** Smallest t with S(t) <= 0.5; null when the curve does not reach 0.5. */
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * The median time in trajectory with its 95% interval (Brookmeyer-Crowley, read off the
 * pointwise log-log band). Exact rules:
 * - value: the smallest step time t with S(t) <= 0.5 (exact comparison); null if none.
 * - low: the smallest step time t whose lower limit low(t) <= 0.5; null if none.
 * - high: the smallest step time t whose upper limit high(t) <= 0.5; null if none (the
 *   interval is open to the right).
 * The 95% set {t : low(t) <= 0.5 <= high(t)} of Brookmeyer and Crowley runs from the first
 * time the lower band reaches 0.5 to the first time the upper band does: so the lower end of
 * the median's interval is the median of the lower band, the upper end that of the upper band
 * (and low <= value <= high, as low(t) <= S(t) <= high(t)). Steps without an interval (S(t) is
 * 1, or 0 where the Greenwood variance is undefined) never count as reaching 0.5 for low or
 * high, so a curve that falls from above 0.5 straight to 0 leaves that bound null: undetermined
 * rather than falsely precise (a single ended trajectory has median = its duration and no
 * interval). Only step times are candidates: S, low and high change only there.
 */
export function medianSurvival(h: DurationHistogram, z = Z95): MedianEstimate {
  const { steps } = kaplanMeier(h, z);
  let value: number | null = null;
  let low: number | null = null;
  let high: number | null = null;
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    if (value === null && step.events > 0 && atOrBelowHalf(steps, k)) value = step.time;
    if (low === null && step.low !== null && step.low <= 0.5) low = step.time;
    if (high === null && step.high !== null && step.high <= 0.5) high = step.time;
  }
  return { value, low, high };
}

/** Nearest multiple of base, ties half up (the rule of disclosure/rounding.ts, which this stage may not import). */
function roundToBase(count: number, base: number): number {
  if (base === 1) return count;
  return Math.floor((2 * count + base) / (2 * base)) * base;
}

/**
 * Coarsens a histogram so that the curve drawn from it is safe to publish (SPEC 10, last
 * bullet, with SPEC 7's threshold and rounding). Returns the histogram to publish from (pass it
 * to kaplanMeier, survivalAt, medianSurvival), or null when no curve can be published.
 *
 * The rule. Walk the durations in order, adding their events and censorings into a block; close
 * the block at the current duration (it is published at that, its latest, duration: smaller
 * steps are merged into the next) as soon as
 *   events > threshold, and censorings = 0 or censorings > threshold
 * (with allowZeroCensorings = false: censorings > threshold too). A remainder at the end that
 * does not qualify is merged backwards into the block before it (and further back, as long as
 * needed): it cannot be left out, since it would come back as the at-risk number left after the
 * last step. Then every block's two counts are rounded to roundingBase (ties half up). With the
 * defaults a qualifying count (>= 8) rounds to 10 or more; only a setting with roundingBase >
 * 2 * (threshold + 1) can round one to 0, and a block whose counts both round to 0 is dropped.
 * Null when the totals themselves do not qualify (events <= threshold, or censorings
 * 1..threshold, or 0 too without allowZeroCensorings): then no partition qualifies either, since
 * every block would hold at most those few.
 *
 * Why this is enough. Everything a published curve shows (S, its interval, the median, the
 * at-risk numbers, the events and censorings per step) is computed from these blocks' rounded
 * counts only. The counts anyone can reconstruct from it are those counts and sums of
 * consecutive ones: the events of a step from neighbouring S values and the at-risk number,
 * d_k = n_k (1 - S_k / S_(k-1)); the leavers from neighbouring at-risk numbers,
 * n_k - n_(k+1) = d_k + c_k, so the censorings; ranges of steps by longer differences. Every
 * such count is a sum of rounded counts that are each 0 or > threshold (so >= 10 with the
 * defaults), hence never 1..threshold, and it is rounded, so it is not the exact count.
 *
 * Zero counts. SPEC 7 suppresses 0 as well as 1..7, because a 0 says something of every member
 * of a group. So events are never 0 in a published step: a stretch with censorings only is
 * merged into the next step with events (it would not move S anyway), and the flat stretches of
 * a published curve are an artefact of the merging, not a statement that nobody ended there.
 * Censorings may be 0 by default, for three reasons. (1) In this design censoring is
 * administrative (the data cut-off D, SPEC 10): below about D - 31 Dec Y - gapDays days no
 * trajectory of the cohort can be censored in any area, which anyone knows from Y and D; asking
 * for 8 censorings per step there would merge the whole early curve (S at 91, 182, 365 days)
 * into one step where censoring begins, and a fully followed-up cohort could never be drawn.
 * (2) A zero gives back no count of 1..threshold: with c_k = 0 the at-risk difference is the
 * step's rounded events. (3) What it does state (every trajectory that left the risk set in that
 * interval ended, rather than ran past D) concerns a block of more than `threshold` trajectories
 * as a group, the same kind of statement S itself makes. Pass allowZeroCensorings = false for
 * the literal reading of SPEC 10 (each step at least 8 censorings too); a curve without
 * censorings is then never published.
 *
 * What remains visible. Block boundaries depend on the data (a block closed where its counts
 * first qualified), which says only that a shorter block did not qualify: inequalities, not
 * counts. Each published time is one trajectory's real duration (the latest in its block); if
 * exact durations count as row-level values, bin durations (weeks, months) before building the
 * histogram. Comparing the curves of nested areas (a region less its other municipalities) is
 * the secondary-suppression question of SPEC 7 and is not settled here.
 */
export function coarsenForDisclosure(
  h: DurationHistogram, threshold = 7, roundingBase = 5, allowZeroCensorings = true,
): DurationHistogram | null {
  checkHistogram(h);
  if (!isCount(threshold)) throw new RangeError(`threshold ${threshold} is not a whole number >= 0`);
  if (!Number.isInteger(roundingBase) || roundingBase < 1) throw new RangeError(`rounding base ${roundingBase} is not a whole number >= 1`);
  const qualifies = (d: number, c: number): boolean =>
    d > threshold && (c > threshold || (allowZeroCensorings && c === 0));

  const times: number[] = [];
  const events: number[] = [];
  const censored: number[] = [];
  let d = 0;
  let c = 0;
  for (let i = 0; i < h.times.length; i++) {
    d += h.events[i];
    c += h.censored[i];
    if (qualifies(d, c)) {
      times.push(h.times[i]);
      events.push(d);
      censored.push(c);
      d = 0;
      c = 0;
    }
  }
  if (d + c > 0) {
    // The remainder keeps its latest duration; earlier blocks are folded into it until it qualifies.
    const last = h.times[h.times.length - 1];
    while (!qualifies(d, c)) {
      if (times.length === 0) return null;
      times.pop();
      d += events.pop()!;
      c += censored.pop()!;
    }
    times.push(last);
    events.push(d);
    censored.push(c);
  }
  if (times.length === 0) return null; // empty histogram

  const out: { times: number[]; events: number[]; censored: number[] } = { times: [], events: [], censored: [] };
  for (let k = 0; k < times.length; k++) {
    const rd = roundToBase(events[k], roundingBase);
    const rc = roundToBase(censored[k], roundingBase);
    if (rd + rc === 0) continue;
    out.times.push(times[k]);
    out.events.push(rd);
    out.censored.push(rc);
  }
  return out.times.length === 0 ? null : out;
}
