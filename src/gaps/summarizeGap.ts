import { type Notice, notice } from "../_lib/notice";
import { cohenDzFromSummary } from "../stats/cohenDz";
import { type PairMoments, pairMeansAndVariances } from "../stats/pairedAccumulator";
import { pairedTTestFromSummary } from "../stats/pairedTTestFromSummary";
import { wilcoxonSignedRankFromCounts } from "../stats/wilcoxonSignedRankFromCounts";
import { wilsonInterval } from "../stats/wilsonInterval";
import { rankableHistogram } from "./gapKeys";
import type { GapStatistics, GapWilcoxon } from "./types";

/**
 * Turns pair moments into {@link GapStatistics}: means, SDs (n − 1), SE = sd/√n, the t interval
 * mean ± t(1 − α/2, n − 1)·SE, the share of negative gaps and the correlation of the sides.
 * Values that cannot be computed are null with a warning (n < 2, zero variance).
 */
export function summarizeGap<Required extends string, Delivered extends string>(
  moments: PairMoments,
  shift: number,
  names: { readonly required: Required; readonly delivered: Delivered },
  level: number,
): GapStatistics<Required, Delivered> {
  const { n, meanR, meanD, meanGap, varR, varD, varGap, covRD } = pairMeansAndVariances(
    moments,
    shift,
  );
  const warnings: Notice[] = [];
  if (n === 0) warnings.push(notice("no-data", "no respondent answered both sides"));
  else if (n < 2)
    warnings.push(
      notice("too-few-values", "fewer than two respondents: no standard deviation or interval"),
    );
  const sd = varGap === null ? null : Math.sqrt(varGap);
  const se = sd === null ? null : sd / Math.sqrt(n);
  let correlation: number | null = null;
  if (varR !== null && varD !== null && covRD !== null) {
    if (varR > 0 && varD > 0)
      correlation = Math.max(-1, Math.min(1, covRD / Math.sqrt(varR * varD)));
    else
      warnings.push(
        notice(
          "zero-variance",
          `no variance in ${varR === 0 ? names.required : names.delivered}: correlation undefined`,
        ),
      );
  }
  const summary = { n, mean: meanGap, sd };
  const tTest = pairedTTestFromSummary(summary, { level });
  const dz = cohenDzFromSummary(summary, { level });
  const histogram = moments.histogram;
  let wilcoxon: GapWilcoxon | null = null;
  if (histogram !== null && n > 0) {
    // Bigint keys (large instruments) become order-preserving numbers: same ranks, V and p.
    const test = wilcoxonSignedRankFromCounts(rankableHistogram(histogram));
    wilcoxon = {
      V: test.V,
      pValue: test.pValue,
      pAdjusted: test.pValue,
      method: test.method,
      nonZero: test.n,
      rankBiserial: test.rankBiserial,
    };
  }
  const share = wilsonInterval(moments.negative, n, level);
  for (const warning of [...tTest.warnings, ...dz.warnings]) {
    if (!warnings.some((w) => w.message === warning.message)) warnings.push(warning);
  }
  return {
    n,
    required: { side: names.required, mean: meanR, sd: varR === null ? null : Math.sqrt(varR) },
    delivered: { side: names.delivered, mean: meanD, sd: varD === null ? null : Math.sqrt(varD) },
    gap: { mean: meanGap, sd, se, ci: tTest.ci },
    shareNegative: n > 0 ? moments.negative / n : null,
    shareNegativeCi: { level, lower: share.lower, upper: share.upper, method: "wilson" },
    negative: moments.negative,
    zero: moments.zero,
    correlation,
    tTest: { t: tTest.t, df: tTest.df, pValue: tTest.pValue, pAdjusted: tTest.pValue },
    wilcoxon,
    effectSize: { dz: dz.dz, ci: dz.ci },
    warnings,
  };
}
