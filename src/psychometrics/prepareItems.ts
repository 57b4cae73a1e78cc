import { invalidArgument } from "../_lib/guards";
import { type Notice, notice } from "../_lib/notice";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import {
  accumulateItemColumns,
  accumulateItemRows,
  createItemCovarianceAccumulator,
  defaultItemNames,
  type ItemCovarianceAccumulator,
} from "./itemCovarianceAccumulator";
import type { ItemColumns, ItemDataOptions, ItemRows, ReliabilityOptions } from "./types";

/** What the reliability functions accept as data. */
export type ItemData = ItemRows | ItemColumns | ItemCovarianceAccumulator;

/** The accumulated data. */
export interface PreparedItems {
  readonly acc: ItemCovarianceAccumulator;
}

function isAccumulator(data: unknown): data is ItemCovarianceAccumulator {
  return (
    typeof data === "object" &&
    data !== null &&
    (data as { kind?: unknown }).kind === "item-covariance-accumulator"
  );
}

function isColumns(data: unknown): data is ItemColumns {
  return (
    typeof data === "object" &&
    data !== null &&
    !Array.isArray(data) &&
    Array.isArray((data as { columns?: unknown }).columns)
  );
}

function invalidOptions(fn: string, message: string, path: string): never {
  throw new ServqualError("invalid-options", `${fn}: ${message}`, [
    { code: "invalid-option", message, path: [path] },
  ]);
}

/**
 * Resolves item references given as 0-based indices or names to sorted, distinct indices.
 * `what` names the option in messages (e.g. "reverse").
 */
export function resolveItems(
  keys: ReadonlyArray<number | string> | undefined,
  itemNames: readonly string[],
  fn: string,
  what = "reverse",
): number[] {
  if (keys === undefined) return [];
  if (!Array.isArray(keys))
    invalidOptions(fn, `${what} must be an array of item indices or names`, what);
  const issues: Issue[] = [];
  const out = new Set<number>();
  keys.forEach((key, position) => {
    if (typeof key === "number") {
      if (Number.isInteger(key) && key >= 0 && key < itemNames.length) out.add(key);
      else {
        issues.push({
          code: "unknown-item",
          message: `${what}: index ${key} is not an item index 0…${itemNames.length - 1}`,
          path: [what, position],
        });
      }
    } else {
      const index = itemNames.indexOf(key);
      if (index >= 0) out.add(index);
      else {
        issues.push({
          code: "unknown-item",
          message: `${what}: "${String(key)}" is not one of the item names (${itemNames.join(", ")})`,
          path: [what, position],
        });
      }
    }
  });
  if (issues.length > 0) {
    throw new ServqualError("invalid-options", `${fn}: unknown item in ${what}`, issues);
  }
  return [...out].sort((a, b) => a - b);
}

/** Observed min and max over every item (the psych rule for reverse keys). */
function observedRange(
  k: number,
  n: number,
  read: (i: number, r: number) => unknown,
): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    for (let r = 0; r < n; r++) {
      const v = read(i, r);
      if (typeof v === "number" && v - v === 0) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  return { min, max };
}

/** What the reliability functions accept as data. */
export const ITEM_DATA =
  "a respondents × items matrix (array of rows), { columns } or an item accumulator";

/**
 * Reads the data into an accumulator with reverse keys applied (one pass; plus a min/max pass
 * when reverse keys must be recoded with the observed range).
 */
export function prepareItems(data: ItemData, options: ItemDataOptions, fn: string): PreparedItems {
  if (isAccumulator(data)) {
    if (
      options.reverse !== undefined ||
      options.scaleMin !== undefined ||
      options.scaleMax !== undefined ||
      options.itemNames !== undefined
    ) {
      invalidOptions(
        fn,
        "an accumulator already carries its item names and reverse keys; set them when creating it",
        "reverse",
      );
    }
    return { acc: data };
  }
  let k: number;
  let n: number;
  let read: (i: number, r: number) => unknown;
  let add: (acc: ItemCovarianceAccumulator) => void;
  if (isColumns(data)) {
    const columns = data.columns;
    k = columns.length;
    if (k === 0) throw new ServqualError("empty-input", `${fn} requires at least one item column`);
    const first = columns[0];
    n = first && typeof first.length === "number" ? first.length : 0;
    const subtract = data.subtract;
    read =
      subtract === undefined
        ? (i, r) => (columns[i] as ArrayLike<unknown>)[r]
        : (i, r) => {
            const a = (columns[i] as ArrayLike<unknown>)[r];
            const b = (subtract[i] as ArrayLike<unknown> | undefined)?.[r];
            return typeof a === "number" && typeof b === "number" ? a - b : null;
          };
    add = (acc) => accumulateItemColumns(acc, columns, subtract === undefined ? {} : { subtract });
  } else if (Array.isArray(data)) {
    const rows = data as ItemRows;
    if (rows.length === 0) {
      throw new ServqualError(
        "empty-input",
        `${fn} requires at least one row (respondent); got an empty matrix`,
      );
    }
    const first = rows[0];
    k = first && typeof first.length === "number" ? first.length : 0;
    n = rows.length;
    read = (i, r) => (rows[r] as ArrayLike<unknown>)[i];
    add = (acc) => accumulateItemRows(acc, rows);
  } else {
    throw invalidArgument(fn, "data", ITEM_DATA, data);
  }
  if (k === 0) throw new ServqualError("empty-input", `${fn}: the rows have no items`);
  const itemNames = options.itemNames ? [...options.itemNames] : defaultItemNames(k);
  if (itemNames.length !== k) {
    invalidOptions(fn, `${itemNames.length} item names for ${k} items`, "itemNames");
  }
  const { scaleMin, scaleMax } = options;
  if ((scaleMin === undefined) !== (scaleMax === undefined)) {
    invalidOptions(fn, "give both scaleMin and scaleMax, or neither", "scaleMin");
  }
  if (scaleMin !== undefined && scaleMax !== undefined) {
    if (!Number.isFinite(scaleMin) || !Number.isFinite(scaleMax) || !(scaleMin < scaleMax)) {
      invalidOptions(
        fn,
        `scaleMin and scaleMax must be finite with scaleMin < scaleMax, got ${scaleMin} and ${scaleMax}`,
        "scaleMin",
      );
    }
  }
  const reverse = resolveItems(options.reverse, itemNames, fn);
  let reverseSum: number | undefined;
  let reverseSumSource: "scale" | "observed" = "scale";
  if (reverse.length > 0) {
    if (scaleMin !== undefined && scaleMax !== undefined) {
      reverseSum = scaleMin + scaleMax;
    } else {
      const { min, max } = observedRange(k, n, read);
      // all answers missing: nothing to recode, any sum will do
      reverseSum = Number.isFinite(min) ? min + max : 0;
      reverseSumSource = "observed";
    }
  }
  const acc = createItemCovarianceAccumulator(k, {
    itemNames,
    reverse,
    ...(reverseSum === undefined ? {} : { reverseSum, reverseSumSource }),
  });
  add(acc);
  return { acc };
}

/** The note every result carries when reverse keys were recoded with the observed range. */
export function recodingWarnings(acc: ItemCovarianceAccumulator): Notice[] {
  if (acc.reverseSumSource !== "observed" || acc.reverseSum === null) return [];
  return [
    notice(
      "observed-recoding",
      `reverse-keyed items were recoded as ${acc.reverseSum} − x, using the observed minimum + maximum over all items (psych::alpha's rule); pass scaleMin and scaleMax to recode with the nominal scale`,
    ),
  ];
}

/**
 * The same data without the named items, with options that follow (item names, reverse keys
 * by name, the scale, the missing mode; `dropConstantItems` off), or null when the data is an
 * accumulator (it cannot be split by item without the rows) or fewer than two items remain.
 */
export function withoutItems<O extends ReliabilityOptions>(
  data: ItemData,
  acc: ItemCovarianceAccumulator,
  drop: readonly string[],
  options: O,
): { data: ItemData; options: ReliabilityOptions } | null {
  if (isAccumulator(data)) return null;
  const keep: number[] = [];
  acc.itemNames.forEach((name, i) => {
    if (!drop.includes(name)) keep.push(i);
  });
  if (keep.length < 2) return null;
  const names = keep.map((i) => acc.itemNames[i] as string);
  const reverse = names.filter((_, position) => acc.reversed[keep[position] as number]);
  let subset: ItemData;
  if (isColumns(data)) {
    const { columns, subtract } = data;
    subset = {
      columns: keep.map((i) => columns[i] as ArrayLike<number | null | undefined>),
      ...(subtract === undefined
        ? {}
        : { subtract: keep.map((i) => subtract[i] as ArrayLike<number | null | undefined>) }),
    };
  } else {
    subset = (data as ItemRows).map((row) => keep.map((i) => row[i]));
  }
  return {
    data: subset,
    options: {
      itemNames: names,
      ...(reverse.length > 0 ? { reverse } : {}),
      ...(options.scaleMin !== undefined && options.scaleMax !== undefined
        ? { scaleMin: options.scaleMin, scaleMax: options.scaleMax }
        : {}),
      ...(options.missing !== undefined ? { missing: options.missing } : {}),
      dropConstantItems: false,
    },
  };
}
