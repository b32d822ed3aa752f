import { describe, expect, it } from 'vitest';
import { ijwFallback } from '../src/mapping/ijw-fallback.js';
import { CATEGORIES, SUBCATEGORIES } from '../src/model/model.js';

const cat = (code: string): string | undefined => {
  const r = ijwFallback(code);
  return r ? CATEGORIES[r.cat] : undefined;
};
const sub = (code: string): string | null | undefined => {
  const r = ijwFallback(code);
  return r ? (r.sub === null ? null : SUBCATEGORIES[r.sub]) : undefined;
};

describe('ijwFallback', () => {
  it('covers every national product category 31-38 and 40-55, and nothing else', () => {
    const expected = [31, 32, 33, 34, 35, 36, 37, 38, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55];
    const known = Array.from({ length: 1000 }, (_, c) => c).filter((c) => ijwFallback(String(c)) !== null);
    expect(known).toEqual(expected);
    for (const c of expected) {
      const r = ijwFallback(String(c));
      expect(r, String(c)).not.toBeNull();
      expect(r!.cat).toBeGreaterThanOrEqual(0);
      expect(r!.cat).toBeLessThan(CATEGORIES.length);
      expect(r!.name.length).toBeGreaterThan(0);
      // A subcategory only for ambulant non-GGZ, and always there.
      if (CATEGORIES[r!.cat] === 'ambulant_non_ggz') expect(r!.sub, String(c)).not.toBeNull();
      else expect(r!.sub, String(c)).toBeNull();
    }
    for (const c of ['39', '30', '56', '01', '18']) expect(ijwFallback(c), c).toBeNull();
  });

  it('carries the iJw names (JZ020)', () => {
    expect(ijwFallback('43')!.name).toBe('Jeugdhulp verblijf (incl. behandeling)');
    expect(ijwFallback('45')!.name).toBe('Jeugdhulp ambulant');
    expect(ijwFallback('54')!.name).toBe('Jeugd-ggz');
    expect(ijwFallback('35')!.name).toBe('(2015) Met verblijf: pleegzorg');
  });

  it('maps the unambiguous categories as their names say', () => {
    expect(cat('47')).toBe('jeugdreclassering');
    expect(cat('48')).toBe('jeugdbescherming');
    expect(['51', '52', '54'].map(cat)).toEqual(['ggz', 'ggz', 'ggz']);
    expect(['35', '36', '37', '38', '43', '44'].map(cat)).toEqual(Array(6).fill('verblijf_non_ggz'));
    expect(cat('42')).toBe('overig_multidisciplinair'); // vervoer (SPEC 3)
    expect(cat('46')).toBe('overig_multidisciplinair'); // crisis (SPEC 3)
    expect(cat('45')).toBe('ambulant_non_ggz');
    expect(sub('45')).toBe('ambulant_overig');
    expect(sub('33')).toBe('dagbesteding_participatie');
    expect(sub('34')).toBe('opvoed_woonbegeleiding');
  });

  it('reads the code leniently: spaces and leading zeros', () => {
    expect(ijwFallback(' 54 ')).toEqual(ijwFallback('54'));
    expect(ijwFallback('054')).toEqual(ijwFallback('54'));
    expect(ijwFallback('')).toBeNull();
    expect(ijwFallback('5 4')).toBeNull();
    expect(ijwFallback('54A')).toBeNull();
    expect(ijwFallback('45A48')).toBeNull(); // a product code is not a category
    expect(ijwFallback('0054')).toBeNull();
  });
});
