// The report's plain tables: a scrollable <table> with one row of column headings.

import { html } from './html.js';
import type { Interpolation, SafeHtml } from './html.js';

export interface Column {
  label: string;
  /** Class of the heading cell: 'r' for a right-aligned (number) column. */
  cls?: string;
}

function classAttr(cls: string | undefined): SafeHtml | null {
  return cls ? html` class="${cls}"` : null;
}

/** <div class="tablewrap"><table> with the column headings and the body rows. */
export function table(columns: readonly Column[], body: Interpolation, tableClass?: string): SafeHtml {
  const head = columns.map((c) => html`<th scope="col"${classAttr(c.cls)}>${c.label}</th>`);
  return html`<div class="tablewrap"><table${classAttr(tableClass)}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The word for a suppressed figure, in italics. */
export function secret(word: string): SafeHtml {
  return html`<span class="secret">${word}</span>`;
}
