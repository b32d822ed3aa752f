// Every word the HTML report prints, in Dutch (default, nl.ts) and English (en.ts). The interface
// below is the list of them; the number formats are in ../format.ts.

import type { CategoryId } from '../../model/model.js';
import type { NotComparedReason } from '../../compare/compare.js';

export type Lang = 'nl' | 'en';

export interface Strings {
  htmlTitle: (year: number) => string;
  title: (year: number) => string;
  subtitle: (year: number, gapDays: number) => string;
  internalBanner: string;
  internalBannerDetail: string;
  disclosureOn: (threshold: number, base: number) => string;
  disclosureOff: string;
  engine: string;
  generatedAt: string;
  contents: string;
  /** The publication status in the header of every printed page. */
  printPublic: string;
  /** "Pagina 3 van 14" on every printed page: the words before the page number and between it and the count. */
  printPage: { page: string; of: string };

  kind: Record<string, string>;
  kindShort: Record<string, string>;
  suppressed: string;
  suppressedLong: string;
  unknownRegion: string;
  regionPrefix: string;
  allData: string;
  municipality: string;

  keyFigures: string;
  keyFiguresLede: string;
  cohortYouths: string;
  outflow: string;
  productsPerTrajectory: string;
  startGgz: string;
  outflowCardNote: (fraction: string, year: number) => string;
  pptCardNote: string;
  ggzCardNote: (fraction: string) => string;

  outflowTitle: string;
  outflowLede: (year: number) => string;
  pptTitle: string;
  pptLede: (year: number) => string;
  pptCaveat: (year: number) => string;
  openLabel: string;
  legendBar: string;
  legendCi: string;
  legendRegion: string;
  legendAll: string;
  legendSuppressed: string;
  nYouths: string;
  nTrajectories: string;
  /** After a chart's title, for screen readers: where its numbers are. */
  chartAlt: string;
  numbersSummary: string;
  colAreaOrRegion: string;
  colCi: string;

  startTitle: string;
  startLede: string;
  startGgzAny: string;
  combination: string;
  suppressedOrCombination: string;
  categories: Record<CategoryId, string>;
  /** GGZ inside a sentence ("start met GGZ"); the comparisons phrase no other category. */
  ggzInSentence: string;

  comparisonsTitle: string;
  comparisonsLede: (alpha: number) => string;
  colArea: string;
  colWhat: string;
  colVsRegion: string;
  colVsAll: string;
  colTest: string;
  direction: {
    higher: (ref: string) => string;
    lower: (ref: string) => string;
    no_clear_difference: (ref: string) => string;
  };
  refRegion: string;
  refAll: string;
  notCompared: string;
  notComparedReason: Record<NotComparedReason, string>;
  tests: Record<string, string>;
  phrase: {
    outflow: (fraction: string, pct: string, year: number) => string;
    in_care_next_year: (fraction: string, pct: string, year: number) => string;
    trajectories_open: (fraction: string, pct: string, year: number) => string;
    products_per_trajectory: (mean: string) => string;
    start_category_any: (fraction: string, pct: string, cat: string) => string;
    start_category_alone: (fraction: string, pct: string, cat: string) => string;
    suppressed: (what: string) => string;
  };
  measureName: Record<string, string>;
  startMatrixTitle: string;
  startMatrixLede: string;
  symbolsLegend: string;

  dataKindsTitle: string;
  dataKindsLede: string;
  colRegion: string;
  colKinds: string;
  colCohort: string;

  definitionsTitle: string;
  definitions: (year: number, gapDays: number) => { term: string; text: string }[];
  disclosureTitle: string;
  disclosureText: (mode: 'cbs' | 'off', threshold: number, base: number) => string;

  accountingTitle: string;
  accountingLede: string;
  colFile: string;
  colSourceKind: string;
  colRead: string;
  colAccepted: string;
  colRejected: string;
  colReasons: string;
  total: string;
  none: string;

  qualityTitle: string;
  warnings: string;
  noWarnings: string;
  unmappedTitle: string;
  unmappedLede: string;
  colCode: string;
  colGemeente: string;
  colProducts: string;
  backlogTitle: string;
  openEnded: (pct: string) => string;
  footer: (version: string) => string;
}
