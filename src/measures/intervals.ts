// Confidence intervals used by the metrics table (docs/definitions.md, "Intervals and comparisons").
// Pure functions, no dependencies, so the engine can use them for exact (internal) rows too.

/**
 * 95% (by default) Wilson score interval for a share k/n.
 *
 *   p = k/n,  d = 1 + z^2/n
 *   centre = (p + z^2/(2n)) / d
 *   half   = z * sqrt(p(1-p)/n + z^2/(4n^2)) / d
 *
 * The ends are clamped to [0, 1]; k = 0 gives a low end of exactly 0 and k = n a high end of exactly 1.
 * Throws a RangeError unless 0 <= k <= n and n > 0 (a share of nothing has no interval).
 */
export function wilson(k: number, n: number, z = 1.96): [number, number] {
  if (!Number.isFinite(k) || !Number.isFinite(n) || !Number.isFinite(z)) {
    throw new RangeError(`wilson: arguments must be finite numbers (k=${k}, n=${n}, z=${z})`);
  }
  if (n <= 0) throw new RangeError(`wilson: n must be positive (n=${n})`);
  if (k < 0 || k > n) throw new RangeError(`wilson: k must lie in [0, n] (k=${k}, n=${n})`);
  if (z < 0) throw new RangeError(`wilson: z must not be negative (z=${z})`);
  const p = k / n;
  const z2 = z * z;
  const d = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / d;
  const low = k === 0 ? 0 : Math.max(0, centre - half);
  const high = k === n ? 1 : Math.min(1, centre + half);
  return [low, high];
}

/**
 * Interval of a published (rounded) mean: the exact interval's half-width is scaled by
 * sqrt(exactDenominator / roundedDenominator) (a normal interval's half-width goes with 1/sqrt(n)) and centred
 * on the published value, so the interval does not give back the exact mean or count.
 * Returns null when there is no exact interval to scale.
 */
export function scaledMeanInterval(
  exactLow: number | null,
  exactHigh: number | null,
  exactDenominator: number,
  roundedDenominator: number,
  publishedValue: number,
): [number, number] | null {
  if (exactLow === null || exactHigh === null) return null;
  if (!Number.isFinite(exactLow) || !Number.isFinite(exactHigh)) return null;
  if (!(exactDenominator > 0) || !(roundedDenominator > 0)) return null;
  const half = ((exactHigh - exactLow) / 2) * Math.sqrt(exactDenominator / roundedDenominator);
  return [publishedValue - half, publishedValue + half];
}
