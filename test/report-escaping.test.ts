// Text from the input (municipality codes and labels, region names, file names, rejection
// reasons, warnings, product codes, the engine version) ends up escaped wherever the report puts
// it, in text and in attributes, because the report is built with html`...` (src/report/html.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/report.js';
import { escapeHtml } from '../src/report/html.js';
import { reportInputWithTexts } from './fixtures/report-fixture.js';
import type { InputTexts } from './fixtures/report-fixture.js';
import { REPO } from './cli-helpers.js';

// Each starts with a space, so it sorts the same way as its placeholder (areas, reasons).
const EVIL = (what: string): string => ` <script>alert("${what}")</script> & 'x' "y" </title></svg><b>`;
const KEYS = ['area', 'region', 'file', 'kind', 'reason', 'warning', 'code', 'version', 'generatedAt'] as const;
const evil = Object.fromEntries(KEYS.map((k) => [k, EVIL(k)])) as unknown as InputTexts;
const placeholder = Object.fromEntries(KEYS.map((k) => [k, ` PLACEHOLDER${k.toUpperCase()}Q`])) as unknown as InputTexts;

describe('input text in the report is escaped everywhere', () => {
  for (const [mode, lang] of [['cbs', 'nl'], ['off', 'en']] as const) {
    it(`${mode} ${lang}: the report with markup in the input is the report with harmless text, escaped`, () => {
      const safe = renderReport(reportInputWithTexts(mode, lang, placeholder));
      const hostile = renderReport(reportInputWithTexts(mode, lang, evil));

      // every text lands in the report, most of them many times (charts, tables, titles, attributes)
      for (const k of KEYS) expect(safe.split(placeholder[k]).length - 1, k).toBeGreaterThan(0);
      expect(safe.split(placeholder.area).length - 1).toBeGreaterThan(20);

      // the same document, with each placeholder replaced by the escaped text: nothing left raw
      let expected = safe;
      for (const k of KEYS) expected = expected.replaceAll(placeholder[k], escapeHtml(evil[k]));
      expect(hostile).toBe(expected);

      expect(hostile).not.toMatch(/<script/i);
      expect(hostile).not.toContain('<b>');
      expect(hostile).toContain('GM0014 &lt;script&gt;alert(&quot;area&quot;)&lt;/script&gt; &amp; &#39;x&#39; &quot;y&quot;');
      expect(hostile).toContain('data-area="Gemeente B &lt;script&gt;');
      expect(hostile).toMatch(/Regio(n)? Noord &lt;script&gt;alert\(&quot;region&quot;\)/);
    });
  }
});

describe('no way around html`...`', () => {
  // renderReport returns htmlString() of one SafeHtml document, and a SafeHtml holds only literal
  // template parts, escaped values and other SafeHtml (test/report-html.test.ts). The only ways to
  // put text in unescaped are raw() and htmlString(): they are used in these places and no others.
  const ALLOWED: Record<string, string[]> = {
    'css.ts': ['raw('], // the style sheet, a constant of the code
    'report.ts': ['htmlString('], // the finished document
  };

  it('raw() and htmlString() are used only where listed', () => {
    const dir = join(REPO, 'src/report');
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && f !== 'html.ts');
    expect(files.length).toBeGreaterThan(15);
    const found: Record<string, string[]> = {};
    for (const f of files) {
      const code = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // without comments
      const uses = ['raw', 'htmlString'].filter((name) => new RegExp(`\\b${name}\\b`).test(code)).map((name) => `${name}(`);
      if (uses.length > 0) found[f] = uses;
    }
    expect(found).toEqual(ALLOWED);
  });
});
