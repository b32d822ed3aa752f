// Columns per panel: one figure over the cohort years (trend) or over the gaps (sensitivity).
// Each column shows its value above it and its 95% interval as a whisker; the scale of a panel
// runs from 0 to a round number above its highest value. A year that is not final is drawn open,
// with a dashed outline, and says so under its label; a hidden figure is a hatched column with
// "geheim" as its value.

import type { MetricRow } from '../../model/model.js';
import { isSecret } from '../format-time.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { chartBox, pct } from './common.js';
import { niceMax, panel, panels } from './panels.js';

export interface Column {
  label: string;
  /** A second line under the label ("niet definitief", "in dit rapport"), or null. */
  flag: string | null;
  row: MetricRow | undefined;
  /** Drawn open with a dashed outline: a year that is not final. */
  open: boolean;
  /** The report's own year or gap: its label in bold. */
  strong: boolean;
  /** data-year or data-gap, and its value. */
  attr: 'year' | 'gap';
  key: string;
}

export interface ColumnPanel {
  measure: string;
  title: string;
  columns: Column[];
  fmt: (v: number) => string;
  /** The scale's lowest maximum (shares: 0.1; means: 1). */
  floor: number;
  /** What a published row without a value says (the median: "niet bereikt"); '–' by default. */
  nullText?: string;
}

function column(p: ColumnPanel, c: Column, max: number, kind: string, t: Strings): SafeHtml {
  const keyAttr = c.attr === 'year' ? html`data-year="${c.key}"` : html`data-gap="${c.key}"`;
  const r = c.row;
  let value: SafeHtml;
  let mark: SafeHtml | null = null;
  if (r === undefined) {
    value = html`<span class="k-val">–</span>`;
  } else if (!isSecret(r) && r.value === null) {
    value = html`<span class="k-val" data-cell="${p.measure}" ${keyAttr} data-kind="${kind}">${p.nullText ?? '–'}</span>`;
  } else if (isSecret(r) || r.value === null) {
    value = html`<span class="k-val secret" data-cell="${p.measure}" ${keyAttr} data-kind="${kind}">${t.suppressed}</span>`;
    mark = html`<span class="hatch" data-suppressed="${p.measure}" ${keyAttr} data-kind="${kind}" title="${p.title} · ${c.label}: ${t.suppressedLong}"></span>`;
  } else {
    const v = r.value;
    const ci = r.ci_low !== null && r.ci_high !== null
      ? html`<span class="kci" style="bottom:${pct(r.ci_low / max)};height:${pct((Math.min(r.ci_high, max) - r.ci_low) / max)}"></span>`
      : null;
    value = html`<span class="k-val" data-cell="${p.measure}" ${keyAttr} data-kind="${kind}">${p.fmt(v)}</span>`;
    mark = html`<span class="kbar${c.open ? ' open' : ''}" data-col="${p.measure}" ${keyAttr} data-kind="${kind}" style="height:${pct(v / max)}" title="${p.title} · ${c.label}: ${p.fmt(v)}"></span>${ci}`;
  }
  const flag = c.flag === null ? null : html`<span class="k-flag">${c.flag}</span>`;
  return html`<div class="kcol">${value}<span class="k-trk">${mark}</span><span class="k-lab${c.strong ? ' strong' : ''}">${c.label}${flag}</span></div>`;
}

function columnPanel(p: ColumnPanel, kind: string, t: Strings): SafeHtml {
  let top = 0;
  for (const c of p.columns) if (c.row !== undefined && !isSecret(c.row)) top = Math.max(top, c.row.value ?? 0, c.row.ci_high ?? 0);
  const max = p.floor <= 0.1 ? Math.min(1, niceMax(top, p.floor)) : niceMax(top, p.floor);
  // the scale: a column of its own, in the flow of the text (read and printed in order)
  const scale = html`<span class="kscale"><span>${p.fmt(max)}</span><span>${p.fmt(0)}</span></span>`;
  return panel(p.title, html`<div class="kcols">${scale}${p.columns.map((c) => column(p, c, max, kind, t))}</div>`);
}

export function columnChart(id: string, kind: string, title: string, list: readonly ColumnPanel[], t: Strings): SafeHtml {
  return chartBox(id, 'mult columns', title, t, panels(list.map((p) => columnPanel(p, kind, t))));
}
