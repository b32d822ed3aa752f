// Runs every spec case (test/spec-cases.ts) through the whole engine, with 1 and 2 workers,
// and checks the trajectories of the first client against the pure stitching functions.
import { afterAll, describe, expect, it } from 'vitest';
import { cohortYear } from '../src/model/calendar.js';
import { allocationProducts, claimProducts, dedupe } from '../src/definitions/products.js';
import { MapStatus, type ProductRow } from '../src/model/rows.js';
import { byStartThenEnd, stitch } from '../src/definitions/stitch.js';
import { runAnalysis } from '../src/run/run.js';
import { compileDateFormat, isoDate, parseDateString } from '../src/read/dates.js';
import { OPEN_END } from '../src/model/model.js';
import { SPEC_CASES, SPEC_CODES, SPEC_REGIONS, type SpecCase } from './spec-cases.js';
import { findRow, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const auto = compileDateFormat('auto');
const day = (s: string) => (s === '' ? OPEN_END : parseDateString(s, auto));

function writeCase(c: SpecCase, i: number): string[] {
  const files = Math.max(...c.rows.map((r) => r.file ?? 0)) + 1;
  return Array.from({ length: files }, (_, f) => tmp.file(`case${i}-${f}.csv`,
    'client_id,gemeente,productcode,begindatum,einddatum,toewijzingnummer\n' +
    c.rows.filter((r) => (r.file ?? 0) === f).map((r) => [r.client, r.gemeente, r.code, r.start, r.end, r.allocation ?? ''].join(',')).join('\n') + '\n'));
}

const codes = tmp.file('codes.csv', SPEC_CODES);
const regions = tmp.file('regions.csv', SPEC_REGIONS);

describe.each(SPEC_CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
  const inputs = writeCase(c, i);
  const kind = c.kind ?? 'allocations';

  for (const workers of [1, 2]) {
    it(`figures with ${workers} worker(s)`, async () => {
      const r = await runAnalysis({ inputs, codes, regions, year: 2021, disclosure: 'off', workers, kind });
      for (const [key, [num, den]] of Object.entries(c.expect)) {
        const row = findRow(r.exact, key, kind);
        if (num === 0 && den === 0 && row === undefined) continue;
        expect(row, key).toBeDefined();
        expect([row!.numerator, row!.denominator], key).toEqual([num, den]);
      }
      const rejected = r.manifest.inputs.reduce((s, x) => s + x.rejected, 0);
      expect(rejected).toBe(c.rejected ?? 0);
      expect(r.manifest.inputs.reduce((s, x) => s + x.read, 0)).toBe(c.rows.length);
      if (c.unmapped) expect(r.manifest.unmappedCodes).toEqual(c.unmapped);
    });
  }

  if (c.trajectories) {
    it('trajectories of the first client', () => {
      const y = cohortYear(2021);
      const rows: ProductRow[] = c.rows.filter((r) => r.client === 'c1').map((r, order) => ({
        kind: kind === 'claims' ? 1 : 0, order, source: 0, gm: 0, code: r.code, productcategorie: '', provider: '',
        allocation: r.allocation ?? '', start: day(r.start), end: day(r.end), cat: 0, mapStatus: MapStatus.Mapped,
        referrer: 0, sex: 0, reason: 0, birth: OPEN_END,
      }));
      const unique = dedupe(rows).rows;
      const products = kind === 'claims' ? claimProducts(unique) : allocationProducts(unique);
      const got = stitch(products.filter((p) => p.start >= y.first).sort(byStartThenEnd), 30)
        .map((t) => [isoDate(t.start), t.maxEnd === OPEN_END ? 'open' : isoDate(t.maxEnd), t.size]);
      expect(got).toEqual(c.trajectories);
    });
  }
});
