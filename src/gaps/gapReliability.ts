import { checkOptionKeys, expectKind, expectShape, optionNames, shapes } from "../_lib/guards";
import { about, type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { accumulateItems } from "../psychometrics/accumulateItems";
import {
  alphaFromAccumulator,
  type CronbachAlphaResult,
  prepareScale,
} from "../psychometrics/cronbachAlpha";
import { differenceScoreReliability } from "../psychometrics/differenceScoreReliability";
import {
  type ItemAnalysisResult,
  itemAnalysisFromAccumulator,
} from "../psychometrics/itemAnalysis";
import type { ItemCovarianceAccumulator } from "../psychometrics/itemCovarianceAccumulator";
import type { MissingMode } from "../psychometrics/types";
import { checkRows, selectValues } from "../responses/rowSelection";
import type { Dataset, MissingPolicy } from "../responses/types";
import {
  accumulateFacetItems,
  createFacetItemAccumulators,
  type FacetItemAccumulators,
} from "./facetItemAccumulators";
import type { Gap5Statistics } from "./types";

/** Reliability of one facet (E, P or the gap) of one dimension. */
export interface FacetReliability {
  readonly alpha: CronbachAlphaResult;
  readonly items: ItemAnalysisResult;
  /**
   * With constant items (zero variance) and `dropConstantItems` (default true): alpha and the
   * item analysis without them, as psych::alpha reports (it deletes such items). Null otherwise.
   */
  readonly withoutConstantItems: {
    readonly dropped: readonly string[];
    readonly alpha: CronbachAlphaResult;
    readonly items: ItemAnalysisResult;
  } | null;
}

/** Reliability of a dimension's expectation, perception and gap scores. */
export interface DimensionReliability {
  readonly dimension: string;
  /** Null when the dimension has fewer than two items (alpha needs two). */
  readonly expectation: FacetReliability | null;
  readonly perception: FacetReliability | null;
  readonly gap: FacetReliability | null;
  /**
   * Reliability of the difference score D = P − E from the parts (Lord 1958; Johns 1981; Peter,
   * Churchill & Brown 1993): r_D = (σ_P²·r_PP + σ_E²·r_EE − 2·r_PE·σ_P·σ_E) / (σ_P² + σ_E² − 2·r_PE·σ_P·σ_E),
   * with r_PP, r_EE the alphas of P and E and σ, r_PE from the respondent dimension scores.
   */
  readonly differenceScore: number | null;
  readonly warnings: readonly Notice[];
}

/** Options of {@link gapReliability}. */
export interface GapReliabilityOptions {
  /**
   * Missing-data handling of alpha. Default: the dataset's missing-data policy
   * ({@link reliabilityMissingMode}: `listwise` → "listwise", otherwise "pairwise", as
   * psych::alpha).
   */
  readonly missing?: MissingMode;
  /** Respondents to use, as row indices (a row listed twice counts twice); default all. */
  readonly rows?: Int32Array;
  /** Alpha below this draws a warning (default 0.7, Nunnally 1978). */
  readonly threshold?: number;
  /**
   * With items of zero variance in a facet: also report alpha and the item analysis without
   * them (`withoutConstantItems`), as psych::alpha does (default true).
   */
  readonly dropConstantItems?: boolean;
}

const GAP_RELIABILITY_OPTIONS = optionNames<GapReliabilityOptions>({
  missing: true,
  rows: true,
  threshold: true,
  dropConstantItems: true,
});

/**
 * Cronbach's alpha and item analysis of each dimension's E, P and gap (G = P − E) items, the
 * reliability of the dimension's difference score, and warnings when an alpha is below 0.7 or
 * the gap score is less reliable than perceptions alone (the difference-score problem of Peter,
 * Churchill & Brown 1993). One accumulation pass per dimension and facet feeds both alpha and
 * the item analysis. Reverse-keyed items are already recoded in the dataset.
 *
 * @param dataset - An expectation–perception dataset.
 * @param dimensions - The Gap 5 dimension statistics of the same dataset (for σ_E, σ_P, r_PE).
 * @param options - Missing-data mode (default: the dataset's policy), warning threshold, `rows`.
 * @throws {ServqualError} `invalid-input` when the dataset has no expectation or perception answers.
 *
 * @example
 * const result = gap5(dataset);
 * gapReliability(dataset, result.dimensions)[0].perception?.alpha.rawAlpha //=> 0.85
 */
export function gapReliability(
  dataset: Dataset,
  dimensions: readonly Gap5Statistics[],
  options: GapReliabilityOptions = {},
): DimensionReliability[] {
  expectShape("gapReliability", "dataset", dataset, shapes.dataset);
  expectKind(
    "gapReliability",
    "dimensions",
    dimensions,
    "array",
    "the dimensions of a gap5 result",
  );
  checkOptionKeys("gapReliability", options, GAP_RELIABILITY_OPTIONS);
  const expectation = dataset.facets.expectation;
  const perception = dataset.facets.perception;
  if (expectation === undefined || perception === undefined) {
    throw new ServqualError(
      "invalid-input",
      "Gap reliability needs expectation and perception answers.",
      [
        {
          code: "missing-facet",
          message: `the dataset (format "${dataset.instrument.format}") has no expectation or perception answers`,
        },
      ],
    );
  }
  const rows = checkRows("gapReliability", options.rows, dataset.n);
  const accumulators = accumulateFacetItems(
    createFacetItemAccumulators(dataset.instrument),
    dataset,
    rows,
  );
  const { rows: _rows, ...rest } = options;
  return reliabilityFromAccumulators(
    dataset.instrument,
    rows === null ? dataset.n : rows.length,
    accumulators,
    dimensions,
    { ...rest, missing: options.missing ?? reliabilityMissingMode(dataset.missingPolicy) },
    datasetItemReducer(dataset, rows),
  );
}

/**
 * The reliability missing-data mode of a dataset's missing-data policy (one vocabulary for
 * both): `listwise` → "listwise" (complete rows, R's `x[complete.cases(x), ]`); `pairwise` and
 * `minimum-share` → "pairwise" (psych::alpha's default `use = "pairwise"`; minimum-share only
 * decides which respondents get a dimension score, and alpha is computed on items).
 *
 * @param policy - A dataset's `missingPolicy`.
 * @returns "listwise" or "pairwise".
 * @example
 * reliabilityMissingMode({ kind: "listwise" }) //=> "listwise"
 */
export function reliabilityMissingMode(policy: MissingPolicy): MissingMode {
  expectShape("reliabilityMissingMode", "policy", policy, shapes.missingPolicy);
  return policy.kind === "listwise" ? "listwise" : "pairwise";
}

/**
 * A {@link ReduceItems} that reads the kept items' columns of a dataset again (for alpha
 * without constant items).
 *
 * @param dataset - The dataset the accumulators were filled from.
 * @param rows - The rows they were filled from, or null for all.
 * @returns The reducer.
 * @example
 * reliabilityFromAccumulators(instrument, n, acc, dims, {}, datasetItemReducer(dataset));
 */
export function datasetItemReducer(dataset: Dataset, rows: Int32Array | null = null): ReduceItems {
  const expectation = dataset.facets.expectation ?? [];
  const perception = dataset.facets.perception ?? [];
  let start = 0;
  const firstItem = dataset.instrument.dimensions.map((dimension) => {
    const first = start;
    start += dimension.items.length;
    return first;
  });
  return (d, facet, keep) => {
    const column = (columns: typeof expectation, i: number) =>
      selectValues(columns[(firstItem[d] as number) + i] as ArrayLike<number>, rows);
    const itemNames = keep.map((i) => dataset.instrument.dimensions[d]?.items[i]?.id as string);
    if (facet === "gap") {
      return accumulateItems(
        {
          columns: keep.map((i) => column(perception, i)),
          subtract: keep.map((i) => column(expectation, i)),
        },
        { itemNames },
      );
    }
    const columns = facet === "expectation" ? expectation : perception;
    return accumulateItems({ columns: keep.map((i) => column(columns, i)) }, { itemNames });
  };
}

/**
 * The item accumulator of a dimension's facet restricted to the items `keep` (indices within
 * the dimension), or null when the data are no longer at hand (streamed).
 */
export type ReduceItems = (
  dimension: number,
  facet: "expectation" | "perception" | "gap",
  keep: readonly number[],
) => ItemCovarianceAccumulator | null;

/**
 * The reliability tables of {@link gapReliability} from item accumulators that already hold
 * every respondent (one pass, or chunks merged): alpha and item analysis per dimension and
 * facet, the difference-score reliability and the warnings. Alpha without constant items needs
 * the kept items' sums on their own (a person's score changes when an item is left out):
 * `reduce` gives them, or returns null when the data were streamed, and then that alpha is
 * not computed (a warning says so).
 *
 * @param instrument - The instrument the accumulators were built for.
 * @param n - Respondents behind the accumulators (a facet needs two).
 * @param accumulators - Per dimension: E, P and gap item accumulators (null for one item).
 * @param dimensions - The Gap 5 dimension statistics (σ_E, σ_P, r_PE).
 * @param options - Missing-data mode, warning threshold, `dropConstantItems`.
 * @param reduce - Item sums of a subset of a facet's items, or null.
 * @returns One entry per dimension, as {@link gapReliability}.
 * @example
 * const acc = accumulateFacetItems(createFacetItemAccumulators(instrument), dataset);
 * reliabilityFromAccumulators(instrument, dataset.n, acc, gap5(dataset).dimensions);
 */
export function reliabilityFromAccumulators(
  instrument: Instrument,
  n: number,
  accumulators: FacetItemAccumulators,
  dimensions: readonly Gap5Statistics[],
  options: GapReliabilityOptions = {},
  reduce: ReduceItems = () => null,
): DimensionReliability[] {
  const missing = options.missing ?? "pairwise";
  const threshold = options.threshold ?? 0.7;
  const results: DimensionReliability[] = [];
  instrument.dimensions.forEach((dimension, d) => {
    const size = dimension.items.length;
    const names = dimension.items.map((item) => item.id);
    const facets = accumulators[d] ?? null;
    const warnings: Notice[] = [];
    if (size < 2 || facets === null) {
      warnings.push(
        notice(
          "single-item-dimension",
          `dimension "${dimension.id}" has one item: alpha needs at least two`,
        ),
      );
      results.push({
        dimension: dimension.id,
        expectation: null,
        perception: null,
        gap: null,
        differenceScore: null,
        warnings,
      });
      return;
    }
    const finish = (accumulator: ItemCovarianceAccumulator) => {
      // One finish (moments, eigen-decomposition) for both alpha and the item analysis.
      const prepared = prepareScale(accumulator, missing);
      return {
        alpha: alphaFromAccumulator(accumulator, missing, prepared),
        items: itemAnalysisFromAccumulator(accumulator, missing, prepared),
      };
    };
    const facet = (
      which: "expectation" | "perception" | "gap",
      label: string,
    ): FacetReliability | null => {
      if (n < 2) return null;
      const { alpha, items } = finish(facets[which]);
      if (alpha.rawAlpha !== null && alpha.rawAlpha < threshold) {
        warnings.push(
          notice(
            "low-alpha",
            `${label} alpha of ${dimension.id} is ${alpha.rawAlpha.toFixed(2)}, below ${threshold}`,
          ),
        );
      }
      for (const warning of alpha.warnings) warnings.push(about(label, warning));
      let withoutConstantItems: FacetReliability["withoutConstantItems"] = null;
      const constant = alpha.constantItems;
      if (constant.length > 0 && options.dropConstantItems !== false) {
        const keep = names.flatMap((name, i) => (constant.includes(name) ? [] : [i]));
        const kept = keep.length >= 2 ? reduce(d, which, keep) : null;
        if (keep.length >= 2 && kept === null) {
          warnings.push(
            notice(
              "constant-items-dropped",
              `${label}: alpha of ${dimension.id} without the constant items is not computed from streamed sums (read the dataset and use gap5 for it)`,
            ),
          );
        } else if (kept !== null) {
          const reduced = finish(kept);
          withoutConstantItems = { dropped: constant, ...reduced };
          const a = reduced.alpha.rawAlpha;
          warnings.push(
            notice(
              "constant-items-dropped",
              `${label}: without the constant ${constant.length === 1 ? "item" : "items"} ${constant.join(", ")}, alpha of ${dimension.id} is ${a === null ? "not computable" : a.toFixed(2)} (as psych::alpha reports it)`,
            ),
          );
        } else {
          warnings.push(
            notice(
              "constant-items-dropped",
              `${label}: fewer than two items of ${dimension.id} vary; alpha without the constant items is not computed`,
            ),
          );
        }
      }
      return { alpha, items, withoutConstantItems };
    };
    const e = facet("expectation", "expectation");
    const p = facet("perception", "perception");
    const g = facet("gap", "gap");
    const stats = dimensions[d];
    const alphaP = p?.alpha.rawAlpha ?? null;
    const alphaE = e?.alpha.rawAlpha ?? null;
    const sdP = stats?.delivered.sd ?? null;
    const sdE = stats?.required.sd ?? null;
    const correlation = stats?.correlation ?? null;
    let differenceScore: number | null = null;
    if (
      alphaP !== null &&
      alphaE !== null &&
      (alphaP > 1 || alphaE > 1 || alphaP < 0 || alphaE < 0)
    ) {
      warnings.push(
        notice(
          "alpha-out-of-range",
          `an alpha of ${dimension.id} lies outside [0, 1] (miscoded items, or pairwise-missing data with few respondents); the difference-score reliability is not computed`,
        ),
      );
    } else if (
      alphaP !== null &&
      alphaE !== null &&
      sdP !== null &&
      sdE !== null &&
      correlation !== null
    ) {
      const result = differenceScoreReliability({
        reliabilityP: alphaP,
        reliabilityE: alphaE,
        varianceP: sdP * sdP,
        varianceE: sdE * sdE,
        correlationPE: correlation,
      });
      differenceScore = result.reliability;
      if (differenceScore === null) {
        warnings.push(
          notice(
            "undefined-statistic",
            `the difference-score reliability of ${dimension.id} is undefined (P and E scores are perfectly related)`,
          ),
        );
      }
    }
    if (differenceScore !== null && alphaP !== null && differenceScore < alphaP) {
      warnings.push(
        notice(
          "gap-less-reliable",
          `the gap score of ${dimension.id} (reliability ${differenceScore.toFixed(2)}) is less reliable than perceptions alone (alpha ${alphaP.toFixed(2)}); report P and E beside the gap`,
        ),
      );
    }
    results.push({
      dimension: dimension.id,
      expectation: e,
      perception: p,
      gap: g,
      differenceScore,
      warnings,
    });
  });
  return results;
}
