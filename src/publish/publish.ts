// The publish step, pure: merged counters -> exact metrics -> disclosure control -> comparisons
// -> labels. No threads, no files: the run calls it once its workers are done, and tests call it
// on counters they fold themselves.
import { gmLabel, type MetricRow } from '../model/model.js';
import type { Counters, Curves } from '../measures/counters.js';
import { buildMetrics, type SdIndex, type SliceLabels } from '../measures/metrics.js';
import type { DisclosureSettings } from '../model/manifest.js';
import { applyDisclosure } from '../disclosure/disclosure.js';
import { ledgerHolds, ledgerManifest, type Ledger } from '../disclosure/ledger.js';
import type { LedgerManifest } from '../model/manifest.js';
import { municipalityLabels, relabel } from '../disclosure/labels.js';
import { compareAreas, relabelComparisons, type CompareMethod, type Comparison } from '../compare/compare.js';
import { compareFunnels } from '../compare/fair.js';
import { stratumCells } from '../measures/strata.js';

export interface PublishInput {
  counters: Counters;
  /** Duration curves folded beside the counters (SPEC 10). */
  curves?: Curves;
  /** The standardised shares per stratum, folded beside the counters (SPEC 12; measures/strata.ts). Without them nothing is standardised. */
  strata?: Counters;
  /** Funnel plots and standardisation (SPEC 12, default) or the pairwise tests of SPEC 6. */
  compare?: CompareMethod;
  /** Optional input columns some source has (SPEC 10: a reason for ending). */
  columns?: ReadonlySet<string>;
  /** What the counters' year, gap and group indexes stand for (SPEC 11). */
  slices?: SliceLabels;
  /** Municipality code -> region name (the region table). */
  regionOf: ReadonlyMap<number, string>;
  disclosure: DisclosureSettings;
  /** Publish municipalities as 'Gemeente A', ... instead of codes. */
  labels: boolean;
  /** A publication ledger: cells whose exact counts differ a little from an earlier publication are held back. */
  ledger?: Ledger;
}

export interface Publication {
  /** The rows to publish (after disclosure control and labels). */
  metrics: MetricRow[];
  /** Exact rows; never written when disclosure is on. */
  exact: MetricRow[];
  /** Directions of each municipality against its region and all data (labelled when labels are on). */
  comparisons: Comparison[];
  /** Standard deviations of the means, by area (codes, not labels). */
  sd: SdIndex;
  /** Published municipality area (code or label) -> region. */
  regionByArea: Map<string, string>;
  /** Municipality code -> label, when labels are on (written to a file not for publication). */
  labels: Map<string, string> | null;
  /** Municipality codes (as areas) that the region table does not name, labelled when labels are on. */
  municipalitiesWithoutRegion: string[];
  /** Only with a ledger: what it held back. */
  ledger?: LedgerManifest;
}

export function publish(input: PublishInput): Publication {
  const { rows: exact, sd } = buildMetrics(input.counters, input.regionOf, { curves: input.curves, columns: input.columns, labels: input.slices });
  const regionOfArea = new Map([...input.regionOf].map(([gm, r]) => [gmLabel(gm), r]));
  const l = input.ledger;
  const held = l ? ledgerHolds(l, exact, input.disclosure) : undefined;
  let metrics = applyDisclosure(exact, input.disclosure, { regionOf: regionOfArea }, held);
  // Comparisons test exact counts; they publish their direction and figures from published counts (SPEC 6, 12).
  const slices = input.slices ?? { years: [0], gaps: [0] };
  let comparisons = (input.compare ?? 'funnel') === 'pairwise'
    ? compareAreas(exact, metrics, regionOfArea, sd)
    : compareFunnels({
      exact, published: metrics, regionOf: regionOfArea, sdByArea: sd, exactFigures: input.disclosure.mode === 'off',
      ...(input.strata ? { strata: stratumCells(input.strata, slices) } : {}),
    });
  const municipalities = [...new Set(exact.filter((r) => r.level === 'municipality').map((r) => r.area))];
  let labels: Map<string, string> | null = null;
  let regionByArea: Map<string, string> = regionOfArea;
  if (input.labels) {
    const key = municipalityLabels(municipalities);
    labels = key;
    metrics = relabel(metrics, key);
    comparisons = relabelComparisons(comparisons, key);
    regionByArea = new Map([...regionOfArea].filter(([a]) => key.has(a)).map(([a, r]) => [key.get(a)!, r]));
  }
  const label = (area: string) => labels?.get(area) ?? area;
  return {
    metrics, exact, comparisons, sd, regionByArea, labels,
    municipalitiesWithoutRegion: municipalities.filter((a) => !regionOfArea.has(a)).map(label),
    ...(l ? { ledger: ledgerManifest(l, metrics) } : {}),
  };
}
