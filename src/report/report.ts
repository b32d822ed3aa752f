// The HTML report: one self-contained file (inline CSS, inline SVG, no script, no network),
// Dutch by default, English with lang 'en'. Pure and deterministic: the same input gives the
// same bytes (no clock unless `generatedAt` is given, every collection is sorted).

import { CATEGORIES } from '../model/model.js';
import type { CategoryId, MetricRow } from '../model/model.js';
import type { Comparison } from '../compare/compare.js';
import { fmtDec, fmtInt, fmtPct, fractionPhrase } from './format.js';
import { STRINGS } from './i18n/strings.js';
import type { Lang, Strings } from './i18n/strings.js';

export interface ReportSource {
  file: string;
  kind: string;
  read: number;
  accepted: number;
  rejected: number;
  reasons: Record<string, number>;
}

export interface ReportInput {
  lang: Lang;
  /** Published rows (after disclosure control). */
  rows: MetricRow[];
  comparisons: Comparison[];
  /** municipality area -> region name */
  regionOf: Record<string, string>;
  year: number;
  gapDays: number;
  disclosure: { mode: 'cbs' | 'off'; threshold: number; roundingBase: number };
  accounting: { sources: ReportSource[] };
  quality: {
    warnings: string[];
    unmapped: { code: string; gemeente: string; products: number }[];
    backlog?: string[];
    /** Share (0..1) of products without an end date. */
    openEndedShare?: number;
  };
  engineVersion: string;
  /** Significance level the comparisons were made at (default 0.05); only printed. */
  alpha?: number;
  /** Printed when given; omitted otherwise so the output stays deterministic. */
  generatedAt?: string;
}

// ---- small helpers -----------------------------------------------------------------------

const KIND_ORDER = ['allocations', 'claims', 'mixed'];

export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A string for a CSS "..." literal. */
function cssString(s: string): string {
  return s.replace(/[\\"]/g, (c) => '\\' + c).replace(/[<>\n]/g, ' ');
}

/** Coordinates with at most 2 decimals, without trailing zeros: stable and compact. */
function n2(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kindCmp(a: string, b: string): number {
  const ia = KIND_ORDER.indexOf(a);
  const ib = KIND_ORDER.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || cmp(a, b);
}

function isHidden(r: MetricRow | undefined): boolean {
  return r === undefined || r.status === 'suppressed' || r.status === 'secondary' || r.value === null;
}

class RowIndex {
  private readonly map = new Map<string, MetricRow>();
  constructor(rows: readonly MetricRow[]) {
    for (const r of rows) {
      if (r.measure === 'trajectory_size') continue;
      this.map.set(RowIndex.key(r.level, r.area, r.data_kind, r.measure, r.category), r);
    }
  }
  static key(level: string, area: string, kind: string, measure: string, category: string): string {
    return `${level}\u0000${area}\u0000${kind}\u0000${measure}\u0000${category}`;
  }
  get(level: string, area: string, kind: string, measure: string, category = ''): MetricRow | undefined {
    return this.map.get(RowIndex.key(level, area, kind, measure, category));
  }
}

interface Group {
  region: string | null;
  areas: string[];
}

/** Municipalities grouped by region (regions sorted, unknown region last; areas sorted). */
function groupAreas(areas: Iterable<string>, regionOf: Record<string, string>): Group[] {
  const byRegion = new Map<string | null, string[]>();
  for (const a of areas) {
    const r = Object.prototype.hasOwnProperty.call(regionOf, a) ? regionOf[a]! : null;
    const list = byRegion.get(r) ?? [];
    list.push(a);
    byRegion.set(r, list);
  }
  const regions = [...byRegion.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : cmp(a, b)));
  return regions.map((region) => ({ region, areas: [...byRegion.get(region)!].sort(cmp) }));
}

// ---- colours -----------------------------------------------------------------------------

const BAR = '#3f6f9f';
const WHISKER = '#1c2a39';
const REF_REGION = '#c2410c';
const REF_ALL = '#374151';
const CAT_COLOUR: Record<CategoryId, string> = {
  ggz: '#c2410c', // highlighted: strong vermillion
  ambulant_non_ggz: '#a8c8e8',
  verblijf_non_ggz: '#b7dcc8',
  overig_multidisciplinair: '#e8dca8',
  jeugdbescherming: '#dcc0d8',
  jeugdreclassering: '#c4c4e0',
};
const COMBINATION = '#e3e6ea';
/** Start-chart order: GGZ first so it lines up across municipalities. */
const START_ORDER: CategoryId[] = ['ggz', ...CATEGORIES.filter((c) => c !== 'ggz')];

/** A white rounded label on a hatched (suppressed) bar, sized to its text. */
function pill(cx: number, cy: number, text: string): string {
  const w = Math.max(52, Math.round(text.length * 6.4 + 18));
  return (
    `<rect class="pill" x="${n2(cx - w / 2)}" y="${n2(cy - 7)}" width="${w}" height="14" rx="7"/>` +
    `<text class="pilltext" x="${n2(cx)}" y="${n2(cy + 4)}" text-anchor="middle">${esc(text)}</text>`
  );
}

function hatchPattern(id: string): string {
  return (
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="7" height="7" patternTransform="rotate(45)">` +
    `<rect width="7" height="7" fill="#f4f5f7"/><line x1="0" y1="0" x2="0" y2="7" stroke="#9ca3af" stroke-width="2.4"/></pattern>`
  );
}

// ---- bar charts (outflow, products per trajectory) ---------------------------------------

const W = 900;
const TX = 170; // track start
const TW = 470; // track width
const VX = TX + TW + 16; // value column (left-aligned)
const NX = 800; // n column (right-aligned)
const EX = 892; // extra column (right-aligned)
const ROW = 26;
const HEAD = 32;

interface BarChartSpec {
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

function barChart(spec: BarChartSpec, idx: RowIndex, t: Strings, lang: Lang): string {
  const { measure, kind } = spec;
  const x = (v: number): number => TX + (Math.max(0, Math.min(spec.max, v)) / spec.max) * TW;
  const hatch = `hatch-${spec.id}`;
  const parts: string[] = [];
  const lines: string[] = []; // reference lines drawn above the bars
  const overlay: string[] = []; // "geheim" labels, drawn above the reference lines
  let y = 0;

  const header = (): void => {
    parts.push(
      `<text class="colhead" x="${NX}" y="18" text-anchor="end">${esc(spec.nHeader)}</text>` +
        (spec.extra ? `<text class="colhead" x="${EX}" y="18" text-anchor="end">${esc(spec.extra.header)}</text>` : ''),
    );
    y = 26;
  };

  const valueCells = (r: MetricRow | undefined, cy: number, cls: string, extra: string): string => {
    const hidden = isHidden(r);
    const v = hidden ? `<text class="${cls} secret" x="${VX}" y="${n2(cy)}">${esc(t.suppressed)}</text>`
      : `<text class="${cls}" x="${VX}" y="${n2(cy)}">${esc(spec.fmtValue(r!.value!))}</text>`;
    const n = r?.denominator != null ? `<text class="num" x="${NX}" y="${n2(cy)}" text-anchor="end">${esc(fmtInt(r.denominator, lang))}</text>` : '';
    const e = extra ? `<text class="num" x="${EX}" y="${n2(cy)}" text-anchor="end">${esc(extra)}</text>` : '';
    return v + n + e;
  };

  header();
  const plotTop = y;

  // overall row
  const all = idx.get('all', 'all', kind, measure);
  {
    const cy = y + HEAD / 2 + 4;
    parts.push(`<text class="grouplabel" x="0" y="${n2(cy)}">${esc(t.allData)}</text>`);
    parts.push(valueCells(all, cy, 'val ref', spec.extra ? spec.extra.value('all', 'all') : ''));
    y += HEAD;
  }

  for (const g of spec.groups) {
    const regionRow = g.region === null ? undefined : idx.get('region', g.region, kind, measure);
    const cy = y + HEAD / 2 + 6;
    const name = g.region === null ? t.unknownRegion : `${t.regionPrefix} ${g.region}`;
    parts.push(`<line class="sep" x1="0" x2="${W}" y1="${n2(y + 4)}" y2="${n2(y + 4)}"/>`);
    parts.push(`<text class="grouplabel" x="0" y="${n2(cy)}">${esc(name)}</text>`);
    if (g.region !== null) parts.push(valueCells(regionRow, cy, 'val ref', spec.extra ? spec.extra.value(g.region, 'region') : ''));
    y += HEAD;
    const groupTop = y;
    for (const area of g.areas) {
      const r = idx.get('municipality', area, kind, measure);
      const by = y + (ROW - 12) / 2;
      const mid = y + ROW / 2;
      parts.push(`<rect class="track" x="${TX}" y="${n2(by)}" width="${TW}" height="12"/>`);
      parts.push(`<text class="area" x="${TX - 12}" y="${n2(mid + 4.5)}" text-anchor="end">${esc(area)}</text>`);
      if (r === undefined) {
        // no figure of this kind for this municipality: leave the track empty
      } else if (isHidden(r)) {
        parts.push(
          `<rect data-suppressed="${measure}" data-area="${esc(area)}" data-kind="${esc(kind)}" x="${TX}" y="${n2(by)}" width="${TW}" height="12" fill="url(#${hatch})">` +
            `<title>${esc(`${area}: ${t.suppressedLong}`)}</title></rect>`,
        );
        overlay.push(pill(TX + TW / 2, mid, t.suppressed));
      } else {
        const v = r.value!;
        const ci = r.ci_low !== null && r.ci_high !== null ? ` (95%: ${spec.fmtValue(r.ci_low)}–${spec.fmtValue(r.ci_high)})` : '';
        parts.push(
          `<rect data-bar="${measure}" data-area="${esc(area)}" data-kind="${esc(kind)}" x="${TX}" y="${n2(by)}" width="${n2(x(v) - TX)}" height="12" fill="${BAR}">` +
            `<title>${esc(`${area}: ${spec.fmtValue(v)}${ci}`)}</title></rect>`,
        );
        if (r.ci_low !== null && r.ci_high !== null) {
          const x1 = x(r.ci_low);
          const x2 = x(r.ci_high);
          parts.push(
            `<g class="ci"><line x1="${n2(x1)}" x2="${n2(x2)}" y1="${n2(mid)}" y2="${n2(mid)}"/>` +
              `<line x1="${n2(x1)}" x2="${n2(x1)}" y1="${n2(mid - 5)}" y2="${n2(mid + 5)}"/>` +
              `<line x1="${n2(x2)}" x2="${n2(x2)}" y1="${n2(mid - 5)}" y2="${n2(mid + 5)}"/></g>`,
          );
        }
      }
      parts.push(valueCells(r, mid + 4.5, 'val', spec.extra ? spec.extra.value(area, 'municipality') : ''));
      y += ROW;
    }
    if (!isHidden(regionRow) && g.areas.length > 0) {
      const rx = x(regionRow!.value!);
      lines.push(
        `<line class="ref-region" x1="${n2(rx)}" x2="${n2(rx)}" y1="${n2(groupTop + 2)}" y2="${n2(y - 2)}"><title>${esc(
          `${t.regionPrefix} ${g.region}: ${spec.fmtValue(regionRow!.value!)}`,
        )}</title></line>`,
      );
    }
  }
  const plotBottom = y;
  if (!isHidden(all)) {
    const ax = x(all!.value!);
    lines.push(
      `<line class="ref-all" x1="${n2(ax)}" x2="${n2(ax)}" y1="${n2(plotTop + 6)}" y2="${n2(plotBottom)}"><title>${esc(
        `${t.allData}: ${spec.fmtValue(all!.value!)}`,
      )}</title></line>`,
    );
  }
  // grid and axis
  const grid: string[] = [];
  for (const tick of spec.ticks) {
    const gx = x(tick);
    grid.push(`<line class="grid" x1="${n2(gx)}" x2="${n2(gx)}" y1="${n2(plotTop + 6)}" y2="${n2(plotBottom + 4)}"/>`);
    grid.push(`<text class="tick" x="${n2(gx)}" y="${n2(plotBottom + 20)}" text-anchor="middle">${esc(spec.fmtValue(tick))}</text>`);
  }
  const height = plotBottom + 28;
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${n2(height)}" width="${W}" height="${n2(height)}" role="img" aria-label="${esc(spec.title)}" data-chart="${esc(spec.id)}">` +
    `<defs>${hatchPattern(hatch)}</defs>` +
    grid.join('') +
    parts.join('') +
    lines.join('') +
    overlay.join('') +
    `</svg>`
  );
}

function legendBars(t: Strings, internal: boolean): string {
  const sw = (inner: string): string => `<svg class="sw" viewBox="0 0 28 14" width="28" height="14" aria-hidden="true">${inner}</svg>`;
  return (
    `<ul class="legend">` +
    `<li>${sw(`<rect x="0" y="2" width="28" height="10" fill="${BAR}"/>`)}${esc(t.legendBar)}</li>` +
    `<li>${sw(`<g stroke="${WHISKER}" stroke-width="1.5"><line x1="3" x2="25" y1="7" y2="7"/><line x1="3" x2="3" y1="2" y2="12"/><line x1="25" x2="25" y1="2" y2="12"/></g>`)}${esc(t.legendCi)}</li>` +
    `<li>${sw(`<line x1="14" x2="14" y1="0" y2="14" stroke="${REF_REGION}" stroke-width="2.5" stroke-dasharray="4 2"/>`)}${esc(t.legendRegion)}</li>` +
    `<li>${sw(`<line x1="14" x2="14" y1="0" y2="14" stroke="${REF_ALL}" stroke-width="2"/>`)}${esc(t.legendAll)}</li>` +
    (internal
      ? ''
      : `<li>${sw(`<defs>${hatchPattern('hatch-legend')}</defs><rect x="0" y="2" width="28" height="10" fill="url(#hatch-legend)"/>`)}${esc(t.legendSuppressed)}</li>`) +
    `</ul>`
  );
}

// ---- start-category chart ----------------------------------------------------------------

function startChart(id: string, kind: string, groups: Group[], idx: RowIndex, t: Strings, lang: Lang, title: string): string {
  const hatch = `hatch-${id}`;
  const SX = TX;
  const SW = 600;
  const GX = EX; // GGZ-any column, right-aligned
  const parts: string[] = [];
  let y = 0;
  parts.push(`<text class="colhead ggzhead" x="${GX}" y="18" text-anchor="end">${esc(t.startGgzAny)}</text>`);
  y = 26;

  const stacked = (level: 'municipality' | 'region' | 'all', area: string, top: number, h: number, isRef: boolean): string => {
    const out: string[] = [];
    let cursor = 0;
    let anyHidden = false;
    let known = 0;
    const segs: { cat: CategoryId; v: number }[] = [];
    for (const cat of START_ORDER) {
      const r = idx.get(level, area, kind, 'start_category_alone', cat);
      if (r === undefined) continue;
      if (isHidden(r)) {
        anyHidden = true;
        continue;
      }
      segs.push({ cat, v: r.value! });
      known += r.value!;
    }
    const scale = known > 1 ? 1 / known : 1;
    const attr = isRef ? 'data-ref-bar="start_category_alone"' : 'data-bar="start_category_alone"';
    for (const s of segs) {
      const w = s.v * scale * SW;
      const sx = SX + cursor;
      const label = `${t.categories[s.cat]}: ${fmtPct(s.v, lang)}`;
      out.push(
        `<rect ${attr} data-area="${esc(area)}" data-category="${s.cat}" x="${n2(sx)}" y="${n2(top)}" width="${n2(w)}" height="${h}" fill="${CAT_COLOUR[s.cat]}"${s.cat === 'ggz' ? ' class="seg-ggz"' : ''}><title>${esc(`${area} · ${label}`)}</title></rect>`,
      );
      if (w >= 34 && h >= 12) {
        out.push(
          `<text class="segtext${s.cat === 'ggz' ? ' on-dark' : ''}" x="${n2(sx + w / 2)}" y="${n2(top + h / 2 + 4)}" text-anchor="middle">${esc(fmtPct(s.v, lang))}</text>`,
        );
      }
      cursor += w;
    }
    const rest = Math.max(0, SW - cursor);
    if (rest > 0.01) {
      if (anyHidden) {
        out.push(
          `<rect ${isRef ? 'data-ref-suppressed' : 'data-suppressed'}="start_category_alone" data-area="${esc(area)}" x="${n2(SX + cursor)}" y="${n2(top)}" width="${n2(rest)}" height="${h}" fill="url(#${hatch})"><title>${esc(`${area} · ${t.suppressedOrCombination}`)}</title></rect>`,
        );
        if (rest >= t.suppressed.length * 6.4 + 30 && h >= 12) out.push(pill(SX + cursor + rest / 2, top + h / 2, t.suppressed));
      } else if (segs.length > 0) {
        out.push(
          `<rect x="${n2(SX + cursor)}" y="${n2(top)}" width="${n2(rest)}" height="${h}" fill="${COMBINATION}"><title>${esc(`${area} · ${t.combination}: ${fmtPct(rest / SW, lang)}`)}</title></rect>`,
        );
      }
    }
    if (segs.length === 0 && !anyHidden) return '';
    // outline of the whole 100% bar
    out.push(`<rect class="outline" x="${SX}" y="${n2(top)}" width="${SW}" height="${h}"/>`);
    return out.join('');
  };

  const ggzAny = (level: 'municipality' | 'region' | 'all', area: string, cy: number, cls: string): string => {
    const r = idx.get(level, area, kind, 'start_category_any', 'ggz');
    if (r === undefined) return '';
    return isHidden(r)
      ? `<text class="${cls} secret" x="${GX}" y="${n2(cy)}" text-anchor="end">${esc(t.suppressed)}</text>`
      : `<text class="${cls} ggzval" x="${GX}" y="${n2(cy)}" text-anchor="end">${esc(fmtPct(r.value!, lang))}</text>`;
  };

  // overall
  {
    const cy = y + HEAD / 2 + 4;
    parts.push(`<text class="grouplabel" x="0" y="${n2(cy)}">${esc(t.allData)}</text>`);
    parts.push(stacked('all', 'all', y + 8, 16, true));
    parts.push(ggzAny('all', 'all', cy, 'val ref'));
    y += HEAD;
  }
  for (const g of groups) {
    const cy = y + HEAD / 2 + 6;
    const name = g.region === null ? t.unknownRegion : `${t.regionPrefix} ${g.region}`;
    parts.push(`<line class="sep" x1="0" x2="${W}" y1="${n2(y + 4)}" y2="${n2(y + 4)}"/>`);
    parts.push(`<text class="grouplabel" x="0" y="${n2(cy)}">${esc(name)}</text>`);
    if (g.region !== null) {
      parts.push(stacked('region', g.region, y + 10, 16, true));
      parts.push(ggzAny('region', g.region, cy, 'val ref'));
    }
    y += HEAD;
    for (const area of g.areas) {
      const mid = y + ROW / 2;
      parts.push(`<text class="area" x="${TX - 12}" y="${n2(mid + 4.5)}" text-anchor="end">${esc(area)}</text>`);
      parts.push(stacked('municipality', area, y + 4, ROW - 8, false));
      parts.push(ggzAny('municipality', area, mid + 4.5, 'val'));
      y += ROW;
    }
  }
  const height = y + 10;
  return (
    `<svg class="chart" viewBox="0 0 ${W} ${n2(height)}" width="${W}" height="${n2(height)}" role="img" aria-label="${esc(title)}" data-chart="${esc(id)}">` +
    `<defs>${hatchPattern(hatch)}</defs>` +
    parts.join('') +
    `</svg>`
  );
}

function legendStart(t: Strings, internal: boolean): string {
  const sw = (fill: string, extra = ''): string =>
    `<svg class="sw" viewBox="0 0 16 14" width="16" height="14" aria-hidden="true">${extra}<rect x="0" y="1" width="16" height="12" fill="${fill}" stroke="#6b7280" stroke-width="0.5"/></svg>`;
  const items = START_ORDER.map(
    (c) => `<li${c === 'ggz' ? ' class="ggz"' : ''}>${sw(CAT_COLOUR[c])}${esc(t.categories[c])}</li>`,
  );
  items.push(`<li>${sw(COMBINATION)}${esc(t.combination)}</li>`);
  if (!internal) items.push(`<li>${sw('url(#hatch-legend2)', `<defs>${hatchPattern('hatch-legend2')}</defs>`)}${esc(t.suppressedOrCombination)}</li>`);
  return `<ul class="legend">${items.join('')}</ul>`;
}

// ---- comparisons -------------------------------------------------------------------------

const MAIN_MEASURES: { measure: string; category: string }[] = [
  { measure: 'outflow', category: '' },
  { measure: 'in_care_next_year', category: '' },
  { measure: 'trajectories_open', category: '' },
  { measure: 'products_per_trajectory', category: '' },
  { measure: 'start_category_any', category: 'ggz' },
  { measure: 'start_category_alone', category: 'ggz' },
];

function phraseFor(r: MetricRow | undefined, measure: string, category: string, t: Strings, lang: Lang, year: number): string {
  const catName = category === '' ? '' : t.categoriesShort[category as CategoryId] ?? category;
  const what = `${t.measureName[measure] ?? measure}${catName ? ' ' + catName : ''}`;
  if (r === undefined) return esc(`${what}: –`);
  if (isHidden(r)) return `<span class="secret">${esc(t.phrase.suppressed(what))}</span>`;
  const v = r.value!;
  const f = fractionPhrase(v, lang);
  const p = fmtPct(v, lang);
  switch (measure) {
    case 'outflow':
      return esc(cap(t.phrase.outflow(f, p, year)));
    case 'in_care_next_year':
      return esc(cap(t.phrase.in_care_next_year(f, p, year)));
    case 'trajectories_open':
      return esc(cap(t.phrase.trajectories_open(f, p, year)));
    case 'products_per_trajectory':
      return esc(cap(t.phrase.products_per_trajectory(fmtDec(v, 1, lang))));
    case 'start_category_any':
      return esc(cap(t.phrase.start_category_any(f, p, catName)));
    case 'start_category_alone':
      return esc(cap(t.phrase.start_category_alone(f, p, catName)));
    default:
      return esc(`${what}: ${p}`);
  }
}

function cap(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

const GLYPH: Record<string, string> = { higher: '▲', lower: '▼', no_clear_difference: '●' };

function directionCell(c: Comparison | undefined, t: Strings, span = 1): string {
  if (c === undefined) return `<td class="dir dir-na">–</td>`;
  const ref = c.against === 'region' ? t.refRegion : t.refAll;
  if (c.direction === null) {
    const why = c.reason ? t.notComparedReason[c.reason] ?? c.reason : '';
    return `<td class="dir dir-na"${span > 1 ? ` colspan="${span}"` : ''}><span class="glyph" aria-hidden="true">–</span>${esc(t.notCompared)}${why ? ` <span class="why">(${esc(why)})</span>` : ''}</td>`;
  }
  const text = t.direction[c.direction](ref);
  return `<td class="dir dir-${c.direction}"><span class="glyph" aria-hidden="true">${GLYPH[c.direction]}</span>${esc(text)}</td>`;
}

/** Both comparisons of a row not made for the same reason: one cell across both columns. */
function directionCells(cr: Comparison | undefined, ca: Comparison | undefined, t: Strings): string {
  if (cr !== undefined && ca !== undefined && cr.direction === null && ca.direction === null && cr.reason === ca.reason) {
    return directionCell(cr, t, 2);
  }
  return directionCell(cr, t) + directionCell(ca, t);
}

function comparisonTable(input: ReportInput, idx: RowIndex, groups: Group[], t: Strings): string {
  const { lang, year } = input;
  const byKey = new Map<string, Comparison>();
  for (const c of input.comparisons) byKey.set(`${c.area}\u0000${c.data_kind}\u0000${c.measure}\u0000${c.category}\u0000${c.against}`, c);
  const get = (area: string, kind: string, measure: string, category: string, against: string): Comparison | undefined =>
    byKey.get(`${area}\u0000${kind}\u0000${measure}\u0000${category}\u0000${against}`);

  const kindsOf = new Map<string, Set<string>>();
  for (const c of input.comparisons) {
    const s = kindsOf.get(c.area) ?? new Set<string>();
    s.add(c.data_kind);
    kindsOf.set(c.area, s);
  }
  const blocks: string[] = [];
  for (const { area, region } of orderedAreas(groups, [...kindsOf.keys()], input.regionOf)) {
    for (const kind of [...kindsOf.get(area)!].sort(kindCmp)) {
      const has = (m: string, c: string): boolean => get(area, kind, m, c, 'region') !== undefined || get(area, kind, m, c, 'all') !== undefined;
      // in_care_next_year mirrors outflow: shown only when outflow is not compared
      const rows = MAIN_MEASURES.filter((m) => has(m.measure, m.category) && !(m.measure === 'in_care_next_year' && has('outflow', '')));
      if (rows.length === 0) continue;
      const body = rows.map((m) => {
        const cr = get(area, kind, m.measure, m.category, 'region');
        const ca = get(area, kind, m.measure, m.category, 'all');
        const test = (cr ?? ca)!.test;
        return (
          `<tr><td class="what">${phraseFor(idx.get('municipality', area, kind, m.measure, m.category), m.measure, m.category, t, lang, year)}</td>` +
          directionCells(cr, ca, t) +
          `<td class="test">${esc(t.tests[test] ?? test)}</td></tr>`
        );
      });
      const regionName = region === null ? t.unknownRegion : `${t.regionPrefix} ${region}`;
      blocks.push(
        `<tbody data-area="${esc(area)}"><tr class="grouphead"><th colspan="4" scope="colgroup"><span class="areaname">${esc(area)}</span>` +
          `<span class="ctx">${esc(regionName)} · ${esc(t.kindShort[kind] ?? kind)}</span></th></tr>${body.join('')}</tbody>`,
      );
    }
  }
  if (blocks.length === 0) return '';
  return (
    `<table class="cmp"><colgroup><col class="c-what"><col class="c-dir"><col class="c-dir"><col class="c-test"></colgroup>` +
    `<thead><tr><th scope="col">${esc(t.colWhat)}</th><th scope="col">${esc(t.colVsRegion)}</th><th scope="col">${esc(t.colVsAll)}</th><th scope="col">${esc(t.colTest)}</th></tr></thead>` +
    `${blocks.join('')}</table>`
  );
}

function startMatrix(input: ReportInput, groups: Group[], t: Strings): string {
  const cs = input.comparisons.filter((c) => c.measure === 'start_category_any');
  if (cs.length === 0) return '';
  const byKey = new Map<string, Comparison>();
  for (const c of cs) byKey.set(`${c.area}\u0000${c.data_kind}\u0000${c.category}\u0000${c.against}`, c);
  const pairs = new Map<string, Set<string>>();
  for (const c of cs) {
    const s = pairs.get(c.area) ?? new Set<string>();
    s.add(c.data_kind);
    pairs.set(c.area, s);
  }
  const glyph = (c: Comparison | undefined): string => {
    if (c === undefined || c.direction === null) {
      const why = c?.reason ? ` (${t.notComparedReason[c.reason] ?? c.reason})` : '';
      return `<span class="g g-na" title="${esc(t.notCompared + why)}">–</span>`;
    }
    const ref = c.against === 'region' ? t.refRegion : t.refAll;
    return `<span class="g g-${c.direction}" title="${esc(t.direction[c.direction](ref))}">${GLYPH[c.direction]}</span>`;
  };
  const body: string[] = [];
  for (const { area } of orderedAreas(groups, [...pairs.keys()], input.regionOf)) {
    for (const kind of [...pairs.get(area)!].sort(kindCmp)) {
      const cells = CATEGORIES.map((cat) => {
        const r = byKey.get(`${area}\u0000${kind}\u0000${cat}\u0000region`);
        const a = byKey.get(`${area}\u0000${kind}\u0000${cat}\u0000all`);
        return `<td class="${cat === 'ggz' ? 'ggzcol' : ''}">${glyph(r)}${glyph(a)}</td>`;
      });
      body.push(`<tr><th scope="row">${esc(area)} <span class="sub">${esc(t.kindShort[kind] ?? kind)}</span></th>${cells.join('')}</tr>`);
    }
  }
  const head = CATEGORIES.map((c) => `<th scope="col"${c === 'ggz' ? ' class="ggzcol"' : ''}>${esc(t.categories[c])}</th>`).join('');
  return (
    `<h3>${esc(t.startMatrixTitle)}</h3><p class="lede">${esc(t.startMatrixLede)}</p>` +
    `<div class="tablewrap"><table class="matrix"><thead><tr><th scope="col">${esc(t.colArea)}</th>${head}</tr></thead><tbody>${body.join('')}</tbody></table></div>` +
    `<p class="note">${esc(t.symbolsLegend)}</p>`
  );
}

function orderedAreas(groups: Group[], extra: string[], regionOf: Record<string, string>): { area: string; region: string | null }[] {
  const seen = new Set<string>();
  const out: { area: string; region: string | null }[] = [];
  const wanted = new Set(extra);
  for (const g of groups) {
    for (const a of g.areas) {
      if (wanted.has(a) && !seen.has(a)) {
        seen.add(a);
        out.push({ area: a, region: g.region });
      }
    }
  }
  const rest = extra.filter((a) => !seen.has(a)).sort(cmp);
  for (const a of rest) out.push({ area: a, region: Object.prototype.hasOwnProperty.call(regionOf, a) ? regionOf[a]! : null });
  return out;
}

// ---- the page ----------------------------------------------------------------------------

const CSS = `
:root{--ink:#1f2933;--muted:#5f6b7a;--line:#d9dee4;--soft:#f4f6f8;--accent:#1d4f80;--ggz:${CAT_COLOUR.ggz};--red:#b91c1c}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif;font-variant-numeric:tabular-nums}
main{max-width:980px;margin:0 auto;padding:28px 32px 56px}
.banner{background:var(--red);color:#fff;padding:14px 32px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.banner strong{display:block;font-size:20px;letter-spacing:.02em;text-transform:uppercase}
.banner span{display:block;max-width:980px;font-size:14px;opacity:.95}
header.top{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:8px}
.eyebrow{color:var(--accent);font-weight:600;font-size:13px;letter-spacing:.06em;text-transform:uppercase;margin:0 0 6px}
h1{font-size:30px;line-height:1.2;margin:0 0 10px;letter-spacing:-.01em}
h2{font-size:22px;line-height:1.25;margin:44px 0 6px;padding-top:8px;border-top:1px solid var(--line)}
h3{font-size:16px;margin:22px 0 4px}
p{margin:0 0 10px}
.subtitle{font-size:16px;color:#3d4752;max-width:760px}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;color:var(--muted);font-size:13px;margin-top:10px}
.badge{display:inline-block;border-radius:999px;padding:1px 10px;font-size:12.5px;font-weight:600}
.badge.safe{background:#e6f0e8;color:#1f5130}
.badge.internal{background:var(--red);color:#fff}
nav.toc{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13.5px;margin:14px 0 0;color:var(--muted)}
nav.toc a{color:var(--accent);text-decoration:none;white-space:nowrap}
nav.toc a:hover{text-decoration:underline}
.lede{color:#3d4752;max-width:780px}
.caveat{background:#fff7e6;border-left:4px solid #d97706;padding:8px 12px;max-width:800px;font-size:14px}
.note{color:var(--muted);font-size:13px}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:12px;margin:10px 0 6px}
.card{border:1px solid var(--line);border-top:4px solid #c9d3de;border-radius:8px;padding:10px 14px 12px;background:#fff}
.card .label{font-size:13px;color:var(--muted);font-weight:600}
.card .big{font-size:28px;font-weight:700;line-height:1.15;margin:2px 0 2px;letter-spacing:-.01em}
.card .small{font-size:12.5px;color:var(--muted);line-height:1.35}
.card.ggz{border-top-color:var(--ggz)}
.card.ggz .big{color:var(--ggz)}
.kindhead{font-size:14px;font-weight:700;margin:14px 0 0;color:var(--accent)}
figure{margin:14px 0 8px;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:700;font-size:15px;margin-bottom:2px}
svg.chart{display:block;width:100%;height:auto;max-width:${W}px}
svg.chart text{font-family:inherit;fill:var(--ink)}
svg .colhead{font-size:11.5px;fill:var(--muted)!important;text-transform:uppercase;letter-spacing:.04em}
svg .ggzhead{fill:var(--ggz)!important;font-weight:700}
svg .grouplabel{font-size:14px;font-weight:700}
svg .area{font-size:13.5px}
svg .val{font-size:13.5px;font-weight:600}
svg .val.ref{font-weight:700}
svg .num{font-size:13px;fill:#4b5563!important}
svg .secret{font-style:italic;font-weight:500;fill:#6b7280!important}
svg .ggzval{fill:var(--ggz)!important}
svg .tick{font-size:12px;fill:var(--muted)!important}
svg .track{fill:#f1f3f5}
svg .grid{stroke:#e3e7eb;stroke-width:1}
svg .sep{stroke:var(--line);stroke-width:1}
svg .ci line{stroke:${WHISKER};stroke-width:1.5}
svg .ref-region{stroke:${REF_REGION};stroke-width:2.5;stroke-dasharray:5 3}
svg .ref-all{stroke:${REF_ALL};stroke-width:2}
svg .pill{fill:#fff;stroke:#9ca3af;stroke-width:1}
svg .pilltext{font-size:11.5px;font-style:italic;fill:#4b5563!important}
svg .segtext{font-size:11.5px;font-weight:600;fill:#1f2933}
svg .segtext.on-dark{fill:#fff!important}
svg .outline{fill:none;stroke:#9aa3ad;stroke-width:.8}
svg .seg-ggz{stroke:#7c2d12;stroke-width:1}
ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 18px;padding:0;margin:8px 0 4px;font-size:13px;color:#3d4752}
ul.legend li{display:flex;align-items:center;gap:6px}
ul.legend li.ggz{font-weight:700;color:var(--ggz)}
svg.sw{flex:none}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px;margin:8px 0 6px}
th,td{text-align:left;vertical-align:top;padding:6px 10px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid #b8c0c9;font-weight:600}
td.r,th.r{text-align:right}
table.cmp{table-layout:fixed}
table.cmp col.c-what{width:36%}
table.cmp col.c-dir{width:24%}
table.cmp col.c-test{width:16%}
table.cmp tr.grouphead th{background:var(--soft);border-top:2px solid #c5ccd4;padding:7px 10px;font-weight:400}
table.cmp tr.grouphead .areaname{font-weight:700;margin-right:10px}
table.cmp tr.grouphead .ctx{color:var(--muted);font-size:13px}
table.cmp tbody{break-inside:avoid;page-break-inside:avoid}
tr.total td{font-weight:700;border-top:2px solid #b8c0c9}
.sub{display:block;font-size:12px;color:var(--muted);font-weight:400}
.areaname{font-weight:700}
td.kind{color:var(--muted);font-size:13px}
td.test{color:var(--muted);font-size:12.5px}
td.dir{padding-left:28px;text-indent:-18px}
.glyph{display:inline-block;width:18px;text-indent:0;text-align:left}
.dir-higher{color:#1d4f80;font-weight:600}
.dir-lower{color:#9a3412;font-weight:600}
.dir-no_clear_difference{color:#4b5563}
.dir-na{color:#8a94a0;font-style:italic}
.why{font-size:12px}
.secret{font-style:italic;color:#6b7280}
table.matrix td{text-align:center;font-size:15px;letter-spacing:.15em}
table.matrix th[scope=row]{white-space:nowrap}
table.matrix th[scope=row] .sub{display:inline}
table.matrix thead th{text-transform:none;letter-spacing:0;font-size:12px;text-align:center}
table.matrix thead th:first-child{text-align:left}
.ggzcol{background:#fdf1ea}
.g-higher{color:#1d4f80}.g-lower{color:#9a3412}.g-no_clear_difference{color:#6b7280}.g-na{color:#b0b8c1}
dl.defs{display:grid;grid-template-columns:210px 1fr;gap:8px 20px;margin:10px 0}
dl.defs dt{font-weight:700}
dl.defs dd{margin:0;color:#2f3a45}
ul.warn{list-style:none;padding:8px 14px;margin:8px 0;background:#fff7e6;border-left:4px solid #d97706;max-width:860px}
ul.warn li{margin:4px 0;padding-left:22px;text-indent:-22px}
ul.warn li::before{content:"⚠";display:inline-block;width:22px;text-indent:0;color:#b45309}
ul.warn.info{background:var(--soft);border-left-color:#8fa3b8}
ul.warn.info li::before{content:"ℹ";color:#4b6584}
table.narrow{width:auto;min-width:420px}
footer{margin-top:48px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
@media (max-width:720px){main{padding:18px 14px 40px}.cards{grid-template-columns:repeat(2,1fr)}dl.defs{grid-template-columns:1fr}}
@page{size:A4;margin:14mm 12mm}
@media print{
 body{font-size:10.5pt}
 main{max-width:none;padding:0}
 nav.toc{display:none}
 h2{break-after:avoid;page-break-after:avoid;margin-top:24px}
 h3,figcaption{break-after:avoid;page-break-after:avoid}
 table,figure,.cards{break-inside:avoid;page-break-inside:avoid}
 tr{break-inside:avoid;page-break-inside:avoid}
 .banner,.badge,.card,svg,.ggzcol,.caveat{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .banner{padding:8px 12px}
}
`;

function sectionsOf(t: Strings, show: { ppt: boolean; start: boolean; cmp: boolean }): { id: string; title: string }[] {
  const s = [
    { id: 'kern', title: t.keyFigures },
    { id: 'uitstroom', title: t.outflowTitle },
  ];
  if (show.ppt) s.push({ id: 'producten', title: t.pptTitle });
  if (show.start) s.push({ id: 'start', title: t.startTitle });
  if (show.cmp) s.push({ id: 'vergelijking', title: t.comparisonsTitle });
  s.push(
    { id: 'gegevens', title: t.dataKindsTitle },
    { id: 'definities', title: t.definitionsTitle },
    { id: 'verantwoording', title: t.accountingTitle },
    { id: 'kwaliteit', title: t.qualityTitle },
  );
  return s;
}

/** Renders the whole report as one self-contained HTML document. */
export function renderReport(input: ReportInput): string {
  const lang: Lang = input.lang === 'en' ? 'en' : 'nl';
  const t = STRINGS[lang];
  const { year, gapDays } = input;
  const rows = input.rows.filter((r) => r.measure !== 'trajectory_size');
  const idx = new RowIndex(rows);
  const internal = input.disclosure.mode === 'off' || rows.some((r) => r.status === 'internal');

  const muniRows = rows.filter((r) => r.level === 'municipality');
  const areas = [...new Set(muniRows.map((r) => r.area))].sort(cmp);
  const groups = groupAreas(areas, input.regionOf);
  const kindsWith = (measure: string, level: string = 'municipality'): string[] =>
    [...new Set(rows.filter((r) => r.level === level && r.measure === measure).map((r) => r.data_kind as string))].sort(kindCmp);
  const groupsFor = (measure: string, kind: string): Group[] => {
    const have = new Set(muniRows.filter((r) => r.measure === measure && r.data_kind === kind).map((r) => r.area));
    return groups.map((g) => ({ region: g.region, areas: g.areas.filter((a) => have.has(a)) })).filter((g) => g.areas.length > 0);
  };

  const out: string[] = [];
  out.push(
    `<!DOCTYPE html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">\n` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
      `<meta name="generator" content="traject ${esc(input.engineVersion)}">\n` +
      (internal ? `<meta name="robots" content="noindex">\n` : '') +
      `<title>${esc((internal ? `[${t.internalBanner}] ` : '') + t.htmlTitle(year))}</title>\n<style>${CSS}` +
      (internal
        ? `@page{@top-center{content:"${cssString(t.internalBanner.toUpperCase())}";color:#b91c1c;font:700 10pt system-ui,sans-serif}}\n`
        : '') +
      `</style>\n</head>\n<body>\n`,
  );
  if (internal) {
    out.push(
      `<div class="banner" role="alert" data-internal="true"><strong>${esc(t.internalBanner)}</strong><span>${esc(t.internalBannerDetail)}</span></div>\n`,
    );
  }
  out.push('<main>\n');

  // header
  const showPpt = kindsWith('products_per_trajectory').length > 0;
  const showStart = kindsWith('start_category_alone').length > 0 || kindsWith('start_category_any').length > 0;
  const showCmp = input.comparisons.length > 0;
  out.push(
    `<header class="top"><p class="eyebrow">traject · ${esc(String(year))}</p><h1>${esc(t.title(year))}</h1>` +
      `<p class="subtitle">${esc(t.subtitle(year, gapDays))}</p><div class="meta">` +
      (internal
        ? `<span class="badge internal">${esc(t.disclosureOff)}</span>`
        : `<span class="badge safe">${esc(t.disclosureOn(input.disclosure.threshold, input.disclosure.roundingBase))}</span>`) +
      `<span>${esc(t.engine)}: traject ${esc(input.engineVersion)}</span>` +
      (input.generatedAt !== undefined ? `<span>${esc(t.generatedAt)}: ${esc(input.generatedAt)}</span>` : '') +
      `</div><nav class="toc" aria-label="${esc(t.contents)}">` +
      sectionsOf(t, { ppt: showPpt, start: showStart, cmp: showCmp })
        .map((s) => `<a href="#${s.id}">${esc(s.title)}</a>`)
        .join(' ') +
      `</nav></header>\n`,
  );

  // key figures
  out.push(`<section id="kern"><h2>${esc(t.keyFigures)}</h2><p class="lede">${esc(t.keyFiguresLede)}</p>`);
  const allKinds = [...new Set(rows.filter((r) => r.level === 'all').map((r) => r.data_kind as string))].sort(kindCmp);
  for (const kind of allKinds) {
    const cohort = idx.get('all', 'all', kind, 'cohort_youths');
    const outflow = idx.get('all', 'all', kind, 'outflow');
    const ppt = idx.get('all', 'all', kind, 'products_per_trajectory');
    const ggz = idx.get('all', 'all', kind, 'start_category_any', 'ggz');
    const secret = `<div class="big secret">${esc(t.suppressed)}</div>`;
    const card = (cls: string, label: string, big: string, small: string): string =>
      `<div class="card${cls}"><div class="label">${esc(label)}</div>${big}<div class="small">${small}</div></div>`;
    out.push(`<p class="kindhead">${esc(t.kind[kind] ?? kind)}</p><div class="cards">`);
    out.push(
      card('', t.cohortYouths, isHidden(cohort) ? secret : `<div class="big">${esc(fmtInt(cohort!.value!, lang))}</div>`, ''),
    );
    out.push(
      card(
        '',
        t.outflow,
        isHidden(outflow) ? secret : `<div class="big">${esc(fmtPct(outflow!.value!, lang))}</div>`,
        isHidden(outflow) ? '' : esc(cap(t.outflowCardNote(fractionPhrase(outflow!.value!, lang), year))),
      ),
    );
    out.push(
      card('', t.productsPerTrajectory, isHidden(ppt) ? secret : `<div class="big">${esc(fmtDec(ppt!.value!, 1, lang))}</div>`, esc(t.pptCardNote)),
    );
    out.push(
      card(
        ' ggz',
        t.startGgz,
        isHidden(ggz) ? secret : `<div class="big">${esc(fmtPct(ggz!.value!, lang))}</div>`,
        isHidden(ggz) ? '' : esc(cap(t.ggzCardNote(fractionPhrase(ggz!.value!, lang)))),
      ),
    );
    out.push(`</div>`);
  }
  out.push(`</section>\n`);

  const pctTicks = [0, 0.2, 0.4, 0.6, 0.8, 1];

  // outflow
  out.push(`<section id="uitstroom"><h2>${esc(t.outflowTitle)}</h2><p class="lede">${esc(t.outflowLede(year))}</p>${legendBars(t, internal)}`);
  for (const kind of kindsWith('outflow')) {
    const id = `outflow-${kind}`;
    const title = `${t.outflowTitle} · ${t.kind[kind] ?? kind}`;
    out.push(
      `<figure><figcaption>${esc(t.kind[kind] ?? kind)}</figcaption>` +
        barChart(
          {
            id,
            measure: 'outflow',
            kind,
            groups: groupsFor('outflow', kind),
            max: 1,
            ticks: pctTicks,
            fmtValue: (v) => fmtPct(v, lang),
            nHeader: t.nYouths,
            title,
          },
          idx,
          t,
          lang,
        ) +
        `</figure>`,
    );
  }
  out.push(`</section>\n`);

  // products per trajectory
  if (showPpt) {
    out.push(
      `<section id="producten"><h2>${esc(t.pptTitle)}</h2><p class="lede">${esc(t.pptLede(year))}</p>` +
        `<p class="caveat">${esc(t.pptCaveat(year))}</p>${legendBars(t, internal)}`,
    );
    for (const kind of kindsWith('products_per_trajectory')) {
      const relevant = rows.filter((r) => r.measure === 'products_per_trajectory' && r.data_kind === kind);
      let top = 0;
      for (const r of relevant) top = Math.max(top, r.value ?? 0, r.ci_high ?? 0);
      const step = top <= 2.5 ? 0.5 : top <= 6 ? 1 : 2;
      const max = Math.max(step * 2, Math.ceil((top * 1.02) / step) * step);
      const ticks: number[] = [];
      for (let v = 0; v <= max + 1e-9; v += step) ticks.push(Math.round(v * 100) / 100);
      const title = `${t.pptTitle} · ${t.kind[kind] ?? kind}`;
      out.push(
        `<figure><figcaption>${esc(t.kind[kind] ?? kind)}</figcaption>` +
          barChart(
            {
              id: `ppt-${kind}`,
              measure: 'products_per_trajectory',
              kind,
              groups: groupsFor('products_per_trajectory', kind),
              max,
              ticks,
              fmtValue: (v) => fmtDec(v, 1, lang),
              nHeader: t.nTrajectories,
              extra: {
                header: t.openLabel,
                value: (area, level) => {
                  const r = idx.get(level, area, kind, 'trajectories_open');
                  if (r === undefined) return '';
                  return isHidden(r) ? t.suppressed : fmtPct(r.value!, lang);
                },
              },
              title,
            },
            idx,
            t,
            lang,
          ) +
          `</figure>`,
      );
    }
    out.push(`</section>\n`);
  }

  // start categories
  if (showStart) {
    out.push(`<section id="start"><h2>${esc(t.startTitle)}</h2><p class="lede">${esc(t.startLede)}</p>${legendStart(t, internal)}`);
    const startKinds = [...new Set([...kindsWith('start_category_alone'), ...kindsWith('start_category_any')])].sort(kindCmp);
    for (const kind of startKinds) {
      const have = new Set(
        muniRows.filter((r) => (r.measure === 'start_category_alone' || r.measure === 'start_category_any') && r.data_kind === kind).map((r) => r.area),
      );
      const gs = groups.map((g) => ({ region: g.region, areas: g.areas.filter((a) => have.has(a)) })).filter((g) => g.areas.length > 0);
      const title = `${t.startTitle} · ${t.kind[kind] ?? kind}`;
      out.push(`<figure><figcaption>${esc(t.kind[kind] ?? kind)}</figcaption>${startChart(`start-${kind}`, kind, gs, idx, t, lang, title)}</figure>`);
    }
    out.push(`</section>\n`);
  }

  // comparisons
  if (showCmp) {
    out.push(
      `<section id="vergelijking"><h2>${esc(t.comparisonsTitle)}</h2><p class="lede">${esc(t.comparisonsLede(input.alpha ?? 0.05))}</p>` +
        comparisonTable(input, idx, groups, t) +
        startMatrix(input, groups, t) +
        `</section>\n`,
    );
  }

  // data kinds per municipality
  {
    const body: string[] = [];
    for (const g of groups) {
      for (const area of g.areas) {
        const kinds = [...new Set(muniRows.filter((r) => r.area === area).map((r) => r.data_kind as string))].sort(kindCmp);
        const cohort = kinds
          .map((k) => {
            const r = idx.get('municipality', area, k, 'cohort_youths');
            const v = r === undefined ? '–' : isHidden(r) ? `<span class="secret">${esc(t.suppressed)}</span>` : esc(fmtInt(r.value!, lang));
            return kinds.length > 1 ? `${esc(t.kindShort[k] ?? k)}: ${v}` : v;
          })
          .join('<br>');
        body.push(
          `<tr data-area="${esc(area)}"><th scope="row">${esc(area)}</th><td>${esc(g.region ?? t.unknownRegion)}</td>` +
            `<td>${esc(kinds.map((k) => t.kindShort[k] ?? k).join(', '))}</td><td class="r">${cohort}</td></tr>`,
        );
      }
    }
    out.push(
      `<section id="gegevens"><h2>${esc(t.dataKindsTitle)}</h2><p class="lede">${esc(t.dataKindsLede)}</p>` +
        `<div class="tablewrap"><table><thead><tr><th scope="col">${esc(t.municipality)}</th><th scope="col">${esc(t.colRegion)}</th>` +
        `<th scope="col">${esc(t.colKinds)}</th><th scope="col" class="r">${esc(t.colCohort)}</th></tr></thead><tbody>${body.join('')}</tbody></table></div></section>\n`,
    );
  }

  // definitions
  out.push(
    `<section id="definities"><h2>${esc(t.definitionsTitle)}</h2><dl class="defs">` +
      t
        .definitions(year, gapDays)
        .map((d) => `<dt>${esc(d.term)}</dt><dd>${esc(d.text)}</dd>`)
        .join('') +
      `<dt>${esc(t.disclosureTitle)}</dt><dd>${esc(t.disclosureText(internal ? 'off' : input.disclosure.mode, input.disclosure.threshold, input.disclosure.roundingBase))}</dd>` +
      `</dl></section>\n`,
  );

  // accounting
  {
    const sources = [...input.accounting.sources];
    const tot = sources.reduce((a, s) => ({ read: a.read + s.read, accepted: a.accepted + s.accepted, rejected: a.rejected + s.rejected }), {
      read: 0,
      accepted: 0,
      rejected: 0,
    });
    const body = sources.map((s) => {
      const reasons = Object.keys(s.reasons)
        .sort(cmp)
        .map((k) => `${esc(k)}: ${esc(fmtInt(s.reasons[k]!, lang))}`)
        .join('<br>');
      return (
        `<tr><td>${esc(s.file)}</td><td>${esc(t.kindShort[s.kind] ?? s.kind)}</td><td class="r">${esc(fmtInt(s.read, lang))}</td>` +
        `<td class="r">${esc(fmtInt(s.accepted, lang))}</td><td class="r">${esc(fmtInt(s.rejected, lang))}</td><td>${reasons || esc(t.none)}</td></tr>`
      );
    });
    if (sources.length > 1) {
      body.push(
        `<tr class="total"><td>${esc(t.total)}</td><td></td><td class="r">${esc(fmtInt(tot.read, lang))}</td><td class="r">${esc(fmtInt(tot.accepted, lang))}</td>` +
          `<td class="r">${esc(fmtInt(tot.rejected, lang))}</td><td></td></tr>`,
      );
    }
    out.push(
      `<section id="verantwoording"><h2>${esc(t.accountingTitle)}</h2><p class="lede">${esc(t.accountingLede)}</p>` +
        `<div class="tablewrap"><table><thead><tr><th scope="col">${esc(t.colFile)}</th><th scope="col">${esc(t.colSourceKind)}</th>` +
        `<th scope="col" class="r">${esc(t.colRead)}</th><th scope="col" class="r">${esc(t.colAccepted)}</th><th scope="col" class="r">${esc(t.colRejected)}</th>` +
        `<th scope="col">${esc(t.colReasons)}</th></tr></thead><tbody>${body.join('')}</tbody></table></div></section>\n`,
    );
  }

  // quality
  {
    const q = input.quality;
    const parts: string[] = [`<section id="kwaliteit"><h2>${esc(t.qualityTitle)}</h2>`];
    if (q.openEndedShare !== undefined) parts.push(`<p>${esc(t.openEnded(fmtPct(q.openEndedShare, lang)))}</p>`);
    parts.push(`<h3>${esc(t.warnings)}</h3>`);
    parts.push(
      q.warnings.length === 0
        ? `<p class="note">${esc(t.noWarnings)}</p>`
        : `<ul class="warn">${q.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`,
    );
    if (q.backlog && q.backlog.length > 0) {
      parts.push(`<h3>${esc(t.backlogTitle)}</h3><ul class="warn info">${q.backlog.map((b) => `<li>${esc(b)}</li>`).join('')}</ul>`);
    }
    if (q.unmapped.length > 0) {
      const um = [...q.unmapped].sort((a, b) => b.products - a.products || cmp(a.code, b.code) || cmp(a.gemeente, b.gemeente));
      parts.push(
        `<h3>${esc(t.unmappedTitle)}</h3><p class="note">${esc(t.unmappedLede)}</p><div class="tablewrap"><table class="narrow"><thead><tr>` +
          `<th scope="col">${esc(t.colCode)}</th><th scope="col">${esc(t.colGemeente)}</th><th scope="col" class="r">${esc(t.colProducts)}</th></tr></thead><tbody>` +
          um
            .map((u) => `<tr><td><code>${esc(u.code)}</code></td><td>${esc(u.gemeente)}</td><td class="r">${esc(fmtInt(u.products, lang))}</td></tr>`)
            .join('') +
          `</tbody></table></div>`,
      );
    }
    parts.push(`</section>\n`);
    out.push(parts.join(''));
  }

  out.push(`<footer>${esc(t.footer(input.engineVersion))}</footer>\n</main>\n</body>\n</html>\n`);
  return out.join('');
}
