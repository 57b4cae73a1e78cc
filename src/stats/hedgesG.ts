import type { Interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { normalInterval } from "./normalInterval";

/** Hedges' g with its normal-approximation interval; null with a warning when undefined. */
export interface HedgesG {
  readonly g: number | null;
  /** The small-sample correction J = 1 − 3/(4·df − 1) applied to d. */
  readonly correction: number | null;
  readonly ci: Interval;
  readonly warnings: readonly Notice[];
}

/**
 * Hedges' g, the standardised mean difference with the small-sample correction (Hedges 1981,
 * J. Educational Statistics 6(2); Hedges & Olkin 1985, Statistical Methods for Meta-Analysis,
 * ch. 5): g = J·d with J = 1 − 3/(4·df − 1).
 *
 * - Two independent groups (`n2 ≥ 2`): d = (m₂ − m₁)/s_p with the pooled SD
 *   s_p² = ((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2), df = n₁ + n₂ − 2,
 *   Var(g) ≈ (n₁ + n₂)/(n₁n₂) + g²/(2(n₁ + n₂)).
 * - One fixed value m₂ against a sample (`n2 = 1`, the value not a draw from a group):
 *   d = (m₂ − m₁)/s₁, df = n₁ − 1, Var(g) ≈ 1/n₁ + g²/(2n₁).
 *
 * Interval: g ± z₁₋α/₂·√Var(g) (normal approximation, Hedges & Olkin 1985).
 *
 * @param level - Confidence level.
 * @param m1 - Mean of the reference group (customers).
 * @param s1 - Its SD (n − 1).
 * @param n1 - Its size.
 * @param m2 - Mean of the compared group (managers), or the single value.
 * @param s2 - Its SD (ignored when n2 = 1).
 * @param n2 - Its size (1 = a single value).
 * @example
 * hedgesG(0.95, 5, 1, 10, 6, 1, 10).g //=> 0.9577… (d = 1, J = 1 − 3/71)
 */
export function hedgesG(
  level: number,
  m1: number,
  s1: number,
  n1: number,
  m2: number,
  s2: number,
  n2: number,
): HedgesG {
  const single = n2 === 1;
  const df = single ? n1 - 1 : n1 + n2 - 2;
  const none = (warning: Notice): HedgesG => ({
    g: null,
    correction: null,
    ci: normalInterval(level, null, null),
    warnings: [warning],
  });
  if (n1 < 1 || n2 < 1 || df < 2) {
    return none(
      notice("too-few-values", `Hedges' g needs at least 2 degrees of freedom (df = ${df})`),
    );
  }
  const sd = single ? s1 : Math.sqrt(((n1 - 1) * s1 * s1 + (n2 - 1) * s2 * s2) / (n1 + n2 - 2));
  if (!(sd > 0) || !Number.isFinite(sd)) {
    return none(notice("zero-variance", "the standard deviation is 0: Hedges' g is undefined"));
  }
  const correction = 1 - 3 / (4 * df - 1);
  const g = (correction * (m2 - m1)) / sd;
  const variance = single
    ? 1 / n1 + (g * g) / (2 * n1)
    : (n1 + n2) / (n1 * n2) + (g * g) / (2 * (n1 + n2));
  return { g, correction, ci: normalInterval(level, g, Math.sqrt(variance)), warnings: [] };
}
