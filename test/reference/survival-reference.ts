// An independent Kaplan-Meier for the tests only, written the plainest way: a list of subjects,
// every risk set and count recomputed by brute force, the median found by trying every whole day,
// exact halves decided with exact fractions. It shares no code with src/definitions/survival.ts
// (it does not even read its histogram type: the tests pass plain arrays or subjects).

export interface Subject {
  /** Duration (ended) or censoring time (not ended), in days. */
  time: number;
  ended: boolean;
}

const Z = 1.959963984540054; // qnorm(0.975)

/** Subjects still at risk at t: their time is t or later (so one censored at t is at risk at t). */
export function atRisk(subjects: readonly Subject[], t: number): number {
  return subjects.filter((s) => s.time >= t).length;
}

export function endedAt(subjects: readonly Subject[], t: number): number {
  return subjects.filter((s) => s.ended && s.time === t).length;
}

export function censoredAt(subjects: readonly Subject[], t: number): number {
  return subjects.filter((s) => !s.ended && s.time === t).length;
}

function eventTimesUpTo(subjects: readonly Subject[], t: number): number[] {
  const set = new Set<number>();
  for (const s of subjects) if (s.ended && s.time <= t) set.add(s.time);
  return [...set].sort((a, b) => a - b);
}

export interface RefPoint {
  survival: number;
  variance: number | null;
  low: number | null;
  high: number | null;
}

/** S(t), Greenwood variance and log-log interval (written as S^exp(+-z se)) at any t. */
export function survival(subjects: readonly Subject[], t: number): RefPoint {
  let s = 1;
  let sum = 0;
  let zero = false;
  for (const u of eventTimesUpTo(subjects, t)) {
    const n = atRisk(subjects, u);
    const d = endedAt(subjects, u);
    s = (s * (n - d)) / n;
    if (n === d) zero = true;
    else sum += d / (n * (n - d));
  }
  if (zero) return { survival: 0, variance: null, low: null, high: null };
  const variance = s * s * sum;
  if (s === 1) return { survival: 1, variance, low: null, high: null };
  const se = Math.sqrt(sum) / Math.abs(Math.log(s));
  return { survival: s, variance, low: Math.pow(s, Math.exp(Z * se)), high: Math.pow(s, Math.exp(-Z * se)) };
}

/** S(t) as an exact fraction [numerator, denominator]. */
export function exactSurvival(subjects: readonly Subject[], t: number): [bigint, bigint] {
  let num = 1n;
  let den = 1n;
  for (const u of eventTimesUpTo(subjects, t)) {
    num *= BigInt(atRisk(subjects, u) - endedAt(subjects, u));
    den *= BigInt(atRisk(subjects, u));
  }
  return [num, den];
}

export interface RefStep extends RefPoint {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
}

/** One step per distinct time of any subject. */
export function curve(subjects: readonly Subject[]): RefStep[] {
  const times = [...new Set(subjects.map((s) => s.time))].sort((a, b) => a - b);
  return times.map((t) => ({
    time: t, atRisk: atRisk(subjects, t), events: endedAt(subjects, t), censored: censoredAt(subjects, t),
    ...survival(subjects, t),
  }));
}

/**
 * The median and its interval by trying every whole day from 1 to the longest time: value the
 * first day with S <= 1/2 exactly; low (high) the first day where the interval exists and its
 * lower (upper) limit is <= 0.5.
 */
export function median(subjects: readonly Subject[]): { value: number | null; low: number | null; high: number | null } {
  let value: number | null = null;
  let low: number | null = null;
  let high: number | null = null;
  const last = Math.max(0, ...subjects.map((s) => s.time));
  for (let day = 1; day <= last; day++) {
    const [num, den] = exactSurvival(subjects, day);
    if (value === null && 2n * num <= den) value = day;
    const p = survival(subjects, day);
    if (low === null && p.low !== null && p.low <= 0.5) low = day;
    if (high === null && p.high !== null && p.high <= 0.5) high = day;
  }
  return { value, low, high };
}
