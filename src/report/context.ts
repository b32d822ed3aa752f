// What every part of the report needs, worked out once from the input: the words, the rows
// and their index, whether the report is internal, and the municipalities by region.

import type { MetricRow } from '../model/model.js';
import type { ReportInput } from './input.js';
import type { Lang, Strings } from './i18n/strings.js';
import { RowIndex, cmp, groupAreas, kindCmp } from './rows.js';
import type { Group } from './rows.js';
import { SeriesIndex } from './series.js';

export interface ReportContext {
  input: ReportInput;
  lang: Lang;
  t: Strings;
  year: number;
  gapDays: number;
  /** The rows the report draws (trajectory_size is not drawn). */
  rows: MetricRow[];
  muniRows: MetricRow[];
  idx: RowIndex;
  /** Every row of the run (years, gaps, breakdowns), the report's year and gap by default. */
  series: SeriesIndex;
  /** A year the data do not cover through Y+1 (SPEC 11). */
  notFinal: (year: number) => boolean;
  /** Disclosure control off, or any row internal: the report says so and hides nothing. */
  internal: boolean;
  /** All municipalities with rows, by region. */
  groups: Group[];
  /** Data kinds of the municipality rows of any of these measures, in report order. */
  kindsWith(...measures: string[]): string[];
  /** The groups, keeping only municipalities with rows of this kind and any of these measures. */
  groupsFor(kind: string, ...measures: string[]): Group[];
}

export function reportContext(input: ReportInput, lang: Lang, t: Strings): ReportContext {
  const rows = input.rows.filter((r) => r.measure !== 'trajectory_size');
  const muniRows = rows.filter((r) => r.level === 'municipality');
  const areas = [...new Set(muniRows.map((r) => r.area))].sort(cmp);
  const groups = groupAreas(areas, input.regionOf);
  return {
    input,
    lang,
    t,
    year: input.year,
    gapDays: input.gapDays,
    rows,
    muniRows,
    idx: new RowIndex(rows),
    series: new SeriesIndex(input.series ?? input.rows, input.year, input.gapDays),
    notFinal: (year) => (input.yearsNotFinal ?? []).includes(year),
    internal: input.disclosure.mode === 'off' || rows.some((r) => r.status === 'internal'),
    groups,
    kindsWith: (...measures) =>
      [...new Set(muniRows.filter((r) => measures.includes(r.measure)).map((r) => r.data_kind as string))].sort(kindCmp),
    groupsFor: (kind, ...measures) => {
      const have = new Set(muniRows.filter((r) => measures.includes(r.measure) && r.data_kind === kind).map((r) => r.area));
      return groups.map((g) => ({ region: g.region, areas: g.areas.filter((a) => have.has(a)) })).filter((g) => g.areas.length > 0);
    },
  };
}
