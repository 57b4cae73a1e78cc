import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { averageVarianceExtracted } from "../../src/psychometrics";

describe("averageVarianceExtracted (Fornell & Larcker 1981)", () => {
  it("hand-worked: loadings .7, .8, .9 → (.49 + .64 + .81)/3", () => {
    const ave = averageVarianceExtracted([0.7, 0.8, 0.9]);
    expect(ave.value).toBeCloseTo(1.94 / 3, 14);
    expect(ave.meetsThreshold).toBe(true);
    expect(ave.warnings).toEqual([]);
  });

  it("hand-worked: loadings .5 × 4 → .25, below the .50 cut-off", () => {
    const ave = averageVarianceExtracted([0.5, 0.5, 0.5, 0.5]);
    expect(ave.value).toBeCloseTo(0.25, 14);
    expect(ave.meetsThreshold).toBe(false);
  });

  it("null + warning for a Heywood loading; warning for a negative loading", () => {
    const heywood = averageVarianceExtracted([0.7, -1.2]);
    expect(heywood.value).toBeNull();
    expect(heywood.warnings.map((w) => w.message).join(" ")).toMatch(/Heywood/);
    expect(
      averageVarianceExtracted([0.7, -0.6])
        .warnings.map((w) => w.message)
        .join(" "),
    ).toMatch(/#2/);
  });

  it("throws ServqualError for no loadings or non-finite ones", () => {
    expect(() => averageVarianceExtracted([])).toThrow(ServqualError);
    expect(() => averageVarianceExtracted([0.5, Number.NaN])).toThrow(ServqualError);
  });
});
