import type { Gap5Result } from "../gaps/gap5";
import {
  type MeanSummary,
  meanSummary,
  type ServperfResult,
  servperfResult,
} from "../gaps/servperf";
import type { Gap5Statistics } from "../gaps/types";
import type { AnswerColumn, Dataset } from "../responses/types";

/**
 * Whether every perception answer of the selected respondents has its expectation beside it:
 * then the respondents and items SERVPERF scores are exactly those Gap 5 pairs, and SERVPERF is
 * Gap 5's perception side. One pass over the two answer columns of each item, stopping at the
 * first perception answered without its expectation.
 *
 * @example
 * perceptionsPaired(dataset, null) //=> true for a survey with no answer left blank
 */
export function perceptionsPaired(dataset: Dataset, rows: Int32Array | null): boolean {
  const expectation = dataset.facets.expectation;
  const perception = dataset.facets.perception;
  if (expectation === undefined || perception === undefined) return false;
  const n = rows === null ? dataset.n : rows.length;
  for (let item = 0; item < perception.length; item++) {
    const e = expectation[item] as AnswerColumn;
    const p = perception[item] as AnswerColumn;
    if (rows === null) {
      for (let r = 0; r < n; r++) {
        // A perception answered, its expectation missing (NaN).
        if (Number.isNaN(e[r] as number) && !Number.isNaN(p[r] as number)) return false;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const r = rows[i] as number;
        if (Number.isNaN(e[r] as number) && !Number.isNaN(p[r] as number)) return false;
      }
    }
  }
  return true;
}

/**
 * The SERVPERF score (see `servperf`) read off a Gap 5 result of the same respondents, without
 * another pass over the answers; null when it would differ from `servperf(dataset, { level,
 * rows })`, i.e. when some perception answer has no expectation (Gap 5 leaves it out, SERVPERF
 * counts it).
 *
 * Why it is the same: SERVPERF scores perceptions alone (Cronin & Taylor 1992); Gap 5 scores
 * the items answered on both sides. When every perception answer has its expectation, the
 * items a respondent answered on the perception side are those answered on both, so the item
 * counts, the scored respondents (the missing-data policy looks only at how many items were
 * answered) and the respondent scores are the same, and each SERVPERF summary is Gap 5's
 * perception side of the same statistic: n, mean P̄ and SD s_P (n − 1), with SE = s_P/√n and
 * the interval P̄ ± t(1 − α/2, n − 1)·SE added here. The sums behind the SD differ from
 * servperf's running (Welford) update only by rounding (relative 1e-12 or less).
 *
 * @param dataset - The dataset Gap 5 was computed on.
 * @param gap - `gap5(dataset, { level, rows })`.
 * @param rows - The same selection, or null.
 * @returns The SERVPERF result, or null (compute it with `servperf`).
 *
 * @example
 * const gap = gap5(dataset);
 * servperfOfGap5(dataset, gap, null) ?? servperf(dataset) // equal to servperf(dataset)
 */
export function servperfOfGap5(
  dataset: Dataset,
  gap: Gap5Result,
  rows: Int32Array | null,
): ServperfResult | null {
  if (!perceptionsPaired(dataset, rows)) return null;
  const level = gap.level;
  const side = (statistics: Gap5Statistics): MeanSummary =>
    meanSummary(statistics.n, statistics.delivered.mean, statistics.delivered.sd, level);
  return servperfResult(dataset, rows === null ? dataset.n : rows.length, {
    items: gap.items.map(side),
    dimensions: gap.dimensions.map(side),
    unscored: gap.dimensions.map((d) => d.unscored),
    overallUnweighted: side(gap.overall.unweighted),
    overallItemMean: side(gap.overall.itemMean),
  });
}
