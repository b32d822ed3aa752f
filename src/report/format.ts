// Number formats, names and phrasing of the report. Numbers are formatted by hand (not Intl) so
// the output is byte-identical on every Node build.

import type { Lang, Strings } from './i18n/strings.js';

/** 12345 -> "12.345" (nl) / "12,345" (en). */
export function fmtInt(n: number, lang: Lang): string {
  const sign = n < 0 ? '-' : '';
  const s = String(Math.round(Math.abs(n)));
  const sep = lang === 'nl' ? '.' : ',';
  return sign + s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** 1.8 -> "1,8" (nl) / "1.8" (en). */
export function fmtDec(v: number, digits: number, lang: Lang): string {
  const s = v.toFixed(digits);
  return lang === 'nl' ? s.replace('.', ',') : s;
}

/** 0.423 -> "42%"; tiny non-zero shares show "<1%", near-complete ">99%" (the same in both languages). */
export function fmtPct(v: number, _lang: Lang): string {
  if (v > 0 && v < 0.005) return '<1%';
  if (v < 1 && v >= 0.995) return '>99%';
  return `${Math.round(v * 100)}%`;
}

/** A significance level as a plain percentage: 0.05 -> "5%", 0.025 -> "2,5%". */
export function pctPlain(v: number, lang: Lang): string {
  const p = v * 100;
  return (Number.isInteger(p) ? String(p) : fmtDec(p, 1, lang)) + '%';
}

/**
 * A share as a reader says it: 0.6 -> "3 op de 5" / "3 in 5". Uses the nearest fraction with
 * denominator 2, 3, 4, 5 or 10 (the smallest denominator on a tie), with "ruim" / "bijna"
 * ("over" / "almost") when it is more than 1.5 percentage points off; shares below 10% become
 * "1 op de N"; 0 and 1 become "geen" and "alle".
 */
export function fractionPhrase(v: number, lang: Lang): string {
  if (v <= 0) return lang === 'nl' ? 'geen' : 'no';
  if (v >= 1) return lang === 'nl' ? 'alle' : 'all';
  let k: number;
  let d: number;
  let qualifier = '';
  if (v < 0.1) {
    k = 1;
    d = Math.round(1 / v);
  } else {
    let best = { k: 1, d: 2, err: Infinity };
    for (const den of [2, 3, 4, 5, 10]) {
      const num = Math.min(den - 1, Math.max(1, Math.round(v * den)));
      const err = Math.abs(v - num / den);
      if (err < best.err - 1e-12) best = { k: num, d: den, err };
    }
    k = best.k;
    d = best.d;
    // say "ruim" / "bijna" when the fraction is more than 1.5 points off
    const diff = v - k / d;
    if (diff > 0.015) qualifier = lang === 'nl' ? 'ruim ' : 'over ';
    else if (diff < -0.015) qualifier = lang === 'nl' ? 'bijna ' : 'almost ';
  }
  return qualifier + (lang === 'nl' ? `${k} op de ${d}` : `${k} in ${d}`);
}

/** The first letter in upper case. */
export function capitalise(s: string): string {
  return s.length === 0 ? s : s[0].toUpperCase() + s.slice(1);
}

/** "Regio Noord", or "Regio onbekend" for municipalities outside the region table. */
export function regionName(region: string | null, t: Strings): string {
  return region === null ? t.unknownRegion : `${t.regionPrefix} ${region}`;
}

/** "Toewijzingen" (headings); an unknown kind by its id. */
export function kindName(kind: string, t: Strings): string {
  return t.kind[kind] ?? kind;
}

/** "toewijzingen" (inside a sentence or a table cell); an unknown kind by its id. */
export function kindShortName(kind: string, t: Strings): string {
  return t.kindShort[kind] ?? kind;
}
