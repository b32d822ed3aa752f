// SPEC 11: the groups of the breakdowns by hand, and disclosure control over the two-way table
// area x group: an attacker who subtracts along the groups or along the geography finds nothing.
import { describe, expect, it } from 'vitest';
import { BREAKDOWNS, breakdown } from '../src/definitions/breakdowns.js';
import type { ClientFacts } from '../src/definitions/cohort.js';
import { applyDisclosure, DEFAULT_DISCLOSURE } from '../src/disclosure/disclosure.js';
import { daysFromCivil } from '../src/model/calendar.js';
import type { MetricRow } from '../src/model/model.js';
import { mulberry32 } from './helpers.js';

const d = (y: number, m: number, day: number) => daysFromCivil(y, m, day);
const facts = (o: Partial<ClientFacts>): ClientFacts => ({
  gm: 14, inCareNextYear: false, trajectories: [], startCategories: 2, startedInYear: [0, 1, 0, 0, 0, 0], priorCare: false,
  firstStart: d(2021, 3, 1), birth: null, referrer: 0, sex: 0, ...o,
});
const group = (id: string, f: ClientFacts) => breakdown(id).groups[breakdown(id).groupOf(f)];

describe('the groups of SPEC 11', () => {
  it('age in completed years on the first start day, CBS classes, unknown without a readable birth date', () => {
    const on = d(2021, 3, 1);
    expect(group('age_group', facts({ birth: d(2017, 3, 2), firstStart: on }))).toBe('0-3'); // 3 until 2 March
    expect(group('age_group', facts({ birth: d(2017, 3, 1), firstStart: on }))).toBe('4-11'); // 4 on the day
    expect(group('age_group', facts({ birth: d(2009, 3, 1), firstStart: on }))).toBe('12-17');
    expect(group('age_group', facts({ birth: d(2003, 3, 2), firstStart: on }))).toBe('12-17');
    expect(group('age_group', facts({ birth: d(2003, 3, 1), firstStart: on }))).toBe('18+');
    // Born 29 Feb 2004: 17 on 28 Feb 2022, 18 on 1 March 2022.
    expect(group('age_group', facts({ birth: d(2004, 2, 29), firstStart: d(2022, 2, 28) }))).toBe('12-17');
    expect(group('age_group', facts({ birth: d(2004, 2, 29), firstStart: d(2022, 3, 1) }))).toBe('18+');
    expect(group('age_group', facts({ birth: null }))).toBe('unknown');
    expect(group('age_group', facts({ birth: d(2021, 3, 2), firstStart: on }))).toBe('unknown'); // born after the start
  });

  it('referrer, sex and start category', () => {
    expect(group('referrer', facts({ referrer: 2 }))).toBe('huisarts');
    expect(group('referrer', facts({ referrer: 7 }))).toBe('justitie');
    expect(group('referrer', facts({ referrer: 0 }))).toBe('unknown');
    expect([0, 1, 2].map((sex) => group('sex', facts({ sex })))).toEqual(['unknown', 'man', 'vrouw']);
    expect(group('start_category', facts({ startCategories: 1 << 1 }))).toBe('ggz');
    expect(group('start_category', facts({ startCategories: (1 << 1) | (1 << 4) }))).toBe('combination');
  });

  it('every breakdown names its groups once and ends with its catch-all group', () => {
    for (const b of BREAKDOWNS) {
      expect(new Set(b.groups).size).toBe(b.groups.length);
      expect(['unknown', 'combination']).toContain(b.groups[b.groups.length - 1]);
    }
  });
});

// ---- The two-way table area x group, counts only (cohort youths): an attacker knows every
// published count and subtracts along the groups of an area and along the areas of a group.
const GROUPS = ['0-3', '4-11', '12-17', '18+', 'unknown'];
function cohortRow(level: MetricRow['level'], area: string, g: string, n: number): MetricRow {
  return {
    level, area, data_kind: 'allocations', year: 2021, gap_days: 30, breakdown: g === '' ? '' : 'age_group', group: g,
    measure: 'cohort_youths', category: '', bucket: '', numerator: n, denominator: null, value: n, ci_low: null, ci_high: null, status: 'internal',
  };
}

/** A region of municipalities with random group sizes, and its region and all rows. */
function world(seed: number) {
  const rnd = mulberry32(seed);
  const munis = Array.from({ length: 2 + Math.floor(rnd() * 4) }, (_, i) => `GM000${i + 1}`);
  const counts = new Map(munis.map((m) => [m, GROUPS.map(() => Math.floor(rnd() * rnd() * 40))]));
  const rows: MetricRow[] = [];
  const push = (level: MetricRow['level'], area: string, c: number[]) => {
    rows.push(cohortRow(level, area, '', c.reduce((a, b) => a + b, 0)));
    GROUPS.forEach((g, i) => rows.push(cohortRow(level, area, g, c[i])));
  };
  for (const m of munis) push('municipality', m, counts.get(m)!);
  const region = GROUPS.map((_, i) => munis.reduce((s, m) => s + counts.get(m)![i], 0));
  push('region', 'Noord', region);
  push('all', 'all', region);
  return { rows, munis, regionOf: new Map(munis.map((m) => [m, 'Noord'])) };
}

/** Relations with exactly one hidden cell: each gives that cell away by subtraction. */
function leaks(rows: readonly MetricRow[], munis: string[]): string[] {
  const at = (area: string, g: string) => rows.find((r) => r.area === area && r.group === g)!;
  const hidden = (r: MetricRow) => r.numerator === null;
  const out: string[] = [];
  const areas = [...munis, 'Noord', 'all'];
  for (const a of areas) {
    const cells = [at(a, ''), ...GROUPS.map((g) => at(a, g))];
    if (cells.filter(hidden).length === 1) out.push(`groups of ${a}`);
  }
  for (const g of ['', ...GROUPS]) {
    const cells = [...munis.map((m) => at(m, g)), at('Noord', g)];
    if (cells.filter(hidden).length === 1) out.push(`municipalities of Noord, group ${g || 'all'}`);
  }
  return out;
}

describe('disclosure over the two-way table area x group (SPEC 11)', () => {
  const SEEDS = Array.from({ length: 80 }, (_, i) => 500 + i);

  it('leaves no hidden cell recoverable along the groups or the geography', () => {
    let hidden = 0;
    for (const seed of SEEDS) {
      const w = world(seed);
      const out = applyDisclosure(w.rows, DEFAULT_DISCLOSURE, { regionOf: w.regionOf });
      hidden += out.filter((r) => r.numerator === null).length;
      expect(leaks(out, w.munis), `seed ${seed}`).toEqual([]);
    }
    expect(hidden).toBeGreaterThan(300);
  });

  it('finds leaks when only the geography is protected (the attacker has teeth)', () => {
    let found = 0;
    for (const seed of SEEDS) {
      const w = world(seed);
      // Each group published as its own table, protected along the geography only.
      const byGroup = ['', ...GROUPS].flatMap((g) => applyDisclosure(
        w.rows.filter((r) => r.group === g).map((r) => ({ ...r, breakdown: '', group: '' })), DEFAULT_DISCLOSURE, { regionOf: w.regionOf },
      ).map((r) => ({ ...r, breakdown: g === '' ? '' : 'age_group', group: g })));
      found += leaks(byGroup, w.munis).length;
    }
    expect(found).toBeGreaterThan(20);
  });

  it('with five groups, a municipality of 100 cohort youths still shows its own total', () => {
    // 100 youths over five groups of 20; a neighbour of 60 (12 each) and one of 40 with a small group of 3.
    const rows: MetricRow[] = [];
    const add = (level: MetricRow['level'], area: string, c: number[]) => {
      rows.push(cohortRow(level, area, '', c.reduce((a, b) => a + b, 0)));
      GROUPS.forEach((g, i) => rows.push(cohortRow(level, area, g, c[i])));
    };
    const a = [20, 20, 20, 20, 20];
    const b = [12, 12, 12, 12, 12];
    const c = [10, 10, 10, 7, 3];
    add('municipality', 'GM0001', a);
    add('municipality', 'GM0002', b);
    add('municipality', 'GM0003', c);
    const sum = a.map((x, i) => x + b[i] + c[i]);
    add('region', 'Noord', sum);
    add('all', 'all', sum);
    const out = applyDisclosure(rows, DEFAULT_DISCLOSURE, { regionOf: new Map([['GM0001', 'Noord'], ['GM0002', 'Noord'], ['GM0003', 'Noord']]) });
    const total = out.find((r) => r.area === 'GM0001' && r.group === '')!;
    expect(total).toMatchObject({ numerator: 100, status: 'published' });
  });
});
