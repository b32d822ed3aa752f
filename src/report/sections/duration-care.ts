// The second half of "Hoe lang duurt een traject?" (duration.ts): return to care, prior care
// and, when the input had reasons for ending, endings as planned, each as the bar chart per
// municipality (charts/bars.ts) with a sentence under it.

import { barChart, barNumbers, legendBars } from '../charts/bars.js';
import type { BarChartSpec } from '../charts/bars.js';
import { keep } from '../charts/panels.js';
import type { ReportContext } from '../context.js';
import { fmtPct, kindName } from '../format.js';
import { isSecret } from '../format-time.js';
import { html } from '../html.js';
import type { SafeHtml } from '../html.js';
import { figure } from './section.js';

const PCT_TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];

interface Part {
  measure: string;
  bucket: string;
  title: string;
  valueHeader: string;
  nHeader: string;
  meaning: string;
  /** A second share in the extra column (return within 182 days). */
  extra?: { header: string; bucket: string };
}

function part(ctx: ReportContext, p: Part): SafeHtml | null {
  const { t, lang, idx } = ctx;
  const kinds = ctx.kindsWith(p.measure);
  if (kinds.length === 0) return null;
  const figures = kinds.map((kind) => {
    const spec: BarChartSpec = {
      id: `${p.measure}-${kind}`,
      measure: p.measure,
      bucket: p.bucket,
      kind,
      groups: ctx.groupsFor(kind, p.measure),
      max: 1,
      ticks: PCT_TICKS,
      fmtValue: (v) => fmtPct(v, lang),
      valueHeader: p.valueHeader,
      nHeader: p.nHeader,
      title: `${p.title} · ${kindName(kind, t)}`,
      ...(p.extra === undefined
        ? {}
        : {
            extra: {
              header: p.extra.header,
              value: (area, level) => {
                const r = idx.get(level, area, kind, p.measure, '', p.extra!.bucket);
                if (r === undefined) return '';
                return isSecret(r) || r.value === null ? t.suppressed : fmtPct(r.value, lang);
              },
            },
          }),
    };
    return figure(kind, t, barChart(spec, ctx), barNumbers(spec, ctx));
  });
  return html`${keep([html`<h3>${p.title}</h3>`, legendBars(t, ctx.internal), figures[0] ?? null])}${figures.slice(1)}<p class="reading">${p.meaning}</p>`;
}

export function careParts(ctx: ReportContext): SafeHtml {
  const { t } = ctx;
  const d = t.duration;
  const lookback = ctx.input.lookbackDays ?? 365;
  return html`${[
    part(ctx, { measure: 'return_within', bucket: '365', title: d.returnTitle, valueHeader: d.within365, nHeader: d.nFollowed, meaning: d.returnMeaning(ctx.year), extra: { header: d.within182, bucket: '182' } }),
    part(ctx, { measure: 'prior_care', bucket: '', title: d.priorTitle, valueHeader: d.priorLabel, nHeader: t.nYouths, meaning: d.priorMeaning(ctx.year, lookback) }),
    part(ctx, { measure: 'ended_as_planned', bucket: '', title: d.plannedTitle, valueHeader: d.plannedLabel, nHeader: d.nWithReason, meaning: d.plannedMeaning }),
  ]}`;
}
