/** Comparisons of analysis results: numbers to a relative tolerance, everything else exactly. */
import { expect } from "vitest";

/** |actual − expected| ≤ tol·max(1, |expected|), or both null. */
export function close(actual: number | null, expected: number | null, where: string, tol = 1e-9) {
  if (actual === null || expected === null) {
    expect(actual, where).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol * Math.max(1, Math.abs(expected)),
  );
}

/** Deep comparison of two JSON values: numbers to a tolerance, everything else exactly. */
export function expectSameJson(a: unknown, b: unknown, tol: number, path = "$") {
  if (typeof a === "number" && typeof b === "number") {
    close(a, b, path, tol);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((value, i) => {
      expectSameJson(value, b[i], tol, `${path}[${i}]`);
    });
    return;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) {
      expectSameJson(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        tol,
        `${path}.${key}`,
      );
    }
    return;
  }
  expect(a, path).toEqual(b);
}
