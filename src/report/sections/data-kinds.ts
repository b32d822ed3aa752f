// Data per municipality: region, data kinds and cohort size.

import { fmtInt, kindShortName } from '../format.js';
import { html, join } from '../html.js';
import type { Interpolation } from '../html.js';
import { isHidden, kindCmp } from '../rows.js';
import { secret, table } from '../tables.js';
import type { Section } from './section.js';

export const dataKinds: Section = {
  id: 'gegevens',
  title: (t) => t.dataKindsTitle,
  body: (ctx) => {
    const { idx, t, lang } = ctx;
    const body = ctx.groups.flatMap((g) =>
      g.areas.map((area) => {
        const kinds = [...new Set(ctx.muniRows.filter((r) => r.area === area).map((r) => r.data_kind as string))].sort(kindCmp);
        const cohort = kinds.map((k): Interpolation => {
          const r = idx.get('municipality', area, k, 'cohort_youths');
          const v = r === undefined ? '–' : isHidden(r) ? secret(t.suppressed) : fmtInt(r.value!, lang);
          return kinds.length > 1 ? html`${kindShortName(k, t)}: ${v}` : v;
        });
        const kindNames = kinds.map((k) => kindShortName(k, t)).join(', ');
        return html`<tr data-area="${area}"><th scope="row">${area}</th><td>${g.region ?? t.unknownRegion}</td><td>${kindNames}</td><td class="r">${join(cohort, html`<br>`)}</td></tr>`;
      }),
    );
    const columns = [{ label: t.municipality }, { label: t.colRegion }, { label: t.colKinds }, { label: t.colCohort, cls: 'r' }];
    return html`<p class="lede">${t.dataKindsLede}</p>${table(columns, body, { label: t.dataKindsTitle })}`;
  },
};
