// Writes synthetic allocation data: node dist/scripts/generate.js --clients 2000 --seed 1 --year 2021 --out fixtures/sample [--clean]
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { relative } from 'node:path';
import { generate } from '../src/generate/generate.js';

const a = await yargs(hideBin(process.argv))
  .scriptName('generate')
  .option('clients', { type: 'number', default: 2000, describe: 'number of clients' })
  .option('seed', { type: 'number', default: 1, describe: 'PRNG seed (same options give the same bytes)' })
  .option('year', { type: 'number', default: 2021, describe: 'cohort year Y the data is centred on' })
  .option('municipalities', { type: 'number', default: 12, describe: 'number of municipalities' })
  .option('sources', { type: 'number', default: 2, describe: 'number of input files' })
  .option('clean', { type: 'boolean', default: false, describe: 'a clean export: ISO dates, ",", LF, no rejected rows, default columns only' })
  .option('out', { type: 'string', demandOption: true, describe: 'output folder' })
  .strictOptions()
  .parseAsync();

const t0 = performance.now();
const r = await generate(a.out, { clients: a.clients, seed: a.seed, year: a.year, municipalities: a.municipalities, sources: a.sources, clean: a.clean });
const s = (performance.now() - t0) / 1000;
const rel = (p: string): string => relative(process.cwd(), p);
process.stdout.write(
  `${r.rows} rows in ${s.toFixed(2)} s (${Math.round(r.rows / s)} rows/s)\n` +
    `inputs: ${r.inputs.map(rel).join(' ')}\ncodes: ${rel(r.codes)}\nregions: ${rel(r.regions)}\n`,
);
