// Run statistics that workers gather next to the counters: plain sums, mergeable in any order.

export interface RunStats {
  clients: number;
  products: number;
  openProducts: number;
  duplicates: number;
  multiMunicipalityClients: number;
  /** `${source}|YYYY-MM` -> products started (shows an administrative backlog at the end of the data). */
  startedBySourceMonth: Record<string, number>;
  /** `${mapStatus}|${gm}|${code}` -> products whose code used the fallback (1) or stayed unmapped (2). */
  codeProducts: Record<string, number>;
}

export function emptyStats(): RunStats {
  return {
    clients: 0, products: 0, openProducts: 0, duplicates: 0, multiMunicipalityClients: 0,
    startedBySourceMonth: {}, codeProducts: {},
  };
}

export function addStat(to: Record<string, number>, key: string, n = 1): void {
  to[key] = (to[key] ?? 0) + n;
}

export function mergeStats(into: RunStats, from: RunStats): void {
  into.clients += from.clients;
  into.products += from.products;
  into.openProducts += from.openProducts;
  into.duplicates += from.duplicates;
  into.multiMunicipalityClients += from.multiMunicipalityClients;
  for (const [k, n] of Object.entries(from.startedBySourceMonth)) addStat(into.startedBySourceMonth, k, n);
  for (const [k, n] of Object.entries(from.codeProducts)) addStat(into.codeProducts, k, n);
}
