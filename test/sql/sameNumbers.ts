/** Deep equality of two results with a relative tolerance for numbers (the SQL parity check). */
import { expect } from "vitest";

/**
 * Walks two JSON values together: numbers that are both integers must be equal (counts), other
 * numbers agree to `relative` (|a − b| ≤ relative·max(|a|, |b|)) or differ by at most `floor`
 * in absolute terms: a quantity near 0 (a p-value of 1e-50 from t ≈ 15, the variance of
 * near-equal correlations) inherits the last-place differences of sums added in another order
 * and can differ by more than 1e-12 relative while both are exact to 1e-16 absolute; strings,
 * booleans, null and the shape of arrays and objects must be the same.
 */
export function expectSameNumbers(
  actual: unknown,
  expected: unknown,
  relative = 1e-12,
  floor = 1e-13,
  path = "$",
): void {
  if (typeof actual === "number" && typeof expected === "number") {
    if (Number.isInteger(actual) && Number.isInteger(expected)) {
      expect(actual, path).toBe(expected);
      return;
    }
    const difference = Math.abs(actual - expected);
    const ok =
      difference <= relative * Math.max(Math.abs(actual), Math.abs(expected)) ||
      difference <= floor;
    expect(ok, `${path}: ${actual} vs ${expected} (difference ${difference})`).toBe(true);
    return;
  }
  if (Array.isArray(actual) && Array.isArray(expected)) {
    expect(actual.length, `${path}.length`).toBe(expected.length);
    actual.forEach((value, i) => {
      expectSameNumbers(value, expected[i], relative, floor, `${path}[${i}]`);
    });
    return;
  }
  if (
    actual !== null &&
    expected !== null &&
    typeof actual === "object" &&
    typeof expected === "object"
  ) {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const key of Object.keys(expected)) {
      expectSameNumbers(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        relative,
        floor,
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}
