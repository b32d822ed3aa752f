import { describe, expect, it } from 'vitest';
import type { MetricRow } from '../src/model/model.js';
import { letterLabel, municipalityLabels, relabel } from '../src/disclosure/labels.js';

function row(level: MetricRow['level'], area: string): MetricRow {
  return {
    level, area, data_kind: 'allocations', year: 2021, gap_days: 30, breakdown: '', group: '', measure: 'cohort_youths', category: '', bucket: '',
    numerator: 10, denominator: null, value: 10, ci_low: null, ci_high: null, status: 'published',
  };
}

describe('letterLabel', () => {
  it('counts A..Z, then AA.., like spreadsheet columns', () => {
    expect(letterLabel(0)).toBe('A');
    expect(letterLabel(25)).toBe('Z');
    expect(letterLabel(26)).toBe('AA'); // 27th
    expect(letterLabel(27)).toBe('AB');
    expect(letterLabel(51)).toBe('AZ'); // 26 + 25
    expect(letterLabel(52)).toBe('BA');
    expect(letterLabel(701)).toBe('ZZ'); // 26 + 26*26 - 1 = 701: the last two-letter label
    expect(letterLabel(702)).toBe('AAA');
    expect(() => letterLabel(-1)).toThrow(RangeError);
  });
});

describe('municipalityLabels', () => {
  it('labels in the sorted order of the codes, whatever order they come in', () => {
    const a = municipalityLabels(['GM0363', 'GM0014', 'GM0034']);
    expect([...a.entries()]).toEqual([
      ['GM0014', 'Gemeente A'],
      ['GM0034', 'Gemeente B'],
      ['GM0363', 'Gemeente C'],
    ]);
    const b = municipalityLabels(['GM0034', 'GM0363', 'GM0014', 'GM0034']); // same set, a duplicate
    expect(b).toEqual(a);
  });

  it('goes on with AA after Z', () => {
    const codes = Array.from({ length: 28 }, (_, i) => 'GM' + String(i + 1).padStart(4, '0'));
    const labels = municipalityLabels([...codes].reverse());
    expect(labels.get('GM0001')).toBe('Gemeente A');
    expect(labels.get('GM0026')).toBe('Gemeente Z');
    expect(labels.get('GM0027')).toBe('Gemeente AA');
    expect(labels.get('GM0028')).toBe('Gemeente AB');
    expect(new Set(labels.values()).size).toBe(28);
  });

  it('gives no labels for no codes', () => {
    expect(municipalityLabels([]).size).toBe(0);
  });
});

describe('relabel', () => {
  it('replaces municipality areas only, and leaves the input alone', () => {
    const rows = [row('municipality', 'GM0363'), row('region', 'Amsterdam-Amstelland'), row('all', 'all'), row('municipality', 'GM0014')];
    const labels = municipalityLabels(['GM0363', 'GM0014']);
    const out = relabel(rows, labels);
    expect(out.map((r) => r.area)).toEqual(['Gemeente B', 'Amsterdam-Amstelland', 'all', 'Gemeente A']);
    expect(out[0]).toEqual({ ...rows[0], area: 'Gemeente B' });
    expect(rows[0].area).toBe('GM0363');
  });

  it('refuses a municipality without a label rather than publish its code', () => {
    expect(() => relabel([row('municipality', 'GM0999')], municipalityLabels(['GM0014']))).toThrow(/GM0999/);
  });
});
