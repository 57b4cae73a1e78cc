import type { Issue } from "../_lib/ServqualError";

/**
 * An issue as a report keeps it: code, message, and the row, line and column it names (absent
 * fields left out, so the JSON report has no `undefined` keys).
 *
 * @example
 * reportedIssue({ code: "out-of-range", message: "9 is outside 1..7", row: 4, column: "tbe2" })
 * //=> { code: "out-of-range", message: "9 is outside 1..7", row: 4, column: "tbe2" }
 */
export function reportedIssue(issue: Issue): Issue {
  return {
    code: issue.code,
    message: issue.message,
    ...(issue.row === undefined ? {} : { row: issue.row }),
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.column === undefined ? {} : { column: issue.column }),
  };
}
