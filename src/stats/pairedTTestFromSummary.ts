import { checkOptionKeys, expectShape, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import { checkAlternative, checkLevel } from "./checkOptions";
import { studentTQuantile } from "./distributions/studentTQuantile";
import { tPValue } from "./distributions/tPValue";
import type { Alternative, ConfidenceInterval } from "./types";

/** Summary of the paired differences d (for {@link pairedTTestFromSummary}). */
export interface DifferenceSummary {
  /** Number of complete pairs. */
  readonly n: number;
  /** Mean of the differences (null when n = 0). */
  readonly mean: number | null;
  /** SD of the differences, n − 1 divisor (null when n < 2). */
  readonly sd: number | null;
  /** Pairs dropped because a value was missing (reported back as `missing`; default 0). */
  readonly missing?: number;
}

/** Options of the paired (and one-sample) t-test. */
export interface PairedTTestOptions {
  /** Alternative hypothesis about the mean difference − mu; default "two-sided". */
  readonly alternative?: Alternative;
  /** Confidence level of `ci`; default 0.95. */
  readonly level?: number;
  /** Hypothesised mean difference; default 0. */
  readonly mu?: number;
}

/** Result of {@link pairedTTest} / {@link pairedTTestFromSummary}. */
export interface PairedTTestResult {
  /** "Paired t-test", as R prints it. */
  readonly method: string;
  readonly alternative: Alternative;
  /** Complete pairs used. */
  readonly n: number;
  /** Pairs dropped for a missing value. */
  readonly missing: number;
  /** Hypothesised mean difference. */
  readonly mu: number;
  /** Mean of the differences x − y. */
  readonly meanDifference: number | null;
  /** Standard error sd_d/√n. */
  readonly stderr: number | null;
  /** t = (d̄ − mu)/stderr. */
  readonly t: number | null;
  /** n − 1. */
  readonly df: number | null;
  readonly pValue: number | null;
  /** Interval of the mean difference; the open side of a one-sided interval is null. */
  readonly ci: ConfidenceInterval;
  /** Facts a reader should know (e.g. an infinite bound reported as null). */
  readonly notes: readonly string[];
  /** Why a value is null. */
  readonly warnings: readonly Notice[];
}

const FN = "pairedTTestFromSummary";

function checkSummary(summary: DifferenceSummary, fn: string): void {
  const { n, mean, sd } = summary;
  const issues: Issue[] = [];
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    issues.push({
      code: "out-of-range",
      message: `n must be a whole number ≥ 0, got ${String(n)}`,
      path: ["n"],
    });
  }
  if (n > 0 && (typeof mean !== "number" || !Number.isFinite(mean))) {
    issues.push({
      code: "not-finite",
      message: `mean must be a finite number, got ${String(mean)}`,
      path: ["mean"],
    });
  }
  if (n > 1 && (typeof sd !== "number" || !Number.isFinite(sd) || sd < 0)) {
    issues.push({
      code: "not-finite",
      message: `sd must be a finite number ≥ 0, got ${String(sd)}`,
      path: ["sd"],
    });
  }
  if (issues.length > 0) {
    throw new ServqualError(
      "invalid-input",
      `${fn} requires a valid summary { n, mean, sd }`,
      issues,
    );
  }
}

/** What a difference summary must look like (the values are checked later). */
export const SUMMARY = { what: "a summary { n, mean, sd }", fields: { n: "number" } } as const;

/** The option names of the paired t-test. */
export const T_TEST_OPTIONS = optionNames<PairedTTestOptions>({
  alternative: true,
  level: true,
  mu: true,
});

/**
 * Paired t-test from the summary (n, mean, SD) of the differences, so a one-pass accumulator
 * can run it without the raw data. Identical to the one-sample t-test of the differences.
 *
 * t = (d̄ − μ₀)/(s_d/√n), df = n − 1 (Student 1908, Biometrika 6(1)). p-values:
 * two-sided 2·F_t(−|t|), less F_t(t), greater F_t(−t). Interval: two-sided
 * d̄ ± t₁₋α/₂ · s_d/√n; less (−∞, d̄ + t₁₋α · s_d/√n]; greater [d̄ − t₁₋α · s_d/√n, ∞),
 * with the infinite bound reported as null.
 *
 * In R: `t.test(x, y, paired = TRUE, alternative, mu, conf.level)` on the raw data.
 *
 * @category stats
 * @param summary - n, mean and SD (n − 1 divisor) of the differences
 * @param options - alternative, level, mu
 * @returns the test; t, p and ci are null with a warning when n < 2 or the SD is 0
 * @throws {ServqualError} `invalid-input` for a malformed summary; `invalid-options` for a bad
 *   alternative, level or mu
 * @example
 * pairedTTestFromSummary({ n: 207, mean: -0.5458937198067633, sd: 1.0868007955610872 });
 * //=> { t: -7.22675…, df: 206, pValue: 9.462e-12, ci: { level: 0.95, lower: -0.69482…,
 * //     upper: -0.39697… }, … }   (kiosk item K1, P − E)
 */
export function pairedTTestFromSummary(
  summary: DifferenceSummary,
  options: PairedTTestOptions = {},
): PairedTTestResult {
  expectShape("pairedTTestFromSummary", "summary", summary, SUMMARY);
  checkOptionKeys("pairedTTestFromSummary", options, T_TEST_OPTIONS);
  return tTestCore(summary, options, FN, "Paired t-test");
}

/** The one-sample t-test on a summary; shared by the paired variants. */
export function tTestCore(
  summary: DifferenceSummary,
  options: PairedTTestOptions,
  fn: string,
  method: string,
): PairedTTestResult {
  const alternative = checkAlternative(options.alternative, fn);
  const level = checkLevel(options.level, fn);
  const mu = options.mu ?? 0;
  if (typeof mu !== "number" || !Number.isFinite(mu)) {
    throw new ServqualError("invalid-options", `${fn}: mu must be a finite number`, [
      { code: "not-finite", message: `mu is ${String(mu)}`, path: ["mu"] },
    ]);
  }
  checkSummary(summary, fn);
  const n = summary.n;
  const missing = summary.missing ?? 0;
  const warnings: Notice[] = [];
  const notes: string[] = [];
  const base = { method, alternative, n, missing, mu, notes, warnings };
  const nullCi: ConfidenceInterval = { level, lower: null, upper: null, method: "t" };
  if (n < 2) {
    warnings.push(
      n === 0
        ? notice("no-data", "no complete pairs: the test needs at least 2")
        : notice("too-few-values", "n = 1: the t-test needs at least 2 complete pairs"),
    );
    const meanDifference = n === 0 ? null : (summary.mean as number);
    return { ...base, meanDifference, stderr: null, t: null, df: null, pValue: null, ci: nullCi };
  }
  const mean = summary.mean as number;
  const sd = summary.sd as number;
  const stderr = sd / Math.sqrt(n);
  const df = n - 1;
  if (!(stderr > 10 * Number.EPSILON * Math.abs(mean))) {
    warnings.push(
      notice(
        "zero-variance",
        "the differences are (essentially) constant (sd = 0): t, p and the interval are undefined",
      ),
    );
    return { ...base, meanDifference: mean, stderr, t: null, df, pValue: null, ci: nullCi };
  }
  const t = (mean - mu) / stderr;
  const pValue = tPValue(t, df, alternative);
  let ci: ConfidenceInterval;
  if (alternative === "two-sided") {
    const q = studentTQuantile(1 - (1 - level) / 2, df);
    ci = { level, lower: mean - q * stderr, upper: mean + q * stderr, method: "t" };
  } else if (alternative === "less") {
    ci = { level, lower: null, upper: mean + studentTQuantile(level, df) * stderr, method: "t" };
    notes.push('one-sided interval (alternative "less"): the lower bound is −∞, reported as null');
  } else {
    ci = { level, lower: mean - studentTQuantile(level, df) * stderr, upper: null, method: "t" };
    notes.push(
      'one-sided interval (alternative "greater"): the upper bound is +∞, reported as null',
    );
  }
  return { ...base, meanDifference: mean, stderr, t, df, pValue, ci };
}
