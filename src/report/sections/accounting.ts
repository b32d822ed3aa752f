// Row accounting per source file: rows read, used and rejected, and why (exact counts, as in the
// manifest: they count rows, not youths).

import { fmtInt, kindShortName } from '../format.js';
import { html, join } from '../html.js';
import { cmp } from '../rows.js';
import { table } from '../tables.js';
import type { Section } from './section.js';

export const accounting: Section = {
  id: 'verantwoording',
  title: (t) => t.accountingTitle,
  body: (ctx) => {
    const { t, lang } = ctx;
    const sources = ctx.input.accounting.sources;
    const num = (n: number) => html`<td class="r">${fmtInt(n, lang)}</td>`;
    const body = sources.map((s) => {
      const reasons = Object.keys(s.reasons)
        .sort(cmp)
        .map((k) => `${k}: ${fmtInt(s.reasons[k], lang)}`);
      return html`<tr><td>${s.file}</td><td>${kindShortName(s.kind, t)}</td>${num(s.read)}${num(s.accepted)}${num(s.rejected)}<td>${reasons.length > 0
        ? join(reasons, html`<br>`)
        : t.none}</td></tr>`;
    });
    if (sources.length > 1) {
      const sum = (f: (s: (typeof sources)[number]) => number): number => sources.reduce((a, s) => a + f(s), 0);
      body.push(html`<tr class="total"><td>${t.total}</td><td></td>${num(sum((s) => s.read))}${num(sum((s) => s.accepted))}${num(sum((s) => s.rejected))}<td></td></tr>`);
    }
    const columns = [
      { label: t.colFile },
      { label: t.colSourceKind },
      { label: t.colRead, cls: 'r' },
      { label: t.colAccepted, cls: 'r' },
      { label: t.colRejected, cls: 'r' },
      { label: t.colReasons },
    ];
    return html`<p class="lede">${t.accountingLede}</p>${table(columns, body, { label: t.accountingTitle })}`;
  },
};
