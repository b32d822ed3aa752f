// SPEC section 4: the 30-day rule, as one small function (compare OHDSI's collapseRecords).
import { OPEN_END, type Day, type Product } from '../model/model.js';

export interface Trajectory {
  start: Day;
  /** Latest end of all products in it; OPEN_END once any product is open. */
  maxEnd: Day;
  /** Number of products stitched into it. */
  size: number;
}

/** Sort order of SPEC 4: by start, then end (open products, OPEN_END, last). */
export function byStartThenEnd(a: Product, b: Product): number {
  return a.start - b.start || a.end - b.end;
}

/**
 * Stitches one client's products (already sorted with byStartThenEnd) into trajectories.
 * A product joins when start - maxEnd <= gapDays, with maxEnd the running maximum of ends,
 * so a long product keeps absorbing the shorter ones it contains. OPEN_END makes that
 * difference negative, so everything after an open product joins it.
 */
export function stitch(sorted: readonly Product[], gapDays: number): Trajectory[] {
  const out: Trajectory[] = [];
  let cur: Trajectory | null = null;
  for (const p of sorted) {
    if (cur !== null && p.start - cur.maxEnd <= gapDays) {
      if (p.end > cur.maxEnd) cur.maxEnd = p.end;
      cur.size++;
    } else {
      cur = { start: p.start, maxEnd: p.end, size: 1 };
      out.push(cur);
    }
  }
  return out;
}

export function isOpen(t: Trajectory): boolean {
  return t.maxEnd === OPEN_END;
}
