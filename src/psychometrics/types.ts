import { optionNames } from "../_lib/guards";
/**
 * Shared types of the psychometrics module.
 *
 * @module
 */

/**
 * Respondents × items, one array per respondent (row). `null`, `undefined` and `NaN` mark a
 * missing answer; `±Infinity` is an error. Every row must have the same length.
 */
export type ItemRows = ReadonlyArray<ArrayLike<number | null | undefined>>;

/**
 * Respondents × items held column by column: one array per item (for example one
 * `Float64Array` per item of a columnar data set, `NaN` = missing), all of the same length.
 * Wrapping the columns in `{ columns }` keeps them from being mistaken for rows.
 */
export interface ItemColumns {
  readonly columns: ReadonlyArray<ArrayLike<number | null | undefined>>;
  /**
   * Optional columns to subtract cell by cell (same count and length), so that the items are
   * `columns[i] − subtract[i]`: gap scores P − E straight from the P and E columns, without
   * building gap columns. A cell missing on either side is missing.
   */
  readonly subtract?: ReadonlyArray<ArrayLike<number | null | undefined>>;
}

/**
 * How missing answers are handled: the same words as a dataset's `MissingPolicy` (whose
 * `minimum-share` is about scoring respondents and reads as pairwise for reliability).
 *
 * - `"pairwise"` (psych's default, `use = "pairwise"`): every covariance cell uses the rows
 *   where both items are answered; the person score is the mean of the items a person answered.
 * - `"listwise"`: only rows that answered every item of the scale are used (listwise
 *   deletion, `x[complete.cases(x), ]` in R).
 */
export type MissingMode = "pairwise" | "listwise";

/**
 * A reliability result computed again without the constant items: the dropped item names and,
 * under `key` (e.g. "alpha" or "items"), the result on the remaining items; null when nothing
 * was dropped.
 */
export type WithoutConstantItems<Key extends string, Result> =
  | ({ readonly dropped: readonly string[] } & { readonly [K in Key]: Result })
  | null;

/** Options shared by the reliability functions that read respondent × item data. */
export interface ItemDataOptions {
  /** Item names, in column order (default `item1`, `item2`, …). Needed to name reverse keys. */
  readonly itemNames?: readonly string[];
  /**
   * Reverse-keyed items, by 0-based column index or by name. They are recoded as
   * (min + max) − x before anything is computed.
   */
  readonly reverse?: ReadonlyArray<number | string>;
  /**
   * Nominal scale minimum and maximum (e.g. 1 and 7). When both are given, reverse-keyed items
   * are recoded as (scaleMin + scaleMax) − x. Without them the observed minimum and maximum
   * over all items are used, as psych::alpha does.
   */
  readonly scaleMin?: number;
  readonly scaleMax?: number;
}

/** Options of {@link cronbachAlpha}, {@link itemAnalysis} and {@link mcdonaldOmega}. */
export interface ReliabilityOptions extends ItemDataOptions {
  /** Missing-data handling, default `"pairwise"` (as psych). */
  readonly missing?: MissingMode;
  /**
   * With items of zero variance: also report every statistic without them
   * (`withoutConstantItems`), as psych::alpha does when it deletes such items (default true).
   */
  readonly dropConstantItems?: boolean;
}

/** The option names of {@link ItemDataOptions}. */
export const ITEM_DATA_OPTIONS = optionNames<ItemDataOptions>({
  itemNames: true,
  reverse: true,
  scaleMin: true,
  scaleMax: true,
});

/** The option names of {@link ReliabilityOptions}. */
export const RELIABILITY_OPTIONS = optionNames<ReliabilityOptions>({
  itemNames: true,
  reverse: true,
  scaleMin: true,
  scaleMax: true,
  missing: true,
  dropConstantItems: true,
});
