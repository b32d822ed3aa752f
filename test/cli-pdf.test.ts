// `traject analyse --pdf`: report.pdf printed by headless Chromium (src/output/pdf.ts), and a
// run that says so and writes everything else where there is no Chromium. The layout of the
// printed pages is checked in test/report-devices.browser.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTree, REPO } from './cli-helpers.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('traject-cli-pdf-');
afterAll(() => tmp.cleanup());

const SAMPLE = ['toewijzingen_a.csv', 'toewijzingen_b.csv'].map((f) => join(REPO, 'fixtures/sample', f));
const args = (out: string, ...extra: string[]) => [
  join(REPO, 'bin/traject.js'), 'analyse', '--input', ...SAMPLE, '--codes', join(REPO, 'fixtures/sample/codes.csv'),
  '--regions', join(REPO, 'fixtures/sample/regions.csv'), '--year', '2021', '--out', out, '--workers', '2', ...extra,
];
function run(out: string, extra: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, args(out, ...extra), { cwd: tmp.dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r;
}
const manifestOutputs = (out: string) => (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { outputs: Record<string, string> }).outputs;

describe('--pdf', () => {
  const plain = join(tmp.dir, 'plain');
  const withPdf = join(tmp.dir, 'pdf');
  const noChromium = join(tmp.dir, 'no-chromium');

  it('writes report.pdf: A4 pages printed from report.html; the other outputs are those of a run without --pdf', () => {
    expect(run(plain, ['--quiet']).status).toBe(0);
    const r = run(withPdf, ['--pdf']);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('traject: read '))).toEqual([]); // progress lines only
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/outputs in .*: report\.html, .*, report\.pdf\n/);

    const pdf = readFileSync(join(withPdf, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = spawnSync('pdfinfo', [join(withPdf, 'report.pdf')], { encoding: 'utf8' });
    expect(info.status, 'pdfinfo (poppler-utils) is needed').toBe(0);
    expect(info.stdout).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info.stdout)![1])).toBeGreaterThan(3);
    const text = spawnSync('pdftotext', ['-f', '1', '-l', '1', join(withPdf, 'report.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Uitstroom');
    expect(text).toContain('Geschikt voor publicatie');

    // the manifest lists it, saying it is not byte-identical; nothing else differs
    expect(manifestOutputs(withPdf)['report.pdf']).toMatch(/not byte-identical/);
    const a = readTree(plain);
    const b = readTree(withPdf);
    expect([...b.keys()].sort()).toEqual([...a.keys(), 'report.pdf'].sort());
    for (const [name, bytes] of a) if (name !== 'manifest.json') expect(b.get(name)!.equals(bytes), name).toBe(true);
    const { outputs: _o1, ...m1 } = JSON.parse(a.get('manifest.json')!.toString()) as Record<string, unknown>;
    const { outputs: _o2, ...m2 } = JSON.parse(b.get('manifest.json')!.toString()) as Record<string, unknown>;
    expect(m2).toEqual(m1);
  });

  it('without Chromium: says so, exits 0 and writes every other output, exactly as without --pdf', () => {
    const r = run(noChromium, ['--quiet', '--pdf'], { TRAJECT_CHROMIUM: join(tmp.dir, 'no-such-chromium') });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`traject: --pdf: Chromium not found (TRAJECT_CHROMIUM=${join(tmp.dir, 'no-such-chromium')} is not a program); report.pdf not written, the other outputs are\n`);
    expect(existsSync(join(noChromium, 'report.pdf'))).toBe(false);
    const a = readTree(plain);
    const b = readTree(noChromium);
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)!.equals(bytes), name).toBe(true);
  });

  it('nor on the PATH: names what it looked for', () => {
    const r = run(join(tmp.dir, 'no-path'), ['--quiet', '--pdf'], { PATH: tmp.dir, TRAJECT_CHROMIUM: '' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^traject: --pdf: Chromium not found \(no chromium, chromium-browser, google-chrome or google-chrome-stable on the PATH; set TRAJECT_CHROMIUM\); report\.pdf not written/);
    expect(existsSync(join(tmp.dir, 'no-path', 'report.html'))).toBe(true);
  });
});
