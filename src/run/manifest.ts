// The manifest of a run (SPEC section 8): everything needed to reproduce and audit it.
// No timestamps and no worker count: the same inputs and settings give the same bytes.
import { createRequire } from 'node:module';
import type { DisclosureSettings } from '../disclosure/disclosure.js';
import type { LedgerManifest } from '../disclosure/ledger.js';

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

export interface SourceAccount {
  file: string;
  sha256: string;
  bytes: number;
  kind: string;
  read: number;
  accepted: number;
  rejected: number;
  reasons: Record<string, number>;
}

export interface RejectEntry {
  file: string;
  line: number;
  column: string;
  reason: string;
}

export interface CodeCount {
  code: string;
  gemeente: string;
  products: number;
}

export interface Manifest {
  engine: { name: string; version: string };
  publication: string;
  settings: Record<string, unknown>;
  disclosure: DisclosureSettings;
  inputs: SourceAccount[];
  codes: { file: string; sha256: string; rows: number };
  regions: { file: string; sha256: string; municipalities: number } | null;
  unmappedCodes: CodeCount[];
  fallbackCodes: CodeCount[];
  dataKinds: string[];
  /** null: a count of youths suppressed by disclosure control. */
  totals: Record<string, number | null>;
  productsStartedByMonth: { file: string; month: string; products: number }[];
  municipalitiesWithoutRegion: string[];
  warnings: string[];
  /** Only in a run with a publication ledger (--ledger). */
  ledger?: LedgerManifest;
  rejectsSummary?: { reason: string; count: number; first: string[] }[];
  outputs?: Record<string, string>;
}
