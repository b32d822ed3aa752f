// "Per groep jongeren" (SPEC 11, --by): per breakdown asked for, the outflow of each group for
// all data and per region (small multiples on one scale), its numbers, a sentence on how to read
// it, and a table of the main figures per group.

import type { MetricRow } from '../../model/model.js';
import { listChart } from '../charts/list.js';
import type { ListPanel, ListSpec } from '../charts/list.js';
import { allAndRegions, keep, shareMax } from '../charts/panels.js';
import type { Place } from '../charts/panels.js';
import type { ReportContext } from '../context.js';
import { fmtDec, fmtInt, fmtPct, kindName } from '../format.js';
import { isSecret, medianCell, valueCell } from '../format-time.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { kindCmp } from '../rows.js';
import { scrollBox, table } from '../tables.js';
import { figure } from './section.js';
import type { Section } from './section.js';

/** A group's name: a category, several at once, an age class, a referrer, a sex, or unknown. */
export function groupName(breakdown: string, group: string, t: Strings): string {
  if (group === 'unknown') return t.groups.unknownGroup;
  if (breakdown === 'start_category') return group === 'combination' ? t.combination : (t.categories as Record<string, string>)[group] ?? group;
  const names = (t.groups.group as Record<string, Record<string, string>>)[breakdown];
  return names?.[group] ?? group;
}

function kindsWithGroups(ctx: ReportContext, breakdown: string): string[] {
  const rows = ctx.input.series ?? [];
  const kinds = new Set<string>();
  for (const r of rows) if (r.breakdown === breakdown && r.level === 'all' && r.year === ctx.year && r.gap_days === ctx.gapDays) kinds.add(r.data_kind);
  return [...kinds].sort(kindCmp);
}

interface Cell {
  measure: string;
  bucket?: string;
  header: (t: Strings) => string;
  fmt: (r: MetricRow | undefined, ctx: ReportContext) => Interpolation;
}

const share = (r: MetricRow | undefined, ctx: ReportContext): Interpolation => valueCell(r, (v) => fmtPct(v, ctx.lang), ctx.t);

/** The columns of the table per group. */
const CELLS: Cell[] = [
  { measure: 'cohort_youths', header: (t) => t.nYouths, fmt: (r, ctx) => valueCell(r, (v) => fmtInt(v, ctx.lang), ctx.t) },
  { measure: 'outflow', header: (t) => t.outflow, fmt: share },
  { measure: 'products_per_trajectory', header: (t) => t.productsPerTrajectory, fmt: (r, ctx) => valueCell(r, (v) => fmtDec(v, 1, ctx.lang), ctx.t) },
  { measure: 'trajectories_open', header: (t) => t.openLabel, fmt: share },
  { measure: 'in_trajectory_after', bucket: '365', header: (t) => t.duration.afterYearLabel, fmt: share },
  { measure: 'trajectory_duration_median', header: (t) => t.duration.colMedianDays, fmt: (r, ctx) => medianCell(r, ctx.t, ctx.lang) },
  { measure: 'return_within', bucket: '365', header: (t) => t.duration.returnLabel, fmt: share },
  { measure: 'prior_care', header: (t) => t.duration.priorLabel, fmt: share },
];

function breakdownPart(ctx: ReportContext, breakdown: string): SafeHtml {
  const { t, lang, series } = ctx;
  const heading = t.groups.heading[breakdown] ?? breakdown;
  const figures = kindsWithGroups(ctx, breakdown).map((kind) => {
    const places: { place: Place; groups: string[] }[] = allAndRegions(ctx.groups, t)
      .map((place) => ({ place, groups: series.groupsOf(breakdown, place.level, place.area, kind) }))
      .filter((x) => x.groups.length > 0);
    const get = (p: Place, group: string, measure: string, bucket = ''): MetricRow | undefined =>
      series.get({ level: p.level, area: p.area, kind, measure, bucket, breakdown, group });
    const list: ListPanel[] = places.map(({ place, groups }) => ({
      place,
      n: ctx.idx.get(place.level, place.area, kind, 'cohort_youths')?.value ?? null,
      items: groups.map((g) => ({ label: groupName(breakdown, g, t), key: g, row: get(place, g, 'outflow') })),
    }));
    let top = 0;
    for (const lp of list) for (const it of lp.items) if (it.row !== undefined && !isSecret(it.row)) top = Math.max(top, it.row.value ?? 0);
    const max = shareMax(top);
    const title = `${t.groups.chartTitle(heading)} · ${kindName(kind, t)}`;
    const spec: ListSpec = { id: `groups-${breakdown}-${kind}`, measure: 'outflow', kind, title, nLabel: t.nYouths, max, ticks: [0, max / 2, max], fmt: (v) => fmtPct(v, lang), stacked: true };

    // the chart's numbers: outflow per group with its interval and the youths
    const numbers = places.flatMap(({ place, groups }) => groups.map((g) => {
      const r = get(place, g, 'outflow');
      const ci = r !== undefined && !isSecret(r) && r.ci_low !== null && r.ci_high !== null ? `${fmtPct(r.ci_low, lang)}–${fmtPct(r.ci_high, lang)}` : '';
      return html`<tr><th scope="row">${place.name}</th><td>${groupName(breakdown, g, t)}</td><td class="r">${share(r, ctx)}</td><td class="r">${ci}</td><td class="r">${r?.denominator === null || r === undefined ? '' : fmtInt(r.denominator, lang)}</td></tr>`;
    }));
    const numberCols = [{ label: t.colAreaOrRegion }, { label: t.groups.colGroup }, { label: t.outflow, cls: 'r' }, { label: t.colCi, cls: 'r' }, { label: t.nYouths, cls: 'r' }];

    // the main figures per group, one block of rows per place
    const span = CELLS.length + 1;
    const bodies = places.map(({ place, groups }) => {
      const rows = groups.map((g) => html`<tr data-group="${g}"><th scope="row">${groupName(breakdown, g, t)}</th>${CELLS.map((c) => html`<td class="r" data-cell="${c.measure}">${c.fmt(get(place, g, c.measure, c.bucket ?? ''), ctx)}</td>`)}</tr>`);
      return html`<tbody data-area="${place.area}"><tr class="grouphead"><th colspan="${span}" scope="colgroup"><span class="areaname">${place.name}</span></th></tr>${rows}</tbody>`;
    });
    const tableTitle = `${t.groups.tableTitle(heading)} · ${kindName(kind, t)}`;
    const head = [t.groups.colGroup, ...CELLS.map((c) => c.header(t))].map((label, i) => html`<th scope="col"${i > 0 ? html` class="r"` : null}>${label}</th>`);
    const perGroup = scrollBox(tableTitle, html`<table class="groups"><thead><tr>${head}</tr></thead>${bodies}</table>`);
    return { chart: figure(kind, t, listChart(spec, list, ctx), table(numberCols, numbers, { caption: title, cls: 'numbers' })), perGroup };
  });
  const opening = keep([html`<h3>${heading}</h3><p class="reading">${t.groups.guide[breakdown]?.(ctx.year) ?? ''}</p>`, figures[0]?.chart ?? null]);
  return html`${opening}${figures.map((f, i) => html`${i > 0 ? f.chart : null}${f.perGroup}`)}`;
}

export const groups: Section = {
  id: 'groepen',
  title: (t) => t.groups.title,
  shown: (ctx) => ctx.series.breakdowns.some((b) => kindsWithGroups(ctx, b).length > 0),
  body: (ctx) => html`<p class="lede">${ctx.t.groups.lede(ctx.year)}</p>${ctx.series.breakdowns.map((b) => breakdownPart(ctx, b))}`,
};
