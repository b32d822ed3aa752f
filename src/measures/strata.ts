// SPEC 12: the shares that are indirectly standardised, folded per stratum (age group x start
// category) beside the counters. Only the standardised definitions are folded here, into short
// vectors (10 slots) keyed like the counters with the stratum as the group; they feed the compare
// stage and are never metrics rows. Merged, packed and transferred like the counters.
import type { ClientFacts } from '../definitions/cohort.js';
import { STRATA, stratumOf } from '../definitions/breakdowns.js';
import { gmLabel, type FigureKind } from '../model/model.js';
import { Folder, KIND_KEYS, layoutOf, unpackKey, type Counters, type GroupKey } from './counters.js';
import { slotsPerCell } from './measure.js';
import { MEASURES } from './registry.js';

/** The standardised share definitions, in registry order. */
export const STANDARDISED = MEASURES.filter((d) => d.standardised);
for (const d of STANDARDISED) {
  if (d.kind !== 'share') throw new Error(`measure '${d.id}': only a share can be standardised`);
}
export const STRATA_LAYOUT = layoutOf(STANDARDISED);

const folder = new Folder(STANDARDISED, STRATA_LAYOUT, []);

/** Adds one client's facts to its stratum's vector (the key's group is replaced by the stratum). */
export function foldStratum(strata: Counters, key: Omit<GroupKey, 'group'>, facts: ClientFacts): void {
  // A literal, not a spread: the key keeps one shape (measured: a spread made this fold slower than the whole main fold).
  folder.fold(strata, { kind: key.kind, gm: key.gm, year: key.year, gap: key.gap, group: stratumOf(facts) }, facts);
}

/** One standardised cell of one municipality, data kind, year and gap: numerator and denominator per stratum (STRATA order). */
export interface StratumCells {
  data_kind: FigureKind;
  year: number;
  gap_days: number;
  /** The municipality, as in the metrics rows (GM0014). */
  area: string;
  measure: string;
  category: string;
  bucket: string;
  k: number[];
  n: number[];
}

/** The strata counters as cells per municipality; `years` and `gaps` label the key's indexes. Ordered by key. */
export function stratumCells(strata: Counters, labels: { years: readonly number[]; gaps: readonly number[] }): StratumCells[] {
  const byCell = new Map<string, StratumCells>();
  const out: StratumCells[] = [];
  for (const key of [...strata.keys()].sort((a, b) => a - b)) {
    const g = unpackKey(key);
    const v = strata.get(key)!;
    for (const d of STANDARDISED) {
      const base = STRATA_LAYOUT.offsets.get(d.id)!;
      const stride = slotsPerCell(d);
      d.cells.forEach((cell, i) => {
        const id = [g.kind, g.gm, g.year, g.gap, d.id, cell.category, cell.bucket].join('|');
        let c = byCell.get(id);
        if (!c) {
          c = {
            data_kind: KIND_KEYS[g.kind], year: labels.years[g.year], gap_days: labels.gaps[g.gap], area: gmLabel(g.gm),
            measure: d.id, category: cell.category, bucket: cell.bucket,
            k: new Array<number>(STRATA.length).fill(0), n: new Array<number>(STRATA.length).fill(0),
          };
          byCell.set(id, c);
          out.push(c);
        }
        c.k[g.group] += v[base + i * stride];
        c.n[g.group] += v[base + i * stride + 1];
      });
    }
  }
  return out;
}
