// Everything one client contributes to a run: rows -> products -> facts -> counters and stats.
// Workers call this for each client of their partition; the spec tests call it directly.
import { OPEN_END } from '../model/model.js';
import { civilFromDays } from '../read/dates.js';
import { analyseClient } from '../definitions/cohort.js';
import type { CohortYear } from '../model/calendar.js';
import { foldClient, type Counters, type KindKey } from './counters.js';
import { allocationProducts, claimProducts, dedupe, type ProductOut } from '../definitions/products.js';
import { MapStatus, type ProductRow } from '../model/rows.js';
import { addStat, monthKey, type RunStats } from './stats.js';

export interface RunContext {
  y: CohortYear;
  gapDays: number;
  /** The run holds both kinds: also stitch each client's products of both kinds together. */
  mixed: boolean;
}

function productsOfKind(rows: readonly ProductRow[], kind: 0 | 1, stats: RunStats): ProductOut[] {
  const { rows: unique, duplicates } = dedupe(rows);
  stats.duplicates += duplicates;
  const products = kind === 0 ? allocationProducts(unique) : claimProducts(unique);
  for (const p of products) {
    stats.products++;
    if (p.end === OPEN_END) stats.openProducts++;
    const { y, m } = civilFromDays(p.start);
    const k = monthKey(p.source, y, m);
    stats.startedBySourceMonth.set(k, (stats.startedBySourceMonth.get(k) ?? 0) + 1);
    if (p.mapStatus !== MapStatus.Mapped) addStat(stats.codeProducts, `${p.mapStatus}|${p.gm}|${p.code}`);
  }
  return products;
}

const KINDS = [0, 1] as const;

/** Adds one client's rows (any order, any kinds) to the counters and the run's statistics. */
export function processClient(rows: readonly ProductRow[], ctx: RunContext, counters: Counters, stats: RunStats): void {
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
    const facts = analyseClient(products, ctx.y, ctx.gapDays);
    if (facts) foldClient(counters, kind as KindKey, facts);
    if (ctx.mixed) all.push(...products);
  }
  if (manyGm) stats.multiMunicipalityClients++;
  if (ctx.mixed && all.length > 0) {
    const facts = analyseClient(all, ctx.y, ctx.gapDays);
    if (facts) foldClient(counters, 2, facts);
  }
}
