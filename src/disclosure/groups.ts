// The relations between metrics rows that secondary suppression must respect (SPEC section 7).
//
// Additive groups: cells whose counts add up (to a total that is itself a cell, when there is one).
// If exactly one cell of such a group is hidden, it can be recovered by subtraction.
// Links: a hidden cell whose exact counts another row shows as well (in_care_next_year and outflow are
// complements; a share's denominator is a count shown elsewhere), so that row must be hidden too.
//
// Everything refers to rows by their index in the input array.

import type { FigureKind, Level, Measure, MetricRow } from '../model/model.js';

/** Which relation a group stands for; used in tests and explanations only. */
export type GroupKind = 'municipalities_of_region' | 'regions_of_all' | 'categories' | 'buckets';

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

function cellKey(level: Level, area: string, kind: FigureKind, measure: Measure, category: string, bucket: string): string {
  return [level, area, kind, measure, category, bucket].join(SEP);
}

function describe(r: MetricRow): string {
  const parts = [`level=${r.level}`, `area=${r.area}`, `data_kind=${r.data_kind}`, `measure=${r.measure}`];
  if (r.category) parts.push(`category=${r.category}`);
  if (r.bucket) parts.push(`bucket=${r.bucket}`);
  return parts.join(', ');
}

/** Measures whose category rows form an additive group (a youth or product is in exactly one category). */
const CATEGORY_GROUP_MEASURES: ReadonlySet<Measure> = new Set<Measure>(['start_category_alone', 'products_started']);
/** Measures whose denominator is the cohort count of the same area and data kind. */
const COHORT_DENOMINATOR_MEASURES: ReadonlySet<Measure> = new Set<Measure>([
  'in_care_next_year',
  'outflow',
  'start_category_any',
  'start_category_alone',
]);

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
    const k = cellKey(r.level, r.area, r.data_kind, r.measure, r.category, r.bucket);
    if (index.has(k)) throw new Error(`disclosure: two metrics rows describe the same figure (${describe(r)})`);
    index.set(k, i);
  });

  const groups: AdditiveGroup[] = [];
  const links: Link[] = [];

  // ---- (a) geography: municipalities of a region (total: the region row); regions of all (total: the all row).
  // One family of groups per figure (data kind, measure, category, bucket), in order of first appearance.
  const figures = new Map<string, { kind: FigureKind; measure: Measure; category: string; bucket: string }>();
  // Areas per level for (measure, category, bucket), over all data kinds, in row order.
  const areasOf = new Map<string, { municipality: string[]; region: string[]; all: string[] }>();
  for (const r of rows) {
    const fk = [r.data_kind, r.measure, r.category, r.bucket].join(SEP);
    if (!figures.has(fk)) figures.set(fk, { kind: r.data_kind, measure: r.measure, category: r.category, bucket: r.bucket });
    const ak = [r.measure, r.category, r.bucket].join(SEP);
    let areas = areasOf.get(ak);
    if (!areas) areasOf.set(ak, (areas = { municipality: [], region: [], all: [] }));
    const list = areas[r.level];
    if (!list.includes(r.area)) list.push(r.area);
  }

  for (const f of figures.values()) {
    const areas = areasOf.get([f.measure, f.category, f.bucket].join(SEP))!;
    // The cell of one area in this figure. For 'mixed' figures an area that has no mixed row but data of only
    // one kind is represented by that kind's row: its youths are in the mixed total all the same.
    const lookup = (level: Level, area: string): number | undefined => {
      const own = index.get(cellKey(level, area, f.kind, f.measure, f.category, f.bucket));
      if (own !== undefined || f.kind !== 'mixed') return own;
      const a = index.get(cellKey(level, area, 'allocations', f.measure, f.category, f.bucket));
      const c = index.get(cellKey(level, area, 'claims', f.measure, f.category, f.bucket));
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

  // ---- (b) within one area and data kind: category rows, trajectory-size buckets; and the links.
  const byAreaKind = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = [r.level, r.area, r.data_kind].join(SEP);
    let list = byAreaKind.get(k);
    if (!list) byAreaKind.set(k, (list = []));
    list.push(i);
  });
  for (const indices of byAreaKind.values()) {
    const ofMeasure = (m: Measure) => indices.filter((i) => rows[i]!.measure === m);
    for (const m of CATEGORY_GROUP_MEASURES) {
      pushGroup(groups, { kind: 'categories', members: ofMeasure(m), total: null });
    }
    pushGroup(groups, { kind: 'buckets', members: ofMeasure('trajectory_size'), total: null });

    const inCare = ofMeasure('in_care_next_year');
    const outflow = ofMeasure('outflow');
    for (const a of inCare) for (const b of outflow) {
      links.push({ kind: 'complement', from: a, to: [b] });
      links.push({ kind: 'complement', from: b, to: [a] });
    }
    const cohortShares = indices.filter((i) => COHORT_DENOMINATOR_MEASURES.has(rows[i]!.measure));
    for (const c of ofMeasure('cohort_youths')) {
      if (cohortShares.length > 0) links.push({ kind: 'denominator', from: c, to: cohortShares });
    }
    // products_per_trajectory's denominator (closed trajectories) is the denominator of every trajectory_size
    // row, and trajectories_open shows started and open trajectories, whose difference it is.
    const closedShown = [...ofMeasure('trajectory_size'), ...ofMeasure('trajectories_open')];
    for (const p of ofMeasure('products_per_trajectory')) {
      if (closedShown.length > 0) links.push({ kind: 'denominator', from: p, to: closedShown });
    }
  }

  return { groups, links };
}

function pushGroup(groups: AdditiveGroup[], g: AdditiveGroup): void {
  // A relation between fewer than two cells reveals nothing by subtraction.
  if (g.members.length + (g.total === null ? 0 : 1) >= 2) groups.push(g);
}
