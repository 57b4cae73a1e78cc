import { ServqualError } from "../_lib/ServqualError";
import type { Facet } from "../instrument/types";
import { itemsNeeded } from "./itemsNeeded";
import type { AnswerColumn, Dataset } from "./types";

/**
 * Respondents' dimension scores on one or more facets ("sides") at once, under the dataset's
 * missing-data policy: the one scoring kernel behind {@link respondentScores}, SERVPERF and the
 * zones of tolerance (the gap accumulator uses its {@link finishScores} step).
 */
export interface SideScores {
  /** [side][dimension]: one score per selected respondent, NaN = not scored. */
  readonly scores: readonly (readonly Float64Array[])[];
  /** [dimension]: items answered on every side, per selected respondent. */
  readonly answered: readonly Int32Array[];
  /** [dimension]: items a score needs ({@link itemsNeeded}). */
  readonly needed: readonly number[];
  /** [dimension]: selected respondents without a score. */
  readonly unscored: readonly number[];
}

/**
 * The facets' answer columns of a dataset, or an `invalid-input` error naming the one missing.
 *
 * @example
 * facetColumns(dataset, ["expectation", "perception"], "gap5")
 */
export function facetColumns(
  dataset: Dataset,
  facets: readonly Facet[],
  what: string,
): (readonly AnswerColumn[])[] {
  return facets.map((facet) => {
    const columns = dataset.facets[facet];
    if (columns === undefined) {
      throw new ServqualError("invalid-input", `${what} needs ${facet} answers.`, [
        {
          code: "missing-facet",
          message: `${what} needs ${facets.join(" and ")} answers; the dataset (format "${dataset.instrument.format}") has ${Object.keys(dataset.facets).join(", ")}`,
        },
      ]);
    }
    return columns;
  });
}

/**
 * Turns per-respondent sums into scores, in place: sum/answered when answered ≥ needed, else
 * NaN (for every side alike).
 *
 * @param sums - Per side, the sums over the answered items of the respondents 0..length−1.
 * @param answered - Items behind each sum.
 * @param needed - Items a score needs ({@link itemsNeeded}).
 * @param length - Respondents to finish (default: all of `answered`).
 * @returns How many respondents got no score.
 * @example
 * const s = Float64Array.of(6, 4);
 * finishScores([s], Int32Array.of(2, 1), 2); // s = [3, NaN], returns 1
 */
export function finishScores(
  sums: readonly Float64Array[],
  answered: Int32Array,
  needed: number,
  length = answered.length,
): number {
  let unscored = 0;
  for (let i = 0; i < length; i++) {
    const count = answered[i] as number;
    if (count >= needed) continue;
    unscored += 1;
    for (const side of sums) side[i] = Number.NaN;
  }
  for (const side of sums) {
    for (let i = 0; i < length; i++) {
      const count = answered[i] as number;
      if (count >= needed) side[i] = (side[i] as number) / count;
    }
  }
  return unscored;
}

/**
 * Dimension scores of the selected respondents on each facet: the mean over the dimension's
 * items answered on every facet (so that the sides compare the same items), kept when at least
 * {@link itemsNeeded}(policy, k) of the k items are answered, else NaN.
 *
 * SQ_rd = (1/c_rd)·Σ_{i ∈ d answered by r} x_ri  if c_rd ≥ needed(policy, k_d), else NaN.
 *
 * @param dataset - The respondents.
 * @param facets - The sides, e.g. ["expectation", "perception"].
 * @param rows - Selected respondents (output index i = rows[i]) or null for all.
 * @returns Scores per side and dimension, with the answered counts.
 * @throws {ServqualError} `invalid-input` when the dataset lacks one of the facets.
 * @example
 * scoreSides(dataset, ["perception"], null).scores[0][0] // perception scores of dimension 1
 */
export function scoreSides(
  dataset: Dataset,
  facets: readonly Facet[],
  rows: Int32Array | null,
  what = "the score",
): SideScores {
  const columns = facetColumns(dataset, facets, what);
  const length = rows === null ? dataset.n : rows.length;
  const scores: Float64Array[][] = facets.map(() => []);
  const answered: Int32Array[] = [];
  const needed: number[] = [];
  const unscored: number[] = [];
  let item = 0;
  for (const dimension of dataset.instrument.dimensions) {
    const sums = facets.map(() => new Float64Array(length));
    const counts = new Int32Array(length);
    for (let k = 0; k < dimension.items.length; k++, item++) {
      const sides = columns.map((c) => c[item] as AnswerColumn);
      addItem(sides, sums, counts, rows, length);
    }
    const need = itemsNeeded(dataset.missingPolicy, dimension.items.length);
    unscored.push(finishScores(sums, counts, need));
    sums.forEach((s, side) => {
      (scores[side] as Float64Array[]).push(s);
    });
    answered.push(counts);
    needed.push(need);
  }
  return { scores, answered, needed, unscored };
}

/** Adds one item answered on every side to the respondents' sums. */
function addItem(
  sides: readonly AnswerColumn[],
  sums: readonly Float64Array[],
  counts: Int32Array,
  rows: Int32Array | null,
  length: number,
) {
  const sideCount = sides.length;
  for (let i = 0; i < length; i++) {
    const r = rows === null ? i : (rows[i] as number);
    let all = true;
    for (let s = 0; s < sideCount; s++) {
      if (Number.isNaN((sides[s] as AnswerColumn)[r] as number)) {
        all = false;
        break;
      }
    }
    if (!all) continue;
    for (let s = 0; s < sideCount; s++) {
      const sum = sums[s] as Float64Array;
      sum[i] = (sum[i] as number) + ((sides[s] as AnswerColumn)[r] as number);
    }
    counts[i] = (counts[i] as number) + 1;
  }
}

/**
 * Each selected respondent's mean over all the instrument's items answered on every facet (the
 * overall item mean of Cronin & Taylor 1992), NaN when none is: one array per side.
 *
 * @example
 * itemMeanScores(dataset, ["perception"], null)[0] // per respondent mean perception
 */
export function itemMeanScores(
  dataset: Dataset,
  facets: readonly Facet[],
  rows: Int32Array | null,
  what = "the score",
): Float64Array[] {
  const columns = facetColumns(dataset, facets, what);
  const length = rows === null ? dataset.n : rows.length;
  const sums = facets.map(() => new Float64Array(length));
  const counts = new Int32Array(length);
  const itemCount = columns[0]?.length ?? 0;
  for (let item = 0; item < itemCount; item++) {
    addItem(
      columns.map((c) => c[item] as AnswerColumn),
      sums,
      counts,
      rows,
      length,
    );
  }
  finishScores(sums, counts, 1);
  return sums;
}

/**
 * Each respondent's overall score: the mean of their scored dimension scores (each dimension
 * counts equally; NaN when no dimension is scored), as gap5's `overall.unweighted` per
 * respondent.
 *
 * @example
 * overallScores([Float64Array.of(1, NaN), Float64Array.of(3, NaN)]) //=> Float64Array [2, NaN]
 */
export function overallScores(dimensions: readonly Float64Array[]): Float64Array {
  const length = dimensions[0]?.length ?? 0;
  const sums = new Float64Array(length);
  const counts = new Int32Array(length);
  for (const scores of dimensions) {
    for (let i = 0; i < length; i++) {
      const value = scores[i] as number;
      if (Number.isNaN(value)) continue;
      sums[i] = (sums[i] as number) + value;
      counts[i] = (counts[i] as number) + 1;
    }
  }
  finishScores([sums], counts, 1);
  return sums;
}
