import { checkOptionKeys, expectShape } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import { checkLevel } from "./checkOptions";
import { normalInterval } from "./normalInterval";
import { differenceSummary } from "./pairedDifferences";
import { type DifferenceSummary, SUMMARY } from "./pairedTTestFromSummary";
import type { ConfidenceInterval, NumericInput } from "./types";

/** Options of {@link cohenDz}. */
export interface EffectSizeOptions {
  /** Confidence level of `ci`; default 0.95. */
  readonly level?: number;
}

/** Result of {@link cohenDz} / {@link cohenDzFromSummary}. */
export interface CohenDzResult {
  /** d_z = d̄/s_d. */
  readonly dz: number | null;
  /** Complete pairs used. */
  readonly n: number;
  /** Pairs dropped for a missing value. */
  readonly missing: number;
  /** Large-sample standard error √(1/n + d_z²/(2n)). */
  readonly se: number | null;
  /** d_z ± z₁₋α/₂·se (normal approximation). */
  readonly ci: ConfidenceInterval;
  /** How the interval is computed. */
  readonly ciMethod: string;
  readonly warnings: readonly Notice[];
}

const CI_METHOD =
  "normal approximation: dz ± z·sqrt(1/n + dz²/(2n)) (Hedges & Olkin 1985, large-sample variance)";

/**
 * Cohen's d_z from the summary of the differences (n, mean, SD): d_z = mean/sd (Cohen 1988),
 * with the normal-approximation interval d_z ± z₁₋α/₂·√(1/n + d_z²/(2n)) (Hedges & Olkin 1985);
 * see {@link cohenDz}. For an accumulator that keeps n, Σd and Σd².
 *
 * In R: `mean(d) / sd(d)`.
 *
 * @category stats
 * @param summary - n, mean and SD (n − 1 divisor) of the differences
 * @param options - level (0.95)
 * @returns d_z with its approximate interval; null + warning when n < 2 or the SD is 0
 * @throws {ServqualError} `invalid-input` for a malformed summary; `invalid-options` for a bad level
 * @example
 * cohenDzFromSummary({ n: 207, mean: -0.5458937198067633, sd: 1.0868007955610872 }).dz;
 * //=> -0.5022941849476034   (kiosk item K1)
 */
export function cohenDzFromSummary(
  summary: DifferenceSummary,
  options: EffectSizeOptions = {},
): CohenDzResult {
  expectShape("cohenDzFromSummary", "summary", summary, SUMMARY);
  checkOptionKeys("cohenDzFromSummary", options, ["level"]);
  const level = checkLevel(options.level, "cohenDzFromSummary");
  const { n, mean, sd } = summary;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 0) {
    throw new ServqualError(
      "invalid-input",
      "cohenDzFromSummary requires n to be a whole number ≥ 0",
      [{ code: "out-of-range", message: `n is ${String(n)}`, path: ["n"] }],
    );
  }
  const missing = summary.missing ?? 0;
  const warnings: Notice[] = [];
  const empty = {
    n,
    missing,
    se: null,
    ci: normalInterval(level, null, null),
    ciMethod: CI_METHOD,
  };
  if (n < 2) {
    warnings.push(notice("too-few-values", "d_z needs at least 2 complete pairs"));
    return { ...empty, dz: null, warnings };
  }
  if (
    typeof mean !== "number" ||
    !Number.isFinite(mean) ||
    typeof sd !== "number" ||
    !Number.isFinite(sd) ||
    sd < 0
  ) {
    throw new ServqualError(
      "invalid-input",
      "cohenDzFromSummary requires a finite mean and sd ≥ 0",
      [{ code: "not-finite", message: `mean is ${String(mean)}, sd is ${String(sd)}` }],
    );
  }
  if (!(sd > 10 * Number.EPSILON * Math.abs(mean))) {
    warnings.push(
      notice(
        "zero-variance",
        "the differences are (essentially) constant (sd = 0): d_z is undefined",
      ),
    );
    return { ...empty, dz: null, warnings };
  }
  const dz = mean / sd;
  const se = Math.sqrt(1 / n + (dz * dz) / (2 * n));
  return { ...empty, dz, se, ci: normalInterval(level, dz, se), warnings };
}

/**
 * Cohen's d_z for paired data: the mean difference in units of the SD of the differences,
 * d_z = d̄/s_d = t/√n (Cohen 1988, Statistical Power Analysis, 2nd ed., eq. 2.3.5), with
 * d = x − y over the complete pairs.
 *
 * Interval: normal approximation with the large-sample variance of a standardised mean,
 * Var(d_z) ≈ 1/n + d_z²/(2n) (Hedges & Olkin 1985, Statistical Methods for Meta-Analysis),
 * i.e. d_z ± z₁₋α/₂·√(1/n + d_z²/(2n)). It is not the exact noncentral-t interval: for
 * n ≥ 30 and |d_z| ≤ 1 the two agree to about 0.01.
 *
 * In R: `mean(x - y) / sd(x - y)`; effectsize::cohens_d(x, y, paired = TRUE) gives the same
 * point value (its interval uses the noncentral t).
 *
 * @category stats
 * @param x - first measurement (e.g. P)
 * @param y - second measurement (e.g. E), same length
 * @param options - level (0.95)
 * @returns d_z, its SE and interval; null + warning when n < 2 or the differences are constant
 * @throws {ServqualError} `invalid-input` (`length-mismatch`) for unequal lengths, ±Infinity,
 *   non-numbers; `invalid-options` for a bad level
 * @example
 * cohenDz([5, 6, 7, 4], [6, 6, 5, 2]);
 * //=> { dz: 0.5, n: 4, se: 0.5303…, ci: { level: 0.95, lower: -0.5394…, upper: 1.5394… }, … }
 */
export function cohenDz(
  x: NumericInput,
  y: NumericInput,
  options: EffectSizeOptions = {},
): CohenDzResult {
  checkOptionKeys("cohenDz", options, ["level"]);
  checkLevel(options.level, "cohenDz");
  return cohenDzFromSummary(differenceSummary(x, y, "cohenDz"), options);
}
