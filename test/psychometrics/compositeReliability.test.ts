import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { compositeReliability, mcdonaldOmega } from "../../src/psychometrics";

describe("compositeReliability (Fornell & Larcker 1981)", () => {
  it("hand-worked: loadings .7, .8, .9", () => {
    // Σλ = 2.4, (Σλ)² = 5.76; Σ(1 − λ²) = .51 + .36 + .19 = 1.06 → CR = 5.76/6.82
    const cr = compositeReliability([0.7, 0.8, 0.9]);
    expect(cr.value).toBeCloseTo(5.76 / 6.82, 14);
    expect(cr.meetsThreshold).toBe(true);
  });

  it("hand-worked: weak loadings .5, .5, .5, .5 fall below .70", () => {
    // CR = 4/(4 + 4·.75) = 4/7; AVE = .25
    expect(compositeReliability([0.5, 0.5, 0.5, 0.5]).value).toBeCloseTo(4 / 7, 14);
    expect(compositeReliability([0.5, 0.5, 0.5, 0.5]).meetsThreshold).toBe(false);
  });

  it("CR of one-factor minres loadings equals the model-implied omega", () => {
    // CR = (Σλ)²/((Σλ)² + Σ(1 − λ²)) is the model-implied omega of a standardised solution
    const rows = [
      [3, 2, 2, 3],
      [2, 3, 3, 3],
      [1, 2, 1, 1],
      [2, 2, 2, 4],
      [2, 1, 1, 2],
      [1, 1, 1, 2],
      [5, 4, 4, 5],
      [4, 4, 4, 2],
      [3, 4, 2, 3],
      [1, 3, 3, 2],
    ];
    const omega = mcdonaldOmega(rows);
    const cr = compositeReliability(omega.loadings as number[]);
    expect(cr.value).toBeCloseTo(omega.omegaModelImplied as number, 12);
  });

  it("null + warning for a Heywood loading; warning for a negative loading", () => {
    const heywood = compositeReliability([0.7, 1.05, 0.6]);
    expect(heywood.value).toBeNull();
    expect(heywood.warnings.map((w) => w.message).join(" ")).toMatch(/Heywood/);
    const negative = compositeReliability([0.7, -0.6, 0.8]);
    expect(negative.value).not.toBeNull();
    expect(negative.warnings.map((w) => w.message).join(" ")).toMatch(/negative loading\(s\) #2/);
  });

  it("throws ServqualError for no loadings or non-finite ones", () => {
    expect(() => compositeReliability([])).toThrow(ServqualError);
    expect(() => compositeReliability([0.5, Number.POSITIVE_INFINITY])).toThrow(ServqualError);
  });
});
