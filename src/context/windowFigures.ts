import { type Notice, notice } from "../_lib/notice";
import { type MeanSummary, type WelchDifference, welchFromSummaries } from "./summaryTests";
import type { HedgesG } from "./twoGroupEffects";
import { hedgesGFromSummaries } from "./twoGroupEffects";

/** n, mean and SD of one side (null figures when suppressed). */
export interface SideFigure {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

/** One dimension (or overall) of a two-group comparison of gap scores. */
export interface ComparisonFigure {
  /** Dimension id or "overall". */
  readonly id: string;
  readonly inside: SideFigure;
  readonly outside: SideFigure;
  /** True when a side has fewer than `minimumN` respondents: no difference or test shown. */
  readonly suppressed: boolean;
  /** Welch's test of inside − outside (difference, t, df, p, interval). */
  readonly welch: WelchDifference | null;
  /** Adjusted across every figure of the call. */
  readonly pAdjusted: number | null;
  /** Hedges' g of inside vs outside. */
  readonly hedgesG: HedgesG | null;
}

/** n, mean and SD (n − 1) of the finite values of `scores` at `rows`. */
export function summarise(scores: Float64Array, rows: readonly number[]): MeanSummary {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (const row of rows) {
    const x = scores[row] as number;
    if (!Number.isFinite(x)) continue;
    n += 1;
    const delta = x - mean;
    mean += delta / n;
    m2 += delta * (x - mean);
  }
  return { n, mean: n === 0 ? Number.NaN : mean, sd: n > 1 ? Math.sqrt(m2 / (n - 1)) : 0 };
}

function side(summary: MeanSummary, shown: boolean): SideFigure {
  return shown
    ? { n: summary.n, mean: summary.mean, sd: summary.n > 1 ? summary.sd : null }
    : { n: summary.n, mean: null, sd: null };
}

/**
 * Compares two groups' scores: Welch's t-test (Welch 1947) and Hedges' g when both sides have
 * at least `minimumN` scored respondents, else suppressed with a `small-cell` notice.
 */
export function compareScores(
  id: string,
  scores: Float64Array,
  inside: readonly number[],
  outside: readonly number[],
  minimumN: number,
  level: number,
  where: { readonly window: string; readonly region: string },
  warnings: Notice[],
): ComparisonFigure {
  const a = summarise(scores, inside);
  const b = summarise(scores, outside);
  const shown = a.n >= minimumN && b.n >= minimumN;
  if (!shown) {
    warnings.push({
      ...notice(
        "small-cell",
        `window ${where.window} in ${where.region}, ${id}: ${a.n} respondent(s) inside and ${b.n} outside; fewer than ${minimumN} on a side, so no figure is shown`,
      ),
      group: {
        subject: `window ${where.window}`,
        reason: `figures suppressed (fewer than ${minimumN} respondents on a side)`,
        member: where.region,
        unit: "figure",
      },
    });
  }
  return {
    id,
    inside: side(a, shown),
    outside: side(b, shown),
    suppressed: !shown,
    welch: shown ? welchFromSummaries(a, b, level) : null,
    pAdjusted: null,
    hedgesG: shown ? hedgesGFromSummaries(a, b, level) : null,
  };
}
