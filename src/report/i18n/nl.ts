// The report's words in Dutch (the default).

import { CATEGORY_LABELS } from '../../model/model.js';
import { pctPlain } from '../format.js';
import type { Strings } from './strings.js';
import { nlSeries } from './nl-series.js';

export const nl: Strings = {
  lang: 'nl',
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
  printPublic: 'Geschikt voor publicatie',
  printPage: { page: 'Pagina ', of: ' van ' },

  kind: { allocations: 'Toewijzingen', claims: 'Declaraties', mixed: 'Toewijzingen en declaraties samen' },
  kindShort: { allocations: 'toewijzingen', claims: 'declaraties', mixed: 'beide samen' },
  suppressed: 'geheim',
  suppressedLong: 'geheim (te klein om te publiceren)',
  unknownRegion: 'Regio onbekend',
  regionPrefix: 'Regio',
  allData: 'Alle gemeenten',
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
  legendBar: 'gemeente',
  legendCi: '95%-betrouwbaarheidsinterval',
  legendRegion: 'regio',
  legendAll: 'alle gemeenten',
  legendSuppressed: 'geheim: niet gepubliceerd, geen nul',
  nYouths: 'jongeren',
  nTrajectories: 'trajecten',
  chartAlt: 'De cijfers staan in de tabel onder de grafiek.',
  numbersSummary: 'De cijfers als tabel',
  colAreaOrRegion: 'Gemeente of regio',
  colCi: '95%-interval',

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
  ggzInSentence: 'GGZ',

  comparisonsTitle: 'Vergelijkingen',
  comparisonsLede: (a) =>
    `Elke gemeente vergeleken met haar regio en met alle gemeenten, met de toets in de laatste kolom. ` +
    `We noemen alleen de richting, en alleen als een statistische toets het verschil duidelijk vindt ` +
    `(tweezijdig, ${pctPlain(a, 'nl')} kans op een toevallig verschil). De verschillen zelf publiceren we niet.`,
  colArea: 'Gemeente',
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
    funnel_exact_binomial: 'trechter, exacte binomiale grenzen',
    funnel_exact_poisson: 'trechter, exacte Poisson-grenzen',
    funnel_normal_phi: 'trechter, grenzen verbreed voor overdispersie',
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

  ...nlSeries,

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
