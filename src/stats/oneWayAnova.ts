import { notice } from "../_lib/notice";
import { type AnovaResult, startAnova } from "./anovaStart";
import { fUpperTail } from "./distributions/fUpperTail";
import type { GroupsInput } from "./groups";

export type { AnovaResult } from "./anovaStart";

/**
 * One-way analysis of variance (equal variances) of k independent groups (Fisher 1925,
 * Statistical Methods for Research Workers):
 * F = [Σ nᵢ(x̄ᵢ − x̄)²/(k − 1)] / [Σ (nᵢ − 1)sᵢ²/(N − k)], df = (k − 1, N − k),
 * p = P(F_{k−1, N−k} > F) (upper tail computed without `1 − cdf`).
 *
 * As R, every group must have n ≥ 2; otherwise F is null with a warning naming the small
 * groups (oracle trap 9: a segment with one respondent must not crash a report).
 *
 * In R: `oneway.test(y ~ g, var.equal = TRUE)` (= `anova(lm(y ~ g))`).
 *
 * @category stats
 * @param groups - record name → values, or an array of `{ name, values }`
 * @returns F, df1, df2, pValue and per-group n/mean/SD; null + warning for small groups or zero
 *   within-group variance
 * @throws {ServqualError} `invalid-input` for fewer than two groups, duplicate names, ±Infinity
 *   or non-numbers
 * @example
 * oneWayAnova({ a: [1, 2, 3], b: [2, 3, 4], c: [5, 6, 7] });
 * //=> { method: "One-way analysis of means", F: 13, df1: 2, df2: 6, pValue: 0.0065917…, … }
 */
export function oneWayAnova(groups: GroupsInput): AnovaResult {
  const method = "One-way analysis of means";
  const { clean, summaries, warnings, none, tooSmall } = startAnova(groups, "oneWayAnova", method);
  if (tooSmall) return none;
  const k = clean.length;
  let n = 0;
  let grandSum = 0;
  for (const group of clean) {
    n += group.values.length;
    for (let i = 0; i < group.values.length; i++) grandSum += group.values[i] as number;
  }
  const grand = grandSum / n;
  let between = 0;
  let within = 0;
  for (const summary of summaries) {
    const mean = summary.mean as number;
    const sd = summary.sd as number;
    between += summary.n * (mean - grand) ** 2;
    within += (summary.n - 1) * sd * sd;
  }
  const df1 = k - 1;
  const df2 = n - k;
  const msWithin = within / df2;
  if (!(msWithin > 0)) {
    warnings.push(
      notice("zero-variance", "every group is constant (within-group variance 0): F is undefined"),
    );
    return { ...none, df1, df2 };
  }
  const F = between / df1 / msWithin;
  return { method, F, df1, df2, pValue: fUpperTail(F, df1, df2), groups: summaries, warnings };
}
