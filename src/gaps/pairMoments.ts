import { centredSquares } from "../_lib/centredSquares";
import type { GapKey, KeyScale } from "./gapKeys";

/**
 * Sufficient statistics of paired answers (a "required" side R and a "delivered" side D, so
 * gap = D − R): counts, shifted sums, squares and the cross-product, the number of negative and
 * zero gaps, and the histogram of exact gap keys for the signed-rank test. Everything adds up,
 * so accumulators built on chunks merge into the one-pass result.
 *
 * Values are shifted by a constant `shift` (the scale midpoint) before squaring, which keeps
 * sums of squares well conditioned; on integer scales every sum is exact.
 */
export interface PairMoments {
  n: number;
  sumR: number;
  sumR2: number;
  sumD: number;
  sumD2: number;
  sumRD: number;
  negative: number;
  zero: number;
  /**
   * Exact gap key (gap in steps × `keyScale`, an integer on grid data; a bigint for large
   * instruments) → count; null when not kept.
   */
  histogram: Map<GapKey, number> | null;
  /** What one key unit is in gap steps: gap = key / keyScale. */
  keyScale: KeyScale;
}

/** An empty accumulator. */
export function createPairMoments(keyScale: KeyScale, withHistogram = true): PairMoments {
  return {
    n: 0,
    sumR: 0,
    sumR2: 0,
    sumD: 0,
    sumD2: 0,
    sumRD: 0,
    negative: 0,
    zero: 0,
    histogram: withHistogram ? new Map() : null,
    keyScale,
  };
}

/** Adds one pair (values already shifted) to the sums only: no key, sign or histogram. */
export function addPairSums(moments: PairMoments, required: number, delivered: number) {
  moments.n += 1;
  moments.sumR += required;
  moments.sumR2 += required * required;
  moments.sumD += delivered;
  moments.sumD2 += delivered * delivered;
  moments.sumRD += required * delivered;
}

/** Adds one pair (values already shifted) with its exact gap key. */
export function addPair(moments: PairMoments, required: number, delivered: number, key: number) {
  addPairSums(moments, required, delivered);
  if (key < 0) moments.negative += 1;
  else if (key === 0) moments.zero += 1;
  const histogram = moments.histogram;
  if (histogram !== null) histogram.set(key, (histogram.get(key) ?? 0) + 1);
}

/** Adds the sums and sign counts of `source` into `target`, leaving the histogram alone. */
export function addSumsInto(target: PairMoments, source: PairMoments) {
  target.n += source.n;
  target.sumR += source.sumR;
  target.sumR2 += source.sumR2;
  target.sumD += source.sumD;
  target.sumD2 += source.sumD2;
  target.sumRD += source.sumRD;
  target.negative += source.negative;
  target.zero += source.zero;
}

/** Adds `source` into `target` (same shift and key scale). */
export function mergePairMomentsInto(target: PairMoments, source: PairMoments) {
  addSumsInto(target, source);
  if (target.histogram !== null && source.histogram !== null) {
    for (const [key, count] of source.histogram) {
      target.histogram.set(key, (target.histogram.get(key) ?? 0) + count);
    }
  } else target.histogram = null;
}

/** A deep copy. */
export function clonePairMoments(moments: PairMoments): PairMoments {
  return {
    ...moments,
    histogram: moments.histogram === null ? null : new Map(moments.histogram),
  };
}

/** Mean and n − 1 variance of R, D and the gap D − R, undoing the shift. */
export function pairMeansAndVariances(moments: PairMoments, shift: number) {
  const { n, sumR, sumR2, sumD, sumD2, sumRD } = moments;
  const meanR = n > 0 ? sumR / n + shift : null;
  const meanD = n > 0 ? sumD / n + shift : null;
  const meanGap = n > 0 ? (sumD - sumR) / n : null;
  const denominator = n - 1;
  const variance = (squares: number, sum: number, magnitude: number) =>
    centredSquares(squares, sum, n, magnitude) / denominator;
  const varR = n > 1 ? variance(sumR2, sumR, sumR2) : null;
  const varD = n > 1 ? variance(sumD2, sumD, sumD2) : null;
  const sumG = sumD - sumR;
  const sumG2 = sumD2 - 2 * sumRD + sumR2;
  const varGap = n > 1 ? variance(sumG2, sumG, sumD2 + 2 * Math.abs(sumRD) + sumR2) : null;
  const covRD = n > 1 ? (sumRD - (sumR * sumD) / n) / denominator : null;
  return { n, meanR, meanD, meanGap, varR, varD, varGap, covRD };
}
