// What the charts share. The charts are HTML, not SVG: every label, value and tick is text at a
// fixed size in a CSS grid, and bars, whiskers and reference lines are boxes placed in % of
// their track. So text never scales with the chart, and on a narrow screen the same markup
// reflows (css.ts: labels above their bars) instead of shrinking. Positions are written with at
// most two decimals, so the same input gives the same bytes.

import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';

/** A number with at most 2 decimals, without trailing zeros: stable and compact. */
export function n2(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A fraction of the track (clamped to 0..1) as a CSS percentage: 0.4567 -> "45.67%". */
export function pct(f: number): string {
  return `${n2(Math.max(0, Math.min(1, f)) * 100)}%`;
}

/** The white label on a hatched (suppressed) bar. */
export function pill(text: string): SafeHtml {
  return html`<span class="pill">${text}</span>`;
}

/**
 * The chart: an image to assistive technology (its rows are drawn, not read), named by its title;
 * its numbers follow as a table (numbersTable in ../sections/section.ts).
 */
export function chartBox(id: string, cls: string, title: string, t: Strings, content: Interpolation, style: string | null = null): SafeHtml {
  const styleAttr = style === null ? null : html` style="${style}"`;
  return html`<div class="chart ${cls}" data-chart="${id}" role="img" aria-label="${title}. ${t.chartAlt}"${styleAttr}>${content}</div>`;
}
