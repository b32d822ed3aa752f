// The built-in fallback from the iJw product category (productcategorie) to the shared categories
// of SPEC section 3, for product codes that no row of the mapping table maps.
//
// Source of the names: the iStandaarden code list JZ020 "Productcategorie" (iJw release 3.2), as
// published by Zorginstituut Nederland. Codes 31-38 are the 2015 categories (marked "(2015)" in the
// list) that stayed valid for old allocations; 40-55 are the current ones. The names of 31-50 were
// checked against two independent copies of the list; 51-55 against one copy only (the JZ020 table).
//
// A category is a national bucket a municipality files its own products under, so it is a coarse
// signal: a municipality's own mapping table (SPEC 9) always wins over this table. Lines marked
// "judgement" are choices traject makes where the iJw name does not settle the SPEC category; an
// analyst who knows better maps the product codes explicitly.
import { CATEGORIES, SUBCATEGORIES, type CategoryId, type CategoryIndex, type SubcategoryId } from '../model/model.js';

interface Entry {
  code: number;
  name: string;
  cat: CategoryId;
  sub: SubcategoryId | null;
}

const TABLE: readonly Entry[] = [
  // judgement: the 2015 category says who delivered (the local team), not what. Most local-team
  // youth care is support for parenting and daily life without a specific form, so "overig".
  { code: 31, name: '(2015) Zonder verblijf: uitgevoerd door wijk- of buurtteam', cat: 'ambulant_non_ggz', sub: 'ambulant_overig' },
  // judgement: outpatient care at the provider; in 2015 this also held outpatient mental-health care,
  // which cannot be told apart here. Not GGZ unless a mapping row says so.
  { code: 32, name: '(2015) Zonder verblijf: ambulante jeugdhulp op locatie van de aanbieder', cat: 'ambulant_non_ggz', sub: 'ambulant_overig' },
  // Day care at the provider's location: the study's "dagbesteding, netwerk en participatie".
  { code: 33, name: '(2015) Zonder verblijf: daghulp op locatie van de aanbieder', cat: 'ambulant_non_ggz', sub: 'dagbesteding_participatie' },
  // judgement: help in the youth's own network (at home, in the family) is mostly family and
  // parenting support: "opvoed- en woonbegeleiding".
  { code: 34, name: '(2015) Zonder verblijf: jeugdhulp in het netwerk van de jeugdige', cat: 'ambulant_non_ggz', sub: 'opvoed_woonbegeleiding' },
  // Foster care is named in SPEC 3 under Verblijf non-GGZ.
  { code: 35, name: '(2015) Met verblijf: pleegzorg', cat: 'verblijf_non_ggz', sub: null },
  // Family-style residential care (gezinshuis).
  { code: 36, name: '(2015) Met verblijf: gezinsgericht', cat: 'verblijf_non_ggz', sub: null },
  // judgement: closed placement (jeugdzorgplus) is residential care; closed mental-health admissions
  // cannot be told apart from it here.
  { code: 37, name: '(2015) Met verblijf: gesloten plaatsing', cat: 'verblijf_non_ggz', sub: null },
  { code: 38, name: '(2015) Met verblijf: overig residentieel', cat: 'verblijf_non_ggz', sub: null },
  // judgement: personal care is outpatient and neither parenting support nor day activities.
  { code: 40, name: 'Persoonlijke verzorging', cat: 'ambulant_non_ggz', sub: 'ambulant_overig' },
  // judgement: day treatment (e.g. for young children with developmental problems) happens in a day
  // setting like dagbesteding; GGZ day treatment would need a mapping row.
  { code: 41, name: 'Dagbehandeling', cat: 'ambulant_non_ggz', sub: 'dagbesteding_participatie' },
  // Transport is named in SPEC 3 under Overig en multidisciplinair.
  { code: 42, name: 'Vervoerdiensten', cat: 'overig_multidisciplinair', sub: null },
  // judgement: residential care with treatment also holds mental-health residential care, which
  // cannot be told apart here; SPEC 3 puts residential care under Verblijf non-GGZ.
  { code: 43, name: 'Jeugdhulp verblijf (incl. behandeling)', cat: 'verblijf_non_ggz', sub: null },
  { code: 44, name: 'Jeugdhulp verblijf (excl. behandeling)', cat: 'verblijf_non_ggz', sub: null },
  // judgement: the broad outpatient category (support, treatment, therapy); its subcategory cannot be
  // told from the category alone, so "overig".
  { code: 45, name: 'Jeugdhulp ambulant', cat: 'ambulant_non_ggz', sub: 'ambulant_overig' },
  // Crisis care is named in SPEC 3 under Overig en multidisciplinair.
  { code: 46, name: 'Jeugdhulp crisis', cat: 'overig_multidisciplinair', sub: null },
  { code: 47, name: 'Jeugdreclassering', cat: 'jeugdreclassering', sub: null },
  { code: 48, name: 'Jeugdbescherming', cat: 'jeugdbescherming', sub: null },
  // judgement: activities of a certified institution in the preventive (voluntary) justice frame are
  // neither a child-protection measure nor court-ordered probation; traject does not assign them to
  // either and files them as "overig".
  { code: 49, name: 'Activiteiten in het preventief justitieel kader', cat: 'overig_multidisciplinair', sub: null },
  // judgement: tailor-made arrangements combine several kinds of care: multidisciplinary.
  { code: 50, name: 'Maatwerkarrangementen jeugd', cat: 'overig_multidisciplinair', sub: null },
  { code: 51, name: 'Generalistische basis-ggz', cat: 'ggz', sub: null },
  { code: 52, name: 'Specialistische ggz', cat: 'ggz', sub: null },
  // judgement: paediatric care falls under the Jeugdwet only where it treats mental-health problems
  // (such as ADHD); somatic paediatrics is insured care. Hence GGZ.
  { code: 53, name: 'Kindergeneeskunde', cat: 'ggz', sub: null },
  { code: 54, name: 'Jeugd-ggz', cat: 'ggz', sub: null },
  // judgement: nationally purchased care (landelijk transitiearrangement) mixes highly specialised
  // mental-health, residential and other care: multidisciplinary.
  { code: 55, name: 'Landelijk ingekochte zorg', cat: 'overig_multidisciplinair', sub: null },
];

export interface IjwCategory {
  /** Index into CATEGORIES. */
  cat: CategoryIndex;
  /** Index into SUBCATEGORIES (ambulant_non_ggz only), else null. */
  sub: number | null;
  /** The iJw name of the product category. */
  name: string;
}

const BY_CODE: ReadonlyMap<number, IjwCategory> = new Map(
  TABLE.map((e) => [
    e.code,
    { cat: CATEGORIES.indexOf(e.cat), sub: e.sub === null ? null : SUBCATEGORIES.indexOf(e.sub), name: e.name },
  ]),
);

/**
 * The shared category of an iJw product category code: '45', ' 45 ' and '045' all read as 45.
 * Anything else (empty, not digits, a code not on the list) gives null.
 */
export function ijwFallback(productcategorie: string): IjwCategory | null {
  const s = productcategorie.trim();
  if (!/^\d{1,3}$/.test(s)) return null;
  return BY_CODE.get(Number(s)) ?? null;
}
