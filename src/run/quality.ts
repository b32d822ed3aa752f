// Data-quality warnings (issue 3): what an analyst should check before trusting the figures.
// Derived from the manifest's counts only: no row values.
import type { Manifest } from '../model/manifest.js';

/** A month whose starts fall below this share of the six months before it suggests a backlog. */
const BACKLOG_SHARE = 0.5;

export function qualityWarnings(m: Manifest): { warnings: string[]; backlog: string[] } {
  const warnings: string[] = [];
  const backlog: string[] = [];
  const byFile = new Map<string, { month: string; products: number }[]>();
  for (const r of m.productsStartedByMonth) {
    const list = byFile.get(r.file) ?? [];
    list.push(r);
    byFile.set(r.file, list);
  }
  for (const [file, months] of byFile) {
    // Products starting after the data was exported are not in it yet: look at the last month.
    const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month));
    if (sorted.length < 7) continue;
    const last = sorted[sorted.length - 1];
    const before = sorted.slice(-7, -1);
    const mean = before.reduce((s, x) => s + x.products, 0) / before.length;
    if (last.products < BACKLOG_SHARE * mean) {
      backlog.push(`${file}: ${last.month} has ${last.products} products started against ${mean.toFixed(0)} a month before it: an administrative backlog at the end of the data?`);
    }
  }
  warnings.push(...backlog);
  const open = m.totals.openEndedShare ?? 0;
  if (open > 0.2) warnings.push(`${(open * 100).toFixed(0)}% of products have no end date: outflow may be understated where allocations are not closed in time.`);
  const unmapped = m.unmappedCodes.reduce((s, c) => s + c.products, 0);
  if (unmapped > 0) warnings.push(`${m.unmappedCodes.length} product code(s) are not in the mapping table (${unmapped} products counted as overig en multidisciplinair).`);
  if (m.fallbackCodes.length > 0) warnings.push(`${m.fallbackCodes.length} product code(s) were mapped by their iJw product category only.`);
  for (const s of m.inputs) {
    if (s.read > 0 && s.rejected / s.read > 0.01) warnings.push(`${s.file}: ${((s.rejected / s.read) * 100).toFixed(1)}% of rows rejected (see rejects.csv).`);
  }
  const several = m.totals.clientsInSeveralMunicipalities ?? 0; // null (suppressed): a few at most
  if (several > 0) {
    warnings.push(`${several} client(s) have products in more than one municipality; each counts where their first product in the cohort year was.`);
  }
  return { warnings, backlog };
}
