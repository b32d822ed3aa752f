// Nothing changes for users when the code moves: the outputs of the demo data and of generated
// data sets (allocations in two input shapes, claims, both kinds in one run; disclosure on and
// off; labels and Excel CSV) are byte-identical to those saved before the restructuring
// (test/golden/outputs.json, SHA-256 per output file). A deliberate change of the outputs
// records new hashes with TRAJECT_UPDATE_GOLDEN=1 and says why in its commit.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../src/generate/generate.js';
import { cli, readTree, REPO } from './cli-helpers.js';

const GOLDEN = join(REPO, 'test/golden/outputs.json');
const update = process.env.TRAJECT_UPDATE_GOLDEN === '1';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'traject-golden-'));
  for (const f of ['toewijzingen_a.csv', 'toewijzingen_b.csv', 'codes.csv', 'regions.csv']) {
    copyFileSync(join(REPO, 'fixtures/sample', f), join(dir, `sample_${f}`));
  }
  await generate(join(dir, 'gen'), { clients: 3000, seed: 11, year: 2021, municipalities: 9, sources: 2 });
  writeFileSync(join(dir, 'mixed.json'), JSON.stringify({
    sources: [
      { path: 'gen/toewijzingen_a.csv', kind: 'allocations' },
      { path: 'gen/toewijzingen_b.csv', kind: 'claims' },
    ],
    codes: 'gen/codes.csv', regions: 'gen/regions.csv', year: 2021,
  }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sample = ['--input', 'sample_toewijzingen_a.csv', 'sample_toewijzingen_b.csv', '--codes', 'sample_codes.csv', '--regions', 'sample_regions.csv', '--year', '2021'];
const gen = ['--input', 'gen/toewijzingen_a.csv', 'gen/toewijzingen_b.csv', '--codes', 'gen/codes.csv', '--regions', 'gen/regions.csv', '--year', '2021'];
const CASES: Record<string, string[]> = {
  'sample default': sample,
  'sample internal': [...sample, '--disclosure', 'off'],
  'sample labels excel': [...sample, '--labels', '--excel', '--lang', 'en'],
  'generated allocations default': gen,
  'generated allocations internal gap 14': [...gen, '--disclosure', 'off', '--gap-days', '14'],
  'generated claims default': [...gen, '--kind', 'claims'],
  'generated claims internal': [...gen, '--kind', 'claims', '--disclosure', 'off'],
  'generated mixed default': ['--run', 'mixed.json'],
};

function hashes(out: string): Record<string, string> {
  const h: Record<string, string> = {};
  // A run file's paths are absolute: the temporary folder's name is the one part that may differ.
  for (const [name, bytes] of readTree(out)) {
    h[name] = createHash('sha256').update(bytes.toString('latin1').replaceAll(dir, '<dir>'), 'latin1').digest('hex');
  }
  return h;
}

describe('outputs are byte-identical to the saved ones', () => {
  const seen: Record<string, Record<string, string>> = {};
  afterAll(() => {
    if (update) writeFileSync(GOLDEN, JSON.stringify(seen, null, 2) + '\n');
  });
  for (const [name, args] of Object.entries(CASES)) {
    it(name, async () => {
      const out = `out-${name.replace(/ /g, '-')}`;
      const r = await cli(['analyse', ...args, '--out', out, '--quiet', '--workers', '2'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      seen[name] = hashes(join(dir, out));
      expect(Object.keys(seen[name]).length).toBeGreaterThanOrEqual(6);
      if (!update) expect(seen[name]).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8'))[name]);
    });
  }
});
