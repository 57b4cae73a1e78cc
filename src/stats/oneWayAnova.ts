import { type Notice, notice } from "../_lib/notice";
import { fUpperTail } from "./distributions/fUpperTail";
import { groupSummaries } from "./groupSummaries";
import { cleanGroups, type GroupSummary, type GroupsInput } from "./groups";

/** Result of {@link oneWayAnova} and {@link welchAnova}. */
export interface AnovaResult {
  /** R's method string. */
  readonly method: string;
  /** The F statistic. */
  readonly F: number | null;
  /** Numerator df, k − 1. */
  readonly df1: number | null;
  /** Denominator df: N − k (ANOVA) or Welch's fractional df. */
  readonly df2: number | null;
  readonly pValue: number | null;
  /** n, mean, SD per group, in input order. */
  readonly groups: readonly GroupSummary[];
  readonly warnings: readonly Notice[];
}

/**
 * Checks R's precondition of `oneway.test`: every group needs n ≥ 2 (R stops with "not
 * enough observations"). Returns the warning, or null when all groups are large enough.
 */
export function smallGroupWarning(groups: readonly GroupSummary[]): Notice | null {
  const small = groups.filter((group) => group.n < 2);
  if (small.length === 0) return null;
  const list = small.map((group) => `"${group.name}" (n = ${group.n})`).join(", ");
  return notice(
    "too-few-values",
    `every group needs at least 2 values; too small: ${list}. Merge or drop these groups`,
  );
}

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
  const clean = cleanGroups(groups, "oneWayAnova");
  const summaries = groupSummaries(clean);
  const method = "One-way analysis of means";
  const warnings: Notice[] = [];
  const none = { method, F: null, df1: null, df2: null, pValue: null, groups: summaries, warnings };
  const small = smallGroupWarning(summaries);
  if (small !== null) {
    warnings.push(small);
    return none;
  }
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
