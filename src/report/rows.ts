// The published rows as the report reads them: looked up by key, hidden or not, and the
// municipalities grouped and ordered by region and data kind.

import type { MetricRow } from '../model/model.js';

const KIND_ORDER = ['allocations', 'claims', 'mixed'];

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Data kinds in the report's order: allocations, claims, mixed, then any other by name. */
export function kindCmp(a: string, b: string): number {
  const ia = KIND_ORDER.indexOf(a);
  const ib = KIND_ORDER.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || cmp(a, b);
}

/** A figure that is not shown: missing, suppressed, secondary or without a value. */
export function isHidden(r: MetricRow | undefined): boolean {
  return r === undefined || r.status === 'suppressed' || r.status === 'secondary' || r.value === null;
}

export class RowIndex {
  private readonly map = new Map<string, MetricRow>();
  constructor(rows: readonly MetricRow[]) {
    for (const r of rows) {
      if (r.measure === 'trajectory_size') continue;
      this.map.set(RowIndex.key(r.level, r.area, r.data_kind, r.measure, r.category, r.bucket), r);
    }
  }
  static key(level: string, area: string, kind: string, measure: string, category: string, bucket: string): string {
    return `${level}\u0000${area}\u0000${kind}\u0000${measure}\u0000${category}\u0000${bucket}`;
  }
  get(level: string, area: string, kind: string, measure: string, category = '', bucket = ''): MetricRow | undefined {
    return this.map.get(RowIndex.key(level, area, kind, measure, category, bucket));
  }
}

export interface Group {
  region: string | null;
  areas: string[];
}

function regionOfArea(regionOf: Record<string, string>, area: string): string | null {
  return Object.prototype.hasOwnProperty.call(regionOf, area) ? regionOf[area] : null;
}

/** Municipalities grouped by region (regions sorted, unknown region last; areas sorted). */
export function groupAreas(areas: Iterable<string>, regionOf: Record<string, string>): Group[] {
  const byRegion = new Map<string | null, string[]>();
  for (const a of areas) {
    const r = regionOfArea(regionOf, a);
    const list = byRegion.get(r) ?? [];
    list.push(a);
    byRegion.set(r, list);
  }
  const regions = [...byRegion.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : cmp(a, b)));
  return regions.map((region) => ({ region, areas: [...byRegion.get(region)!].sort(cmp) }));
}

/** The wanted areas in the order of the groups; areas not in any group after them, sorted. */
export function orderedAreas(groups: Group[], wanted: string[], regionOf: Record<string, string>): { area: string; region: string | null }[] {
  const seen = new Set<string>();
  const out: { area: string; region: string | null }[] = [];
  const want = new Set(wanted);
  for (const g of groups) {
    for (const a of g.areas) {
      if (want.has(a) && !seen.has(a)) {
        seen.add(a);
        out.push({ area: a, region: g.region });
      }
    }
  }
  const rest = wanted.filter((a) => !seen.has(a)).sort(cmp);
  for (const a of rest) out.push({ area: a, region: regionOfArea(regionOf, a) });
  return out;
}
