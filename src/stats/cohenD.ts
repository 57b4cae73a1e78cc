import { checkOptionKeys } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { checkLevel } from "./checkOptions";
import type { EffectSizeOptions } from "./cohenDz";
import { finiteValues } from "./finiteValues";
import { meanVariance } from "./moments";
import { normalInterval } from "./normalInterval";
import type { ConfidenceInterval, NumericInput } from "./types";

/** Result of {@link cohenD}. */
export interface CohenDResult {
  /** d = (x̄ − ȳ)/s_pooled. */
  readonly d: number | null;
  readonly n1: number;
  readonly n2: number;
  /** Pooled SD √(((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2)). */
  readonly pooledSd: number | null;
  /** Large-sample SE √((n₁ + n₂)/(n₁n₂) + d²/(2(n₁ + n₂))). */
  readonly se: number | null;
  readonly ci: ConfidenceInterval;
  readonly ciMethod: string;
  /** Missing values dropped (x and y together). */
  readonly missing: number;
  readonly warnings: readonly Notice[];
}

const CI_METHOD =
  "normal approximation: d ± z·sqrt((n1 + n2)/(n1·n2) + d²/(2(n1 + n2))) (Hedges & Olkin 1985)";

/**
 * Cohen's d for two independent groups with the pooled SD (Cohen 1988, Statistical Power
 * Analysis, 2nd ed., eq. 2.5.2): d = (x̄ − ȳ)/s_p, s_p² = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2).
 * Interval: normal approximation with Var(d) ≈ (n₁ + n₂)/(n₁n₂) + d²/(2(n₁ + n₂)) (Hedges &
 * Olkin 1985, Statistical Methods for Meta-Analysis). No small-sample (Hedges g) correction.
 *
 * In R: `(mean(x) - mean(y)) / sqrt(((n1 - 1) * var(x) + (n2 - 1) * var(y)) / (n1 + n2 - 2))`.
 *
 * @category stats
 * @param x - scores of the first group
 * @param y - scores of the second group
 * @param options - level (0.95)
 * @returns d with the pooled SD and interval; null + warning when a group is empty, n₁ + n₂ < 3
 *   or the pooled SD is 0
 * @throws {ServqualError} `invalid-input` for ±Infinity or non-numbers; `invalid-options` for a
 *   bad level
 * @example
 * cohenD([2, 4, 6], [1, 3, 5, 7]);
 * //=> { d: 0, pooledSd: 2.366431…, … }
 */
export function cohenD(
  x: NumericInput,
  y: NumericInput,
  options: EffectSizeOptions = {},
): CohenDResult {
  checkOptionKeys("cohenD", options, ["level"]);
  const level = checkLevel(options.level, "cohenD");
  const a = finiteValues(x, "cohenD", "x");
  const b = finiteValues(y, "cohenD", "y");
  const n1 = a.values.length;
  const n2 = b.values.length;
  const warnings: Notice[] = [];
  const empty = {
    n1,
    n2,
    pooledSd: null,
    se: null,
    ci: normalInterval(level, null, null),
    ciMethod: CI_METHOD,
    missing: a.missing + b.missing,
  };
  if (n1 < 1 || n2 < 1 || n1 + n2 < 3) {
    warnings.push(
      notice(
        "too-few-values",
        "Cohen's d needs at least one value per group and three values in all",
      ),
    );
    return { ...empty, d: null, warnings };
  }
  const ma = meanVariance(a.values);
  const mb = meanVariance(b.values);
  const pooledSd = Math.sqrt((ma.sumSquares + mb.sumSquares) / (n1 + n2 - 2));
  if (!(pooledSd > 0)) {
    warnings.push(
      notice("zero-variance", "the pooled SD is 0 (every group is constant): d is undefined"),
    );
    return { ...empty, pooledSd, d: null, warnings };
  }
  const d = (ma.mean - mb.mean) / pooledSd;
  const se = Math.sqrt((n1 + n2) / (n1 * n2) + (d * d) / (2 * (n1 + n2)));
  return { ...empty, pooledSd, d, se, ci: normalInterval(level, d, se), warnings };
}
