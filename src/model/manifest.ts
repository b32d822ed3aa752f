// The manifest of a run (SPEC section 8): everything needed to reproduce and audit it, as a
// typed contract between the run (which builds it), the outputs and the report (which read it).
// No timestamps and no worker count: the same inputs and settings give the same bytes.
import type { DataKind } from './model.js';

export interface DisclosureSettings {
  mode: 'cbs' | 'off';
  /** Counts 0..threshold are suppressed; default 7. */
  threshold: number;
  /** Other counts are rounded to a multiple of this; default 5. */
  roundingBase: number;
}

/** Row accounting of one input file: read = accepted + rejected. */
export interface SourceAccount {
  file: string;
  sha256: string;
  bytes: number;
  kind: string;
  read: number;
  accepted: number;
  rejected: number;
  reasons: Record<string, number>;
  /** Accepted rows whose optional column holds a value traject cannot read (counted as unknown, not rejected). */
  unreadable?: { referrer?: number; sex?: number; reason?: number; birthdate?: number };
  /** Workbooks only: the sheet read, and the non-empty rows above its header row (titles), skipped. */
  sheet?: string;
  titleRows?: number;
}

/** One rejected row: where it is and why, never its values. */
export interface RejectEntry {
  file: string;
  /** The line of a CSV file; for a workbook, the row of the sheet. */
  line: number;
  column: string;
  reason: string;
  /** Workbooks only: the sheet. */
  sheet?: string;
}

/** Where a rejected row is, as messages say it: `a.csv:17`, or `a.xlsx, sheet Toewijzingen, row 17`. */
export function rejectPlace(r: Pick<RejectEntry, 'file' | 'line' | 'sheet'>): string {
  return r.sheet !== undefined ? `${r.file}, sheet ${r.sheet}, row ${r.line}` : `${r.file}:${r.line}`;
}

export interface CodeCount {
  code: string;
  gemeente: string;
  products: number;
}

export interface RunSettings {
  /** The year and gap the report shows (the latest final year; gap 30 when asked for). */
  year: number;
  gapDays: number;
  /** Every cohort year and gap of the run, and the breakdowns (SPEC 11). */
  years: number[];
  gaps: number[];
  by: string[];
  /** The kind every plain --input was read as, or null (each source says). */
  kind: DataKind | null;
  strict: boolean;
  includePgb: boolean;
  labels: boolean;
  /** --data-until as given (null: read from the data). */
  dataUntil: string | null;
  lookbackDays: number;
  /** How municipalities are compared: funnel (SPEC 12, default) or pairwise (SPEC 6). */
  compare: 'funnel' | 'pairwise';
}

/** A funnel whose limits were widened for over-dispersion (SPEC 12). */
export interface WidenedFunnel {
  data_kind: string;
  year: number;
  gap_days: number;
  measure: string;
  category: string;
  bucket: string;
  method: 'raw' | 'standardised';
  /** 'all', or the region whose municipalities form the funnel. */
  reference: string;
  municipalities: number;
  phi: number;
}

/** How the comparisons were made (comparisons.csv). */
export interface ComparisonsManifest {
  method: 'funnel' | 'pairwise';
  shares: string;
  means: string;
  /** funnel only: indirect standardisation. */
  standardisation?: {
    measures: string[];
    reference: string;
    strata: { by: string[]; groups: string[] };
    emptyStrata: string;
    published: string;
  };
  /** funnel only: the over-dispersion rule and the funnels it widened. */
  overdispersion?: { rule: string; widened: WidenedFunnel[] };
}

export interface Totals {
  /** Counts of youths follow disclosure control (rounded; null: suppressed). */
  clients: number | null;
  products: number;
  duplicateRows: number;
  openEndedShare: number;
  clientsInSeveralMunicipalities: number | null;
}

/** What a run with a publication ledger (--ledger) says of it. */
export interface LedgerManifest {
  file: string;
  notice: string;
  /** Runs recorded in the ledger before this one. */
  earlierRuns: number;
  /** Cells this run held back (status 'ledger'); secondary suppression may hide more to protect them. */
  suppressed: number;
  /** Cells this run published, which the ledger records once the outputs are written. */
  published: number;
}

export interface Manifest {
  engine: { name: string; version: string };
  publication: string;
  settings: RunSettings;
  disclosure: DisclosureSettings;
  inputs: SourceAccount[];
  codes: { file: string; sha256: string; rows: number };
  regions: { file: string; sha256: string; municipalities: number } | null;
  unmappedCodes: CodeCount[];
  fallbackCodes: CodeCount[];
  dataKinds: string[];
  /** The data cut-off D of each kind (SPEC 10). */
  dataUntil: { allocations?: string; claims?: string };
  /** Cohort years the data do not cover through Y+1 (SPEC 11): not final. */
  yearsNotFinal: number[];
  totals: Totals;
  productsStartedByMonth: { file: string; month: string; products: number }[];
  municipalitiesWithoutRegion: string[];
  warnings: string[];
  /** How municipalities are compared (SPEC 6, 12). */
  comparisons: ComparisonsManifest;
  /** Only in a run with a publication ledger (--ledger). */
  ledger?: LedgerManifest;
  /** Added by the outputs stage. */
  rejectsSummary?: { reason: string; count: number; first: string[] }[];
  outputs?: Record<string, string>;
}
