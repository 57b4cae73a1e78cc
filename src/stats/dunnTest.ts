import { checkOptionKeys, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { adjustPValues, type PAdjustMethod } from "./adjustPValues";
import { normalPValue } from "./distributions/normalPValue";
import { pairOrder } from "./gamesHowell";
import { groupRanks } from "./groupRanks";
import { groupSummaries } from "./groupSummaries";
import { cleanGroups, type GroupSummary, type GroupsInput } from "./groups";

/** Options of {@link dunnTest}. */
export interface DunnTestOptions {
  /** Adjustment of the pairwise p-values (R's p.adjust methods); default "holm". */
  readonly pAdjust?: PAdjustMethod;
}

/** One pair of groups in {@link dunnTest}. */
export interface DunnComparison {
  readonly group1: string;
  readonly group2: string;
  readonly n1: number;
  readonly n2: number;
  readonly meanRank1: number | null;
  readonly meanRank2: number | null;
  /** meanRank2 − meanRank1. */
  readonly estimate: number | null;
  readonly z: number | null;
  /** Two-sided normal p, unadjusted. */
  readonly pValue: number | null;
  readonly pAdjusted: number | null;
}

/** Result of {@link dunnTest}. */
export interface DunnTestResult {
  readonly method: "Dunn";
  readonly pAdjustMethod: PAdjustMethod;
  readonly comparisons: readonly DunnComparison[];
  readonly groups: readonly GroupSummary[];
  readonly warnings: readonly Notice[];
}

const OPTIONS = optionNames<DunnTestOptions>({ pAdjust: true });

/**
 * Dunn's pairwise rank test, the follow-up to Kruskal–Wallis (Dunn 1964, Technometrics
 * 6(3):241–252). With mid-ranks of the N pooled values, mean rank R̄_g per group and the tie
 * correction C = Σ(t³ − t) / (12(N − 1)):
 * z = (R̄_j − R̄_i) / √((N(N + 1)/12 − C)·(1/n_i + 1/n_j)), p = 2·(1 − Φ(|z|)), then adjusted
 * over the k(k − 1)/2 pairs (`pAdjust`, default Holm).
 *
 * In R: `rstatix::dunn_test(data, y ~ g, p.adjust.method = "holm")`, `FSA::dunnTest` and
 * `dunn.test::dunn.test` (same z and p).
 *
 * @category stats
 * @param groups - record name → values, or an array of `{ name, values }`
 * @param options - `pAdjust`
 * @returns Every pair with mean ranks, z, p and adjusted p; null figures with a warning for an
 *   empty group or when every value is tied
 * @throws {ServqualError} `invalid-input` for fewer than two groups, duplicate names, ±Infinity
 *   or non-numbers; `invalid-options` for an unknown method
 * @example
 * dunnTest({ a: [1, 2, 3], b: [4, 5, 6], c: [7, 8, 9] }).comparisons[1];
 * //=> { group1: "a", group2: "c", estimate: 6, z: 2.683…, pValue: 0.00729…, pAdjusted: 0.0218…, … }
 */
export function dunnTest(groups: GroupsInput, options: DunnTestOptions = {}): DunnTestResult {
  const fn = "dunnTest";
  checkOptionKeys(fn, options, OPTIONS);
  const method = options.pAdjust ?? "holm";
  adjustPValues([], method);
  const clean = cleanGroups(groups, fn);
  const summaries = groupSummaries(clean);
  const ranks = groupRanks(clean.map((group) => group.values));
  const n = ranks.n;
  const ties = n > 1 ? ranks.tieSum / (12 * (n - 1)) : 0;
  const variance = (n * (n + 1)) / 12 - ties;
  const warnings: Notice[] = [];
  const meanRank = clean.map((group, g) =>
    group.values.length > 0 ? (ranks.rankSums[g] as number) / group.values.length : null,
  );
  if (meanRank.some((r) => r === null)) {
    warnings.push(notice("groups-dropped", "groups without data have no comparisons"));
  }
  if (!(variance > 0)) {
    warnings.push(notice("zero-variance", "all values are tied: the test is undefined"));
  }
  const raw = pairOrder(clean.length).map(([i, j]) => {
    const r1 = meanRank[i] ?? null;
    const r2 = meanRank[j] ?? null;
    const n1 = (clean[i] as { values: Float64Array }).values.length;
    const n2 = (clean[j] as { values: Float64Array }).values.length;
    const defined = r1 !== null && r2 !== null && variance > 0;
    const z = defined ? (r2 - r1) / Math.sqrt(variance * (1 / n1 + 1 / n2)) : null;
    return {
      group1: (clean[i] as { name: string }).name,
      group2: (clean[j] as { name: string }).name,
      n1,
      n2,
      meanRank1: r1,
      meanRank2: r2,
      estimate: r1 === null || r2 === null ? null : r2 - r1,
      z,
      pValue: z === null ? null : normalPValue(z, "two-sided"),
    };
  });
  const adjusted = adjustPValues(
    raw.map((c) => c.pValue),
    method,
  ).adjusted;
  return {
    method: "Dunn",
    pAdjustMethod: method,
    comparisons: raw.map((c, i) => ({ ...c, pAdjusted: adjusted[i] ?? null })),
    groups: summaries,
    warnings,
  };
}
