import { ServqualError } from "../_lib/ServqualError";
import type { AnswerColumn, Dataset } from "../responses/types";

/** A precomputed per-item result as checked here: item ids, and per item n and mean. */
export interface ItemFigures {
  readonly item: string;
  readonly n: number;
  readonly mean: number | null;
}

/**
 * Checks that a result handed to an analysis (e.g. gap5's to importancePerformance) was
 * computed from this dataset: the same items in the same order, and per item the same number
 * of answers and the same mean, recomputed in one pass over the answer columns (O(n·k), the
 * cost of reading the columns once, far below the analysis it replaces). Means agree to 1e-9
 * relative, allowing for a different summation order.
 *
 * `delivered − required` per item when `required` is given (a gap), else the mean of
 * `delivered` (a SERVPERF score). With `rows`, over those respondents (each listing counts),
 * as the result of an analysis run with the same `rows`.
 *
 * @throws {ServqualError} `invalid-input` naming the option, the item and what differs.
 *
 * @example
 * checkResultMatchesDataset("importancePerformance", "gaps", dataset, figures, E, P);
 */
export function checkResultMatchesDataset(
  fn: string,
  option: string,
  dataset: Dataset,
  figures: readonly ItemFigures[],
  required: readonly AnswerColumn[] | null,
  delivered: readonly AnswerColumn[],
  rows: Int32Array | null = null,
): void {
  const ids = dataset.instrument.dimensions.flatMap((d) => d.items.map((item) => item.id));
  const fail = (message: string, index?: number): never => {
    throw new ServqualError(
      "invalid-input",
      `${fn}: options.${option} was not computed from this dataset${rows === null ? "" : " and selection of rows"} (${message}); pass the result of the same dataset, instrument and rows, or leave ${option} out to compute it.`,
      [
        {
          code: "result-mismatch",
          message,
          path: index === undefined ? [option] : [option, "items", index],
        },
      ],
    );
  };
  if (figures.length !== ids.length) {
    fail(`it has ${figures.length} items, the dataset's instrument has ${ids.length}`);
  }
  const count = rows === null ? dataset.n : rows.length;
  ids.forEach((id, i) => {
    const figure = figures[i] as ItemFigures;
    if (figure.item !== id) fail(`item ${i + 1} is "${figure.item}", expected "${id}"`, i);
    const p = delivered[i] as AnswerColumn;
    const e = required === null ? null : (required[i] as AnswerColumn);
    let n = 0;
    let sum = 0;
    for (let at = 0; at < count; at++) {
      const r = rows === null ? at : (rows[at] as number);
      const value = e === null ? (p[r] as number) : (p[r] as number) - (e[r] as number);
      if (Number.isNaN(value)) continue;
      n += 1;
      sum += value;
    }
    if (figure.n !== n) fail(`item "${id}" has n ${figure.n}, the dataset has ${n}`, i);
    const mean = n > 0 ? sum / n : null;
    const same =
      mean === null
        ? figure.mean === null
        : figure.mean !== null &&
          Math.abs(figure.mean - mean) <= 1e-9 * Math.max(1, Math.abs(mean));
    if (!same) fail(`item "${id}" has mean ${figure.mean}, the dataset gives ${mean}`, i);
  });
}
