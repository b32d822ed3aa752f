// The shared vocabulary of traject: categories, data kinds, days and the tidy metrics row.
// Everything here is plain data so it crosses worker boundaries by structured clone.

/** Shared categories (SPEC section 3), in the order every output lists them. */
export const CATEGORIES = [
  'ambulant_non_ggz',
  'ggz',
  'verblijf_non_ggz',
  'overig_multidisciplinair',
  'jeugdbescherming',
  'jeugdreclassering',
] as const;
export type CategoryId = (typeof CATEGORIES)[number];
/** Index into CATEGORIES; what rows and counters carry on the hot path. */
export type CategoryIndex = number;
export const FALLBACK_CATEGORY: CategoryIndex = CATEGORIES.indexOf('overig_multidisciplinair');

/** Subcategories of ambulant_non_ggz (SPEC section 9). */
export const SUBCATEGORIES = ['opvoed_woonbegeleiding', 'dagbesteding_participatie', 'ambulant_overig'] as const;
export type SubcategoryId = (typeof SUBCATEGORIES)[number];

export const CATEGORY_LABELS: Record<CategoryId, { nl: string; en: string }> = {
  ambulant_non_ggz: { nl: 'Ambulant non-GGZ', en: 'Outpatient non-mental-health' },
  ggz: { nl: 'GGZ (incl. verslaving)', en: 'Mental health (incl. addiction)' },
  verblijf_non_ggz: { nl: 'Verblijf non-GGZ', en: 'Residential non-mental-health' },
  overig_multidisciplinair: { nl: 'Overig en multidisciplinair', en: 'Other and multidisciplinary' },
  jeugdbescherming: { nl: 'Jeugdbescherming', en: 'Child protection' },
  jeugdreclassering: { nl: 'Jeugdreclassering', en: 'Juvenile probation' },
};

export function categoryIndex(id: string): CategoryIndex {
  const i = (CATEGORIES as readonly string[]).indexOf(id);
  if (i < 0) throw new Error(`unknown category id '${id}' (expected one of ${CATEGORIES.join(', ')})`);
  return i;
}

/** What a source holds (SPEC section 1). */
export type DataKind = 'allocations' | 'claims';
export const DATA_KINDS: readonly DataKind[] = ['allocations', 'claims'];
/** A figure's data kind: one kind, or both pooled and labelled as such (SPEC section 5). */
export type FigureKind = DataKind | 'mixed';

/** Whole days since 1970-01-01 (UTC, no time of day). Both ends of a period are inclusive. */
export type Day = number;
/** End of an open product (no end date). Larger than any real day, fits an Int32Array. */
export const OPEN_END: Day = 0x7fffffff;

/** Municipality code as a number: GM0363 -> 363. Printed with gmLabel. */
export type Gemeente = number;
export function gmLabel(gm: Gemeente): string {
  return 'GM' + String(gm).padStart(4, '0');
}

/** One product for one client after rows were merged (SPEC section 2), as the definitions see it. */
export interface Product {
  start: Day;
  end: Day; // OPEN_END when open
  gm: Gemeente;
  cat: CategoryIndex;
  /** iJw JZ588 reason for ending (0 or absent: none), SPEC 10. */
  reason?: number;
  /** SPEC 11: birth date (OPEN_END: unknown), referrer and sex codes (0: unknown); absent: unknown. */
  birth?: Day;
  referrer?: number;
  sex?: number;
}

export type Level = 'municipality' | 'region' | 'all';

/** A measure id: the `measure` column, defined in src/measures/registry.ts. */
export type Measure = string;

/** Disclosure status of one metrics row (SPEC section 7). `ledger`: hidden because its exact counts differ
 *  from an earlier publication's by a small number (disclosure/ledger.ts). */
export type CellStatus = 'published' | 'suppressed' | 'secondary' | 'ledger' | 'internal';

/**
 * One figure, tidy (SPEC section 9). numerator/denominator/value are null when suppressed.
 * `bucket` is only used by trajectory_size (products in a closed trajectory: "1".."4", "5+").
 * ciLow/ciHigh: 95% interval of value where the measure has one (shares: Wilson; means: normal).
 */
export interface MetricRow {
  level: Level;
  area: string;
  data_kind: FigureKind;
  /** SPEC 9, 11: the cohort year, the gap, and the breakdown and group ('' and '': the whole area). */
  year: number;
  gap_days: number;
  breakdown: string;
  group: string;
  measure: Measure;
  category: CategoryId | '';
  bucket: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  status: CellStatus;
  /**
   * A survival figure's curve and statistic (never written): disclosure control computes the
   * published value from the curve's merged, rounded steps (SPEC 10).
   */
  curve?: { histogram: CurveCounts; statistic: 'at' | 'median'; days: number };
}

/** A duration histogram: per distinct time, ended (events) and censored trajectories. */
export interface CurveCounts {
  readonly times: readonly number[];
  readonly events: readonly number[];
  readonly censored: readonly number[];
}
