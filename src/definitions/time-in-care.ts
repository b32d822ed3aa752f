// SPEC section 10: when a trajectory has ended, how long it lasted or when it is censored, how it
// ended, whether the youth came back, and prior care. Pure: one client's products and trajectories
// of one data kind in, facts out.
import { OPEN_END, type Day, type Product } from '../model/model.js';
import type { Trajectory } from './stitch.js';

/** Duration classes of CBS StatLine 85096NED (ended trajectories), by their first day. */
export const DURATION_CLASSES = ['0-3m', '3-6m', '6-12m', '1-2y', '2-3y', '3-4y', '4y+'] as const;
const CLASS_FIRST_DAY = [1, 92, 183, 366, 731, 1096, 1462];
export function durationClass(duration: number): number {
  let c = 0;
  while (c + 1 < CLASS_FIRST_DAY.length && duration >= CLASS_FIRST_DAY[c + 1]) c++;
  return c;
}

/** Points of the time-in-trajectory curve that are published (days after the start). */
export const SURVIVAL_POINTS = [91, 182, 365, 730] as const;
/** Windows of return to care (days after the end). */
export const RETURN_WINDOWS = [182, 365] as const;

/**
 * How a trajectory stands at the data cut-off D: ended when no product is open and
 * maxEnd + gapDays < D (no product within the data could still join it).
 */
export function hasEnded(t: Trajectory, gapDays: number, dataUntil: Day): boolean {
  return t.maxEnd !== OPEN_END && t.maxEnd + gapDays < dataUntil;
}
/** An ended trajectory's duration in days, both ends counted. */
export function durationOf(t: Trajectory): number {
  return t.maxEnd - t.start + 1;
}
/** A censored trajectory's time: min(maxEnd, D) - start + 1 (an open one: D - start + 1). */
export function censoredAfter(t: Trajectory, dataUntil: Day): number {
  return Math.min(t.maxEnd, dataUntil) - t.start + 1;
}

/**
 * The reason for ending (iJw JZ588, 0 none) of a trajectory: the reason of its product with the
 * latest end; several such products: the lowest code present; none present: none.
 */
export function reasonOf(products: readonly Product[], t: Trajectory): number {
  let reason = 0;
  for (const p of products) {
    if (p.end !== t.maxEnd || p.start < t.start || p.start > t.maxEnd) continue;
    const r = p.reason ?? 0;
    if (r !== 0 && (reason === 0 || r < reason)) reason = r;
  }
  return reason;
}

/**
 * Prior care (SPEC 10): a product of the same kind (any category) that starts before the first
 * start in Y and touches the `lookbackDays` days before it (open ends count).
 */
export function hadPriorCare(products: readonly Product[], firstStart: Day, lookbackDays: number): boolean {
  return products.some((p) => p.start < firstStart && p.end >= firstStart - lookbackDays);
}
