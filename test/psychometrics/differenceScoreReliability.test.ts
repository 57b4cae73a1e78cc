import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { differenceScoreReliability } from "../../src/psychometrics";

const base = { reliabilityP: 0.85, reliabilityE: 0.85, varianceP: 1, varianceE: 1 };

describe("differenceScoreReliability", () => {
  it("worked examples of DOMAIN.md §3 (Peter, Churchill & Brown 1993)", () => {
    // r_PP = r_EE = .85, equal variances: r_D = (.85 − r_PE)/(1 − r_PE)
    // r_PE = .50 → .35/.50 = .70
    const a = differenceScoreReliability({ ...base, correlationPE: 0.5 });
    expect(a.reliability).toBeCloseTo(0.7, 14);
    // r_PE = .70 → .15/.30 = .50
    const b = differenceScoreReliability({ ...base, correlationPE: 0.7 });
    expect(b.reliability).toBeCloseTo(0.5, 14);
    expect(b.warnings.map((w) => w.message).join(" ")).toMatch(/below \.70/);
  });

  it("unequal variances, hand-worked", () => {
    // σP² = 4, σE² = 1 (σP = 2, σE = 1), r_PP = .9, r_EE = .8, r_PE = .5
    // numerator 4·.9 + 1·.8 − 2·.5·2·1 = 3.6 + .8 − 2 = 2.4; denominator 4 + 1 − 2 = 3 → .8
    const result = differenceScoreReliability({
      reliabilityP: 0.9,
      reliabilityE: 0.8,
      varianceP: 4,
      varianceE: 1,
      correlationPE: 0.5,
    });
    expect(result.numerator).toBeCloseTo(2.4, 14);
    expect(result.denominator).toBeCloseTo(3, 14);
    expect(result.reliability).toBeCloseTo(0.8, 14);
    expect(result.warnings).toEqual([]);
  });

  const inputs = fc.record({
    reliabilityP: fc.double({ min: 0.3, max: 1, noNaN: true }),
    reliabilityE: fc.double({ min: 0.3, max: 1, noNaN: true }),
    varianceP: fc.double({ min: 0.1, max: 10, noNaN: true }),
    varianceE: fc.double({ min: 0.1, max: 10, noNaN: true }),
    correlationPE: fc.double({ min: -0.95, max: 0.95, noNaN: true }),
  });

  it("equals ((r_PP + r_EE)/2 − r_PE)/(1 − r_PE) when the variances are equal (property)", () => {
    fc.assert(
      fc.property(inputs, (x) => {
        const result = differenceScoreReliability({ ...x, varianceE: x.varianceP });
        const expected =
          ((x.reliabilityP + x.reliabilityE) / 2 - x.correlationPE) / (1 - x.correlationPE);
        expect(result.reliability).toBeCloseTo(expected, 10);
      }),
    );
  });

  it("is unchanged when both scores are rescaled, and symmetric in P and E (property)", () => {
    fc.assert(
      fc.property(inputs, fc.double({ min: 0.1, max: 100, noNaN: true }), (x, c) => {
        const r = differenceScoreReliability(x).reliability as number;
        const scaled = differenceScoreReliability({
          ...x,
          varianceP: x.varianceP * c * c,
          varianceE: x.varianceE * c * c,
        });
        expect(scaled.reliability).toBeCloseTo(r, 9);
        const swapped = differenceScoreReliability({
          ...x,
          reliabilityP: x.reliabilityE,
          reliabilityE: x.reliabilityP,
          varianceP: x.varianceE,
          varianceE: x.varianceP,
        });
        expect(swapped.reliability).toBeCloseTo(r, 9);
        // never more reliable than the more reliable component when r_PE ≥ 0
        if (x.correlationPE >= 0) {
          expect(r).toBeLessThanOrEqual(Math.max(x.reliabilityP, x.reliabilityE) + 1e-12);
        }
      }),
    );
  });

  it("null + warning when Var(P − E) is 0 (equal variances, r_PE = 1)", () => {
    const result = differenceScoreReliability({ ...base, correlationPE: 1 });
    expect(result.reliability).toBeNull();
    expect(result.warnings.map((w) => w.message).join(" ")).toMatch(/variance of the difference/);
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it("throws ServqualError for impossible inputs", () => {
    expect(() => differenceScoreReliability({ ...base, correlationPE: 1.2 })).toThrow(
      ServqualError,
    );
    expect(() => differenceScoreReliability({ ...base, varianceP: -1, correlationPE: 0 })).toThrow(
      ServqualError,
    );
    expect(() =>
      differenceScoreReliability({ ...base, reliabilityP: 1.1, correlationPE: 0 }),
    ).toThrow(ServqualError);
    expect(() => differenceScoreReliability({ ...base, correlationPE: Number.NaN })).toThrow(
      ServqualError,
    );
    expect(() =>
      differenceScoreReliability({
        ...base,
        varianceE: Number.POSITIVE_INFINITY,
        correlationPE: 0,
      }),
    ).toThrow(ServqualError);
  });
});
