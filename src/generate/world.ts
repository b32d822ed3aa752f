// The generated world: municipalities and regions, product codes and their categories, providers,
// and the shares the generator draws from (docs/generator.md).

// ---------------------------------------------------------------------------------------------
// Municipalities and regions (real CBS codes, grouped roughly as the jeugdhulpregio's are)

export const REGION_POOL: readonly { name: string; gm: readonly number[] }[] = [
  { name: 'Groningen', gm: [14, 37, 47, 1952, 1966, 765] },
  { name: 'Flevoland', gm: [34, 995, 50, 171, 184, 303] },
  { name: 'Drenthe', gm: [106, 114, 118, 119, 109, 1680] },
  { name: 'Fryslan', gm: [80, 74, 90, 59, 72, 86] },
  { name: 'Twente', gm: [153, 164, 141, 158, 163, 147] },
  { name: 'Amsterdam-Amstelland', gm: [363, 362, 384, 437, 451, 415] },
];

export interface Municipality {
  gm: number; // 363
  code: string; // GM0363
  region: string;
  source: number; // index of the input file it is exported in
  weight: number; // relative number of clients
  ggzShare: number; // chance that a product is a GGZ product
}

export function municipalities(n: number, sources: number): Municipality[] {
  const regions = Math.max(1, Math.ceil(n / 4));
  const out: Municipality[] = [];
  for (let j = 0; j < n; j++) {
    const r = j % regions;
    const k = Math.floor(j / regions);
    const pool = REGION_POOL[r];
    const gm = pool && k < pool.gm.length ? pool.gm[k] : 2000 + j; // beyond the pool: made-up codes
    const region = pool ? pool.name : `Regio ${r + 1}`;
    // The GGZ share is spread over 0.24 .. 0.44 in an order unrelated to size.
    const frac = n === 1 ? 0.5 : ((j * 7) % n) / (n - 1);
    out.push({
      gm,
      code: 'GM' + String(gm).padStart(4, '0'),
      region,
      source: j % sources,
      weight: 1 / (1 + 0.7 * k),
      ggzShare: 0.24 + 0.2 * frac,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Product codes

export type Cat = 'ambulant_non_ggz' | 'ggz' | 'verblijf_non_ggz' | 'overig_multidisciplinair' | 'jeugdbescherming' | 'jeugdreclassering';
export interface Code {
  code: string;
  ijw: string; // iJw productcategorie
  cat: Cat;
  sub: string; // subcategory (ambulant_non_ggz only)
  w: number; // relative weight within its group
  mapped: boolean; // false: missing from codes.csv
}

export const C = (code: string, cat: Cat, sub: string, w: number, mapped = true): Code => ({ code, ijw: code.slice(0, 2), cat, sub, w, mapped });

/** ~40 iJw-like codes; the first two characters are the iJw product category, as in most code lists. */
export const CODES: readonly Code[] = [
  // GGZ
  C('54001', 'ggz', '', 30),
  C('54002', 'ggz', '', 18),
  C('54003', 'ggz', '', 12),
  C('54005', 'ggz', '', 8),
  C('54007', 'ggz', '', 5),
  C('54011', 'ggz', '', 3),
  C('51A01', 'ggz', '', 14),
  C('51A02', 'ggz', '', 6),
  C('52A01', 'ggz', '', 4),
  C('53A01', 'ggz', '', 2),
  // Ambulant non-GGZ
  C('45A48', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 30),
  C('45A49', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 16),
  C('45A51', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 9),
  C('45A52', 'ambulant_non_ggz', 'ambulant_overig', 6),
  C('45A53', 'ambulant_non_ggz', 'ambulant_overig', 4),
  C('45J05', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 3),
  C('41A02', 'ambulant_non_ggz', 'dagbesteding_participatie', 7),
  C('41A03', 'ambulant_non_ggz', 'dagbesteding_participatie', 4),
  C('40A01', 'ambulant_non_ggz', 'ambulant_overig', 2),
  C('34A01', 'ambulant_non_ggz', 'opvoed_woonbegeleiding', 1),
  // Verblijf non-GGZ
  C('43A01', 'verblijf_non_ggz', '', 6),
  C('43A02', 'verblijf_non_ggz', '', 3),
  C('44A01', 'verblijf_non_ggz', '', 5),
  C('44A02', 'verblijf_non_ggz', '', 2),
  C('44B01', 'verblijf_non_ggz', '', 2),
  C('35A01', 'verblijf_non_ggz', '', 1),
  // Overig en multidisciplinair
  C('46A01', 'overig_multidisciplinair', '', 5),
  C('46A02', 'overig_multidisciplinair', '', 2),
  C('42A01', 'overig_multidisciplinair', '', 4),
  C('50A01', 'overig_multidisciplinair', '', 3),
  C('55A01', 'overig_multidisciplinair', '', 1),
  // Jeugdbescherming
  C('48A01', 'jeugdbescherming', '', 8),
  C('48A02', 'jeugdbescherming', '', 3),
  C('48A03', 'jeugdbescherming', '', 1),
  // Jeugdreclassering
  C('47A01', 'jeugdreclassering', '', 5),
  C('47A02', 'jeugdreclassering', '', 2),
  // Not in codes.csv: two fall back on their iJw category (45 -> ambulant, 54 -> ggz), one has an
  // unknown iJw category (99 -> overig_multidisciplinair).
  C('45X99', 'ambulant_non_ggz', 'ambulant_overig', 1, false),
  C('54X10', 'ggz', '', 1, false),
  C('99Z01', 'overig_multidisciplinair', '', 1, false),
];

/** Share of non-GGZ products per category (the rest of a municipality's products are GGZ). */
export const NON_GGZ_CAT_WEIGHT: Record<Exclude<Cat, 'ggz'>, number> = {
  ambulant_non_ggz: 0.56,
  verblijf_non_ggz: 0.12,
  overig_multidisciplinair: 0.12,
  jeugdbescherming: 0.12,
  jeugdreclassering: 0.08,
};
/** Share of products that get one of the unmapped codes. */
export const UNMAPPED_SHARE = 0.012;

export const PROVIDERS = [
  'Accare',
  'Lentis',
  'Elker',
  'Jeugdbescherming Noord',
  'Stichting Jeugdhulp Drenthe',
  'Zorg, Welzijn en Wonen BV', // quoted in the comma files
  'De Hoop ggz',
  'Karakter',
  'Vlechtwerk',
  'Leger des Heils',
  'Pleegzorg "Thuis" Noord', // quotes inside a quoted field
  'Kinderpraktijk Zon',
  'Yorneo',
  'Intermetzo',
];

// ---------------------------------------------------------------------------------------------
// Proportions (see docs/generator.md); exported so the generator test can check them.

export const P = {
  /** Products per client: 1..6, skewed. */
  productsPerClient: [0.34, 0.24, 0.17, 0.12, 0.08, 0.05],
  open: 0.1,
  duplicate: 0.005,
  invalid: 0.002,
  reissue: 0.03,
  noAllocationNumber: 0.02,
  emptyIjw: 0.08,
  mover: 0.05,
  sameFirstDay: 0.1,
};

/** The optional columns (SPEC 10, 11), drawn from the second stream. */
export const Q = {
  /** Age in completed years at the client's first start: 0..22 (weights). */
  age: [1.5, 2, 2.5, 3, 4, 4.5, 5, 5.5, 5.5, 5.5, 5.5, 5.5, 7, 7.5, 7.5, 7, 6.5, 5, 2, 1.2, 0.8, 0.5, 0.3],
  birthMissing: 0.02,
  birthUnreadable: 0.005,
  /** Of the clients with a known sex; the others are `0`, `9` or empty. */
  man: 0.54,
  sexUnknown: 0.01,
  /** Referrer per product, in the order of REFERRERS, by the product's category. */
  referrer: {
    other: [50, 23, 6, 2.5, 11, 6, 1.5],
    jeugdbescherming: [15, 1, 0, 75, 0, 0, 9],
    jeugdreclassering: [10, 0, 0, 30, 0, 0, 60],
  },
  referrerUnknown: 0.03,
  /** A product starting on the client's first start day has the first product's referrer. */
  sameReferrerFirstDay: 0.9,
  /** Reason for ending (JZ588) of a closed product: empty, then 31 .. 38 (weights). */
  reason: [15, 55, 8, 6, 5, 4, 3, 2, 2],
};

/** COD327 referrers: code, code without its leading zero, then names traject recognises (SPEC 11);
 *  the last group is the unknown one (empty or text that is no referrer). */
export const REFERRERS: readonly (readonly string[])[] = [
  ['01', '1', 'Gemeentelijke toegang', 'wijkteam', 'Gemeente'],
  ['02', '2', 'Huisarts'],
  ['03', '3', 'Jeugdarts'],
  ['04', '4', 'GI', 'Gecertificeerde instelling'],
  ['05', '5', 'Medisch specialist'],
  ['06', '6', 'zelfverwijzer', 'Zelfverwijzer/geen verwijzer'],
  ['08', '8', 'Rechter', 'Officier van Justitie'],
  ['', '', 'onbekend', 'overig', '99'],
];
/** JZ588 codes, 0: empty. */
export const REASONS = [0, 31, 32, 33, 34, 35, 36, 37, 38];
/** COD046 as one character (0: empty): `1` man, `2` vrouw, then the unknown ones `0`, `9`, empty. */
export const SEXES = [49, 50, 48, 57, 0];
