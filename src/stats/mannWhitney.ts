import { checkOptionKeys, optionNames } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { checkAlternative } from "./checkOptions";
import { normalPValue } from "./distributions/normalPValue";
import { finiteValues } from "./finiteValues";
import { groupRanks } from "./groupRanks";
import type { Alternative, NumericInput } from "./types";

/** Options of {@link mannWhitney}. */
export interface MannWhitneyOptions {
  /** Alternative about the location shift of x relative to y; default "two-sided". */
  readonly alternative?: Alternative;
  /** Continuity correction; default true (R's default). */
  readonly correct?: boolean;
}

/** Result of {@link mannWhitney}. */
export interface MannWhitneyResult {
  readonly method: string;
  readonly alternative: Alternative;
  /** W = R_x − n_x(n_x + 1)/2 (R's statistic: the Mann–Whitney U of x). */
  readonly W: number;
  readonly pValue: number | null;
  /** Normal statistic after tie and continuity correction. */
  readonly zStatistic: number | null;
  readonly nX: number;
  readonly nY: number;
  /** True when some pooled values are tied (mid-ranks used). */
  readonly ties: boolean;
  /** Rank-biserial correlation 2W/(n_x n_y) − 1 (positive: x tends to be larger). */
  readonly rankBiserial: number | null;
  readonly missing: number;
  readonly notes: readonly string[];
  readonly warnings: readonly Notice[];
}

const MANN_WHITNEY_OPTIONS = optionNames<MannWhitneyOptions>({ alternative: true, correct: true });

/**
 * Wilcoxon rank-sum / Mann–Whitney test of two independent groups (Wilcoxon 1945; Mann &
 * Whitney 1947, Ann Math Stat 18(1)), normal approximation with tie and continuity correction:
 * mid-ranks of the pooled values (by counting), W = R_x − n_x(n_x + 1)/2,
 * z = (W − n_x n_y/2 − c) / √(n_x n_y/12 · (n_x + n_y + 1 − Σ(t³ − t)/((n_x + n_y)(n_x + n_y − 1)))),
 * c = 0.5·sign(W − n_x n_y/2) (two-sided), ±0.5 one-sided, 0 without correction. The exact
 * distribution is not offered (a note says when R's default would have used it).
 * Rank-biserial r = 2W/(n_x n_y) − 1 (Kerby 2014).
 *
 * In R: `wilcox.test(x, y, exact = FALSE, correct = TRUE)`.
 *
 * @category stats
 * @param x - first group
 * @param y - second group
 * @param options - alternative ("two-sided"), correct (true)
 * @returns W, pValue, zStatistic, rankBiserial; null + warning when a group is empty or all
 *   values are equal
 * @throws {ServqualError} `invalid-input` for ±Infinity or non-numbers; `invalid-options` for a
 *   bad alternative
 * @example
 * mannWhitney([1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3], [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]);
 * //=> { W: 58, pValue: 0.1329…, method: "Wilcoxon rank sum test with continuity correction", … }
 */
export function mannWhitney(
  x: NumericInput,
  y: NumericInput,
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  checkOptionKeys("mannWhitney", options, MANN_WHITNEY_OPTIONS);
  const alternative = checkAlternative(options.alternative, "mannWhitney");
  const correct = options.correct ?? true;
  const a = finiteValues(x, "mannWhitney", "x");
  const b = finiteValues(y, "mannWhitney", "y");
  const nX = a.values.length;
  const nY = b.values.length;
  const method = correct
    ? "Wilcoxon rank sum test with continuity correction"
    : "Wilcoxon rank sum test";
  const table = groupRanks([a.values, b.values]);
  const W = nX > 0 ? (table.rankSums[0] as number) - (nX * (nX + 1)) / 2 : 0;
  const notes: string[] = [];
  const warnings: Notice[] = [];
  const base = {
    method,
    alternative,
    W,
    nX,
    nY,
    ties: table.ties,
    missing: a.missing + b.missing,
    notes,
    warnings,
  };
  if (nX === 0 || nY === 0) {
    warnings.push(notice("too-few-values", "each group needs at least one value"));
    return { ...base, pValue: null, zStatistic: null, rankBiserial: null };
  }
  const n = nX + nY;
  const variance = ((nX * nY) / 12) * (n + 1 - table.tieSum / (n * (n - 1)));
  const rankBiserial = (2 * W) / (nX * nY) - 1;
  if (!(variance > 0)) {
    warnings.push(notice("zero-variance", "all values are equal: the test is undefined"));
    return { ...base, pValue: null, zStatistic: null, rankBiserial };
  }
  if (nX < 50 && nY < 50 && !table.ties) {
    notes.push(
      "R's default (exact = NULL) would use the exact distribution here; this is the normal approximation (R: exact = FALSE)",
    );
  }
  const centred = W - (nX * nY) / 2;
  let correction = 0;
  if (correct) {
    if (alternative === "two-sided") correction = 0.5 * Math.sign(centred);
    else correction = alternative === "greater" ? 0.5 : -0.5;
  }
  const z = (centred - correction) / Math.sqrt(variance);
  return { ...base, pValue: normalPValue(z, alternative), zStatistic: z, rankBiserial };
}
