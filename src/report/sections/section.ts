// A section of the report: its anchor, its heading (also the entry in the table of contents),
// whether the report has it, and what it holds.

import type { ReportContext } from '../context.js';
import { kindName } from '../format.js';
import { html } from '../html.js';
import type { Interpolation, SafeHtml } from '../html.js';
import type { Strings } from '../i18n/strings.js';

export interface Section {
  /** The anchor (Dutch, as published links use it). */
  id: string;
  title: (t: Strings) => string;
  /** Left out of the report (and its contents) when false; always shown when absent. */
  shown?: (ctx: ReportContext) => boolean;
  body: (ctx: ReportContext) => Interpolation;
}

export function renderSection(s: Section, ctx: ReportContext): SafeHtml {
  return html`<section id="${s.id}"><h2>${s.title(ctx.t)}</h2>${s.body(ctx)}</section>\n`;
}

/**
 * One chart per data kind, captioned with the kind's name, and its numbers as a table in a
 * <details> below it: closed until opened (no script needed), and there for screen readers,
 * which read the table instead of the chart. Not printed: the printed chart carries its values.
 */
export function figure(kind: string, t: Strings, chart: SafeHtml, numbers: SafeHtml): SafeHtml {
  return html`<figure><figcaption>${kindName(kind, t)}</figcaption>${chart}<details class="numbers"><summary>${t.numbersSummary}</summary>${numbers}</details></figure>`;
}
