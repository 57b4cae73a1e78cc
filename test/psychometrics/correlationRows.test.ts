import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/_lib/ServqualError";
import { fornellLarckerCriterion, htmt } from "../../src/psychometrics";
import { readCorrelationRows } from "../../src/psychometrics/correlationRows";

describe("readCorrelationRows", () => {
  it("returns a valid matrix row-major with no issues", () => {
    const issues: Issue[] = [];
    const r = readCorrelationRows(
      [
        [1, 0.3],
        [0.3, 1],
      ],
      2,
      "correlation",
      issues,
    );
    expect(issues).toEqual([]);
    expect([...r]).toEqual([1, 0.3, 0.3, 1]);
  });

  it("names row and column of a short row, an out-of-range cell and an asymmetric pair", () => {
    const issues: Issue[] = [];
    readCorrelationRows(
      [
        [1, 0.2, 0.4],
        [0.5, 1, 1.5],
        [0.4, 0.1],
      ],
      3,
      "correlations",
      issues,
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["out-of-range", ["correlations", 1, 2]],
      ["not-square", ["correlations", 2]],
      ["not-symmetric", ["correlations", 1, 0]],
    ]);
  });

  it("both users reject an asymmetric matrix with a coded issue", () => {
    const asymmetric = [
      [1, 0.2, 0.3],
      [0.25, 1, 0.3],
      [0.3, 0.3, 1],
    ];
    expect(() => htmt({ correlation: asymmetric }, { a: [0], b: [1, 2] })).toThrow(
      /\[2, 1\] and \[1, 2\] differ/,
    );
    expect(() =>
      fornellLarckerCriterion({ ave: [0.5, 0.5, 0.5], correlations: asymmetric }),
    ).toThrow(/\[2, 1\] and \[1, 2\] differ/);
  });
});
