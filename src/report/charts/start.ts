// The start-category chart: per municipality a 100% stacked bar of the youths who start with one
// category alone (GGZ first, in a strong colour), grey for several categories at once, hatched
// where figures are suppressed, and on the right the share that starts with GGZ at all; and its
// legend.

import { CATEGORIES } from '../../model/model.js';
import type { CategoryId } from '../../model/model.js';
import type { ReportContext } from '../context.js';
import { fmtPct, regionName } from '../format.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { CAT_COLOUR, COMBINATION } from '../palette.js';
import { isHidden } from '../rows.js';
import type { Group } from '../rows.js';
import { EX, HEAD, ROW, TX, chartSvg, groupHeading, hatchPattern, n2, pill } from './svg.js';

/** Start-chart order: GGZ first so it lines up across municipalities. */
export const START_ORDER: CategoryId[] = ['ggz', ...CATEGORIES.filter((c) => c !== 'ggz')];

type Level = 'municipality' | 'region' | 'all';

const SX = TX; // bar start
const SW = 600; // bar width (100%)
const GX = EX; // GGZ-any column, right-aligned

export function startChart(id: string, kind: string, groups: Group[], ctx: ReportContext, title: string): SafeHtml {
  const { idx, t, lang } = ctx;
  const hatch = `hatch-${id}`;
  const parts: (SafeHtml | null)[] = []; // null: nothing to draw
  parts.push(html`<text class="colhead ggzhead" x="${GX}" y="18" text-anchor="end">${t.startGgzAny}</text>`);
  let y = 26;

  const stacked = (level: Level, area: string, top: number, h: number, isRef: boolean): SafeHtml | null => {
    const out: SafeHtml[] = [];
    let cursor = 0;
    let anyHidden = false;
    let known = 0;
    const segs: { cat: CategoryId; v: number }[] = [];
    for (const cat of START_ORDER) {
      const r = idx.get(level, area, kind, 'start_category_alone', cat);
      if (r === undefined) continue;
      if (isHidden(r)) {
        anyHidden = true;
        continue;
      }
      segs.push({ cat, v: r.value! });
      known += r.value!;
    }
    const scale = known > 1 ? 1 / known : 1;
    const barAttr = isRef ? html`data-ref-bar="start_category_alone"` : html`data-bar="start_category_alone"`;
    for (const s of segs) {
      const w = s.v * scale * SW;
      const sx = SX + cursor;
      const ggz = s.cat === 'ggz';
      out.push(
        html`<rect ${barAttr} data-area="${area}" data-category="${s.cat}" x="${n2(sx)}" y="${n2(top)}" width="${n2(w)}" height="${h}" fill="${CAT_COLOUR[s.cat]}"${ggz ? html` class="seg-ggz"` : null}><title>${area} · ${t.categories[s.cat]}: ${fmtPct(s.v, lang)}</title></rect>`,
      );
      if (w >= 34 && h >= 12) {
        out.push(
          html`<text class="segtext${ggz ? ' on-dark' : ''}" x="${n2(sx + w / 2)}" y="${n2(top + h / 2 + 4)}" text-anchor="middle">${fmtPct(s.v, lang)}</text>`,
        );
      }
      cursor += w;
    }
    const rest = Math.max(0, SW - cursor);
    if (rest > 0.01) {
      if (anyHidden) {
        const suppressedAttr = isRef ? html`data-ref-suppressed` : html`data-suppressed`;
        out.push(
          html`<rect ${suppressedAttr}="start_category_alone" data-area="${area}" x="${n2(SX + cursor)}" y="${n2(top)}" width="${n2(rest)}" height="${h}" fill="url(#${hatch})"><title>${area} · ${t.suppressedOrCombination}</title></rect>`,
        );
        if (rest >= t.suppressed.length * 6.4 + 30 && h >= 12) out.push(pill(SX + cursor + rest / 2, top + h / 2, t.suppressed));
      } else if (segs.length > 0) {
        out.push(
          html`<rect x="${n2(SX + cursor)}" y="${n2(top)}" width="${n2(rest)}" height="${h}" fill="${COMBINATION}"><title>${area} · ${t.combination}: ${fmtPct(rest / SW, lang)}</title></rect>`,
        );
      }
    }
    if (segs.length === 0 && !anyHidden) return null;
    // outline of the whole 100% bar
    out.push(html`<rect class="outline" x="${SX}" y="${n2(top)}" width="${SW}" height="${h}"/>`);
    return html`${out}`;
  };

  const ggzAny = (level: Level, area: string, cy: number, cls: string): SafeHtml | null => {
    const r = idx.get(level, area, kind, 'start_category_any', 'ggz');
    if (r === undefined) return null;
    return isHidden(r)
      ? html`<text class="${cls} secret" x="${GX}" y="${n2(cy)}" text-anchor="end">${t.suppressed}</text>`
      : html`<text class="${cls} ggzval" x="${GX}" y="${n2(cy)}" text-anchor="end">${fmtPct(r.value!, lang)}</text>`;
  };

  // overall
  {
    const cy = y + HEAD / 2 + 4;
    parts.push(html`<text class="grouplabel" x="0" y="${n2(cy)}">${t.allData}</text>`, stacked('all', 'all', y + 8, 16, true), ggzAny('all', 'all', cy, 'val ref'));
    y += HEAD;
  }
  for (const g of groups) {
    const cy = y + HEAD / 2 + 6;
    parts.push(groupHeading(y, cy, regionName(g.region, t)));
    if (g.region !== null) parts.push(stacked('region', g.region, y + 10, 16, true), ggzAny('region', g.region, cy, 'val ref'));
    y += HEAD;
    for (const area of g.areas) {
      const mid = y + ROW / 2;
      parts.push(
        html`<text class="area" x="${TX - 12}" y="${n2(mid + 4.5)}" text-anchor="end">${area}</text>`,
        stacked('municipality', area, y + 4, ROW - 8, false),
        ggzAny('municipality', area, mid + 4.5, 'val'),
      );
      y += ROW;
    }
  }
  return chartSvg(id, title, y + 10, hatch, parts);
}

export function legendStart(t: Strings, internal: boolean): SafeHtml {
  const sw = (fill: string, defs: SafeHtml | null = null): SafeHtml =>
    html`<svg class="sw" viewBox="0 0 16 14" width="16" height="14" aria-hidden="true">${defs}<rect x="0" y="1" width="16" height="12" fill="${fill}" stroke="#6b7280" stroke-width="0.5"/></svg>`;
  const items = START_ORDER.map((c) => html`<li${c === 'ggz' ? html` class="ggz"` : null}>${sw(CAT_COLOUR[c])}${t.categories[c]}</li>`);
  items.push(html`<li>${sw(COMBINATION)}${t.combination}</li>`);
  if (!internal) items.push(html`<li>${sw('url(#hatch-legend2)', html`<defs>${hatchPattern('hatch-legend2')}</defs>`)}${t.suppressedOrCombination}</li>`);
  return html`<ul class="legend">${items}</ul>`;
}
