// Every word the HTML report prints, in Dutch (default, nl.ts) and English (en.ts). The interface
// below is the list of them; the number formats are in ../format.ts.

import type { CategoryId } from '../../model/model.js';
import type { NotComparedReason } from '../../compare/compare.js';

export type Lang = 'nl' | 'en';

export interface Strings {
  /** The language these words are in (for sections that keep words of their own). */
  lang: Lang;
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

  /** SPEC 10: how long a trajectory lasts, return to care and prior care (sections/duration*.ts). */
  duration: DurationWords;
  /** SPEC 11: figures per group of a breakdown (sections/groups.ts). */
  groups: GroupWords;
  /** SPEC 11: several cohort years (sections/trend.ts) and several gaps (sections/gaps.ts). */
  trend: TrendWords;
  gaps: GapWords;
  /** Under the subtitle when the report's year is not final: the year and the data cut-off (a date or ''). */
  yearNotFinal: (year: number, until: string) => string;

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

export interface DurationWords {
  title: string;
  lede: (year: number) => string;
  medianLabel: string;
  /** The median's note: its days and interval ("246 dagen; 95%: 220 tot 267"); high '' when the interval has no upper end. */
  medianNote: (days: string, low: string, high: string) => string;
  notReached: string;
  notReachedNote: string;
  afterYearLabel: string;
  afterYearNote: (fraction: string) => string;
  returnLabel: string;
  returnNote: (fraction: string) => string;
  priorLabel: string;
  priorNote: (fraction: string, lookbackDays: number) => string;
  plannedLabel: string;
  plannedNote: (fraction: string) => string;

  curveTitle: string;
  /** What the curve means and what it does not. */
  curveMeaning: (year: number) => string;
  /** Under the small multiples: how the curve was drawn from published points only. */
  curveDrawn: string;
  legendCurve: string;
  legendCurveCi: string;
  legendCurveSuppressed: string;
  axisMonths: string;
  /** Short names of the curve's points (buckets 91, 182, 365, 730) under the chart. */
  point: Record<string, string>;
  /** The points as column headings: "na 3 maanden". */
  pointLong: Record<string, string>;
  panelMedian: (phrase: string) => string;
  colMedianDays: string;
  colMedianCi: string;
  muniTitle: string;
  muniLede: string;

  classesTitle: string;
  classesMeaning: (year: number) => string;
  /** The CBS duration classes (buckets 0-3m ... 4y+). */
  classes: Record<string, string>;
  nEnded: string;

  returnTitle: string;
  returnMeaning: (year: number) => string;
  within182: string;
  within365: string;
  nFollowed: string;
  priorTitle: string;
  priorMeaning: (year: number, lookbackDays: number) => string;
  plannedTitle: string;
  plannedMeaning: string;
  nWithReason: string;

  /** Definitions of the new terms, after the others. */
  definitions: (year: number, gapDays: number, lookbackDays: number) => { term: string; text: string }[];
}

export interface GroupWords {
  title: string;
  lede: (year: number) => string;
  /** The breakdowns as headings ("Naar leeftijd") and inside a sentence. */
  heading: Record<string, string>;
  /** One sentence per breakdown: how to read its figures. */
  guide: Record<string, (year: number) => string>;
  /** Group names per breakdown; start_category uses the category names. */
  group: { age_group: Record<string, string>; referrer: Record<string, string>; sex: Record<string, string> };
  unknownGroup: string;
  chartTitle: (heading: string) => string;
  colGroup: string;
  tableTitle: (heading: string) => string;
}

export interface TrendWords {
  title: string;
  lede: (first: number, last: number) => string;
  guide: string;
  notFinal: string;
  notFinalNote: (years: string, until: string) => string;
  colYear: string;
}

export interface GapWords {
  title: string;
  lede: (year: number) => string;
  guide: (gapDays: number) => string;
  days: (gap: number) => string;
  thisReport: string;
  colGap: string;
}
