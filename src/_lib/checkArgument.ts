import { ServqualError } from "./ServqualError";

/** What a value is, for a message: `undefined`, `null`, `an array`, `a string`, `an object`… */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return "an array";
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === "object") return "an object";
  return typeof value === "number" && Number.isNaN(value) ? "NaN" : `a ${typeof value}`;
}

/**
 * The error for a call with a wrong argument: `invalid-argument`, naming the function, the
 * parameter, what was expected and what came.
 *
 * @example
 * invalidArgument("gap5", "dataset", "a Dataset", undefined).message
 * //=> "gap5: the argument dataset is not valid.\n  - at dataset: dataset must be a Dataset, not undefined"
 */
export function invalidArgument(
  fn: string,
  param: string,
  expected: string,
  value: unknown,
  detail = "",
): ServqualError {
  const message = `${param} must be ${expected}, not ${describeValue(value)}${detail}`;
  return new ServqualError("invalid-argument", `${fn}: the argument ${param} is not valid.`, [
    { code: "invalid-argument", message, path: param.split(".") },
  ]);
}

/** True for a non-null object that is not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Field kinds {@link expectShape} checks with `typeof` (O(1) each): `array` is an array or a
 * typed array, `array-like` anything non-null with a numeric `length`.
 */
export type FieldKind =
  | "object"
  | "array"
  | "array-like"
  | "number"
  | "string"
  | "function"
  | "boolean";

/** A structural signature: what a value is called in messages and the fields it must have. */
export interface Shape {
  /** e.g. `a Dataset (from validateResponses or readResponsesCsv)`. */
  readonly what: string;
  readonly fields: Readonly<Record<string, FieldKind>>;
}

function hasKind(value: unknown, kind: FieldKind): boolean {
  if (kind === "array") return Array.isArray(value) || ArrayBuffer.isView(value);
  if (kind === "array-like") {
    return (
      value !== null &&
      value !== undefined &&
      typeof (value as ArrayLike<unknown>).length === "number"
    );
  }
  if (kind === "object") return typeof value === "object" && value !== null;
  return typeof value === kind;
}

/**
 * Checks that an argument has a shape: an object whose fields have the listed kinds. O(fields),
 * never a walk over the data. Functions called once per cell or pair check one field directly
 * instead (`typeof scale?.step !== "number"`): a few hundred nanoseconds matter there.
 *
 * @throws {ServqualError} `invalid-argument` naming the function, the parameter and the field.
 */
export function expectShape(fn: string, param: string, value: unknown, shape: Shape): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidArgument(fn, param, shape.what, value);
  }
  for (const field in shape.fields) {
    const actual = (value as Record<string, unknown>)[field];
    if (!hasKind(actual, shape.fields[field] as FieldKind)) {
      const got = field in value ? `${describeValue(actual)} as` : "no";
      throw invalidArgument(fn, param, shape.what, value, ` with ${got} '${field}'`);
    }
  }
}

/**
 * Checks an argument's kind (`typeof`; `array` also accepts typed arrays).
 *
 * @throws {ServqualError} `invalid-argument`.
 */
export function expectKind(
  fn: string,
  param: string,
  value: unknown,
  kind: FieldKind,
  expected: string,
): void {
  if (!hasKind(value, kind) || (kind === "object" && Array.isArray(value))) {
    throw invalidArgument(fn, param, expected, value);
  }
}

/**
 * Checks that an argument is one of a few names.
 *
 * @throws {ServqualError} `invalid-argument` listing the allowed names.
 */
export function expectOneOf(
  fn: string,
  param: string,
  value: unknown,
  allowed: readonly string[],
): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    const detail = typeof value === "string" ? ` "${value}"` : "";
    throw invalidArgument(
      fn,
      param,
      `one of ${allowed.map((a) => `"${a}"`).join(", ")}`,
      value,
      detail,
    );
  }
}
