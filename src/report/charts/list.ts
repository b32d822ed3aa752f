// A short list of horizontal bars per panel: the duration classes of one area, the groups of a
// breakdown in one area. Every panel of a chart has the same scale, from 0; a hidden figure is
// a hatched track with "geheim" as its value, never a bar of zero.

import type { MetricRow } from '../../model/model.js';
import { fmtInt } from '../format.js';
import { isSecret } from '../format-time.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { chartBox, pct } from './common.js';
import { panel, panels } from './panels.js';
import type { Place } from './panels.js';

export interface ListItem {
  label: string;
  row: MetricRow | undefined;
  /** The bucket or group the bar stands for (data-key). */
  key: string;
}

export interface ListPanel {
  place: Place;
  items: ListItem[];
  /** The count under the panel's title ("520 afgesloten trajecten"), or null. */
  n: number | null;
}

export interface ListSpec {
  id: string;
  measure: string;
  kind: string;
  title: string;
  nLabel: string;
  max: number;
  ticks: number[];
  fmt: (v: number) => string;
  /** The label and value on one line, the bar across the panel below them (long labels: the groups). */
  stacked: boolean;
}

function item(spec: ListSpec, p: Place, it: ListItem, t: Strings): SafeHtml {
  const { row } = it;
  const attrs = html`data-key="${it.key}" data-area="${p.area}" data-kind="${spec.kind}"`;
  let mark: SafeHtml | null = null;
  let value: SafeHtml;
  if (row === undefined || (!isSecret(row) && row.value === null)) {
    // no figure (a group without youths in an internal run)
    value = html`<span class="b-val">–</span>`;
  } else if (isSecret(row) || row.value === null) {
    mark = html`<span class="hatch" data-suppressed="${spec.measure}" ${attrs} title="${p.name} · ${it.label}: ${t.suppressedLong}"></span>`;
    value = html`<span class="b-val secret" data-cell="${spec.measure}" ${attrs}>${t.suppressed}</span>`;
  } else {
    const v = row.value;
    mark = html`<span class="bar" data-list="${spec.measure}" ${attrs} style="width:${pct(v / spec.max)}" title="${p.name} · ${it.label}: ${spec.fmt(v)}"></span>`;
    value = html`<span class="b-val" data-cell="${spec.measure}" ${attrs}>${spec.fmt(v)}</span>`;
  }
  return html`<div class="brow"><span class="b-lab">${it.label}</span><span class="b-trk">${mark}</span>${value}</div>`;
}

export function listChart(spec: ListSpec, list: readonly ListPanel[], ctx: { t: Strings; lang: 'nl' | 'en' }): SafeHtml {
  const { t, lang } = ctx;
  const last = spec.ticks.length - 1;
  const ticks = spec.ticks.map((v, i) => html`<span class="tick${i === 0 ? ' first' : i === last ? ' last' : ''}" style="left:${pct(v / spec.max)}">${spec.fmt(v)}</span>`);
  const axis = html`<div class="brow baxis"><span class="b-lab"></span><span class="b-trk">${ticks}</span><span class="b-val"></span></div>`;
  const body = list.map((lp) => {
    const title = lp.n === null ? lp.place.name : html`${lp.place.name} <span class="pn">${fmtInt(lp.n, lang)} ${spec.nLabel}</span>`;
    const rows = lp.items.map((it) => item(spec, lp.place, it, t));
    return panel(title, html`<div class="blist${spec.stacked ? ' stacked' : ''}" style="--ticks:${Math.max(1, last)}">${rows}${axis}</div>`, { level: lp.place.level, area: lp.place.area });
  });
  return chartBox(spec.id, 'mult lists', spec.title, t, panels(body));
}
