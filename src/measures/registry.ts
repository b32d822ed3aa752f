// Every figure traject computes, one definition each (SPEC 5 and 9), in the order of the
// metrics table. Adding a figure is adding a definition here: the counters, the roll-up, the
// metrics rows, disclosure control and the comparisons follow from it (README, "Adding a figure").
import { CATEGORIES } from '../model/model.js';
import { SIZE_BUCKETS, sizeBucket } from '../definitions/cohort.js';
import { DURATION_CLASSES, durationClass, RETURN_WINDOWS, SURVIVAL_POINTS } from '../definitions/time-in-care.js';
import { REASON_AS_PLANNED } from '../read/codelists.js';
import { bucketCells, CATEGORY_CELLS, ONE_CELL, type CurveDefinition, type MeasureDefinition } from './measure.js';

/** The denominator of a share of the cohort is the cohort count, shown as cohort_youths. */
const OF_COHORT = { measure: 'cohort_youths', how: 'denominator' } as const;
/** Closed trajectories: the denominator of products_per_trajectory. */
const OF_CLOSED = { measure: 'products_per_trajectory', how: 'denominator' } as const;
/** Trajectories started in Y: the denominator of trajectories_open and of the time-in-trajectory figures. */
const OF_STARTED = { measure: 'trajectories_open', how: 'denominator' } as const;
/** Ended trajectories: the numerator of the median, the denominator of the duration classes. */
const OF_ENDED = { measure: 'trajectory_duration_median', how: 'denominator' } as const;

/** Curves folded per group (SPEC 10): every trajectory started in Y, by its duration or censoring time. */
export const CURVES: readonly CurveDefinition[] = [
  {
    id: 'trajectory_time',
    fold: (f, add) => {
      // A trajectory that starts after the data cut-off (a --data-until inside Y) says nothing yet.
      for (const tr of f.trajectories) if (tr.time >= 1) add(tr.time, tr.ended);
    },
  },
];

export const MEASURES: readonly MeasureDefinition[] = [
  {
    id: 'cohort_youths', kind: 'count', unit: 'youths', cells: ONE_CELL,
    fold: (_f, t) => t.count(0),
  },
  {
    id: 'in_care_next_year', kind: 'share', unit: 'youths', cells: ONE_CELL, compared: true, standardised: true,
    fold: (f, t) => t.share(0, f.inCareNextYear),
    givesAway: [OF_COHORT, { measure: 'outflow', how: 'complement' }],
  },
  {
    id: 'outflow', kind: 'share', unit: 'youths', cells: ONE_CELL, compared: true, standardised: true,
    fold: (f, t) => t.share(0, !f.inCareNextYear),
    givesAway: [OF_COHORT, { measure: 'in_care_next_year', how: 'complement' }],
  },
  {
    id: 'products_per_trajectory', kind: 'mean', unit: 'trajectories', cells: ONE_CELL, interval: true, compared: true,
    fold: (f, t) => {
      for (const tr of f.trajectories) if (tr.closed) t.mean(0, tr.size);
    },
  },
  {
    // Started minus open trajectories is the closed count, products_per_trajectory's denominator.
    id: 'trajectories_open', kind: 'share', unit: 'trajectories', cells: ONE_CELL, compared: true,
    fold: (f, t) => {
      for (const tr of f.trajectories) t.share(0, !tr.closed);
    },
    givesAway: [OF_CLOSED],
  },
  {
    id: 'trajectory_size', kind: 'distribution', unit: 'trajectories', cells: bucketCells(SIZE_BUCKETS), additive: true,
    fold: (f, t) => {
      for (const tr of f.trajectories) if (tr.closed) t.bucket(sizeBucket(tr.size));
    },
    givesAway: [OF_CLOSED],
  },
  {
    id: 'start_category_any', kind: 'share', unit: 'youths', cells: CATEGORY_CELLS, compared: true,
    fold: (f, t) => {
      for (let c = 0; c < CATEGORIES.length; c++) t.share(c, (f.startCategories & (1 << c)) !== 0);
    },
    givesAway: [OF_COHORT],
  },
  {
    id: 'start_category_alone', kind: 'share', unit: 'youths', cells: CATEGORY_CELLS, additive: true, compared: true,
    fold: (f, t) => {
      const alone = (f.startCategories & (f.startCategories - 1)) === 0; // exactly one bit set
      for (let c = 0; c < CATEGORIES.length; c++) t.share(c, alone && (f.startCategories & (1 << c)) !== 0);
    },
    givesAway: [OF_COHORT],
  },
  {
    id: 'products_started', kind: 'mean', unit: 'products', cells: CATEGORY_CELLS, additive: true,
    fold: (f, t) => {
      for (let c = 0; c < CATEGORIES.length; c++) if (f.startedInYear[c] > 0) t.mean(c, f.startedInYear[c]);
    },
  },
  // SPEC 10: time in care and return to care.
  {
    id: 'in_trajectory_after', kind: 'survival', unit: 'trajectories', cells: bucketCells(SURVIVAL_POINTS.map(String)),
    curve: { id: 'trajectory_time', statistic: 'at' },
    givesAway: [OF_STARTED],
  },
  {
    id: 'trajectory_duration_median', kind: 'survival', unit: 'trajectories', cells: ONE_CELL,
    curve: { id: 'trajectory_time', statistic: 'median' },
    givesAway: [OF_STARTED],
  },
  {
    id: 'duration_class', kind: 'distribution', unit: 'trajectories', cells: bucketCells(DURATION_CLASSES), additive: true,
    fold: (f, t) => {
      for (const tr of f.trajectories) if (tr.ended) t.bucket(durationClass(tr.time));
    },
    givesAway: [OF_ENDED],
  },
  {
    id: 'ended_as_planned', kind: 'share', unit: 'trajectories', cells: ONE_CELL, requires: 'reason',
    fold: (f, t) => {
      for (const tr of f.trajectories) if (tr.ended && tr.reason !== 0) t.share(0, tr.reason === REASON_AS_PLANNED);
    },
  },
  {
    // Each window has its own denominator: ended trajectories followed up for W days within the data.
    id: 'return_within', kind: 'share', unit: 'trajectories', cells: bucketCells(RETURN_WINDOWS.map(String)), compared: true, standardised: true,
    fold: (f, t) => {
      for (const tr of f.trajectories) {
        if (!tr.ended) continue;
        for (let i = 0; i < RETURN_WINDOWS.length; i++) {
          if (tr.followUp >= RETURN_WINDOWS[i]) t.share(i, tr.nextAfter <= RETURN_WINDOWS[i]);
        }
      }
    },
  },
  {
    id: 'prior_care', kind: 'share', unit: 'youths', cells: ONE_CELL, compared: true, standardised: true,
    fold: (f, t) => t.share(0, f.priorCare),
    givesAway: [OF_COHORT],
  },
];

/**
 * Additive relations between cells of different measures in one area and data kind, which
 * secondary suppression protects like the additive groups (SPEC 7): the total's numerator is the
 * sum of the parts' numerators. The trajectories ended within t days (in_trajectory_after's
 * numerator) are those ended within the previous point plus the duration class between: the
 * classes' first days are the points' next days (91 | 92, 182 | 183, 365 | 366, 730 | 731).
 */
export const RELATIONS: readonly { total: CellRef; parts: CellRef[] }[] = SURVIVAL_POINTS.map((t, k) => ({
  total: { measure: 'in_trajectory_after', bucket: String(t) },
  parts: [
    ...(k > 0 ? [{ measure: 'in_trajectory_after', bucket: String(SURVIVAL_POINTS[k - 1]) }] : []),
    { measure: 'duration_class', bucket: DURATION_CLASSES[k] },
  ],
}));

/** One cell of a measure (category '' unless given). */
export interface CellRef {
  measure: string;
  bucket: string;
  category?: string;
}

const BY_ID = new Map(MEASURES.map((d) => [d.id, d]));

/** The definition of a measure id; throws for an id no definition has. */
export function measure(id: string): MeasureDefinition {
  const d = BY_ID.get(id);
  if (!d) throw new Error(`unknown measure '${id}' (known: ${MEASURES.map((m) => m.id).join(', ')})`);
  return d;
}

/** Position of a measure in the metrics table's order. */
export const measureOrder = (id: string): number => MEASURES.indexOf(measure(id));
