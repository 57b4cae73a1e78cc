import { checkOptionKeys, expectShape, optionNames, shapes } from "../_lib/guards";
import { about as aboutPart, type Notice, notice } from "../_lib/notice";
import { itemsNeeded } from "../responses/itemsNeeded";
import { checkRows } from "../responses/rowSelection";
import { facetColumns, itemMeanScores, overallScores, scoreSides } from "../responses/scoreSides";
import type { AnswerColumn, Dataset, FacetColumns } from "../responses/types";
import { checkLevel } from "../stats/checkOptions";
import { studentTQuantile } from "../stats/distributions/studentTQuantile";
import type { Interval } from "./types";

/** Mean, SD (n − 1), SE and t interval of a score; null where it cannot be computed. */
export interface MeanSummary {
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly se: number | null;
  readonly ci: Interval;
  /** Why a value is null or to be read with care (as in gap5's statistics). */
  readonly warnings: readonly Notice[];
}

/** The SERVPERF score (performance only) per item, dimension and overall. */
export interface ServperfResult {
  readonly kind: "servperf";
  readonly unit: "scale points";
  readonly items: readonly ({
    readonly item: string;
    readonly label: string;
    readonly dimension: string;
  } & MeanSummary)[];
  readonly dimensions: readonly ({
    readonly dimension: string;
    readonly label: string;
  } & MeanSummary)[];
  readonly overall: {
    /** Per respondent: mean of their dimension scores, then averaged. */
    readonly unweighted: MeanSummary;
    /** Per respondent: mean of all answered perception items, then averaged (Cronin & Taylor 1992). */
    readonly itemMean: MeanSummary;
  };
  /**
   * Every warning of the items, dimensions and overall scores, each prefixed with what it is
   * about, plus respondents left without a dimension score (too few items answered).
   */
  readonly warnings: readonly Notice[];
}

/** Options of {@link servperf}. */
export interface ServperfOptions {
  /** Confidence level of the t intervals (default 0.95). */
  readonly level?: number;
  /** Respondents to analyse, as row indices (a row listed twice counts twice); default all. */
  readonly rows?: Int32Array;
}

const SERVPERF_OPTIONS = optionNames<ServperfOptions>({ level: true, rows: true });

/**
 * The SERVPERF score: perceptions alone, averaged per item, per dimension (respondent dimension
 * means under the dataset's missing-data policy, then averaged) and overall. Works on any
 * dataset with perception answers, so it can stand beside every gap score.
 *
 * Reference: Cronin & Taylor (1992), J. Marketing 56(3):55–68; Brady, Cronin & Brand (2002),
 * J. Business Research 55:17–31.
 *
 * @param dataset - A dataset with perception answers (any response format).
 * @param options - `level` of the t intervals (default 0.95), `rows` (a selection of respondents).
 * @throws {ServqualError} `invalid-input` when the dataset has no perception answers,
 * `invalid-options` when `level` is not between 0 and 1, `invalid-argument` for bad rows.
 *
 * @example
 * servperf(validateResponses(rows, instruments.servperf22).dataset).overall.itemMean.mean //=> 5.2
 */
export function servperf(dataset: Dataset, options: ServperfOptions = {}): ServperfResult {
  expectShape("servperf", "dataset", dataset, shapes.dataset);
  checkOptionKeys("servperf", options, SERVPERF_OPTIONS);
  const rows = checkRows("servperf", options.rows, dataset.n);
  const level = checkLevel(options.level, "servperf");
  const perception = facetColumns(dataset, ["perception"], "SERVPERF")[0] as FacetColumns;
  const n = rows === null ? dataset.n : rows.length;
  const itemSummaries: MeanSummary[] = [];
  for (let itemIndex = 0; itemIndex < perception.length; itemIndex++) {
    const column = perception[itemIndex] as AnswerColumn;
    const moments = createMoments();
    for (let i = 0; i < n; i++) {
      const value = column[rows === null ? i : (rows[i] as number)] as number;
      if (!Number.isNaN(value)) addMoment(moments, value);
    }
    itemSummaries.push(summarizeMoments(moments, level));
  }
  // Respondent scores from the one scoring kernel (the dataset's missing-data policy).
  const scored = scoreSides(dataset, ["perception"], rows, "SERVPERF");
  const dimensionScores = scored.scores[0] as readonly Float64Array[];
  return servperfResult(dataset, n, {
    items: itemSummaries,
    dimensions: dimensionScores.map((scores) => summarizeScores(scores, level)),
    unscored: scored.unscored,
    overallUnweighted: summarizeScores(overallScores(dimensionScores), level),
    overallItemMean: summarizeScores(
      itemMeanScores(dataset, ["perception"], rows)[0] as Float64Array,
      level,
    ),
  });
}

/** The summaries a {@link ServperfResult} is assembled from, in instrument order. */
export interface ServperfParts {
  readonly items: readonly MeanSummary[];
  readonly dimensions: readonly MeanSummary[];
  /** Per dimension: selected respondents without a score. */
  readonly unscored: readonly number[];
  readonly overallUnweighted: MeanSummary;
  readonly overallItemMean: MeanSummary;
}

/**
 * Assembles a {@link ServperfResult} (labels, and every warning prefixed with what it is about)
 * from its summaries: the one shape whether they were computed by {@link servperf} or read off
 * a Gap 5 result.
 *
 * @internal
 * @param dataset - The dataset (its instrument and missing-data policy).
 * @param n - Selected respondents.
 * @param parts - The item, dimension and overall summaries and the unscored counts.
 * @example
 * servperfResult(dataset, dataset.n, parts).overall.unweighted === parts.overallUnweighted //=> true
 */
export function servperfResult(
  dataset: Pick<Dataset, "instrument" | "missingPolicy">,
  n: number,
  parts: ServperfParts,
): ServperfResult {
  const { instrument } = dataset;
  const warnings: Notice[] = [];
  let itemIndex = 0;
  const items = instrument.dimensions.flatMap((dimension) =>
    dimension.items.map((item) => ({
      item: item.id,
      label: item.label,
      dimension: dimension.id,
      ...(parts.items[itemIndex++] as MeanSummary),
    })),
  );
  const dimensions = instrument.dimensions.map((dimension, d) => {
    const unscored = parts.unscored[d] as number;
    if (unscored > 0) {
      const needed = itemsNeeded(dataset.missingPolicy, dimension.items.length);
      warnings.push(
        notice(
          "unscored-respondents",
          `dimension ${dimension.id}: ${unscored} of ${n} respondents have no score (fewer than ${needed} of its ${dimension.items.length} items answered)`,
        ),
      );
    }
    return {
      dimension: dimension.id,
      label: dimension.label,
      ...(parts.dimensions[d] as MeanSummary),
    };
  });
  const overall = { unweighted: parts.overallUnweighted, itemMean: parts.overallItemMean };
  const about = (what: string, summary: MeanSummary) =>
    summary.warnings.map((warning) => aboutPart(what, warning));
  return {
    kind: "servperf",
    unit: "scale points",
    items,
    dimensions,
    overall,
    warnings: [
      ...items.flatMap((item) => about(`item ${item.item}`, item)),
      ...dimensions.flatMap((d) => about(`dimension ${d.dimension}`, d)),
      ...warnings,
      ...about("overall (mean of dimension scores)", overall.unweighted),
      ...about("overall (mean of all items)", overall.itemMean),
    ],
  };
}

/** Mean summary of the scored respondents (NaN = not scored, left out). */
function summarizeScores(scores: Float64Array, level: number): MeanSummary {
  const moments = createMoments();
  for (const score of scores) if (!Number.isNaN(score)) addMoment(moments, score);
  return summarizeMoments(moments, level);
}

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

function createMoments(): Moments {
  return { n: 0, mean: 0, m2: 0 };
}

/** Welford's update. */
function addMoment(moments: Moments, value: number) {
  moments.n += 1;
  const delta = value - moments.mean;
  moments.mean += delta / moments.n;
  moments.m2 += delta * (value - moments.mean);
}

function summarizeMoments(moments: Moments, level: number): MeanSummary {
  const { n } = moments;
  return meanSummary(
    n,
    n > 0 ? moments.mean : null,
    n > 1 ? Math.sqrt(moments.m2 / (n - 1)) : null,
    level,
  );
}

/**
 * A {@link MeanSummary} from n, the mean and the SD (n − 1): SE = sd/√n and the t interval
 * mean ± t(1 − α/2, n − 1)·SE, with the warnings of gap5's statistics (n = 0, n < 2, no
 * variance: SE ≤ 10·ε·|mean|, R's t.test rule). Shared by {@link servperf} and the gap report, which reads SERVPERF off Gap 5.
 *
 * @internal
 * @example
 * meanSummary(4, 5, 1, 0.95).ci //=> { level: 0.95, lower: 3.41, upper: 6.59, method: "t" }
 */
export function meanSummary(
  n: number,
  mean: number | null,
  sd: number | null,
  level: number,
): MeanSummary {
  const se = sd === null ? null : sd / Math.sqrt(n);
  let lower: number | null = null;
  let upper: number | null = null;
  if (se !== null && mean !== null) {
    const t = studentTQuantile(1 - (1 - level) / 2, n - 1);
    lower = mean - t * se;
    upper = mean + t * se;
  }
  const warnings: Notice[] = [];
  // The same wording as gap5's statistics.
  if (n === 0) warnings.push(notice("no-data", "no respondent answered"));
  else if (n < 2)
    warnings.push(
      notice("too-few-values", "fewer than two respondents: no standard deviation or interval"),
    );
  else if (se !== null && mean !== null && !(se > 10 * Number.EPSILON * Math.abs(mean)))
    // R's t.test rule for "essentially constant" data, so that scores equal up to rounding
    // noise (summed in another order) are flagged as exactly equal scores are.
    warnings.push(
      notice("zero-variance", "no variance (every score is the same): the interval has zero width"),
    );
  return { n, mean, sd, se, ci: { level, lower, upper, method: "t" }, warnings };
}
