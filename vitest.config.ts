import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** The slowest files, slowest first (measured in the whole suite on 2 cores). */
const SLOWEST = ['report-devices.browser', 'report-time.browser', 'ingest-fuzz', 'workbook-large', 'excel-output', 'spec-cases', 'cli-pdf'];

/**
 * vitest runs the files that took longest last time first, from its cache; a clean clone (CI)
 * has none and runs them in name order, so the device test (60 s) starts late and ends last.
 * These files go first either way; the rest keep vitest's order. Without a cache, two
 * alternating pairs: 159 s and 155 s, against 172 s and 167 s in name order.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = SLOWEST.findIndex((name) => f.moduleId.endsWith(`/${name}.test.ts`));
      return i < 0 ? SLOWEST.length : i;
    };
    return (await super.sort(files)).map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Worker-thread tests spawn their own pools; keep vitest's own parallelism modest on 2 cores.
    maxWorkers: 2,
    // One module registry per worker, not per file: the files share no state through modules
    // (each makes its own temporary folders and runs), and importing the engine, DuckDB,
    // exceljs and Playwright once per worker instead of once per file took the suite from
    // 187 s and 367 s of CPU to 149 s and 292 s.
    isolate: false,
    sequence: { sequencer: SlowestFirst },
  },
});
