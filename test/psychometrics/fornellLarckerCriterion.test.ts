import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { fornellLarckerCriterion } from "../../src/psychometrics";

describe("fornellLarckerCriterion", () => {
  it("hand-worked: passes when every AVE exceeds r²", () => {
    // r = .7 → r² = .49 < .60 and < .55
    const result = fornellLarckerCriterion({
      constructs: ["trust", "commitment"],
      ave: [0.6, 0.55],
      correlations: [
        [1, 0.7],
        [0.7, 1],
      ],
    });
    expect(result.discriminant).toBe(true);
    expect(result.pairs[0]?.sharedVariance).toBeCloseTo(0.49, 14);
    expect(result.sqrtAve[0]).toBeCloseTo(Math.sqrt(0.6), 14);
    expect(result.warnings).toEqual([]);
  });

  it("hand-worked: fails, naming the construct, when r² reaches an AVE", () => {
    // r = −.8 → r² = .64 > AVE .55 of B (sign does not matter)
    const result = fornellLarckerCriterion({
      constructs: ["A", "B", "C"],
      ave: [0.7, 0.55, 0.6],
      correlations: [
        [1, -0.8, 0.3],
        [-0.8, 1, 0.2],
        [0.3, 0.2, 1],
      ],
    });
    expect(result.discriminant).toBe(false);
    expect(result.pairs.map((p) => p.discriminant)).toEqual([false, true, true]);
    expect(result.warnings[0]?.message).toMatch(/B \(AVE 0.550\)/);
  });

  it("throws ServqualError for malformed inputs", () => {
    expect(() => fornellLarckerCriterion({ ave: [0.5], correlations: [[1]] })).toThrow(
      ServqualError,
    );
    expect(() =>
      fornellLarckerCriterion({
        ave: [0.5, 1.2],
        correlations: [
          [1, 0.2],
          [0.2, 1],
        ],
      }),
    ).toThrow(ServqualError);
    expect(() =>
      fornellLarckerCriterion({
        ave: [0.5, 0.5],
        correlations: [
          [1, 0.2],
          [0.3, 1],
        ],
      }),
    ).toThrow(ServqualError);
  });
});
