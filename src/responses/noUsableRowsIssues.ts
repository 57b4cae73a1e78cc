import type { Issue } from "../_lib/ServqualError";
import type { ExcludedRow } from "./types";

const MAX_REASONS = 10;
const MAX_CELL_ISSUES = 20;
const MAX_ROWS = 20;
const ROWS_NAMED = 5;

/**
 * The issues of a `no-usable-rows` error, causes first: the column-level findings of the
 * header (an absent facet, absent columns, ignored columns: row 0), then each distinct reason
 * rows were excluded for, once (`rows-excluded`), with how many rows it excluded and the first
 * of them (most frequent reason first), then the first 20 excluded rows one by one
 * (`row-excluded`, all of a row's reasons), then the first 20 cell-level issues. So a file
 * without P columns shows "no column holds the perception answers" first, and each reason is
 * stated once before the rows repeat it.
 *
 * @param issues - The builder's issue log in input order (header findings come first).
 * @param excluded - The excluded rows with their reasons.
 * @returns The header issues, at most 10 reasons, 20 rows and 20 cell issues, causes first.
 *
 * @example
 * noUsableRowsIssues([], [{ row: 1, id: "a", reasons: [{ code: "no-answers", message: "the row has no answers" }] }])[0]
 * //=> { code: "rows-excluded", message: "1 row excluded (data row 1): the row has no answers", row: 1 }
 */
export function noUsableRowsIssues(
  issues: readonly Issue[],
  excluded: readonly ExcludedRow[],
): Issue[] {
  const header = issues.filter((issue) => issue.row === 0);
  const cells = issues.filter((issue) => issue.row !== 0).slice(0, MAX_CELL_ISSUES);
  const groups = new Map<string, { rows: ExcludedRow[]; count: number; order: number }>();
  for (const row of excluded) {
    for (const { message: reason } of row.reasons) {
      let group = groups.get(reason);
      if (group === undefined) {
        group = { rows: [], count: 0, order: groups.size };
        groups.set(reason, group);
      }
      group.count += 1;
      if (group.rows.length < ROWS_NAMED) group.rows.push(row);
    }
  }
  const reasons = [...groups.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.order - b.order)
    .slice(0, MAX_REASONS)
    .map(([reason, group]): Issue => {
      const first = group.rows[0] as ExcludedRow;
      const named = group.rows.map((row) => row.row).join(", ");
      const more = group.count > group.rows.length ? ", …" : "";
      return {
        code: "rows-excluded",
        message: `${group.count} row${group.count === 1 ? "" : "s"} excluded (data row${group.count === 1 ? "" : "s"} ${named}${more}): ${reason}`,
        row: first.row,
        ...(first.line === undefined ? {} : { line: first.line }),
      };
    });
  const rows = excluded.slice(0, MAX_ROWS).map(
    (row): Issue => ({
      code: "row-excluded",
      message: row.reasons.map((reason) => reason.message).join("; "),
      row: row.row,
      ...(row.line === undefined ? {} : { line: row.line }),
    }),
  );
  return [...header, ...reasons, ...rows, ...cells];
}
