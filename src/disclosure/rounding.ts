// Primary disclosure rules (SPEC section 7): when a cell is suppressed on its own counts (by the
// kind its measure definition gives it), and how published counts are rounded.

import type { MetricRow } from '../model/model.js';
import { disclosureKind } from '../measures/measure.js';
import { measure } from '../measures/registry.js';

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
  const kind = disclosureKind(measure(row.measure));
  const num = row.numerator;
  if (num === null || num <= threshold) return true;
  if (kind === 'count') return false;
  const den = row.denominator;
  if (den === null || den <= threshold) return true;
  if (kind === 'share' && den - num <= threshold) return true;
  return false;
}
