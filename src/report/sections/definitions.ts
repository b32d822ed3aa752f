// What the figures mean: the definitions in plain words, and the disclosure rule.

import { html } from '../html.js';
import type { Section } from './section.js';

export const definitions: Section = {
  id: 'definities',
  title: (t) => t.definitionsTitle,
  body: (ctx) => {
    const { t, input } = ctx;
    // the terms of SPEC 10 when the report shows those figures
    const timeInCare = ctx.rows.some((r) => r.measure === 'in_trajectory_after');
    const list = [...t.definitions(ctx.year, ctx.gapDays), ...(timeInCare ? t.duration.definitions(ctx.year, ctx.gapDays, input.lookbackDays ?? 365) : [])];
    const terms = list.map((d) => html`<dt>${d.term}</dt><dd>${d.text}</dd>`);
    const mode = ctx.internal ? 'off' : input.disclosure.mode;
    return html`<dl class="defs">${terms}<dt>${t.disclosureTitle}</dt><dd>${t.disclosureText(mode, input.disclosure.threshold, input.disclosure.roundingBase)}</dd></dl>`;
  },
};
