// Funnel plots (SPEC 12): per standardised share and data kind, every municipality's published
// share against its number of youths (raw) beside its standardised share against its expected
// count (standardised, for age group x start category), with the 95% and 99.8% limits around
// all municipalities as lines. Only published figures are drawn (the comparison rows carry them).
//
// The plot is HTML with inline styles, like the other charts text at fixed sizes: points and
// labels are boxes placed in % of the plot, the limits one SVG of lines only (no text in it). The
// two panels stand side by side where the screen has room and one below the other where it has
// not (flex-wrap, no media query, no script). This module keeps its own words (nl, en).

import type { Comparison } from '../../compare/compare.js';
import { ratioLimits, shareLimits, type Limits } from '../../compare/funnel.js';
import { TEST_FUNNEL_PHI } from '../../compare/fair.js';
import type { ReportContext } from '../context.js';
import { fmtDec, fmtInt, fmtPct, kindName, regionName } from '../format.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import type { Lang } from '../i18n/strings.js';
import { MUTED, REF_ALL } from '../palette.js';
import { cmp, kindCmp } from '../rows.js';
import { secret, table } from '../tables.js';
import type { Section } from './section.js';

/** The shares drawn (in_care_next_year mirrors outflow and is left out, as in the comparisons). */
const PLOTTED: { measure: string; bucket: string }[] = [
  { measure: 'outflow', bucket: '' },
  { measure: 'prior_care', bucket: '' },
  { measure: 'return_within', bucket: '182' },
  { measure: 'return_within', bucket: '365' },
];

/** Above this many points only those outside the 95% limits carry a label (all have a tooltip and a table row). */
const LABEL_ALL_UP_TO = 25;

interface Words {
  title: string;
  lede: string;
  howToRead: string;
  rawPanel: string;
  stdPanel: string;
  xRaw: (unit: 'youths' | 'trajectories') => string;
  xStd: string;
  yAxis: string;
  measure: Record<string, string>;
  overdispersed: (phi: string) => string;
  labelsOutside: string;
  rounded: string;
  legend95: string;
  legend998: string;
  legendRef: string;
  legendPoints: string;
  colShare: string;
  colN: (unit: 'youths' | 'trajectories') => string;
  colBand: string;
  colExpected: string;
  colRatio: string;
  colStd: string;
  band: Record<string, string>;
  direction: Record<string, string>;
  notCompared: string;
  noPoints: string;
}

const WORDS: Record<Lang, Words> = {
  nl: {
    title: 'Eerlijk vergelijken: trechters',
    lede:
      'Gemeenten verschillen in wie er in zorg komt. Een gemeente met oudere jongeren, of met meer jongeren die met jeugdbescherming starten, ' +
      'heeft een andere uitstroom zonder anders te werken. Daarom staat naast het gewone aandeel (links) het gestandaardiseerde aandeel (rechts): ' +
      'het aandeel dat de gemeente zou hebben als haar jongeren naar leeftijdsgroep en startcategorie waren verdeeld als in alle gemeenten samen.',
    howToRead:
      'Zo lees je een trechter: elke stip is een gemeente. De lijn in het midden is alle gemeenten samen; de stippellijnen zijn de 95%-grenzen, ' +
      'de doorgetrokken lijnen de 99,8%-grenzen. Hoe kleiner een gemeente, hoe verder ze door toeval van het midden kan liggen: daarom lopen de grenzen ' +
      'naar links wijder uit, als een trechter. Alleen een stip buiten de 99,8%-grenzen noemen we hoger of lager (▲ ▼); tussen de lijnen (◆) kan het toeval zijn.',
    rawPanel: 'Zoals gemeten',
    stdPanel: 'Gestandaardiseerd (leeftijd × startcategorie)',
    xRaw: (u) => (u === 'youths' ? 'aantal jongeren' : 'aantal afgesloten trajecten'),
    xStd: 'verwacht aantal (E)',
    yAxis: 'aandeel',
    measure: {
      outflow: 'Uitstroom',
      prior_care: 'Eerder in zorg',
      'return_within/182': 'Terug in zorg binnen een half jaar',
      'return_within/365': 'Terug in zorg binnen een jaar',
    },
    overdispersed: (phi) =>
      `De gemeenten liggen hier meer uiteen dan toeval verklaart (overdispersie, φ = ${phi}): de grenzen zijn verbreed met √φ.`,
    labelsOutside: 'Veel gemeenten: alleen stippen buiten de 95%-grenzen hebben een naam; de tabel noemt ze allemaal.',
    rounded:
      'We tekenen alleen gepubliceerde, afgeronde cijfers. Het oordeel (▲ ▼ ◆ ●) is berekend op de exacte aantallen, dus een stip vlak bij een lijn kan net aan de andere kant getekend staan.',
    legend95: '95%-grenzen',
    legend998: '99,8%-grenzen',
    legendRef: 'alle gemeenten',
    legendPoints: '● binnen 95% · ◆ tussen 95% en 99,8% · ▲ hoger · ▼ lager',
    colShare: 'Aandeel',
    colN: (u) => (u === 'youths' ? 'Jongeren' : 'Trajecten'),
    colBand: 'Oordeel',
    colExpected: 'Verwacht (E)',
    colRatio: 'O/E (95%)',
    colStd: 'Gestandaardiseerd',
    band: { within_95: 'binnen 95%', between_95_998: 'tussen 95% en 99,8%', outside_998: 'buiten 99,8%' },
    direction: { higher: 'hoger', lower: 'lager', no_clear_difference: 'geen duidelijk verschil' },
    notCompared: 'niet vergeleken',
    noPoints: 'Geen gepubliceerde cijfers om te tekenen.',
  },
  en: {
    title: 'Fair comparisons: funnel plots',
    lede:
      'Municipalities differ in who enters care. A municipality whose young people are older, or more often start with youth protection, ' +
      'has another outflow without working differently. So beside the share as measured (left) stands the standardised share (right): ' +
      'the share the municipality would have if its young people were spread over age groups and start categories as in all municipalities together.',
    howToRead:
      'How to read a funnel plot: every dot is a municipality. The middle line is all municipalities together; the dashed lines are the 95% limits, ' +
      'the solid lines the 99.8% limits. The smaller a municipality, the further chance alone can take it from the middle: so the limits widen ' +
      'to the left, like a funnel. Only a dot outside the 99.8% limits is called higher or lower (▲ ▼); between the lines (◆) it may be chance.',
    rawPanel: 'As measured',
    stdPanel: 'Standardised (age × start category)',
    xRaw: (u) => (u === 'youths' ? 'number of young people' : 'number of ended trajectories'),
    xStd: 'expected number (E)',
    yAxis: 'share',
    measure: {
      outflow: 'Outflow',
      prior_care: 'Known to care before',
      'return_within/182': 'Back in care within half a year',
      'return_within/365': 'Back in care within a year',
    },
    overdispersed: (phi) =>
      `The municipalities lie further apart here than chance explains (over-dispersion, φ = ${phi}): the limits are widened by √φ.`,
    labelsOutside: 'Many municipalities: only dots outside the 95% limits carry a name; the table lists them all.',
    rounded:
      'Only published, rounded figures are drawn. The verdict (▲ ▼ ◆ ●) is worked out on the exact counts, so a dot close to a line may be drawn just on its other side.',
    legend95: '95% limits',
    legend998: '99.8% limits',
    legendRef: 'all municipalities',
    legendPoints: '● within 95% · ◆ between 95% and 99.8% · ▲ higher · ▼ lower',
    colShare: 'Share',
    colN: (u) => (u === 'youths' ? 'Young people' : 'Trajectories'),
    colBand: 'Verdict',
    colExpected: 'Expected (E)',
    colRatio: 'O/E (95%)',
    colStd: 'Standardised',
    band: { within_95: 'within 95%', between_95_998: 'between 95% and 99.8%', outside_998: 'outside 99.8%' },
    direction: { higher: 'higher', lower: 'lower', no_clear_difference: 'no clear difference' },
    notCompared: 'not compared',
    noPoints: 'No published figures to draw.',
  },
};


const LINE_95 = '#3f6f9f';
const LINE_998 = '#1c2a39';
const OUTSIDE = '#b3400b';
const INSIDE = '#2f5f8f';
const PLOT_HEIGHT = 210;
/** The narrowest plot a label layout must fit (a phone, less the axis): labels that do not overlap here do not overlap wider. */
const NARROW_PLOT = 280;

const n2 = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** A round upper end for an axis from 0, and its ticks (at most 5 steps). */
function niceAxis(max: number): { max: number; ticks: number[] } {
  const quarter = Math.max(max, 1) / 4;
  const mag = 10 ** Math.floor(Math.log10(quarter));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * mag).find((s) => s >= quarter)!;
  const top = Math.ceil(max / step) * step || step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return { max: top, ticks };
}

interface Point {
  area: string;
  x: number;
  y: number;
  c: Comparison;
}

interface Panel {
  id: string;
  title: string;
  xLabel: string;
  points: Point[];
  /** The limits at x (null: none there). */
  limits: (x: number) => Limits | null;
  reference: number | null;
  xMin: number;
}

const GLYPH = { higher: '▲', lower: '▼', between: '◆', within: '●' } as const;
function glyphOf(c: Comparison): string {
  if (c.direction === 'higher') return GLYPH.higher;
  if (c.direction === 'lower') return GLYPH.lower;
  return c.band === 'between_95_998' ? GLYPH.between : GLYPH.within;
}

/** Labels of dots in the right part of the plot stand to their left, so that none runs past the plot. */
const leftOf = (fraction: number): boolean => fraction > 0.6;

/** Vertical nudges (px) so that no two labels overlap on the narrowest plot. */
function labelNudges(points: readonly Point[], xMax: number, yAt: (y: number) => number, labelled: (p: Point) => boolean): Map<Point, number> {
  // Every dot is an obstacle too (about 10 px square around its centre).
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = points.map((p) => {
    const x = (p.x / xMax) * NARROW_PLOT;
    const y = (yAt(p.y) / 100) * PLOT_HEIGHT;
    return { x0: x - 5, x1: x + 5, y0: y - 5, y1: y + 5 };
  });
  const out = new Map<Point, number>();
  const order = [...points].filter(labelled).sort((a, b) => b.y - a.y || cmp(a.area, b.area));
  for (const p of order) {
    const width = p.area.length * 7 + 4;
    const x0 = leftOf(p.x / xMax) ? (p.x / xMax) * NARROW_PLOT - 7 - width : (p.x / xMax) * NARROW_PLOT + 7;
    const x1 = x0 + width;
    const base = (yAt(p.y) / 100) * PLOT_HEIGHT;
    let nudge = 0;
    for (let i = 0; i < 24; i++) {
      const d = (i % 2 === 0 ? 1 : -1) * Math.ceil(i / 2) * 7;
      const y0 = base + d - 7;
      const y1 = base + d + 7;
      if (!placed.some((q) => x0 < q.x1 && q.x0 < x1 && y0 < q.y1 && q.y0 < y1)) {
        nudge = d;
        break;
      }
      nudge = d;
    }
    placed.push({ x0, x1, y0: base + nudge - 7, y1: base + nudge + 7 });
    out.set(p, nudge);
  }
  return out;
}

function panelHtml(p: Panel, yRange: { lo: number; hi: number; ticks: number[] }, w: Words, lang: Lang, kind: string): SafeHtml {
  const axis = niceAxis(Math.max(...p.points.map((q) => q.x), p.xMin) * 1.05);
  const X = (x: number): number => (x / axis.max) * 100;
  const Y = (y: number): number => ((y - yRange.lo) / (yRange.hi - yRange.lo)) * 100;
  // The limits along the axis, from a little left of the smallest point.
  const from = Math.max(1, p.xMin * 0.6);
  const xs = Array.from({ length: 28 }, (_, i) => from * (axis.max / from) ** (i / 27));
  const ls = xs.map((x) => ({ x, l: p.limits(x) }));
  const line = (key: keyof Limits, colour: string, dash: string | null) => {
    const pts = ls.filter((q) => q.l !== null).map((q) => `${n2(X(q.x))},${n2(100 - Y(q.l![key]))}`).join(' ');
    return html`<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="1.5" vector-effect="non-scaling-stroke"${dash ? html` stroke-dasharray="${dash}"` : null}/>`;
  };
  const ref = p.reference === null ? null : html`<line x1="0" x2="100" y1="${n2(100 - Y(p.reference))}" y2="${n2(100 - Y(p.reference))}" stroke="${REF_ALL}" stroke-width="1" vector-effect="non-scaling-stroke"/>`;
  const svg = html`<svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true" focusable="false" style="position:absolute;left:0;top:0;width:100%;height:100%;overflow:hidden">${ref}${line('low95', LINE_95, '4 3')}${line('high95', LINE_95, '4 3')}${line('low998', LINE_998, null)}${line('high998', LINE_998, null)}</svg>`;
  const labelled = (q: Point): boolean => p.points.length <= LABEL_ALL_UP_TO || q.c.band !== 'within_95';
  const nudges = labelNudges(p.points, axis.max, Y, labelled);
  const clampY = (y: number): number => Math.max(0, Math.min(100, Y(y)));
  const dots = p.points.map((q) => {
    const outside = q.c.band === 'outside_998';
    const value = fmtPct(q.y, lang);
    const dot = html`<span data-point="${q.c.measure}" data-area="${q.area}" data-kind="${kind}" data-method="${q.c.method}" title="${q.area}: ${value}" style="position:absolute;left:${n2(X(q.x))}%;bottom:${n2(clampY(q.y))}%;transform:translate(-50%,50%);font-size:12px;line-height:1;color:${outside ? OUTSIDE : INSIDE}">${glyphOf(q.c)}</span>`;
    const nudge = nudges.get(q);
    const side = leftOf(X(q.x) / 100) ? `right:calc(${n2(100 - X(q.x))}% + 7px)` : `left:calc(${n2(X(q.x))}% + 7px)`;
    const label = nudge === undefined ? null : html`<span style="position:absolute;${side};bottom:calc(${n2(clampY(q.y))}% + ${nudge}px);transform:translateY(50%);font-size:11px;line-height:1;white-space:nowrap;color:#1f2933">${q.area}</span>`;
    return html`${dot}${label}`;
  });
  const yTicks = yRange.ticks.map((v) => html`<span style="position:absolute;right:calc(100% + 4px);bottom:${n2(Y(v))}%;transform:translateY(50%);font-size:11px;color:${MUTED}">${fmtPct(v, lang)}</span>`);
  const xTicks = axis.ticks.map((v) => html`<span style="position:absolute;left:${n2(X(v))}%;top:calc(100% + 3px);transform:translateX(-50%);font-size:11px;color:${MUTED}">${fmtInt(v, lang)}</span>`);
  const plot = p.points.length === 0
    ? html`<p class="note">${w.noPoints}</p>`
    : html`<div style="position:relative;height:${PLOT_HEIGHT}px;margin:6px 8px 34px 40px;border-left:1px solid ${MUTED};border-bottom:1px solid ${MUTED}">${svg}${dots}${yTicks}${xTicks}<span style="position:absolute;right:0;top:calc(100% + 17px);font-size:11px;color:${MUTED}">${p.xLabel}</span></div>`;
  return html`<div data-chart="${p.id}" role="img" aria-label="${p.title}: ${w.yAxis} / ${p.xLabel}" style="flex:1 1 300px;min-width:0;max-width:560px"><div style="font-size:13px;font-weight:600;margin:0 0 2px">${p.title}</div>${plot}</div>`;
}

/** The y range of both panels: every point and the 99.8% limits at the smallest point, in 5% steps within 0..1. */
function yRangeOf(panels: readonly Panel[]): { lo: number; hi: number; ticks: number[] } {
  const ys: number[] = [];
  for (const p of panels) {
    for (const q of p.points) ys.push(q.y);
    if (p.reference !== null) ys.push(p.reference);
    const l = p.points.length > 0 ? p.limits(Math.min(...p.points.map((q) => q.x))) : null;
    if (l) ys.push(l.low998, l.high998);
  }
  if (ys.length === 0) return { lo: 0, hi: 1, ticks: [0, 0.5, 1] };
  const lo = Math.max(0, Math.floor((Math.min(...ys) - 0.01) / 0.05) * 0.05);
  const hi = Math.min(1, Math.ceil((Math.max(...ys) + 0.01) / 0.05) * 0.05);
  const span = hi - lo;
  const step = span <= 0.3 ? 0.05 : span <= 0.6 ? 0.1 : 0.2;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return { lo, hi: hi > lo ? hi : lo + 0.05, ticks };
}

function verdict(c: Comparison | undefined, w: Words): string {
  if (c === undefined || c.direction === null) return w.notCompared;
  return c.band === 'between_95_998' ? `${w.direction[c.direction]} (${w.band[c.band]})` : w.direction[c.direction];
}

function funnelFigure(ctx: ReportContext, w: Words, measure: string, bucket: string, kind: string): SafeHtml | null {
  const { t, lang, input } = ctx;
  const mine = input.comparisons.filter((c) => c.measure === measure && c.bucket === bucket && c.data_kind === kind && c.against === 'all');
  const measured = mine.filter((c) => c.method !== 'standardised');
  const std = mine.filter((c) => c.method === 'standardised');
  if (measured.length === 0 || !measured.some((c) => c.test.startsWith('funnel_'))) return null;
  const unit = measure === 'return_within' ? 'trajectories' : 'youths';
  const name = w.measure[bucket ? `${measure}/${bucket}` : measure] ?? measure;
  const id = `funnel-${measure}${bucket ? '-' + bucket : ''}-${kind}`;
  const shown = (c: Comparison): boolean => c.value !== null && c.denominator !== null;
  const rawRef = measured.find((c) => c.reference !== null)?.reference ?? null;
  const rawPhi = measured.find((c) => c.test === TEST_FUNNEL_PHI)?.phi ?? null;
  const stdRef = std.find((c) => c.reference !== null)?.reference ?? null;
  const stdPhi = std.find((c) => c.test === TEST_FUNNEL_PHI)?.phi ?? null;
  const rawPoints: Point[] = measured.filter(shown).map((c) => ({ area: c.area, x: c.denominator!, y: c.value!, c }));
  const stdPoints: Point[] = std.filter((c) => c.expected !== null && c.standardised_value !== null).map((c) => ({ area: c.area, x: c.expected!, y: c.standardised_value!, c }));
  const panels: Panel[] = [
    {
      id: `${id}-measured`, title: w.rawPanel, xLabel: w.xRaw(unit), points: rawPoints, reference: rawRef,
      xMin: rawPoints.length > 0 ? Math.min(...rawPoints.map((q) => q.x)) : 10,
      limits: (x) => (rawRef === null ? null : shareLimits(rawRef, Math.max(1, Math.round(x)), rawPhi)),
    },
  ];
  if (std.length > 0) {
    panels.push({
      id: `${id}-standardised`, title: w.stdPanel, xLabel: w.xStd, points: stdPoints, reference: stdRef,
      xMin: stdPoints.length > 0 ? Math.min(...stdPoints.map((q) => q.x)) : 10,
      limits: (x) => {
        if (stdRef === null) return null;
        const l = ratioLimits(x, stdPhi);
        return { low95: l.low95 * stdRef, high95: l.high95 * stdRef, low998: l.low998 * stdRef, high998: l.high998 * stdRef };
      },
    });
  }
  const yRange = yRangeOf(panels);
  const chart = html`<div style="display:flex;flex-wrap:wrap;gap:8px 28px">${panels.map((p) => panelHtml(p, yRange, w, lang, kind))}</div>`;
  const notes: string[] = [];
  if (rawPhi !== null) notes.push(`${w.rawPanel}: ${w.overdispersed(fmtDec(rawPhi, 2, lang))}`);
  if (stdPhi !== null) notes.push(`${w.stdPanel}: ${w.overdispersed(fmtDec(stdPhi, 2, lang))}`);
  // Which limits each panel draws, in the words of the comparisons table.
  notes.push([
    `${w.rawPanel}: ${t.tests[rawPhi === null ? 'funnel_exact_binomial' : TEST_FUNNEL_PHI]}`,
    ...(std.length > 0 ? [`${w.stdPanel}: ${t.tests[stdPhi === null ? 'funnel_exact_poisson' : TEST_FUNNEL_PHI]}`] : []),
  ].join(' · ') + '.');
  if (panels.some((p) => p.points.length > LABEL_ALL_UP_TO)) notes.push(w.labelsOutside);

  // The numbers: every municipality of the kind, raw beside standardised.
  const stdBy = new Map(std.map((c) => [c.area, c]));
  const body = [...measured].sort((a, b) => cmp(a.region ?? '\uffff', b.region ?? '\uffff') || cmp(a.area, b.area)).map((c) => {
    const s = stdBy.get(c.area);
    const share = shown(c) ? fmtPct(c.value!, lang) : secret(t.suppressed);
    const n = c.denominator !== null ? fmtInt(c.denominator, lang) : '';
    const stdCells = std.length === 0 ? null : html`<td class="r">${s !== undefined && s.expected !== null ? fmtDec(s.expected, 1, lang) : ''}</td><td class="r">${s !== undefined && s.oe !== null ? `${fmtDec(s.oe, 2, lang)} (${fmtDec(s.oe_low!, 2, lang)}–${fmtDec(s.oe_high!, 2, lang)})` : ''}</td><td class="r">${s !== undefined && s.standardised_value !== null ? fmtPct(s.standardised_value, lang) : ''}</td><td>${verdict(s, w)}</td>`;
    return html`<tr><th scope="row">${c.area}</th><td>${regionName(c.region, t)}</td><td class="r">${n}</td><td class="r">${share}</td><td>${verdict(c, w)}</td>${stdCells}</tr>`;
  });
  const columns = [
    { label: t.colArea }, { label: t.colRegion }, { label: w.colN(unit), cls: 'r' }, { label: w.colShare, cls: 'r' }, { label: w.colBand },
    ...(std.length === 0 ? [] : [{ label: w.colExpected, cls: 'r' }, { label: w.colRatio, cls: 'r' }, { label: w.colStd, cls: 'r' }, { label: w.colBand }]),
  ];
  const title = `${name} · ${kindName(kind, t)}`;
  const numbers = table(columns, body, { caption: title, cls: 'numbers' });
  // As figure() in section.ts, captioned with the measure as well as the kind (no heading of its own, so
  // that on paper the caption, which is kept with what follows, stays with its plot); the notes on the
  // limits come first, as in-flow text (the plot's text is positioned, and printed after a page's other text).
  return html`<figure><figcaption>${title}</figcaption>${notes.map((n) => html`<p class="note">${n}</p>`)}${chart}<details class="numbers"><summary>${t.numbersSummary}</summary>${numbers}</details></figure>`;
}

function legend(w: Words): SafeHtml {
  const swatch = (style: string) => html`<span aria-hidden="true" style="display:inline-block;width:22px;height:0;border-top:${style}"></span>`;
  return html`<ul class="legend"><li>${swatch(`2px dashed ${LINE_95}`)}${w.legend95}</li><li>${swatch(`2px solid ${LINE_998}`)}${w.legend998}</li><li>${swatch(`1px solid ${REF_ALL}`)}${w.legendRef}</li><li>${w.legendPoints}</li></ul>`;
}

export const funnels: Section = {
  id: 'trechters',
  title: (t) => WORDS[t.lang].title,
  shown: (ctx) => ctx.input.comparisons.some((c) => c.test.startsWith('funnel_') && PLOTTED.some((p) => p.measure === c.measure)),
  body: (ctx) => {
    const w = WORDS[ctx.lang];
    const kinds = [...new Set(ctx.input.comparisons.map((c) => c.data_kind))].sort(kindCmp);
    const figures = PLOTTED.flatMap(({ measure, bucket }) => kinds.map((kind) => funnelFigure(ctx, w, measure, bucket, kind)));
    return html`<p class="lede">${w.lede}</p><p class="lede">${w.howToRead}</p>${legend(w)}${figures}<p class="note">${w.rounded}</p>`;
  },
};
