// Header matching (SPEC sections 1 and 9): which column of a CSV holds which field.
// Pure: works on the header names only, never on row values.

export type Field =
  | 'client'
  | 'gemeente'
  | 'productcode'
  | 'productcategorie'
  | 'start'
  | 'end'
  | 'allocation'
  | 'provider'
  | 'referrer'
  | 'birthdate'
  | 'reason'
  | 'sex'
  | 'deliveryForm';

/** Every field, in the order messages and documentation list them. */
export const FIELDS: readonly Field[] = [
  'client',
  'gemeente',
  'productcode',
  'productcategorie',
  'start',
  'end',
  'allocation',
  'provider',
  'referrer',
  'birthdate',
  'reason',
  'sex',
  'deliveryForm',
];

/** Fields a source must have (SPEC 1): without them a row cannot become a product. */
export const REQUIRED_FIELDS: readonly Field[] = ['client', 'gemeente', 'productcode', 'start', 'end'];

/**
 * Header names recognised without a profile, per field, in ranked groups. The first group with a
 * matching column wins; two columns matching within that group are ambiguous. Ranks only exist where
 * real exports commonly carry both kinds of column (a provider's AGB code next to its name, a
 * municipality code next to its name): the code is the better key, so it ranks first.
 * Names are written as users see them; matching compares normaliseHeader() forms.
 */
export const HEADER_SYNONYMS: Readonly<Record<Field, readonly (readonly string[])[]>> = {
  client: [
    [
      'client_id',
      'clientnummer',
      'clientnr',
      'client_code',
      'client',
      'client_key',
      'client_pseudo',
      'bsn_pseudo',
      'pseudo_bsn',
      'pseudo_id',
      'pseudoniem',
      'bsn',
      'burgerservicenummer',
    ],
  ],
  gemeente: [['gemeentecode', 'gemeente_code', 'gemeentenummer', 'gemeentenr', 'cbs_gemeentecode', 'gm_code'], ['gemeente']],
  productcode: [['productcode', 'product_code', 'prod_code']],
  productcategorie: [['productcategorie', 'productcategorie_code', 'product_categorie']],
  start: [
    [
      'begindatum',
      'ingangsdatum',
      'startdatum',
      'datum_start',
      'datum_begin',
      'datum_ingang',
      'aanvangsdatum',
      'datum_aanvang',
      'begindatum_toewijzing',
      'ingangsdatum_toewijzing',
    ],
  ],
  end: [
    [
      'einddatum',
      'datum_einde',
      'datum_eind',
      'eindedatum',
      'beeindigingsdatum',
      'datum_beeindiging',
      'einddatum_toewijzing',
    ],
  ],
  allocation: [['toewijzingnummer', 'toewijzingsnummer', 'toewijzingnr', 'toewijzing_id']],
  provider: [
    ['agb_code', 'agb', 'aanbiedercode', 'zorgaanbiedercode', 'aanbieder_agb'],
    ['aanbieder', 'zorgaanbieder', 'aanbiedernaam', 'zorgaanbiedernaam'],
  ],
  referrer: [['verwijzer', 'verwijzer_code', 'code_verwijzer', 'verwijzer_type', 'type_verwijzer', 'verwijsroute']],
  birthdate: [['geboortedatum', 'geb_datum', 'geboorte_datum', 'geboortedatum_client']],
  reason: [['reden_beeindiging', 'reden_einde', 'reden_beeindiging_jeugdhulp', 'reden_beeindiging_toewijzing', 'beeindigingsreden']],
  sex: [['geslacht', 'geslacht_code', 'code_geslacht']],
  deliveryForm: [['leveringsvorm', 'leveringsvorm_pgb_zin', 'pgb_zin', 'zorg_in_natura', 'financieringsvorm']],
};

/**
 * Lower-case, strip accents (NFD + remove combining marks: 'Cliëntnummer' -> 'clientnummer'), drop
 * whitespace, underscores, hyphens and dots (and a stray byte-order mark).
 */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_.-]+/g, '');
}

/** normaliseHeader form -> [field, rank]. Built once; a name listed under two fields is a bug (tested). */
const SYNONYM_INDEX: ReadonlyMap<string, { field: Field; rank: number }> = (() => {
  const m = new Map<string, { field: Field; rank: number }>();
  for (const field of FIELDS) {
    HEADER_SYNONYMS[field].forEach((group, rank) => {
      for (const name of group) {
        const key = normaliseHeader(name);
        const prev = m.get(key);
        if (prev && prev.field !== field) throw new Error(`header synonym '${name}' listed for ${prev.field} and ${field}`);
        if (!prev) m.set(key, { field, rank });
      }
    });
  }
  return m;
})();

/** The field a header name stands for without a profile, or null. */
export function fieldOfHeader(name: string): Field | null {
  return SYNONYM_INDEX.get(normaliseHeader(name))?.field ?? null;
}

/** How a profile names a column: its header name, or its position (1-based). */
export type ColumnRef = string | number;

export interface ResolveOptions {
  /**
   * Fields the source supplies without a column (e.g. a profile's fixed `gemeente` for a
   * single-municipality export): not required, not matched.
   */
  constant?: readonly Field[];
}

function describe(header: readonly string[], i: number): string {
  return `'${header[i].trim()}' (column ${i + 1})`;
}

/**
 * Finds each field's column index (0-based). With a profile's explicit columns (field -> header name,
 * or 1-based column number), those win; every other field is matched by the default names and Dutch
 * synonyms (HEADER_SYNONYMS), ignoring columns the profile already assigned. Returns the map, or the
 * problems (missing required fields, ambiguous headers, explicit names that match no column) as
 * readable messages. Messages quote header names only, never row values.
 */
export function resolveColumns(
  header: readonly string[],
  explicit?: Partial<Record<Field, ColumnRef>>,
  options: ResolveOptions = {},
): { ok: true; columns: Partial<Record<Field, number>> } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const columns: Partial<Record<Field, number>> = {};
  const taken = new Set<number>();
  const constant = new Set(options.constant ?? []);
  const norm = header.map(normaliseHeader);

  // 1. Explicit columns from the profile.
  for (const field of FIELDS) {
    const ref = explicit?.[field];
    if (ref === undefined) continue;
    if (typeof ref === 'number') {
      if (!Number.isInteger(ref) || ref < 1 || ref > header.length) {
        problems.push(`columns.${field}: column ${ref} does not exist (the file has ${header.length} columns)`);
        continue;
      }
      columns[field] = ref - 1;
      taken.add(ref - 1);
      continue;
    }
    // Exact (trimmed) name first; only when none matches exactly, the normalised name.
    let hits = header.flatMap((h, i) => (h.replace(/^\uFEFF/, '').trim() === ref.trim() ? [i] : []));
    if (hits.length === 0) {
      const want = normaliseHeader(ref);
      hits = norm.flatMap((h, i) => (h === want && want !== '' ? [i] : []));
    }
    if (hits.length === 0) {
      problems.push(`columns.${field}: no column named '${ref}' (the header has ${header.map((h) => `'${h.trim()}'`).join(', ')})`);
    } else if (hits.length > 1) {
      problems.push(
        `columns.${field}: '${ref}' matches more than one column: ${hits.map((i) => describe(header, i)).join(', ')}; name the column by number instead`,
      );
    } else {
      columns[field] = hits[0]!;
      taken.add(hits[0]);
    }
  }

  // 2. Default names and synonyms for the rest.
  for (const field of FIELDS) {
    if (explicit?.[field] !== undefined || constant.has(field)) continue;
    const groups = HEADER_SYNONYMS[field];
    for (let rank = 0; rank < groups.length; rank++) {
      const hits: number[] = [];
      norm.forEach((h, i) => {
        if (taken.has(i)) return;
        const s = SYNONYM_INDEX.get(h);
        if (s && s.field === field && s.rank === rank) hits.push(i);
      });
      if (hits.length === 0) continue;
      if (hits.length > 1) {
        problems.push(
          `ambiguous columns for ${field}: ${hits.map((i) => describe(header, i)).join(' and ')}; ` +
            `name the one to use in the profile's columns.${field}`,
        );
      } else {
        columns[field] = hits[0]!;
      }
      break;
    }
  }

  // 3. Required fields.
  for (const field of REQUIRED_FIELDS) {
    if (constant.has(field) || columns[field] !== undefined) continue;
    if (explicit?.[field] !== undefined) continue; // already reported above
    if (problems.some((p) => p.startsWith(`ambiguous columns for ${field}:`))) continue;
    const names = HEADER_SYNONYMS[field].flat().join(', ');
    problems.push(`missing column for ${field}: expected a header named one of ${names}, or columns.${field} in a source profile`);
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, columns };
}
