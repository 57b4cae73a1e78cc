import { checkOptionKeys, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { checkAlternative, checkLevel } from "./checkOptions";
import { studentTQuantile } from "./distributions/studentTQuantile";
import { tPValue } from "./distributions/tPValue";
import { finiteValues } from "./finiteValues";
import { meanVariance } from "./moments";
import type { Alternative, ConfidenceInterval, NumericInput } from "./types";

/** Options of {@link welchTTest}. */
export interface TwoSampleTTestOptions {
  /** Alternative hypothesis about mean(x) − mean(y) − mu; default "two-sided". */
  readonly alternative?: Alternative;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Hypothesised difference of means; default 0. */
  readonly mu?: number;
  /** true: Student's pooled-variance test (R `var.equal = TRUE`); default false (Welch). */
  readonly varEqual?: boolean;
}

/** Result of {@link welchTTest}. */
export interface TwoSampleTTestResult {
  /** "Welch Two Sample t-test" or "Two Sample t-test". */
  readonly method: string;
  readonly alternative: Alternative;
  readonly varEqual: boolean;
  readonly nX: number;
  readonly nY: number;
  readonly meanX: number | null;
  readonly meanY: number | null;
  readonly sdX: number | null;
  readonly sdY: number | null;
  /** mean(x) − mean(y). */
  readonly difference: number | null;
  readonly mu: number;
  readonly stderr: number | null;
  readonly t: number | null;
  /** Welch–Satterthwaite df, or n_x + n_y − 2 for Student. */
  readonly df: number | null;
  readonly pValue: number | null;
  /** Interval of mean(x) − mean(y); the open side of a one-sided interval is null. */
  readonly ci: ConfidenceInterval;
  /** Missing values dropped (x and y together). */
  readonly missing: number;
  readonly notes: readonly string[];
  readonly warnings: readonly Notice[];
}

const FN = "welchTTest";

const WELCH_OPTIONS = optionNames<TwoSampleTTestOptions>({
  alternative: true,
  level: true,
  mu: true,
  varEqual: true,
});

/**
 * Two-sample t-test of independent groups x and y: Welch's unequal-variance test by default,
 * Student's pooled test with `varEqual: true`.
 *
 * Welch (Welch 1947, Biometrika 34(1/2)): se = √(s_x²/n_x + s_y²/n_y),
 * df = se⁴ / ((s_x²/n_x)²/(n_x − 1) + (s_y²/n_y)²/(n_y − 1)) (Welch–Satterthwaite).
 * Student: s_p² = ((n_x − 1)s_x² + (n_y − 1)s_y²)/(n_x + n_y − 2), se = s_p·√(1/n_x + 1/n_y),
 * df = n_x + n_y − 2. t = (x̄ − ȳ − μ₀)/se; interval x̄ − ȳ ± t₁₋α/₂,df · se (one-sided: the
 * infinite bound is null, with a note).
 *
 * In R: `t.test(x, y, var.equal = varEqual, alternative, mu, conf.level)`.
 *
 * @category stats
 * @param x - first group (e.g. segment F)
 * @param y - second group (e.g. segment M)
 * @param options - alternative, level, mu, varEqual
 * @returns t, df, pValue, ci and the group means; null + warning when a group is too small
 *   (Welch: n < 2 in a group; Student: an empty group or n_x + n_y < 3) or the data are constant
 * @throws {ServqualError} `invalid-input` for ±Infinity or non-numbers; `invalid-options` for a
 *   bad alternative, level or mu
 * @example
 * welchTTest([19.1, 22.4, 20.8, 21.5], [17.3, 18.9, 16.2, 18.8, 17.7]);
 * //=> { method: "Welch Two Sample t-test", t: 3.687792…, df: 5.745922…, pValue: 0.011058…,
 * //     ci: { level: 0.95, lower: 1.043899…, upper: 5.296100… }, … }
 */
export function welchTTest(
  x: NumericInput,
  y: NumericInput,
  options: TwoSampleTTestOptions = {},
): TwoSampleTTestResult {
  checkOptionKeys(FN, options, WELCH_OPTIONS);
  const alternative = checkAlternative(options.alternative, FN);
  const level = checkLevel(options.level, FN);
  const varEqual = options.varEqual ?? false;
  const mu = options.mu ?? 0;
  if (typeof mu !== "number" || !Number.isFinite(mu)) {
    throw new ServqualError("invalid-options", `${FN}: mu must be a finite number`, [
      { code: "not-finite", message: `mu is ${String(mu)}`, path: ["mu"] },
    ]);
  }
  const a = finiteValues(x, FN, "x");
  const b = finiteValues(y, FN, "y");
  const nX = a.values.length;
  const nY = b.values.length;
  const mx = meanVariance(a.values);
  const my = meanVariance(b.values);
  const method = varEqual ? "Two Sample t-test" : "Welch Two Sample t-test";
  const notes: string[] = [];
  const warnings: Notice[] = [];
  const meanX = nX > 0 ? mx.mean : null;
  const meanY = nY > 0 ? my.mean : null;
  const base = {
    method,
    alternative,
    varEqual,
    nX,
    nY,
    meanX,
    meanY,
    sdX: nX > 1 ? Math.sqrt(mx.variance) : null,
    sdY: nY > 1 ? Math.sqrt(my.variance) : null,
    difference: meanX !== null && meanY !== null ? meanX - meanY : null,
    mu,
    missing: a.missing + b.missing,
    notes,
    warnings,
  };
  const undefinedResult = (stderr: number | null, df: number | null): TwoSampleTTestResult => ({
    ...base,
    stderr,
    t: null,
    df,
    pValue: null,
    ci: { level, lower: null, upper: null, method: "t" },
  });
  let stderr: number;
  let df: number;
  if (varEqual) {
    if (nX < 1 || nY < 1 || nX + nY < 3) {
      warnings.push(
        notice(
          "too-few-values",
          "Student's t-test needs at least one value per group and three in all",
        ),
      );
      return undefinedResult(null, null);
    }
    df = nX + nY - 2;
    const pooled = ((nX > 1 ? mx.sumSquares : 0) + (nY > 1 ? my.sumSquares : 0)) / df;
    stderr = Math.sqrt(pooled * (1 / nX + 1 / nY));
  } else {
    if (nX < 2 || nY < 2) {
      warnings.push(
        notice("too-few-values", "Welch's t-test needs at least 2 values in each group"),
      );
      return undefinedResult(null, null);
    }
    const sx2 = mx.variance / nX;
    const sy2 = my.variance / nY;
    stderr = Math.sqrt(sx2 + sy2);
    df = stderr ** 4 / (sx2 ** 2 / (nX - 1) + sy2 ** 2 / (nY - 1));
  }
  if (!(stderr > 10 * Number.EPSILON * Math.max(Math.abs(mx.mean), Math.abs(my.mean)))) {
    warnings.push(
      notice(
        "zero-variance",
        "the data are (essentially) constant: t, p and the interval are undefined",
      ),
    );
    return undefinedResult(stderr, varEqual ? df : null);
  }
  const difference = mx.mean - my.mean;
  const t = (difference - mu) / stderr;
  let ci: ConfidenceInterval;
  if (alternative === "two-sided") {
    const q = studentTQuantile(1 - (1 - level) / 2, df);
    ci = { level, lower: difference - q * stderr, upper: difference + q * stderr, method: "t" };
  } else if (alternative === "less") {
    ci = {
      level,
      lower: null,
      upper: difference + studentTQuantile(level, df) * stderr,
      method: "t",
    };
    notes.push('one-sided interval (alternative "less"): the lower bound is −∞, reported as null');
  } else {
    ci = {
      level,
      lower: difference - studentTQuantile(level, df) * stderr,
      upper: null,
      method: "t",
    };
    notes.push(
      'one-sided interval (alternative "greater"): the upper bound is +∞, reported as null',
    );
  }
  return { ...base, stderr, t, df, pValue: tPValue(t, df, alternative), ci };
}
