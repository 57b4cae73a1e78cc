import { centredSquares } from "../_lib/centredSquares";
import { finiteOrNull } from "../_lib/finiteOrNull";
import { checkOptionKeys, expectShape, shapes } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import type { ItemCovarianceAccumulator } from "./itemCovarianceAccumulator";
import type { MissingMode } from "./types";

/**
 * Item moments finished from an accumulator, as plain numbers (NaN where undefined). Internal
 * form shared by alpha, item analysis and omega; {@link itemCovariance} is the public view.
 */
export interface ItemMoments {
  readonly missing: MissingMode;
  readonly k: number;
  /** Rows passed in (all of them). */
  readonly nRows: number;
  /** Rows with every item answered. */
  readonly nCompleteRows: number;
  /** Rows with no answer. */
  readonly nEmptyRows: number;
  /** Rows the statistics rest on: nRows (pairwise) or nCompleteRows (listwise). */
  readonly nObservations: number;
  /** k × k counts behind each cell (diagonal: answers per item). */
  readonly counts: Float64Array;
  readonly means: Float64Array;
  /** k × k covariance, n − 1 divisor per cell (psych's `cov(x, use = "pairwise")`). */
  readonly covariance: Float64Array;
  /** k × k Pearson correlation, each cell from its own pairwise rows (`cor(x, use = "pairwise")`). */
  readonly correlation: Float64Array;
  /** Person scores (mean of answered items): how many, mean, SD (n − 1). */
  readonly scoreN: number;
  readonly scoreMean: number;
  readonly scoreSd: number;
  /** Per item: cor(person score, item) over the rows that answered the item. */
  readonly itemScoreCorrelation: Float64Array;
}

/** Relative size below which a sum of squared deviations is rounding noise. */
const ROUNDING = 64 * Number.EPSILON;

/**
 * Finishes the moments (internal).
 */
export function itemMoments(acc: ItemCovarianceAccumulator, missing: MissingMode): ItemMoments {
  const k = acc.k;
  const s = acc.state;
  const nc = s.nComplete;
  const pairwise = missing === "pairwise";
  const counts = new Float64Array(k * k);
  const means = new Float64Array(k);
  const covariance = new Float64Array(k * k);
  const correlation = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const ij = i * k + j;
      const ji = j * k + i;
      const ci = s.ccSum[i] as number;
      const cj = s.ccSum[j] as number;
      const cxy = s.ccCross[ij] as number;
      const cxx = s.ccCross[i * k + i] as number;
      const cyy = s.ccCross[j * k + j] as number;
      let n = nc;
      let sx = ci;
      let sy = cj;
      let sxy = cxy;
      let sxx = cxx;
      let syy = cyy;
      if (pairwise) {
        n += s.pN[ij] as number;
        sx += s.pSum[ij] as number;
        sy += s.pSum[ji] as number;
        sxx += s.pSq[ij] as number;
        syy += s.pSq[ji] as number;
        sxy += i === j ? (s.pSq[ij] as number) : (s.pCross[ij] as number);
      }
      counts[ij] = n;
      counts[ji] = n;
      let cov = n >= 2 ? (sxy - (sx * sy) / n) / (n - 1) : Number.NaN;
      // A variance at rounding level of the (shifted) sums is a constant item.
      if (i === j && Math.abs(cov) * (n - 1) <= ROUNDING * sxx) cov = 0;
      covariance[ij] = cov;
      covariance[ji] = cov;
      if (i === j) {
        means[i] = n >= 1 ? (s.shift[i] as number) + sx / n : Number.NaN;
        correlation[ij] = n >= 2 && cov > 0 ? 1 : Number.NaN;
      } else {
        let vx = sxx - (sx * sx) / n;
        let vy = syy - (sy * sy) / n;
        if (Math.abs(vx) <= ROUNDING * sxx) vx = 0;
        if (Math.abs(vy) <= ROUNDING * syy) vy = 0;
        const r =
          n >= 2 && vx > 0 && vy > 0
            ? (sxy - (sx * sy) / n) / (Math.sqrt(vx) * Math.sqrt(vy))
            : Number.NaN;
        correlation[ij] = r;
        correlation[ji] = r;
      }
    }
  }
  // Person score. Complete rows: s = Σd/k, so its sums follow from the complete-case sums.
  let ccScoreSum = 0;
  let ccScoreSq = 0;
  const ccScoreCross = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    ccScoreSum += s.ccSum[i] as number;
    for (let j = 0; j < k; j++) {
      const cell = i <= j ? i * k + j : j * k + i;
      const c = s.ccCross[cell] as number;
      ccScoreSq += c;
      ccScoreCross[i] = (ccScoreCross[i] as number) + c;
    }
  }
  ccScoreSum /= k;
  ccScoreSq /= k * k;
  for (let i = 0; i < k; i++) ccScoreCross[i] = (ccScoreCross[i] as number) / k;

  let scoreN = nc;
  let scoreSum = ccScoreSum;
  let scoreSq = ccScoreSq;
  if (pairwise) {
    scoreN += s.pScoreN;
    scoreSum += s.pScoreSum;
    scoreSq += s.pScoreSq;
  }
  const scoreMean = scoreN >= 1 ? s.scoreShift + scoreSum / scoreN : Number.NaN;
  const scoreVar =
    scoreN >= 2 ? centredSquares(scoreSq, scoreSum, scoreN) / (scoreN - 1) : Number.NaN;
  const scoreSd = scoreVar >= 0 ? Math.sqrt(scoreVar) : Number.NaN;

  const itemScoreCorrelation = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const ii = i * k + i;
    let n = nc;
    let ss = ccScoreSum;
    let sss = ccScoreSq;
    let ssd = ccScoreCross[i] as number;
    let sd = s.ccSum[i] as number;
    let sdd = s.ccCross[ii] as number;
    if (pairwise) {
      n += s.pN[ii] as number;
      ss += s.pScoreSumI[i] as number;
      sss += s.pScoreSqI[i] as number;
      ssd += s.pScoreCrossI[i] as number;
      sd += s.pSum[ii] as number;
      sdd += s.pSq[ii] as number;
    }
    const vs = sss - (ss * ss) / n;
    const vd = sdd - (sd * sd) / n;
    itemScoreCorrelation[i] =
      n >= 2 && vs > 0 && vd > 0
        ? (ssd - (ss * sd) / n) / (Math.sqrt(vs) * Math.sqrt(vd))
        : Number.NaN;
  }

  return {
    missing,
    k,
    nRows: s.nRows,
    nCompleteRows: nc,
    nEmptyRows: s.nEmpty,
    nObservations: pairwise ? s.nRows : nc,
    counts,
    means,
    covariance,
    correlation,
    scoreN,
    scoreMean,
    scoreSd,
    itemScoreCorrelation,
  };
}

/** Public result of {@link itemCovariance}. */
export interface ItemCovarianceResult {
  readonly missing: MissingMode;
  readonly itemNames: readonly string[];
  readonly reversed: readonly boolean[];
  /** Rows added (including rows with no answer). */
  readonly nRows: number;
  /** Rows with every item answered. */
  readonly nCompleteRows: number;
  /** Rows with no answer at all. */
  readonly nEmptyRows: number;
  /** Rows behind each cell (pairwise) or the complete rows in every cell (listwise). */
  readonly counts: readonly (readonly number[])[];
  /** Item means (null without answers). */
  readonly means: readonly (number | null)[];
  /** Covariance, n − 1 divisor per cell (null when a cell has fewer than 2 rows). */
  readonly covariance: readonly (readonly (number | null)[])[];
  /** Pearson correlation, each cell from its own rows (null for zero variance or n < 2). */
  readonly correlation: readonly (readonly (number | null)[])[];
  readonly warnings: readonly Notice[];
}

function toMatrix(values: Float64Array, k: number): (number | null)[][] {
  return Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => finiteOrNull(values[i * k + j] as number)),
  );
}

/**
 * Item covariance and correlation matrices finished from an accumulator: pairwise (each cell
 * from the rows where both items are answered, n − 1 divisor) or complete-case.
 *
 * Cell (i, j): C = (Σxᵢxⱼ − ΣxᵢΣxⱼ/n)/(n − 1) over the n rows where both are present (computed
 * on shifted values for accuracy). The correlation divides by the SDs of the same rows.
 *
 * In R: `cov(x, use = "pairwise")`, `cor(x, use = "pairwise")`, `psych::pairwiseCount(x)`;
 * `use = "complete.obs"` for complete cases.
 *
 * @category psychometrics
 * @param acc - an accumulator that has seen the data
 * @param options - `missing`: `"pairwise"` (default) or `"listwise"`
 * @returns counts, means, covariance and correlation as plain arrays (null where undefined)
 * @throws {ServqualError} `invalid-options` for an unknown missing mode
 * @example
 * const acc = accumulateItemRows(createItemCovarianceAccumulator(2), [[1, 2], [2, null], [3, 5]]);
 * itemCovariance(acc).covariance;
 * //=> [[1, 3], [3, 4.5]]
 */
export function itemCovariance(
  acc: ItemCovarianceAccumulator,
  options: { readonly missing?: MissingMode } = {},
): ItemCovarianceResult {
  expectShape("itemCovariance", "acc", acc, shapes.itemCovarianceAccumulator);
  checkOptionKeys("itemCovariance", options, ["missing"]);
  const missing = checkMissingMode(options.missing, "itemCovariance");
  const m = itemMoments(acc, missing);
  const k = acc.k;
  const warnings: Notice[] = [];
  const counts = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => m.counts[i * k + j] as number),
  );
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const n = m.counts[i * k + j] as number;
      if (n < 2) {
        warnings.push(
          notice(
            "too-few-pairs",
            i === j
              ? `item ${acc.itemNames[i]} has ${n} answer(s): its variance needs at least 2`
              : `items ${acc.itemNames[i]} and ${acc.itemNames[j]} are answered together by ${n} row(s): their covariance needs at least 2`,
          ),
        );
      }
    }
  }
  return {
    missing,
    itemNames: [...acc.itemNames],
    reversed: [...acc.reversed],
    nRows: m.nRows,
    nCompleteRows: m.nCompleteRows,
    nEmptyRows: m.nEmptyRows,
    counts,
    means: Array.from(m.means, finiteOrNull),
    covariance: toMatrix(m.covariance, k),
    correlation: toMatrix(m.correlation, k),
    warnings,
  };
}

/** Validates a missing-data mode (default pairwise). */
export function checkMissingMode(mode: unknown, fn: string): MissingMode {
  if (mode === undefined) return "pairwise";
  if (mode === "pairwise" || mode === "listwise") return mode;
  // The earlier name of listwise deletion, named in the message so an old call is easy to fix.
  const hint = mode === "complete-cases" ? '; "complete-cases" is now called "listwise"' : "";
  throw new ServqualError(
    "invalid-options",
    `${fn}: missing must be "pairwise" or "listwise", got ${String(mode)}${hint}`,
    [
      {
        code: "unknown-value",
        message: `unknown missing-data mode ${String(mode)}${hint}`,
        path: ["missing"],
      },
    ],
  );
}
