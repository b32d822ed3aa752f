// The report's sections on SPEC 10 and 11 in headless Chromium: "Hoe lang duurt een traject?"
// (the survival curve drawn from published points only, the medians, the duration classes,
// return and prior care), the groups of a breakdown, the years (one not final) and the gaps.
// Every number the page shows is compared with the published row it comes from, found in the
// input independently of the report's code; hidden ones must say "geheim" and draw nothing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import type { MetricRow } from '../src/model/model.js';
import { renderReport } from '../src/report/report.js';
import type { ReportInput } from '../src/report/report.js';
import { fmtDec, fmtInt, fmtPct } from '../src/report/format.js';
import { durationPhrase } from '../src/report/format-time.js';
import { cli, REPO } from './cli-helpers.js';
import { reportInput, REGION_OF } from './fixtures/report-fixture.js';
import { tempDir } from './helpers.js';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '.out');
/** TRAJECT_SCREENSHOTS=1 also keeps screenshots of these pages in test/.out/ (each costs 1-3 s; the device test always keeps two). */
const SCREENSHOTS = process.env.TRAJECT_SCREENSHOTS === '1';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const POINTS = ['91', '182', '365', '730'];
const CLASSES = ['0-3m', '3-6m', '6-12m', '1-2y', '2-3y', '3-4y', '4y+'];

const hidden = (r: MetricRow): boolean => r.status === 'suppressed' || r.status === 'secondary' || r.status === 'ledger';

/** The row of the input: main year and gap and the whole area unless given. */
function find(rows: readonly MetricRow[], w: Partial<Omit<MetricRow, 'data_kind'>> & { level: string; area: string; data_kind: string; measure: string }, year = 2021, gap = 30): MetricRow {
  const r = rows.find((x) => x.level === w.level && x.area === w.area && x.data_kind === w.data_kind && x.measure === w.measure &&
    x.bucket === (w.bucket ?? '') && x.year === (w.year ?? year) && x.gap_days === (w.gap_days ?? gap) && x.breakdown === (w.breakdown ?? '') && x.group === (w.group ?? ''));
  if (r === undefined) throw new Error(`no row ${JSON.stringify(w)}`);
  return r;
}

const pctOrSecret = (r: MetricRow): string => (hidden(r) ? 'geheim' : r.value === null ? '–' : fmtPct(r.value, 'nl'));

let browser: Browser;
const tmp = tempDir('traject-time-');

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});
afterAll(async () => {
  await browser?.close();
  tmp.cleanup();
});

async function open(name: string, html: string, width = 1280): Promise<Page> {
  const path = join(OUT, `time-${name}.html`);
  writeFileSync(path, html);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return page;
}

const text = (page: Page, selector: string): Promise<string[]> => page.locator(selector).evaluateAll((es) => es.map((e) => e.textContent.trim()));

describe('the fixture report (publishable, Dutch)', () => {
  let page: Page;
  let input: ReportInput;
  let rows: MetricRow[];
  let series: MetricRow[];
  const places = [['all', 'all'], ['region', 'Noord'], ['region', 'Zuid']] as const;
  const kinds = { allocations: places, claims: [['all', 'all'], ['region', 'Zuid']], mixed: [['all', 'all'], ['region', 'Zuid']] } as const;

  beforeAll(async () => {
    input = reportInput('cbs');
    rows = input.rows;
    series = input.series!;
    page = await open('fixture', renderReport(input));
  });
  afterAll(async () => page?.close());

  it('the curve: its four values per panel are the published S(t), hidden ones "geheim", hatched, with no dot, line or drop', async () => {
    let hiddenPoints = 0;
    for (const [kind, list] of Object.entries(kinds)) {
      expect(await page.locator(`[data-chart="curve-${kind}"] .panel`).count()).toBe(list.length);
      for (const [level, area] of list) {
        const panel = page.locator(`[data-chart="curve-${kind}"] .panel[data-area="${area}"]`);
        const height = await panel.locator('.sarea').evaluate((e) => e.getBoundingClientRect().height);
        const bottomOf = (loc: ReturnType<Page['locator']>) => loc.evaluate((e) => e.parentElement!.getBoundingClientRect().bottom - (e.getBoundingClientRect().top + e.getBoundingClientRect().bottom) / 2);
        let known = 1; // S(0) = 1
        for (const p of POINTS) {
          const r = find(rows, { level, area, data_kind: kind, measure: 'in_trajectory_after', bucket: p });
          expect(await panel.locator(`[data-cell="in_trajectory_after"][data-bucket="${p}"]`).textContent(), `${kind} ${area} ${p}`).toBe(pctOrSecret(r));
          const dot = panel.locator(`.sdot[data-point="${p}"]`);
          const hatch = panel.locator(`[data-suppressed="in_trajectory_after"][data-point="${p}"]`);
          if (hidden(r)) {
            hiddenPoints++;
            expect(await dot.count()).toBe(0);
            expect(await hatch.count()).toBe(1);
          } else {
            known++;
            expect(await hatch.count()).toBe(0);
            // the dot sits at the published value (within a pixel)
            expect(Math.abs((await bottomOf(dot)) - r.value! * height)).toBeLessThan(1.2);
          }
        }
        // one level (a line) per known value, one drop between two known neighbours, nothing else
        expect(await panel.locator('.sline').count()).toBe(known);
        const levels = [true, ...POINTS.map((p) => !hidden(find(rows, { level, area, data_kind: kind, measure: 'in_trajectory_after', bucket: p })))];
        const drops = levels.slice(1).filter((k, i) => k && levels[i]).length;
        expect(await panel.locator('.sdrop').count()).toBe(drops);
        const median = find(rows, { level, area, data_kind: kind, measure: 'trajectory_duration_median' });
        const medianText = hidden(median) ? 'geheim' : median.value === null ? 'niet bereikt' : durationPhrase(median.value, 'nl');
        expect(await panel.locator('[data-cell="trajectory_duration_median"]').textContent()).toBe(`Mediaan: ${medianText}`);
      }
    }
    expect(hiddenPoints).toBeGreaterThan(0); // the claims' two-year point gives back 5 trajectories
  });

  it('the key figures: the median in months with its days, the share after a year; hidden ones "geheim"', async () => {
    const cards = page.locator('#duur .cards').first();
    const median = find(rows, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'trajectory_duration_median' });
    const big = await text(page, '#duur .cards >> nth=0 >> .big');
    expect(big[0]).toBe(durationPhrase(median.value!, 'nl').replace(/^o/, 'O'));
    expect(await cards.locator('.small').first().textContent()).toContain(`${fmtInt(median.value!, 'nl')} dagen; 95%-interval ${fmtInt(median.ci_low!, 'nl')} tot ${fmtInt(median.ci_high!, 'nl')} dagen`);
    expect(big[1]).toBe(fmtPct(find(rows, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'in_trajectory_after', bucket: '365' }).value!, 'nl'));
    // claims: the median is hidden (5 trajectories were not ended within the data)
    expect(hidden(find(rows, { level: 'all', area: 'all', data_kind: 'claims', measure: 'trajectory_duration_median' }))).toBe(true);
    expect((await text(page, '#duur .cards >> nth=1 >> .big'))[0]).toBe('geheim');
  });

  it('the table per municipality: the published S(t) and medians; a secondary point and a median not reached', async () => {
    const munis = Object.keys(REGION_OF).concat('GM1999').filter((a) => a !== 'GM0189');
    for (const area of munis) {
      const tr = page.locator(`table.munis tr[data-area="${area}"]`).first();
      for (const p of POINTS) {
        const r = find(rows, { level: 'municipality', area, data_kind: 'allocations', measure: 'in_trajectory_after', bucket: p });
        const cell = (await tr.locator(`[data-cell="in_trajectory_after"][data-bucket="${p}"]`).textContent())!;
        expect(cell.startsWith(pctOrSecret(r)), `${area} ${p}: ${cell}`).toBe(true);
      }
    }
    const gm0034 = page.locator('table.munis tr[data-area="GM0034"]').first();
    expect(await gm0034.locator('[data-cell="in_trajectory_after"][data-bucket="365"]').textContent()).toBe('geheim');
    const gm1999 = page.locator('table.munis tr[data-area="GM1999"]').first();
    expect(await gm1999.locator('[data-cell="trajectory_duration_median"]').textContent()).toBe('niet bereikt');
  });

  it('duration classes, return and prior care: bars for the published rows only, "geheim" for the rest, and what each does not say', async () => {
    for (const [level, area] of places) {
      for (const c of CLASSES) {
        const r = find(rows, { level, area, data_kind: 'allocations', measure: 'duration_class', bucket: c });
        const panel = `[data-chart="classes-allocations"] .panel[data-area="${area}"]`;
        expect(await page.locator(`${panel} .b-val[data-key="${c}"]`).textContent()).toBe(pctOrSecret(r));
        expect(await page.locator(`${panel} [data-list="duration_class"][data-key="${c}"]`).count()).toBe(hidden(r) ? 0 : 1);
      }
    }
    expect(await page.locator('[data-chart="classes-allocations"] [data-suppressed="duration_class"]').count()).toBeGreaterThan(0);
    for (const [measure, bucket] of [['return_within', '365'], ['prior_care', ''], ['ended_as_planned', '']]) {
      const published = rows.filter((r) => r.level === 'municipality' && r.measure === measure && r.bucket === bucket && !hidden(r));
      expect(await page.locator(`[data-bar="${measure}"]`).count(), measure).toBe(published.length);
    }
    const reading = await text(page, '#duur .reading');
    expect(reading.some((s) => s.includes('Alleen afgesloten trajecten tellen mee'))).toBe(true);
    expect(reading.some((s) => s.includes('Het zegt niet of de nieuwe hulp dezelfde soort was'))).toBe(true);
  });

  it('the groups: outflow per group for all data and each region equals the published rows; small groups "geheim"', async () => {
    let secrets = 0;
    for (const breakdown of ['age_group', 'start_category']) {
      const groups = [...new Set(series.filter((r) => r.breakdown === breakdown && r.level === 'all' && r.data_kind === 'allocations').map((r) => r.group))];
      for (const [level, area] of places) {
        for (const group of groups) {
          const r = find(series, { level, area, data_kind: 'allocations', measure: 'outflow', breakdown, group });
          const shown = await page.locator(`[data-chart="groups-${breakdown}-allocations"] .b-val[data-key="${group}"][data-area="${area}"]`).textContent();
          expect(shown, `${breakdown} ${area} ${group}`).toBe(pctOrSecret(r));
          if (hidden(r)) secrets++;
          const ppt = find(series, { level, area, data_kind: 'allocations', measure: 'products_per_trajectory', breakdown, group });
          const cell = page.locator(`table.groups tbody[data-area="${area}"] tr[data-group="${group}"] [data-cell="products_per_trajectory"]`).first();
          expect(await cell.textContent()).toBe(hidden(ppt) ? 'geheim' : fmtDec(ppt.value!, 1, 'nl'));
        }
      }
    }
    expect(secrets).toBeGreaterThan(0);
    expect(await text(page, '#groepen h3')).toEqual(['Naar leeftijd', 'Naar startcategorie']);
  });

  it('the years: each column is the published figure of its year; 2022 is drawn open and marked not final', async () => {
    for (const year of [2019, 2020, 2021, 2022]) {
      const r = find(series, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'outflow', year });
      expect(await page.locator(`[data-chart="trend-allocations"] .k-val[data-cell="outflow"][data-year="${year}"]`).textContent()).toBe(fmtPct(r.value!, 'nl'));
      const open = await page.locator(`[data-chart="trend-allocations"] .kbar[data-col="outflow"][data-year="${year}"]`).evaluate((e) => e.classList.contains('open'));
      expect(open, String(year)).toBe(year === 2022);
    }
    const labels = await text(page, '[data-chart="trend-allocations"] .panel >> nth=0 >> .k-lab');
    expect(labels).toEqual(['2019', '2020', '2021', '2022niet definitief']);
    expect(await page.locator('#trend [data-not-final="2022"]').first().textContent()).toContain('Niet definitief: 2022. De gegevens lopen tot 31 december 2022');
    // the year not final: return within a year is hidden (4 followed up)
    expect(await page.locator('[data-chart="trend-allocations"] .k-val[data-cell="return_within"][data-year="2022"]').textContent()).toBe('geheim');
    // the report's own year is final: the header says nothing
    expect(await page.locator('header [data-not-final]').count()).toBe(0);
  });

  it('the gaps: products per trajectory and the share open per gap; the report\'s 30 days marked', async () => {
    for (const gap of [14, 30, 60]) {
      const ppt = find(series, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'products_per_trajectory', gap_days: gap });
      const open = find(series, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'trajectories_open', gap_days: gap });
      expect(await page.locator(`[data-chart="gaps-allocations"] .k-val[data-cell="products_per_trajectory"][data-gap="${gap}"]`).textContent()).toBe(fmtDec(ppt.value!, 1, 'nl'));
      expect(await page.locator(`[data-chart="gaps-allocations"] .k-val[data-cell="trajectories_open"][data-gap="${gap}"]`).textContent()).toBe(fmtPct(open.value!, 'nl'));
    }
    expect(await text(page, '[data-chart="gaps-allocations"] .panel >> nth=0 >> .k-lab')).toEqual(['14 dagen', '30 dagenin dit rapport', '60 dagen']);
  });

  it('no two texts of a panel overlap, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      const overlaps = await page.evaluate(() => {
        const found: string[] = [];
        for (const panel of document.querySelectorAll('[data-chart] .panel')) {
          const texts = [...panel.querySelectorAll('.ptitle, .svl, .svv, .sy>span, .sx>span, .sxt, .pnote, .b-lab, .b-val, .tick, .k-val, .k-lab, .kscale>span')].flatMap((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return [...range.getClientRects()].filter((r) => r.width > 0).map((r) => ({ r, t: el.textContent.trim() }));
          });
          for (let i = 0; i < texts.length; i++) {
            for (let j = i + 1; j < texts.length; j++) {
              const [a, b] = [texts[i].r, texts[j].r];
              if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5 && texts[i].t !== texts[j].t) found.push(`${texts[i].t} / ${texts[j].t}`);
            }
          }
        }
        return found;
      });
      expect(overlaps, `${width} px`).toEqual([]);
    }
  });
});

describe('other reports', () => {
  it('English: the section and its words', async () => {
    const page = await open('fixture-en', renderReport(reportInput('cbs', 'en')));
    expect(await text(page, '#duur h2')).toEqual(['How long does a trajectory last?']);
    expect((await text(page, '#duur .reading'))[0]).toContain('does not say whether care ended well');
    expect(await page.locator('#trend [data-not-final="2022"]').first().textContent()).toContain('The data run until 31 December 2022');
    await page.close();
  });

  it('the report\'s own year not final: the header says so', async () => {
    const page = await open('fixture-not-final', renderReport({ ...reportInput('cbs'), yearsNotFinal: [2021, 2022] }));
    expect(await page.locator('header [data-not-final="2021"]').textContent()).toBe(
      '2021 is nog niet definitief: de gegevens lopen tot 30 november 2022, niet tot en met eind 2022. Cijfers over het volgende jaar kunnen nog veranderen.');
    await page.close();
  });

  it('a run of the CLI with a year not final: its curve and trend show the rows of metrics.json, the year is marked', async () => {
    const sample = (f: string) => join(REPO, 'fixtures/sample', f);
    const out = join(tmp.dir, 'series');
    const r = await cli(['analyse', '--input', sample('toewijzingen_a.csv'), sample('toewijzingen_b.csv'), '--codes', sample('codes.csv'), '--regions', sample('regions.csv'),
      '--year', '2021-2023', '--gap-days', '14,30', '--by', 'start_category', '--out', out, '--quiet', '--workers', '2']);
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.yearsNotFinal).toEqual([2023]);
    const metrics: MetricRow[] = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')).rows;
    const page = await open('cli-series', readFileSync(join(out, 'report.html'), 'utf8'), 390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const p of POINTS) {
      const row = find(metrics, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'in_trajectory_after', bucket: p }, 2022, 30);
      expect(await page.locator(`[data-chart="curve-allocations"] .panel[data-area="all"] [data-cell="in_trajectory_after"][data-bucket="${p}"]`).textContent()).toBe(pctOrSecret(row));
    }
    for (const year of [2021, 2022, 2023]) {
      const row = find(metrics, { level: 'all', area: 'all', data_kind: 'allocations', measure: 'outflow' }, year, 30);
      expect(await page.locator(`[data-chart="trend-allocations"] .k-val[data-cell="outflow"][data-year="${year}"]`).textContent()).toBe(pctOrSecret(row));
    }
    // per municipality: the trajectories are the denominator of a published point, also where the first is hidden
    let firstHidden = 0;
    for (const area of [...new Set(metrics.filter((m) => m.level === 'municipality').map((m) => m.area))]) {
      const points = POINTS.map((p) => find(metrics, { level: 'municipality', area, data_kind: 'allocations', measure: 'in_trajectory_after', bucket: p }, 2022, 30));
      if (hidden(points[0])) firstHidden++;
      const n = points.find((x) => !hidden(x))?.denominator;
      expect(await page.locator(`table.munis tr[data-area="${area}"] [data-cell="trajectories"]`).textContent(), area).toBe(n === undefined || n === null ? '' : fmtInt(n, 'nl'));
    }
    expect(firstHidden).toBeGreaterThan(0);
    expect(await text(page, '[data-chart="trend-allocations"] .panel >> nth=0 >> .k-lab')).toEqual(['2021', '2022', '2023niet definitief']);
    expect(await page.locator('#trend [data-not-final="2023"]').textContent()).toContain('De gegevens lopen tot 31 december 2023');
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'time-cli-series-390.png'), fullPage: true });
    await page.close();
  });
});
