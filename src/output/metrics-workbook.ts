// metrics.xlsx (--excel): the run's tables as one workbook for analysts who work in Excel. A sheet
// per table (metrics, comparisons, rejects) with the same columns and rows as the CSV files, numbers
// as numbers, and a sheet "Toelichting" that says what each column and measure means. The labels
// key is never in it (it is not for publication). An internal run says "niet voor publicatie" at
// the top of every sheet, in red, and in the printed page header.
import type { RunResult } from '../run/run.js';
import { jsonRow, METRIC_COLUMNS, INTERNAL_NOTICE, statusText } from './format.js';
import { workbookBuffer, type Cell, type SheetSpec } from './xlsx.js';

export const METRICS_WORKBOOK = 'metrics.xlsx';

const INTERNAL_NL = 'INTERN: niet voor publicatie. Disclosure control staat uit (--disclosure off): alle aantallen zijn exact.';

/** What each measure means, in Dutch (SPEC sections 5, 10; docs/definitions.md has every choice). */
const MEASURES_NL: Record<string, string> = {
  cohort_youths: 'Jongeren in het cohort: met minstens één product dat in het cohortjaar Y begint. Teller = jongeren; geen noemer.',
  in_care_next_year: 'Aandeel van het cohort dat in Y+1 nog zorg heeft (een product dat Y+1 raakt). Teller = die jongeren, noemer = cohortjongeren.',
  outflow: 'Uitstroom: aandeel van het cohort zonder zorg in Y+1. Teller = jongeren zonder zorg in Y+1, noemer = cohortjongeren.',
  products_per_trajectory: 'Gemiddeld aantal producten per traject, over de trajecten die in Y beginnen en uiterlijk 31 december Y+1 zijn afgesloten. Teller = producten, noemer = trajecten. Lange trajecten tellen niet mee, dus het gemiddelde neigt naar korte trajecten.',
  trajectories_open: 'Aandeel van de in Y begonnen trajecten dat na Y+1 nog open is. Teller = open trajecten, noemer = in Y begonnen trajecten.',
  trajectory_size: 'Afgesloten trajecten naar aantal producten (bucket 1, 2, 3, 4, 5+). Teller = trajecten met zoveel producten, noemer = afgesloten trajecten.',
  start_category_any: 'Aandeel van het cohort dat start met deze categorie, alleen of samen met andere. Teller = die jongeren, noemer = cohortjongeren.',
  start_category_alone: 'Aandeel van het cohort dat alleen met deze categorie start. Teller = die jongeren, noemer = cohortjongeren.',
  products_started: 'Producten in deze categorie die in Y begonnen, per jongere met zo’n product. Teller = producten, noemer = jongeren.',
  in_trajectory_after: 'Geschatte kans (Kaplan-Meier) dat een traject na zoveel dagen (bucket) nog loopt. Teller = beëindigde trajecten die korter duurden, noemer = trajecten.',
  trajectory_duration_median: 'Mediane duur van een traject in dagen (Kaplan-Meier). Teller = beëindigde trajecten, noemer = trajecten.',
  duration_class: 'Beëindigde trajecten naar duur (klassen van CBS). Teller = trajecten in de klasse, noemer = beëindigde trajecten.',
  ended_as_planned: 'Aandeel van de beëindigde trajecten met een reden van beëindiging dat volgens plan eindigde (JZ588 code 31).',
  return_within: 'Aandeel van de beëindigde trajecten waarna binnen zoveel dagen (bucket) weer zorg begint.',
  prior_care: 'Aandeel van het cohort met zorg in de periode vóór de eerste start in Y.',
};

const COLUMNS_NL: [string, string][] = [
  ['level', 'municipality (gemeente), region (regio) of all (alle gegevens)'],
  ['area', 'de gemeentecode (GM0014), de regionaam of all; met --labels een label (Gemeente A)'],
  ['data_kind', 'allocations (toewijzingen), claims (declaraties) of mixed (beide, elke jongere één keer); cijfers van verschillende soorten zijn niet vergelijkbaar'],
  ['measure', 'welk cijfer: zie hieronder'],
  ['category', 'de zorgcategorie, bij cijfers per categorie'],
  ['bucket', 'de klasse, bij verdelingen'],
  ['numerator', 'teller (aantal)'],
  ['denominator', 'noemer (aantal)'],
  ['value', 'het cijfer zelf: een aandeel (0 tot 1), gemiddelde of aantal'],
  ['ci_low, ci_high', '95%-betrouwbaarheidsinterval van value (aandelen: Wilson; gemiddelden: normaal)'],
  ['status', 'published (gepubliceerd), suppressed (geheim: een aantal van 7 of minder), secondary (geheim, zodat een ander geheim cijfer niet terug te rekenen is), ledger (achtergehouden: verschilt weinig van een eerdere publicatie), of internal: not for publication'],
];

export async function metricsWorkbook(result: RunResult): Promise<Buffer> {
  const m = result.manifest;
  const internal = m.disclosure.mode === 'off';
  const notes = internal ? [INTERNAL_NL] : [];
  const publication = internal ? INTERNAL_NOTICE : 'disclosure-controlled aggregates';
  const metrics: SheetSpec = {
    name: 'metrics', notes, warn: internal, header: [...METRIC_COLUMNS],
    rows: result.metrics.map((r) => {
      const j = jsonRow(r);
      return [r.level, r.area, r.data_kind, r.measure, r.category, r.bucket, j.numerator, j.denominator, j.value, j.ci_low, j.ci_high, statusText(r)] as Cell[];
    }),
  };
  const comparisons: SheetSpec = {
    name: 'comparisons', notes, warn: internal,
    header: ['area', 'region', 'data_kind', 'measure', 'category', 'against', 'direction', 'test', 'publication'],
    rows: result.comparisons.map((c) => [c.area, c.region ?? '', c.data_kind, c.measure, c.category, c.against, c.direction ?? 'not compared', c.test, publication]),
  };
  const rejects: SheetSpec = {
    name: 'rejects', notes, warn: internal, header: ['file', 'line', 'column', 'reason', 'publication'],
    rows: result.rejects.map((r) => [r.file, r.line, r.column, r.reason, internal ? INTERNAL_NOTICE : 'row accounting, no client values']),
  };
  const measures = [...new Set(result.metrics.map((r) => r.measure))];
  const about: Cell[][] = [
    ['bestand', `De tabellen van deze run, zoals metrics.csv, comparisons.csv en rejects.csv: één blad per tabel. Cohortjaar ${m.settings.year}, trajecten met ${m.settings.gapDays} dagen tussenruimte, traject ${m.engine.version}.`],
    ['publicatie', internal
      ? 'Intern: disclosure control staat uit; de aantallen zijn exact en mogen niet gepubliceerd worden.'
      : `CBS-regels: aantallen van 0 tot en met ${m.disclosure.threshold} zijn geheim, andere aantallen zijn afgerond op een veelvoud van ${m.disclosure.roundingBase}; aandelen en gemiddelden zijn berekend uit de afgeronde aantallen.`],
    ['', ''],
    ['kolom', 'betekenis (blad metrics)'],
    ...COLUMNS_NL,
    ['', ''],
    ['measure', 'betekenis'],
    ...measures.map((id) => [id, MEASURES_NL[id] ?? 'zie docs/definitions.md van traject']),
    ['', ''],
    ['comparisons', 'Elke gemeente tegen haar regio en tegen alle gegevens: higher, lower of no_clear_difference volgens de genoemde toets, of not compared.'],
    ['rejects', 'Elke afgewezen rij van de invoer: bestand, regel (bij een werkmap: de rij van het blad), kolom en reden; nooit een waarde uit de rij.'],
  ];
  const toelichting: SheetSpec = { name: 'Toelichting', notes, warn: internal, header: ['onderdeel', 'toelichting'], rows: about, widths: [28, 200] };
  return workbookBuffer([metrics, comparisons, rejects, toelichting]);
}
