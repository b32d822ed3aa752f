// Products per trajectory: the bar chart per data kind with the share of trajectories still
// open beside it, and the warning that the mean leans towards short trajectories.

import { barChart, barNumbers, legendBars } from '../charts/bars.js';
import type { BarChartSpec } from '../charts/bars.js';
import { fmtDec, fmtPct, kindName } from '../format.js';
import { html } from '../html.js';
import { isHidden } from '../rows.js';
import { figure } from './section.js';
import type { Section } from './section.js';

const MEASURE = 'products_per_trajectory';

/** Axis maximum and ticks: steps of 0.5, 1 or 2 up to just above the highest value or interval end. */
function axis(top: number): { max: number; ticks: number[] } {
  const step = top <= 2.5 ? 0.5 : top <= 6 ? 1 : 2;
  const max = Math.max(step * 2, Math.ceil((top * 1.02) / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(Math.round(v * 100) / 100);
  return { max, ticks };
}

export const products: Section = {
  id: 'producten',
  title: (t) => t.pptTitle,
  shown: (ctx) => ctx.kindsWith(MEASURE).length > 0,
  body: (ctx) => {
    const { idx, t, lang, year } = ctx;
    const charts = ctx.kindsWith(MEASURE).map((kind) => {
      let top = 0;
      for (const r of ctx.rows) if (r.measure === MEASURE && r.data_kind === kind) top = Math.max(top, r.value ?? 0, r.ci_high ?? 0);
      const spec: BarChartSpec = {
        id: `ppt-${kind}`,
        measure: MEASURE,
        kind,
        groups: ctx.groupsFor(kind, MEASURE),
        ...axis(top),
        fmtValue: (v) => fmtDec(v, 1, lang),
        valueHeader: t.productsPerTrajectory,
        nHeader: t.nTrajectories,
        extra: {
          header: t.openLabel,
          value: (area, level) => {
            const r = idx.get(level, area, kind, 'trajectories_open');
            if (r === undefined) return '';
            return isHidden(r) ? t.suppressed : fmtPct(r.value!, lang);
          },
        },
        title: `${t.pptTitle} · ${kindName(kind, t)}`,
      };
      return figure(kind, t, barChart(spec, ctx), barNumbers(spec, ctx));
    });
    return html`<p class="lede">${t.pptLede(year)}</p><p class="caveat">${t.pptCaveat(year)}</p>${legendBars(t, ctx.internal)}${charts}`;
  },
};
