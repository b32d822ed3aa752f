// The files a run writes, as plain text built from the run result (pure; write.ts does the I/O).
import type { RunResult } from '../run/run.js';
import { rejectPlace, type RejectEntry } from '../model/manifest.js';
import { qualityWarnings } from '../run/quality.js';
import { renderReport, type Lang } from '../report/report.js';
import { FUNNEL_ALPHA } from '../compare/fair.js';
import { csvText, type OutputFile } from './write.js';
import { COMPARISON_COLUMNS, INTERNAL_NOTICE, jsonRow, METRIC_COLUMNS, numberText, round, statusText } from './format.js';

export const LABELS_KEY_FILE = 'labels-key.NOT-FOR-PUBLICATION.csv';

export interface OutputOptions {
  excel?: boolean;
  lang?: Lang;
  /** With --pdf: prints the finished report.html (pdf.ts); null when it could not, and report.pdf is left out. */
  pdf?: (reportHtml: string) => Buffer | null;
  /** Files made elsewhere (metrics.xlsx, which is built asynchronously: metricsWorkbook), listed in the manifest. */
  extra?: OutputFile[];
}

export { metricsWorkbook, METRICS_WORKBOOK } from './metrics-workbook.js';

/** Rejections grouped by reason: count and the first few places, for the manifest and the terminal. */
export function rejectsSummary(rejects: readonly RejectEntry[], firstN = 5) {
  const by = new Map<string, { reason: string; count: number; first: string[] }>();
  for (const r of rejects) {
    let g = by.get(r.reason);
    if (!g) by.set(r.reason, (g = { reason: r.reason, count: 0, first: [] }));
    g.count++;
    if (g.first.length < firstN) g.first.push(`${rejectPlace(r)}${r.column ? ` (${r.column})` : ''}`);
  }
  return [...by.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export function runOutputs(result: RunResult, opts: OutputOptions = {}): OutputFile[] {
  const excel = opts.excel ?? false;
  const internal = result.manifest.disclosure.mode === 'off';
  // Every table of an internal run says so on each row, as metrics.csv does in its status column.
  const publication = internal ? INTERNAL_NOTICE : 'disclosure-controlled aggregates';
  const metricsCsv = csvText(
    METRIC_COLUMNS,
    result.metrics.map((r) => [
      r.level, r.area, r.data_kind, String(r.year), String(r.gap_days), r.breakdown, r.group, r.measure, r.category, r.bucket,
      numberText(r.numerator, excel), numberText(r.denominator, excel), numberText(r.value, excel),
      numberText(r.ci_low, excel), numberText(r.ci_high, excel), statusText(r),
    ]),
    excel,
  );
  const metricsJson = JSON.stringify({
    publication,
    disclosure: result.manifest.disclosure,
    rows: result.metrics.map(jsonRow),
  }, null, 1) + '\n';
  const rejectsCsv = csvText(['file', 'line', 'column', 'reason', 'publication'],
    result.rejects.map((r) => [r.file, String(r.line), r.column, r.reason, internal ? INTERNAL_NOTICE : 'row accounting, no client values']), excel);

  const num = (x: number | null) => numberText(x === null ? null : round(x), excel);
  const comparisonsCsv = csvText(COMPARISON_COLUMNS,
    result.comparisons.map((c) => [
      String(c.year), String(c.gap_days), c.area, c.region ?? '', c.data_kind, c.measure, c.category, c.bucket, c.against, c.method,
      num(c.numerator), num(c.denominator), num(c.value), num(c.expected), num(c.oe), num(c.oe_low), num(c.oe_high), num(c.standardised_value),
      num(c.reference), c.band ?? '', c.direction ?? 'not compared', c.reason ?? '', num(c.phi), c.test, publication,
    ]), excel);
  const m = result.manifest;
  const report = renderReport({
    lang: opts.lang ?? 'nl',
    // Most of the report shows one year and gap, whole areas; its sections on breakdowns, years and gaps (SPEC 11) read every row.
    rows: result.metrics.filter((r) => r.year === m.settings.year && r.gap_days === m.settings.gapDays && r.breakdown === ''),
    series: result.metrics,
    yearsNotFinal: m.yearsNotFinal,
    dataUntil: m.dataUntil,
    lookbackDays: m.settings.lookbackDays,
    comparisons: result.comparisons.filter((c) => c.year === m.settings.year && c.gap_days === m.settings.gapDays),
    regionOf: Object.fromEntries(result.regionByArea),
    year: m.settings.year,
    gapDays: m.settings.gapDays,
    disclosure: m.disclosure,
    accounting: { sources: m.inputs },
    quality: {
      warnings: m.warnings,
      unmapped: m.unmappedCodes,
      backlog: qualityWarnings(m).backlog,
      openEndedShare: m.totals.openEndedShare,
    },
    engineVersion: m.engine.version,
    // Funnel plots call a difference clear outside the 99.8% limits (two-sided 0.2%), and test means at that level too.
    alpha: m.settings.compare === 'pairwise' ? 0.05 : FUNNEL_ALPHA,
  });
  const files: OutputFile[] = [
    { name: 'metrics.csv', content: metricsCsv },
    { name: 'metrics.json', content: metricsJson },
    { name: 'comparisons.csv', content: comparisonsCsv },
    { name: 'rejects.csv', content: rejectsCsv },
    { name: 'report.html', content: report },
  ];
  const pdf = opts.pdf?.(report) ?? null;
  if (pdf !== null) files.push({ name: 'report.pdf', content: pdf });
  if (result.labels) {
    files.push({
      name: LABELS_KEY_FILE,
      content: csvText(['label', 'gemeente'], [...result.labels].map(([code, label]) => [label, code]).sort((a, b) => a[1].localeCompare(b[1])), excel),
    });
  }
  files.push(...(opts.extra ?? []));
  const manifest = {
    ...result.manifest,
    rejectsSummary: rejectsSummary(result.rejects),
    outputs: Object.fromEntries(files.map((f) => [f.name, f.name === LABELS_KEY_FILE ? 'NOT FOR PUBLICATION: the key to the municipality labels' : describeFile(f.name)])),
  };
  files.push({ name: 'manifest.json', content: JSON.stringify(manifest, null, 1) + '\n' });
  return files;
}

function describeFile(name: string): string {
  switch (name) {
    case 'metrics.csv': return 'the figures, one row per figure (SPEC section 9)';
    case 'metrics.json': return 'the same rows as metrics.csv';
    case 'rejects.csv': return 'every rejected row: file, line, column, reason (no row values)';
    case 'report.html': return 'the report, one self-contained HTML file';
    case 'report.pdf': return 'report.html printed to A4 by headless Chromium; not byte-identical between runs (it holds the time of printing)';
    case 'comparisons.csv': return 'direction of each municipality against its region and all data, raw and standardised, with the published figures behind it (SPEC 6, 12)';
    case 'metrics.xlsx': return 'metrics, comparisons and rejects as one Excel workbook, with a sheet that explains them';
    default: return '';
  }
}
