import { finiteOrNull } from "../_lib/finiteOrNull";
import { type Interval, interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { fQuantile } from "../stats/distributions/stdlib/fQuantile";
import { alphaStatistics, covarianceAlpha } from "./alphaStatistics";
import { type ItemMoments, itemMoments } from "./itemCovariance";
import type { ItemCovarianceAccumulator } from "./itemCovarianceAccumulator";
import {
  correctedItemTotal,
  firstComponentLoadings,
  indefiniteWarning,
  keyingWarnings,
  negativeAlphaWarning,
} from "./keyingDiagnostics";
import { analyseScaleData } from "./openScale";
import { type ItemData, recodingWarnings } from "./prepareItems";
import { analyseScale, type ScaleAnalysis } from "./scaleAnalysis";
import type { MissingMode, ReliabilityOptions, WithoutConstantItems } from "./types";

/** A 95 % interval of alpha: the library's {@link Interval}. */
export type ReliabilityInterval = Interval;

/** Result of {@link cronbachAlpha}. Field names in brackets are psych's. */
export interface CronbachAlphaResult {
  readonly method: "cronbach-alpha";
  /** Missing-data handling used. */
  readonly missing: MissingMode;
  readonly itemNames: readonly string[];
  /** Items that were recoded as (min + max) − x before anything was computed. */
  readonly reversed: readonly string[];
  /** The (min + max) used for recoding and where it came from, or null when nothing was reversed. */
  readonly reverseRecoding: { readonly sum: number; readonly source: "scale" | "observed" } | null;
  /** Number of items. */
  readonly k: number;
  /** Rows passed in, including rows with missing answers [n_rows in pairwise mode]. */
  readonly nRows: number;
  /** Rows that answered every item. */
  readonly nCompleteRows: number;
  /**
   * The n behind the Feldt interval and ase: every row in pairwise mode (as psych does, even
   * though single covariance cells rest on fewer rows), the complete rows in listwise mode.
   */
  readonly nObservations: number;
  /** Fewest / most rows behind one off-diagonal covariance cell [psych::pairwiseCount]. */
  readonly pairwiseNMin: number;
  readonly pairwiseNMax: number;
  /** k/(k−1)·(1 − tr(C)/ΣΣC) [raw_alpha] */
  readonly rawAlpha: number | null;
  /** k/(k−1)·(1 − k/ΣΣR) [std.alpha] */
  readonly standardizedAlpha: number | null;
  /** Guttman's λ6: 1 − (k − Σsmc)/ΣΣR [G6(smc)] */
  readonly guttmanLambda6: number | null;
  /** Mean inter-item correlation (ΣΣR − k)/(k(k−1)) [average_r] */
  readonly averageR: number | null;
  /** Signal/noise k·r̄/(1 − r̄) [S/N] */
  readonly signalToNoise: number | null;
  /** Median of the k(k−1)/2 inter-item correlations [median_r] */
  readonly medianR: number | null;
  /** Variance (n − 1) of the inter-item correlations [var.r] */
  readonly varianceR: number | null;
  /** Duhachek–Iacobucci asymptotic standard error sqrt(Q/n) [ase] */
  readonly ase: number | null;
  /** Feldt interval from the F distribution [psych::alpha.ci, "Feldt"] */
  readonly feldt: ReliabilityInterval;
  /** rawAlpha ∓ 1.96·ase [psych's "Duhachek" row] */
  readonly duhachek: ReliabilityInterval;
  /** Mean and SD (n − 1) of the person score (mean of the items each person answered) [mean, sd] */
  readonly totalMean: number | null;
  readonly totalSd: number | null;
  /**
   * Items with zero variance (everyone gave the same answer). Raw alpha, ase and the Feldt and
   * Duhachek intervals still follow from the covariance matrix; standardised alpha, λ6 and the
   * correlation-based figures are null, and a warning names the items.
   */
  readonly constantItems: readonly string[];
  /**
   * With `dropConstantItems` (default true) and constant items: every statistic recomputed on
   * the data without them, which is what psych::alpha reports (it deletes such items with a
   * warning). Null when no item is constant, when fewer than two items would remain, or when
   * the input was an accumulator (the person scores need the data).
   */
  readonly withoutConstantItems: WithoutConstantItems<"alpha", CronbachAlphaResult>;
  readonly warnings: readonly Notice[];
}

/**
 * Problems that make the covariance matrix unusable, as warnings (empty when usable). With
 * `constantIsProblem` false an item with zero variance is not a problem (alpha and the item
 * analysis handle it).
 */
export function covarianceProblems(
  m: ItemMoments,
  names: readonly string[],
  constantIsProblem = true,
): string[] {
  const k = m.k;
  const problems: string[] = [];
  if (m.nObservations < 2 || m.scoreN < 2) {
    problems.push(
      m.nObservations === 0
        ? "no rows to analyse"
        : m.scoreN === 0
          ? "every answer is missing"
          : `only ${m.missing === "listwise" ? m.nCompleteRows : m.scoreN} usable row(s): reliability needs at least 2 respondents`,
    );
    return problems;
  }
  const constant: string[] = [];
  const tooFew: string[] = [];
  for (let i = 0; i < k; i++) {
    const v = m.covariance[i * k + i] as number;
    if ((m.counts[i * k + i] as number) < 2) tooFew.push(names[i] as string);
    else if (!(v > 0)) constant.push(names[i] as string);
  }
  if (tooFew.length > 0) {
    problems.push(`fewer than 2 answers for ${tooFew.join(", ")}: no variance can be computed`);
  }
  if (constant.length > 0 && constantIsProblem) {
    problems.push(
      `zero variance for ${constant.join(", ")} (everyone gave the same answer): correlations with ${constant.length === 1 ? "this item" : "these items"} are undefined. Remove ${constant.length === 1 ? "it" : "them"} and recompute (psych::alpha deletes such items)`,
    );
  }
  if (tooFew.length === 0 && (constant.length === 0 || !constantIsProblem)) {
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        if ((m.counts[i * k + j] as number) < 2) {
          problems.push(
            `items ${names[i]} and ${names[j]} are answered together by fewer than 2 rows: their covariance is undefined`,
          );
        }
      }
    }
  }
  return problems;
}

/** Feldt (1965) interval as psych::alpha.ci. */
export function feldtInterval(alpha: number | null, n: number, k: number): ReliabilityInterval {
  if (alpha === null || n < 2 || k < 2) return interval(0.95, null, null, "feldt");
  const df1 = n - 1;
  const df2 = (n - 1) * (k - 1);
  const lower = 1 - (1 - alpha) * fQuantile(0.975, df1, df2);
  const upper = 1 - (1 - alpha) * fQuantile(0.025, df1, df2);
  return interval(0.95, lower, upper, "feldt");
}

function pairwiseRange(m: ItemMoments): { min: number; max: number } {
  const k = m.k;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const n = m.counts[i * k + j] as number;
      if (n < min) min = n;
      if (n > max) max = n;
    }
  }
  return { min: Number.isFinite(min) ? min : 0, max };
}

/** The finished moments of a scale, its fatal problems and (when usable) its analysis. */
export interface PreparedScale {
  readonly missing: MissingMode;
  readonly m: ItemMoments;
  /** Fatal problems (n < 2, too few answers, undefined covariance cells). */
  readonly problems: readonly string[];
  /** Null when there are fatal problems. */
  readonly analysis: ScaleAnalysis | null;
}

/** Finishes an accumulator once for alpha and the item analysis (internal). */
export function prepareScale(acc: ItemCovarianceAccumulator, missing: MissingMode): PreparedScale {
  const m = itemMoments(acc, missing);
  const problems = covarianceProblems(m, acc.itemNames, false);
  return { missing, m, problems, analysis: problems.length === 0 ? analyseScale(m) : null };
}

/** The warning that names constant items. */
export function constantItemsWarning(names: readonly string[], what: string): Notice {
  const one = names.length === 1;
  return notice(
    "constant-item",
    `constant-item: zero variance for ${names.join(", ")} (everyone gave the same answer): ${what} ${one ? "this item" : "these items"} are undefined and null; raw alpha comes from the covariance matrix with ${one ? "it" : "them"} included. psych::alpha deletes such items: see withoutConstantItems`,
  );
}

/** Internal: alpha from an accumulator (shared with itemAnalysis). */
export function alphaFromAccumulator(
  acc: ItemCovarianceAccumulator,
  missing: MissingMode,
  prepared: PreparedScale = prepareScale(acc, missing),
): CronbachAlphaResult {
  const k = acc.k;
  const names = acc.itemNames;
  const { m, problems, analysis } = prepared;
  const warnings: Notice[] = [...recodingWarnings(acc)];
  const range = pairwiseRange(m);
  const base = {
    method: "cronbach-alpha" as const,
    missing,
    itemNames: [...names],
    reversed: names.filter((_, i) => acc.reversed[i]),
    reverseRecoding:
      acc.reverseSum === null || acc.reverseSumSource === null
        ? null
        : { sum: acc.reverseSum, source: acc.reverseSumSource },
    k,
    nRows: m.nRows,
    nCompleteRows: m.nCompleteRows,
    nObservations: m.nObservations,
    pairwiseNMin: range.min,
    pairwiseNMax: range.max,
    constantItems: analysis === null ? [] : analysis.constant.map((i) => names[i] as string),
    withoutConstantItems: null,
  };
  if (missing === "listwise" && m.nCompleteRows < m.nRows) {
    warnings.push(
      notice(
        "rows-left-out",
        `listwise: ${m.nRows - m.nCompleteRows} of ${m.nRows} rows miss at least one item and were left out`,
      ),
    );
  }
  const scoreOk = m.scoreN >= 2;
  if (analysis === null) {
    return {
      ...base,
      rawAlpha: null,
      standardizedAlpha: null,
      guttmanLambda6: null,
      averageR: null,
      signalToNoise: null,
      medianR: null,
      varianceR: null,
      ase: null,
      feldt: interval(0.95, null, null, "feldt"),
      duhachek: interval(0.95, null, null, "normal-approximation"),
      totalMean: scoreOk || m.scoreN === 1 ? finiteOrNull(m.scoreMean) : null,
      totalSd: scoreOk ? finiteOrNull(m.scoreSd) : null,
      warnings: [
        ...warnings,
        ...problems.map((p) => notice("not-computable", `alpha is null: ${p}`)),
      ],
    };
  }
  const c = m.covariance;
  const { r, eigen, smc } = analysis;
  const covarianceOnly = covarianceAlpha(c, k);
  const stats = r !== null ? alphaStatistics(c, r, k, smc) : null;
  const rawAlpha = finiteOrNull(covarianceOnly.rawAlpha);
  const q = covarianceOnly.q;
  const ase = q >= 0 && m.nObservations > 0 ? Math.sqrt(q / m.nObservations) : Number.NaN;
  if (base.constantItems.length > 0) {
    warnings.push(
      constantItemsWarning(
        base.constantItems,
        "standardised alpha, λ6 and the inter-item correlations of",
      ),
    );
  }
  if (q < 0)
    warnings.push(
      notice(
        "negative-variance-estimate",
        "the Duhachek–Iacobucci variance Q is negative: ase is null",
      ),
    );
  const rDrop = correctedItemTotal(c, k);
  const pc1 = r !== null ? firstComponentLoadings(r, k, eigen) : null;
  if (base.constantItems.length > 0) {
    warnings.push(...indefiniteWarning(c, k, missing, null, "covariance"));
  } else if (r !== null) {
    warnings.push(...indefiniteWarning(r, k, missing, eigen));
  }
  warnings.push(...keyingWarnings(names, rDrop, pc1, acc.reversed));
  if (rawAlpha !== null && rawAlpha < 0) {
    warnings.push(negativeAlphaWarning(rawAlpha, names, rDrop, pc1));
  }
  if (Number.isNaN(covarianceOnly.rawAlpha)) {
    warnings.push(
      notice(
        "zero-variance",
        "the raw total score has no variance (the item covariances sum to 0: the answers trade off within every row): raw alpha and its standard error are undefined",
      ),
    );
  }
  if (stats !== null && Number.isNaN(stats.standardizedAlpha)) {
    warnings.push(
      notice(
        "zero-variance",
        "the standardized total has no variance (the item correlations sum to 0): standardized alpha and Guttman's λ6 are undefined",
      ),
    );
  }
  if (stats !== null && stats.smcClamped.length > 0) {
    warnings.push(
      notice(
        "smc-clamped",
        `squared multiple correlations outside [0, 1] were clamped (as psych::smc) for ${stats.smcClamped.map((i) => names[i]).join(", ")}: the correlation matrix is (near) singular`,
      ),
    );
  }
  const aseValue = finiteOrNull(ase);
  const fromR = (x: number | undefined) => (x === undefined ? null : finiteOrNull(x));
  return {
    ...base,
    rawAlpha,
    standardizedAlpha: fromR(stats?.standardizedAlpha),
    guttmanLambda6: fromR(stats?.guttmanLambda6),
    averageR: fromR(stats?.averageR),
    signalToNoise: fromR(stats?.signalToNoise),
    medianR: fromR(stats?.medianR),
    varianceR: fromR(stats?.varianceR),
    ase: aseValue,
    feldt: feldtInterval(rawAlpha, m.nObservations, k),
    duhachek:
      rawAlpha === null || aseValue === null
        ? interval(0.95, null, null, "normal-approximation")
        : interval(
            0.95,
            rawAlpha - 1.96 * aseValue,
            rawAlpha + 1.96 * aseValue,
            "normal-approximation",
          ),
    totalMean: finiteOrNull(m.scoreMean),
    totalSd: finiteOrNull(m.scoreSd),
    warnings,
  };
}

/**
 * Cronbach's alpha and its companions, as psych::alpha reports them: raw and standardised
 * alpha, Guttman's λ6, mean/median/variance of the inter-item correlations, signal/noise, the
 * Duhachek–Iacobucci standard error with its interval, and the Feldt interval.
 *
 * ## Method
 * One pass accumulates, per pair of items, counts, sums and cross-products; C is the item
 * covariance matrix (n − 1 divisor, each cell from the rows where both items are answered in
 * `"pairwise"` mode, psych's default; only complete rows in `"listwise"` mode),
 * R = cov2cor(C).
 * - raw α = k/(k−1)·(1 − tr C/ΣΣC) (Cronbach 1951); standardised α = k/(k−1)·(1 − k/ΣΣR)
 * - λ6 = 1 − (k − Σ smc)/ΣΣR, smc = 1 − 1/diag(R⁻¹) (Guttman 1945)
 * - ase = sqrt(Q/n), Q = 2k²/((k−1)²(ΣΣC)³)·[ΣΣC·(tr C² + (tr C)²) − 2·tr C·ΣΣ(C·C)]
 *   (Duhachek & Iacobucci 2004); Duhachek interval α ∓ 1.96·ase
 * - Feldt: [1 − (1 − α)·F₀.₉₇₅(n−1, (n−1)(k−1)), 1 − (1 − α)·F₀.₀₂₅(n−1, (n−1)(k−1))]
 *   (Feldt 1965; Feldt, Woodruff & Salih 1987)
 * In pairwise mode n is every row, including incomplete ones, as psych uses it. Reverse-keyed
 * items are recoded (min + max) − x first: with the nominal scale when `scaleMin`/`scaleMax`
 * are given, else with the observed range over all items (psych's rule).
 *
 * References: Cronbach, L. J. (1951), Psychometrika 16(3), 297–334. Guttman, L. (1945),
 * Psychometrika 10(4), 255–282. Feldt, L. S. (1965), Psychometrika 30(3), 357–370.
 * Duhachek, A. & Iacobucci, D. (2004), Journal of Applied Psychology 89(5), 792–808.
 * Revelle, W. psych: Procedures for Psychological, Psychometric, and Personality Research.
 *
 * In R: `psych::alpha(x, keys = reverse)` (pairwise); `psych::alpha(x[complete.cases(x), ])`.
 *
 * @category psychometrics
 * @param data - respondents × items: an array of rows, `{ columns }` (one array per item, e.g.
 *   Float64Array with NaN = missing), or an accumulator from `accumulateItems`
 * @param options - `missing` ("pairwise" default, or "listwise"), `reverse` (indices or
 *   names), `scaleMin`/`scaleMax`, `itemNames`, `dropConstantItems` (default true)
 * @returns the alpha statistics; a statistic that cannot be computed (n < 2, no rows) is null
 *   with the reason in `warnings`. An item with zero variance leaves raw alpha and ase (from
 *   C) defined and the correlation-based figures null, names the item in `constantItems` and a
 *   `constant-item:` warning, and (with `dropConstantItems`) gives everything without it in
 *   `withoutConstantItems`, as psych::alpha does. A negative alpha comes with a warning naming
 *   the likely miscoded items
 * @throws {ServqualError} `invalid-input` for fewer than 2 items, a ragged matrix, columns of
 *   unequal length, ±Infinity or non-numbers; `empty-input` for no rows; `invalid-options` for
 *   an unknown missing mode or reverse key
 * @example
 * cronbachAlpha([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4]]).rawAlpha;
 * //=> 0.9485294117647058 (= 129/136; psych::alpha gives raw_alpha 0.9485294)
 */
export function cronbachAlpha(
  data: ItemData,
  options: ReliabilityOptions = {},
): CronbachAlphaResult {
  return analyseScaleData(
    "cronbachAlpha",
    data,
    options,
    alphaFromAccumulator,
    (result, subset) => ({
      ...result,
      withoutConstantItems: {
        dropped: result.constantItems,
        alpha: cronbachAlpha(subset.data, subset.options),
      },
    }),
  );
}
