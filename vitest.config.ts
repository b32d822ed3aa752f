import { defineConfig } from 'vitest/config';

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
  },
});
