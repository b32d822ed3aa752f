// "Hoe lang duurt een traject?" (SPEC 10): key figures for all data (the median, the share still
// in a trajectory after a year, return and prior care), the survival curve for all data and
// per region with its table per municipality, the duration classes of ended trajectories, and
// (duration-care.ts) return to care, prior care and endings as planned per municipality. Each
// chart has a sentence under it on what it means and what it does not.

import { DURATION_CLASSES } from '../../definitions/time-in-care.js';
import { listChart } from '../charts/list.js';
import type { ListPanel, ListSpec } from '../charts/list.js';
import { allAndRegions, keep, municipalities, shareMax } from '../charts/panels.js';
import { curveChart, curveTable, legendCurve } from '../charts/steps.js';
import type { ReportContext } from '../context.js';
import { capitalise, fmtInt, fmtPct, fractionPhrase, kindName } from '../format.js';
import { durationPhrase, isSecret, valueCell } from '../format-time.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { kindCmp } from '../rows.js';
import { table } from '../tables.js';
import { careParts } from './duration-care.js';
import { figure } from './section.js';
import type { Section } from './section.js';

const CURVE = 'in_trajectory_after';
const CLASSES = 'duration_class';

/** Data kinds with a curve for all data, in report order. */
function curveKinds(ctx: ReportContext): string[] {
  return [...new Set(ctx.rows.filter((r) => r.level === 'all' && r.measure === CURVE).map((r) => r.data_kind as string))].sort(kindCmp);
}

/** A kind's heading, only when the report has more than one kind. */
function kindHead(kind: string, kinds: readonly string[], ctx: ReportContext): SafeHtml | null {
  return kinds.length > 1 ? html`<p class="kindhead">${kindName(kind, ctx.t)}</p>` : null;
}

function cards(ctx: ReportContext, kind: string): SafeHtml {
  const { idx, t, lang } = ctx;
  const d = t.duration;
  const card = (label: string, big: string | null, small: string | null, words = false): SafeHtml =>
    big === null
      ? html`<div class="card"><div class="label">${label}</div><div class="big secret">${t.suppressed}</div><div class="small"></div></div>`
      : html`<div class="card"><div class="label">${label}</div><div class="big${words ? ' words' : ''}">${big}</div><div class="small">${small}</div></div>`;
  const share = (label: string, r: ReturnType<typeof idx.get>, note: (f: string) => string): SafeHtml | null => {
    if (r === undefined) return null;
    if (isSecret(r) || r.value === null) return card(label, null, null);
    return card(label, fmtPct(r.value, lang), capitalise(note(fractionPhrase(r.value, lang))));
  };
  const median = idx.get('all', 'all', kind, 'trajectory_duration_median');
  let medianCard: SafeHtml | null = null;
  if (median !== undefined) {
    if (isSecret(median)) medianCard = card(d.medianLabel, null, null);
    else if (median.value === null) medianCard = card(d.medianLabel, capitalise(d.notReached), d.notReachedNote, true);
    else {
      const lo = median.ci_low === null ? '' : fmtInt(median.ci_low, lang);
      const hi = median.ci_high === null ? '' : fmtInt(median.ci_high, lang);
      medianCard = card(d.medianLabel, capitalise(durationPhrase(median.value, lang)), d.medianNote(fmtInt(median.value, lang), lo, hi), true);
    }
  }
  const list = [
    medianCard,
    share(d.afterYearLabel, idx.get('all', 'all', kind, CURVE, '', '365'), d.afterYearNote),
    share(d.returnLabel, idx.get('all', 'all', kind, 'return_within', '', '365'), d.returnNote),
    share(d.priorLabel, idx.get('all', 'all', kind, 'prior_care'), (f) => d.priorNote(f, ctx.input.lookbackDays ?? 365)),
    share(d.plannedLabel, idx.get('all', 'all', kind, 'ended_as_planned'), d.plannedNote),
  ];
  return html`<div class="cards">${list}</div>`;
}

function curves(ctx: ReportContext, kinds: readonly string[]): SafeHtml {
  const { t } = ctx;
  const figures = kinds.map((kind) => {
    const places = allAndRegions(ctx.groups, t).filter((p) => ctx.idx.get(p.level, p.area, kind, CURVE, '', '91') !== undefined);
    const title = `${t.duration.curveTitle} · ${kindName(kind, t)}`;
    return figure(kind, t, curveChart(`curve-${kind}`, kind, places, ctx), curveTable(kind, places, ctx, title, title));
  });
  const perMuni = kinds.map((kind) => {
    const places = municipalities(ctx.groupsFor(kind, CURVE), t);
    if (places.length === 0) return null;
    return html`${kindHead(kind, kinds, ctx)}${curveTable(kind, places, ctx, null, `${t.duration.muniTitle} · ${kindName(kind, t)}`)}`;
  });
  return html`${keep([html`<h3>${t.duration.curveTitle}</h3>`, legendCurve(t, ctx.internal), figures[0] ?? null])}${figures.slice(1)}<p class="reading">${t.duration.curveMeaning(ctx.year)}</p><p class="note">${t.duration.curveDrawn}</p>
${keep([html`<h3>${t.duration.muniTitle}</h3><p class="lede">${t.duration.muniLede}</p>`, perMuni[0] ?? null])}${perMuni.slice(1)}`;
}

function classes(ctx: ReportContext, kinds: readonly string[]): SafeHtml | null {
  const { t, lang, idx } = ctx;
  const withClasses = kinds.filter((k) => ctx.rows.some((r) => r.level === 'all' && r.data_kind === k && r.measure === CLASSES));
  if (withClasses.length === 0) return null;
  const figures = withClasses.map((kind) => {
    const places = allAndRegions(ctx.groups, t).filter((p) => ctx.idx.get(p.level, p.area, kind, CLASSES, '', DURATION_CLASSES[0]) !== undefined);
    const list: ListPanel[] = places.map((p) => ({
      place: p,
      n: idx.get(p.level, p.area, kind, 'trajectory_duration_median')?.numerator ?? null,
      items: DURATION_CLASSES.map((c) => ({ label: t.duration.classes[c] ?? c, key: c, row: idx.get(p.level, p.area, kind, CLASSES, '', c) })),
    }));
    let top = 0;
    for (const lp of list) for (const it of lp.items) if (it.row !== undefined && !isSecret(it.row)) top = Math.max(top, it.row.value ?? 0);
    const max = shareMax(top);
    const title = `${t.duration.classesTitle} · ${kindName(kind, t)}`;
    const spec: ListSpec = { id: `classes-${kind}`, measure: CLASSES, kind, title, nLabel: t.duration.nEnded, max, ticks: [0, max / 2, max], fmt: (v) => fmtPct(v, lang), stacked: false };
    const body = places.map((p) => {
      const cells = DURATION_CLASSES.map((c) => html`<td class="r" data-cell="${CLASSES}" data-bucket="${c}">${valueCell(idx.get(p.level, p.area, kind, CLASSES, '', c), (v) => fmtPct(v, lang), t)}</td>`);
      const n = idx.get(p.level, p.area, kind, CLASSES, '', DURATION_CLASSES[0])?.denominator ?? null;
      return html`<tr data-area="${p.area}"><th scope="row">${p.name}</th>${cells}<td class="r">${n === null ? '' : fmtInt(n, lang)}</td></tr>`;
    });
    const columns = [{ label: t.colAreaOrRegion }, ...DURATION_CLASSES.map((c) => ({ label: t.duration.classes[c] ?? c, cls: 'r' })), { label: t.duration.nEnded, cls: 'r' }];
    return figure(kind, t, listChart(spec, list, ctx), table(columns, body, { caption: title, cls: 'numbers' }));
  });
  return html`${keep([html`<h3>${t.duration.classesTitle}</h3>`, figures[0] ?? null])}${figures.slice(1)}<p class="reading">${t.duration.classesMeaning(ctx.year)}</p>`;
}

export const duration: Section = {
  id: 'duur',
  title: (t) => t.duration.title,
  shown: (ctx) => curveKinds(ctx).length > 0,
  body: (ctx) => {
    const { t } = ctx;
    const kinds = curveKinds(ctx);
    const keyCards = kinds.map((kind) => html`<p class="kindhead">${kindName(kind, t)}</p>${cards(ctx, kind)}`);
    return html`<p class="lede">${t.duration.lede(ctx.year)}</p>${keyCards}${curves(ctx, kinds)}${classes(ctx, kinds)}${careParts(ctx)}`;
  },
};
