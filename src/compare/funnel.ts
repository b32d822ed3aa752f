// Funnel plots (SPEC 12, after Spiegelhalter, "Funnel plots for comparing institutional
// performance", Statistics in Medicine 2005): control limits around a reference for a share
// (exact binomial) or a ratio O/E (exact Poisson for O given E), over-dispersion from winsorised
// z-scores, and where a point lies. Pure: numbers in, numbers out.
import { binomialCdf, binomialQuantile, chisquareCdf, normalQuantile, poissonCdf, poissonQuantile } from './distributions.js';

/** The two limit pairs of a funnel: 95% and 99.8% (two-sided). */
export interface Limits {
  low95: number;
  high95: number;
  low998: number;
  high998: number;
}

export type Band = 'within_95' | 'between_95_998' | 'outside_998';

/**
 * The exact limit at probability q of a discrete distribution, interpolated as in Spiegelhalter
 * (2005, appendix A.1.1): r = the q-quantile, a = (F(r) - q) / (F(r) - F(r - 1)), limit = r - a
 * (a count; divide by n or E).
 */
function interpolated(q: number, quantile: (q: number) => number, cdf: (x: number) => number): number {
  const r = quantile(q);
  const fr = cdf(r);
  const below = cdf(r - 1);
  const a = fr - below > 0 ? (fr - q) / (fr - below) : 0;
  return r - a;
}

/** Exact binomial limits for a share of n around p0. */
export function binomialLimits(p0: number, n: number): Limits {
  if (!(n > 0)) throw new RangeError(`binomialLimits: n must be positive, got ${n}`);
  if (p0 <= 0 || p0 >= 1) return { low95: p0, high95: p0, low998: p0, high998: p0 };
  const at = (q: number) => interpolated(q, (x) => binomialQuantile(x, n, p0), (x) => binomialCdf(x, n, p0)) / n;
  return { low998: at(0.001), low95: at(0.025), high95: at(0.975), high998: at(0.999) };
}

/** Exact limits for O/E with O ~ Poisson(E) (target ratio 1). */
export function poissonRatioLimits(expected: number): Limits {
  if (!(expected > 0)) throw new RangeError(`poissonRatioLimits: expected must be positive, got ${expected}`);
  const at = (q: number) => interpolated(q, (x) => poissonQuantile(x, expected), (x) => poissonCdf(x, expected)) / expected;
  return { low998: at(0.001), low95: at(0.025), high95: at(0.975), high998: at(0.999) };
}

const Z95 = normalQuantile(0.975);
const Z998 = normalQuantile(0.999);

/** Over-dispersed limits: target +- z * sqrt(phi * variance), the normal approximation widened by sqrt(phi). */
export function widenedLimits(target: number, variance: number, phi: number): Limits {
  const s = Math.sqrt(phi * variance);
  return { low998: target - Z998 * s, low95: target - Z95 * s, high95: target + Z95 * s, high998: target + Z998 * s };
}

/** A share's limits: exact binomial, or widened (variance p0(1 - p0)/n) when phi is given. */
export function shareLimits(p0: number, n: number, phi: number | null): Limits {
  return phi === null ? binomialLimits(p0, n) : widenedLimits(p0, (p0 * (1 - p0)) / n, phi);
}

/** A ratio's limits: exact Poisson, or widened (variance 1/E) when phi is given. */
export function ratioLimits(expected: number, phi: number | null): Limits {
  return phi === null ? poissonRatioLimits(expected) : widenedLimits(1, 1 / expected, phi);
}

/** Where y lies: outside the 99.8% limits (higher or lower), between the 95% and 99.8% limits, or within the 95% limits (a limit itself counts as inside). */
export function classify(y: number, l: Limits): { band: Band; direction: 'higher' | 'lower' | 'no_clear_difference' } {
  if (y > l.high998) return { band: 'outside_998', direction: 'higher' };
  if (y < l.low998) return { band: 'outside_998', direction: 'lower' };
  if (y > l.high95 || y < l.low95) return { band: 'between_95_998', direction: 'no_clear_difference' };
  return { band: 'within_95', direction: 'no_clear_difference' };
}

/**
 * Where an observed count k lies against the exact limits, from its distribution function alone.
 * The interpolated limit L_q is where the CDF, joined linearly between whole numbers, reaches q
 * (G(r - 1) = F(r - 1), G(L_q) = F(r) - a (F(r) - F(r - 1)) = q), and that line is increasing,
 * so k > L_q exactly when F(k) > q, and k < L_q when F(k) < q: one F(k) instead of four limits
 * (test/fair-compare.test.ts checks that both give the same band).
 */
export function bandOfCdf(f: number): { band: Band; direction: 'higher' | 'lower' | 'no_clear_difference' } {
  if (f > 0.999) return { band: 'outside_998', direction: 'higher' };
  if (f < 0.001) return { band: 'outside_998', direction: 'lower' };
  if (f > 0.975 || f < 0.025) return { band: 'between_95_998', direction: 'no_clear_difference' };
  return { band: 'within_95', direction: 'no_clear_difference' };
}

/** The band of k of n against the exact binomial limits around p0 (p0 of 0 or 1: every share is p0, within). */
export function exactShareBand(k: number, n: number, p0: number): ReturnType<typeof bandOfCdf> {
  if (p0 <= 0 || p0 >= 1) return { band: 'within_95', direction: 'no_clear_difference' };
  return bandOfCdf(binomialCdf(k, n, p0));
}

/** The band of O against the exact Poisson limits for E. */
export function exactRatioBand(o: number, expected: number): ReturnType<typeof bandOfCdf> {
  return bandOfCdf(poissonCdf(o, expected));
}

/** The share of the z-scores winsorised at each end (SPEC 12: 10%). */
export const WINSOR_FRACTION = 0.1;

/**
 * Winsorises z-scores: with g = floor(fraction * k), the g lowest become the (g+1)-th lowest and
 * the g highest the (g+1)-th highest (fewer than 10 scores at 10%: none change). Order is kept.
 */
export function winsorise(z: readonly number[], fraction = WINSOR_FRACTION): number[] {
  const k = z.length;
  const g = Math.floor(fraction * k);
  if (g === 0) return [...z];
  const sorted = [...z].sort((a, b) => a - b);
  const lo = sorted[g];
  const hi = sorted[k - 1 - g];
  return z.map((x) => Math.min(hi, Math.max(lo, x)));
}

export interface Dispersion {
  /** Points that have a z-score. */
  k: number;
  /** The mean of the squared winsorised z-scores (null without points). */
  phi: number | null;
  /** P(chi-square with k - 1 df >= k * phi); null below 2 points. */
  p: number | null;
  /** p < 0.05: the limits are widened by sqrt(phi). */
  overdispersed: boolean;
}

/** SPEC 12: phi from the winsorised z-scores, tested as chi-square k * phi on k - 1 degrees of freedom at 5%. */
export function dispersion(z: readonly number[], alpha = 0.05): Dispersion {
  const k = z.length;
  if (k === 0) return { k, phi: null, p: null, overdispersed: false };
  const w = winsorise(z);
  const phi = w.reduce((s, x) => s + x * x, 0) / k;
  if (k < 2) return { k, phi, p: null, overdispersed: false };
  const p = 1 - chisquareCdf(k * phi, k - 1);
  return { k, phi, p, overdispersed: p < alpha };
}

/** z-score of a share k/n around p0 (null when p0 is 0 or 1: no spread). */
export function shareZ(k: number, n: number, p0: number): number | null {
  if (p0 <= 0 || p0 >= 1 || n <= 0) return null;
  return (k / n - p0) / Math.sqrt((p0 * (1 - p0)) / n);
}

/** z-score of an observed count O against its expected E: (O - E) / sqrt(E). */
export function ratioZ(o: number, e: number): number | null {
  return e > 0 ? (o - e) / Math.sqrt(e) : null;
}
