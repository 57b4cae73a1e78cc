import type { Instrument } from "../instrument/types";
import {
  accumulatePairedIntegerColumns,
  beginPairedPatterns,
  endPairedPatterns,
  type PairedPatternSession,
  pairedIntegerPatternsFit,
  releasePairedPatterns,
} from "../psychometrics/accumulatePairedIntegerColumns";
import {
  accumulateItemColumns,
  createItemCovarianceAccumulator,
  type ItemCovarianceAccumulator,
  mergeItemCovarianceAccumulators,
} from "../psychometrics/itemCovarianceAccumulator";
import { selectValues } from "../responses/rowSelection";
import type { Dataset } from "../responses/types";

/** One dimension's item accumulators: expectations, perceptions and gaps G = P − E. */
export interface DimensionItemAccumulators {
  readonly expectation: ItemCovarianceAccumulator;
  readonly perception: ItemCovarianceAccumulator;
  readonly gap: ItemCovarianceAccumulator;
}

/** Per dimension (instrument order): its item accumulators, or null for a one-item dimension. */
export type FacetItemAccumulators = readonly (DimensionItemAccumulators | null)[];

/**
 * Empty item accumulators for the reliability of Gap 5: per dimension with at least two items,
 * one for the E items, one for the P items and one for the gap items G = P − E, named by item
 * id. They keep the sums behind the item covariance matrix (O(k²) per dimension of k items),
 * so their size does not depend on the number of respondents.
 *
 * @param instrument - An expectation–perception instrument.
 * @returns The accumulators, to feed with {@link accumulateFacetItems}.
 * @example
 * const acc = accumulateFacetItems(createFacetItemAccumulators(instruments.servqual22), dataset);
 * cronbachAlpha(acc[0]?.perception).rawAlpha //=> alpha of the tangibles perceptions
 */
export function createFacetItemAccumulators(instrument: Instrument): FacetItemAccumulators {
  return instrument.dimensions.map((dimension) => {
    if (dimension.items.length < 2) return null;
    const options = { itemNames: dimension.items.map((item) => item.id) };
    const k = dimension.items.length;
    return {
      expectation: createItemCovarianceAccumulator(k, options),
      perception: createItemCovarianceAccumulator(k, options),
      gap: createItemCovarianceAccumulator(k, options),
    };
  });
}

/**
 * Adds every respondent of a dataset (or a piece of one) to the accumulators, in place: one
 * pass per dimension over its E and P columns on integer scales (answer patterns counted, see
 * `accumulatePairedIntegerColumns`), otherwise one pass per dimension and facet; the gap items are
 * read as P − E straight from the two columns (a cell missing on either side is missing).
 *
 * @param accumulators - From {@link createFacetItemAccumulators} for the dataset's instrument.
 * @param dataset - A dataset with expectation and perception answers.
 * @param rows - Only these rows (checked by the caller; copies of the selected cells are
 *   read), or null for every row.
 * @returns The same accumulators.
 * @example
 * accumulateFacetItems(createFacetItemAccumulators(dataset.instrument), dataset);
 */
export function accumulateFacetItems(
  accumulators: FacetItemAccumulators,
  dataset: Dataset,
  rows: Int32Array | null = null,
): FacetItemAccumulators {
  const select = (columns: Dataset["facets"]["expectation"]) =>
    (columns ?? []).map((column) => selectValues(column, rows));
  const expectation = select(dataset.facets.expectation);
  const perception = select(dataset.facets.perception);
  const scale = dataset.instrument.scale;
  let start = 0;
  dataset.instrument.dimensions.forEach((dimension, d) => {
    const size = dimension.items.length;
    const eColumns = expectation.slice(start, start + size);
    const pColumns = perception.slice(start, start + size);
    start += size;
    const facets = accumulators[d];
    if (facets === null || facets === undefined) return;
    // Integer scales (Likert): one pass counting answer patterns, exactly the same sums.
    if (
      Number.isInteger(scale.step) &&
      accumulatePairedIntegerColumns(
        facets.expectation,
        facets.perception,
        facets.gap,
        eColumns,
        pColumns,
        scale,
      )
    ) {
      return;
    }
    accumulateItemColumns(facets.expectation, eColumns);
    accumulateItemColumns(facets.perception, pColumns);
    accumulateItemColumns(facets.gap, pColumns, { subtract: eColumns });
  });
  return accumulators;
}

/** Most pattern-table entries the sessions of one pass may hold at once (64 MiB of counts). */
const MAX_SESSION_ENTRIES = 1 << 24;

/**
 * Adds every respondent of a dataset to the accumulators, as {@link accumulateFacetItems} does,
 * but lets a pass over the rows in order (`pass`, the gap tables' pass) count the answer
 * patterns of the dimensions on integer scales: it gets one pattern session per dimension
 * (null for a dimension added here beforehand, the general way), and the sessions are ended
 * after it (the same sums as {@link accumulateFacetItems}).
 *
 * @param accumulators - From {@link createFacetItemAccumulators} for the dataset's instrument.
 * @param dataset - The respondents (all rows, in order).
 * @param pass - Counts rows 0..n − 1 of every session, in order.
 * @returns The same accumulators.
 * @example
 * accumulateFacetItemsIn(acc, dataset, (sessions) => accumulateGapsCounting(g, dataset, 0, dataset.n, sessions));
 */
export function accumulateFacetItemsIn(
  accumulators: FacetItemAccumulators,
  dataset: Dataset,
  pass: (sessions: readonly (PairedPatternSession | null)[]) => void,
): FacetItemAccumulators {
  const expectation = dataset.facets.expectation ?? [];
  const perception = dataset.facets.perception ?? [];
  const { min, max, step } = dataset.instrument.scale;
  const integer = Number.isInteger(step) && Number.isInteger(min) && Number.isInteger(max);
  const range = max - min + 1;
  let entries = 0;
  let start = 0;
  const counted = dataset.instrument.dimensions.map((dimension, d) => {
    const size = dimension.items.length;
    const first = start;
    start += size;
    const facets = accumulators[d];
    if (facets === null || facets === undefined) return false;
    if (!integer || !pairedIntegerPatternsFit(size, min, max)) return false;
    entries += 2 * range ** size + (2 * range - 1) ** size;
    if (entries > MAX_SESSION_ENTRIES) return false;
    const typed = (c: unknown) => c instanceof Float32Array || c instanceof Float64Array;
    return [
      ...expectation.slice(first, first + size),
      ...perception.slice(first, first + size),
    ].every(typed);
  });
  // Dimensions not counted in the pass: added now, one pass each.
  accumulateFacetItems(
    accumulators.map((facets, d) => (counted[d] === true ? null : facets)),
    dataset,
  );
  const sessions: (PairedPatternSession | null)[] = [];
  try {
    start = 0;
    dataset.instrument.dimensions.forEach((dimension, d) => {
      const size = dimension.items.length;
      const first = start;
      start += size;
      const facets = accumulators[d];
      sessions.push(
        counted[d] === true && facets !== null && facets !== undefined
          ? beginPairedPatterns(
              facets.expectation,
              facets.perception,
              facets.gap,
              expectation.slice(first, first + size),
              perception.slice(first, first + size),
              { min, max },
              3 * d,
            )
          : null,
      );
    });
    pass(sessions);
    for (const session of sessions) if (session !== null) endPairedPatterns(session);
  } finally {
    for (const session of sessions) if (session !== null) releasePairedPatterns(session);
  }
  return accumulators;
}

/**
 * Merges two sets of accumulators of the same instrument (chunk by chunk equals one pass).
 *
 * @param a - Accumulators of one part of the respondents.
 * @param b - Accumulators of another part.
 * @returns New accumulators holding both.
 * @example
 * mergeFacetItemAccumulators(first, second);
 */
export function mergeFacetItemAccumulators(
  a: FacetItemAccumulators,
  b: FacetItemAccumulators,
): FacetItemAccumulators {
  return a.map((x, d) => {
    const y = b[d];
    if (x === null || y === null || y === undefined) return null;
    return {
      expectation: mergeItemCovarianceAccumulators(x.expectation, y.expectation),
      perception: mergeItemCovarianceAccumulators(x.perception, y.perception),
      gap: mergeItemCovarianceAccumulators(x.gap, y.gap),
    };
  });
}
