// The survival curve S(t) of SPEC 10 (share of trajectories still running t days after their
// start), drawn from published figures only: S(0) = 1 and the published in_trajectory_after
// values at 91, 182, 365 and 730 days (computed by disclosure control from the curve's merged,
// rounded steps). A step curve through those points: each level is held until the next point,
// where it drops. A hidden point is a hatched band over its interval, and nothing is drawn into
// or out of it: no hidden value is interpolated. The 95% interval of each point is a whisker.
// Under the plot the four values as text, and the median. One panel per area (small multiples,
// the same axes), its numbers as a table.

import type { MetricRow } from '../../model/model.js';
import { SURVIVAL_POINTS } from '../../definitions/time-in-care.js';
import type { ReportContext } from '../context.js';
import { fmtInt, fmtPct, kindName } from '../format.js';
import { durationPhrase, isSecret, medianCell, medianCi, valueCell } from '../format-time.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { table } from '../tables.js';
import { chartBox, pct } from './common.js';
import { panel, panels } from './panels.js';
import type { Place } from './panels.js';

const MEASURE = 'in_trajectory_after';
const MEDIAN = 'trajectory_duration_median';
/** The published points (days). */
export const POINTS: readonly number[] = SURVIVAL_POINTS;
/** The time axis runs a little past the last point, so that its level shows as a step too. */
const AXIS_DAYS = 800;
/** Ticks of the time axis: days, printed as months. */
const TICKS = [0, 91, 182, 365, 730];
const MONTHS: Record<number, string> = { 0: '0', 91: '3', 182: '6', 365: '12', 730: '24' };

const x = (days: number): string => pct(days / AXIS_DAYS);

export function pointRow(ctx: ReportContext, p: Place, kind: string, days: number): MetricRow | undefined {
  return ctx.idx.get(p.level, p.area, kind, MEASURE, '', String(days));
}

/** The trajectories of the curve: the denominator of its points (the same for all four; a hidden point has none). */
function trajectories(ctx: ReportContext, p: Place, kind: string): number | null {
  for (const d of POINTS) {
    const n = pointRow(ctx, p, kind, d)?.denominator;
    if (n !== null && n !== undefined) return n;
  }
  return null;
}

function medianText(r: MetricRow | undefined, t: Strings, ctx: ReportContext): string {
  if (r === undefined) return '–';
  if (isSecret(r)) return t.suppressed;
  if (r.value === null) return t.duration.notReached;
  return durationPhrase(r.value, ctx.lang);
}

function plot(ctx: ReportContext, p: Place, kind: string): SafeHtml {
  const { t, lang } = ctx;
  // the level at 0 and at each point, null where hidden
  const rows = POINTS.map((d) => pointRow(ctx, p, kind, d));
  // null: hidden by disclosure control (hatched); undefined: no figure (nothing drawn)
  const levels: (number | null | undefined)[] = [1, ...rows.map((r) => (r === undefined ? undefined : isSecret(r) ? null : (r.value ?? undefined)))];
  const times = [0, ...POINTS, AXIS_DAYS];
  const parts: SafeHtml[] = [];
  for (let i = 0; i < levels.length; i++) {
    const left = x(times[i]);
    const width = pct((times[i + 1] - times[i]) / AXIS_DAYS);
    const level = levels[i];
    if (level === undefined) continue;
    if (level === null) {
      parts.push(html`<span class="sgap hatch" data-suppressed="${MEASURE}" data-area="${p.area}" data-kind="${kind}" data-point="${POINTS[i - 1]}" style="left:${left};width:${width}" title="${p.name} · ${t.duration.pointLong[String(POINTS[i - 1])] ?? ''}: ${t.suppressedLong}"></span>`);
      continue;
    }
    parts.push(html`<span class="sfill" style="left:${left};width:${width};height:${pct(level)}"></span><span class="sline" style="left:${left};width:${width};bottom:${pct(level)}"></span>`);
    const before = i > 0 ? levels[i - 1] : null;
    if (typeof before === 'number') parts.push(html`<span class="sdrop" style="left:${left};bottom:${pct(level)};height:${pct(before - level)}"></span>`);
  }
  rows.forEach((r, i) => {
    const level = levels[i + 1];
    if (r === undefined || typeof level !== 'number') return;
    const at = x(POINTS[i]);
    if (r.ci_low !== null && r.ci_high !== null) {
      parts.push(html`<span class="sci" style="left:${at};bottom:${pct(r.ci_low)};height:${pct(r.ci_high - r.ci_low)}"></span>`);
    }
    const ci = r.ci_low !== null && r.ci_high !== null ? ` (95%: ${fmtPct(r.ci_low, lang)}–${fmtPct(r.ci_high, lang)})` : '';
    parts.push(html`<span class="sdot" data-point="${POINTS[i]}" data-area="${p.area}" data-kind="${kind}" style="left:${at};bottom:${pct(level)}" title="${p.name} · ${t.duration.pointLong[String(POINTS[i])] ?? ''}: ${fmtPct(level, lang)}${ci}"></span>`);
  });
  // the axes' labels are in the flow of the text (a column beside the plot; a grid of columns as
  // wide as the days between the ticks below it), so that they read and print in order
  const yLabels = [1, 0.5, 0].map((v) => html`<span>${fmtPct(v, lang)}</span>`);
  const widths = TICKS.map((d, i) => `${(TICKS[i + 1] ?? AXIS_DAYS) - d}fr`).join(' ');
  const ticks = TICKS.map((d) => html`<span>${MONTHS[d] ?? ''}</span>`);
  return html`<div class="splot"><div class="sy">${yLabels}</div><div class="sarea">${parts}</div></div><div class="sx" style="grid-template-columns:${widths}">${ticks}</div><p class="sxt">${t.duration.axisMonths}</p>`;
}

/** The four published values under the plot, as text. */
function values(ctx: ReportContext, p: Place, kind: string): SafeHtml {
  const { t, lang } = ctx;
  const cells = POINTS.map((d) => {
    const r = pointRow(ctx, p, kind, d);
    const hidden = r !== undefined && isSecret(r);
    const v: Interpolation = hidden ? t.suppressed : r?.value === null || r === undefined ? '–' : fmtPct(r.value, lang);
    return html`<span class="svc"><span class="svl">${t.duration.point[String(d)] ?? ''}</span><span class="svv${hidden ? ' secret' : ''}" data-cell="${MEASURE}" data-bucket="${d}" data-area="${p.area}" data-kind="${kind}">${v}</span></span>`;
  });
  const median = ctx.idx.get(p.level, p.area, kind, MEDIAN);
  const n = trajectories(ctx, p, kind);
  const count = n === null ? null : html` · ${fmtInt(n, lang)} ${t.nTrajectories}`;
  return html`<div class="svals">${cells}</div><p class="pnote"><span data-cell="${MEDIAN}" data-area="${p.area}" data-kind="${kind}">${t.duration.panelMedian(medianText(median, t, ctx))}</span>${count}</p>`;
}

/** The small multiples: one curve per place, on the same axes. */
export function curveChart(id: string, kind: string, places: readonly Place[], ctx: ReportContext): SafeHtml {
  const { t } = ctx;
  const title = `${t.duration.curveTitle} · ${kindName(kind, t)}`;
  const body = places.map((p) => panel(p.name, [plot(ctx, p, kind), values(ctx, p, kind)], { level: p.level, area: p.area }));
  return chartBox(id, 'mult curves', title, t, panels(body));
}

/**
 * The curve's numbers: per place S(t) at each point with its interval, the trajectories, the
 * median with its interval. With a caption: the chart's table of numbers; without: the visible
 * table per municipality, named `label`.
 */
export function curveTable(kind: string, places: readonly Place[], ctx: ReportContext, caption: string | null, label: string): SafeHtml {
  const { t, lang } = ctx;
  const withRegion = places.some((p) => p.region !== '');
  const body = places.map((p) => {
    const cells = POINTS.map((d) => {
      const r = pointRow(ctx, p, kind, d);
      const v = valueCell(r, (v) => fmtPct(v, lang), t);
      const ci = r !== undefined && !isSecret(r) && r.value !== null && r.ci_low !== null && r.ci_high !== null ? html` <span class="sub">${fmtPct(r.ci_low, lang)}–${fmtPct(r.ci_high, lang)}</span>` : null;
      return html`<td class="r" data-cell="${MEASURE}" data-bucket="${d}">${v}${ci}</td>`;
    });
    const n = trajectories(ctx, p, kind);
    const median = ctx.idx.get(p.level, p.area, kind, MEDIAN);
    const region = withRegion ? html`<td>${p.region}</td>` : null;
    return html`<tr data-area="${p.area}"><th scope="row">${p.name}</th>${region}${cells}<td class="r" data-cell="trajectories">${n === null ? '' : fmtInt(n, lang)}</td><td class="r" data-cell="${MEDIAN}">${medianCell(median, t, lang)}</td><td class="r">${medianCi(median, lang)}</td></tr>`;
  });
  const columns = [
    { label: withRegion ? t.municipality : t.colAreaOrRegion },
    ...(withRegion ? [{ label: t.colRegion }] : []),
    ...POINTS.map((d) => ({ label: t.duration.pointLong[String(d)] ?? String(d), cls: 'r' })),
    { label: t.nTrajectories, cls: 'r' },
    { label: t.duration.colMedianDays, cls: 'r' },
    { label: t.duration.colMedianCi, cls: 'r' },
  ];
  return table(columns, body, caption === null ? { label, cls: 'numbers munis' } : { caption, cls: 'numbers' });
}

export function legendCurve(t: Strings, internal: boolean): SafeHtml {
  const item = (sw: string, label: string): SafeHtml => html`<li><span class="sw ${sw}" aria-hidden="true"></span>${label}</li>`;
  const items = [item('sw-step', t.duration.legendCurve), item('sw-ci', t.duration.legendCurveCi)];
  if (!internal) items.push(item('sw-hatch', t.duration.legendCurveSuppressed));
  return html`<ul class="legend">${items}</ul>`;
}
