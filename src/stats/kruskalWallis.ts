import { type Notice, notice } from "../_lib/notice";
import { chiSquareUpperTail } from "./distributions/chiSquareUpperTail";
import { groupRanks } from "./groupRanks";
import { groupSummaries } from "./groupSummaries";
import { cleanGroups, type GroupSummary, type GroupsInput } from "./groups";

/** Result of {@link kruskalWallis}. */
export interface KruskalWallisResult {
  readonly method: string;
  /** Tie-corrected H (R's "Kruskal-Wallis chi-squared"). */
  readonly H: number | null;
  /** k − 1 over the non-empty groups. */
  readonly df: number | null;
  readonly pValue: number | null;
  /** Mean rank per group (null for an empty group). */
  readonly meanRanks: readonly (number | null)[];
  readonly groups: readonly GroupSummary[];
  readonly warnings: readonly Notice[];
}

/**
 * Kruskal–Wallis rank test of k independent groups (Kruskal & Wallis 1952, JASA 47(260)):
 * with average ranks over the N pooled values (found by counting distinct values, no sort of
 * Likert data) and Rᵢ the rank sum of group i,
 * H = [12/(N(N + 1)) Σ Rᵢ²/nᵢ − 3(N + 1)] / [1 − Σ(t³ − t)/(N³ − N)], df = k − 1,
 * p = P(χ²_{k−1} > H). Empty groups are dropped (as R drops unused factor levels), with a
 * warning; a group of one value is allowed, as in R.
 *
 * In R: `kruskal.test(y ~ g)`.
 *
 * @category stats
 * @param groups - record name → values, or an array of `{ name, values }`
 * @returns H, df, pValue, mean ranks and per-group summaries; null + warning when fewer than
 *   two groups have data or all values are equal
 * @throws {ServqualError} `invalid-input` for fewer than two groups, duplicate names, ±Infinity
 *   or non-numbers
 * @example
 * kruskalWallis({ a: [1, 2, 3], b: [4, 5, 6], c: [7, 8, 9] });
 * //=> { H: 7.2, df: 2, pValue: 0.02732…, meanRanks: [2, 5, 8], … }
 */
export function kruskalWallis(groups: GroupsInput): KruskalWallisResult {
  const clean = cleanGroups(groups, "kruskalWallis");
  const summaries = groupSummaries(clean);
  const method = "Kruskal-Wallis rank sum test";
  const warnings: Notice[] = [];
  const used = clean.filter((group) => group.values.length > 0);
  const ranks = groupRanks(used.map((group) => group.values));
  const sums = new Map(used.map((group, i) => [group, ranks.rankSums[i] as number]));
  const meanRanks = clean.map((group) => {
    const sum = sums.get(group);
    return sum === undefined ? null : sum / group.values.length;
  });
  const none = { method, H: null, df: null, pValue: null, meanRanks, groups: summaries, warnings };
  if (used.length < clean.length) {
    warnings.push(
      notice(
        "groups-dropped",
        `groups without data were dropped: ${clean
          .filter((group) => group.values.length === 0)
          .map((group) => `"${group.name}"`)
          .join(", ")}`,
      ),
    );
  }
  if (used.length < 2) {
    warnings.push(
      notice("too-few-values", "fewer than two groups have data: the test is undefined"),
    );
    return none;
  }
  const n = ranks.n;
  let sum = 0;
  used.forEach((group, i) => {
    const r = ranks.rankSums[i] as number;
    sum += (r * r) / group.values.length;
  });
  const denominator = 1 - ranks.tieSum / (n * n * n - n);
  if (!(denominator > 0)) {
    warnings.push(notice("zero-variance", "all values are equal: the test is undefined"));
    return none;
  }
  const H = ((12 * sum) / (n * (n + 1)) - 3 * (n + 1)) / denominator;
  const df = used.length - 1;
  return {
    method,
    H,
    df,
    pValue: chiSquareUpperTail(H, df),
    meanRanks,
    groups: summaries,
    warnings,
  };
}
