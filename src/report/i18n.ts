// Every word the HTML report prints, in Dutch (default) and English, plus the number formats.
// Formatting is done by hand (not Intl) so the output is byte-identical on every Node build.

import { CATEGORY_LABELS } from '../model/model.js';
import type { CategoryId } from '../model/model.js';

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

  kind: Record<string, string>;
  kindShort: Record<string, string>;
  suppressed: string;
  suppressedLong: string;
  unknownRegion: string;
  region: string;
  regionPrefix: string;
  allData: string;
  allDataShort: string;
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
  chartFor: (kind: string) => string;
  legendBar: string;
  legendCi: string;
  legendRegion: string;
  legendAll: string;
  legendSuppressed: string;
  nLabel: string;
  nYouths: string;
  nTrajectories: string;

  startTitle: string;
  startLede: string;
  startGgzAny: string;
  combination: string;
  suppressedOrCombination: string;
  categories: Record<CategoryId, string>;
  /** Category names inside a sentence ("start met GGZ"). */
  categoriesShort: Record<CategoryId, string>;

  comparisonsTitle: string;
  comparisonsLede: (alpha: number) => string;
  colArea: string;
  colKind: string;
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
  notComparedReason: Record<string, string>;
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

const nl: Strings = {
  htmlTitle: (y) => `Jeugdhulptrajecten ${y}`,
  title: (y) => `Jeugdhulp die startte in ${y}: uitstroom, trajecten en start`,
  subtitle: (y, g) =>
    `Alle jongeren met een jeugdhulpproduct dat begon in ${y}, gevolgd tot en met ${y + 1}. ` +
    `Producten met minder dan ${g + 1} dagen ertussen vormen samen één traject.`,
  internalBanner: 'Intern: niet voor publicatie',
  internalBannerDetail:
    'Geheimhouding staat uit. De cijfers zijn exact en kunnen kleine aantallen bevatten die tot personen te herleiden zijn. Deel dit rapport niet buiten de organisatie.',
  disclosureOn: (t, b) =>
    `Geschikt voor publicatie: aantallen van 0 tot en met ${t} zijn geheim, andere aantallen afgerond op een veelvoud van ${b}.`,
  disclosureOff: 'Geheimhouding uit',
  engine: 'Motor',
  generatedAt: 'Gemaakt op',
  contents: 'Inhoud',

  kind: { allocations: 'Toewijzingen', claims: 'Declaraties', mixed: 'Toewijzingen en declaraties samen' },
  kindShort: { allocations: 'toewijzingen', claims: 'declaraties', mixed: 'beide samen' },
  suppressed: 'geheim',
  suppressedLong: 'geheim (te klein om te publiceren)',
  unknownRegion: 'Regio onbekend',
  region: 'regio',
  regionPrefix: 'Regio',
  allData: 'Alle gemeenten',
  allDataShort: 'alle gemeenten',
  municipality: 'Gemeente',

  keyFigures: 'Kerncijfers',
  keyFiguresLede: 'Alle gemeenten samen. Toewijzingen en declaraties zijn niet vergelijkbaar en staan apart.',
  cohortYouths: 'Jongeren in het cohort',
  outflow: 'Uitstroom',
  productsPerTrajectory: 'Producten per traject',
  startGgz: 'Start met GGZ',
  outflowCardNote: (f, y) => `${f} jongeren in ${y + 1} uit zorg`,
  pptCardNote: 'per afgesloten traject; leunt naar korte trajecten',
  ggzCardNote: (f) => `${f} jongeren, alleen of met andere hulp`,

  outflowTitle: 'Uitstroom per gemeente',
  outflowLede: (y) =>
    `Het deel van de jongeren dat in ${y} met jeugdhulp begon en in ${y + 1} geen jeugdhulp meer had. ` +
    'Hoger betekent: meer jongeren zijn binnen een jaar uit zorg.',
  pptTitle: 'Producten per traject',
  pptLede: (y) => `Gemiddeld aantal jeugdhulpproducten in een traject dat in ${y} begon en uiterlijk eind ${y + 1} was afgesloten.`,
  pptCaveat: (y) =>
    `Let op: trajecten die eind ${y + 1} nog liepen tellen niet mee. Lange trajecten hebben meestal meer producten, ` +
    'dus dit gemiddelde leunt naar korte trajecten. De kolom "nog open" laat zien hoeveel trajecten daardoor buiten beeld blijven.',
  openLabel: 'nog open',
  chartFor: (k) => k,
  legendBar: 'gemeente',
  legendCi: '95%-betrouwbaarheidsinterval',
  legendRegion: 'regio',
  legendAll: 'alle gemeenten',
  legendSuppressed: 'geheim: niet gepubliceerd, geen nul',
  nLabel: 'n',
  nYouths: 'jongeren',
  nTrajectories: 'trajecten',

  startTitle: 'Waarmee jongeren starten',
  startLede:
    'De soort hulp op de eerste dag van jeugdhulp. Gekleurde delen: jongeren die met één soort hulp starten. ' +
    'Grijs: jongeren die met meerdere soorten tegelijk starten. Rechts: het deel dat met GGZ start, alleen of samen met andere hulp.',
  startGgzAny: 'met GGZ',
  combination: 'Meerdere soorten tegelijk',
  suppressedOrCombination: 'Geheim of meerdere soorten',
  categories: {
    ambulant_non_ggz: CATEGORY_LABELS.ambulant_non_ggz.nl,
    ggz: CATEGORY_LABELS.ggz.nl,
    verblijf_non_ggz: CATEGORY_LABELS.verblijf_non_ggz.nl,
    overig_multidisciplinair: CATEGORY_LABELS.overig_multidisciplinair.nl,
    jeugdbescherming: CATEGORY_LABELS.jeugdbescherming.nl,
    jeugdreclassering: CATEGORY_LABELS.jeugdreclassering.nl,
  },
  categoriesShort: {
    ambulant_non_ggz: 'ambulante hulp (geen GGZ)',
    ggz: 'GGZ',
    verblijf_non_ggz: 'verblijf (geen GGZ)',
    overig_multidisciplinair: 'overige hulp',
    jeugdbescherming: 'jeugdbescherming',
    jeugdreclassering: 'jeugdreclassering',
  },

  comparisonsTitle: 'Vergelijkingen',
  comparisonsLede: (a) =>
    `Elke gemeente vergeleken met de andere gemeenten in haar regio en met alle andere gemeenten. ` +
    `We noemen alleen de richting, en alleen als een statistische toets het verschil duidelijk vindt ` +
    `(tweezijdig, ${pctPlain(a, 'nl')} kans op een toevallig verschil). De verschillen zelf publiceren we niet.`,
  colArea: 'Gemeente',
  colKind: 'Gegevens',
  colWhat: 'Wat we zien',
  colVsRegion: 'Vergeleken met de regio',
  colVsAll: 'Vergeleken met alle gemeenten',
  colTest: 'Toets',
  direction: {
    higher: (r) => `hoger dan ${r}`,
    lower: (r) => `lager dan ${r}`,
    no_clear_difference: (r) => `geen duidelijk verschil met ${r}`,
  },
  refRegion: 'de regio',
  refAll: 'alle gemeenten',
  notCompared: 'niet vergeleken',
  notComparedReason: {
    suppressed: 'cijfer is geheim',
    no_group: 'geen regio bekend',
    no_rest: 'geen andere gemeente met deze gegevens',
    too_small: 'te weinig jongeren',
    no_sd: 'spreiding onbekend',
  },
  tests: {
    two_proportion_z: 'z-toets voor twee verhoudingen',
    welch_z: 'Welch-toets voor gemiddelden',
  },
  phrase: {
    outflow: (f, p, y) => `${f} jongeren in ${y + 1} uit zorg (${p})`,
    in_care_next_year: (f, p, y) => `${f} jongeren in ${y + 1} nog in zorg (${p})`,
    trajectories_open: (f, p, y) => `${f} trajecten eind ${y + 1} nog open (${p})`,
    products_per_trajectory: (m) => `gemiddeld ${m} producten per afgesloten traject`,
    start_category_any: (f, p, c) => `${f} jongeren start met ${c} (${p})`,
    start_category_alone: (f, p, c) => `${f} jongeren start met alleen ${c} (${p})`,
    suppressed: (w) => `${w}: geheim`,
  },
  measureName: {
    outflow: 'Uitstroom',
    in_care_next_year: 'Nog in zorg',
    trajectories_open: 'Trajecten nog open',
    products_per_trajectory: 'Producten per traject',
    start_category_any: 'Start met',
    start_category_alone: 'Start alleen met',
  },
  startMatrixTitle: 'Startcategorieën vergeleken',
  startMatrixLede:
    'Per soort hulp: starten in deze gemeente meer of minder jongeren met deze hulp (alleen of samen met andere) dan in de regio en in alle gemeenten?',
  symbolsLegend: '▲ hoger · ▼ lager · ● geen duidelijk verschil · – niet vergeleken. Eerste teken: t.o.v. de regio; tweede: t.o.v. alle gemeenten.',

  dataKindsTitle: 'Gegevens per gemeente',
  dataKindsLede:
    'Toewijzingen (wat de gemeente toekende) en declaraties (wat aanbieders in rekening brachten) beschrijven dezelfde zorg op een andere manier. Cijfers uit de twee soorten zijn niet vergelijkbaar.',
  colRegion: 'Regio',
  colKinds: 'Soort gegevens',
  colCohort: 'Jongeren in cohort',

  definitionsTitle: 'Wat de cijfers betekenen',
  definitions: (y, g) => [
    {
      term: 'Cohort',
      text: `Alle jongeren met minstens één jeugdhulpproduct dat in ${y} begon. Hulp die vóór ${y} begon telt niet mee voor het cohort. Een jongere hoort bij de gemeente van zijn of haar eerste product in ${y}.`,
    },
    {
      term: 'Traject',
      text: `Opeenvolgende producten van één jongere. Een nieuw product hoort bij hetzelfde traject als het binnen ${g} dagen na het einde van de hulp tot dan toe begint; anders begint een nieuw traject. Zolang een product geen einddatum heeft, loopt het traject door.`,
    },
    {
      term: 'Uitstroom',
      text: `Het deel van het cohort dat in ${y + 1} helemaal geen jeugdhulp meer had, van welke soort ook. Wie in ${y + 1} nog ergens hulp had, ook na een lange pauze, telt als nog in zorg.`,
    },
    {
      term: 'Producten per traject',
      text: `Het gemiddelde aantal producten in trajecten die in ${y} begonnen en eind ${y + 1} waren afgesloten. Trajecten die toen nog liepen tellen niet mee. Omdat lange trajecten vaker nog lopen, leunt dit gemiddelde naar korte trajecten: het werkelijke gemiddelde ligt waarschijnlijk hoger.`,
    },
    {
      term: 'Startcategorie',
      text: 'De soort(en) hulp van de producten die op de eerste dag van jeugdhulp in het jaar begonnen. Een jongere kan met meerdere soorten tegelijk starten; "start met GGZ" telt ook die jongeren mee.',
    },
    {
      term: 'Toewijzingen en declaraties',
      text: 'Toewijzingen laten zien wat een gemeente toekende, declaraties wat aanbieders in rekening brachten. "Nog in zorg" betekent bij toewijzingen: een toewijzing die in het volgende jaar loopt; bij declaraties: zorg die in het volgende jaar is gedeclareerd. Cijfers uit de twee soorten vergelijk je niet met elkaar.',
    },
    {
      term: 'Betrouwbaarheidsinterval',
      text: 'De streep door het einde van een balk laat zien hoe ver het cijfer door toeval kan afwijken (95%). Bij kleine gemeenten is die streep langer.',
    },
  ],
  disclosureTitle: 'Geheimhouding',
  disclosureText: (m, t, b) =>
    m === 'cbs'
      ? `Dit rapport volgt de CBS-regel voor Beleidsinformatie Jeugd. Aantallen van 0 tot en met ${t} zijn geheim; andere aantallen zijn afgerond op een veelvoud van ${b}. Een percentage of gemiddelde is geheim als een van de aantallen waarop het rust ${t} of minder is, en wordt berekend uit de afgeronde aantallen. Waar één cijfer geheim is en het totaal bekend, is een tweede cijfer ook geheim, zodat niets terug te rekenen is. Geheime cijfers zijn gearceerd en niet als nul getekend.`
      : 'Geheimhouding staat uit: dit is een interne analyse met exacte aantallen. Niet publiceren.',

  accountingTitle: 'Verantwoording van de regels',
  accountingLede: 'Per bronbestand: hoeveel regels gelezen, gebruikt en afgewezen, en waarom.',
  colFile: 'Bestand',
  colSourceKind: 'Soort',
  colRead: 'Gelezen',
  colAccepted: 'Gebruikt',
  colRejected: 'Afgewezen',
  colReasons: 'Redenen van afwijzing',
  total: 'Totaal',
  none: 'geen',

  qualityTitle: 'Kwaliteit van de gegevens',
  warnings: 'Waarschuwingen',
  noWarnings: 'Geen waarschuwingen.',
  unmappedTitle: 'Productcodes zonder indeling',
  unmappedLede: 'Deze codes staan niet in de indelingstabel. Ze zijn ingedeeld via de iJw-productcategorie of als "Overig en multidisciplinair". Vul de tabel aan om de cijfers te verbeteren.',
  colCode: 'Productcode',
  colGemeente: 'Gemeente',
  colProducts: 'Producten',
  backlogTitle: 'Nog niet verwerkt',
  openEnded: (p) => `${p} van de producten heeft geen einddatum (loopt nog).`,
  footer: (v) => `Gemaakt met traject ${v}. Alle cijfers zijn geaggregeerd; het rapport bevat geen gegevens over personen.`,
};

const en: Strings = {
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

  kind: { allocations: 'Allocations', claims: 'Claims', mixed: 'Allocations and claims together' },
  kindShort: { allocations: 'allocations', claims: 'claims', mixed: 'both together' },
  suppressed: 'suppressed',
  suppressedLong: 'suppressed (too small to publish)',
  unknownRegion: 'Region unknown',
  region: 'region',
  regionPrefix: 'Region',
  allData: 'All municipalities',
  allDataShort: 'all municipalities',
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
  chartFor: (k) => k,
  legendBar: 'municipality',
  legendCi: '95% confidence interval',
  legendRegion: 'region',
  legendAll: 'all municipalities',
  legendSuppressed: 'suppressed: not published, not zero',
  nLabel: 'n',
  nYouths: 'young people',
  nTrajectories: 'trajectories',

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
  categoriesShort: {
    ambulant_non_ggz: 'outpatient care (not mental health)',
    ggz: 'mental health care',
    verblijf_non_ggz: 'residential care (not mental health)',
    overig_multidisciplinair: 'other care',
    jeugdbescherming: 'child protection',
    jeugdreclassering: 'juvenile probation',
  },

  comparisonsTitle: 'Comparisons',
  comparisonsLede: (a) =>
    `Each municipality compared with the other municipalities in its region and with all other municipalities. ` +
    `We state only the direction, and only when a statistical test finds the difference clear ` +
    `(two-sided, ${pctPlain(a, 'en')} chance of a difference by chance). The differences themselves are not published.`,
  colArea: 'Municipality',
  colKind: 'Data',
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

export const STRINGS: Record<Lang, Strings> = { nl, en };

// ---- number formats ------------------------------------------------------------------------

/** 12345 -> "12.345" (nl) / "12,345" (en). */
export function fmtInt(n: number, lang: Lang): string {
  const sign = n < 0 ? '-' : '';
  const s = String(Math.round(Math.abs(n)));
  const sep = lang === 'nl' ? '.' : ',';
  return sign + s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** 1.8 -> "1,8" (nl) / "1.8" (en). */
export function fmtDec(v: number, digits: number, lang: Lang): string {
  const s = v.toFixed(digits);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** 0.423 -> "42%"; tiny non-zero shares show "<1%", near-complete ">99%". */
export function fmtPct(v: number, lang: Lang): string {
  if (v > 0 && v < 0.005) return lang === 'nl' ? '<1%' : '<1%';
  if (v < 1 && v >= 0.995) return '>99%';
  return `${Math.round(v * 100)}%`;
}

function pctPlain(v: number, lang: Lang): string {
  const p = v * 100;
  return (Number.isInteger(p) ? String(p) : fmtDec(p, 1, lang)) + '%';
}

/**
 * A share as a reader says it: 0.6 -> "3 op de 5" / "3 in 5". Uses the nearest fraction with
 * denominator 2, 3, 4, 5 or 10 (the smallest denominator on a tie), with "ruim" / "bijna"
 * ("over" / "almost") when it is more than 1.5 percentage points off; shares below 10% become
 * "1 op de N"; 0 and 1 become "geen" and "alle".
 */
export function fractionPhrase(v: number, lang: Lang): string {
  if (v <= 0) return lang === 'nl' ? 'geen' : 'no';
  if (v >= 1) return lang === 'nl' ? 'alle' : 'all';
  let k: number;
  let d: number;
  let qualifier = '';
  if (v < 0.1) {
    k = 1;
    d = Math.round(1 / v);
  } else {
    let best = { k: 1, d: 2, err: Infinity };
    for (const den of [2, 3, 4, 5, 10]) {
      const num = Math.min(den - 1, Math.max(1, Math.round(v * den)));
      const err = Math.abs(v - num / den);
      if (err < best.err - 1e-12) best = { k: num, d: den, err };
    }
    k = best.k;
    d = best.d;
    // say "ruim" / "bijna" when the fraction is more than 1.5 points off
    const diff = v - k / d;
    if (diff > 0.015) qualifier = lang === 'nl' ? 'ruim ' : 'over ';
    else if (diff < -0.015) qualifier = lang === 'nl' ? 'bijna ' : 'almost ';
  }
  return qualifier + (lang === 'nl' ? `${k} op de ${d}` : `${k} in ${d}`);
}
