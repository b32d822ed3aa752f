// The distributions the comparisons need, from stdlib (@stdlib/stats-base-dists-*): exact
// binomial and Poisson quantiles and distribution functions for funnel limits, the chi-square
// distribution for the over-dispersion test and the exact (Garwood) Poisson interval, and the
// normal quantile for critical values. One module, so the rest of the stage names what it uses
// and the tests can check these against values computed independently.
import binomialCdfLib from '@stdlib/stats-base-dists-binomial-cdf';
import binomialQuantileLib from '@stdlib/stats-base-dists-binomial-quantile';
import chisquareCdfLib from '@stdlib/stats-base-dists-chisquare-cdf';
import chisquareQuantileLib from '@stdlib/stats-base-dists-chisquare-quantile';
import normalQuantileLib from '@stdlib/stats-base-dists-normal-quantile';
import poissonCdfLib from '@stdlib/stats-base-dists-poisson-cdf';
import poissonQuantileLib from '@stdlib/stats-base-dists-poisson-quantile';

/** P(X <= x) for X ~ Binomial(n, p); 0 below 0. */
export const binomialCdf = (x: number, n: number, p: number): number => (x < 0 ? 0 : binomialCdfLib(x, n, p));
/** The smallest r with P(X <= r) >= q, X ~ Binomial(n, p). */
export const binomialQuantile = (q: number, n: number, p: number): number => binomialQuantileLib(q, n, p);
/** P(X <= x) for X ~ Poisson(mean); 0 below 0. */
export const poissonCdf = (x: number, mean: number): number => (x < 0 ? 0 : poissonCdfLib(x, mean));
/** The smallest r with P(X <= r) >= q, X ~ Poisson(mean). */
export const poissonQuantile = (q: number, mean: number): number => poissonQuantileLib(q, mean);
/** P(X <= x) for X ~ chi-square with df degrees of freedom. */
export const chisquareCdf = (x: number, df: number): number => chisquareCdfLib(x, df);
export const chisquareQuantile = (q: number, df: number): number => chisquareQuantileLib(q, df);

/** The standard normal quantile; throws outside (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`normalQuantile: p must lie in (0, 1), got ${p}`);
  return normalQuantileLib(p, 0, 1);
}

/**
 * Exact (Garwood) interval for the mean of a Poisson count `o`, at level 1 - alpha:
 * [chi2(alpha/2; 2o) / 2, chi2(1 - alpha/2; 2o + 2) / 2], the lower end 0 when o = 0.
 */
export function poissonInterval(o: number, alpha = 0.05): [number, number] {
  if (!(o >= 0) || !Number.isInteger(o)) throw new RangeError(`poissonInterval: o must be a whole number >= 0, got ${o}`);
  const low = o === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * o) / 2;
  return [low, chisquareQuantile(1 - alpha / 2, 2 * o + 2) / 2];
}
