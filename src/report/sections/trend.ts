// "Door de jaren heen" (SPEC 11, several --year): the main figures of all data per cohort year,
// one panel per figure, years that are not final drawn open and marked; and "Wat de tussenpoos
// doet" (several --gap-days): products per trajectory and the share still open against the gap.

import type { MetricRow } from '../../model/model.js';
import { columnChart } from '../charts/columns.js';
import type { Column, ColumnPanel } from '../charts/columns.js';
import { keep } from '../charts/panels.js';
import type { ReportContext } from '../context.js';
import { fmtDec, fmtInt, fmtPct, kindName } from '../format.js';
import { cutOffOf, isSecret, medianCell, valueCell } from '../format-time.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { kindCmp } from '../rows.js';
import { table } from '../tables.js';
import { figure } from './section.js';
import type { Section } from './section.js';

interface Figure {
  measure: string;
  bucket: string;
  title: (t: Strings) => string;
  /** Shares on a scale from 0 to at least 10%, means from 0 to at least 1, days from 0 to at least 100. */
  floor: number;
  fmt: (v: number, ctx: ReportContext) => string;
}

const pct = (v: number, ctx: ReportContext): string => fmtPct(v, ctx.lang);

const TREND: Figure[] = [
  { measure: 'outflow', bucket: '', title: (t) => t.outflow, floor: 0.1, fmt: pct },
  { measure: 'products_per_trajectory', bucket: '', title: (t) => t.productsPerTrajectory, floor: 1, fmt: (v, ctx) => fmtDec(v, 1, ctx.lang) },
  { measure: 'in_trajectory_after', bucket: '365', title: (t) => t.duration.afterYearLabel, floor: 0.1, fmt: pct },
  { measure: 'trajectory_duration_median', bucket: '', title: (t) => t.duration.colMedianDays, floor: 100, fmt: (v, ctx) => fmtInt(v, ctx.lang) },
  { measure: 'return_within', bucket: '365', title: (t) => t.duration.returnLabel, floor: 0.1, fmt: pct },
  { measure: 'prior_care', bucket: '', title: (t) => t.duration.priorLabel, floor: 0.1, fmt: pct },
];

const GAPS: Figure[] = [
  { measure: 'products_per_trajectory', bucket: '', title: (t) => t.productsPerTrajectory, floor: 1, fmt: (v, ctx) => fmtDec(v, 1, ctx.lang) },
  { measure: 'trajectories_open', bucket: '', title: (t) => t.measureName.trajectories_open ?? t.openLabel, floor: 0.1, fmt: pct },
];

type Axis = { attr: 'year'; values: number[] } | { attr: 'gap'; values: number[] };

function rowAt(ctx: ReportContext, kind: string, f: Figure, axis: Axis, v: number): MetricRow | undefined {
  const w = { level: 'all', area: 'all', kind, measure: f.measure, bucket: f.bucket };
  return ctx.series.get(axis.attr === 'year' ? { ...w, year: v } : { ...w, gap: v });
}

/** Kinds with all-data rows at more than one point of the axis. */
function kindsOn(ctx: ReportContext, axis: Axis): string[] {
  const kinds = new Set<string>();
  for (const r of ctx.input.series ?? []) {
    if (r.level !== 'all' || r.breakdown !== '' || r.measure !== 'outflow') continue;
    if (axis.attr === 'year' ? r.gap_days === ctx.gapDays : r.year === ctx.year) kinds.add(r.data_kind);
  }
  return [...kinds].sort(kindCmp).filter((k) => axis.values.filter((v) => rowAt(ctx, k, TREND[0], axis, v) !== undefined).length > 1);
}

function label(ctx: ReportContext, axis: Axis, v: number): { label: string; flag: string | null; strong: boolean; open: boolean } {
  const { t } = ctx;
  if (axis.attr === 'year') return { label: String(v), flag: ctx.notFinal(v) ? t.trend.notFinal : null, strong: v === ctx.year, open: ctx.notFinal(v) };
  return { label: t.gaps.days(v), flag: v === ctx.gapDays ? t.gaps.thisReport : null, strong: v === ctx.gapDays, open: false };
}

function chartFor(ctx: ReportContext, kind: string, figures: Figure[], axis: Axis, title: string): SafeHtml {
  const { t } = ctx;
  const shown = figures.filter((f) => axis.values.some((v) => rowAt(ctx, kind, f, axis, v) !== undefined));
  const list: ColumnPanel[] = shown.map((f) => ({
    measure: f.measure,
    title: f.title(t),
    floor: f.floor,
    fmt: (v) => f.fmt(v, ctx),
    ...(f.measure === 'trajectory_duration_median' ? { nullText: t.duration.notReached } : {}),
    columns: axis.values.map((v): Column => ({ ...label(ctx, axis, v), row: rowAt(ctx, kind, f, axis, v), attr: axis.attr, key: String(v) })),
  }));
  // the numbers: a row per year or gap, a column per figure (with its interval)
  const body = axis.values.map((v) => {
    const l = label(ctx, axis, v);
    const cells = shown.map((f) => {
      const r = rowAt(ctx, kind, f, axis, v);
      const value: Interpolation = f.measure === 'trajectory_duration_median' ? medianCell(r, t, ctx.lang) : valueCell(r, (x) => f.fmt(x, ctx), t);
      const ci = r !== undefined && !isSecret(r) && r.value !== null && r.ci_low !== null && r.ci_high !== null ? html` <span class="sub">${f.fmt(r.ci_low, ctx)}–${f.fmt(r.ci_high, ctx)}</span>` : null;
      return html`<td class="r" data-cell="${f.measure}">${value}${ci}</td>`;
    });
    return html`<tr data-${axis.attr}="${v}"><th scope="row">${l.label}${l.flag === null ? null : html` <span class="sub">${l.flag}</span>`}</th>${cells}</tr>`;
  });
  const columns = [{ label: axis.attr === 'year' ? t.trend.colYear : t.gaps.colGap }, ...shown.map((f) => ({ label: f.title(t), cls: 'r' }))];
  const chartTitle = `${title} · ${kindName(kind, t)}`;
  return figure(kind, t, columnChart(`${axis.attr === 'year' ? 'trend' : 'gaps'}-${kind}`, kind, chartTitle, list, t), table(columns, body, { caption: chartTitle, cls: 'numbers' }));
}

export const trend: Section = {
  id: 'trend',
  title: (t) => t.trend.title,
  shown: (ctx) => ctx.series.years.length > 1 && kindsOn(ctx, { attr: 'year', values: ctx.series.years }).length > 0,
  body: (ctx) => {
    const { t, lang } = ctx;
    const axis: Axis = { attr: 'year', values: ctx.series.years };
    const kinds = kindsOn(ctx, axis);
    const notFinal = axis.values.filter((y) => ctx.notFinal(y));
    const notes = notFinal.length === 0 ? null : kinds.map((k) => html`<p class="caveat" data-not-final="${notFinal.join(',')}">${kinds.length > 1 ? `${kindName(k, t)}: ` : ''}${t.trend.notFinalNote(notFinal.join(', '), cutOffOf(ctx.input.dataUntil, k, lang))}</p>`);
    const first = axis.values[0];
    const last = axis.values[axis.values.length - 1];
    const charts = kinds.map((k) => chartFor(ctx, k, TREND, axis, t.trend.title));
    return html`${keep([html`<p class="lede">${t.trend.lede(first, last)}</p>`, notes, charts[0] ?? null])}${charts.slice(1)}<p class="reading">${t.trend.guide}</p>`;
  },
};

export const gaps: Section = {
  id: 'tussenpoos',
  title: (t) => t.gaps.title,
  shown: (ctx) => ctx.series.gaps.length > 1 && kindsOn(ctx, { attr: 'gap', values: ctx.series.gaps }).length > 0,
  body: (ctx) => {
    const { t } = ctx;
    const axis: Axis = { attr: 'gap', values: ctx.series.gaps };
    const kinds = kindsOn(ctx, axis);
    const charts = kinds.map((k) => chartFor(ctx, k, GAPS, axis, t.gaps.title));
    return html`${keep([html`<p class="lede">${t.gaps.lede(ctx.year)}</p>`, charts[0] ?? null])}${charts.slice(1)}<p class="reading">${t.gaps.guide(ctx.gapDays)}</p>`;
  },
};
