import { notice } from "../_lib/notice";
import { type AnovaResult, startAnova } from "./anovaStart";
import { fUpperTail } from "./distributions/fUpperTail";
import type { GroupsInput } from "./groups";

/**
 * Welch's one-way ANOVA for k groups with unequal variances (Welch 1951, Biometrika 38(3/4)):
 * wᵢ = nᵢ/sᵢ², W = Σwᵢ, x̃ = Σwᵢx̄ᵢ/W, λ = Σ(1 − wᵢ/W)²/(nᵢ − 1) / (k² − 1),
 * F = Σwᵢ(x̄ᵢ − x̃)² / ((k − 1)(1 + 2(k − 2)λ)), df = (k − 1, 1/(3λ)).
 *
 * As R, every group needs n ≥ 2 (else null + warning naming the small groups), and a group
 * with zero variance makes its weight infinite (null + warning).
 *
 * In R: `oneway.test(y ~ g, var.equal = FALSE)`.
 *
 * @category stats
 * @param groups - record name → values, or an array of `{ name, values }`
 * @returns F, df1, fractional df2, pValue and per-group n/mean/SD
 * @throws {ServqualError} `invalid-input` for fewer than two groups, duplicate names, ±Infinity
 *   or non-numbers
 * @example
 * welchAnova({ a: [1, 2, 3], b: [2, 3, 4], c: [5, 6, 7] });
 * //=> { method: "One-way analysis of means (not assuming equal variances)", F: 11.142857…,
 * //     df1: 2, df2: 4, pValue: 0.023156…, … }
 */
export function welchAnova(groups: GroupsInput): AnovaResult {
  const method = "One-way analysis of means (not assuming equal variances)";
  const { summaries, warnings, none, tooSmall } = startAnova(groups, "welchAnova", method);
  if (tooSmall) return none;
  const constant = summaries.filter((group) => !((group.sd as number) > 0));
  if (constant.length > 0) {
    warnings.push(
      notice(
        "zero-variance",
        `Welch's ANOVA weights each group by n/variance; these groups have variance 0: ${constant
          .map((group) => `"${group.name}"`)
          .join(", ")}`,
      ),
    );
    return none;
  }
  const k = summaries.length;
  const weights = summaries.map((group) => group.n / (group.sd as number) ** 2);
  const sumW = weights.reduce((a, b) => a + b, 0);
  let weightedMean = 0;
  let lambda = 0;
  summaries.forEach((group, i) => {
    const w = weights[i] as number;
    weightedMean += w * (group.mean as number);
    lambda += (1 - w / sumW) ** 2 / (group.n - 1);
  });
  weightedMean /= sumW;
  lambda /= k * k - 1;
  let between = 0;
  summaries.forEach((group, i) => {
    between += (weights[i] as number) * ((group.mean as number) - weightedMean) ** 2;
  });
  const F = between / ((k - 1) * (1 + 2 * (k - 2) * lambda));
  const df1 = k - 1;
  const df2 = 1 / (3 * lambda);
  return { method, F, df1, df2, pValue: fUpperTail(F, df1, df2), groups: summaries, warnings };
}
