// What renderReport is given.

import type { MetricRow } from '../model/model.js';
import type { Comparison } from '../compare/compare.js';
import type { Lang } from './i18n/strings.js';

export interface ReportSource {
  file: string;
  kind: string;
  read: number;
  accepted: number;
  rejected: number;
  reasons: Record<string, number>;
}

export interface ReportInput {
  lang: Lang;
  /** Published rows (after disclosure control) of the report's year and gap, whole areas. */
  rows: MetricRow[];
  /**
   * Every published row of the run (SPEC 11: all years, gaps, breakdowns and groups), for the
   * sections on breakdowns, years and gaps; `rows` when absent.
   */
  series?: MetricRow[];
  /** Cohort years the data do not cover through Y+1 (SPEC 11): marked not final. */
  yearsNotFinal?: number[];
  /** The data cut-off D per data kind (SPEC 10), as yyyy-mm-dd. */
  dataUntil?: Partial<Record<string, string>>;
  /** Prior care looks this many days back (SPEC 10; default 365). */
  lookbackDays?: number;
  comparisons: Comparison[];
  /** municipality area -> region name */
  regionOf: Record<string, string>;
  year: number;
  gapDays: number;
  disclosure: { mode: 'cbs' | 'off'; threshold: number; roundingBase: number };
  accounting: { sources: ReportSource[] };
  quality: {
    warnings: string[];
    unmapped: { code: string; gemeente: string; products: number }[];
    backlog?: string[];
    /** Share (0..1) of products without an end date. */
    openEndedShare?: number;
  };
  engineVersion: string;
  /** Significance level the comparisons were made at (default 0.05); only printed. */
  alpha?: number;
  /** Printed when given; omitted otherwise so the output stays deterministic. */
  generatedAt?: string;
}
