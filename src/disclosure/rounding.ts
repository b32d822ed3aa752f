// Primary disclosure rules (SPEC section 7): which measures are counts, shares or means, when a
// cell is suppressed on its own counts, and how published counts are rounded.

import type { Measure, MetricRow } from '../model/model.js';

/**
 * How a measure is built. count: numerator only. share: numerator is part of the denominator
 * (complement rule applies). mean: numerator is a sum (of products), denominator a count (no complement rule).
 * A Record over Measure, so a new measure in model.ts fails to compile until it is classified here.
 */
export type MeasureKind = 'count' | 'share' | 'mean';
export const MEASURE_KIND: Readonly<Record<Measure, MeasureKind>> = Object.freeze({
  cohort_youths: 'count',
  in_care_next_year: 'share',
  outflow: 'share',
  products_per_trajectory: 'mean',
  trajectories_open: 'share',
  trajectory_size: 'share',
  start_category_any: 'share',
  start_category_alone: 'share',
  products_started: 'mean',
});

/**
 * Rounds a non-negative count to the nearest multiple of base, ties half up (base 10: 15 -> 20).
 * Integer arithmetic, so no floating-point tie surprises.
 */
export function roundToBase(count: number, base: number): number {
  if (base === 1) return count;
  return Math.floor((2 * count + base) / (2 * base)) * base;
}

/**
 * A single count of youths outside the metrics tables (terminal summary, manifest totals), as
 * disclosure control publishes it: exact when off, else rounded, or null (suppressed) when
 * at most the threshold.
 */
export function publishedCount(count: number, d: { mode: string; threshold: number; roundingBase: number }): number | null {
  if (d.mode === 'off') return count;
  return count <= d.threshold ? null : roundToBase(count, d.roundingBase);
}

/**
 * True when a row must be suppressed on its own exact counts (primary suppression):
 * - count: the count is <= threshold;
 * - share: numerator, denominator or denominator - numerator is <= threshold;
 * - mean: numerator or denominator is <= threshold.
 * A missing (null) count that the measure needs counts as suppressed: nothing to publish.
 */
export function primarySuppressed(row: MetricRow, threshold: number): boolean {
  const kind = MEASURE_KIND[row.measure];
  const num = row.numerator;
  if (num === null || num <= threshold) return true;
  if (kind === 'count') return false;
  const den = row.denominator;
  if (den === null || den <= threshold) return true;
  if (kind === 'share' && den - num <= threshold) return true;
  return false;
}
