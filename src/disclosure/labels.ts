// Stable municipality labels (SPEC section 7): publish 'Gemeente A' instead of a municipality code.

import type { MetricRow } from '../model/model.js';

/** 0 -> 'A', 25 -> 'Z', 26 -> 'AA', 27 -> 'AB', ... (bijective base 26, as spreadsheet columns). */
export function letterLabel(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`letterLabel: index must be a whole number >= 0 (got ${index})`);
  let n = index + 1;
  let s = '';
  while (n > 0) {
    n -= 1;
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26);
  }
  return s;
}

/**
 * Stable labels 'Gemeente A', 'Gemeente B', ..., 'Gemeente Z', 'Gemeente AA', ... assigned in the sorted order of
 * the codes given (so the same set of municipalities always gets the same labels). Returns code -> label.
 * Duplicate codes get one label; codes are sorted by UTF-16 code units (not locale), so GM0014 < GM0363.
 */
export function municipalityLabels(codes: readonly string[]): Map<string, string> {
  const sorted = [...new Set(codes)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const labels = new Map<string, string>();
  sorted.forEach((code, i) => labels.set(code, `Gemeente ${letterLabel(i)}`));
  return labels;
}

/**
 * Replaces the area of every municipality row by its label; other rows are returned unchanged (as copies).
 * Throws when a municipality row has no label: publishing its code by accident is what labels are meant to prevent.
 */
export function relabel(rows: readonly MetricRow[], labels: ReadonlyMap<string, string>): MetricRow[] {
  return rows.map((r) => {
    if (r.level !== 'municipality') return { ...r };
    const label = labels.get(r.area);
    if (label === undefined) throw new Error(`relabel: no label for municipality '${r.area}'`);
    return { ...r, area: label };
  });
}
