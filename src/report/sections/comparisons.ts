// Comparisons: per municipality and data kind the figure in words and its direction against the
// region and against all municipalities, naming the test; then the directions of "starts with"
// for every category as a matrix of symbols.

import { CATEGORIES } from '../../model/model.js';
import type { MetricRow } from '../../model/model.js';
import type { Comparison } from '../../compare/compare.js';
import type { ReportContext } from '../context.js';
import { capitalise, fmtDec, fmtPct, fractionPhrase, kindShortName, regionName } from '../format.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { isHidden, kindCmp, orderedAreas } from '../rows.js';
import { scrollBox, secret, table } from '../tables.js';
import type { Section } from './section.js';

const MAIN_MEASURES: { measure: string; category: '' | 'ggz' }[] = [
  { measure: 'outflow', category: '' },
  { measure: 'in_care_next_year', category: '' },
  { measure: 'trajectories_open', category: '' },
  { measure: 'products_per_trajectory', category: '' },
  { measure: 'start_category_any', category: 'ggz' },
  { measure: 'start_category_alone', category: 'ggz' },
];

const GLYPH: Record<string, string> = { higher: '▲', lower: '▼', no_clear_difference: '●' };

/** The municipality's figure in words: "Ruim 2 op de 5 jongeren in 2022 uit zorg (44%)". */
function phraseFor(r: MetricRow | undefined, measure: string, category: '' | 'ggz', ctx: ReportContext): Interpolation {
  const { t, lang, year } = ctx;
  const catName = category === 'ggz' ? t.ggzInSentence : '';
  const what = `${t.measureName[measure] ?? measure}${catName ? ' ' + catName : ''}`;
  if (r === undefined) return `${what}: –`;
  if (isHidden(r)) return secret(t.phrase.suppressed(what));
  const v = r.value!;
  const f = fractionPhrase(v, lang);
  const p = fmtPct(v, lang);
  switch (measure) {
    case 'outflow':
      return capitalise(t.phrase.outflow(f, p, year));
    case 'in_care_next_year':
      return capitalise(t.phrase.in_care_next_year(f, p, year));
    case 'trajectories_open':
      return capitalise(t.phrase.trajectories_open(f, p, year));
    case 'products_per_trajectory':
      return capitalise(t.phrase.products_per_trajectory(fmtDec(v, 1, lang)));
    case 'start_category_any':
      return capitalise(t.phrase.start_category_any(f, p, catName));
    case 'start_category_alone':
      return capitalise(t.phrase.start_category_alone(f, p, catName));
    default:
      return `${what}: ${p}`;
  }
}

function directionCell(c: Comparison | undefined, t: Strings, span = 1): SafeHtml {
  if (c === undefined) return html`<td class="dir dir-na">–</td>`;
  if (c.direction === null) {
    const colspan = span > 1 ? html` colspan="${span}"` : null;
    const why = c.reason ? html` <span class="why">(${t.notComparedReason[c.reason] ?? c.reason})</span>` : null;
    return html`<td class="dir dir-na"${colspan}><span class="glyph" aria-hidden="true">–</span>${t.notCompared}${why}</td>`;
  }
  const ref = c.against === 'region' ? t.refRegion : t.refAll;
  return html`<td class="dir dir-${c.direction}"><span class="glyph" aria-hidden="true">${GLYPH[c.direction]}</span>${t.direction[c.direction](ref)}</td>`;
}

/** Both comparisons of a row not made for the same reason: one cell across both columns. */
function directionCells(cr: Comparison | undefined, ca: Comparison | undefined, t: Strings): SafeHtml {
  if (cr !== undefined && ca !== undefined && cr.direction === null && ca.direction === null && cr.reason === ca.reason) {
    return directionCell(cr, t, 2);
  }
  return html`${directionCell(cr, t)}${directionCell(ca, t)}`;
}

/** The data kinds compared per municipality. */
function kindsByArea(comparisons: readonly Comparison[]): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  for (const c of comparisons) {
    const s = kinds.get(c.area) ?? new Set<string>();
    s.add(c.data_kind);
    kinds.set(c.area, s);
  }
  return kinds;
}

/** The comparisons of the figures as measured; the standardised ones are drawn in the funnel plots (funnels.ts). */
const rawOnly = (cs: readonly Comparison[]): Comparison[] => cs.filter((c) => c.method !== 'standardised');

function comparisonTable(ctx: ReportContext): SafeHtml | null {
  const { idx, t } = ctx;
  const input = { comparisons: rawOnly(ctx.input.comparisons), regionOf: ctx.input.regionOf };
  const key = (area: string, kind: string, measure: string, category: string, against: string): string =>
    `${area}\u0000${kind}\u0000${measure}\u0000${category}\u0000${against}`;
  const byKey = new Map<string, Comparison>();
  for (const c of input.comparisons) byKey.set(key(c.area, c.data_kind, c.measure, c.category, c.against), c);
  const get = (area: string, kind: string, measure: string, category: string, against: string): Comparison | undefined =>
    byKey.get(key(area, kind, measure, category, against));

  const kindsOf = kindsByArea(input.comparisons);
  const blocks: SafeHtml[] = [];
  for (const { area, region } of orderedAreas(ctx.groups, [...kindsOf.keys()], input.regionOf)) {
    for (const kind of [...kindsOf.get(area)!].sort(kindCmp)) {
      const has = (m: string, c: string): boolean => get(area, kind, m, c, 'region') !== undefined || get(area, kind, m, c, 'all') !== undefined;
      // in_care_next_year mirrors outflow: shown only when outflow is not compared
      const rows = MAIN_MEASURES.filter((m) => has(m.measure, m.category) && !(m.measure === 'in_care_next_year' && has('outflow', '')));
      if (rows.length === 0) continue;
      const body = rows.map((m) => {
        const cr = get(area, kind, m.measure, m.category, 'region');
        const ca = get(area, kind, m.measure, m.category, 'all');
        const test = (cr ?? ca)!.test;
        const phrase = phraseFor(idx.get('municipality', area, kind, m.measure, m.category), m.measure, m.category, ctx);
        return html`<tr><td class="what">${phrase}</td>${directionCells(cr, ca, t)}<td class="test">${t.tests[test] ?? test}</td></tr>`;
      });
      blocks.push(
        html`<tbody data-area="${area}"><tr class="grouphead"><th colspan="4" scope="colgroup"><span class="areaname">${area}</span><span class="ctx">${regionName(region, t)} · ${kindShortName(kind, t)}</span></th></tr>${body}</tbody>`,
      );
    }
  }
  if (blocks.length === 0) return null;
  return scrollBox(t.comparisonsTitle, html`<table class="cmp"><colgroup><col class="c-what"><col class="c-dir"><col class="c-dir"><col class="c-test"></colgroup><thead><tr><th scope="col">${t.colWhat}</th><th scope="col">${t.colVsRegion}</th><th scope="col">${t.colVsAll}</th><th scope="col">${t.colTest}</th></tr></thead>${blocks}</table>`);
}

function startMatrix(ctx: ReportContext): SafeHtml | null {
  const { input, t } = ctx;
  const cs = rawOnly(input.comparisons).filter((c) => c.measure === 'start_category_any');
  if (cs.length === 0) return null;
  const byKey = new Map<string, Comparison>();
  for (const c of cs) byKey.set(`${c.area}\u0000${c.data_kind}\u0000${c.category}\u0000${c.against}`, c);
  const glyph = (c: Comparison | undefined): SafeHtml => {
    if (c === undefined || c.direction === null) {
      const why = c?.reason ? ` (${t.notComparedReason[c.reason] ?? c.reason})` : '';
      return html`<span class="g g-na" title="${t.notCompared + why}">–</span>`;
    }
    const ref = c.against === 'region' ? t.refRegion : t.refAll;
    return html`<span class="g g-${c.direction}" title="${t.direction[c.direction](ref)}">${GLYPH[c.direction]}</span>`;
  };
  const kindsOf = kindsByArea(cs);
  const body: SafeHtml[] = [];
  for (const { area } of orderedAreas(ctx.groups, [...kindsOf.keys()], input.regionOf)) {
    for (const kind of [...kindsOf.get(area)!].sort(kindCmp)) {
      const cells = CATEGORIES.map((cat) => {
        const r = byKey.get(`${area}\u0000${kind}\u0000${cat}\u0000region`);
        const a = byKey.get(`${area}\u0000${kind}\u0000${cat}\u0000all`);
        return html`<td class="${cat === 'ggz' ? 'ggzcol' : ''}">${glyph(r)}${glyph(a)}</td>`;
      });
      body.push(html`<tr><th scope="row">${area} <span class="sub">${kindShortName(kind, t)}</span></th>${cells}</tr>`);
    }
  }
  const columns = [{ label: t.colArea }, ...CATEGORIES.map((c) => ({ label: t.categories[c], cls: c === 'ggz' ? 'ggzcol' : undefined }))];
  return html`<h3>${t.startMatrixTitle}</h3><p class="lede">${t.startMatrixLede}</p>${table(columns, body, { label: t.startMatrixTitle, cls: 'matrix' })}<p class="note">${t.symbolsLegend}</p>`;
}

export const comparisons: Section = {
  id: 'vergelijking',
  title: (t) => t.comparisonsTitle,
  shown: (ctx) => ctx.input.comparisons.length > 0,
  body: (ctx) => html`<p class="lede">${ctx.t.comparisonsLede(ctx.input.alpha ?? 0.05)}</p>${comparisonTable(ctx)}${startMatrix(ctx)}`,
};
