// Child process of the benchmark: runs the lean DuckDB SQL (test/reference/lean.sql) on the clean
// files named in a JSON spec (argv[2]) and writes its rows as JSON to argv[3].
import { readFileSync, writeFileSync } from 'node:fs';
import { runLean, type LeanOptions } from '../test/reference/lean-reference.js';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LeanOptions;
try {
  const rows = await runLean(spec);
  writeFileSync(process.argv[3], JSON.stringify(rows));
} catch (e) {
  // Only the first line of DuckDB's message: later lines can quote a row of the input.
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].split('Original Line')[0];
  process.stderr.write(`lean SQL failed: ${msg}\n`);
  process.exitCode = 1;
}
