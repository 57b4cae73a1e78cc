import type { NoticeCode } from "../_lib/notice";
import type { Issue } from "../_lib/ServqualError";
import type { ExcludedRow } from "./types";

const MAX_REASONS = 10;
const MAX_CELL_ISSUES = 20;
const MAX_ROWS = 20;
const ROWS_NAMED = 5;

/**
 * The issues of a `no-usable-rows` error, causes first: the column-level findings of the
 * header (an absent facet, absent columns, ignored columns: row 0), then each reason rows
 * were excluded for, once (`rows-excluded`): reasons are grouped by their code (so "the
 * population "x" is not one of …" and "the population "y" …" are one reason,
 * `unknown-population`), with how many rows it excluded, the first of them and the first
 * row's sentence (most frequent reason first), then the first 20 excluded rows one by one
 * (`row-excluded`, all of a row's reasons), then the first 20 cell-level issues. So a file
 * without P columns shows "no column holds the perception answers" first, and each reason is
 * stated once before the rows repeat it.
 *
 * @param issues - The builder's issue log in input order (header findings come first).
 * @param excluded - The excluded rows with their reasons.
 * A reason whose rows have different sentences (the population named, the cells counted) shows
 * the first row's sentence, marked "(the first of them; reason CODE)".
 *
 * @returns The header issues, at most 10 reasons, 20 rows and 20 cell issues, causes first.
 *
 * @example
 * noUsableRowsIssues([], [{ row: 1, id: "a", reasons: [{ code: "no-answers", message: "the row has no usable answer (every answer blank or refused: see its issues)" }] }])[0]
 * //=> { code: "rows-excluded", message: "1 row excluded (data row 1): the row has no usable answer (every answer blank or refused: see its issues)", row: 1 }
 */
export function noUsableRowsIssues(
  issues: readonly Issue[],
  excluded: readonly ExcludedRow[],
): Issue[] {
  const header = issues.filter((issue) => issue.row === 0);
  const cells = issues.filter((issue) => issue.row !== 0).slice(0, MAX_CELL_ISSUES);
  const groups = new Map<
    NoticeCode,
    { rows: ExcludedRow[]; count: number; order: number; message: string; worded: Set<string> }
  >();
  for (const row of excluded) {
    for (const { code, message } of row.reasons) {
      let group = groups.get(code);
      if (group === undefined) {
        group = { rows: [], count: 0, order: groups.size, message, worded: new Set() };
        groups.set(code, group);
      }
      group.count += 1;
      if (group.worded.size < 2) group.worded.add(message);
      if (group.rows.length < ROWS_NAMED) group.rows.push(row);
    }
  }
  const reasons = [...groups.entries()]
    .sort(([, a], [, b]) => b.count - a.count || a.order - b.order)
    .slice(0, MAX_REASONS)
    .map(([code, group]): Issue => {
      const first = group.rows[0] as ExcludedRow;
      const named = group.rows.map((row) => row.row).join(", ");
      const more = group.count > group.rows.length ? ", …" : "";
      const varies = group.worded.size > 1 ? ` (the first of them; reason ${code})` : "";
      return {
        code: "rows-excluded",
        message: `${group.count} row${group.count === 1 ? "" : "s"} excluded (data row${group.count === 1 ? "" : "s"} ${named}${more}): ${group.message}${varies}`,
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
