// Builds the manifest of a run (model/manifest.ts) from its accounting, statistics and
// publication. The engine version is read from package.json once.
import { createRequire } from 'node:module';
import { DATA_KINDS, gmLabel } from '../model/model.js';
import { MapStatus } from '../model/rows.js';
import type { CodeCount, DisclosureSettings, Manifest, RunSettings, SourceAccount } from '../model/manifest.js';
import { fromMonthKey, type RunStats } from '../measures/stats.js';
import { publishedCount } from '../disclosure/rounding.js';
import type { Publication } from '../publish/publish.js';
import { fileSha256 } from '../read/sources.js';
import { qualityWarnings } from './quality.js';
import type { CutOff } from './cutoff.js';
import { comparisonsManifest } from '../compare/fair.js';

const require = createRequire(import.meta.url);
function findVersion(): string {
  for (const p of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(p) as { name?: string; version?: string };
      if (pkg.name === 'traject' && pkg.version) return pkg.version;
    } catch { /* try the next layout (src/ or dist/src/) */ }
  }
  return 'unknown';
}
export const ENGINE_VERSION = findVersion();

export interface ManifestParts {
  settings: RunSettings;
  disclosure: DisclosureSettings;
  accounts: SourceAccount[];
  /** Input file names by source index (for the month table). */
  files: string[];
  kinds: ReadonlySet<0 | 1>;
  codes: { file: string; rows: number };
  regions: { file: string; municipalities: number } | null;
  stats: RunStats;
  publication: Publication;
  cutOff: CutOff;
}

export function buildManifest(p: ManifestParts): Manifest {
  const { stats, disclosure, publication } = p;
  const label = (area: string) => publication.labels?.get(area) ?? area;
  const codes = (status: MapStatus) => codeList(stats, status).map((c) => ({ ...c, gemeente: label(c.gemeente) }));
  const manifest: Manifest = {
    engine: { name: 'traject', version: ENGINE_VERSION },
    publication: disclosure.mode === 'off' ? 'internal: not for publication' : 'disclosure-controlled aggregates',
    settings: p.settings,
    disclosure,
    inputs: p.accounts,
    codes: { file: p.codes.file, sha256: fileSha256(p.codes.file), rows: p.codes.rows },
    regions: p.regions ? { file: p.regions.file, sha256: fileSha256(p.regions.file), municipalities: p.regions.municipalities } : null,
    unmappedCodes: codes(MapStatus.Unmapped),
    fallbackCodes: codes(MapStatus.Fallback),
    dataKinds: DATA_KINDS.filter((_, i) => p.kinds.has(i as 0 | 1)),
    dataUntil: p.cutOff.byKind,
    yearsNotFinal: p.cutOff.notFinal,
    // Counts of youths follow the disclosure rule here too (rounded; null: suppressed, 0..threshold);
    // product and row counts are record accounting and stay exact.
    totals: {
      clients: publishedCount(stats.clients, disclosure), products: stats.products, duplicateRows: stats.duplicates,
      openEndedShare: stats.products > 0 ? stats.openProducts / stats.products : 0,
      clientsInSeveralMunicipalities: publishedCount(stats.multiMunicipalityClients, disclosure),
    },
    productsStartedByMonth: monthTable(stats, p.files),
    municipalitiesWithoutRegion: publication.municipalitiesWithoutRegion,
    warnings: [],
    comparisons: comparisonsManifest(p.settings.compare, publication.comparisons),
    ...(publication.ledger ? { ledger: publication.ledger } : {}),
  };
  manifest.warnings = [...qualityWarnings(manifest).warnings, ...p.cutOff.warnings];
  return manifest;
}

function codeList(stats: RunStats, status: MapStatus): CodeCount[] {
  const wanted: number = status;
  return Object.entries(stats.codeProducts)
    .map(([k, products]) => {
      const [s, gm, code] = k.split('|');
      return { status: Number(s), code, gemeente: gmLabel(Number(gm)), products };
    })
    .filter((c) => c.status === wanted)
    .map(({ code, gemeente, products }) => ({ code, gemeente, products }))
    .sort((a, b) => b.products - a.products || a.code.localeCompare(b.code) || a.gemeente.localeCompare(b.gemeente));
}

function monthTable(stats: RunStats, files: string[]) {
  return [...stats.startedBySourceMonth]
    .map(([k, products]) => {
      const { source, month } = fromMonthKey(k);
      return { file: files[source], month, products };
    })
    .sort((a, b) => a.file.localeCompare(b.file) || a.month.localeCompare(b.month));
}

