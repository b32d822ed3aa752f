// Small multiples: one chart of panels (all data, each region, or one per measure), all on the
// same scale where they show the same figure. A panel is a titled box; on a wide screen three
// stand side by side, on a phone one below the other (css-series.ts).

import { regionName } from '../format.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import type { Group } from '../rows.js';

export type Level = 'municipality' | 'region' | 'all';

/** An area a panel or a table row is about. */
export interface Place {
  level: Level;
  area: string;
  /** Its name as printed: "Alle gemeenten", "Regio Noord", "GM0014". */
  name: string;
  /** The region of a municipality, as printed ('' for all data and regions). */
  region: string;
}

/** All data, then every region of the groups (municipalities outside the region table have none). */
export function allAndRegions(groups: readonly Group[], t: Strings): Place[] {
  const out: Place[] = [{ level: 'all', area: 'all', name: t.allData, region: '' }];
  for (const g of groups) if (g.region !== null) out.push({ level: 'region', area: g.region, name: regionName(g.region, t), region: '' });
  return out;
}

/** Every municipality of the groups, by region. */
export function municipalities(groups: readonly Group[], t: Strings): Place[] {
  return groups.flatMap((g) => g.areas.map((area): Place => ({ level: 'municipality', area, name: area, region: regionName(g.region, t) })));
}

export function panel(title: Interpolation, inner: Interpolation, attrs: { level?: string; area?: string } = {}): SafeHtml {
  const data = attrs.area === undefined ? null : html` data-level="${attrs.level ?? ''}" data-area="${attrs.area}"`;
  return html`<div class="panel"${data}><p class="ptitle">${title}</p>${inner}</div>`;
}

export function panels(inner: Interpolation): SafeHtml {
  return html`<div class="panels">${inner}</div>`;
}

/** A "nice" axis maximum: the smallest of 1, 2, 2.5, 5 times a power of ten at or above top (at least `floor`). */
export function niceMax(top: number, floor: number): number {
  const v = Math.max(top, floor);
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v - 1e-12) return m * p;
  return 10 * p;
}

/** A share axis: 0 to the next 10% at or above the highest share (at least 10%, at most 100%). */
export function shareMax(top: number): number {
  return Math.min(1, Math.max(1, Math.ceil(top * 10 - 1e-9)) / 10);
}

/**
 * A heading with what opens it (its legend or sentence and its first chart), kept on one page in
 * print: Chromium does not always honour a chain of break-after: avoid (heading, legend, figure).
 */
export function keep(inner: Interpolation): SafeHtml {
  return html`<div class="keep">${inner}</div>`;
}
