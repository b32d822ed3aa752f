// Durations, dates and the cells of SPEC 10 figures as the report prints them (src/report/format-time.ts).
import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../src/model/model.js';
import { cutOffOf, durationPhrase, fmtDate, medianCi, valueCell } from '../src/report/format-time.js';
import { htmlString, html } from '../src/report/html.js';
import { STRINGS } from '../src/report/i18n/languages.js';

const row = (over: Partial<MetricRow>): MetricRow => ({
  level: 'all', area: 'all', data_kind: 'allocations', year: 2021, gap_days: 30, breakdown: '', group: '', measure: 'trajectory_duration_median',
  category: '', bucket: '', numerator: 100, denominator: 200, value: 246, ci_low: 220, ci_high: 267, status: 'published', ...over,
});

describe('durations in words', () => {
  it('weeks under 8 weeks, months under 3 years, then half years', () => {
    expect(durationPhrase(246, 'nl')).toBe('ongeveer 8 maanden');
    expect(durationPhrase(246, 'en')).toBe('about 8 months');
    expect(durationPhrase(5, 'nl')).toBe('ongeveer 1 week');
    expect(durationPhrase(30, 'nl')).toBe('ongeveer 4 weken');
    expect(durationPhrase(55, 'en')).toBe('about 8 weeks');
    expect(durationPhrase(56, 'nl')).toBe('ongeveer 2 maanden');
    expect(durationPhrase(365, 'nl')).toBe('ongeveer 12 maanden');
    expect(durationPhrase(1080, 'nl')).toBe('ongeveer 35 maanden');
    expect(durationPhrase(1200, 'nl')).toBe('ongeveer 3,5 jaar');
    expect(durationPhrase(1461, 'en')).toBe('about 4 years');
  });

  it('dates in words, the cut-off of a kind and the earliest of all kinds', () => {
    expect(fmtDate('2023-12-31', 'nl')).toBe('31 december 2023');
    expect(fmtDate('2022-03-01', 'en')).toBe('1 March 2022');
    const d = { allocations: '2023-12-31', claims: '2023-11-30' };
    expect(cutOffOf(d, 'allocations', 'nl')).toBe('31 december 2023');
    expect(cutOffOf(d, 'mixed', 'nl')).toBe('30 november 2023');
    expect(cutOffOf(undefined, 'claims', 'nl')).toBe('');
  });

  it('a hidden figure is "geheim", a figure without a value "–", the median interval may lack its upper end', () => {
    const t = STRINGS.nl;
    const cell = (r: MetricRow | undefined): string => htmlString(html`${valueCell(r, (v) => String(v), t)}`);
    expect(cell(row({ status: 'secondary', value: null }))).toBe('<span class="secret">geheim</span>');
    expect(cell(row({ status: 'ledger', value: null }))).toBe('<span class="secret">geheim</span>');
    expect(cell(row({ status: 'internal', value: null }))).toBe('–');
    expect(cell(undefined)).toBe('–');
    expect(medianCi(row({}), 'nl')).toBe('220–267');
    expect(medianCi(row({ ci_high: null }), 'nl')).toBe('220–…');
    expect(medianCi(row({ status: 'suppressed', value: null }), 'nl')).toBe('');
  });
});
