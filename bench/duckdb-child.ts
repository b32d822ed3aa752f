// Child process of the benchmark: runs the DuckDB reference (test/reference/reference.sql) on the
// files named in a JSON spec (argv[2]) and writes its metrics rows as JSON to argv[3].
import { readFileSync, writeFileSync } from 'node:fs';
import { runReference, type ReferenceOptions } from '../test/reference/duckdb-reference.js';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ReferenceOptions;
try {
  const rows = await runReference(spec);
  writeFileSync(process.argv[3], JSON.stringify(rows));
} catch (e) {
  // Only the first line of DuckDB's message: later lines can quote a row of the input.
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].split('Original Line')[0];
  process.stderr.write(`duckdb reference failed: ${msg}\n`);
  process.exitCode = 1;
}
