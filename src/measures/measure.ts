// What a measure is: one definition says which per-client facts it folds, its kind, its cells
// (categories or buckets), its disclosure relations and whether it is compared. The counter
// layout, the fold, the metrics rows, disclosure control and the comparisons all follow from
// the definitions in registry.ts; nothing else lists measures.
import { CATEGORIES, type CategoryId } from '../model/model.js';
import type { ClientFacts } from '../definitions/cohort.js';

/**
 * count: a number of youths (numerator only). share: numerator is part of the denominator
 * (Wilson interval; the complement rule of SPEC 7 applies). mean: a sum over a count (normal
 * interval when the definition keeps the sum of squares). distribution: buckets that share one
 * denominator, each a share of it (disclosed like shares). survival: a statistic of a
 * Kaplan-Meier curve (S(t) at each bucket's t, or the median), from a curve the run folds per group;
 * disclosed like a share on its counts, its value computed from the curve's merged, rounded steps.
 */
export type MeasureKind = 'count' | 'share' | 'mean' | 'distribution' | 'survival';

/** One row of a measure in an area: a category, a bucket, or neither. */
export interface Cell {
  category: CategoryId | '';
  bucket: string;
}

export const ONE_CELL: readonly Cell[] = [{ category: '', bucket: '' }];
export const CATEGORY_CELLS: readonly Cell[] = CATEGORIES.map((category) => ({ category, bucket: '' }));
export const bucketCells = (buckets: readonly string[]): Cell[] => buckets.map((bucket) => ({ category: '', bucket }));

/**
 * Rows of other measures that a published cell of this measure would give away when they are
 * hidden (same area and data kind): its denominator is shown as that measure's count
 * ('denominator'), or it is that measure's complement ('complement'). Disclosure hides this
 * measure's cells whenever such a row is hidden.
 */
export interface GivesAway {
  measure: string;
  how: 'denominator' | 'complement';
}

/** Where a fold writes: the methods a definition's fold calls, one cell index at a time. */
export interface Tally {
  /** count: n more. */
  count(cell: number, n?: number): void;
  /** share: one more in the denominator, and in the numerator when `hit`. */
  share(cell: number, hit: boolean): void;
  /** mean: one more in the denominator, x more in the numerator (and x² in the sum of squares). */
  mean(cell: number, x: number): void;
  /** distribution: one more in bucket `cell` and in the shared denominator. */
  bucket(cell: number): void;
}

export interface MeasureDefinition {
  /** The `measure` column of metrics.csv. */
  id: string;
  kind: MeasureKind;
  /** What the denominator (or, for a count, the numerator) counts: for docs and readers. */
  unit: 'youths' | 'trajectories' | 'products';
  cells: readonly Cell[];
  /** Adds one client's facts (one data kind, one cohort year and gap) to the tally (not for survival). */
  fold?: (facts: ClientFacts, t: Tally) => void;
  /** survival only: the curve (CURVES in registry.ts) and which statistic of it; buckets are days for 'at'. */
  curve?: { id: string; statistic: 'at' | 'median' };
  /** mean only: keep the sum of squares and publish a 95% normal interval of the mean. */
  interval?: boolean;
  /** The cells are disjoint parts (a youth or trajectory is in at most one): an additive group per area. */
  additive?: boolean;
  givesAway?: readonly GivesAway[];
  /** Only when the input has this optional column (SPEC 10: ended_as_planned needs a reason for ending). */
  requires?: 'reason';
  /** Compared between areas (SPEC 6, 12): shares on funnel plots (or the two-proportion test with
   *  --compare pairwise), means with the Welch test. */
  compared?: boolean;
  /** share only, SPEC 12: also indirectly standardised for age group x start category; the run
   *  folds it per stratum beside the counters (strata.ts). */
  standardised?: boolean;
}

/** Counter slots a measure keeps per cell (a distribution keeps one more, its shared denominator). */
export function slotsPerCell(d: MeasureDefinition): number {
  switch (d.kind) {
    case 'count':
    case 'distribution':
      return 1;
    case 'survival':
      return 0;
    case 'share':
      return 2;
    case 'mean':
      return d.interval ? 3 : 2;
  }
}

export function slotCount(d: MeasureDefinition): number {
  return d.cells.length * slotsPerCell(d) + (d.kind === 'distribution' ? 1 : 0);
}

/** How disclosure control treats the measure's cells (SPEC 7): distributions are shares of their denominator. */
export function disclosureKind(d: MeasureDefinition): 'count' | 'share' | 'mean' {
  return d.kind === 'distribution' || d.kind === 'survival' ? 'share' : d.kind;
}

/** A duration curve folded per group: every trajectory adds one duration, ended or censored. */
export interface CurveDefinition {
  id: string;
  fold(facts: ClientFacts, add: (time: number, ended: boolean) => void): void;
}
