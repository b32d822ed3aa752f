// Key figures: all municipalities together, one row of cards per data kind.

import { capitalise, fmtDec, fmtInt, fmtPct, fractionPhrase, kindName } from '../format.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import { isHidden, kindCmp } from '../rows.js';
import type { Section } from './section.js';

export const keyFigures: Section = {
  id: 'kern',
  title: (t) => t.keyFigures,
  body: (ctx) => {
    const { idx, t, lang, year } = ctx;
    const kinds = [...new Set(ctx.rows.filter((r) => r.level === 'all').map((r) => r.data_kind as string))].sort(kindCmp);
    const secret = html`<div class="big secret">${t.suppressed}</div>`;
    const big = (text: string): SafeHtml => html`<div class="big">${text}</div>`;
    const card = (cls: string, label: string, value: SafeHtml, small: Interpolation): SafeHtml =>
      html`<div class="card${cls}"><div class="label">${label}</div>${value}<div class="small">${small}</div></div>`;
    const rows = kinds.map((kind) => {
      const cohort = idx.get('all', 'all', kind, 'cohort_youths');
      const outflow = idx.get('all', 'all', kind, 'outflow');
      const ppt = idx.get('all', 'all', kind, 'products_per_trajectory');
      const ggz = idx.get('all', 'all', kind, 'start_category_any', 'ggz');
      return html`<p class="kindhead">${kindName(kind, t)}</p><div class="cards">${[
        card('', t.cohortYouths, isHidden(cohort) ? secret : big(fmtInt(cohort!.value!, lang)), null),
        isHidden(outflow)
          ? card('', t.outflow, secret, null)
          : card('', t.outflow, big(fmtPct(outflow!.value!, lang)), capitalise(t.outflowCardNote(fractionPhrase(outflow!.value!, lang), year))),
        card('', t.productsPerTrajectory, isHidden(ppt) ? secret : big(fmtDec(ppt!.value!, 1, lang)), t.pptCardNote),
        isHidden(ggz)
          ? card(' ggz', t.startGgz, secret, null)
          : card(' ggz', t.startGgz, big(fmtPct(ggz!.value!, lang)), capitalise(t.ggzCardNote(fractionPhrase(ggz!.value!, lang)))),
      ]}</div>`;
    });
    return html`<p class="lede">${t.keyFiguresLede}</p>${rows}`;
  },
};
