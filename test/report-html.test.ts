// html`...` (src/report/html.ts): escaping by default. Every interpolated value is escaped unless
// it is a SafeHtml fragment made by html`...` or raw(); nothing else passes for a fragment, and a
// fragment does not become a string except through htmlString().
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, htmlString, join, raw } from '../src/report/html.js';
import type { SafeHtml } from '../src/report/html.js';

const EVIL = `<script>alert("x")</script> & 'q'`;
const EVIL_ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;';

describe('html`...`', () => {
  it('escapes strings in text and in attribute values', () => {
    expect(escapeHtml(EVIL)).toBe(EVIL_ESCAPED);
    expect(htmlString(html`<p title="${EVIL}">${EVIL}</p>`)).toBe(`<p title="${EVIL_ESCAPED}">${EVIL_ESCAPED}</p>`);
    expect(htmlString(html`<td title='${"it's"}'>a&amp;b ${'a&amp;b'}</td>`)).toBe(`<td title='it&#39;s'>a&amp;b a&amp;amp;b</td>`);
  });

  it('takes the literal parts as written, inserts fragments once, joins arrays, prints numbers, leaves out false and null', () => {
    const inner = html`<b>${'1 < 2'}</b>`;
    expect(htmlString(html`<p>${inner}${inner}</p>`)).toBe('<p><b>1 &lt; 2</b><b>1 &lt; 2</b></p>');
    expect(htmlString(html`<ul>${['<a>', html`<li>x</li>`, ['&', 7]]}</ul>`)).toBe('<ul>&lt;a&gt;<li>x</li>&amp;7</ul>');
    expect(htmlString(html`<rect x="${12.5}" width="${-3}"/>`)).toBe('<rect x="12.5" width="-3"/>');
    const on = false as boolean;
    expect(htmlString(html`<p>${on && html`<i>on</i>`}${null}</p>`)).toBe('<p></p>');
    expect(htmlString(html`<p>
${'a'}\n</p>`)).toBe('<p>\na\n</p>');
  });

  it('raw() inserts trusted markup as is; join() escapes values and separator alike', () => {
    expect(htmlString(html`<style>${raw('a>b{content:"&"}')}</style>`)).toBe('<style>a>b{content:"&"}</style>');
    expect(htmlString(join(['a<b', html`<i>c</i>`], html`<br>`))).toBe('a&lt;b<br><i>c</i>');
    expect(htmlString(join(['a', 'b'], ' & '))).toBe('a &amp; b');
    expect(htmlString(join([], html`<br>`))).toBe('');
  });

  it('refuses at run time anything that is not a string, number, fragment, array, false or null', () => {
    const made = html`<b>ok</b>`;
    const forgeries: unknown[] = [
      { html: '<b>forged</b>' },
      Object.create(Object.getPrototypeOf(made)), // the right prototype, but not made by html``
      undefined,
      true,
      () => '<b>',
      Symbol('x'),
      10n,
      new String('<b>'),
    ];
    for (const v of forgeries) {
      expect(() => html`<p>${v as SafeHtml}</p>`).toThrow(TypeError);
      expect(() => html`<p>${[v as SafeHtml]}</p>`).toThrow(TypeError);
      expect(() => join(['a', v as SafeHtml], '')).toThrow(TypeError);
      expect(() => htmlString(v as SafeHtml)).toThrow(TypeError);
    }
  });

  it('a fragment does not turn into a string: no concatenation, no untagged template, no String()', () => {
    const f = html`<b>${'x'}</b>`;
    expect(() => '<td>' + (f as unknown as string)).toThrow(TypeError);
    expect(() => `<td>${f}</td>`).toThrow(TypeError);
    expect(() => String(f)).toThrow(TypeError);
    expect(() => f.toString()).toThrow(TypeError);
    expect(() => [f].join('')).toThrow(TypeError);
    // so markup cannot leave html`` and come back unescaped: a plain string is always escaped
    expect(htmlString(html`${'<b>x</b>'}`)).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(htmlString(f)).toBe('<b>x</b>');
  });

  it('refuses the same at compile time (checked by tsc -p tsconfig.test.json in npm test)', () => {
    const check = (): void => {
      // @ts-expect-error an object that only looks like a fragment
      html`${{ html: '<b>' }}`;
      // @ts-expect-error undefined is not printed as "undefined"
      html`${undefined}`;
      // @ts-expect-error true is not a fragment
      html`${true}`;
      // @ts-expect-error a SafeHtml cannot be written as an object literal
      const forged: SafeHtml = {};
      // @ts-expect-error raw() takes a string, not a fragment to unwrap
      raw(html`x`);
      void forged;
    };
    expect(() => check()).toThrow(TypeError); // and at run time the first of them throws
  });
});
