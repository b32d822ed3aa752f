// Every word in src/report/i18n/ is used: the report, rendered for inputs that reach each of its
// branches, reads every entry of the Dutch and the English words (watched through a Proxy), and
// both languages have the same entries.
import { describe, expect, it } from 'vitest';
import type { Comparison } from '../src/compare/compare.js';
import { STRINGS } from '../src/report/i18n/languages.js';
import type { Lang, Strings } from '../src/report/i18n/strings.js';
import { renderReportWith } from '../src/report/report.js';
import type { ReportInput } from '../src/report/report.js';
import { TEST_FUNNEL_PHI } from '../src/compare/fair.js';
import { funnelComparisons, reportInput } from './fixtures/report-fixture.js';

/** Paths of the entries: 'footer', 'phrase.outflow', 'kind.claims', ... */
function entries(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? entries(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** The words, recording the path of every entry read. */
function watched<T extends object>(o: T, used: Set<string>, prefix = ''): T {
  return new Proxy(o, {
    get(target, key, receiver) {
      const v = Reflect.get(target, key, receiver) as unknown;
      if (typeof key !== 'string') return v;
      used.add(prefix + key);
      return typeof v === 'object' && v !== null ? watched(v, used, `${prefix}${key}.`) : v;
    },
  });
}

/** Inputs that together reach every branch that prints a word. */
function inputs(lang: Lang): ReportInput[] {
  const cbs = reportInput('cbs', lang);
  const withOthers = reportInput('cbs', lang, ['referrer', 'sex']);
  const notCompared = (c: Comparison): Comparison => ({ ...c, direction: null, reason: 'no_sd' });
  return [
    cbs,
    reportInput('off', lang),
    { ...cbs, generatedAt: '2024-05-01 10:00', quality: { warnings: [], unmapped: [] } },
    {
      ...cbs,
      // a municipality with both kinds together
      rows: [...cbs.rows, ...cbs.rows.filter((r) => r.area === 'GM0189').map((r) => ({ ...r, data_kind: 'mixed' as const }))],
      // in_care_next_year is phrased when outflow is not compared; a mean without a spread
      comparisons: cbs.comparisons.filter((c) => c.measure !== 'outflow').map((c) => (c.measure === 'products_per_trajectory' ? notCompared(c) : c)),
    },
    // the default comparisons (SPEC 12): funnel plots with exact limits, and with limits widened for over-dispersion
    { ...cbs, comparisons: funnelComparisons(cbs.rows) },
    { ...cbs, comparisons: funnelComparisons(cbs.rows).map((c) => (c.direction === null || c.test === 'welch_z' ? c : { ...c, test: TEST_FUNNEL_PHI, phi: 2.5 })) },
    // the other two breakdowns; the report's own year not final; a median not reached for all data
    {
      ...withOthers,
      yearsNotFinal: [2021, 2022],
      rows: withOthers.rows.map((r) => (r.level === 'all' && r.measure === 'trajectory_duration_median' ? { ...r, value: null, ci_low: null, ci_high: null } : r)),
    },
  ];
}

describe('i18n: every word is used', () => {
  it('Dutch and English have the same entries', () => {
    expect(entries(STRINGS.en)).toEqual(entries(STRINGS.nl));
  });

  for (const lang of ['nl', 'en'] as const) {
    it(`${lang}: the report reads every entry`, () => {
      const used = new Set<string>();
      const t: Strings = watched(STRINGS[lang], used);
      for (const input of inputs(lang)) renderReportWith(input, lang, t);
      expect(entries(STRINGS[lang]).filter((e) => !used.has(e))).toEqual([]);
    });
  }
});
