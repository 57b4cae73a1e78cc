import { type Interval, interval } from "../_lib/interval";
import { normalPValue } from "../stats/distributions/normalPValue";
import { normalQuantile } from "../stats/distributions/stdlib/normalQuantile";
import { wilsonInterval } from "../stats/wilsonInterval";
import type { MeanSummary } from "./summaryTests";

/** Hedges' g of two groups with its interval. */
export interface HedgesG {
  readonly g: number | null;
  readonly ci: Interval;
}

/**
 * Hedges' g from two groups' n, mean and SD (Hedges & Olkin 1985; Borenstein et al. 2009,
 * Introduction to Meta-Analysis, eqs. 4.18–4.24): s_w = √(((n₁ − 1)s₁² + (n₂ − 1)s₂²)/(n₁ + n₂ − 2)),
 * d = (x̄₁ − x̄₂)/s_w, J = 1 − 3/(4(n₁ + n₂ − 2) − 1), g = J·d,
 * V_g = J²·((n₁ + n₂)/(n₁n₂) + d²/(2(n₁ + n₂))), interval g ± z₁₋α/₂·√V_g.
 * Null when a group has fewer than 2 respondents or s_w is 0.
 *
 * @example
 * hedgesGFromSummaries({ n: 50, mean: 103, sd: 5.5 }, { n: 50, mean: 100, sd: 4.5 }, 0.95).g
 * //=> 0.5924… (Borenstein et al. 2009, p. 27)
 */
export function hedgesGFromSummaries(a: MeanSummary, b: MeanSummary, level: number): HedgesG {
  const none = { g: null, ci: interval(level, null, null, "normal-approximation") };
  if (a.n < 2 || b.n < 2) return none;
  const sw = Math.sqrt(((a.n - 1) * a.sd ** 2 + (b.n - 1) * b.sd ** 2) / (a.n + b.n - 2));
  if (!(sw > 0)) return none;
  const d = (a.mean - b.mean) / sw;
  const j = 1 - 3 / (4 * (a.n + b.n - 2) - 1);
  const g = j * d;
  const se = Math.sqrt(j * j * ((a.n + b.n) / (a.n * b.n) + (d * d) / (2 * (a.n + b.n))));
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  return { g, ci: interval(level, g - z * se, g + z * se, "normal-approximation") };
}

/** A difference of two proportions with Newcombe's interval and the two-proportion z-test. */
export interface ProportionDifference {
  /** x₁/n₁ − x₂/n₂; null when a group is empty. */
  readonly difference: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  readonly ci: Interval;
}

/**
 * The difference of two independent proportions p₁ − p₂ (p = x/n). Interval: Newcombe's
 * hybrid score method 10 (Newcombe 1998, Statistics in Medicine 17:873–890) from the Wilson
 * intervals (l, u) of each: p₁ − p₂ − √((p₁ − l₁)² + (u₂ − p₂)²) to
 * p₁ − p₂ + √((u₁ − p₁)² + (p₂ − l₂)²). Test: the pooled two-proportion z-test,
 * z = (p₁ − p₂)/√(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ = (x₁ + x₂)/(n₁ + n₂), two-sided p; as R's
 * `prop.test(c(x1, x2), c(n1, n2), correct = FALSE)` (whose X² is z²).
 *
 * @example
 * proportionDifference(56, 70, 48, 80, 0.95).ci //=> { lower: 0.0524…, upper: 0.3339…, … }
 */
export function proportionDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  level: number,
): ProportionDifference {
  if (n1 === 0 || n2 === 0) {
    return { difference: null, z: null, pValue: null, ci: interval(level, null, null, "newcombe") };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilsonInterval(x1, n1, level);
  const w2 = wilsonInterval(x2, n2, level);
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - (w1.lower as number)) ** 2 + ((w2.upper as number) - p2) ** 2);
  const upper = d + Math.sqrt(((w1.upper as number) - p1) ** 2 + (p2 - (w2.lower as number)) ** 2);
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = se > 0 ? d / se : null;
  return {
    difference: d,
    z,
    pValue: z === null ? null : normalPValue(z, "two-sided"),
    ci: interval(level, lower, upper, "newcombe"),
  };
}
