// Horizontal bar chart of one measure per municipality (outflow, products per trajectory):
// municipalities grouped by region, 95% whiskers, a dashed line for the region, a solid one for
// all municipalities, the n and an optional extra column; and its legend.

import type { MetricRow } from '../../model/model.js';
import type { ReportContext } from '../context.js';
import { fmtInt, regionName } from '../format.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { BAR, REF_ALL, REF_REGION, WHISKER } from '../palette.js';
import { isHidden } from '../rows.js';
import type { Group } from '../rows.js';
import { EX, HEAD, NX, ROW, TW, TX, VX, W, chartSvg, groupHeading, hatchPattern, n2, pill } from './svg.js';

export interface BarChartSpec {
  id: string;
  measure: 'outflow' | 'products_per_trajectory';
  kind: string;
  groups: Group[];
  max: number;
  ticks: number[];
  fmtValue: (v: number) => string;
  nHeader: string;
  extra?: { header: string; value: (area: string, level: 'municipality' | 'region' | 'all') => string };
  title: string;
}

export function barChart(spec: BarChartSpec, ctx: ReportContext): SafeHtml {
  const { idx, t, lang } = ctx;
  const { measure, kind } = spec;
  const x = (v: number): number => TX + (Math.max(0, Math.min(spec.max, v)) / spec.max) * TW;
  const hatch = `hatch-${spec.id}`;
  const parts: SafeHtml[] = [];
  const lines: SafeHtml[] = []; // reference lines drawn above the bars
  const overlay: SafeHtml[] = []; // "geheim" labels, drawn above the reference lines

  const valueCells = (r: MetricRow | undefined, cy: number, cls: string, extra: string): SafeHtml => {
    const value = isHidden(r)
      ? html`<text class="${cls} secret" x="${VX}" y="${n2(cy)}">${t.suppressed}</text>`
      : html`<text class="${cls}" x="${VX}" y="${n2(cy)}">${spec.fmtValue(r!.value!)}</text>`;
    const n = r?.denominator != null ? html`<text class="num" x="${NX}" y="${n2(cy)}" text-anchor="end">${fmtInt(r.denominator, lang)}</text>` : null;
    const e = extra !== '' ? html`<text class="num" x="${EX}" y="${n2(cy)}" text-anchor="end">${extra}</text>` : null;
    return html`${value}${n}${e}`;
  };
  const extraOf = (area: string, level: 'municipality' | 'region' | 'all'): string => (spec.extra ? spec.extra.value(area, level) : '');

  // column headings
  const extraHead = spec.extra ? html`<text class="colhead" x="${EX}" y="18" text-anchor="end">${spec.extra.header}</text>` : null;
  parts.push(html`<text class="colhead" x="${NX}" y="18" text-anchor="end">${spec.nHeader}</text>${extraHead}`);
  let y = 26;
  const plotTop = y;

  // overall row
  const all = idx.get('all', 'all', kind, measure);
  {
    const cy = y + HEAD / 2 + 4;
    parts.push(html`<text class="grouplabel" x="0" y="${n2(cy)}">${t.allData}</text>`);
    parts.push(valueCells(all, cy, 'val ref', extraOf('all', 'all')));
    y += HEAD;
  }

  for (const g of spec.groups) {
    const regionRow = g.region === null ? undefined : idx.get('region', g.region, kind, measure);
    parts.push(groupHeading(y, y + HEAD / 2 + 6, regionName(g.region, t)));
    if (g.region !== null) parts.push(valueCells(regionRow, y + HEAD / 2 + 6, 'val ref', extraOf(g.region, 'region')));
    y += HEAD;
    const groupTop = y;
    for (const area of g.areas) {
      const r = idx.get('municipality', area, kind, measure);
      const by = y + (ROW - 12) / 2;
      const mid = y + ROW / 2;
      parts.push(html`<rect class="track" x="${TX}" y="${n2(by)}" width="${TW}" height="12"/>`);
      parts.push(html`<text class="area" x="${TX - 12}" y="${n2(mid + 4.5)}" text-anchor="end">${area}</text>`);
      if (r === undefined) {
        // no figure of this kind for this municipality: leave the track empty
      } else if (isHidden(r)) {
        parts.push(
          html`<rect data-suppressed="${measure}" data-area="${area}" data-kind="${kind}" x="${TX}" y="${n2(by)}" width="${TW}" height="12" fill="url(#${hatch})"><title>${area}: ${t.suppressedLong}</title></rect>`,
        );
        overlay.push(pill(TX + TW / 2, mid, t.suppressed));
      } else {
        const v = r.value!;
        const hasCi = r.ci_low !== null && r.ci_high !== null;
        const ci = hasCi ? ` (95%: ${spec.fmtValue(r.ci_low!)}–${spec.fmtValue(r.ci_high!)})` : '';
        parts.push(
          html`<rect data-bar="${measure}" data-area="${area}" data-kind="${kind}" x="${TX}" y="${n2(by)}" width="${n2(x(v) - TX)}" height="12" fill="${BAR}"><title>${area}: ${spec.fmtValue(v)}${ci}</title></rect>`,
        );
        if (hasCi) {
          const x1 = n2(x(r.ci_low!));
          const x2 = n2(x(r.ci_high!));
          const [top, bottom] = [n2(mid - 5), n2(mid + 5)];
          parts.push(
            html`<g class="ci"><line x1="${x1}" x2="${x2}" y1="${n2(mid)}" y2="${n2(mid)}"/><line x1="${x1}" x2="${x1}" y1="${top}" y2="${bottom}"/><line x1="${x2}" x2="${x2}" y1="${top}" y2="${bottom}"/></g>`,
          );
        }
      }
      parts.push(valueCells(r, mid + 4.5, 'val', extraOf(area, 'municipality')));
      y += ROW;
    }
    if (!isHidden(regionRow) && g.areas.length > 0) {
      const rx = n2(x(regionRow!.value!));
      lines.push(
        html`<line class="ref-region" x1="${rx}" x2="${rx}" y1="${n2(groupTop + 2)}" y2="${n2(y - 2)}"><title>${regionName(g.region, t)}: ${spec.fmtValue(regionRow!.value!)}</title></line>`,
      );
    }
  }
  const plotBottom = y;
  if (!isHidden(all)) {
    const ax = n2(x(all!.value!));
    lines.push(
      html`<line class="ref-all" x1="${ax}" x2="${ax}" y1="${n2(plotTop + 6)}" y2="${n2(plotBottom)}"><title>${t.allData}: ${spec.fmtValue(all!.value!)}</title></line>`,
    );
  }
  // grid and axis
  const grid = spec.ticks.map((tick) => {
    const gx = n2(x(tick));
    return html`<line class="grid" x1="${gx}" x2="${gx}" y1="${n2(plotTop + 6)}" y2="${n2(plotBottom + 4)}"/><text class="tick" x="${gx}" y="${n2(plotBottom + 20)}" text-anchor="middle">${spec.fmtValue(tick)}</text>`;
  });
  return chartSvg(spec.id, spec.title, plotBottom + 28, hatch, [grid, parts, lines, overlay]);
}

export function legendBars(t: Strings, internal: boolean): SafeHtml {
  const item = (inner: SafeHtml, label: string): SafeHtml =>
    html`<li><svg class="sw" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">${inner}</svg>${label}</li>`;
  const items = [
    item(html`<rect x="0" y="2" width="28" height="10" fill="${BAR}"/>`, t.legendBar),
    item(
      html`<g stroke="${WHISKER}" stroke-width="1.5"><line x1="3" x2="25" y1="7" y2="7"/><line x1="3" x2="3" y1="2" y2="12"/><line x1="25" x2="25" y1="2" y2="12"/></g>`,
      t.legendCi,
    ),
    item(html`<line x1="14" x2="14" y1="0" y2="14" stroke="${REF_REGION}" stroke-width="2.5" stroke-dasharray="4 2"/>`, t.legendRegion),
    item(html`<line x1="14" x2="14" y1="0" y2="14" stroke="${REF_ALL}" stroke-width="2"/>`, t.legendAll),
  ];
  if (!internal) {
    items.push(item(html`<defs>${hatchPattern('hatch-legend')}</defs><rect x="0" y="2" width="28" height="10" fill="url(#hatch-legend)"/>`, t.legendSuppressed));
  }
  return html`<ul class="legend">${items}</ul>`;
}
