// Indirect standardisation (SPEC 12): a municipality's observed count O against the count E its
// youths would have had at the reference rates of their strata (age group x start category).
// Pure arithmetic on per-stratum counts (measures/strata.ts).
import { poissonInterval } from './distributions.js';

/** Numerators and denominators per stratum (same strata, same order, for a municipality and its reference). */
export interface StratumCounts {
  k: readonly number[];
  n: readonly number[];
}

export interface Standardisation {
  /** O = sum of k_ms; n = sum of n_ms. */
  observed: number;
  n: number;
  /** E = sum over strata of n_ms * p_s, p_s = K_s / N_s of the reference. */
  expected: number;
  /** O / E with its exact 95% interval (Poisson for O); null when E is 0. */
  ratio: number | null;
  low: number | null;
  high: number | null;
  /** Strata where the municipality has youths but the reference has none: E cannot be formed (null otherwise). */
  missingReference: number[];
}

/** The reference: the strata summed over municipalities. */
export function sumStrata(parts: readonly StratumCounts[], strata: number): { k: number[]; n: number[] } {
  const k = new Array<number>(strata).fill(0);
  const n = new Array<number>(strata).fill(0);
  for (const p of parts) {
    for (let s = 0; s < strata; s++) {
      k[s] += p.k[s];
      n[s] += p.n[s];
    }
  }
  return { k, n };
}

/**
 * E, O and O/E of one municipality against the reference. Strata where neither has youths add
 * nothing; a stratum where the municipality has youths and the reference none has no rate, so
 * E is not formed (missingReference names them; with all data as the reference, the
 * municipality included, this cannot happen). `interval` false leaves out the interval (the
 * compare stage publishes the interval of the published count instead).
 */
export function standardise(m: StratumCounts, ref: StratumCounts, interval = true): Standardisation {
  let observed = 0;
  let n = 0;
  let expected = 0;
  const missingReference: number[] = [];
  for (let s = 0; s < m.n.length; s++) {
    observed += m.k[s];
    n += m.n[s];
    if (m.n[s] === 0) continue;
    if (ref.n[s] === 0) {
      missingReference.push(s);
      continue;
    }
    expected += (m.n[s] * ref.k[s]) / ref.n[s];
  }
  if (missingReference.length > 0 || !(expected > 0)) {
    return { observed, n, expected: missingReference.length > 0 ? NaN : expected, ratio: null, low: null, high: null, missingReference };
  }
  if (!interval) return { observed, n, expected, ratio: observed / expected, low: null, high: null, missingReference };
  const [lo, hi] = poissonInterval(observed);
  return { observed, n, expected, ratio: observed / expected, low: lo / expected, high: hi / expected, missingReference };
}
