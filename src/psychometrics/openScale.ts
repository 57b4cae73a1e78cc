import { checkOptionKeys } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { checkMissingMode } from "./itemCovariance";
import type { ItemCovarianceAccumulator } from "./itemCovarianceAccumulator";
import { type ItemData, prepareItems, withoutItems } from "./prepareItems";
import { type MissingMode, RELIABILITY_OPTIONS, type ReliabilityOptions } from "./types";

/**
 * The common start of the scale reliability functions (cronbachAlpha, itemAnalysis,
 * mcdonaldOmega): checks the option keys and the missing mode, accumulates the items, and
 * requires k ≥ 2.
 *
 * @throws {ServqualError} `invalid-argument` for unknown option keys, `invalid-options` for a bad
 *   missing mode, `invalid-input` for bad data or fewer than two items
 */
export function openScale(
  fn: string,
  data: ItemData,
  options: ReliabilityOptions,
): { readonly acc: ItemCovarianceAccumulator; readonly missing: MissingMode } {
  checkOptionKeys(fn, options, RELIABILITY_OPTIONS);
  const missing = checkMissingMode(options.missing, fn);
  const { acc } = prepareItems(data, options, fn);
  if (acc.k < 2) {
    throw new ServqualError("invalid-input", `${fn} requires at least two items, got ${acc.k}`);
  }
  return { acc, missing };
}

/**
 * Runs a scale analysis on data: {@link openScale}, then `fromAccumulator`; when items are
 * constant and `dropConstantItems` is not false, `again` adds the analysis of the data without
 * them (what psych::alpha reports). An accumulator input is analysed as it is.
 */
export function analyseScaleData<R extends { readonly constantItems: readonly string[] }>(
  fn: string,
  data: ItemData,
  options: ReliabilityOptions,
  fromAccumulator: (acc: ItemCovarianceAccumulator, missing: MissingMode) => R,
  again: (result: R, subset: { data: ItemData; options: ReliabilityOptions }) => R,
): R {
  const { acc, missing } = openScale(fn, data, options);
  const result = fromAccumulator(acc, missing);
  if (result.constantItems.length === 0 || options.dropConstantItems === false) return result;
  const subset = withoutItems(data, acc, result.constantItems, options);
  return subset === null ? result : again(result, subset);
}
