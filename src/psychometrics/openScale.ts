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
 * The data and options to analyse again without the constant items (what psych::alpha reports),
 * or null when no item is constant, `dropConstantItems` is false, the data is an accumulator or
 * fewer than two items would remain.
 */
export function constantItemsSubset(
  data: ItemData,
  acc: ItemCovarianceAccumulator,
  constantItems: readonly string[],
  options: ReliabilityOptions,
): { data: ItemData; options: ReliabilityOptions } | null {
  if (constantItems.length === 0 || options.dropConstantItems === false) return null;
  return withoutItems(data, acc, constantItems, options);
}
