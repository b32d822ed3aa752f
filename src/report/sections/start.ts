// Start category: the stacked start chart per data kind.

import { legendStart, startChart, startNumbers } from '../charts/start.js';
import { kindName } from '../format.js';
import { html } from '../html.js';
import { figure } from './section.js';
import type { Section } from './section.js';

const MEASURES = ['start_category_alone', 'start_category_any'];

export const start: Section = {
  id: 'start',
  title: (t) => t.startTitle,
  shown: (ctx) => ctx.kindsWith(...MEASURES).length > 0,
  body: (ctx) => {
    const { t } = ctx;
    const charts = ctx.kindsWith(...MEASURES).map((kind) => {
      const groups = ctx.groupsFor(kind, ...MEASURES);
      const title = `${t.startTitle} · ${kindName(kind, t)}`;
      return figure(kind, t, startChart(`start-${kind}`, kind, groups, ctx, title), startNumbers(kind, groups, ctx, title));
    });
    return html`<p class="lede">${t.startLede}</p>${legendStart(t, ctx.internal)}${charts}`;
  },
};
