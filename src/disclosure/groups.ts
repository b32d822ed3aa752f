// The relations between metrics rows that secondary suppression must respect (SPEC section 7).
//
// Additive groups: cells whose counts add up (to a total that is itself a cell, when there is one).
// If exactly one cell of such a group is hidden, it can be recovered by subtraction.
// Links: a hidden cell whose exact counts another row shows as well (in_care_next_year and outflow are
// complements; a share's denominator is a count shown elsewhere), so that row must be hidden too.
//
// Everything refers to rows by their index in the input array.

import type { FigureKind, Level, MetricRow } from '../model/model.js';
import { MEASURES, RELATIONS, type CellRef } from '../measures/registry.js';

/** Which relation a group stands for; used in tests and explanations only. */
export type GroupKind = 'municipalities_of_region' | 'regions_of_all' | 'categories' | 'buckets' | 'relation' | 'breakdown';

export interface AdditiveGroup {
  kind: GroupKind;
  /** Row indices of the parts. */
  members: number[];
  /** Row index of the total (geographic groups always have one), or null: categories and buckets have no
   *  total row of their own but are protected all the same (SPEC 7: "the categories of a municipality"). */
  total: number | null;
}

export type LinkKind = 'complement' | 'denominator';

/** When row `from` is hidden, every row in `to` must be hidden too. */
export interface Link {
  kind: LinkKind;
  from: number;
  to: number[];
}

export interface AreaTreeLike {
  regionOf: ReadonlyMap<string, string>;
}

const SEP = '\u0001';

/** A row's year, gap, breakdown and group: the geography and the groups within an area are per slice. */
const sliceOf = (r: MetricRow): string => [r.year, r.gap_days, r.breakdown, r.group].join(SEP);

function cellKey(level: Level, area: string, kind: FigureKind, slice: string, measure: string, category: string, bucket: string): string {
  return [level, area, kind, slice, measure, category, bucket].join(SEP);
}

function describe(r: MetricRow): string {
  const parts = [`level=${r.level}`, `area=${r.area}`, `data_kind=${r.data_kind}`, `measure=${r.measure}`];
  if (r.category) parts.push(`category=${r.category}`);
  if (r.bucket) parts.push(`bucket=${r.bucket}`);
  return parts.join(', ');
}

/** Measures whose cells are disjoint parts of an area: categories first, then buckets (the order
 *  in which secondary suppression visits their groups). */
const ADDITIVE = [
  ...MEASURES.filter((d) => d.additive && d.cells.some((c) => c.category !== '')),
  ...MEASURES.filter((d) => d.additive && d.cells.every((c) => c.category === '')),
];
/** For each measure, the measures whose cells it gives away (their hidden rows hide its rows). */
const GIVEN_AWAY_BY = new Map<string, { measure: string; how: LinkKind }[]>();
for (const d of MEASURES) {
  for (const g of d.givesAway ?? []) {
    const list = GIVEN_AWAY_BY.get(g.measure) ?? [];
    list.push({ measure: d.id, how: g.how });
    GIVEN_AWAY_BY.set(g.measure, list);
  }
}

export interface Constraints {
  groups: AdditiveGroup[];
  links: Link[];
}

/**
 * Builds the additive groups and links among `rows`. Throws when two rows describe the same cell
 * (same level, area, data kind, measure, category and bucket).
 */
export function buildConstraints(rows: readonly MetricRow[], tree: AreaTreeLike): Constraints {
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    const k = cellKey(r.level, r.area, r.data_kind, sliceOf(r), r.measure, r.category, r.bucket);
    if (index.has(k)) throw new Error(`disclosure: two metrics rows describe the same figure (${describe(r)})`);
    index.set(k, i);
  });

  const groups: AdditiveGroup[] = [];
  const links: Link[] = [];

  // ---- (a) geography: municipalities of a region (total: the region row); regions of all (total: the all row).
  // One family of groups per figure (data kind, measure, category, bucket), in order of first appearance.
  const figures = new Map<string, { kind: FigureKind; slice: string; measure: string; category: string; bucket: string }>();
  // Areas per level for (measure, category, bucket), over all data kinds, in row order.
  const areasOf = new Map<string, { municipality: string[]; region: string[]; all: string[] }>();
  for (const r of rows) {
    const slice = sliceOf(r);
    const fk = [r.data_kind, slice, r.measure, r.category, r.bucket].join(SEP);
    if (!figures.has(fk)) figures.set(fk, { kind: r.data_kind, slice, measure: r.measure, category: r.category, bucket: r.bucket });
    const ak = [slice, r.measure, r.category, r.bucket].join(SEP);
    let areas = areasOf.get(ak);
    if (!areas) areasOf.set(ak, (areas = { municipality: [], region: [], all: [] }));
    const list = areas[r.level];
    if (!list.includes(r.area)) list.push(r.area);
  }

  for (const f of figures.values()) {
    const areas = areasOf.get([f.slice, f.measure, f.category, f.bucket].join(SEP))!;
    // The cell of one area in this figure. For 'mixed' figures an area that has no mixed row but data of only
    // one kind is represented by that kind's row: its youths are in the mixed total all the same.
    const lookup = (level: Level, area: string): number | undefined => {
      const own = index.get(cellKey(level, area, f.kind, f.slice, f.measure, f.category, f.bucket));
      if (own !== undefined || f.kind !== 'mixed') return own;
      const a = index.get(cellKey(level, area, 'allocations', f.slice, f.measure, f.category, f.bucket));
      const c = index.get(cellKey(level, area, 'claims', f.slice, f.measure, f.category, f.bucket));
      if (a !== undefined && c === undefined) return a;
      if (c !== undefined && a === undefined) return c;
      return undefined;
    };

    const regionNames: string[] = [...areas.region];
    for (const m of areas.municipality) {
      const reg = tree.regionOf.get(m);
      if (reg !== undefined && !regionNames.includes(reg)) regionNames.push(reg);
    }
    const regionCell = new Map<string, number>();
    for (const reg of regionNames) {
      const members: number[] = [];
      for (const m of areas.municipality) {
        if (tree.regionOf.get(m) !== reg) continue;
        const i = lookup('municipality', m);
        if (i !== undefined) members.push(i);
      }
      const total = lookup('region', reg) ?? null;
      if (total !== null) regionCell.set(reg, total);
      // Without a region row there is no total to subtract from (the all group below then holds the
      // municipalities themselves), so there is no group.
      if (total !== null) pushGroup(groups, { kind: 'municipalities_of_region', members, total });
    }

    // all = every region row + every municipality not represented by a region row (no region, or no region row).
    const allMembers: number[] = [];
    for (const reg of regionNames) {
      const i = regionCell.get(reg);
      if (i !== undefined) allMembers.push(i);
    }
    for (const m of areas.municipality) {
      const reg = tree.regionOf.get(m);
      if (reg !== undefined && regionCell.has(reg)) continue;
      const i = lookup('municipality', m);
      if (i !== undefined) allMembers.push(i);
    }
    let allTotal: number | null = null;
    for (const a of areas.all) {
      const i = lookup('all', a);
      if (i !== undefined) {
        allTotal = i;
        break;
      }
    }
    if (allTotal !== null) pushGroup(groups, { kind: 'regions_of_all', members: allMembers, total: allTotal });
  }

  // ---- (b) the groups of a breakdown add up to their area (SPEC 11): the two-way table area x group
  // is protected along the groups here and along the geography above.
  const wholeOf = new Map<string, number>();
  const partsOf = new Map<string, Map<string, number[]>>();
  rows.forEach((r, i) => {
    const k = [r.level, r.area, r.data_kind, r.year, r.gap_days, r.measure, r.category, r.bucket].join(SEP);
    if (r.breakdown === '') {
      wholeOf.set(k, i);
      return;
    }
    let byBreakdown = partsOf.get(k);
    if (!byBreakdown) partsOf.set(k, (byBreakdown = new Map<string, number[]>()));
    const list = byBreakdown.get(r.breakdown) ?? [];
    list.push(i);
    byBreakdown.set(r.breakdown, list);
  });
  for (const [k, byBreakdown] of partsOf) {
    const total = wholeOf.get(k) ?? null;
    for (const members of byBreakdown.values()) pushGroup(groups, { kind: 'breakdown', members, total });
  }

  // ---- (c) within one area, data kind and slice: category rows, trajectory-size buckets; and the links.
  const byAreaKind = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = [r.level, r.area, r.data_kind, sliceOf(r)].join(SEP);
    let list = byAreaKind.get(k);
    if (!list) byAreaKind.set(k, (list = []));
    list.push(i);
  });
  for (const indices of byAreaKind.values()) {
    const ofMeasure = (m: string) => indices.filter((i) => rows[i].measure === m);
    for (const d of ADDITIVE) {
      pushGroup(groups, { kind: d.cells.some((c) => c.category !== '') ? 'categories' : 'buckets', members: ofMeasure(d.id), total: null });
    }
    // The registry's relations between measures (ended within t days = within the previous point + a class).
    const cellOf = (c: CellRef) => indices.find((i) => rows[i].measure === c.measure && rows[i].bucket === c.bucket && rows[i].category === (c.category ?? ''));
    for (const rel of RELATIONS) {
      const total = cellOf(rel.total);
      const parts = rel.parts.map(cellOf);
      if (total === undefined || parts.some((p) => p === undefined)) continue;
      pushGroup(groups, { kind: 'relation', members: parts as number[], total });
    }
    // Links follow the definitions' givesAway: when a row of measure m is hidden, so is every row
    // (same area and data kind) of a measure that would give it away.
    for (const [m, givers] of GIVEN_AWAY_BY) {
      for (const from of ofMeasure(m)) {
        for (const how of ['complement', 'denominator'] as const) {
          const to = givers.filter((g) => g.how === how).flatMap((g) => ofMeasure(g.measure));
          if (to.length > 0) links.push({ kind: how, from, to });
        }
      }
    }
  }

  return { groups, links };
}

function pushGroup(groups: AdditiveGroup[], g: AdditiveGroup): void {
  // A relation between fewer than two cells reveals nothing by subtraction.
  if (g.members.length + (g.total === null ? 0 : 1) >= 2) groups.push(g);
}
