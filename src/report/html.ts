// HTML built with escaping by default. html`...` escapes every interpolated value unless it is
// already a SafeHtml fragment, which only html`...` itself and raw() make. Nothing else can
// pass for one: the class is not exported and its brand is a private field, so an object that
// merely looks like a fragment is refused at run time, and the type of html's arguments refuses
// it at compile time. A fragment does not turn into a string by accident either: `'<td>' + f`,
// `${f}` in an untagged template and String(f) throw, so markup cannot leave the html`...` world
// and come back unescaped; only htmlString() unwraps it, once, for the finished document.

/** What html`...` accepts between `${` and `}`. */
export type Interpolation = SafeHtml | string | number | false | null | readonly Interpolation[];

class Fragment {
  readonly #html: string;

  constructor(html: string) {
    this.#html = html;
  }

  static is(v: unknown): v is Fragment {
    return typeof v === 'object' && v !== null && #html in v;
  }

  static text(f: Fragment): string {
    return f.#html;
  }

  [Symbol.toPrimitive](): never {
    throw new TypeError('SafeHtml is not a string: interpolate it in html`...` (or htmlString() for the finished document)');
  }

  toString(): never {
    return this[Symbol.toPrimitive]();
  }
}

/** A piece of markup that is safe to insert as is. Made only by html`...` and raw(). */
export type SafeHtml = Fragment;

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITY[c]);
}

function append(out: string[], v: Interpolation): void {
  if (typeof v === 'string') out.push(escapeHtml(v));
  else if (typeof v === 'number') out.push(String(v));
  else if (v === false || v === null) return;
  else if (Array.isArray(v)) for (const x of v as readonly Interpolation[]) append(out, x);
  else if (Fragment.is(v)) out.push(Fragment.text(v));
  else throw new TypeError(`html\`\`: cannot interpolate ${v === undefined ? 'undefined' : typeof v} (only strings, numbers, SafeHtml and arrays of them; false and null give nothing)`);
}

/**
 * Markup from a template: the literal parts are taken as written, every `${value}` is escaped
 * (strings), printed (numbers), inserted (SafeHtml), joined (arrays) or left out (false, null).
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  const out: string[] = [strings[0]];
  for (let i = 0; i < values.length; i++) {
    append(out, values[i]);
    out.push(strings[i + 1]);
  }
  return new Fragment(out.join(''));
}

/**
 * Trusted markup taken as is, for constants written in the code (the style sheet). Never for
 * anything that comes from the input.
 */
export function raw(trusted: string): SafeHtml {
  return new Fragment(trusted);
}

/** The values with a separator between them, each escaped or inserted as html`...` would. */
export function join(values: readonly Interpolation[], separator: Interpolation): SafeHtml {
  const out: string[] = [];
  values.forEach((v, i) => {
    if (i > 0) append(out, separator);
    append(out, v);
  });
  return new Fragment(out.join(''));
}

/** The markup of a finished document, as a string to write to a file. */
export function htmlString(f: SafeHtml): string {
  if (!Fragment.is(f)) throw new TypeError('htmlString: not a SafeHtml fragment');
  return Fragment.text(f);
}
