// Child process of the benchmark: runs one DuckDB SQL on the files named in a JSON spec (argv[2])
// and writes its rows as JSON to argv[3]. The spec's `sql` says which: `reference`
// (test/reference/reference.sql, faithful) or `lean` (test/reference/lean.sql, for clean exports).
import { readFileSync, writeFileSync } from 'node:fs';
import { runReference, type ReferenceOptions } from '../test/reference/duckdb-reference.js';
import { runLean, type LeanOptions } from '../test/reference/lean-reference.js';

export type SqlChildSpec = ({ sql: 'reference' } & ReferenceOptions) | ({ sql: 'lean' } & LeanOptions);

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as SqlChildSpec;
try {
  const rows = spec.sql === 'lean' ? await runLean(spec) : await runReference(spec);
  writeFileSync(process.argv[3], JSON.stringify(rows));
} catch (e) {
  // Only the first line of DuckDB's message: later lines can quote a row of the input.
  const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0].split('Original Line')[0];
  process.stderr.write(`${spec.sql === 'lean' ? 'lean SQL' : 'duckdb reference'} failed: ${msg}\n`);
  process.exitCode = 1;
}
