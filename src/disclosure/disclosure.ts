// Statistical disclosure control (SPEC section 7; user-facing explanation in docs/disclosure.md).
//
// applyDisclosure takes the exact metrics rows and returns the rows to publish:
//  1. primary suppression: a cell whose own counts are too small is hidden ('suppressed'), and a cell a
//     publication ledger holds back is hidden ('ledger', see ledger.ts);
//  2. secondary suppression: more cells are hidden ('secondary') until no hidden cell can be recovered by
//     subtraction in an additive group or read off a linked row (see groups.ts), repeated until stable;
//  3. every published count is rounded; shares and means are recomputed from the rounded counts and get
//     intervals that do not give back the exact counts.
// Pure and deterministic: the result depends only on the rows (and their order) and the settings.

import type { CellStatus, CurveCounts, MetricRow } from '../model/model.js';
import { coarsenForDisclosure, medianSurvival, survivalAt, type DurationHistogram } from '../definitions/survival.js';
import type { DisclosureSettings } from '../model/manifest.js';
import { buildConstraints } from './groups.js';
import { scaledMeanInterval, wilson } from '../measures/intervals.js';
import { primarySuppressed, roundToBase } from './rounding.js';
import { disclosureKind } from '../measures/measure.js';
import { measure } from '../measures/registry.js';

export const DEFAULT_DISCLOSURE: DisclosureSettings = Object.freeze({ mode: 'cbs', threshold: 7, roundingBase: 5 });

/** Region membership so that additive groups can be formed: municipality area -> region area. */
export interface AreaTree {
  regionOf: ReadonlyMap<string, string>;
}

/** Throws a readable error when settings are unusable. */
export function validateDisclosureSettings(settings: DisclosureSettings): void {
  if (settings.mode !== 'cbs' && settings.mode !== 'off') {
    throw new Error(`disclosure mode must be 'cbs' or 'off' (got '${String(settings.mode)}')`);
  }
  if (!Number.isInteger(settings.threshold) || settings.threshold < 0) {
    throw new Error(`disclosure threshold must be a whole number >= 0 (got ${settings.threshold})`);
  }
  if (!Number.isInteger(settings.roundingBase) || settings.roundingBase < 1) {
    throw new Error(`disclosure rounding base must be a whole number >= 1 (got ${settings.roundingBase})`);
  }
}

/**
 * Takes the exact metrics (status 'internal', all counts exact, value = numerator/denominator or the count)
 * and returns the rows to publish, same order, same length. The input is not modified.
 * `held`: indices of rows a publication ledger hides (status 'ledger' unless suppressed on their own
 * counts); secondary suppression protects them like any other hidden row.
 */
export function applyDisclosure(rows: readonly MetricRow[], settings: DisclosureSettings, tree: AreaTree, held?: ReadonlySet<number>): MetricRow[] {
  validateDisclosureSettings(settings);
  rows.forEach((r, i) => {
    if (r.status !== 'internal') {
      throw new Error(
        `disclosure: row ${i} (${r.level} ${r.area} ${r.measure}) has status '${r.status}'; ` +
          `applyDisclosure takes exact rows (status 'internal') and must not be applied twice`,
      );
    }
  });
  if (settings.mode === 'off') return rows.map((r) => ({ ...r, status: 'internal' }));

  const { threshold, roundingBase } = settings;
  const n = rows.length;
  const status: CellStatus[] = new Array<CellStatus>(n);
  const hidden: boolean[] = new Array<boolean>(n);

  // 1. Primary suppression. A share or mean whose rounded denominator would be 0 (only possible with a
  //    threshold below half the rounding base) has no value to publish and is suppressed as well.
  rows.forEach((r, i) => {
    let h = primarySuppressed(r, threshold);
    // A survival figure is published from its curve's merged, rounded steps, or not at all (SPEC 10).
    if (!h && r.curve && safeCurve(r.curve.histogram, threshold, roundingBase) === null) h = true;
    if (!h && disclosureKind(measure(r.measure)) !== 'count' && roundToBase(r.denominator!, roundingBase) === 0) h = true;
    hidden[i] = h;
    status[i] = h ? 'suppressed' : 'published';
    if (!h && held?.has(i)) {
      hidden[i] = true;
      status[i] = 'ledger';
    }
  });

  // 2. Secondary suppression until stable. Suppression only ever grows, so this terminates.
  //    Links are followed at once (a hidden cell hides what would give it away), so that a group looked at
  //    later already sees them; then every group with exactly one hidden cell gets a second one.
  const { groups, links } = buildConstraints(rows, tree);
  const linked = new Map<number, number[]>();
  for (const l of links) {
    const list = linked.get(l.from);
    if (list) list.push(...l.to);
    else linked.set(l.from, [...l.to]);
  }
  const follow = (start: number): void => {
    const stack = [start];
    while (stack.length > 0) {
      for (const j of linked.get(stack.pop()!) ?? []) {
        if (hidden[j]) continue;
        hidden[j] = true;
        status[j] = 'secondary';
        stack.push(j);
      }
    }
  };
  for (let i = 0; i < n; i++) if (hidden[i]) follow(i);
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      let hiddenCount = 0;
      for (const i of g.members) if (hidden[i]) hiddenCount++;
      if (g.total !== null && hidden[g.total]) hiddenCount++;
      if (hiddenCount !== 1) continue;
      // Hide the published part with the smallest exact numerator (ties: first in row order);
      // the total only when no part is left to hide.
      let pick = -1;
      for (const i of g.members) {
        if (hidden[i]) continue;
        const a = exactNumerator(rows[i]);
        const b = pick < 0 ? 0 : exactNumerator(rows[pick]);
        if (pick < 0 || a < b || (a === b && i < pick)) pick = i;
      }
      if (pick < 0 && g.total !== null && !hidden[g.total]) pick = g.total;
      if (pick < 0) continue; // a group of one hidden cell and nothing else shows nothing
      hidden[pick] = true;
      status[pick] = 'secondary';
      follow(pick);
      changed = true;
    }
  }

  // 3. Publish.
  return rows.map((r, i) => (hidden[i] ? suppressedRow(r, status[i]) : publishedRow(r, roundingBase, threshold)));
}

function exactNumerator(r: MetricRow): number {
  return r.numerator ?? Number.POSITIVE_INFINITY;
}

function suppressedRow(r: MetricRow, status: CellStatus): MetricRow {
  return { ...r, numerator: null, denominator: null, value: null, ci_low: null, ci_high: null, status };
}

/** The coarsened curve of a histogram (one per area and settings; rows of one curve share it). */
const coarse = new WeakMap<CurveCounts, Map<string, DurationHistogram | null>>();
function safeCurve(h: CurveCounts, threshold: number, base: number): DurationHistogram | null {
  let bySettings = coarse.get(h);
  if (!bySettings) coarse.set(h, (bySettings = new Map<string, DurationHistogram | null>()));
  const k = `${threshold}/${base}`;
  if (!bySettings.has(k)) bySettings.set(k, coarsenForDisclosure(h, threshold, base));
  return bySettings.get(k)!;
}

function publishedRow(r: MetricRow, base: number, threshold: number): MetricRow {
  const kind = disclosureKind(measure(r.measure));
  const num = roundToBase(r.numerator!, base);
  if (r.curve) {
    // S(t) and the median come from the coarsened curve: no small step can be read back.
    const safe = safeCurve(r.curve.histogram, threshold, base)!;
    const est = r.curve.statistic === 'median' ? medianSurvival(safe) : survivalAt(safe, r.curve.days);
    return {
      ...r, numerator: num, denominator: roundToBase(r.denominator!, base), value: est.value,
      ci_low: est.low, ci_high: est.high, status: 'published',
    };
  }
  if (kind === 'count') {
    return { ...r, numerator: num, denominator: null, value: num, ci_low: null, ci_high: null, status: 'published' };
  }
  const exactDen = r.denominator!;
  const den = roundToBase(exactDen, base);
  const value = num / den;
  let ci: [number, number] | null;
  if (kind === 'share') {
    ci = wilson(num, den);
  } else {
    ci = scaledMeanInterval(r.ci_low, r.ci_high, exactDen, den, value);
  }
  return {
    ...r,
    numerator: num,
    denominator: den,
    value,
    ci_low: ci ? ci[0] : null,
    ci_high: ci ? ci[1] : null,
    status: 'published',
  };
}
