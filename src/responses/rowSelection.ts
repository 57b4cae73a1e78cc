import { invalidArgument } from "../_lib/guards";

/**
 * Checks a row selection of a dataset of n respondents: an Int32Array of row indices
 * 0 ≤ r < n (output index i is respondent rows[i]). A row may be listed more than once and then
 * counts once per listing, as in a bootstrap resample; the order does not change any result.
 * `undefined` selects every row and gives null.
 *
 * @param fn - The public function, for the message.
 * @param rows - The selection, or undefined.
 * @param n - Respondents in the dataset.
 * @returns The selection, or null for every row.
 * @throws {ServqualError} `invalid-argument` when rows is not an Int32Array or holds a row
 *   outside 0..n−1 (the first such position is named).
 * @example
 * checkRows("gap5", Int32Array.of(0, 2), 3) //=> Int32Array [0, 2]
 */
export function checkRows(fn: string, rows: unknown, n: number): Int32Array | null {
  if (rows === undefined) return null;
  if (!(rows instanceof Int32Array)) {
    throw invalidArgument(fn, "options.rows", "an Int32Array of row indices", rows);
  }
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    if (r < 0 || r >= n) {
      throw invalidArgument(
        fn,
        "options.rows",
        `an Int32Array of row indices from 0 to ${n - 1}`,
        rows,
        ` (rows[${i}] is ${r})`,
      );
    }
  }
  return rows;
}

/**
 * The values of a column at the selected rows (a copy), or the column itself for every row.
 *
 * @example
 * selectValues(Float64Array.of(1, 2, 3), Int32Array.of(2, 0)) //=> Float64Array [3, 1]
 */
export function selectValues<T extends ArrayLike<number>>(
  column: T,
  rows: Int32Array | null,
): T | Float64Array {
  if (rows === null) return column;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = column[rows[i] as number] as number;
  return out;
}
