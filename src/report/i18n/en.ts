// The report's words in English.

import { CATEGORY_LABELS } from '../../model/model.js';
import { pctPlain } from '../format.js';
import type { Strings } from './strings.js';
import { enSeries } from './en-series.js';

export const en: Strings = {
  lang: 'en',
  htmlTitle: (y) => `Youth-care trajectories ${y}`,
  title: (y) => `Youth care started in ${y}: outflow, trajectories and first care`,
  subtitle: (y, g) =>
    `All young people with a youth-care product that began in ${y}, followed up to and including ${y + 1}. ` +
    `Products less than ${g + 1} days apart form one trajectory.`,
  internalBanner: 'Internal: not for publication',
  internalBannerDetail:
    'Disclosure control is off. The figures are exact and may contain small counts that can identify people. Do not share this report outside the organisation.',
  disclosureOn: (t, b) =>
    `Safe to publish: counts from 0 up to and including ${t} are suppressed, other counts are rounded to a multiple of ${b}.`,
  disclosureOff: 'Disclosure control off',
  engine: 'Engine',
  generatedAt: 'Generated',
  contents: 'Contents',
  printPublic: 'Safe to publish',
  printPage: { page: 'Page ', of: ' of ' },

  kind: { allocations: 'Allocations', claims: 'Claims', mixed: 'Allocations and claims together' },
  kindShort: { allocations: 'allocations', claims: 'claims', mixed: 'both together' },
  suppressed: 'suppressed',
  suppressedLong: 'suppressed (too small to publish)',
  unknownRegion: 'Region unknown',
  regionPrefix: 'Region',
  allData: 'All municipalities',
  municipality: 'Municipality',

  keyFigures: 'Key figures',
  keyFiguresLede: 'All municipalities together. Allocations and claims are not comparable and are shown separately.',
  cohortYouths: 'Young people in the cohort',
  outflow: 'Outflow',
  productsPerTrajectory: 'Products per trajectory',
  startGgz: 'Start with mental health care',
  outflowCardNote: (f, y) => `${f} young people out of care in ${y + 1}`,
  pptCardNote: 'per closed trajectory; leans towards short trajectories',
  ggzCardNote: (f) => `${f} young people, alone or with other care`,

  outflowTitle: 'Outflow per municipality',
  outflowLede: (y) =>
    `The share of young people who started youth care in ${y} and had no youth care left in ${y + 1}. ` +
    'Higher means: more young people left care within a year.',
  pptTitle: 'Products per trajectory',
  pptLede: (y) => `Mean number of youth-care products in a trajectory that began in ${y} and had ended by the end of ${y + 1}.`,
  pptCaveat: (y) =>
    `Note: trajectories still running at the end of ${y + 1} are left out. Long trajectories usually have more products, ` +
    'so this mean leans towards short trajectories. The "still open" column shows how many trajectories are left out for that reason.',
  openLabel: 'still open',
  legendBar: 'municipality',
  legendCi: '95% confidence interval',
  legendRegion: 'region',
  legendAll: 'all municipalities',
  legendSuppressed: 'suppressed: not published, not zero',
  nYouths: 'young people',
  nTrajectories: 'trajectories',
  chartAlt: 'The figures are in the table below the chart.',
  numbersSummary: 'The figures as a table',
  colAreaOrRegion: 'Municipality or region',
  colCi: '95% interval',

  startTitle: 'What care young people start with',
  startLede:
    'The kind of care on the first day of youth care. Coloured parts: young people who start with one kind of care. ' +
    'Grey: young people who start with several kinds at once. Right: the share starting with mental health care, alone or with other care.',
  startGgzAny: 'with MH care',
  combination: 'Several kinds at once',
  suppressedOrCombination: 'Suppressed or several kinds',
  categories: {
    ambulant_non_ggz: CATEGORY_LABELS.ambulant_non_ggz.en,
    ggz: CATEGORY_LABELS.ggz.en,
    verblijf_non_ggz: CATEGORY_LABELS.verblijf_non_ggz.en,
    overig_multidisciplinair: CATEGORY_LABELS.overig_multidisciplinair.en,
    jeugdbescherming: CATEGORY_LABELS.jeugdbescherming.en,
    jeugdreclassering: CATEGORY_LABELS.jeugdreclassering.en,
  },
  ggzInSentence: 'mental health care',

  comparisonsTitle: 'Comparisons',
  comparisonsLede: (a) =>
    `Each municipality compared with its region and with all municipalities, by the test in the last column. ` +
    `We state only the direction, and only when a statistical test finds the difference clear ` +
    `(two-sided, ${pctPlain(a, 'en')} chance of a difference by chance). The differences themselves are not published.`,
  colArea: 'Municipality',
  colWhat: 'What we see',
  colVsRegion: 'Compared with the region',
  colVsAll: 'Compared with all municipalities',
  colTest: 'Test',
  direction: {
    higher: (r) => `higher than ${r}`,
    lower: (r) => `lower than ${r}`,
    no_clear_difference: (r) => `no clear difference from ${r}`,
  },
  refRegion: 'the region',
  refAll: 'all municipalities',
  notCompared: 'not compared',
  notComparedReason: {
    suppressed: 'figure suppressed',
    no_group: 'no region known',
    no_rest: 'no other municipality with this data',
    too_small: 'too few young people',
    no_sd: 'spread unknown',
  },
  tests: {
    two_proportion_z: 'two-proportion z-test',
    welch_z: 'Welch test for means',
    funnel_exact_binomial: 'funnel plot, exact binomial limits',
    funnel_exact_poisson: 'funnel plot, exact Poisson limits',
    funnel_normal_phi: 'funnel plot, limits widened for over-dispersion',
  },
  phrase: {
    outflow: (f, p, y) => `${f} young people out of care in ${y + 1} (${p})`,
    in_care_next_year: (f, p, y) => `${f} young people still in care in ${y + 1} (${p})`,
    trajectories_open: (f, p, y) => `${f} trajectories still open at the end of ${y + 1} (${p})`,
    products_per_trajectory: (m) => `on average ${m} products per closed trajectory`,
    start_category_any: (f, p, c) => `${f} young people start with ${c} (${p})`,
    start_category_alone: (f, p, c) => `${f} young people start with ${c} only (${p})`,
    suppressed: (w) => `${w}: suppressed`,
  },
  measureName: {
    outflow: 'Outflow',
    in_care_next_year: 'Still in care',
    trajectories_open: 'Trajectories still open',
    products_per_trajectory: 'Products per trajectory',
    start_category_any: 'Start with',
    start_category_alone: 'Start with only',
  },
  startMatrixTitle: 'First care compared',
  startMatrixLede:
    'Per kind of care: do more or fewer young people in this municipality start with it (alone or with other care) than in the region and in all municipalities?',
  symbolsLegend: '▲ higher · ▼ lower · ● no clear difference · – not compared. First symbol: against the region; second: against all municipalities.',

  dataKindsTitle: 'Data per municipality',
  dataKindsLede:
    'Allocations (what the municipality granted) and claims (what providers billed) describe the same care in different ways. Figures from the two kinds are not comparable.',
  colRegion: 'Region',
  colKinds: 'Kind of data',
  colCohort: 'Young people in cohort',

  ...enSeries,

  definitionsTitle: 'What the figures mean',
  definitions: (y, g) => [
    {
      term: 'Cohort',
      text: `All young people with at least one youth-care product that began in ${y}. Care that began before ${y} does not count for the cohort. A young person belongs to the municipality of their first product in ${y}.`,
    },
    {
      term: 'Trajectory',
      text: `Consecutive products of one young person. A new product belongs to the same trajectory when it begins within ${g} days after the end of the care so far; otherwise a new trajectory begins. As long as a product has no end date, the trajectory keeps running.`,
    },
    {
      term: 'Outflow',
      text: `The share of the cohort that had no youth care at all in ${y + 1}, of any kind. Anyone with any care in ${y + 1}, even after a long break, counts as still in care.`,
    },
    {
      term: 'Products per trajectory',
      text: `The mean number of products in trajectories that began in ${y} and had ended by the end of ${y + 1}. Trajectories still running then are left out. Because long trajectories are more often still running, this mean leans towards short trajectories: the true mean is probably higher.`,
    },
    {
      term: 'First care (start category)',
      text: 'The kind(s) of care of the products that began on the first day of youth care in the year. A young person can start with several kinds at once; "start with mental health care" counts them too.',
    },
    {
      term: 'Allocations and claims',
      text: 'Allocations show what a municipality granted, claims what providers billed. "Still in care" means for allocations: an allocation running in the next year; for claims: care billed in the next year. Do not compare figures from the two kinds with each other.',
    },
    {
      term: 'Confidence interval',
      text: 'The whisker at the end of a bar shows how far the figure may differ by chance (95%). Small municipalities have longer whiskers.',
    },
  ],
  disclosureTitle: 'Disclosure control',
  disclosureText: (m, t, b) =>
    m === 'cbs'
      ? `This report follows the CBS rule for Beleidsinformatie Jeugd. Counts from 0 up to and including ${t} are suppressed; other counts are rounded to a multiple of ${b}. A share or mean is suppressed when any count it rests on is ${t} or less, and is computed from the rounded counts. Where one cell is suppressed and the total is shown, a second cell is suppressed too, so nothing can be recovered by subtraction. Suppressed figures are hatched, never drawn as zero.`
      : 'Disclosure control is off: this is an internal analysis with exact counts. Do not publish.',

  accountingTitle: 'Row accounting',
  accountingLede: 'Per source file: how many rows were read, used and rejected, and why.',
  colFile: 'File',
  colSourceKind: 'Kind',
  colRead: 'Read',
  colAccepted: 'Used',
  colRejected: 'Rejected',
  colReasons: 'Reasons for rejection',
  total: 'Total',
  none: 'none',

  qualityTitle: 'Data quality',
  warnings: 'Warnings',
  noWarnings: 'No warnings.',
  unmappedTitle: 'Product codes without a mapping',
  unmappedLede: 'These codes are not in the mapping table. They were classified by their iJw product category or as "Other and multidisciplinary". Extend the table to improve the figures.',
  colCode: 'Product code',
  colGemeente: 'Municipality',
  colProducts: 'Products',
  backlogTitle: 'Not yet processed',
  openEnded: (p) => `${p} of the products have no end date (still running).`,
  footer: (v) => `Made with traject ${v}. All figures are aggregates; the report holds no data about individuals.`,
};
