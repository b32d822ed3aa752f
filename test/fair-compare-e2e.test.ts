// SPEC 12 end to end, on planted data through the CLI: two strata (youths of 4-11 starting with
// ambulant care, who leave care often, and youths of 12-17 starting with youth protection, who
// seldom do). Twelve ordinary municipalities have 100 of each, at outflow 60% and 20%. GM0901 has
// the same rates in every stratum but mostly older youths (40 + 360): its raw outflow is low, its
// standardised outflow is not. GM0902 is higher in both strata (80% and 40%): higher both ways.
//
//   raw:   all = (12 * 80 + 96 + 120) / 3000 = 0.392; GM0901 0.24 of 400 (z = -6.2); GM0902 0.60 of 200 (z = +6.0)
//   rates: young 824/1340 = 0.6149, old 352/1660 = 0.2120
//   GM0901: E = 40 * 0.6149 + 360 * 0.2120 = 100.9, O = 96, O/E = 0.95 (95% limits at E = 101: about 0.81 to 1.20)
//   GM0902: E = 100 * 0.6149 + 100 * 0.2120 = 82.7, O = 120, O/E = 1.45 (99.8% upper limit about 1.35)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, parseCsv, traject } from './cli-helpers.js';

let dir = '';

function rows(gm: string, young: [number, number], old: [number, number], start: number): string[] {
  // young: [youths, of whom out of care in 2022]; old likewise
  const out: string[] = [];
  let id = start;
  for (const [youths, leaving, birth, code] of [[...young, '2013-01-01', 'AMB'], [...old, '2007-01-01', 'JB']] as const) {
    for (let i = 0; i < youths; i++) {
      const end = i < leaving ? '2021-06-30' : '2022-03-31';
      out.push(`c${id++},${gm},${code},2021-03-01,${end},${birth}`);
    }
  }
  return out;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'traject-fair-'));
  const lines = ['client_id,gemeente,productcode,begindatum,einddatum,geboortedatum'];
  const regions = ['gemeente,regio'];
  let id = 1;
  for (let m = 1; m <= 12; m++) {
    const gm = `GM${String(100 + m).padStart(4, '0')}`;
    lines.push(...rows(gm, [100, 60], [100, 20], id));
    id += 200;
    regions.push(`${gm},Midden`);
  }
  lines.push(...rows('GM0901', [40, 24], [360, 72], id));
  id += 400;
  lines.push(...rows('GM0902', [100, 80], [100, 40], id));
  regions.push('GM0901,Midden', 'GM0902,Midden');
  writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'codes.csv'), 'productcode,category\nAMB,ambulant_non_ggz\nJB,jeugdbescherming\n');
  writeFileSync(join(dir, 'regions.csv'), regions.join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(out: string, extra: string[] = []): Record<string, string>[] {
  const r = traject(['analyse', '--input', 'data.csv', '--codes', 'codes.csv', '--regions', 'regions.csv', '--year', '2021', '--out', out, '--quiet', '--workers', '2', ...extra], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const [head, ...body] = parseCsv(readFileSync(join(dir, out, 'comparisons.csv'), 'utf8'));
  return body.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i]])));
}

describe('planted case mix (SPEC 12)', () => {
  let cs: Record<string, string>[] = [];
  beforeAll(() => {
    cs = run('out');
  });
  const get = (area: string, method: string) =>
    cs.find((c) => c.area === area && c.measure === 'outflow' && c.against === 'all' && c.method === method)!;

  it('same rates, older youths: lower as measured, no clear difference standardised', () => {
    expect(get('GM0901', 'raw')).toMatchObject({ direction: 'lower', band: 'outside_998', test: 'funnel_exact_binomial', numerator: '95', denominator: '400' });
    const s = get('GM0901', 'standardised');
    expect(s).toMatchObject({ direction: 'no_clear_difference', band: 'within_95', test: 'funnel_exact_poisson' });
    // published from the rounded counts: E = 400 * 100.93/400 = 100.9, O/E = 95/100.9
    expect(Number(s.expected)).toBeCloseTo(100.9, 1);
    expect(Number(s.oe)).toBeCloseTo(95 / 100.9, 3);
  });

  it('higher in every stratum: higher both ways', () => {
    expect(get('GM0902', 'raw')).toMatchObject({ direction: 'higher', band: 'outside_998' });
    expect(get('GM0902', 'standardised')).toMatchObject({ direction: 'higher', band: 'outside_998' });
  });

  it('the ordinary municipalities: no clear difference either way, and no over-dispersion', () => {
    for (const c of cs.filter((x) => x.measure === 'outflow' && x.area.startsWith('GM01'))) {
      expect(c.direction).toBe('no_clear_difference');
      expect(c.test).not.toBe('funnel_normal_phi');
    }
  });

  it('the manifest names the method and the strata', () => {
    const m = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8'));
    expect(m.settings.compare).toBe('funnel');
    expect(m.comparisons.method).toBe('funnel');
    expect(m.comparisons.standardisation.strata.by).toEqual(['age_group', 'start_category']);
    expect(m.comparisons.standardisation.strata.groups).toHaveLength(35);
    expect(m.comparisons.standardisation.measures).toEqual(['in_care_next_year', 'outflow', 'return_within', 'prior_care']);
  });

  it('the report draws the outflow funnels, as measured and standardised', () => {
    const html = readFileSync(join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('data-chart="funnel-outflow-allocations-measured"');
    expect(html).toContain('data-chart="funnel-outflow-allocations-standardised"');
    expect(html.match(/data-point="outflow"[^>]*data-method="standardised"/g)).toHaveLength(14);
  });

  it('--compare pairwise keeps the tests of SPEC 6 and standardises nothing', () => {
    const pw = run('out-pairwise', ['--compare', 'pairwise']);
    expect(pw.some((c) => c.method === 'standardised')).toBe(false);
    const c = pw.find((x) => x.area === 'GM0901' && x.measure === 'outflow' && x.against === 'all')!;
    expect(c).toMatchObject({ test: 'two_proportion_z', direction: 'lower', band: '', phi: '' });
    const html = readFileSync(join(dir, 'out-pairwise', 'report.html'), 'utf8');
    expect(html).not.toContain('id="trechters"');
  });

  it('refuses an unknown --compare', async () => {
    const r = await cli(['analyse', '--input', 'data.csv', '--codes', 'codes.csv', '--year', '2021', '--out', 'x', '--compare', 'funel'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--compare/);
  });
});
