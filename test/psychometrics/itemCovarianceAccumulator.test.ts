import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  accumulateItemColumns,
  accumulateItemRows,
  createItemCovarianceAccumulator,
  type ItemCovarianceResult,
  itemCovariance,
  mergeItemCovarianceAccumulators,
} from "../../src/psychometrics";
import { oracleScales } from "./oracleScales";

type Matrix = (number | null)[][];

/**
 * Independent reference: R's cov(x, use = "pairwise") computed the textbook way, cell by cell,
 * two passes over the rows where both items are present.
 */
function naivePairwise(rows: Matrix, k: number) {
  const counts: number[][] = [];
  const cov: (number | null)[][] = [];
  for (let i = 0; i < k; i++) {
    counts.push([]);
    cov.push([]);
    for (let j = 0; j < k; j++) {
      const pairs = rows.filter((r) => r[i] !== null && r[j] !== null);
      const n = pairs.length;
      counts[i]?.push(n);
      if (n < 2) {
        cov[i]?.push(null);
        continue;
      }
      const mi = pairs.reduce((s, r) => s + (r[i] as number), 0) / n;
      const mj = pairs.reduce((s, r) => s + (r[j] as number), 0) / n;
      const c = pairs.reduce((s, r) => s + ((r[i] as number) - mi) * ((r[j] as number) - mj), 0);
      cov[i]?.push(c / (n - 1));
    }
  }
  return { counts, cov };
}

function expectMatrixClose(
  actual: readonly (readonly (number | null)[])[],
  expected: readonly (readonly (number | null)[])[],
  tol = 1e-9,
): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    row.forEach((value, j) => {
      const e = expected[i]?.[j] ?? null;
      if (e === null) expect(value).toBeNull();
      else {
        expect(value).not.toBeNull();
        expect(Math.abs((value as number) - e)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e)));
      }
    });
  });
}

function expectSameResult(a: ItemCovarianceResult, b: ItemCovarianceResult): void {
  expect(a.nRows).toBe(b.nRows);
  expect(a.nCompleteRows).toBe(b.nCompleteRows);
  expect(a.nEmptyRows).toBe(b.nEmptyRows);
  expect(a.counts).toEqual(b.counts);
  expectMatrixClose(a.covariance, b.covariance);
  expectMatrixClose(a.correlation, b.correlation);
  expectMatrixClose([a.means], [b.means]);
}

const likertMatrix = fc.integer({ min: 2, max: 6 }).chain((k) =>
  fc
    .array(
      fc.array(fc.option(fc.integer({ min: 1, max: 7 }), { freq: 6, nil: null }), {
        minLength: k,
        maxLength: k,
      }),
      { minLength: 0, maxLength: 60 },
    )
    .map((rows) => ({ k, rows })),
);

const continuousMatrix = fc.integer({ min: 2, max: 5 }).chain((k) =>
  fc
    .array(
      fc.array(
        fc.option(
          // dyadic fractions: every sum is exact, so merge and one pass must agree whatever the
          // shifts (with arbitrary reals both are accurate to ε·(max |x − shift|)²)
          fc.integer({ min: -8000, max: 8000 }).map((x) => 50 + x / 8),
          {
            freq: 8,
            nil: null,
          },
        ),
        { minLength: k, maxLength: k },
      ),
      { minLength: 0, maxLength: 40 },
    )
    .map((rows) => ({ k, rows })),
);

function onePass(k: number, rows: Matrix) {
  return accumulateItemRows(createItemCovarianceAccumulator(k), rows);
}

describe("item covariance accumulator", () => {
  it("equals cov(x, use = 'pairwise') computed cell by cell (property)", () => {
    fc.assert(
      fc.property(likertMatrix, ({ k, rows }) => {
        const result = itemCovariance(onePass(k, rows));
        const ref = naivePairwise(rows, k);
        expect(result.counts).toEqual(ref.counts);
        expectMatrixClose(result.covariance, ref.cov);
      }),
    );
  });

  it("merge of two halves equals one pass (property, with missing answers)", () => {
    fc.assert(
      fc.property(likertMatrix, fc.nat(), ({ k, rows }, cut) => {
        const split = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const merged = mergeItemCovarianceAccumulators(
          onePass(k, rows.slice(0, split)),
          onePass(k, rows.slice(split)),
        );
        const whole = onePass(k, rows);
        for (const missing of ["pairwise", "listwise"] as const) {
          expectSameResult(itemCovariance(merged, { missing }), itemCovariance(whole, { missing }));
        }
      }),
    );
  });

  it("merge of two halves equals one pass for continuous data and reverse keys (property)", () => {
    fc.assert(
      fc.property(continuousMatrix, fc.nat(), ({ k, rows }, cut) => {
        const split = rows.length === 0 ? 0 : cut % (rows.length + 1);
        const make = () => createItemCovarianceAccumulator(k, { reverse: [0], reverseSum: 3 });
        const merged = mergeItemCovarianceAccumulators(
          accumulateItemRows(make(), rows.slice(0, split)),
          accumulateItemRows(make(), rows.slice(split)),
        );
        const whole = accumulateItemRows(make(), rows);
        expectSameResult(itemCovariance(merged), itemCovariance(whole));
      }),
    );
  });

  it("does not change the accumulators it merges", () => {
    const a = onePass(2, [
      [1, 2],
      [2, 3],
    ]);
    const b = onePass(2, [[3, 5]]);
    const before = itemCovariance(a);
    mergeItemCovarianceAccumulators(a, b);
    expect(itemCovariance(a)).toEqual(before);
  });

  it("reads Float64Array columns (NaN = missing) exactly like rows (property)", () => {
    fc.assert(
      fc.property(likertMatrix, ({ k, rows }) => {
        const columns = Array.from({ length: k }, (_, i) =>
          Float64Array.from(rows, (row) => row[i] ?? Number.NaN),
        );
        const plainColumns = Array.from({ length: k }, (_, i) => rows.map((row) => row[i] ?? null));
        const fromRows = itemCovariance(onePass(k, rows));
        const fromColumns = itemCovariance(
          accumulateItemColumns(createItemCovarianceAccumulator(k), columns),
        );
        const fromPlain = itemCovariance(
          accumulateItemColumns(createItemCovarianceAccumulator(k), plainColumns),
        );
        expectSameResult(fromColumns, fromRows);
        expectSameResult(fromPlain, fromRows);
      }),
    );
  });

  it("recodes reverse-keyed items as reverseSum − x", () => {
    // hand-worked: item 3 = (7, 5) becomes (1, 3); every column is then (a, a + 2):
    // variance ((−1)² + 1²)/1 = 2, every covariance 2
    const acc = createItemCovarianceAccumulator(3, { reverse: [2], reverseSum: 8 });
    accumulateItemRows(acc, [
      [1, 2, 7],
      [3, 4, 5],
    ]);
    const result = itemCovariance(acc);
    expect(result.covariance).toEqual([
      [2, 2, 2],
      [2, 2, 2],
      [2, 2, 2],
    ]);
    expect(result.means).toEqual([2, 3, 2]);
    expect(result.reversed).toEqual([false, false, true]);
  });

  it("hand-worked pairwise example: counts, covariance and complete cases", () => {
    // x = (1, 2, 3), y = (2, NA, 5): pairs (1,2), (3,5): cov = ((1−2)(2−3.5) + (3−2)(5−3.5))/1 = 3
    // var x = 1 (three rows), var y = (1.5² + 1.5²)/1 = 4.5; complete cases: rows 1 and 3 only
    const acc = onePass(2, [
      [1, 2],
      [2, null],
      [3, 5],
    ]);
    const pairwise = itemCovariance(acc);
    expect(pairwise.counts).toEqual([
      [3, 2],
      [2, 2],
    ]);
    expect(pairwise.covariance).toEqual([
      [1, 3],
      [3, 4.5],
    ]);
    expect(pairwise.correlation[0]?.[1]).toBeCloseTo(1, 15);
    const complete = itemCovariance(acc, { missing: "listwise" });
    expect(complete.covariance).toEqual([
      [2, 3],
      [3, 4.5],
    ]);
    expect(complete.nCompleteRows).toBe(2);
  });

  it("matches psych::pairwiseCount on msq_arousal (smallest and largest pairwise n)", () => {
    for (const scale of oracleScales().filter((s) => s.label.startsWith("msq"))) {
      const acc = onePass(scale.items.length, scale.rows);
      const counts = itemCovariance(acc).counts;
      const off = counts.flatMap((row, i) => row.filter((_, j) => j !== i));
      expect(Math.min(...off)).toBe(scale.alpha.pairwise.pairwise_n_min);
      expect(Math.max(...off)).toBe(scale.alpha.pairwise.pairwise_n_max);
      expect(itemCovariance(acc).nCompleteRows).toBe(scale.alpha.pairwise.n_complete_rows);
    }
  });

  it("counts empty rows and gives null (with a warning) where fewer than 2 rows exist", () => {
    const acc = onePass(2, [
      [null, null],
      [1, null],
    ]);
    const result = itemCovariance(acc);
    expect(result.nEmptyRows).toBe(1);
    expect(result.covariance).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(result.means).toEqual([1, null]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it("throws ServqualError for a ragged matrix", () => {
    expect(() =>
      onePass(3, [
        [1, 2, 3],
        [1, 2],
      ]),
    ).toThrow(ServqualError);
  });

  it("throws ServqualError for Infinity and for non-numbers, naming row and item", () => {
    try {
      onePass(2, [
        [1, 2],
        [1, Number.POSITIVE_INFINITY],
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      expect((error as ServqualError).issues[0]).toMatchObject({ row: 2, column: "item2" });
    }
    expect(() =>
      accumulateItemColumns(createItemCovarianceAccumulator(1), [Float64Array.of(1, -Infinity)]),
    ).toThrow(ServqualError);
    expect(() => onePass(2, [[1, "2" as unknown as number]])).toThrow(ServqualError);
  });

  it("throws ServqualError for columns of unequal length or the wrong count", () => {
    const acc = createItemCovarianceAccumulator(2);
    expect(() => accumulateItemColumns(acc, [[1, 2], [1]])).toThrow(ServqualError);
    expect(() => accumulateItemColumns(acc, [[1, 2]])).toThrow(ServqualError);
  });

  it("refuses to merge accumulators of different items or keys", () => {
    expect(() =>
      mergeItemCovarianceAccumulators(
        createItemCovarianceAccumulator(2),
        createItemCovarianceAccumulator(3),
      ),
    ).toThrow(ServqualError);
    expect(() =>
      mergeItemCovarianceAccumulators(
        createItemCovarianceAccumulator(2, { reverse: [1], reverseSum: 8 }),
        createItemCovarianceAccumulator(2),
      ),
    ).toThrow(ServqualError);
  });

  it("rejects bad construction options", () => {
    expect(() => createItemCovarianceAccumulator(0)).toThrow(ServqualError);
    expect(() => createItemCovarianceAccumulator(2, { reverse: [2], reverseSum: 8 })).toThrow(
      ServqualError,
    );
    expect(() => createItemCovarianceAccumulator(2, { reverse: [1] })).toThrow(ServqualError);
    expect(() => createItemCovarianceAccumulator(2, { itemNames: ["a"] })).toThrow(ServqualError);
  });

  it("stays accurate for data far from zero (shifted sums)", () => {
    // x = 1e9 + (1, 2, 3), y = 1e9 + (2, 4, 7): var x = 1, cov = ((−1)(−2.333…) + (1)(2.666…))/2 = 2.5
    const base = 1e9;
    const acc = onePass(2, [
      [base + 1, base + 2],
      [base + 2, base + 4],
      [base + 3, base + 7],
    ]);
    const c = itemCovariance(acc).covariance;
    expect(c[0]?.[0]).toBe(1);
    expect(c[0]?.[1]).toBeCloseTo(2.5, 12);
  });
});

describe("gap columns without building them (subtract)", () => {
  it("columns − subtract equals accumulating the differences (property)", () => {
    fc.assert(
      fc.property(likertMatrix, likertMatrix, ({ k, rows }, other) => {
        const e = rows.map((row, r) => row.map((_, i) => other.rows[r]?.[i] ?? 4));
        const gap = rows.map((row, r) =>
          row.map((p, i) => {
            const ev = e[r]?.[i] ?? null;
            return p === null || ev === null ? null : p - ev;
          }),
        );
        const pCols = Array.from({ length: k }, (_, i) =>
          Float64Array.from(rows, (row) => row[i] ?? Number.NaN),
        );
        const eCols = Array.from({ length: k }, (_, i) =>
          Float64Array.from(e, (row) => row[i] ?? Number.NaN),
        );
        const fromGap = itemCovariance(onePass(k, gap));
        const typed = itemCovariance(
          accumulateItemColumns(createItemCovarianceAccumulator(k), pCols, { subtract: eCols }),
        );
        const plain = itemCovariance(
          accumulateItemColumns(
            createItemCovarianceAccumulator(k),
            pCols.map((c) => Array.from(c)),
            { subtract: eCols.map((c) => Array.from(c, (v) => (Number.isNaN(v) ? null : v))) },
          ),
        );
        expectSameResult(typed, fromGap);
        expectSameResult(plain, fromGap);
      }),
    );
  });

  it("throws ServqualError for Infinity on either side or mismatched subtract columns", () => {
    const acc = () => createItemCovarianceAccumulator(2);
    const p = [Float64Array.of(1, 2), Float64Array.of(3, 4)];
    expect(() =>
      accumulateItemColumns(acc(), p, {
        subtract: [Float64Array.of(1, Infinity), Float64Array.of(1, 1)],
      }),
    ).toThrow(ServqualError);
    expect(() => accumulateItemColumns(acc(), p, { subtract: [Float64Array.of(1, 2)] })).toThrow(
      ServqualError,
    );
    expect(() =>
      accumulateItemColumns(acc(), p, { subtract: [Float64Array.of(1), Float64Array.of(1)] }),
    ).toThrow(ServqualError);
  });
});
