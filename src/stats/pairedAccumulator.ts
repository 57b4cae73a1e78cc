import { centredSquares } from "../_lib/centredSquares";
import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { type CohenDzResult, cohenDzFromSummary } from "./cohenDz";
import { completePairs } from "./finiteValues";
import { type PairedTTestResult, pairedTTestFromSummary } from "./pairedTTestFromSummary";
import type { Alternative, NumericInput } from "./types";
import { signedRankCore, type WilcoxonSignedRankResult } from "./wilcoxonSignedRankFromCounts";

/** A histogram key: a whole number of 1/keyScale grid steps (a bigint beyond 2⁵² in size). */
export type PairKey = number | bigint;

/**
 * Sufficient statistics of paired values (x, y), with d = y − x: counts, sums, squares and the
 * cross-product, the number of negative and zero d, and the histogram of exact d for the
 * signed-rank test. One accumulator for every paired analysis: `createPairedAccumulator`
 * feeds it pair by pair (values on a grid of `unit`); the gap accumulators (Gap 5, zones of
 * tolerance) fill one per item, dimension and overall score in their one-pass loop. Build one
 * per chunk (or worker, or SQL group), merge, finish.
 *
 * Values are stored as u = (v − shift)/unit: `createPairedAccumulator` uses shift 0 and
 * unit = step, so u is the integer grid index and every sum is exact integer arithmetic (while
 * it stays below 2⁵³, e.g. up to ~10¹⁴ pairs of 7-point Likert answers); the gap accumulators
 * use unit 1 and the scale midpoint as shift (kept beside them), which keeps sums of squares
 * well conditioned for averaged scores.
 *
 * Plain data: it survives `structuredClone`; through JSON it travels with
 * `accumulatorToJson` / `accumulatorFromJson` (the histogram is a Map, and large instruments
 * use bigint keys).
 */
export interface PairedAccumulator {
  /** Stored values are (v − shift)/unit; for `createPairedAccumulator`, unit = the grid step. */
  readonly unit: number;
  /** Complete pairs added. */
  n: number;
  /** Pairs skipped because x or y was missing (null, undefined, NaN). */
  missing: number;
  /** Σu_x, Σu_x², Σu_y, Σu_y², Σu_x·u_y (R = required side x, D = delivered side y). */
  sumR: number;
  sumR2: number;
  sumD: number;
  sumD2: number;
  sumRD: number;
  /** Pairs with d < 0 and d = 0. */
  negative: number;
  zero: number;
  /**
   * Exact key of d (d in grid steps × `keyScale`, an integer) → count; null when not kept.
   * Holds only the distinct d seen, so its size does not grow with n.
   */
  histogram: Map<PairKey, number> | null;
  /** What one key unit is in grid steps: d = key / keyScale steps. */
  keyScale: PairKey;
}

/** The accumulator under its internal name in the gap code. */
export type PairMoments = PairedAccumulator;

/**
 * An empty accumulator (internal form of {@link createPairedAccumulator}: no option checks).
 *
 * @param keyScale - Key units per grid step.
 * @param withHistogram - Keep the histogram of exact keys (default true).
 * @param unit - Stored values are (v − shift)/unit (default 1).
 */
export function createPairMoments(
  keyScale: PairKey,
  withHistogram = true,
  unit = 1,
): PairedAccumulator {
  return {
    unit,
    n: 0,
    missing: 0,
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

/** Adds one pair (values already shifted and scaled) to the sums only: no key, sign or histogram. */
export function addPairSums(moments: PairedAccumulator, required: number, delivered: number) {
  moments.n += 1;
  moments.sumR += required;
  moments.sumR2 += required * required;
  moments.sumD += delivered;
  moments.sumD2 += delivered * delivered;
  moments.sumRD += required * delivered;
}

/** Adds one pair (values already shifted and scaled) with its exact key. */
export function addShiftedPair(
  moments: PairedAccumulator,
  required: number,
  delivered: number,
  key: number,
) {
  addPairSums(moments, required, delivered);
  if (key < 0) moments.negative += 1;
  else if (key === 0) moments.zero += 1;
  const histogram = moments.histogram;
  if (histogram !== null) histogram.set(key, (histogram.get(key) ?? 0) + 1);
}

/** Adds the sums, missing and sign counts of `source` into `target`, leaving the histogram alone. */
export function addSumsInto(target: PairedAccumulator, source: PairedAccumulator) {
  target.n += source.n;
  target.missing += source.missing;
  target.sumR += source.sumR;
  target.sumR2 += source.sumR2;
  target.sumD += source.sumD;
  target.sumD2 += source.sumD2;
  target.sumRD += source.sumRD;
  target.negative += source.negative;
  target.zero += source.zero;
}

/** Adds `source` into `target` (same shift, unit and key scale). */
export function mergePairMomentsInto(target: PairedAccumulator, source: PairedAccumulator) {
  addSumsInto(target, source);
  if (target.histogram !== null && source.histogram !== null) {
    for (const [key, count] of source.histogram) {
      target.histogram.set(key, (target.histogram.get(key) ?? 0) + count);
    }
  } else target.histogram = null;
}

/** A deep copy. */
export function clonePairMoments(moments: PairedAccumulator): PairedAccumulator {
  return {
    ...moments,
    histogram: moments.histogram === null ? null : new Map(moments.histogram),
  };
}

/** Mean and n − 1 variance of R, D and the gap D − R in the data's units, undoing shift and unit. */
export function pairMeansAndVariances(moments: PairedAccumulator, shift: number) {
  const { n, sumR, sumR2, sumD, sumD2, sumRD, unit } = moments;
  const meanR = n > 0 ? (sumR / n) * unit + shift : null;
  const meanD = n > 0 ? (sumD / n) * unit + shift : null;
  const meanGap = n > 0 ? ((sumD - sumR) / n) * unit : null;
  const denominator = n - 1;
  const unit2 = unit * unit;
  const variance = (squares: number, sum: number, magnitude: number) =>
    (centredSquares(squares, sum, n, magnitude) / denominator) * unit2;
  const varR = n > 1 ? variance(sumR2, sumR, sumR2) : null;
  const varD = n > 1 ? variance(sumD2, sumD, sumD2) : null;
  const sumG = sumD - sumR;
  const sumG2 = sumD2 - 2 * sumRD + sumR2;
  const varGap = n > 1 ? variance(sumG2, sumG, sumD2 + 2 * Math.abs(sumRD) + sumR2) : null;
  const covRD = n > 1 ? ((sumRD - (sumR * sumD) / n) / denominator) * unit2 : null;
  return { n, meanR, meanD, meanGap, varR, varD, varGap, covRD };
}

/** Options of {@link createPairedAccumulator}. */
export interface PairedAccumulatorOptions {
  /**
   * Grid step (> 0): values must be multiples of it, up to a relative 1e-9 of the step
   * (0.1·3 counts as 0.3). Default 1 (integer Likert answers). Use e.g. 0.5 for half points, or
   * feed integer sums of items rather than item means.
   */
  readonly step?: number;
}

/** Options of {@link finishPaired}. */
export interface FinishPairedOptions {
  /** Alternative of both tests, about d = y − x; default "two-sided". */
  readonly alternative?: Alternative;
  /** Confidence level of the t interval and of d_z; default 0.95. */
  readonly level?: number;
  /** Continuity correction of the Wilcoxon normal approximation; default true. */
  readonly correct?: boolean;
  /** Exact Wilcoxon p: undefined = R's rule (n′ < 50, no ties, no zeros); true; false. */
  readonly exact?: boolean;
}

/** Mean and SD of one variable. */
export interface MeanSd {
  readonly mean: number | null;
  /** n − 1 divisor; null when n < 2. */
  readonly sd: number | null;
}

/** Result of {@link finishPaired}: everything Gap 5 reports for one item or dimension. */
export interface PairedSummary {
  readonly step: number;
  /** Complete pairs. */
  readonly n: number;
  /** Pairs with a missing value. */
  readonly missing: number;
  /** x (e.g. expectation E). */
  readonly x: MeanSd;
  /** y (e.g. perception P). */
  readonly y: MeanSd;
  /** Pearson correlation of x and y; null when n < 2 or a variance is 0. */
  readonly correlation: number | null;
  /** d = y − x (the gap P − E for `accumulatePair(acc, e, p)`). */
  readonly difference: MeanSd & {
    /** Standard error sd/√n. */
    readonly se: number | null;
    /** Pairs with d < 0 (e.g. perception below expectation). */
    readonly nNegative: number;
    readonly nZero: number;
    readonly nPositive: number;
  };
  /** Distinct differences (in the data's units, ascending) and their counts. */
  readonly histogram: { readonly values: readonly number[]; readonly counts: readonly number[] };
  /** Paired t-test of d = y − x (as `pairedTTest(y, x)`). */
  readonly tTest: PairedTTestResult;
  /** Wilcoxon signed-rank test of d = y − x (as `wilcoxonSignedRank(y, x)`). */
  readonly wilcoxon: WilcoxonSignedRankResult;
  /** Cohen's d_z of d. */
  readonly cohenDz: CohenDzResult;
  readonly warnings: readonly Notice[];
}

/** Most distinct differences one accumulator keeps (a histogram beyond it needs a coarser step). */
const MAX_DISTINCT = 1 << 20;

function checkStep(step: number, fn: string): number {
  if (typeof step !== "number" || !Number.isFinite(step) || !(step > 0)) {
    throw new ServqualError("invalid-options", `${fn}: step must be a finite number > 0`, [
      { code: "out-of-range", message: `step is ${String(step)}`, path: ["step"] },
    ]);
  }
  return step;
}

/**
 * A new, empty accumulator of paired values (see {@link PairedAccumulator}).
 *
 * Use: `const acc = createPairedAccumulator()`, then `accumulatePair(acc, e, p)` for every
 * respondent (or `accumulatePairs` for arrays), `mergePairedAccumulators(a, b)` to combine
 * chunks, and `finishPaired(acc)` for the statistics (create / accumulate / merge / finish, as
 * every accumulator of the library). d = y − x, so `accumulatePair(acc, E, P)` accumulates the
 * SERVQUAL gap P − E.
 *
 * @category stats
 * @param options - step of the value grid (default 1)
 * @returns an empty accumulator (plain data; JSON through `accumulatorToJson`)
 * @throws {ServqualError} `invalid-options` for a step that is not a finite number > 0
 * @example
 * const acc = createPairedAccumulator();
 * accumulatePair(acc, 6, 5); accumulatePair(acc, 7, 7); accumulatePair(acc, 5, 6); accumulatePair(acc, 6, 4);
 * finishPaired(acc).difference;
 * //=> { mean: -0.5, sd: 1.2909…, se: 0.6454…, nNegative: 2, nZero: 1, nPositive: 1 }
 */
export function createPairedAccumulator(options: PairedAccumulatorOptions = {}): PairedAccumulator {
  checkOptionKeys("createPairedAccumulator", options, ["step"]);
  return createPairMoments(1, true, checkStep(options.step ?? 1, "createPairedAccumulator"));
}

function gridIndex(value: number, step: number, fn: string, name: string): number {
  const scaled = value / step;
  const k = Math.round(scaled);
  if (!(Math.abs(scaled - k) <= 1e-9)) {
    throw new ServqualError("invalid-input", `${fn} requires values on the grid of step ${step}`, [
      {
        code: "off-grid",
        message: `${name} = ${value} is not a multiple of ${step}; use a finer step (or integer sums instead of means)`,
      },
    ]);
  }
  return k;
}

function isMissing(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))
  );
}

const ACC = shapes.pairedAccumulator.what;

/**
 * Adds one pair (x, y) to the accumulator, in place. A pair with a missing x or y (null,
 * undefined, NaN) is counted in `missing` and otherwise ignored.
 *
 * @category stats
 * @param acc - the accumulator (mutated)
 * @param x - first value (e.g. expectation E)
 * @param y - second value (e.g. perception P); d = y − x
 * @throws {ServqualError} `invalid-input` for ±Infinity, a non-number or a value off the grid
 *   (code `off-grid`); `unsupported` when more than 2²⁰ distinct differences are seen
 * @example
 * const acc = createPairedAccumulator();
 * accumulatePair(acc, 6, 5);
 * acc.n; //=> 1
 */
export function accumulatePair(
  acc: PairedAccumulator,
  x: number | null | undefined,
  y: number | null | undefined,
): void {
  // Called once per pair: a direct property check, cheaper than expectShape.
  if (typeof acc?.unit !== "number" || typeof acc.sumR !== "number") {
    throw invalidArgument("accumulatePair", "acc", ACC, acc);
  }
  const xMissing = isMissing(x);
  const yMissing = isMissing(y);
  // Present values are checked even when the other one is missing (±Infinity is an error).
  const kx = xMissing ? 0 : gridIndexOrThrow(x, acc.unit, "x");
  const ky = yMissing ? 0 : gridIndexOrThrow(y, acc.unit, "y");
  if (xMissing || yMissing) {
    acc.missing++;
    return;
  }
  const histogram = acc.histogram;
  const kd = ky - kx;
  if (histogram !== null && histogram.size >= MAX_DISTINCT && !histogram.has(kd)) {
    throw new ServqualError(
      "unsupported",
      `accumulatePair: more than ${MAX_DISTINCT} distinct differences; use a coarser step`,
    );
  }
  addShiftedPair(acc, kx, ky, kd);
}

function gridIndexOrThrow(value: unknown, step: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ServqualError(
      "invalid-input",
      "accumulatePair requires finite numbers (null or NaN = missing)",
      [
        {
          code: typeof value === "number" ? "not-finite" : "not-a-number",
          message: `${name} is ${String(value)}`,
        },
      ],
    );
  }
  return gridIndex(value, step, "accumulatePair", name);
}

/**
 * Adds every pair (x[i], y[i]) of two equally long arrays, in place.
 *
 * @category stats
 * @param acc - the accumulator (mutated)
 * @param x - first values (e.g. E of one item for a chunk of respondents)
 * @param y - second values (e.g. P), same length
 * @throws {ServqualError} `invalid-input` (`length-mismatch`) for unequal lengths, and as
 *   {@link accumulatePair}
 * @example
 * const acc = createPairedAccumulator();
 * accumulatePairs(acc, [6, 7, 5, null], [5, 7, 6, 4]);
 * [acc.n, acc.missing]; //=> [3, 1]
 */
export function accumulatePairs(acc: PairedAccumulator, x: NumericInput, y: NumericInput): void {
  expectShape("accumulatePairs", "acc", acc, shapes.pairedAccumulator);
  const pairs = completePairs(x, y, "accumulatePairs");
  for (let i = 0; i < pairs.x.length; i++) accumulatePair(acc, pairs.x[i], pairs.y[i]);
  acc.missing += pairs.missing;
}

/**
 * Merges two accumulators into a new one (the inputs are not changed). Exact: the result equals
 * the accumulator of one pass over both inputs' pairs (on integer grid indices every sum is
 * exact; the histogram counts add).
 *
 * @category stats
 * @param a - an accumulator
 * @param b - an accumulator with the same step (unit) and key scale
 * @returns a new accumulator
 * @throws {ServqualError} `invalid-input` when the steps or key scales differ
 * @example
 * const a = createPairedAccumulator(); accumulatePairs(a, [6, 7], [5, 7]);
 * const b = createPairedAccumulator(); accumulatePairs(b, [5, 6], [6, 4]);
 * mergePairedAccumulators(a, b).n; //=> 4
 */
export function mergePairedAccumulators(
  a: PairedAccumulator,
  b: PairedAccumulator,
): PairedAccumulator {
  expectShape("mergePairedAccumulators", "a", a, shapes.pairedAccumulator);
  expectShape("mergePairedAccumulators", "b", b, shapes.pairedAccumulator);
  if (a.unit !== b.unit || a.keyScale !== b.keyScale) {
    throw new ServqualError("invalid-input", "mergePairedAccumulators requires the same step", [
      {
        code: "step-mismatch",
        message: `steps are ${a.unit} and ${b.unit}; key scales ${a.keyScale} and ${b.keyScale}`,
      },
    ]);
  }
  const merged = clonePairMoments(a);
  mergePairMomentsInto(merged, b);
  return merged;
}

/** (n·Σk² − (Σk)²)/(n(n − 1)): exact integer numerator while it stays below 2⁵³. */
function gridVariance(n: number, sum: number, sum2: number): number {
  return (n * sum2 - sum * sum) / (n * (n - 1));
}

/** A grid index back in the data's units (k/10 rather than k·0.1 when 1/step is whole). */
function toUnits(k: number, step: number): number {
  const inverse = 1 / step;
  return Number.isInteger(inverse) ? k / inverse : k * step;
}

const FINISH_OPTIONS = optionNames<FinishPairedOptions>({
  alternative: true,
  level: true,
  correct: true,
  exact: true,
});

/**
 * Finishes an accumulator: means and SDs of x, y and d = y − x, their correlation, the counts
 * of negative/zero/positive d, the paired t-test ({@link pairedTTestFromSummary}), the Wilcoxon
 * signed-rank test ({@link wilcoxonSignedRankFromCounts}, O(distinct d)) and Cohen's d_z.
 *
 * Formulas: mean = step·Σk/n; variance of x and y = step²·(nΣk² − (Σk)²)/(n(n − 1)); the
 * variance of d is two-pass over the histogram, Σc(k − k̄)²/(n − 1)·step²;
 * r = (nΣk_xk_y − Σk_xΣk_y)/√((nΣk_x² − (Σk_x)²)(nΣk_y² − (Σk_y)²)). The tests equal
 * `pairedTTest(y, x)` and `wilcoxonSignedRank(y, x)` on the raw pairs.
 *
 * In R: `t.test(y, x, paired = TRUE)`, `wilcox.test(y, x, paired = TRUE)`, `cor(x, y)`.
 *
 * @category stats
 * @param acc - an accumulator from {@link createPairedAccumulator} (not changed)
 * @param options - alternative, level, correct, exact (as the tests)
 * @returns a {@link PairedSummary}; statistics that need more data are null with a warning
 * @throws {ServqualError} `invalid-options` for a bad alternative or level; `invalid-argument`
 *   for an accumulator without its histogram
 * @example
 * const acc = createPairedAccumulator();
 * accumulatePairs(acc, [6, 7, 5, 6], [5, 7, 6, 4]);
 * finishPaired(acc).tTest.t; //=> -0.7745966692414834
 */
export function finishPaired(
  acc: PairedAccumulator,
  options: FinishPairedOptions = {},
): PairedSummary {
  expectShape("finishPaired", "acc", acc, shapes.pairedAccumulator);
  checkOptionKeys("finishPaired", options, FINISH_OPTIONS);
  if (acc.histogram === null || acc.keyScale !== 1) {
    throw invalidArgument(
      "finishPaired",
      "acc",
      "an accumulator from createPairedAccumulator",
      acc,
    );
  }
  const { n, unit: step } = acc;
  const warnings: Notice[] = [];
  const kd = [...acc.histogram.keys()].map(Number).sort((p, q) => p - q);
  const counts = kd.map((k) => acc.histogram?.get(k) as number);
  let nNegative = 0;
  let nZero = 0;
  let nPositive = 0;
  kd.forEach((k, i) => {
    const count = counts[i] as number;
    if (k < 0) nNegative += count;
    else if (k === 0) nZero += count;
    else nPositive += count;
  });
  let meanX: number | null = null;
  let meanY: number | null = null;
  let meanD: number | null = null;
  let sdX: number | null = null;
  let sdY: number | null = null;
  let sdD: number | null = null;
  let correlation: number | null = null;
  if (n === 0) warnings.push(notice("no-data", "no complete pairs"));
  if (n > 0) {
    meanX = (acc.sumR / n) * step;
    meanY = (acc.sumD / n) * step;
    const meanK = (acc.sumD - acc.sumR) / n;
    meanD = meanK * step;
    if (n > 1) {
      const varX = gridVariance(n, acc.sumR, acc.sumR2);
      const varY = gridVariance(n, acc.sumD, acc.sumD2);
      let ss = 0;
      kd.forEach((k, i) => {
        ss += (counts[i] as number) * (k - meanK) ** 2;
      });
      sdX = Math.sqrt(Math.max(0, varX)) * step;
      sdY = Math.sqrt(Math.max(0, varY)) * step;
      sdD = Math.sqrt(ss / (n - 1)) * step;
      if (varX > 0 && varY > 0) {
        const cov = (n * acc.sumRD - acc.sumR * acc.sumD) / (n * (n - 1));
        correlation = Math.max(-1, Math.min(1, cov / Math.sqrt(varX * varY)));
      } else {
        warnings.push(notice("zero-variance", "x or y is constant: the correlation is undefined"));
      }
    } else {
      warnings.push(
        notice("too-few-values", "n = 1: SDs and the correlation need at least 2 pairs"),
      );
    }
  }
  const summary = { n, mean: meanD, sd: sdD, missing: acc.missing };
  const testOptions = {
    ...(options.alternative === undefined ? {} : { alternative: options.alternative }),
    ...(options.level === undefined ? {} : { level: options.level }),
  };
  const wilcoxonOptions = {
    ...(options.alternative === undefined ? {} : { alternative: options.alternative }),
    ...(options.correct === undefined ? {} : { correct: options.correct }),
    ...(options.exact === undefined ? {} : { exact: options.exact }),
  };
  return {
    step,
    n,
    missing: acc.missing,
    x: { mean: meanX, sd: sdX },
    y: { mean: meanY, sd: sdY },
    correlation,
    difference: {
      mean: meanD,
      sd: sdD,
      se: sdD === null ? null : sdD / Math.sqrt(n),
      nNegative,
      nZero,
      nPositive,
    },
    histogram: { values: kd.map((k) => toUnits(k, step)), counts },
    tTest: pairedTTestFromSummary(summary, testOptions),
    wilcoxon: signedRankCore(
      kd.map((k, i): [number, number] => [k, counts[i] as number]),
      wilcoxonOptions,
      "finishPaired",
      acc.missing,
    ),
    cohenDz: cohenDzFromSummary(
      summary,
      options.level === undefined ? {} : { level: options.level },
    ),
    warnings,
  };
}
