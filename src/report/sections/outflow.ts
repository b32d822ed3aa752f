// Outflow per municipality: one bar chart per data kind, 0 to 100%.

import { barChart, barNumbers, legendBars } from '../charts/bars.js';
import type { BarChartSpec } from '../charts/bars.js';
import { fmtPct, kindName } from '../format.js';
import { html } from '../html.js';
import { figure } from './section.js';
import type { Section } from './section.js';

const PCT_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

export const outflow: Section = {
  id: 'uitstroom',
  title: (t) => t.outflowTitle,
  body: (ctx) => {
    const { t, lang } = ctx;
    const charts = ctx.kindsWith('outflow').map((kind) => {
      const spec: BarChartSpec = {
        id: `outflow-${kind}`,
        measure: 'outflow',
        kind,
        groups: ctx.groupsFor(kind, 'outflow'),
        max: 1,
        ticks: PCT_TICKS,
        fmtValue: (v) => fmtPct(v, lang),
        valueHeader: t.outflow,
        nHeader: t.nYouths,
        title: `${t.outflowTitle} · ${kindName(kind, t)}`,
      };
      return figure(kind, t, barChart(spec, ctx), barNumbers(spec, ctx));
    });
    return html`<p class="lede">${t.outflowLede(ctx.year)}</p>${legendBars(t, ctx.internal)}${charts}`;
  },
};
