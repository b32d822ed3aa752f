// codes-todo.xlsx (`traject codes`): the product codes of the data per municipality, for the
// analyst who completes the mapping table. The codes that no mapping row maps come first, most
// records first, with the iJw fallback's suggestion filled in where there is one; then the mapped
// codes. Filled in, the sheet reads back as a --codes table (SPEC 9): every row is scoped to its
// municipality (gemeente), with the period of the mapping row it comes from; columns traject does
// not know are ignored when it is read. Not for publication: the counts are records.
import { CATEGORIES, CATEGORY_LABELS, SUBCATEGORIES } from '../model/model.js';
import { civilFromDays } from '../model/calendar.js';
import type { CodesResult } from '../run/codes-todo.js';
import { workbookBuffer, type Cell, type SheetSpec } from './xlsx.js';

const iso = (day: number) => {
  const { y, m, d } = civilFromDays(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

export const CODES_COLUMNS = ['productcode', 'gemeente', 'category', 'subcategory', 'geldig_vanaf', 'geldig_tot', 'how', 'mapping_line', 'records', 'productcategorie_seen'] as const;

export async function codesWorkbook(r: CodesResult, codesFile: string | undefined): Promise<Buffer> {
  const notes = [
    'Productcodes per gemeente: voor eigen gebruik van de analist, niet voor publicatie. De aantallen (records) zijn rijen van de invoer, geen jongeren en geen producten.',
    'Vul de lege cellen in kolom category in (blad Toelichting) en geef dit bestand als --codes. Bovenaan de codes zonder mapping, met de suggestie van de iJw-productcategorie waar die er is.',
  ];
  const rows: Cell[][] = r.uses.map((u) => [
    u.code, u.gemeente, u.cat === null ? null : CATEGORIES[u.cat], u.sub >= 0 ? SUBCATEGORIES[u.sub] : null,
    u.rule && u.rule.from !== -Infinity ? iso(u.rule.from) : null, u.rule && u.rule.to !== Infinity ? iso(u.rule.to) : null,
    u.how, u.rule ? u.rule.line : null, u.records,
    [...u.productcategorie].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([pc, n]) => `${pc} (${n})`).join(', ') || null,
  ]);
  const codes: SheetSpec = {
    name: 'Codes', notes, warn: true, header: [...CODES_COLUMNS], rows,
    lists: [undefined, undefined, CATEGORIES, SUBCATEGORIES],
  };
  const explain: Cell[][] = [
    ['bestand', `Alle productcodes van de invoer per gemeente${codesFile ? `, met de mapping uit ${codesFile}` : ', zonder mappingtabel'}; voor eigen gebruik, niet voor publicatie.`],
    ['records', 'Het aantal geaccepteerde rijen van de invoer met deze code in deze gemeente: geen jongeren, geen producten (een product kan meer rijen hebben).'],
    ['how', 'mapping: een rij van de mappingtabel (regel mapping_line) geeft de categorie; ijw_fallback: geen rij, de iJw-productcategorie geeft de voorgestelde categorie; unknown: geen van beide, telt nu als overig_multidisciplinair.'],
    ['category', 'De categorie die de code nu krijgt, of leeg: vul een van de categorieën hieronder in. Een ingevulde suggestie mag je veranderen.'],
    ['gemeente', 'Elke rij geldt voor die ene gemeente; geldig_vanaf en geldig_tot (leeg: altijd) komen van de mappingrij.'],
    ['productcategorie_seen', 'De iJw-productcategorieën van de records, met hun aantal.'],
    ['', ''],
    ['category', 'betekenis'],
    ...CATEGORIES.map((c) => [c, CATEGORY_LABELS[c].nl]),
    ['', ''],
    ['subcategory', 'alleen bij ambulant_non_ggz (mag leeg)'],
    ['opvoed_woonbegeleiding', 'Opvoed- en woonbegeleiding'],
    ['dagbesteding_participatie', 'Dagbesteding, netwerk en participatie'],
    ['ambulant_overig', 'Overig'],
  ];
  const toelichting: SheetSpec = { name: 'Toelichting', notes: [notes[0]], warn: true, header: ['onderdeel', 'toelichting'], rows: explain, widths: [28, 160] };
  return workbookBuffer([codes, toelichting]);
}
