// Everything one client contributes to a run: rows -> products -> facts -> counters and stats.
// Workers call this for each client of their partition; the spec tests call it directly.
import { OPEN_END, type Day } from '../model/model.js';
import { monthOf } from '../model/calendar.js';
import { analyseClient } from '../definitions/cohort.js';
import type { Breakdown } from '../definitions/breakdowns.js';
import type { CohortYear } from '../model/calendar.js';
import { Folder, type Counters, type Curves, type KindKey } from './counters.js';
import { allocationProducts, claimProducts, dedupe, type ProductOut } from '../definitions/products.js';
import { MapStatus, type ProductRow } from '../model/rows.js';
import { addStat, monthKey, type RunStats } from './stats.js';
import { foldStratum } from './strata.js';

export interface RunContext {
  /** The cohort years and gaps of the run: every client is analysed for each pair. */
  years: readonly CohortYear[];
  gaps: readonly number[];
  /** The run holds both kinds: also stitch each client's products of both kinds together. */
  mixed: boolean;
  /** The data cut-off D per figure kind (allocations, claims, mixed), SPEC 10. */
  dataUntil: readonly [Day, Day, Day];
  /** Prior care looks this many days back (SPEC 10). */
  lookbackDays: number;
  /** The breakdowns asked for (SPEC 11), numbered by numberBreakdowns. */
  breakdowns: readonly NumberedBreakdown[];
}

/** A breakdown of the run, with the group number of its first group in the counters' keys. */
export interface NumberedBreakdown {
  breakdown: Breakdown;
  firstGroup: number;
}

/** Group 0 is the whole area; the breakdowns' groups follow from 1, in the order asked for. */
export function numberBreakdowns(breakdowns: readonly Breakdown[]): NumberedBreakdown[] {
  let at = 1;
  return breakdowns.map((breakdown) => {
    const n = { breakdown, firstGroup: at };
    at += breakdown.groups.length;
    return n;
  });
}

function productsOfKind(rows: readonly ProductRow[], kind: 0 | 1, stats: RunStats): ProductOut[] {
  const { rows: unique, duplicates } = dedupe(rows);
  stats.duplicates += duplicates;
  const products = kind === 0 ? allocationProducts(unique) : claimProducts(unique);
  for (const p of products) {
    stats.products++;
    if (kind === 0 && p.start > stats.latestAllocationStart) stats.latestAllocationStart = p.start;
    if (p.end === OPEN_END) stats.openProducts++;
    const k = monthKey(p.source, monthOf(p.start));
    stats.startedBySourceMonth.set(k, (stats.startedBySourceMonth.get(k) ?? 0) + 1);
    if (p.mapStatus !== MapStatus.Mapped) addStat(stats.codeProducts, `${p.mapStatus}|${p.gm}|${p.code}`);
  }
  return products;
}

const KINDS = [0, 1] as const;
const folder = new Folder();

/** The client's facts for every cohort year and gap, folded into its group's counters (and its stratum's, SPEC 12). */
function foldAll(products: readonly ProductOut[], kind: KindKey, ctx: RunContext, counters: Counters, curves: Curves, strata?: Counters): void {
  for (let year = 0; year < ctx.years.length; year++) {
    for (let gap = 0; gap < ctx.gaps.length; gap++) {
      const facts = analyseClient(products, {
        y: ctx.years[year], gapDays: ctx.gaps[gap], dataUntil: ctx.dataUntil[kind], lookbackDays: ctx.lookbackDays,
      });
      if (!facts) continue;
      folder.fold(counters, { kind, gm: facts.gm, year, gap, group: 0 }, facts, curves);
      if (strata) foldStratum(strata, { kind, gm: facts.gm, year, gap }, facts);
      for (const b of ctx.breakdowns) {
        folder.fold(counters, { kind, gm: facts.gm, year, gap, group: b.firstGroup + b.breakdown.groupOf(facts) }, facts, curves);
      }
    }
  }
}

/** Adds one client's rows (any order, any kinds) to the counters, the strata counters (when given) and the run's statistics. */
export function processClient(rows: readonly ProductRow[], ctx: RunContext, counters: Counters, curves: Curves, stats: RunStats, strata?: Counters): void {
  stats.clients++;
  // Usually every row is of one kind: then the rows need no split.
  let kinds = 0;
  for (const r of rows) kinds |= 1 << r.kind;
  const all: ProductOut[] = [];
  let firstGm = -1;
  let manyGm = false;
  for (const kind of KINDS) {
    if ((kinds & (1 << kind)) === 0) continue;
    const mine = kinds === 1 << kind ? rows : rows.filter((r) => r.kind === kind);
    const products = productsOfKind(mine, kind, stats);
    for (const p of products) {
      if (firstGm === -1) firstGm = p.gm;
      else if (p.gm !== firstGm) manyGm = true;
    }
    foldAll(products, kind, ctx, counters, curves, strata);
    if (ctx.mixed) all.push(...products);
  }
  if (manyGm) stats.multiMunicipalityClients++;
  if (ctx.mixed && all.length > 0) {
    foldAll(all, 2, ctx, counters, curves, strata);
  }
}
