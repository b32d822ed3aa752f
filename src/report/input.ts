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
  /** Published rows (after disclosure control). */
  rows: MetricRow[];
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
