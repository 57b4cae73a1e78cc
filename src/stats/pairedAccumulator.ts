import { checkOptionKeys, expectShape, invalidArgument, optionNames, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { type CohenDzResult, cohenDzFromSummary } from "./cohenDz";
import { completePairs } from "./finiteValues";
import { type PairedTTestResult, pairedTTestFromSummary } from "./pairedTTestFromSummary";
import type { Alternative, NumericInput } from "./types";
import { signedRankCore, type WilcoxonSignedRankResult } from "./wilcoxonSignedRankFromCounts";

/**
 * Sufficient statistics of paired values (x, y) on a grid, for the mean, SD and t-test of x,
 * y and d = y − x, their correlation, and the Wilcoxon signed-rank test of d. Plain,
 * JSON-serialisable data: build one per chunk (or worker, or SQL group), merge, finish.
 *
 * Every value is stored as its grid index k = round(v/step) (integers), so the sums are exact
 * integer arithmetic and merging is exact: merging the accumulators of two halves gives the
 * same object, field by field, as one pass over both (while the sums stay below 2⁵³, e.g. up to
 * ~10¹⁴ pairs of 7-point Likert answers).
 */
export interface PairedAccumulator {
  /** Grid step: every value must be a multiple of it (1 for Likert answers). */
  step: number;
  /** Complete pairs added. */
  n: number;
  /** Pairs skipped because x or y was missing (null, undefined, NaN). */
  missing: number;
  /** Σk_x, Σk_x², Σk_y, Σk_y², Σk_x·k_y in grid units. */
  sumX: number;
  sumX2: number;
  sumY: number;
  sumY2: number;
  sumXY: number;
  /** Grid index of d = y − x held by `histogram[0]` (the smallest d seen). */
  histogramOffset: number;
  /**
   * Dense counts of d = y − x in grid units: histogram[i] pairs have d = (histogramOffset + i)·step.
   * Spans exactly the smallest to the largest d seen (empty before the first pair).
   */
  histogram: number[];
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
  /** d = y − x (the gap P − E for `addPair(acc, e, p)`). */
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

const MAX_SPAN = 1 << 20;

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
 * Use: `const acc = createPairedAccumulator()`, then `addPair(acc, e, p)` for every respondent
 * (or `addPairs` for arrays), `mergePairedAccumulators(a, b)` to combine chunks, and
 * `finishPaired(acc)` for the statistics. d = y − x, so `addPair(acc, E, P)` accumulates the
 * SERVQUAL gap P − E.
 *
 * @category stats
 * @param options - step of the value grid (default 1)
 * @returns an empty accumulator (plain data)
 * @throws {ServqualError} `invalid-options` for a step that is not a finite number > 0
 * @example
 * const acc = createPairedAccumulator();
 * addPair(acc, 6, 5); addPair(acc, 7, 7); addPair(acc, 5, 6); addPair(acc, 6, 4);
 * finishPaired(acc).difference;
 * //=> { mean: -0.5, sd: 1.2909…, se: 0.6454…, nNegative: 2, nZero: 1, nPositive: 1 }
 */
export function createPairedAccumulator(options: PairedAccumulatorOptions = {}): PairedAccumulator {
  checkOptionKeys("createPairedAccumulator", options, ["step"]);
  return {
    step: checkStep(options.step ?? 1, "createPairedAccumulator"),
    n: 0,
    missing: 0,
    sumX: 0,
    sumX2: 0,
    sumY: 0,
    sumY2: 0,
    sumXY: 0,
    histogramOffset: 0,
    histogram: [],
  };
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

function countDifference(acc: PairedAccumulator, kd: number): void {
  if (acc.histogram.length === 0) {
    acc.histogramOffset = kd;
    acc.histogram.push(1);
    return;
  }
  let index = kd - acc.histogramOffset;
  if (index < 0 || index >= acc.histogram.length) {
    const low = Math.min(acc.histogramOffset, kd);
    const high = Math.max(acc.histogramOffset + acc.histogram.length - 1, kd);
    if (high - low + 1 > MAX_SPAN) {
      throw new ServqualError(
        "unsupported",
        `pairedAccumulator: differences span more than ${MAX_SPAN} grid steps; use a coarser step`,
      );
    }
    if (index < 0) {
      acc.histogram = new Array<number>(-index).fill(0).concat(acc.histogram);
      acc.histogramOffset = kd;
      index = 0;
    } else {
      while (acc.histogram.length <= index) acc.histogram.push(0);
    }
  }
  acc.histogram[index] = (acc.histogram[index] as number) + 1;
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
 *   (code `off-grid`); `unsupported` when the differences span more than 2²⁰ grid steps
 * @example
 * const acc = createPairedAccumulator();
 * addPair(acc, 6, 5);
 * acc.n; //=> 1
 */
export function addPair(
  acc: PairedAccumulator,
  x: number | null | undefined,
  y: number | null | undefined,
): void {
  // Called once per pair: a direct property check, cheaper than expectShape.
  if (typeof acc?.step !== "number") throw invalidArgument("addPair", "acc", ACC, acc);
  const xMissing = isMissing(x);
  const yMissing = isMissing(y);
  // Present values are checked even when the other one is missing (±Infinity is an error).
  const kx = xMissing ? 0 : gridIndexOrThrow(x, acc.step, "x");
  const ky = yMissing ? 0 : gridIndexOrThrow(y, acc.step, "y");
  if (xMissing || yMissing) {
    acc.missing++;
    return;
  }
  acc.n++;
  acc.sumX += kx;
  acc.sumX2 += kx * kx;
  acc.sumY += ky;
  acc.sumY2 += ky * ky;
  acc.sumXY += kx * ky;
  countDifference(acc, ky - kx);
}

function gridIndexOrThrow(value: unknown, step: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ServqualError(
      "invalid-input",
      "addPair requires finite numbers (null or NaN = missing)",
      [
        {
          code: typeof value === "number" ? "not-finite" : "not-a-number",
          message: `${name} is ${String(value)}`,
        },
      ],
    );
  }
  return gridIndex(value, step, "addPair", name);
}

/**
 * Adds every pair (x[i], y[i]) of two equally long arrays, in place.
 *
 * @category stats
 * @param acc - the accumulator (mutated)
 * @param x - first values (e.g. E of one item for a chunk of respondents)
 * @param y - second values (e.g. P), same length
 * @throws {ServqualError} `invalid-input` (`length-mismatch`) for unequal lengths, and as
 *   {@link addPair}
 * @example
 * const acc = createPairedAccumulator();
 * addPairs(acc, [6, 7, 5, null], [5, 7, 6, 4]);
 * [acc.n, acc.missing]; //=> [3, 1]
 */
export function addPairs(acc: PairedAccumulator, x: NumericInput, y: NumericInput): void {
  expectShape("addPairs", "acc", acc, shapes.pairedAccumulator);
  const pairs = completePairs(x, y, "addPairs");
  for (let i = 0; i < pairs.x.length; i++) addPair(acc, pairs.x[i], pairs.y[i]);
  acc.missing += pairs.missing;
}

/**
 * Merges two accumulators into a new one (the inputs are not changed). Exact: the result equals
 * the accumulator of one pass over both inputs' pairs.
 *
 * @category stats
 * @param a - an accumulator
 * @param b - an accumulator with the same step
 * @returns a new accumulator
 * @throws {ServqualError} `invalid-input` when the steps differ
 * @example
 * const a = createPairedAccumulator(); addPairs(a, [6, 7], [5, 7]);
 * const b = createPairedAccumulator(); addPairs(b, [5, 6], [6, 4]);
 * mergePairedAccumulators(a, b).n; //=> 4
 */
export function mergePairedAccumulators(
  a: PairedAccumulator,
  b: PairedAccumulator,
): PairedAccumulator {
  expectShape("mergePairedAccumulators", "a", a, shapes.pairedAccumulator);
  expectShape("mergePairedAccumulators", "b", b, shapes.pairedAccumulator);
  if (a.step !== b.step) {
    throw new ServqualError("invalid-input", "mergePairedAccumulators requires the same step", [
      { code: "step-mismatch", message: `steps are ${a.step} and ${b.step}` },
    ]);
  }
  let histogramOffset: number;
  let histogram: number[];
  if (a.histogram.length === 0 || b.histogram.length === 0) {
    const source = a.histogram.length === 0 ? b : a;
    histogramOffset = source.histogramOffset;
    histogram = source.histogram.slice();
  } else {
    histogramOffset = Math.min(a.histogramOffset, b.histogramOffset);
    const end = Math.max(
      a.histogramOffset + a.histogram.length,
      b.histogramOffset + b.histogram.length,
    );
    histogram = new Array<number>(end - histogramOffset).fill(0);
    for (const source of [a, b]) {
      const shift = source.histogramOffset - histogramOffset;
      source.histogram.forEach((count, i) => {
        histogram[shift + i] = (histogram[shift + i] as number) + count;
      });
    }
  }
  return {
    step: a.step,
    n: a.n + b.n,
    missing: a.missing + b.missing,
    sumX: a.sumX + b.sumX,
    sumX2: a.sumX2 + b.sumX2,
    sumY: a.sumY + b.sumY,
    sumY2: a.sumY2 + b.sumY2,
    sumXY: a.sumXY + b.sumXY,
    histogramOffset,
    histogram,
  };
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
 * @param acc - an accumulator (not changed)
 * @param options - alternative, level, correct, exact (as the tests)
 * @returns a {@link PairedSummary}; statistics that need more data are null with a warning
 * @throws {ServqualError} `invalid-options` for a bad alternative or level
 * @example
 * const acc = createPairedAccumulator();
 * addPairs(acc, [6, 7, 5, 6], [5, 7, 6, 4]);
 * finishPaired(acc).tTest.t; //=> -0.7745966692414834
 */
export function finishPaired(
  acc: PairedAccumulator,
  options: FinishPairedOptions = {},
): PairedSummary {
  expectShape("finishPaired", "acc", acc, shapes.pairedAccumulator);
  checkOptionKeys("finishPaired", options, FINISH_OPTIONS);
  const { n, step } = acc;
  const warnings: Notice[] = [];
  const kd: number[] = [];
  const counts: number[] = [];
  let nNegative = 0;
  let nZero = 0;
  let nPositive = 0;
  acc.histogram.forEach((count, i) => {
    if (count <= 0) return;
    const k = acc.histogramOffset + i;
    kd.push(k);
    counts.push(count);
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
    meanX = (acc.sumX / n) * step;
    meanY = (acc.sumY / n) * step;
    const meanK = (acc.sumY - acc.sumX) / n;
    meanD = meanK * step;
    if (n > 1) {
      const varX = gridVariance(n, acc.sumX, acc.sumX2);
      const varY = gridVariance(n, acc.sumY, acc.sumY2);
      let ss = 0;
      kd.forEach((k, i) => {
        ss += (counts[i] as number) * (k - meanK) ** 2;
      });
      sdX = Math.sqrt(Math.max(0, varX)) * step;
      sdY = Math.sqrt(Math.max(0, varY)) * step;
      sdD = Math.sqrt(ss / (n - 1)) * step;
      if (varX > 0 && varY > 0) {
        const cov = (n * acc.sumXY - acc.sumX * acc.sumY) / (n * (n - 1));
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
