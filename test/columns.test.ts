import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIELDS, HEADER_SYNONYMS, REQUIRED_FIELDS, fieldOfHeader, normaliseHeader, resolveColumns } from '../src/read/columns.js';

describe('normaliseHeader', () => {
  it('lower-cases, strips accents and drops spaces, underscores, hyphens and dots', () => {
    expect(normaliseHeader('Cliëntnummer')).toBe('clientnummer');
    expect(normaliseHeader('Client_ID')).toBe('clientid');
    expect(normaliseHeader(' Datum einde ')).toBe('datumeinde');
    expect(normaliseHeader('Beëindigingsdatum')).toBe('beeindigingsdatum');
    expect(normaliseHeader('gemeente-code')).toBe('gemeentecode');
    expect(normaliseHeader('AGB.code')).toBe('agbcode');
    expect(normaliseHeader('\uFEFFclient_id')).toBe('clientid');
    // A decomposed ë (e + U+0308) normalises the same as the composed one.
    expect(normaliseHeader('Clie\u0308nt')).toBe('client');
  });
});

describe('HEADER_SYNONYMS', () => {
  it('lists each field, and no name under two fields', () => {
    expect(Object.keys(HEADER_SYNONYMS).sort()).toEqual([...FIELDS].sort());
    const owner = new Map<string, string>();
    for (const f of FIELDS) {
      for (const name of HEADER_SYNONYMS[f].flat()) {
        const k = normaliseHeader(name);
        expect(owner.get(k) ?? f, name).toBe(f);
        owner.set(k, f);
      }
    }
  });
  it('holds the SPEC 9 default names', () => {
    expect(fieldOfHeader('client_id')).toBe('client');
    expect(fieldOfHeader('gemeente')).toBe('gemeente');
    expect(fieldOfHeader('productcode')).toBe('productcode');
    expect(fieldOfHeader('productcategorie')).toBe('productcategorie');
    expect(fieldOfHeader('begindatum')).toBe('start');
    expect(fieldOfHeader('einddatum')).toBe('end');
    expect(fieldOfHeader('toewijzingnummer')).toBe('allocation');
    expect(fieldOfHeader('aanbieder')).toBe('provider');
    expect(fieldOfHeader('verwijzer')).toBe('referrer');
    expect(fieldOfHeader('geboortedatum')).toBe('birthdate');
    expect(REQUIRED_FIELDS).toEqual(['client', 'gemeente', 'productcode', 'start', 'end']);
  });
});

describe('docs/profiles.md', () => {
  it('lists every field and every header name recognised', () => {
    const doc = fs.readFileSync(new URL('../docs/profiles.md', import.meta.url), 'utf8');
    for (const f of FIELDS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${f}\` |`));
      expect(row, f).toBeDefined();
      for (const name of HEADER_SYNONYMS[f].flat()) expect(row, `${f}: ${name}`).toContain(`\`${name}\``);
    }
  });
});

describe('resolveColumns', () => {
  it('reads the default profile (SPEC 9)', () => {
    const r = resolveColumns(['client_id', 'gemeente', 'productcode', 'productcategorie', 'begindatum', 'einddatum', 'toewijzingnummer', 'aanbieder', 'verwijzer', 'geboortedatum']);
    expect(r).toEqual({
      ok: true,
      columns: { client: 0, gemeente: 1, productcode: 2, productcategorie: 3, start: 4, end: 5, allocation: 6, provider: 7, referrer: 8, birthdate: 9 },
    });
  });

  it('recognises Dutch synonyms with accents, capitals and separators', () => {
    const r = resolveColumns(['Cliëntnummer', 'Gemeente Code', 'Product_Code', 'Ingangsdatum', 'Beëindigingsdatum', 'Toewijzingsnummer', 'AGB-code', 'Reden beëindiging', 'Leveringsvorm PGB/ZIN']);
    // 'Leveringsvorm PGB/ZIN' normalises to 'leveringsvormpgb/zin', which is no synonym: not matched.
    expect(r).toEqual({ ok: true, columns: { client: 0, gemeente: 1, productcode: 2, start: 3, end: 4, allocation: 5, provider: 6, reason: 7 } });
    expect(resolveColumns(['bsn_pseudo', 'gemeentecode', 'productcode', 'startdatum', 'datum_einde', 'leveringsvorm_pgb_zin'])).toEqual({
      ok: true,
      columns: { client: 0, gemeente: 1, productcode: 2, start: 3, end: 4, deliveryForm: 5 },
    });
    expect(resolveColumns(['clientnummer', 'gemeente_code', 'product_code', 'aanvangsdatum', 'einddatum', 'zorg_in_natura'])).toEqual({
      ok: true,
      columns: { client: 0, gemeente: 1, productcode: 2, start: 3, end: 4, deliveryForm: 5 },
    });
  });

  it('prefers a code column over a name column where both are common', () => {
    // gemeente (name) and gemeentecode; aanbieder (name) and agb_code: the codes win, no ambiguity.
    const r = resolveColumns(['client', 'gemeente', 'gemeentecode', 'productcode', 'begindatum', 'einddatum', 'aanbieder', 'agb_code']);
    expect(r).toEqual({ ok: true, columns: { client: 0, gemeente: 2, productcode: 3, start: 4, end: 5, provider: 7 } });
  });

  it('reports missing required fields with the names it looked for', () => {
    const r = resolveColumns(['client_id', 'gemeente', 'begindatum']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toBe(
      'missing column for productcode: expected a header named one of productcode, product_code, prod_code, or columns.productcode in a source profile',
    );
    expect(r.problems[1]).toMatch(/^missing column for end: expected a header named one of einddatum, datum_einde, /);
  });

  it('reports two columns matching one field as ambiguous', () => {
    const r = resolveColumns(['client_id', 'gemeente', 'productcode', 'begindatum', 'ingangsdatum', 'einddatum']);
    expect(r).toEqual({
      ok: false,
      problems: [
        "ambiguous columns for start: 'begindatum' (column 4) and 'ingangsdatum' (column 5); name the one to use in the profile's columns.start",
      ],
    });
  });

  it('lets explicit profile columns win, by name or by number', () => {
    const header = ['Cliënt', 'Gem', 'Code', 'begindatum', 'Ingangsdatum', 'Einde'];
    const r = resolveColumns(header, { client: 'Cliënt', gemeente: 'Gem', productcode: 'Code', start: 'Ingangsdatum', end: 6 });
    // Explicit start resolves the would-be ambiguity; begindatum is simply unused.
    expect(r).toEqual({ ok: true, columns: { client: 0, gemeente: 1, productcode: 2, start: 4, end: 5 } });
  });

  it('matches an explicit name exactly first, then by its normalised form', () => {
    expect(resolveColumns(['client_id', 'gemeente', 'productcode', 'Datum_Van', 'einddatum'], { start: 'datum van' })).toEqual({
      ok: true,
      columns: { client: 0, gemeente: 1, productcode: 2, start: 3, end: 4 },
    });
  });

  it('reports an explicit name or number that matches no column', () => {
    const r = resolveColumns(['client_id', 'gemeente', 'productcode', 'einddatum'], { start: 'Ingangsdatum', provider: 9 });
    expect(r).toEqual({
      ok: false,
      problems: [
        "columns.start: no column named 'Ingangsdatum' (the header has 'client_id', 'gemeente', 'productcode', 'einddatum')",
        'columns.provider: column 9 does not exist (the file has 4 columns)',
      ],
    });
  });

  it('does not auto-match a column a profile assigned to another field', () => {
    // The profile reads 'einddatum' as start (odd, but its choice); end must then come from elsewhere.
    const r = resolveColumns(['client_id', 'gemeente', 'productcode', 'einddatum'], { start: 'einddatum' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([expect.stringMatching(/^missing column for end:/)]);
  });

  it('does not require fields the profile supplies as constants', () => {
    expect(resolveColumns(['client_id', 'productcode', 'begindatum', 'einddatum'], undefined, { constant: ['gemeente'] })).toEqual({
      ok: true,
      columns: { client: 0, productcode: 1, start: 2, end: 3 },
    });
  });
});
