// The start-category chart: per municipality a 100% stacked bar of the youths who start with one
// category alone (GGZ first, in a strong colour; the others muted, each with its own pattern),
// grey for several categories at once, hatched where figures are suppressed, and on the right
// the share that starts with GGZ at all; its numbers as a table; and its legend.

import { CATEGORIES } from '../../model/model.js';
import type { CategoryId } from '../../model/model.js';
import type { ReportContext } from '../context.js';
import { fmtPct, regionName } from '../format.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';
import { isHidden } from '../rows.js';
import type { Group } from '../rows.js';
import { secret, table } from '../tables.js';
import { chartBox, pct, pill } from './common.js';

/** Start-chart order: GGZ first so it lines up across municipalities. */
export const START_ORDER: CategoryId[] = ['ggz', ...CATEGORIES.filter((c) => c !== 'ggz')];

type Level = 'municipality' | 'region' | 'all';

interface Parts {
  segs: { cat: CategoryId; v: number }[];
  anyHidden: boolean;
  /** Sum of the published shares. */
  known: number;
}

function partsOf(ctx: ReportContext, level: Level, area: string, kind: string): Parts {
  const segs: Parts['segs'] = [];
  let anyHidden = false;
  let known = 0;
  for (const cat of START_ORDER) {
    const r = ctx.idx.get(level, area, kind, 'start_category_alone', cat);
    if (r === undefined) continue;
    if (isHidden(r)) {
      anyHidden = true;
      continue;
    }
    segs.push({ cat, v: r.value! });
    known += r.value!;
  }
  return { segs, anyHidden, known };
}

export function startChart(id: string, kind: string, groups: Group[], ctx: ReportContext, title: string): SafeHtml {
  const { idx, t, lang } = ctx;

  const stacked = (level: Level, area: string, isRef: boolean): SafeHtml | null => {
    const { segs, anyHidden, known } = partsOf(ctx, level, area, kind);
    if (segs.length === 0 && !anyHidden) return null;
    const out: SafeHtml[] = [];
    const scale = known > 1 ? 1 / known : 1; // rounded shares may add up to a little over 1
    const barAttr = isRef ? html`data-ref-bar="start_category_alone"` : html`data-bar="start_category_alone"`;
    let used = 0;
    for (const s of segs) {
      const w = s.v * scale;
      out.push(
        html`<span class="seg cat-${s.cat}" ${barAttr} data-area="${area}" data-category="${s.cat}" style="width:${pct(w)}" title="${area} · ${t.categories[s.cat]}: ${fmtPct(s.v, lang)}"><span class="segtext">${fmtPct(s.v, lang)}</span></span>`,
      );
      used += w;
    }
    const rest = Math.max(0, 1 - used);
    if (rest > 0.00002) {
      if (anyHidden) {
        const suppressedAttr = isRef ? html`data-ref-suppressed` : html`data-suppressed`;
        out.push(
          html`<span class="seg rest hatch" ${suppressedAttr}="start_category_alone" data-area="${area}" title="${area} · ${t.suppressedOrCombination}">${pill(t.suppressed)}</span>`,
        );
      } else if (segs.length > 0) {
        out.push(html`<span class="seg rest combination" title="${area} · ${t.combination}: ${fmtPct(rest, lang)}"></span>`);
      }
    }
    return html`<span class="stack">${out}</span>`;
  };

  const ggzAny = (level: Level, area: string, ref: boolean): SafeHtml => {
    const r = idx.get(level, area, kind, 'start_category_any', 'ggz');
    if (r === undefined) return html`<span class="c-x"></span>`;
    return isHidden(r)
      ? html`<span class="c-x secret">${t.suppressed}</span>`
      : html`<span class="c-x ggzval${ref ? ' ref' : ''}">${fmtPct(r.value!, lang)}</span>`;
  };

  const head = html`<div class="crow chead"><span class="c-lab"></span><span class="c-trk"></span><span class="c-x ggzhead">${t.startGgzAny}</span></div>`;
  const allRow = html`<div class="crow ref"><span class="c-lab grouplabel">${t.allData}</span><span class="c-trk">${stacked('all', 'all', true)}</span>${ggzAny('all', 'all', true)}</div>`;
  const body = groups.map((g) => {
    const heading = html`<div class="crow ref ghead"><span class="c-lab grouplabel">${regionName(g.region, t)}</span><span class="c-trk">${g.region !== null ? stacked('region', g.region, true) : null}</span>${g.region !== null ? ggzAny('region', g.region, true) : null}</div>`;
    const rows = g.areas.map(
      (area) => html`<div class="crow m"><span class="c-lab area">${area}</span><span class="c-trk">${stacked('municipality', area, false)}</span>${ggzAny('municipality', area, false)}</div>`,
    );
    return html`<div class="cgroup">${heading}${rows}</div>`;
  });
  return chartBox(id, 'start', title, t, [head, allRow, body]);
}

/** The chart's numbers as a table: per row the share of each category alone, of several at once, and of GGZ at all. */
export function startNumbers(kind: string, groups: Group[], ctx: ReportContext, title: string): SafeHtml {
  const { idx, t, lang } = ctx;
  const row = (level: Level, area: string, name: string, region: string): SafeHtml => {
    const { segs, anyHidden, known } = partsOf(ctx, level, area, kind);
    const cells = START_ORDER.map((cat) => {
      const r = idx.get(level, area, kind, 'start_category_alone', cat);
      const v: Interpolation = r === undefined ? '–' : isHidden(r) ? secret(t.suppressed) : fmtPct(r.value!, lang);
      return html`<td class="r">${v}</td>`;
    });
    // several kinds at once: what the published shares leave, unless part of it is suppressed
    const combination: Interpolation = segs.length === 0 && !anyHidden ? '–' : anyHidden ? secret(t.suppressed) : fmtPct(Math.max(0, 1 - known), lang);
    const any = idx.get(level, area, kind, 'start_category_any', 'ggz');
    const anyCell: Interpolation = any === undefined ? '–' : isHidden(any) ? secret(t.suppressed) : fmtPct(any.value!, lang);
    return html`<tr><th scope="row">${name}</th><td>${region}</td>${cells}<td class="r">${combination}</td><td class="r">${anyCell}</td></tr>`;
  };
  const body = [row('all', 'all', t.allData, '')];
  for (const g of groups) {
    if (g.region !== null) body.push(row('region', g.region, regionName(g.region, t), ''));
    for (const area of g.areas) body.push(row('municipality', area, area, regionName(g.region, t)));
  }
  const columns = [
    { label: t.colAreaOrRegion },
    { label: t.colRegion },
    ...START_ORDER.map((c) => ({ label: t.categories[c], cls: 'r' })),
    { label: t.combination, cls: 'r' },
    { label: t.startGgz, cls: 'r' },
  ];
  return table(columns, body, { caption: title, cls: 'numbers' });
}

export function legendStart(t: Strings, internal: boolean): SafeHtml {
  const sw = (cls: string): SafeHtml => html`<span class="sw sw-seg ${cls}" aria-hidden="true"></span>`;
  const items = START_ORDER.map((c) => html`<li${c === 'ggz' ? html` class="ggz"` : null}>${sw(`cat-${c}`)}${t.categories[c]}</li>`);
  items.push(html`<li>${sw('combination')}${t.combination}</li>`);
  if (!internal) items.push(html`<li>${sw('hatch')}${t.suppressedOrCombination}</li>`);
  return html`<ul class="legend">${items}</ul>`;
}
