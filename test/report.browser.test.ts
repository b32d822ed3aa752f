import { CHROMIUM_FLAGS } from '../src/output/pdf.js';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { renderReport } from '../src/report/report.js';
import { fmtDec, fmtInt, fmtPct, fractionPhrase } from '../src/report/format.js';
import { publishedRows, reportInput, reportInputWithTexts } from './fixtures/report-fixture.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '.out');
/** TRAJECT_SCREENSHOTS=1 also keeps screenshots of these pages in test/.out/ (each costs 1-3 s; the device test always keeps two). */
const SCREENSHOTS = process.env.TRAJECT_SCREENSHOTS === '1';
const CHROMIUM = '/usr/bin/chromium';
/** Chromium's flags as traject --pdf starts it (src/output/pdf.ts). */
const ARGS = [...CHROMIUM_FLAGS];

// Expected numbers, derived by hand from the fixture's exact counts (test/fixtures/report-fixture.ts)
// and the CBS rule (<= 7 suppressed) plus its listed secondary suppressions:
//
// outflow, municipality rows: allocations GM0014, GM0034, GM0047, GM0153, GM0163, GM1999; claims GM0189
//   GM0047: 55 of 61, complement 6 <= 7 -> suppressed; GM0034 -> secondary (Noord)
//   => allocations chart 4 bars + 2 suppressed, claims chart 1 bar
// products_per_trajectory: closed trajectories 1014, 292, 58, 651, 397, 186, 120: all > 7 => 7 bars
// start_category_alone, published cells per municipality (6 categories each):
//   GM0014 6; GM0034 2 (4 secondary); GM0047 2 (3, 2, 4, 0 suppressed); GM0153 5 (jr secondary);
//   GM0163 5 (jr 5); GM0189 4 (jb 0, jr 0); GM1999 4 (jb 6, jr 2)  => 28 segments,
//   6 municipalities with a hatched "suppressed or several kinds" remainder
// internal variant: nothing suppressed: outflow 6 + 1 = 7 bars, start 7 × 6 = 42 segments (zeros too).

describe('report text (no browser)', () => {
  it('is deterministic and carries no clock unless given', () => {
    const a = renderReport(reportInput('cbs'));
    const b = renderReport(reportInput('cbs'));
    expect(a).toBe(b);
    expect(a).not.toMatch(/Gemaakt op/);
    const withTime = renderReport({ ...reportInput('cbs'), generatedAt: '2024-05-01 10:00' });
    expect(withTime).toContain('Gemaakt op: 2024-05-01 10:00');
  });

  it('is self-contained: no external references', () => {
    const html = renderReport(reportInput('cbs'));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/url\((?!#)/); // only url(#pattern) references
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('Dutch by default, English on request', () => {
    const nl = renderReport(reportInput('cbs'));
    expect(nl).toContain('<html lang="nl">');
    expect(nl).toContain('Uitstroom per gemeente');
    expect(nl).toContain('geheim');
    const en = renderReport(reportInput('cbs', 'en'));
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Outflow per municipality');
    expect(en).not.toContain('Uitstroom per gemeente');
  });

  it('says that products per trajectory leans toward short trajectories', () => {
    expect(renderReport(reportInput('cbs'))).toContain('leunt naar korte trajecten');
    expect(renderReport(reportInput('cbs', 'en'))).toContain('leans towards short trajectories');
  });

  it('internal mode says so in a banner; publishable mode does not', () => {
    expect(renderReport(reportInput('off'))).toContain('Intern: niet voor publicatie');
    expect(renderReport(reportInput('cbs'))).not.toContain('Intern: niet voor publicatie');
  });

  it('number formats and reader phrasing', () => {
    expect(fmtInt(12345, 'nl')).toBe('12.345');
    expect(fmtInt(12345, 'en')).toBe('12,345');
    expect(fmtDec(1.75, 1, 'nl')).toBe('1,8');
    expect(fmtPct(0.4249, 'nl')).toBe('42%');
    expect(fractionPhrase(0.6, 'nl')).toBe('3 op de 5');
    expect(fractionPhrase(0.61, 'nl')).toBe('3 op de 5'); // 3/5 and 6/10 both 0.01 away: smaller denominator
    expect(fractionPhrase(0.62, 'nl')).toBe('ruim 3 op de 5'); // 0.02 above 3/5
    expect(fractionPhrase(0.44, 'nl')).toBe('ruim 2 op de 5'); // 2/5 is 0.04 away, 1/2 0.06
    expect(fractionPhrase(0.48, 'en')).toBe('almost 1 in 2');
    expect(fractionPhrase(0.3, 'en')).toBe('3 in 10');
    expect(fractionPhrase(0.26, 'nl')).toBe('1 op de 4');
    expect(fractionPhrase(0.05, 'nl')).toBe('1 op de 20');
  });
});

describe('report in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/run or apt-get install -y chromium`);
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(file: string, html: string): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    const path = join(OUT, file);
    writeFileSync(path, html);
    const url = pathToFileURL(path).href;
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url, { waitUntil: 'load' });
    return { page, errors, requests };
  }

  it('publishable report: charts drawn, suppressed cells marked, no errors, no network', async () => {
    const { page, errors, requests } = await open('report.html', renderReport(reportInput('cbs')));

    // outflow: 4 + 1 bars, 2 hatched
    expect(await page.locator('[data-chart="outflow-allocations"] [data-bar="outflow"]').count()).toBe(4);
    expect(await page.locator('[data-chart="outflow-claims"] [data-bar="outflow"]').count()).toBe(1);
    expect(await page.locator('[data-bar="outflow"]').count()).toBe(5);
    // (the groups of a breakdown have hatched outflow cells of their own: sections 'groepen')
    const suppressedOutflow = page.locator('[data-chart^="outflow-"] [data-suppressed="outflow"]');
    expect(await suppressedOutflow.count()).toBe(2);
    expect((await suppressedOutflow.evaluateAll((els) => els.map((e) => e.getAttribute('data-area')))).sort()).toEqual(['GM0034', 'GM0047']);
    // hatched, never drawn as zero: the full width of the track, striped
    for (const { image, width, track } of await suppressedOutflow.evaluateAll((els) =>
      els.map((e) => ({ image: getComputedStyle(e).backgroundImage, width: e.getBoundingClientRect().width, track: e.parentElement!.getBoundingClientRect().width })),
    )) {
      expect(image).toMatch(/^repeating-linear-gradient/);
      expect(track).toBeGreaterThan(100);
      expect(width).toBeCloseTo(track, 0);
    }
    expect(await page.locator('[data-chart="outflow-allocations"] .c-val.secret').count()).toBe(2);

    // the number of bars equals the published municipality rows of the fixture, counted independently
    const published = publishedRows().filter((r) => r.level === 'municipality' && r.measure === 'outflow' && r.value !== null);
    expect(await page.locator('[data-bar="outflow"]').count()).toBe(published.length);

    // products per trajectory: all 7 published
    expect(await page.locator('[data-bar="products_per_trajectory"]').count()).toBe(7);
    expect(await page.locator('[data-suppressed="products_per_trajectory"]').count()).toBe(0);

    // start categories: 28 segments, 6 hatched remainders
    expect(await page.locator('[data-bar="start_category_alone"]').count()).toBe(28);
    expect(await page.locator('[data-suppressed="start_category_alone"]').count()).toBe(6);

    // bars really have a size on screen, in proportion to the published value (0 to 100% of the track)
    const gm0014 = published.find((r) => r.area === 'GM0014')!.value!;
    const box = await page.locator('[data-bar="outflow"][data-area="GM0014"]').boundingBox();
    const trackBox = await page.locator('[data-bar="outflow"][data-area="GM0014"] >> xpath=..').boundingBox();
    expect(box).not.toBeNull();
    expect(box!.width).toBeGreaterThan(50);
    expect(box!.height).toBeGreaterThan(5);
    expect(box!.width / trackBox!.width).toBeCloseTo(gm0014, 2);

    // reference lines: a dashed region line through each municipality of Noord (3) and Zuid (2),
    // none in the unknown region; the line for all municipalities through every row
    const groups = page.locator('[data-chart="outflow-allocations"] .cgroup');
    expect(await groups.count()).toBe(3);
    const linesPerGroup = await groups.evaluateAll((gs) => gs.map((g) => ({
      name: g.querySelector('.grouplabel')!.textContent,
      rows: g.querySelectorAll('.crow.m').length,
      region: g.querySelectorAll('.rl-region').length,
      all: g.querySelectorAll('.rl-all').length,
    })));
    expect(linesPerGroup).toEqual([
      { name: 'Regio Noord', rows: 3, region: 3, all: 4 },
      { name: 'Regio Zuid', rows: 2, region: 2, all: 3 },
      { name: 'Regio onbekend', rows: 1, region: 0, all: 2 },
    ]);
    // both lines of a group sit at the same place in every row
    const regionX = await page.locator('[data-chart="outflow-allocations"] .cgroup').first().locator('.rl-region').evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect().x));
    expect(new Set(regionX).size).toBe(1);

    // comparisons table phrased for readers
    const cmpText = await page.locator('table.cmp').innerText();
    expect(cmpText).toMatch(/hoger dan de regio|lager dan de regio|geen duidelijk verschil met de regio/);
    expect(cmpText).toContain('z-toets voor twee verhoudingen');
    expect(cmpText).toContain('niet vergeleken');

    // no banner, escaped text stays text
    expect(await page.locator('[data-internal]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(0);

    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('internal report: red banner, nothing suppressed', async () => {
    const { page, errors, requests } = await open('report-internal.html', renderReport(reportInput('off')));
    const banner = page.locator('[data-internal="true"]');
    expect(await banner.count()).toBe(1);
    expect(await banner.innerText()).toMatch(/intern: niet voor publicatie/i);
    const bg = await banner.evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe('rgb(185, 28, 28)');
    expect(await page.locator('[data-bar="outflow"]').count()).toBe(7);
    expect(await page.locator('[data-suppressed]').count()).toBe(0);
    expect(await page.locator('[data-bar="start_category_alone"]').count()).toBe(42);
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'report-internal.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('markup in names from the input stays text: no element made of it, the page reads it back as written', async () => {
    const evil = (what: string): string => ` <script>alert("${what}")</script> & 'x' "y" </title></svg><b>`;
    const texts = { area: evil('area'), region: evil('region'), file: evil('file'), kind: evil('kind'), reason: evil('reason'),
      warning: evil('warning'), code: evil('code'), version: evil('version'), generatedAt: evil('generatedAt') };
    const { page, errors, requests } = await open('report-hostile.html', renderReport(reportInputWithTexts('cbs', 'nl', texts)));
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('b').count()).toBe(0);
    // the charts are whole: the same bars as the plain report
    expect(await page.locator('[data-bar="outflow"]').count()).toBe(5);
    expect(await page.locator('[data-bar="start_category_alone"]').count()).toBe(28);
    // text and attributes round-trip through the HTML parser unchanged
    const area = `GM0014${texts.area}`;
    expect(await page.locator('[data-chart="outflow-allocations"] .c-lab.area').allTextContents()).toContain(area);
    expect(await page.locator(`[data-bar="outflow"][data-area="${area.replace(/["\\]/g, '\\$&')}"]`).count()).toBe(1);
    expect(await page.locator('[data-chart="outflow-allocations"] .c-lab.grouplabel').allTextContents()).toContain(`Regio Noord${texts.region}`);
    expect(await page.locator('ul.warn:not(.info) li').last().textContent()).toBe(texts.warning);
    expect(await page.title()).toBe('Jeugdhulptrajecten 2021');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('English report renders cleanly too', async () => {
    const { page, errors, requests } = await open('report-en.html', renderReport(reportInput('cbs', 'en')));
    expect(await page.locator('[data-bar="outflow"]').count()).toBe(5);
    expect(await page.locator('h1').innerText()).toMatch(/Youth care started in 2021/);
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'report-en.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
