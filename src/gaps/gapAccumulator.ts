import { ServqualError } from "../_lib/ServqualError";
import type { Facet, Instrument } from "../instrument/types";
import type { AnswerColumn, Dataset, MissingPolicy } from "../responses/types";
import {
  addPair,
  clonePairMoments,
  createPairMoments,
  mergePairMomentsInto,
  type PairMoments,
} from "./pairMoments";

/**
 * Everything a gap analysis needs from the data, gathered in one pass and mergeable: pair
 * moments per item, per dimension (respondent dimension means), for the overall item mean, the
 * overall mean of dimension scores and the importance-weighted overall score, plus the sums
 * behind the sample-mean importance weights.
 */
export interface GapAccumulator {
  readonly required: Facet;
  readonly delivered: Facet;
  readonly shift: number;
  readonly items: PairMoments[];
  readonly dimensions: PairMoments[];
  readonly overallItemMean: PairMoments;
  readonly overallUnweighted: PairMoments;
  /** Respondents with their own importance weights and every dimension score. */
  readonly weightedOwn: PairMoments;
  /** Respondents with every dimension score but no usable weights: scored with sample-mean weights. */
  readonly fallback: FallbackSums;
  /** Sums of each dimension's weight share over respondents who gave weights. */
  readonly weightSums: number[];
  weightRespondents: number;
  /** Respondents without a score for the dimension (too few items answered under the policy). */
  readonly unscored: number[];
  /** Respondents with at least one dimension score. */
  respondents: number;
}

/** Sums of dimension scores (R, D sides) and their cross-products for respondents scored with mean weights. */
export interface FallbackSums {
  n: number;
  readonly sumR: number[];
  readonly sumD: number[];
  /** D×D cross-products of the gaps g_d·g_e, row-major. */
  readonly crossGap: number[];
  /** D×D cross-products of the R sides. */
  readonly crossR: number[];
  /** D×D cross-products of the D sides. */
  readonly crossD: number[];
}

const MAX_EXACT_KEY = 2 ** 52;

/**
 * Sign of a gap computed in floating point (−1, 0 or 1), with gaps within rounding noise of 0
 * (|gap| ≤ 1e-9 scale steps) counted as 0: a weighted or averaged gap that is exactly 0 in
 * exact arithmetic must count as zero, not as a shortfall.
 */
function signOf(gapInSteps: number): number {
  return Math.abs(gapInSteps) <= 1e-9 ? 0 : Math.sign(gapInSteps);
}

function lcmUpTo(m: number): number {
  let result = 1;
  for (let k = 2; k <= m; k++) result = (result * k) / gcd(result, k);
  return result;
}

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/**
 * Key scales for the exact signed-rank histograms: a respondent's mean gap over c items times
 * lcm(1..m) is an integer number of scale steps, so ties are exact (no floating-point noise).
 */
export function gapKeyScales(instrument: Instrument) {
  const step = instrument.scale.step;
  const range = (instrument.scale.max - instrument.scale.min) / step;
  const sizes = instrument.dimensions.map((d) => d.items.length);
  const totalItems = sizes.reduce((a, b) => a + b, 0);
  const maxSize = Math.max(...sizes);
  const exact = (scale: number) => (scale * range <= MAX_EXACT_KEY ? scale : null);
  return {
    item: 1,
    dimension: sizes.map((m) => exact(lcmUpTo(m))),
    overallItemMean: exact(lcmUpTo(totalItems)),
    overallUnweighted: exact(lcmUpTo(sizes.length) * lcmUpTo(maxSize)),
    step,
  };
}

/**
 * An empty accumulator for the gap `delivered − required` (Gap 5: perception − expectation).
 *
 * @throws {ServqualError} `invalid-input` when the dataset lacks one of the two facets.
 */
export function createGapAccumulator(
  instrument: Instrument,
  required: Facet,
  delivered: Facet,
): GapAccumulator {
  const scales = gapKeyScales(instrument);
  const dimensionCount = instrument.dimensions.length;
  const square = () => new Array<number>(dimensionCount * dimensionCount).fill(0);
  return {
    required,
    delivered,
    shift: (instrument.scale.min + instrument.scale.max) / 2,
    items: instrument.dimensions.flatMap((d) => d.items.map(() => createPairMoments(1))),
    dimensions: scales.dimension.map((scale) => createPairMoments(scale ?? 1, scale !== null)),
    overallItemMean: createPairMoments(
      scales.overallItemMean ?? 1,
      scales.overallItemMean !== null,
    ),
    overallUnweighted: createPairMoments(
      scales.overallUnweighted ?? 1,
      scales.overallUnweighted !== null,
    ),
    weightedOwn: createPairMoments(1, false),
    fallback: {
      n: 0,
      sumR: new Array<number>(dimensionCount).fill(0),
      sumD: new Array<number>(dimensionCount).fill(0),
      crossGap: square(),
      crossR: square(),
      crossD: square(),
    },
    weightSums: new Array<number>(dimensionCount).fill(0),
    weightRespondents: 0,
    unscored: new Array<number>(dimensionCount).fill(0),
    respondents: 0,
  };
}

/**
 * Adds respondents `start ≤ r < end` of a dataset to the accumulator: one pass over each item's
 * two columns, with per-respondent dimension sums kept in scratch arrays.
 *
 * Dimension score of respondent r: the mean over the dimension's items answered on both sides,
 * kept when the missing-data policy allows (minimum share of items, default 50%).
 */
export function accumulateGaps(
  accumulator: GapAccumulator,
  dataset: Dataset,
  start = 0,
  end = dataset.n,
): GapAccumulator {
  const requiredColumns = dataset.facets[accumulator.required];
  const deliveredColumns = dataset.facets[accumulator.delivered];
  if (requiredColumns === undefined || deliveredColumns === undefined) {
    throw new ServqualError("invalid-input", "The dataset lacks a facet the gap needs.", [
      {
        code: "missing-facet",
        message: `a ${accumulator.delivered} − ${accumulator.required} gap needs both facets; the dataset (format "${dataset.instrument.format}") has ${Object.keys(dataset.facets).join(", ")}`,
      },
    ]);
  }
  const instrument = dataset.instrument;
  const scales = gapKeyScales(instrument);
  const step = scales.step;
  const shift = accumulator.shift;
  const length = end - start;
  const dimensionCount = instrument.dimensions.length;
  const policy: MissingPolicy = dataset.missingPolicy;

  // Per-respondent scratch: overall item sums and per-dimension scores.
  const allSumR = new Float64Array(length);
  const allSumD = new Float64Array(length);
  const allCount = new Int32Array(length);
  const scoreR = Array.from({ length: dimensionCount }, () =>
    new Float64Array(length).fill(Number.NaN),
  );
  const scoreD = Array.from({ length: dimensionCount }, () =>
    new Float64Array(length).fill(Number.NaN),
  );
  const scoreKey = Array.from({ length: dimensionCount }, () => new Float64Array(length));
  const dimSumR = new Float64Array(length);
  const dimSumD = new Float64Array(length);
  const dimCount = new Int32Array(length);

  let itemIndex = 0;
  instrument.dimensions.forEach((dimension, d) => {
    dimSumR.fill(0);
    dimSumD.fill(0);
    dimCount.fill(0);
    for (let k = 0; k < dimension.items.length; k++, itemIndex++) {
      const required = requiredColumns[itemIndex] as AnswerColumn;
      const delivered = deliveredColumns[itemIndex] as AnswerColumn;
      const moments = accumulator.items[itemIndex] as PairMoments;
      // Counts of each gap in steps, in a small dense array (gaps take few values).
      const range = Math.round((instrument.scale.max - instrument.scale.min) / step);
      const counts = new Float64Array(2 * range + 1);
      let n = 0;
      let sumR = 0;
      let sumR2 = 0;
      let sumD = 0;
      let sumD2 = 0;
      let sumRD = 0;
      for (let r = start; r < end; r++) {
        const rv = required[r] as number;
        const dv = delivered[r] as number;
        if (Number.isNaN(rv) || Number.isNaN(dv)) continue; // NaN: missing on either side
        const rs = rv - shift;
        const ds = dv - shift;
        n += 1;
        sumR += rs;
        sumR2 += rs * rs;
        sumD += ds;
        sumD2 += ds * ds;
        sumRD += rs * ds;
        const stepsGap = Math.round((dv - rv) / step);
        counts[stepsGap + range] = (counts[stepsGap + range] as number) + 1;
        const local = r - start;
        dimSumR[local] = (dimSumR[local] as number) + rs;
        dimSumD[local] = (dimSumD[local] as number) + ds;
        dimCount[local] = (dimCount[local] as number) + 1;
      }
      moments.n += n;
      moments.sumR += sumR;
      moments.sumR2 += sumR2;
      moments.sumD += sumD;
      moments.sumD2 += sumD2;
      moments.sumRD += sumRD;
      for (let g = 0; g < counts.length; g++) {
        const count = counts[g] as number;
        if (count === 0) continue;
        const key = g - range;
        if (key < 0) moments.negative += count;
        else if (key === 0) moments.zero += count;
        moments.histogram?.set(key, (moments.histogram.get(key) ?? 0) + count);
      }
    }
    // Respondent dimension scores.
    const size = dimension.items.length;
    const needed =
      policy.kind === "minimum-share"
        ? Math.max(1, Math.ceil(policy.share * size - 1e-9))
        : policy.kind === "listwise"
          ? size
          : 1;
    const dimensionMoments = accumulator.dimensions[d] as PairMoments;
    const keyScale = scales.dimension[d] ?? null;
    const rScore = scoreR[d] as Float64Array;
    const dScore = scoreD[d] as Float64Array;
    const keys = scoreKey[d] as Float64Array;
    for (let local = 0; local < length; local++) {
      const count = dimCount[local] as number;
      const sr = dimSumR[local] as number;
      const sd = dimSumD[local] as number;
      allSumR[local] = (allSumR[local] as number) + sr;
      allSumD[local] = (allSumD[local] as number) + sd;
      allCount[local] = (allCount[local] as number) + count;
      if (count < needed) {
        accumulator.unscored[d] = (accumulator.unscored[d] as number) + 1;
        continue;
      }
      const meanR = sr / count;
      const meanD = sd / count;
      rScore[local] = meanR;
      dScore[local] = meanD;
      // Exact key: (sum of gaps in steps) × lcm / count is an integer. Without an exact scale
      // the key is only the sign (no histogram is kept) and the stored key the mean in steps.
      const stepSum = Math.round((sd - sr) / step);
      const key = keyScale === null ? Math.sign(stepSum) : (stepSum * keyScale) / count;
      keys[local] = keyScale === null ? stepSum / count : key;
      addPair(dimensionMoments, meanR, meanD, key);
    }
  });

  // Overall scores.
  const overallScale = scales.overallItemMean;
  const unweightedScale = scales.overallUnweighted;
  const weights = dataset.weights;
  const fallback = accumulator.fallback;
  for (let local = 0; local < length; local++) {
    const count = allCount[local] as number;
    if (count > 0) {
      const stepSum = Math.round(((allSumD[local] as number) - (allSumR[local] as number)) / step);
      const key = overallScale === null ? Math.sign(stepSum) : (stepSum * overallScale) / count;
      addPair(
        accumulator.overallItemMean,
        (allSumR[local] as number) / count,
        (allSumD[local] as number) / count,
        key,
      );
    }
    let scored = 0;
    let sumR = 0;
    let sumD = 0;
    for (let d = 0; d < dimensionCount; d++) {
      const rv = (scoreR[d] as Float64Array)[local] as number;
      if (Number.isNaN(rv)) continue;
      scored += 1;
      sumR += rv;
      sumD += (scoreD[d] as Float64Array)[local] as number;
    }
    if (scored === 0) continue;
    accumulator.respondents += 1;
    let keySum = 0;
    for (let d = 0; d < dimensionCount; d++) {
      const rv = (scoreR[d] as Float64Array)[local] as number;
      if (Number.isNaN(rv)) continue;
      const key = (scoreKey[d] as Float64Array)[local] as number;
      const dimensionScale = scales.dimension[d] ?? null;
      if (unweightedScale !== null) {
        keySum += key * (unweightedScale / (scored * (dimensionScale as number)));
      } else keySum += key / (dimensionScale ?? 1) / scored; // mean gap in steps
    }
    addPair(
      accumulator.overallUnweighted,
      sumR / scored,
      sumD / scored,
      unweightedScale !== null ? Math.round(keySum) : signOf(keySum),
    );
    if (weights === null) continue;
    // Weighted: own weights when usable, else sample-mean weights (finished later). The mean
    // weights are taken over every respondent who gave usable points.
    const r = start + local;
    let own = true;
    for (let d = 0; d < dimensionCount; d++) {
      const w = (weights[d] as Float64Array)[r] as number;
      if (Number.isNaN(w)) own = false;
    }
    if (own) {
      for (let d = 0; d < dimensionCount; d++) {
        const w = (weights[d] as Float64Array)[r] as number;
        accumulator.weightSums[d] = (accumulator.weightSums[d] as number) + w;
      }
      accumulator.weightRespondents += 1;
    }
    if (scored < dimensionCount) continue;
    if (own) {
      let wr = 0;
      let wd = 0;
      for (let d = 0; d < dimensionCount; d++) {
        const w = (weights[d] as Float64Array)[r] as number;
        wr += w * ((scoreR[d] as Float64Array)[local] as number);
        wd += w * ((scoreD[d] as Float64Array)[local] as number);
      }
      addPair(accumulator.weightedOwn, wr, wd, signOf((wd - wr) / step));
    } else {
      fallback.n += 1;
      for (let d = 0; d < dimensionCount; d++) {
        const rd = (scoreR[d] as Float64Array)[local] as number;
        const dd = (scoreD[d] as Float64Array)[local] as number;
        fallback.sumR[d] = (fallback.sumR[d] as number) + rd;
        fallback.sumD[d] = (fallback.sumD[d] as number) + dd;
        for (let e = 0; e < dimensionCount; e++) {
          const re = (scoreR[e] as Float64Array)[local] as number;
          const de = (scoreD[e] as Float64Array)[local] as number;
          const cell = d * dimensionCount + e;
          fallback.crossR[cell] = (fallback.crossR[cell] as number) + rd * re;
          fallback.crossD[cell] = (fallback.crossD[cell] as number) + dd * de;
          fallback.crossGap[cell] = (fallback.crossGap[cell] as number) + (dd - rd) * (de - re);
        }
      }
    }
  }
  return accumulator;
}

/**
 * Merges two accumulators of the same instrument and facets into a new one; merging the
 * accumulators of two chunks equals one pass over both.
 */
export function mergeGapAccumulators(a: GapAccumulator, b: GapAccumulator): GapAccumulator {
  const merge = (x: PairMoments, y: PairMoments) => {
    const copy = clonePairMoments(x);
    mergePairMomentsInto(copy, y);
    return copy;
  };
  const add = (x: readonly number[], y: readonly number[]) =>
    x.map((value, i) => value + (y[i] as number));
  return {
    required: a.required,
    delivered: a.delivered,
    shift: a.shift,
    items: a.items.map((x, i) => merge(x, b.items[i] as PairMoments)),
    dimensions: a.dimensions.map((x, i) => merge(x, b.dimensions[i] as PairMoments)),
    overallItemMean: merge(a.overallItemMean, b.overallItemMean),
    overallUnweighted: merge(a.overallUnweighted, b.overallUnweighted),
    weightedOwn: merge(a.weightedOwn, b.weightedOwn),
    fallback: {
      n: a.fallback.n + b.fallback.n,
      sumR: add(a.fallback.sumR, b.fallback.sumR),
      sumD: add(a.fallback.sumD, b.fallback.sumD),
      crossGap: add(a.fallback.crossGap, b.fallback.crossGap),
      crossR: add(a.fallback.crossR, b.fallback.crossR),
      crossD: add(a.fallback.crossD, b.fallback.crossD),
    },
    weightSums: add(a.weightSums, b.weightSums),
    weightRespondents: a.weightRespondents + b.weightRespondents,
    unscored: add(a.unscored, b.unscored),
    respondents: a.respondents + b.respondents,
  };
}
