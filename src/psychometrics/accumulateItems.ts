import { checkOptionKeys } from "../_lib/guards";
import type { ItemCovarianceAccumulator } from "./itemCovarianceAccumulator";
import { type ItemData, prepareItems } from "./prepareItems";
import { ITEM_DATA_OPTIONS, type ItemDataOptions } from "./types";

/**
 * Reads respondents × items data into an item accumulator in one pass, with reverse keys
 * applied, so that {@link cronbachAlpha}, {@link itemAnalysis} and {@link mcdonaldOmega} can
 * all be finished from it without reading the data again (each finish is O(k³)).
 *
 * Reverse-keyed items are recoded as (scaleMin + scaleMax) − x, or with the observed minimum
 * and maximum over all items when no scale is given (psych's rule; this needs one extra
 * min/max pass). The sums kept are those of {@link createItemCovarianceAccumulator}
 * (Chan, Golub & LeVeque 1983, The American Statistician 37(3), 242–247).
 *
 * In R: no equivalent; R recomputes `cov(x, use = "pairwise")` for every call.
 *
 * @category psychometrics
 * @param data - an array of rows, or `{ columns }` with one array per item (e.g. a Float64Array
 *   per item, NaN = missing); no row arrays are built from columns
 * @param options - `itemNames`, `reverse` (indices or names), `scaleMin`/`scaleMax`
 * @returns the accumulator (pass it as `data` to the reliability functions)
 * @throws {ServqualError} `invalid-input` for a ragged matrix, columns of unequal length,
 *   ±Infinity or non-numbers; `empty-input` for no rows or no items; `invalid-options` for a
 *   reverse key that names no item or an incomplete scale
 * @example
 * const acc = accumulateItems({ columns: [Float64Array.of(1, 2, 3), Float64Array.of(2, 2, 4)] });
 * cronbachAlpha(acc).rawAlpha;
 * //=> 0.9230769230769231 (= 12/13)
 */
export function accumulateItems(
  data: ItemData,
  options: ItemDataOptions = {},
): ItemCovarianceAccumulator {
  checkOptionKeys("accumulateItems", options, ITEM_DATA_OPTIONS);
  return prepareItems(data, options, "accumulateItems").acc;
}
