// SPEC section 5: what one client contributes to the cohort analysis of year Y.
// Pure: products in, facts out. The counters module folds facts into per-area sums.
import { CATEGORIES, OPEN_END, type Gemeente, type Product } from '../model/model.js';
import { byStartThenEnd, isOpen, stitch } from './stitch.js';
import type { CohortYear } from '../model/calendar.js';
import type { Day } from '../model/model.js';
import { censoredAfter, durationOf, hadPriorCare, hasEnded, reasonOf } from './time-in-care.js';

/** Products per closed trajectory are reported in these buckets: 1, 2, 3, 4, 5+. */
export const SIZE_BUCKETS = ['1', '2', '3', '4', '5+'] as const;
export function sizeBucket(size: number): number {
  return Math.min(size, SIZE_BUCKETS.length) - 1;
}

export interface TrajectoryFact {
  size: number;
  /** No open product and latest end on or before 31 December Y+1. */
  closed: boolean;
  /** SPEC 10: ended by the data cut-off, and its duration or censoring time in days. */
  ended: boolean;
  time: number;
  /** Ended: its JZ588 reason for ending (0 none). */
  reason: number;
  /** Ended: days from its last day to the start of the client's next product of this kind (Infinity: none). */
  nextAfter: number;
  /** Ended: days from its last day to the data cut-off (for the return windows' denominators). */
  followUp: number;
}

/** What the analysis of one cohort year needs besides the products. */
export interface CohortSettings {
  y: CohortYear;
  gapDays: number;
  /** The data cut-off D of this data kind (SPEC 10). */
  dataUntil: Day;
  /** Prior care looks this many days back (SPEC 10, default 365). */
  lookbackDays: number;
}

export interface ClientFacts {
  /** Municipality of the first product started in Y (lowest code on a tie). */
  gm: Gemeente;
  inCareNextYear: boolean;
  /** Trajectories that start in Y. */
  trajectories: TrajectoryFact[];
  /** Bit c set when a product of category c starts on the client's first start day in Y. */
  startCategories: number;
  /** Per category: products of this client that start in Y. */
  startedInYear: number[];
  /** SPEC 10: a product of this kind touching the lookback window before the first start in Y. */
  priorCare: boolean;
  /** SPEC 11, of the products on the first start day in Y: the first start, the earliest readable
   *  birth date (null: none), the lowest recognised referrer code and sex code (0: unknown). */
  firstStart: Day;
  birth: Day | null;
  referrer: number;
  sex: number;
}

/** Any product (any start, any category) whose period touches Y+1. */
export function inCareNextYear(products: readonly Product[], y: CohortYear): boolean {
  return products.some((p) => p.start <= y.nextLast && p.end >= y.nextFirst);
}

/**
 * The client's facts for year Y, or null when no product starts in Y (not in the cohort).
 * `products` are all of the client's products of one data kind, in any order.
 */
export function analyseClient(products: readonly Product[], settings: CohortSettings): ClientFacts | null {
  const { y, gapDays, dataUntil } = settings;
  // Products that started before Y are left out of the trajectories (SPEC 5).
  const fromY = products.filter((p) => p.start >= y.first).sort(byStartThenEnd);
  if (fromY.length === 0 || fromY[0].start > y.last) return null;

  const firstDay = fromY[0].start;
  let gm = fromY[0].gm;
  let startCategories = 0;
  const startedInYear: number[] = new Array<number>(CATEGORIES.length).fill(0);
  let birth: Day | null = null;
  let referrer = 0;
  let sex = 0;
  for (const p of fromY) {
    if (p.start === firstDay) {
      startCategories |= 1 << p.cat;
      if (p.gm < gm) gm = p.gm;
      if (p.birth !== undefined && p.birth !== OPEN_END && (birth === null || p.birth < birth)) birth = p.birth;
      if (p.referrer && (referrer === 0 || p.referrer < referrer)) referrer = p.referrer;
      if (p.sex && (sex === 0 || p.sex < sex)) sex = p.sex;
    }
    if (p.start <= y.last) startedInYear[p.cat]++;
  }

  const trajectories: TrajectoryFact[] = [];
  const stitched = stitch(fromY, gapDays);
  for (let i = 0; i < stitched.length; i++) {
    const t = stitched[i];
    if (t.start > y.last) break; // sorted by start: the rest start after Y
    const ended = hasEnded(t, gapDays, dataUntil);
    const time = ended ? durationOf(t) : censoredAfter(t, dataUntil);
    const next = stitched[i + 1];
    trajectories.push({
      size: t.size, closed: !isOpen(t) && t.maxEnd <= y.nextLast, ended, time,
      reason: ended ? reasonOf(fromY, t) : 0,
      nextAfter: ended && next !== undefined ? next.start - t.maxEnd : Infinity,
      followUp: ended ? dataUntil - t.maxEnd : 0,
    });
  }

  return {
    gm, inCareNextYear: inCareNextYear(products, y), trajectories, startCategories, startedInYear,
    priorCare: hadPriorCare(products, firstDay, settings.lookbackDays),
    firstStart: firstDay, birth, referrer, sex,
  };
}
