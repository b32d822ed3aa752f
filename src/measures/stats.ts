// Run statistics that workers gather next to the counters: plain sums, mergeable in any order.

export interface RunStats {
  clients: number;
  products: number;
  openProducts: number;
  duplicates: number;
  multiMunicipalityClients: number;
  /** The latest start of an allocation product, after versions are merged (SPEC 10's cut-off D). */
  latestAllocationStart: number;
  /** monthKey(source, month) -> products started (shows an administrative backlog at the end of the data). */
  startedBySourceMonth: Map<number, number>;
  /** `${mapStatus}|${gm}|${code}` -> products whose code used the fallback (1) or stayed unmapped (2). */
  codeProducts: Record<string, number>;
}

export function emptyStats(): RunStats {
  return {
    clients: 0, products: 0, openProducts: 0, duplicates: 0, multiMunicipalityClients: 0, latestAllocationStart: -Infinity,
    startedBySourceMonth: new Map(), codeProducts: {},
  };
}

/** A number per (source, month) so that the hot path builds no strings. */
export const monthKey = (source: number, month: number): number => source * 4096 + month;
export function fromMonthKey(k: number): { source: number; month: string } {
  const rest = k % 4096;
  return { source: Math.floor(k / 4096), month: `${1900 + Math.floor(rest / 12)}-${String((rest % 12) + 1).padStart(2, '0')}` };
}

export function addStat(to: Record<string, number>, key: string, n = 1): void {
  to[key] = (to[key] ?? 0) + n;
}

export function mergeStats(into: RunStats, from: RunStats): void {
  into.clients += from.clients;
  into.products += from.products;
  into.openProducts += from.openProducts;
  into.duplicates += from.duplicates;
  into.latestAllocationStart = Math.max(into.latestAllocationStart, from.latestAllocationStart);
  into.multiMunicipalityClients += from.multiMunicipalityClients;
  for (const [k, n] of from.startedBySourceMonth) into.startedBySourceMonth.set(k, (into.startedBySourceMonth.get(k) ?? 0) + n);
  for (const [k, n] of Object.entries(from.codeProducts)) addStat(into.codeProducts, k, n);
}
