import { ServqualError } from "../_lib/ServqualError";
import type { Dataset } from "../responses/types";

/**
 * The customer id of each respondent of a dataset: the value of the segment column
 * `customerColumn` when one is named (a survey whose respondent ids are not the CRM's customer
 * ids), else the respondent id itself. A blank cell gives null (the respondent cannot be
 * joined to a customer and is reported, never dropped).
 *
 * @throws {ServqualError} `invalid-input` (`missing-segment-column`) when the dataset has no
 *   segment column of that name.
 */
export function customerIds(
  fn: string,
  dataset: Dataset,
  customerColumn: string | undefined,
): readonly (string | null)[] {
  if (customerColumn === undefined) return dataset.ids;
  const column = dataset.segments.find((s) => s.name === customerColumn);
  if (column === undefined) {
    throw new ServqualError("invalid-input", `${fn}: no customer column "${customerColumn}".`, [
      {
        code: "missing-segment-column",
        message: `the dataset has no segment column "${customerColumn}" (segments: ${dataset.segments.map((s) => s.name).join(", ") || "none"}); read it with options.columns.segments`,
        column: customerColumn,
        path: ["options", "customerColumn"],
      },
    ]);
  }
  return column.values;
}
