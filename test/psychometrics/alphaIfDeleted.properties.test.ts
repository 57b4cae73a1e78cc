/**
 * Alpha if item deleted comes from rank-one closed forms and a downdated inverse (no k
 * submatrices). Property: each entry equals cronbachAlpha of the data with that item's column
 * removed (the full computation on the submatrix), on random data, including duplicated items
 * (singular R: the fresh pseudo-inverse path) and missing answers (pairwise cells do not
 * depend on the other items).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cronbachAlpha, itemAnalysis } from "../../src/psychometrics";

function close(actual: number | null | undefined, expected: number | null, what: string) {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const error = Math.abs((actual as number) - expected) / Math.max(1, Math.abs(expected));
  expect(error, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9);
}

const data = fc
  .record({
    k: fc.integer({ min: 3, max: 9 }),
    n: fc.integer({ min: 8, max: 40 }),
    seed: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 400, maxLength: 400 }),
    level: fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 40, maxLength: 40 }),
    duplicate: fc.boolean(),
    missing: fc.boolean(),
  })
  .map(({ k, n, seed, level, duplicate, missing }) => {
    const rows = Array.from({ length: n }, (_, r) =>
      Array.from({ length: k }, (_, i): number | null => {
        if (missing && (r * 7 + i * 3) % 11 === 0) return null;
        return Math.max(1, Math.min(7, (seed[(r * k + i) % 400] as number) + (level[r] as number)));
      }),
    );
    if (duplicate) for (const row of rows) row[k - 1] = row[0] ?? null;
    return rows;
  });

describe("alpha if item deleted equals alpha of the data without the item", () => {
  it("every statistic, random scales", () => {
    fc.assert(
      fc.property(data, (rows) => {
        const k = (rows[0] as unknown[]).length;
        const analysis = itemAnalysis(rows, { dropConstantItems: false });
        if (analysis.constantItems.length > 0) return;
        for (let i = 0; i < k; i++) {
          const without = rows.map((row) => row.filter((_, j) => j !== i));
          const reference = cronbachAlpha(without, { dropConstantItems: false });
          if (reference.constantItems.length > 0 || reference.rawAlpha === null) continue;
          const drop = analysis.items[i]?.alphaIfDeleted;
          close(drop?.rawAlpha, reference.rawAlpha, `raw ${i}`);
          close(drop?.standardizedAlpha, reference.standardizedAlpha, `std ${i}`);
          close(drop?.guttmanLambda6, reference.guttmanLambda6, `G6 ${i}`);
          close(drop?.averageR, reference.averageR, `average r ${i}`);
          close(drop?.medianR, reference.medianR, `median r ${i}`);
          close(drop?.varianceR, reference.varianceR, `var r ${i}`);
          // ase = sqrt(Q/n): Q is a difference that cancels to 0 for perfectly related items,
          // where the square root magnifies rounding; compare Q/n = ase² (null: Q < 0 ≈ 0).
          const q = (drop?.ase ?? 0) ** 2;
          const qReference = (reference.ase ?? 0) ** 2;
          expect(Math.abs(q - qReference), `ase² ${i}`).toBeLessThanOrEqual(
            1e-12 + 1e-9 * qReference,
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});
