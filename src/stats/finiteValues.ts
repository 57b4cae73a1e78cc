import { invalidArgument } from "../_lib/guards";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import type { NumericInput } from "./types";

/** Values that remain after dropping missing entries, and how many were dropped. */
export interface FiniteValues {
  readonly values: Float64Array;
  readonly missing: number;
}

const MAX_ISSUES = 20;

function isMissing(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))
  );
}

function badValueIssue(fn: string, arg: string, index: number, value: unknown): Issue {
  if (typeof value === "number") {
    return {
      code: "not-finite",
      message: `${fn}: ${arg}[${index}] is ${value}; only finite numbers (or null/NaN for missing) are allowed`,
      path: [arg, index],
    };
  }
  return {
    code: "not-a-number",
    message: `${fn}: ${arg}[${index}] is ${typeof value}, not a number`,
    path: [arg, index],
  };
}

function throwBadValues(fn: string, issues: readonly Issue[]): never {
  throw new ServqualError(
    "invalid-input",
    `${fn} requires finite numbers (null or NaN mark a missing value)`,
    issues,
  );
}

/**
 * Copies the finite values of `input` into a Float64Array, dropping and counting missing ones
 * (`null`, `undefined`, `NaN`).
 *
 * @throws {ServqualError} `invalid-input` for `±Infinity` or a non-number entry.
 */
export function finiteValues(input: NumericInput, fn: string, arg = "values"): FiniteValues {
  if (input === null || input === undefined || typeof input.length !== "number") {
    throw invalidArgument(fn, arg, "an array of numbers", input);
  }
  const out = new Float64Array(input.length);
  let n = 0;
  let missing = 0;
  const issues: Issue[] = [];
  for (let i = 0; i < input.length; i++) {
    const value: unknown = input[i];
    if (typeof value === "number" && Number.isFinite(value)) {
      out[n++] = value;
    } else if (isMissing(value)) {
      missing++;
    } else if (issues.length < MAX_ISSUES) {
      issues.push(badValueIssue(fn, arg, i, value));
    }
  }
  if (issues.length > 0) throwBadValues(fn, issues);
  return { values: n === out.length ? out : out.slice(0, n), missing };
}

/** Complete pairs of two equally long inputs. */
export interface CompletePairs {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Pairs dropped because x or y (or both) was missing. */
  readonly missing: number;
}

/**
 * The complete pairs (x[i], y[i]) of two inputs of equal length, as R's `complete.cases(x, y)`.
 *
 * @throws {ServqualError} `invalid-input` (issue `length-mismatch`) when the lengths differ, and
 *   for `±Infinity` or non-number entries.
 */
export function completePairs(x: NumericInput, y: NumericInput, fn: string): CompletePairs {
  if (x === null || x === undefined || typeof x.length !== "number") {
    throw invalidArgument(fn, "x", "an array of numbers", x);
  }
  if (y === null || y === undefined || typeof y.length !== "number") {
    throw invalidArgument(fn, "y", "an array of numbers", y);
  }
  if (x.length !== y.length) {
    throw new ServqualError("invalid-input", `${fn} requires x and y of equal length`, [
      {
        code: "length-mismatch",
        message: `x has ${x.length} values, y has ${y.length}`,
      },
    ]);
  }
  const outX = new Float64Array(x.length);
  const outY = new Float64Array(x.length);
  let n = 0;
  let missing = 0;
  const issues: Issue[] = [];
  for (let i = 0; i < x.length; i++) {
    const a: unknown = x[i];
    const b: unknown = y[i];
    const aOk = typeof a === "number" && Number.isFinite(a);
    const bOk = typeof b === "number" && Number.isFinite(b);
    if (!aOk && !isMissing(a) && issues.length < MAX_ISSUES)
      issues.push(badValueIssue(fn, "x", i, a));
    if (!bOk && !isMissing(b) && issues.length < MAX_ISSUES)
      issues.push(badValueIssue(fn, "y", i, b));
    if (aOk && bOk) {
      outX[n] = a as number;
      outY[n] = b as number;
      n++;
    } else {
      missing++;
    }
  }
  if (issues.length > 0) throwBadValues(fn, issues);
  return {
    x: n === outX.length ? outX : outX.slice(0, n),
    y: n === outY.length ? outY : outY.slice(0, n),
    missing,
  };
}
