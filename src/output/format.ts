// How figures are printed: fixed decimals so that outputs are byte-identical across runs,
// and an Excel flavour (';' and decimal comma) for Dutch spreadsheets.
import type { MetricRow } from '../model/model.js';

export const METRIC_COLUMNS = [
  'level', 'area', 'data_kind', 'year', 'gap_days', 'breakdown', 'group', 'measure', 'category', 'bucket',
  'numerator', 'denominator', 'value', 'ci_low', 'ci_high', 'status',
] as const;

/** comparisons.csv (README, Outputs). */
export const COMPARISON_COLUMNS = [
  'year', 'gap_days', 'area', 'region', 'data_kind', 'measure', 'category', 'bucket', 'against', 'method',
  'numerator', 'denominator', 'value', 'expected', 'oe', 'oe_low', 'oe_high', 'standardised_value', 'reference',
  'band', 'direction', 'reason', 'phi', 'test', 'publication',
];

export const INTERNAL_NOTICE = 'internal: not for publication';

/** Decimals kept for values and interval ends; counts are whole numbers. */
const DECIMALS = 4;
export const round = (x: number): number => Number(x.toFixed(DECIMALS));

export function numberText(x: number | null, decimalComma = false): string {
  if (x === null) return '';
  const s = Number.isInteger(x) ? String(x) : x.toFixed(DECIMALS);
  return decimalComma ? s.replace('.', ',') : s;
}

export function statusText(r: MetricRow): string {
  return r.status === 'internal' ? INTERNAL_NOTICE : r.status;
}

/** The JSON form of a row: same fields as the CSV, numbers rounded like the CSV. */
export function jsonRow(r: MetricRow): Record<string, string | number | null> {
  const n = (x: number | null) => (x === null ? null : round(x));
  return {
    level: r.level, area: r.area, data_kind: r.data_kind, year: r.year, gap_days: r.gap_days, breakdown: r.breakdown, group: r.group,
    measure: r.measure, category: r.category, bucket: r.bucket,
    numerator: n(r.numerator), denominator: n(r.denominator), value: n(r.value), ci_low: n(r.ci_low), ci_high: n(r.ci_high),
    status: statusText(r),
  };
}

// ---------------------------------------------------------------------------------------------
// Formula injection (CSV injection, OWASP): a spreadsheet runs a cell that starts with '=', '+',
// '-' or '@' (and, in some, a tab or carriage return) as a formula. Text from the input data or
// the side tables (a region name, a municipality label, a column name, a file name) could start
// so. The one rule, for every CSV and workbook traject writes: such a text cell is written as
// text. In CSV it gets a single quote in front (and is quoted), which Excel and LibreOffice show
// and never evaluate; in a workbook it is a string cell, which no spreadsheet evaluates. Numbers
// are never changed: '-5' and '-0,25' are numbers, not formulas.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;

/** True when a spreadsheet could read `text` as a formula: it starts with = + - @ TAB or CR and
 *  is not a plain number. */
export function formulaLike(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** A CSV cell that no spreadsheet evaluates: formula-like text gets a leading single quote. */
export function csvSafe(text: string): string {
  return formulaLike(text) ? `'${text}` : text;
}
