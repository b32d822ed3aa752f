// Data quality: the share of open-ended products, warnings, backlog notes and product codes
// without a mapping.

import { fmtInt, fmtPct } from '../format.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { cmp } from '../rows.js';
import { table } from '../tables.js';
import type { Section } from './section.js';

export const quality: Section = {
  id: 'kwaliteit',
  title: (t) => t.qualityTitle,
  body: (ctx) => {
    const { t, lang } = ctx;
    const q = ctx.input.quality;
    const openEnded = q.openEndedShare !== undefined ? html`<p>${t.openEnded(fmtPct(q.openEndedShare, lang))}</p>` : null;
    const warnings =
      q.warnings.length === 0 ? html`<p class="note">${t.noWarnings}</p>` : html`<ul class="warn">${q.warnings.map((w) => html`<li>${w}</li>`)}</ul>`;
    const backlog =
      q.backlog && q.backlog.length > 0 ? html`<h3>${t.backlogTitle}</h3><ul class="warn info">${q.backlog.map((b) => html`<li>${b}</li>`)}</ul>` : null;
    let unmapped: SafeHtml | null = null;
    if (q.unmapped.length > 0) {
      const um = [...q.unmapped].sort((a, b) => b.products - a.products || cmp(a.code, b.code) || cmp(a.gemeente, b.gemeente));
      const body = um.map((u) => html`<tr><td><code>${u.code}</code></td><td>${u.gemeente}</td><td class="r">${fmtInt(u.products, lang)}</td></tr>`);
      const columns = [{ label: t.colCode }, { label: t.colGemeente }, { label: t.colProducts, cls: 'r' }];
      unmapped = html`<h3>${t.unmappedTitle}</h3><p class="note">${t.unmappedLede}</p>${table(columns, body, { label: t.unmappedTitle, cls: 'narrow' })}`;
    }
    return html`${openEnded}<h3>${t.warnings}</h3>${warnings}${backlog}${unmapped}`;
  },
};
