import { expectShape } from "./checkArgument";
import type { IssueCode } from "./issueCode";

export type { IssueCode, ZodIssueCode } from "./issueCode";
/**
 * One problem found in the input: where it is and what is wrong, in a sentence a person
 * understands. `row` is the 1-based data row (the header is row 0; for a CSV file, `line` is
 * the 1-based line of the file), `column` the source column name, `path` a location inside a
 * structured value (for example `["dimensions", 2, "items"]`).
 */
export interface Issue {
  /** Machine-readable reason, e.g. `out-of-range`, `not-a-number` (see {@link IssueCode}). */
  readonly code: IssueCode;
  /** What is wrong and what to do about it. */
  readonly message: string;
  readonly row?: number;
  readonly line?: number;
  readonly column?: string;
  readonly path?: readonly (string | number)[];
}

/**
 * Codes of a {@link ServqualError}: the kind of failure, details are in `issues`.
 * - `invalid-argument`: the call itself is wrong (a missing argument, a value of the wrong
 *   kind, e.g. `gap5(undefined)`): the issue names the function, the parameter and what was
 *   expected.
 * - `invalid-options`: an option has a bad value, or is unknown (issue code `unknown-option`,
 *   naming the closest valid option).
 * - `invalid-instrument`, `invalid-input`, `empty-input`, `no-usable-rows`: the call is right
 *   but the instrument or the data are not usable.
 */
export type ServqualErrorCode =
  | "invalid-argument"
  | "invalid-instrument"
  | "invalid-options"
  | "invalid-input"
  | "empty-input"
  | "no-usable-rows"
  | "unsupported";

/**
 * The one error type servqual throws for bad input. It carries a `code` and the list of
 * `issues` (row, column, path and reason for each), so callers can show every problem at once.
 *
 * @example
 * try {
 *   defineInstrument({ id: "x", name: "X", scale: { min: 7, max: 1 }, format: "perception-only", dimensions: [] });
 * } catch (error) {
 *   if (error instanceof ServqualError) console.log(error.issues.map((issue) => issue.message));
 * }
 */
export class ServqualError extends Error {
  readonly code: ServqualErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ServqualErrorCode, message: string, issues: readonly Issue[] = []) {
    super(issues.length > 0 ? `${message}\n${formatIssues(issues)}` : message);
    this.name = "ServqualError";
    this.code = code;
    this.issues = issues;
  }
}

const MAX_LISTED = 20;

function formatIssues(issues: readonly Issue[]): string {
  const lines = issues.slice(0, MAX_LISTED).map((issue) => `  - ${describeIssue(issue)}`);
  if (issues.length > MAX_LISTED) lines.push(`  … and ${issues.length - MAX_LISTED} more`);
  return lines.join("\n");
}

const ISSUE = { what: "an Issue { code, message }", fields: { message: "string" } } as const;

/** One issue as a line of text: `line 12, column E_3: 9 is above the scale maximum 7`. */
export function describeIssue(issue: Issue): string {
  expectShape("describeIssue", "issue", issue, ISSUE);
  const where: string[] = [];
  if (issue.line !== undefined) where.push(`line ${issue.line}`);
  else if (issue.row !== undefined) where.push(`row ${issue.row}`);
  if (issue.column !== undefined) where.push(`column ${issue.column}`);
  if (issue.path !== undefined && issue.path.length > 0) where.push(`at ${issue.path.join(".")}`);
  return where.length > 0 ? `${where.join(", ")}: ${issue.message}` : issue.message;
}
