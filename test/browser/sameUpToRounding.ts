import { expect } from "vitest";

/**
 * Asserts that two JSON values have the same shape, the same strings, booleans and nulls, and
 * numbers equal up to `relative` of their magnitude: |a − b| ≤ relative · max(|a|, |b|).
 * ECMAScript leaves the last bits of `Math.exp`, `Math.log` and `Math.pow` to the engine, so
 * the p-values of one build can differ in the 16th digit between Node's V8 and a browser's
 * newer V8 (seen: 0.06119881963751294 against 0.061198819637512926). Everything else must match
 * exactly.
 *
 * @example
 * expectSameUpToRounding({ p: 0.1 + 0.2 }, { p: 0.3 }, 1e-12) // passes
 */
export function expectSameUpToRounding(
  actual: unknown,
  expected: unknown,
  relative: number,
  path = "$",
): void {
  if (typeof expected === "number" && typeof actual === "number") {
    if (actual === expected) return;
    const bound = relative * Math.max(Math.abs(actual), Math.abs(expected));
    if (!(Math.abs(actual - expected) <= bound)) {
      expect.fail(`${path}: ${actual} is not within ${relative} (relative) of ${expected}`);
    }
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => {
      expectSameUpToRounding(list[i], item, relative, `${path}[${i}]`);
    });
    return;
  }
  if (expected !== null && typeof expected === "object") {
    expect(actual !== null && typeof actual === "object" && !Array.isArray(actual), path).toBe(
      true,
    );
    const record = actual as Record<string, unknown>;
    const wanted = expected as Record<string, unknown>;
    expect(Object.keys(record).sort(), `${path} keys`).toEqual(Object.keys(wanted).sort());
    for (const key of Object.keys(wanted)) {
      expectSameUpToRounding(record[key], wanted[key], relative, `${path}.${key}`);
    }
    return;
  }
  expect(actual, path).toBe(expected);
}
