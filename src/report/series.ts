// Every published row of a run (SPEC 11: per year, per gap, per group of a breakdown), looked up
// by all its keys; the report's year and gap and the whole area unless asked otherwise. Which
// years, gaps and breakdowns the run has, in order, and which years are not final.

import type { MetricRow } from '../model/model.js';
import { BREAKDOWNS } from '../definitions/breakdowns.js';

export interface Where {
  level: string;
  area: string;
  kind: string;
  measure: string;
  category?: string;
  bucket?: string;
  year?: number;
  gap?: number;
  breakdown?: string;
  group?: string;
}

function key(year: number, gap: number, breakdown: string, group: string, level: string, area: string, kind: string, measure: string, category: string, bucket: string): string {
  return [year, gap, breakdown, group, level, area, kind, measure, category, bucket].join('\u0000');
}

export class SeriesIndex {
  private readonly map = new Map<string, MetricRow>();
  /** The cohort years of the rows, ascending. */
  readonly years: number[];
  /** The gaps of the rows, ascending. */
  readonly gaps: number[];
  /** The breakdowns of the rows, in the order of SPEC 11 (age, referrer, start category, sex). */
  readonly breakdowns: string[];

  constructor(rows: readonly MetricRow[], readonly year: number, readonly gap: number) {
    const years = new Set<number>();
    const gaps = new Set<number>();
    const breakdowns = new Set<string>();
    for (const r of rows) {
      this.map.set(key(r.year, r.gap_days, r.breakdown, r.group, r.level, r.area, r.data_kind, r.measure, r.category, r.bucket), r);
      years.add(r.year);
      gaps.add(r.gap_days);
      if (r.breakdown !== '') breakdowns.add(r.breakdown);
    }
    this.years = [...years].sort((a, b) => a - b);
    this.gaps = [...gaps].sort((a, b) => a - b);
    const order = BREAKDOWNS.map((b) => b.id as string);
    this.breakdowns = [...breakdowns].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || (a < b ? -1 : a > b ? 1 : 0));
  }

  get(w: Where): MetricRow | undefined {
    return this.map.get(key(w.year ?? this.year, w.gap ?? this.gap, w.breakdown ?? '', w.group ?? '', w.level, w.area, w.kind, w.measure, w.category ?? '', w.bucket ?? ''));
  }

  /** The groups of a breakdown that have rows for this area and kind, in the order of SPEC 11. */
  groupsOf(breakdown: string, level: string, area: string, kind: string): string[] {
    const known = BREAKDOWNS.find((b) => b.id === breakdown)?.groups ?? [];
    const have = new Set<string>();
    for (const r of this.map.values()) {
      if (r.breakdown === breakdown && r.year === this.year && r.gap_days === this.gap && r.level === level && r.area === area && r.data_kind === kind) have.add(r.group);
    }
    const rest = [...have].filter((g) => !known.includes(g)).sort();
    return [...known.filter((g) => have.has(g)), ...rest];
  }
}
