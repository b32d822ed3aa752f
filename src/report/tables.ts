// The report's plain tables: a <table> with one row of column headings, in a box that scrolls
// sideways by itself when the table is wider than the screen (the page never does). The box can
// take the keyboard focus, so that it can be scrolled without a mouse (WCAG 2.1.1), and is named
// after the table.

import { html } from './html.js';
import type { Interpolation, SafeHtml } from './html.js';

export interface Column {
  label: string;
  /** Class of the heading cell: 'r' for a right-aligned (number) column. */
  cls?: string;
}

export interface TableOptions {
  /** The name of the scrolling box (and of the table, when it has no caption). */
  label?: string;
  /** A caption, read by screen readers and not shown (the chart above it has this title). */
  caption?: string;
  cls?: string;
}

function classAttr(cls: string | undefined): SafeHtml | null {
  return cls ? html` class="${cls}"` : null;
}

/** A box that scrolls sideways, named `label`, around a table. */
export function scrollBox(label: string, inner: SafeHtml): SafeHtml {
  return html`<div class="tablewrap" role="region" tabindex="0" aria-label="${label}">${inner}</div>`;
}

/** The table with its column headings and body rows, in a scrolling box. */
export function table(columns: readonly Column[], body: Interpolation, opts: TableOptions): SafeHtml {
  const head = columns.map((c) => html`<th scope="col"${classAttr(c.cls)}>${c.label}</th>`);
  const caption = opts.caption !== undefined ? html`<caption class="vh">${opts.caption}</caption>` : null;
  return scrollBox(opts.caption ?? opts.label ?? '', html`<table${classAttr(opts.cls)}>${caption}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`);
}

/** The word for a suppressed figure, in italics. */
export function secret(word: string): SafeHtml {
  return html`<span class="secret">${word}</span>`;
}
