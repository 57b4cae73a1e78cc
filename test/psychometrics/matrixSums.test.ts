import { describe, expect, it } from "vitest";
import { matrixSums } from "../../src/psychometrics/matrixSums";

describe("matrixSums", () => {
  it("sums a row-major matrix and each of its columns (hand-worked)", () => {
    // [[1, 2], [3, 4]]: total 10, columns 1 + 3 = 4 and 2 + 4 = 6
    const { total, columns } = matrixSums([1, 2, 3, 4], 2);
    expect(total).toBe(10);
    expect([...columns]).toEqual([4, 6]);
  });

  it("gives zeros for an empty matrix", () => {
    const { total, columns } = matrixSums([], 0);
    expect(total).toBe(0);
    expect(columns.length).toBe(0);
  });
});
