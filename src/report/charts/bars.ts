// Horizontal bar chart of one measure per municipality (outflow, products per trajectory):
// municipalities grouped by region, 95% whiskers, a dashed line for the region, a solid one for
// all municipalities, the n and an optional extra column; its numbers as a table; and its legend.
//
// Each row is a grid of label, track, value, n (and extra); css.ts lays it out on one line on a
// wide screen and with the label above the bar on a narrow one.

import type { MetricRow } from '../../model/model.js';
import type { ReportContext } from '../context.js';
import { fmtInt, regionName } from '../format.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { isHidden } from '../rows.js';
import type { Group } from '../rows.js';
import { secret, table } from '../tables.js';
import { chartBox, pct, pill } from './common.js';

type Level = 'municipality' | 'region' | 'all';

export interface BarChartSpec {
  id: string;
  measure: string;
  /** The bucket of the measure's rows (return_within: '365'); '' by default. */
  bucket?: string;
  kind: string;
  groups: Group[];
  max: number;
  ticks: number[];
  fmtValue: (v: number) => string;
  /** Heading of the value column in the table of numbers. */
  valueHeader: string;
  nHeader: string;
  extra?: { header: string; value: (area: string, level: Level) => string };
  title: string;
}

/** Ticks beyond this many are halved on a narrow screen (css.ts: .dense). */
const NARROW_TICKS = 6;

export function barChart(spec: BarChartSpec, ctx: ReportContext): SafeHtml {
  const { idx, t, lang } = ctx;
  const { measure, kind } = spec;
  const bucket = spec.bucket ?? '';
  const at = (v: number): string => pct(v / spec.max);
  const extraOf = (area: string, level: Level): string => (spec.extra ? spec.extra.value(area, level) : '');

  const cells = (r: MetricRow | undefined, ref: boolean, extra: string): SafeHtml => {
    const value = isHidden(r)
      ? html`<span class="c-val secret">${t.suppressed}</span>`
      : html`<span class="c-val${ref ? ' ref' : ''}">${spec.fmtValue(r!.value!)}</span>`;
    const n = html`<span class="c-n">${r?.denominator !== null && r?.denominator !== undefined ? fmtInt(r.denominator, lang) : null}</span>`;
    return html`${value}${n}${spec.extra ? html`<span class="c-x">${extra}</span>` : null}`;
  };

  const all = idx.get('all', 'all', kind, measure, '', bucket);
  const allLine = isHidden(all) ? null : html`<span class="rl rl-all" style="left:${at(all!.value!)}"></span>`;
  const track = (inner: Interpolation): SafeHtml => html`<span class="c-trk">${inner}${allLine}</span>`;

  const head = html`<div class="crow chead"><span class="c-lab"></span><span class="c-trk"></span><span class="c-val"></span><span class="c-n">${spec.nHeader}</span>${spec.extra ? html`<span class="c-x">${spec.extra.header}</span>` : null}</div>`;
  const allRow = html`<div class="crow ref"><span class="c-lab grouplabel">${t.allData}</span>${track(null)}${cells(all, true, extraOf('all', 'all'))}</div>`;

  const groups = spec.groups.map((g) => {
    const regionRow = g.region === null ? undefined : idx.get('region', g.region, kind, measure, '', bucket);
    const regionLine = isHidden(regionRow) ? null : html`<span class="rl rl-region" style="left:${at(regionRow!.value!)}"></span>`;
    const heading = html`<div class="crow ref ghead"><span class="c-lab grouplabel">${regionName(g.region, t)}</span>${track(null)}${g.region !== null ? cells(regionRow, true, extraOf(g.region, 'region')) : null}</div>`;
    const rows = g.areas.map((area) => {
      const r = idx.get('municipality', area, kind, measure, '', bucket);
      let mark: Interpolation = null; // no figure of this kind for this municipality: an empty track
      let label: SafeHtml | null = null;
      if (r !== undefined && isHidden(r)) {
        mark = html`<span class="hatch" data-suppressed="${measure}" data-area="${area}" data-kind="${kind}" title="${area}: ${t.suppressedLong}"></span>`;
        label = pill(t.suppressed);
      } else if (r !== undefined) {
        const v = r.value!;
        const hasCi = r.ci_low !== null && r.ci_high !== null;
        const ci = hasCi ? ` (95%: ${spec.fmtValue(r.ci_low!)}–${spec.fmtValue(r.ci_high!)})` : '';
        const whisker = hasCi
          ? html`<span class="ci" style="left:${at(r.ci_low!)};width:${pct((Math.min(r.ci_high!, spec.max) - Math.max(0, r.ci_low!)) / spec.max)}"></span>`
          : null;
        mark = html`<span class="bar" data-bar="${measure}" data-area="${area}" data-kind="${kind}" style="width:${at(v)}" title="${area}: ${spec.fmtValue(v)}${ci}"></span>${whisker}`;
      }
      return html`<div class="crow m"><span class="c-lab area">${area}</span><span class="c-trk">${mark}${regionLine}${allLine}${label}</span>${cells(r, false, extraOf(area, 'municipality'))}</div>`;
    });
    return html`<div class="cgroup">${heading}${rows}</div>`;
  });

  const last = spec.ticks.length - 1;
  const ticks = spec.ticks.map((tick, i) => {
    const cls = i === 0 ? ' first' : i === last ? ' last' : i % 2 === 1 ? ' odd' : '';
    return html`<span class="tick${cls}" style="left:${at(tick)}">${spec.fmtValue(tick)}</span>`;
  });
  const axis = html`<div class="crow axis"><span class="c-lab"></span><span class="c-trk">${ticks}</span></div>`;

  const cls = `bars${spec.extra ? ' has-x' : ''}${spec.ticks.length > NARROW_TICKS ? ' dense' : ''}`;
  // gridlines at the ticks (equal steps from 0 to max): css.ts draws them from --ticks
  return chartBox(spec.id, cls, spec.title, t, [head, allRow, groups, axis], `--ticks:${Math.max(1, last)}`);
}

/** The chart's numbers as a table: every row of the chart, with the interval the whiskers draw. */
export function barNumbers(spec: BarChartSpec, ctx: ReportContext): SafeHtml {
  const { idx, t, lang } = ctx;
  const { measure, kind } = spec;
  const row = (level: Level, area: string, name: string, region: string): SafeHtml => {
    const r = idx.get(level, area, kind, measure, '', spec.bucket ?? '');
    const hidden = r !== undefined && isHidden(r);
    const value: Interpolation = r === undefined ? '–' : hidden ? secret(t.suppressed) : spec.fmtValue(r.value!);
    const ci = r !== undefined && !hidden && r.ci_low !== null && r.ci_high !== null ? `${spec.fmtValue(r.ci_low)}–${spec.fmtValue(r.ci_high)}` : '';
    const n = r?.denominator !== null && r?.denominator !== undefined ? fmtInt(r.denominator, lang) : '';
    const extra = spec.extra ? html`<td class="r">${spec.extra.value(area, level)}</td>` : null;
    return html`<tr><th scope="row">${name}</th><td>${region}</td><td class="r">${value}</td><td class="r">${ci}</td><td class="r">${n}</td>${extra}</tr>`;
  };
  const body = [row('all', 'all', t.allData, '')];
  for (const g of spec.groups) {
    if (g.region !== null) body.push(row('region', g.region, regionName(g.region, t), ''));
    for (const area of g.areas) body.push(row('municipality', area, area, regionName(g.region, t)));
  }
  const columns = [
    { label: t.colAreaOrRegion },
    { label: t.colRegion },
    { label: spec.valueHeader, cls: 'r' },
    { label: t.colCi, cls: 'r' },
    { label: spec.nHeader, cls: 'r' },
    ...(spec.extra ? [{ label: spec.extra.header, cls: 'r' }] : []),
  ];
  return table(columns, body, { caption: spec.title, cls: 'numbers' });
}

export function legendBars(t: Strings, internal: boolean): SafeHtml {
  const item = (sw: string, label: string): SafeHtml => html`<li><span class="sw ${sw}" aria-hidden="true"></span>${label}</li>`;
  const items = [item('sw-bar', t.legendBar), item('sw-ci', t.legendCi), item('sw-region', t.legendRegion), item('sw-all', t.legendAll)];
  if (!internal) items.push(item('sw-hatch', t.legendSuppressed));
  return html`<ul class="legend">${items}</ul>`;
}
