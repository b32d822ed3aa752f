// What the SVG charts share: the column layout, coordinates, the hatch pattern of suppressed
// figures, the label on it, a region's heading row and the <svg> element itself.

import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';

/** Chart width; the track (bar area) starts at TX and is TW wide. */
export const W = 900;
export const TX = 170;
export const TW = 470;
/** Value column (left-aligned). */
export const VX = TX + TW + 16;
/** n column (right-aligned). */
export const NX = 800;
/** Extra column (right-aligned). */
export const EX = 892;
/** Height of a municipality row and of a group heading row. */
export const ROW = 26;
export const HEAD = 32;

/** Coordinates with at most 2 decimals, without trailing zeros: stable and compact. */
export function n2(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A white rounded label on a hatched (suppressed) bar, sized to its text. */
export function pill(cx: number, cy: number, text: string): SafeHtml {
  const w = Math.max(52, Math.round(text.length * 6.4 + 18));
  return html`<rect class="pill" x="${n2(cx - w / 2)}" y="${n2(cy - 7)}" width="${w}" height="14" rx="7"/><text class="pilltext" x="${n2(cx)}" y="${n2(cy + 4)}" text-anchor="middle">${text}</text>`;
}

export function hatchPattern(id: string): SafeHtml {
  return html`<pattern id="${id}" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)"><rect width="7" height="7" fill="#f4f5f7"/><line x1="0" y1="0" x2="0" y2="7" stroke="#9ca3af" stroke-width="2.4"/></pattern>`;
}

/** A separator line across the chart at y + 4 and the group's name at cy. */
export function groupHeading(y: number, cy: number, name: string): SafeHtml {
  return html`<line class="sep" x1="0" x2="${W}" y1="${n2(y + 4)}" y2="${n2(y + 4)}"/><text class="grouplabel" x="0" y="${n2(cy)}">${name}</text>`;
}

/** The chart's <svg>, with the hatch pattern `hatch` defined for it. */
export function chartSvg(id: string, title: string, height: number, hatch: string, content: Interpolation): SafeHtml {
  return html`<svg class="chart" viewBox="0 0 ${W} ${n2(height)}" width="${W}" height="${n2(height)}" role="img" aria-label="${title}" data-chart="${id}"><defs>${hatchPattern(hatch)}</defs>${content}</svg>`;
}
