import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { htmt } from "../../src/psychometrics";

describe("htmt (Henseler, Ringle & Sarstedt 2015)", () => {
  // A = {a1, a2}: r = .64; B = {b1, b2}: r = .49; between: .30, .20, .25, .25
  const correlation = [
    [1, 0.64, 0.3, 0.2],
    [0.64, 1, 0.25, 0.25],
    [0.3, 0.25, 1, 0.49],
    [0.2, 0.25, 0.49, 1],
  ];

  it("hand-worked 2 × 2 example", () => {
    // heterotrait mean (.30 + .20 + .25 + .25)/4 = .25; monotrait .64 and .49
    // HTMT = .25/sqrt(.64 · .49) = .25/.56
    const result = htmt({ correlation }, { A: [0, 1], B: [2, 3] });
    expect(result.matrix[0]?.[1]).toBeCloseTo(0.25 / 0.56, 14);
    expect(result.matrix[1]?.[0]).toBeCloseTo(0.25 / 0.56, 14);
    expect(result.matrix[0]?.[0]).toBeNull();
    expect(result.pairs[0]).toMatchObject({
      a: "A",
      b: "B",
      monotraitMeanA: 0.64,
      monotraitMeanB: 0.49,
    });
    expect(result.pairs[0]?.heterotraitMean).toBeCloseTo(0.25, 14);
    expect(result.above085).toEqual([]);
  });

  it("hand-worked 3-item construct: monotrait mean over the 3 pairs", () => {
    // C = {c1, c2, c3} with r = .5, .6, .7 → mean .6; D = {d1, d2} with r = .6;
    // all 6 cross correlations .3 → HTMT = .3/sqrt(.6 · .6) = .5
    const r = [
      [1, 0.5, 0.6, 0.3, 0.3],
      [0.5, 1, 0.7, 0.3, 0.3],
      [0.6, 0.7, 1, 0.3, 0.3],
      [0.3, 0.3, 0.3, 1, 0.6],
      [0.3, 0.3, 0.3, 0.6, 1],
    ];
    const result = htmt(
      { correlation: r, itemNames: ["c1", "c2", "c3", "d1", "d2"] },
      { C: ["c1", "c2", "c3"], D: ["d1", "d2"] },
    );
    expect(result.pairs[0]?.value).toBeCloseTo(0.5, 14);
  });

  it("flags HTMT ≥ .85", () => {
    const r = [
      [1, 0.5, 0.48, 0.47],
      [0.5, 1, 0.46, 0.49],
      [0.48, 0.46, 1, 0.5],
      [0.47, 0.49, 0.5, 1],
    ];
    const result = htmt({ correlation: r }, { A: [0, 1], B: [2, 3] });
    expect(result.above085).toEqual(["A–B"]);
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(
      /discriminant validity is doubtful/,
    );
  });

  it("from data: uses cor(x, use = 'pairwise') and the same reverse keys", () => {
    const rows = [
      [1, 2, 5, 4],
      [2, 2, 4, 5],
      [3, 4, 3, 3],
      [4, 3, 2, 3],
      [5, 5, 1, 1],
      [3, 3, 3, 2],
    ];
    // items 3 and 4 reversed on 1–5: 6 − x; then compare with the correlation route
    const recoded = rows.map(
      ([a, b, c, d]) => [a, b, 6 - (c as number), 6 - (d as number)] as number[],
    );
    const fromData = htmt(
      rows,
      { A: [0, 1], B: [2, 3] },
      { reverse: [2, 3], scaleMin: 1, scaleMax: 5 },
    );
    const fromRecoded = htmt(recoded, { A: [0, 1], B: [2, 3] });
    expect(fromData.matrix[0]?.[1]).toBeCloseTo(fromRecoded.matrix[0]?.[1] as number, 14);
  });

  it("null + warning for a single-item construct or a non-positive monotrait mean", () => {
    const single = htmt({ correlation }, { A: [0], B: [1, 2, 3] });
    expect(single.matrix[0]?.[1]).toBeNull();
    expect(single.warnings.map((w) => w.message).join(" ")).toMatch(/single item/);
    const r = [
      [1, -0.4, 0.3, 0.2],
      [-0.4, 1, 0.25, 0.25],
      [0.3, 0.25, 1, 0.49],
      [0.2, 0.25, 0.49, 1],
    ];
    const negative = htmt({ correlation: r }, { A: [0, 1], B: [2, 3] });
    expect(negative.matrix[0]?.[1]).toBeNull();
    expect(negative.warnings.map((w) => w.message).join(" ")).toMatch(/negatively correlated/);
    // absolute: true uses |r| as semTools does by default: .25/sqrt(.4 · .49)
    const absolute = htmt({ correlation: r }, { A: [0, 1], B: [2, 3] }, { absolute: true });
    expect(absolute.matrix[0]?.[1]).toBeCloseTo(0.25 / Math.sqrt(0.4 * 0.49), 14);
    expect(JSON.stringify([single, negative])).not.toMatch(/NaN|Infinity/);
  });

  it("throws ServqualError for bad groups or matrices", () => {
    expect(() => htmt({ correlation }, { A: [0, 1] })).toThrow(ServqualError);
    expect(() => htmt({ correlation }, { A: [0, 1], B: [1, 2] })).toThrow(ServqualError);
    expect(() => htmt({ correlation }, { A: [0, 1], B: [7] })).toThrow(ServqualError);
    expect(() =>
      htmt(
        {
          correlation: [
            [1, 0.2],
            [0.3, 1],
          ],
        },
        { A: [0], B: [1] },
      ),
    ).toThrow(ServqualError);
    expect(() =>
      htmt(
        {
          correlation: [
            [1, 2],
            [2, 1],
          ],
        },
        { A: [0], B: [1] },
      ),
    ).toThrow(ServqualError);
  });
});
