// The command line: `traject analyse`, `traject codes`, `traject demo`, `traject pseudonymise`.
// Messages name files, lines and columns, never a client value.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { publishedCount } from '../disclosure/rounding.js';
import { RunError } from '../model/errors.js';
import type { Day } from '../model/model.js';
import { compileDateFormat, parseDateString } from '../read/dates.js';
import { ENGINE_VERSION } from '../run/manifest.js';
import { describe as describeReject } from '../run/accounting.js';
import { runAnalysis, type RunOptions, type RunResult } from '../run/run.js';
import type { SourceSpec } from '../read/sources.js';
import { checkOptions, loadProfile, loadRunFile, optionValue } from '../read/profile.js';
import { pseudonymiseFile } from './pseudonymise.js';
import { workbooksInProgress } from '../read/workbook.js';
import { progressMode, progressReporter } from '../output/progress.js';
import { outDirProblem, writeAtomically, writeFileAtomically } from '../output/write.js';
import { LedgerFile } from '../output/ledger-file.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// Numbers arrive as the text typed (yargs type string) and are checked with the run file's
// definitions (profile.schema.json, $defs/options), so that --year abc is reported as the string it is.
interface AnalyseArgs {
  input?: string[];
  codes?: string;
  regions?: string;
  year?: string | number;
  out?: string;
  'gap-days'?: string | number;
  by?: string;
  'data-until'?: string;
  'lookback-days'?: string | number;
  compare?: string;
  workers?: string | number;
  disclosure?: string;
  threshold?: string | number;
  rounding?: string | number;
  labels?: boolean;
  strict?: boolean;
  kind?: string;
  'include-pgb'?: boolean;
  run?: string;
  profile?: string;
  quiet?: boolean;
  lang?: string;
  excel?: boolean;
  ledger?: string;
  pdf?: boolean;
  sheet?: string;
}

/** A command-line number as given, or a value passed in by code (the demo passes numbers). */
const num = (v: string | number | undefined): unknown => (typeof v === 'string' ? optionValue(v) : v);

/** A date the schema has checked (format traject-date) as a day number. */
const dayOf = (text: string): Day => parseDateString(text.trim(), compileDateFormat('auto'));

/**
 * A list option (SPEC 11), or undefined for a single value (left to the schema as it is):
 * `2019-2022` (years only) and `0,14,30`. The values are then checked by the schema.
 */
function listOption(v: string | number | undefined, ranges: boolean): number[] | undefined {
  if (typeof v !== 'string' || !/[,-]/.test(v.trim().replace(/^-/, ''))) return undefined;
  const out: number[] = [];
  for (const part of v.split(',').map((s) => s.trim())) {
    const m = ranges ? /^(\d+)-(\d+)$/.exec(part) : null;
    if (m) for (let x = Number(m[1]); x <= Number(m[2]) && out.length < 200; x++) out.push(x);
    else out.push(/^\d+$/.test(part) ? Number(part) : (NaN));
  }
  return out;
}

function optionsFrom(a: AnalyseArgs): RunOptions & { out: string; ledgerFile?: string } {
  // --year 2021, 2019-2022 or 2019,2021; --gap-days 30 or 0,14,30 (SPEC 11): one value, or a list.
  const yearList = listOption(a.year, true);
  const gapList = listOption(a['gap-days'], false);
  const cli = {
    year: yearList === undefined ? num(a.year) : undefined, gapDays: gapList === undefined ? num(a['gap-days']) : undefined,
    years: yearList, gaps: gapList, by: a.by === undefined ? undefined : a.by.split(',').map((s) => s.trim()).filter(Boolean),
    dataUntil: a['data-until'], lookbackDays: num(a['lookback-days']),
    workers: num(a.workers), threshold: num(a.threshold),
    rounding: num(a.rounding), disclosure: a.disclosure, compare: a.compare, kind: a.kind,
  };
  checkOptions(cli);
  let base: Partial<RunOptions> & { out?: string; ledgerFile?: string } = {};
  if (a.run) {
    const rf = loadRunFile(a.run);
    base = {
      inputs: rf.sources.map((s): SourceSpec => ({ path: s.path, kind: s.kind ?? s.profile?.kind, profile: s.profile, ...(s.sheet !== undefined ? { sheet: s.sheet } : {}) })),
      codes: rf.codes, regions: rf.regions, year: rf.year, gapDays: rf.gapDays, years: rf.years, gaps: rf.gaps, by: rf.by,
      dataUntil: rf.dataUntil === undefined ? undefined : dayOf(rf.dataUntil), lookbackDays: rf.lookbackDays, compare: rf.compare,
      disclosure: rf.disclosure, out: rf.out, threshold: rf.threshold, roundingBase: rf.rounding,
      labels: rf.labels, strict: rf.strict, includePgb: rf.includePgb,
      ledgerFile: rf.ledger,
    };
  }
  const inputs = a.input && a.input.length > 0 ? a.input : base.inputs;
  const codes = a.codes ?? base.codes;
  const years = (cli.years) ?? (cli.year === undefined ? base.years : undefined);
  const year = (cli.year as number | undefined) ?? years?.[years.length - 1] ?? base.year;
  const out = a.out ?? base.out;
  const missing = [!inputs && '--input', !codes && '--codes', year === undefined && '--year', !out && '--out'].filter(Boolean);
  if (missing.length > 0) throw new RunError(`missing ${missing.join(', ')} (or give them in a --run file); see traject analyse --help`);
  let specs: (string | SourceSpec)[] = inputs!;
  if (a.profile) {
    if (a.input === undefined) throw new RunError('--profile applies to the --input files; with --run, give each source its profile in the run file');
    const profile = loadProfile(a.profile);
    specs = a.input.map((path) => ({ path, profile, kind: (a.kind as SourceSpec['kind']) ?? profile.kind }));
  }
  if (a.sheet !== undefined) {
    if (a.input === undefined) throw new RunError('--sheet applies to the --input files; with --run, give each source its sheet in the run file');
    if (a.sheet.trim() === '') throw new RunError('--sheet: expected a sheet name such as Toewijzingen');
    specs = specs.map((s) => (typeof s === 'string' ? { path: s, kind: a.kind as SourceSpec['kind'], sheet: a.sheet } : { ...s, sheet: a.sheet }));
  }
  return {
    inputs: specs, codes: codes!, regions: a.regions ?? base.regions, year: year!, out: out!,
    gapDays: (cli.gapDays as number | undefined) ?? base.gapDays, workers: cli.workers as number | undefined,
    years: years ?? (cli.year === undefined ? base.years : undefined),
    gaps: (cli.gaps) ?? (cli.gapDays === undefined ? base.gaps : undefined),
    by: (cli.by) ?? base.by,
    dataUntil: cli.dataUntil === undefined ? base.dataUntil : dayOf(cli.dataUntil),
    lookbackDays: (cli.lookbackDays as number | undefined) ?? base.lookbackDays,
    compare: (a.compare ?? base.compare) as RunOptions['compare'],
    kind: a.kind as RunOptions['kind'], disclosure: (a.disclosure ?? base.disclosure) as RunOptions['disclosure'],
    threshold: (cli.threshold as number | undefined) ?? base.threshold, roundingBase: (cli.rounding as number | undefined) ?? base.roundingBase,
    labels: a.labels ?? base.labels,
    strict: a.strict ?? base.strict, includePgb: a['include-pgb'] ?? base.includePgb,
    ledgerFile: a.ledger ?? base.ledgerFile,
  };
}

export async function analyse(a: AnalyseArgs, log: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<RunResult> {
  const opts = optionsFrom(a);
  const problem = outDirProblem(opts.out, [
    ...opts.inputs.map((i) => (typeof i === 'string' ? i : i.path)), opts.codes, ...(opts.regions ? [opts.regions] : []),
    ...(a.run ? [a.run] : []), ...(a.profile ? [a.profile] : []),
  ]);
  if (problem) throw new RunError(problem);
  // The ledger is locked and read before the run, and recorded only once the outputs are in place.
  const ledger = opts.ledgerFile ? LedgerFile.open(opts.ledgerFile, opts) : null;
  return analyseWith(a, opts, log, ledger).finally(() => ledger?.release());
}

async function analyseWith(a: AnalyseArgs, opts: RunOptions & { out: string }, log: (s: string) => void, ledger: LedgerFile | null): Promise<RunResult> {
  const t0 = performance.now();
  // The output modules (report, CSV writer) load while the worker threads start up.
  let outputs: Promise<typeof import('../output/outputs.js')> | null = null;
  const loadOutputs = () => {
    outputs ??= import('../output/outputs.js');
    outputs.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
  };
  const result = await runAnalysis({ ...opts, ledger: ledger?.ledger, onProgress: progressReporter(progressMode(a.quiet ?? false)), onStarted: loadOutputs });
  loadOutputs();
  const { runOutputs, rejectsSummary, metricsWorkbook, METRICS_WORKBOOK } = await outputs!;
  // --pdf: report.pdf printed by headless Chromium (src/output/pdf.ts); without Chromium, a warning
  const pdf = a.pdf ? (await import('../output/pdf.js')).reportPdf : null;
  const warn = (w: string) => process.stderr.write(`traject: ${w}\n`);
  const extra = a.excel ? [{ name: METRICS_WORKBOOK, content: await metricsWorkbook(result) }] : [];
  const files = runOutputs(result, { excel: a.excel, lang: a.lang === 'en' ? 'en' : 'nl', extra, pdf: pdf ? (html) => pdf(html, warn) : undefined });
  if (ledger) ledger.publish(result, files, opts.out, () => writeAtomically(opts.out, files));
  else writeAtomically(opts.out, files);
  const secs = (performance.now() - t0) / 1000;
  if (!a.quiet) printSummary(result, opts.out, secs, log, rejectsSummary, files.map((f) => f.name));
  if (!a.quiet && ledger) log(ledger.summary(result));
  return result;
}

function printSummary(r: RunResult, out: string, secs: number, log: (s: string) => void,
  rejectsSummary: typeof import('../output/outputs.js').rejectsSummary, written: string[]): void {
  const m = r.manifest;
  const n = (x: number) => x.toLocaleString('en-US');
  if (m.disclosure.mode === 'off') log('INTERNAL RUN: disclosure control is off; outputs are not for publication.');
  for (const s of m.inputs) {
    const sheet = s.sheet !== undefined ? `, sheet ${s.sheet}` : '';
    const titles = s.titleRows ? `; ${n(s.titleRows)} title row${s.titleRows === 1 ? '' : 's'} above the header skipped` : '';
    log(`${s.file}${sheet}: ${n(s.read)} rows read = ${n(s.accepted)} accepted + ${n(s.rejected)} rejected (${s.kind}${titles})`);
  }
  for (const g of rejectsSummary(r.rejects, 3)) log(`  rejected ${n(g.count)}x ${g.reason}: ${g.first.join(', ')}${g.count > 3 ? ', …' : ''}`);
  if (m.unmappedCodes.length > 0) {
    log(`unmapped codes (counted as overig_multidisciplinair): ${m.unmappedCodes.slice(0, 8).map((c) => `${c.code} in ${c.gemeente} (${n(c.products)} product${c.products === 1 ? "" : "s"})`).join(', ')}${m.unmappedCodes.length > 8 ? `, and ${m.unmappedCodes.length - 8} more in the manifest` : ''}`);
  }
  if (m.fallbackCodes.length > 0) log(`codes mapped by their iJw product category: ${m.fallbackCodes.length} (listed in the manifest)`);
  // The cut-off warnings (SPEC 10) change how the figures may be read: always on the terminal.
  for (const w of r.cutOffWarnings) log(`warning: ${w}`);
  // Under disclosure control the terminal shows youths as the tables do: rounded, or suppressed.
  const youths = (exact: number) => {
    const shown = publishedCount(exact, m.disclosure);
    return shown === null ? 'suppressed (few)' : m.disclosure.mode === 'off' ? n(shown) : `${n(shown)} (rounded)`;
  };
  log(`${youths(r.stats.clients)} clients, ${n(r.stats.products)} products; cohort ${m.settings.year}: ${youths(cohortAll(r))} youths`);
  const rel = relative(process.cwd(), resolve(out)) || '.';
  log(`done in ${secs.toFixed(1)}s; outputs in ${rel}/: ${outputsOf(written).join(', ')}`);
}

const cohortAll = (r: RunResult) => r.exact.filter((x) => x.level === 'all' && x.measure === 'cohort_youths' && x.breakdown === '' &&
  x.year === r.manifest.settings.year && x.gap_days === r.manifest.settings.gapDays).reduce((s, x) => s + (x.data_kind === 'mixed' ? 0 : x.numerator ?? 0), 0);
/** The files written, the report first (the order the summary has always had). */
const SUMMARY_ORDER = ['report.html', 'metrics.csv', 'metrics.json', 'comparisons.csv', 'manifest.json', 'rejects.csv'];
const outputsOf = (written: string[]) => [...SUMMARY_ORDER.filter((f) => written.includes(f)), ...written.filter((f) => !SUMMARY_ORDER.includes(f))];

/**
 * yargs formats the whole help text whenever a command runs, to have it at hand should the
 * command fail (about 30 ms of every run). traject never shows help on a failure (see .fail),
 * so skip that; --help itself is answered before any command runs. Uses yargs' internal
 * methods, as Angular's CLI does; without them (another yargs version) nothing changes.
 */
function skipHelpCache(parser: unknown): void {
  type Usage = { cacheHelpMessage?: () => void };
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => Usage } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  // A damaged workbook can leave the workbook reader waiting for data that never comes: Node then
  // runs out of work with the command unfinished. Say so, and fail, rather than exit 0 in silence.
  const unfinished = () => {
    const files = workbooksInProgress();
    process.stderr.write(`traject: ${files.length > 0 ? `${files.join(', ')}: the workbook is damaged (its data ends before its sheet does); save it again from Excel, or export the sheet as CSV` : 'the command stopped before it finished'}\n`);
    process.exitCode = 1;
  };
  process.once('beforeExit', unfinished);
  const fail = (e: unknown) => {
    const exit = e instanceof RunError ? e.exitCode : 1;
    // Only our own message: no stack trace, which could carry values from the data.
    process.stderr.write(`traject: ${e instanceof Error ? e.message : String(e)}\n`);
    code = exit;
  };
  try {
    const parser = yargs(argv)
      .scriptName('traject')
      .usage('$0 <command> [options]')
      .command('analyse', 'Cohort outflow, products per trajectory and start categories per municipality, region and overall', (y) => y
        .option('input', { alias: 'i', type: 'array', string: true, describe: 'input CSV files (one product per row); linked by client key' })
        .option('codes', { type: 'string', describe: 'code mapping table (productcode,category,...)' })
        .option('regions', { type: 'string', describe: 'region table (gemeente,regio)' })
        .option('year', { type: 'string', describe: 'cohort year Y' })
        .option('out', { alias: 'o', type: 'string', describe: 'output folder (replaced atomically)' })
        .option('gap-days', { type: 'string', describe: 'products within this many days join a trajectory [default: 30]' })
        .option('by', { type: 'string', describe: 'breakdowns, comma-separated: age_group, referrer, start_category, sex (SPEC 11)' })
        .option('data-until', { type: 'string', describe: 'the last day the data can speak about (SPEC 10) [default: from the data]' })
        .option('lookback-days', { type: 'string', describe: 'prior care looks this many days back [default: 365]' })
        .option('compare', { type: 'string', describe: 'funnel: funnel plots, raw and standardised (SPEC 12); pairwise: the tests of SPEC 6 [default: funnel]' })
        .option('workers', { type: 'string', describe: 'worker threads at most [default: number of cores]; inputs under 8 MiB run on the main thread' })
        .option('disclosure', { type: 'string', describe: "cbs or off; 'off' only for internal runs [default: cbs]" })
        .option('threshold', { type: 'string', describe: 'counts up to this are suppressed [default: 7]' })
        .option('rounding', { type: 'string', describe: 'other counts are rounded to a multiple of this [default: 5]' })
        .option('labels', { type: 'boolean', describe: "publish municipalities as 'Gemeente A', ..." })
        .option('kind', { type: 'string', describe: 'allocations or claims: read every --input as this kind of data [default: allocations]' })
        .option('strict', { type: 'boolean', describe: 'any rejected row fails the run (exit 2), nothing written' })
        .option('include-pgb', { type: 'boolean', describe: 'keep PGB rows (excluded by default)' })
        .option('profile', { type: 'string', describe: 'a source profile (JSON) for every --input file: columns, delimiter, encoding, date format, kind' })
        .option('sheet', { type: 'string', describe: 'the sheet to read from every --input workbook (.xlsx) [default: the first sheet]' })
        .option('run', { type: 'string', describe: 'a run file (JSON) with sources, profiles, tables and settings' })
        .option('lang', { choices: ['nl', 'en'], default: 'nl', describe: 'language of report.html' })
        .option('excel', { type: 'boolean', describe: "CSV for Dutch Excel: ';', decimal comma, UTF-8 with BOM" })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no progress and no summary' })
        .option('pdf', { type: 'boolean', describe: 'also write report.pdf, printed by headless Chromium (TRAJECT_CHROMIUM, or chromium on the PATH)' })
        .option('ledger', { type: 'string', describe: 'publication ledger (not for publication; keep it with the data): holds back figures that differ from earlier published ones by a small count, then records this run' })
        .example('$0 analyse --input a.csv b.csv --codes codes.csv --regions regions.csv --year 2021 --out results/', '')
        .strictOptions(),
      async (a) => { await analyse(a); })
      .command('demo', 'Run the analysis on the bundled sample data into results/', (y) => y
        .option('out', { type: 'string', default: 'results' })
        .option('workers', { type: 'string' })
        .option('pdf', { type: 'boolean', describe: 'also write report.pdf (see analyse --help)' }),
      async (a) => {
        const dir = join(REPO, 'fixtures/sample');
        if (!existsSync(dir)) throw new RunError(`sample data not found in ${dir}`);
        const rel = (f: string) => relative(process.cwd(), join(dir, f));
        const inputs = readdirSync(dir).filter((f) => f.endsWith('.csv') && f !== 'codes.csv' && f !== 'regions.csv').sort();
        await analyse({
          input: inputs.map(rel), codes: rel('codes.csv'), regions: rel('regions.csv'),
          year: 2021, out: a.out, workers: a.workers, pdf: a.pdf,
        });
      })
      .command('codes', 'List every product code per municipality with its records and category today, as a workbook to complete the mapping table (codes-todo.xlsx)', (y) => y
        .option('input', { alias: 'i', type: 'array', string: true, describe: 'input files (CSV or .xlsx)' })
        .option('codes', { type: 'string', describe: 'the mapping table so far (CSV or .xlsx) [default: none]' })
        .option('regions', { type: 'string', describe: 'region table, for mapping rows scoped to a region' })
        .option('out', { alias: 'o', type: 'string', describe: 'the workbook to write, e.g. codes-todo.xlsx' })
        .option('kind', { type: 'string', describe: 'allocations or claims [default: allocations]' })
        .option('profile', { type: 'string', describe: 'a source profile (JSON) for every --input file' })
        .option('sheet', { type: 'string', describe: 'the sheet to read from every --input workbook' })
        .option('run', { type: 'string', describe: 'a run file: its sources, codes and regions' })
        .option('include-pgb', { type: 'boolean', describe: 'keep PGB rows (excluded by default)' })
        .option('force', { type: 'boolean', describe: 'replace an existing --out file (it may hold categories you filled in)' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no summary' })
        .example('$0 codes --input a.xlsx b.csv --codes codes.csv --out codes-todo.xlsx', '')
        .strictOptions(),
      async (a) => { await codesCommand(a); })
      .command('pseudonymise', 'Replace a client column by keyed HMAC-SHA256 pseudonyms (see docs/profiles.md)', (y) => y
        .option('input', { type: 'string', demandOption: true, describe: 'CSV with raw client numbers' })
        .option('output', { type: 'string', demandOption: true, describe: 'where to write the pseudonymised CSV' })
        .option('column', { type: 'string', describe: 'the client column [default: found by its header name]' })
        .option('key', { type: 'string', demandOption: true, describe: 'key file (hex); keep it secret, use one key for all municipalities to link them' })
        .option('create-key', { type: 'boolean', default: false, describe: 'create the key file when it does not exist' })
        .option('delimiter', { type: 'string', describe: 'field delimiter, one ASCII character [default: detected as analyse does]' })
        .option('encoding', { type: 'string', describe: 'utf-8, utf-8-bom or windows-1252 [default: per field, UTF-8 when valid, else Windows-1252]' })
        .option('pad-bsn', { type: 'boolean', describe: 'restore the leading zero of 8-digit BSNs before hashing' })
        .option('force', { type: 'boolean', describe: 'overwrite an existing output file' }),
      async (a) => {
        checkOptions({ delimiter: a.delimiter, encoding: a.encoding });
        const r = await pseudonymiseFile({
          input: a.input, output: a.output, column: a.column, keyFile: a.key, createKey: a['create-key'],
          delimiter: a.delimiter, encoding: a.encoding as never, padBsn: a['pad-bsn'], force: a.force,
        });
        process.stdout.write(`${a.output}: ${JSON.stringify(r)}\n`);
      })
      .demandCommand(1, 'name a command: analyse, codes, demo or pseudonymise')
      .strict()
      .help()
      .version(ENGINE_VERSION)
      .fail((msg, err) => { throw err ?? new RunError(msg); });
    skipHelpCache(parser);
    await parser.parseAsync();
  } catch (e) {
    fail(e);
  }
  process.removeListener('beforeExit', unfinished);
  return code;
}

export { describeReject };

// ---------------------------------------------------------------------------------------------
// traject codes

interface CodesArgs {
  input?: string[];
  codes?: string;
  regions?: string;
  out?: string;
  kind?: string;
  profile?: string;
  sheet?: string;
  run?: string;
  'include-pgb'?: boolean;
  force?: boolean;
  quiet?: boolean;
}

async function codesCommand(a: CodesArgs, log: (s: string) => void = (s) => process.stdout.write(s + '\n')): Promise<void> {
  checkOptions({ kind: a.kind });
  const rf = a.run ? loadRunFile(a.run) : null;
  let inputs: (string | SourceSpec)[] = a.input && a.input.length > 0 ? a.input
    : (rf?.sources ?? []).map((s): SourceSpec => ({ path: s.path, kind: s.kind, profile: s.profile, ...(s.sheet !== undefined ? { sheet: s.sheet } : {}) }));
  if (inputs.length === 0 || !a.out) throw new RunError(`missing ${[inputs.length === 0 && '--input', !a.out && '--out'].filter(Boolean).join(', ')} (or give the inputs in a --run file); see traject codes --help`);
  if (a.profile || a.sheet !== undefined) {
    if (!a.input) throw new RunError('--profile and --sheet apply to the --input files; with --run, give each source its own');
    const profile = a.profile ? loadProfile(a.profile) : undefined;
    inputs = a.input.map((path) => ({ path, kind: (a.kind as SourceSpec['kind']) ?? profile?.kind, ...(profile ? { profile } : {}), ...(a.sheet !== undefined ? { sheet: a.sheet } : {}) }));
  }
  const out = resolve(a.out);
  const codes = a.codes ?? rf?.codes;
  const regions = a.regions ?? rf?.regions;
  const read = [...inputs.map((i) => (typeof i === 'string' ? i : i.path)), ...(codes ? [codes] : []), ...(regions ? [regions] : [])];
  if (read.some((f) => resolve(f) === out)) throw new RunError(`--out ${a.out}: that is one of the files read; choose another name`);
  if (existsSync(out) && !a.force) throw new RunError(`--out ${a.out}: the file exists (it may hold categories you filled in); choose another name, or replace it with --force`);
  if (!/\.xlsx$/i.test(out)) throw new RunError(`--out ${a.out}: expected a workbook name ending in .xlsx`);
  const { listCodes } = await import('../run/codes-todo.js');
  const { codesWorkbook } = await import('../output/codes-workbook.js');
  const r = await listCodes({ inputs, codes, regions, kind: a.kind as 'allocations' | 'claims' | undefined, includePgb: a['include-pgb'] });
  writeFileAtomically(out, await codesWorkbook(r, codes));
  if (a.quiet) return;
  const n = (x: number) => x.toLocaleString('en-US');
  for (const s of r.accounts) {
    log(`${s.file}${s.sheet !== undefined ? `, sheet ${s.sheet}` : ''}: ${n(s.read)} rows read = ${n(s.accepted)} accepted + ${n(s.rejected)} rejected (${s.kind})`);
  }
  const unmapped = r.uses.filter((u) => u.how !== 'mapping');
  const suggested = unmapped.filter((u) => u.how === 'ijw_fallback').length;
  const gms = new Set(r.uses.map((u) => u.gemeente)).size;
  log(`${relative(process.cwd(), out) || out}: ${n(r.uses.length)} codes in ${n(gms)} municipalities; ${n(unmapped.length)} without a mapping row (${n(suggested)} with an iJw suggestion, ${n(unmapped.length - suggested)} to fill in); for your own use, not for publication (counts are records)`);
}
