// Durations as a reader says them, and the cells of SPEC 10 and 11 figures: a published value,
// "geheim", or (for the median) "niet bereikt".

import type { MetricRow } from '../model/model.js';
import { fmtDec, fmtInt } from './format.js';
import type { Interpolation } from './html.js';
import type { Lang, Strings } from './i18n/strings.js';
import { secret } from './tables.js';

/** Days in an average month and year. */
const MONTH = 365.25 / 12;
const YEAR = 365.25;

/**
 * A duration in days in words: under 8 weeks in weeks, under 3 years in months, else in half
 * years. 246 -> "ongeveer 8 maanden" / "about 8 months".
 */
export function durationPhrase(days: number, lang: Lang): string {
  const about = lang === 'nl' ? 'ongeveer' : 'about';
  if (days < 56) {
    const w = Math.max(1, Math.round(days / 7));
    return `${about} ${w} ${lang === 'nl' ? (w === 1 ? 'week' : 'weken') : w === 1 ? 'week' : 'weeks'}`;
  }
  if (days < 3 * YEAR - MONTH / 2) {
    const m = Math.max(2, Math.round(days / MONTH));
    return `${about} ${m} ${lang === 'nl' ? 'maanden' : 'months'}`;
  }
  const y = Math.round((days / YEAR) * 2) / 2;
  return `${about} ${Number.isInteger(y) ? String(y) : fmtDec(y, 1, lang)} ${lang === 'nl' ? 'jaar' : 'years'}`;
}

/** Hidden by disclosure control (suppressed, secondary, held back by the ledger). */
export function isSecret(r: MetricRow | undefined): boolean {
  return r !== undefined && (r.status === 'suppressed' || r.status === 'secondary' || r.status === 'ledger');
}

/** A share or mean cell: "–" without a figure, "geheim" when hidden, else the formatted value. */
export function valueCell(r: MetricRow | undefined, fmt: (v: number) => string, t: Strings): Interpolation {
  if (r === undefined) return '–';
  if (isSecret(r)) return secret(t.suppressed);
  return r.value === null ? '–' : fmt(r.value);
}

/** The median in days: "geheim", "niet bereikt" (published, the curve stays above a half) or the days. */
export function medianCell(r: MetricRow | undefined, t: Strings, lang: Lang): Interpolation {
  if (r === undefined) return '–';
  if (isSecret(r)) return secret(t.suppressed);
  if (r.value === null) return t.duration.notReached;
  return fmtInt(r.value, lang);
}

/** The median's interval in days ("220–267", "220–…" without an upper end), or ''. */
export function medianCi(r: MetricRow | undefined, lang: Lang): string {
  if (r === undefined || isSecret(r) || r.value === null || r.ci_low === null) return '';
  return `${fmtInt(r.ci_low, lang)}–${r.ci_high === null ? '…' : fmtInt(r.ci_high, lang)}`;
}

const MONTHS: Record<Lang, string[]> = {
  nl: ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** "2023-12-31" -> "31 december 2023" / "31 December 2023"; anything else as it is. */
export function fmtDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) return iso;
  return `${Number(m[3])} ${MONTHS[lang][Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** The data cut-off D of a kind as a date in words ('' when unknown); mixed (or the whole run): the earliest of the kinds'. */
export function cutOffOf(dataUntil: Partial<Record<string, string>> | undefined, kind: string, lang: Lang): string {
  if (dataUntil === undefined) return '';
  const d = kind === 'mixed' ? [dataUntil.allocations, dataUntil.claims].filter((x): x is string => x !== undefined).sort()[0] : dataUntil[kind];
  return d === undefined ? '' : fmtDate(d, lang);
}
