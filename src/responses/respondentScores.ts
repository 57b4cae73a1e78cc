import { checkOptionKeys, expectOneOf, expectShape, optionNames, shapes } from "../_lib/guards";
import type { Facet } from "../instrument/types";
import { checkRows } from "./rowSelection";
import { overallScores, scoreSides } from "./scoreSides";
import type { Dataset } from "./types";

/** Options of {@link respondentScores}. */
export interface RespondentScoresOptions {
  /** The answers scored: one facet, or `"gap"` for perception − expectation. */
  readonly facet: Facet | "gap";
  /** One score per dimension, or one overall score (the mean of the dimension scores). */
  readonly level: "dimension" | "overall";
  /**
   * Respondents to score, as row indices (output index i is respondent rows[i]); default all.
   * A row may be listed more than once (a bootstrap resample); a row outside 0..n−1 is an
   * `invalid-argument`.
   */
  readonly rows?: Int32Array;
}

const OPTIONS = optionNames<RespondentScoresOptions>({ facet: true, level: true, rows: true });
const FACETS = ["expectation", "perception", "adequate", "desired", "gap"];

/**
 * Respondents' scores under the dataset's missing-data policy, the one place answers become
 * scores (gap accumulation, SERVPERF and zones of tolerance score the same way).
 *
 * - Dimension d, respondent r: SQ_rd = mean of r's answers to d's items, over the items answered
 *   (for `"gap"`: answered on both sides, SQ_rd = mean P − mean E over those items = mean of the
 *   item gaps), when at least `itemsNeeded(policy, k_d)` of the k_d items are answered; else NaN.
 * - Overall: the mean of r's scored dimension scores, each dimension counting equally (NaN when
 *   none is scored): gap5's `overall.unweighted` per respondent.
 *
 * Reference: Parasuraman, Berry & Zeithaml (1991), J. Retailing 67(4):420–450 (dimension scores
 * as item means; overall as the mean of dimension scores).
 *
 * @param dataset - Validated responses.
 * @param options - `facet`, `level` and optionally `rows`.
 * @returns `level: "dimension"`: one Float64Array per dimension (instrument order);
 *   `level: "overall"`: one Float64Array. One value per selected respondent, NaN = not scored.
 * @throws {ServqualError} `invalid-input` when the dataset lacks the facet (for `"gap"`:
 *   expectation or perception); `invalid-argument` for a bad facet, level or rows.
 * @example
 * const [tangibles] = respondentScores(dataset, { facet: "gap", level: "dimension" });
 * tangibles[0] //=> -0.75 (respondent 0's tangibles gap)
 * respondentScores(dataset, { facet: "perception", level: "overall", rows: Int32Array.of(0, 5) })
 * //=> Float64Array [5.2, 4.9]
 */
export function respondentScores(
  dataset: Dataset,
  options: RespondentScoresOptions & { readonly level: "dimension" },
): Float64Array[];
export function respondentScores(
  dataset: Dataset,
  options: RespondentScoresOptions & { readonly level: "overall" },
): Float64Array;
export function respondentScores(
  dataset: Dataset,
  options: RespondentScoresOptions,
): Float64Array[] | Float64Array;
export function respondentScores(
  dataset: Dataset,
  options: RespondentScoresOptions,
): Float64Array[] | Float64Array {
  const fn = "respondentScores";
  expectShape(fn, "dataset", dataset, shapes.dataset);
  checkOptionKeys(fn, options, OPTIONS);
  expectShape(fn, "options", options, { what: "an options object", fields: {} });
  expectOneOf(fn, "options.facet", options.facet, FACETS);
  expectOneOf(fn, "options.level", options.level, ["dimension", "overall"]);
  const rows = checkRows(fn, options.rows, dataset.n);
  let dimensions: Float64Array[];
  if (options.facet === "gap") {
    const { scores } = scoreSides(dataset, ["expectation", "perception"], rows, "a gap score");
    const [e, p] = scores as [Float64Array[], Float64Array[]];
    dimensions = p.map((pd, d) => {
      const ed = e[d] as Float64Array;
      for (let i = 0; i < pd.length; i++) pd[i] = (pd[i] as number) - (ed[i] as number);
      return pd;
    });
  } else {
    dimensions = scoreSides(dataset, [options.facet], rows, `a ${options.facet} score`)
      .scores[0] as Float64Array[];
  }
  return options.level === "dimension" ? dimensions : overallScores(dimensions);
}
