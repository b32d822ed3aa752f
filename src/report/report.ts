// The HTML report: one self-contained file (inline CSS, inline SVG, no script, no network),
// Dutch by default, English with lang 'en'. Pure and deterministic: the same input gives the
// same bytes (no clock unless `generatedAt` is given, every collection is sorted).
//
// Every piece of markup is built with html`...` (html.ts), which escapes whatever it is given
// unless it is markup made by html`...` itself; the sections are in sections/, the charts in
// charts/, the words in i18n/.

import { reportContext } from './context.js';
import type { ReportContext } from './context.js';
import { styleSheet } from './css.js';
import { cutOffOf } from './format-time.js';
import { html, htmlString } from './html.js';
import type { SafeHtml } from './html.js';
import { STRINGS } from './i18n/languages.js';
import type { Lang, Strings } from './i18n/strings.js';
import type { ReportInput } from './input.js';
import { accounting } from './sections/accounting.js';
import { comparisons } from './sections/comparisons.js';
import { dataKinds } from './sections/data-kinds.js';
import { definitions } from './sections/definitions.js';
import { funnels } from './sections/funnels.js';
import { duration } from './sections/duration.js';
import { groups } from './sections/groups.js';
import { keyFigures } from './sections/key-figures.js';
import { outflow } from './sections/outflow.js';
import { products } from './sections/products.js';
import { quality } from './sections/quality.js';
import { renderSection } from './sections/section.js';
import type { Section } from './sections/section.js';
import { start } from './sections/start.js';
import { gaps, trend } from './sections/trend.js';

export type { ReportInput } from './input.js';
export type { Lang } from './i18n/strings.js';

/** The sections in the order of the report (and of its table of contents). */
const SECTIONS: readonly Section[] = [
  keyFigures, outflow, products, start, duration, groups, trend, gaps, comparisons, funnels, dataKinds, definitions, accounting, quality,
];

function head(ctx: ReportContext): SafeHtml {
  const { t, internal } = ctx;
  const title = (internal ? `[${t.internalBanner}] ` : '') + t.htmlTitle(ctx.year);
  return html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="traject ${ctx.input.engineVersion}">
${internal ? html`<meta name="robots" content="noindex">\n` : null}<title>${title}</title>
<style>${styleSheet({ title: t.htmlTitle(ctx.year), status: internal ? t.internalBanner : t.printPublic, internal, page: t.printPage })}</style>
</head>
`;
}

/** Title, year, the 30-day rule in words, the disclosure setting, the engine and the contents. */
function header(ctx: ReportContext, sections: readonly Section[]): SafeHtml {
  const { t, input, year } = ctx;
  const badge = ctx.internal
    ? html`<span class="badge internal">${t.disclosureOff}</span>`
    : html`<span class="badge safe">${t.disclosureOn(input.disclosure.threshold, input.disclosure.roundingBase)}</span>`;
  const generated = input.generatedAt !== undefined ? html`<span>${t.generatedAt}: ${input.generatedAt}</span>` : null;
  const toc = sections.map((s, i) => html`${i > 0 ? ' ' : null}<a href="#${s.id}">${s.title(t)}</a>`);
  const meta = html`<div class="meta">${badge}<span>${t.engine}: traject ${input.engineVersion}</span>${generated}</div>`;
  // the report's year is the latest final one; when no year is final it says so
  const notFinal = ctx.notFinal(year)
    ? html`<p class="caveat" data-not-final="${year}">${t.yearNotFinal(year, cutOffOf(input.dataUntil, 'mixed', ctx.lang))}</p>`
    : null;
  return html`<header class="top"><p class="eyebrow">traject · ${year}</p><h1>${t.title(year)}</h1><p class="subtitle">${t.subtitle(year, ctx.gapDays)}</p>${notFinal}${meta}<nav class="toc" aria-label="${t.contents}">${toc}</nav></header>\n`;
}

function document(ctx: ReportContext): SafeHtml {
  const { t } = ctx;
  const sections = SECTIONS.filter((s) => s.shown?.(ctx) ?? true);
  const banner = ctx.internal
    ? html`<div class="banner" role="alert" data-internal="true"><strong>${t.internalBanner}</strong><span>${t.internalBannerDetail}</span></div>\n`
    : null;
  return html`<!DOCTYPE html>
<html lang="${ctx.lang}">
${head(ctx)}<body>
${banner}<main>
${header(ctx, sections)}${sections.map((s) => renderSection(s, ctx))}<footer>${t.footer(ctx.input.engineVersion)}</footer>
</main>
</body>
</html>
`;
}

/** Renders the whole report as one self-contained HTML document. */
export function renderReport(input: ReportInput): string {
  const lang: Lang = input.lang === 'en' ? 'en' : 'nl';
  return renderReportWith(input, lang, STRINGS[lang]);
}

/** renderReport with the given words (a test watches which of them the report uses). */
export function renderReportWith(input: ReportInput, lang: Lang, t: Strings): string {
  return htmlString(document(reportContext(input, lang, t)));
}
