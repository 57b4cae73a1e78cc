import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byPeriod } from "../../src/context/byPeriod";
import { compareSegments } from "../../src/context/compareSegments";
import { seasonalProfile } from "../../src/context/seasonalProfile";
import { weightedSlope, welchFromSummaries } from "../../src/context/summaryTests";
import { respondentScores } from "../../src/responses/respondentScores";
import { welchAnova } from "../../src/stats/welchAnova";
import { welchTTest } from "../../src/stats/welchTTest";
import { strictJson } from "../gaps/tinySurvey";
import { planted } from "./plantedSurvey";

const near = (a: number | null | undefined, b: number, tol = 1e-10) => {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};

describe("the trend slope is R's lm(y ~ x, weights = w)", () => {
  it("on a hand-made series (R 4.2.2 values)", () => {
    const x = [0, 1, 2, 4, 5];
    const y = [-0.2, -0.35, -0.3, -0.6, -0.7];
    const w = [40, 35, 50, 31, 45];
    const s = weightedSlope(
      x.map((xi, i) => ({ x: xi, y: y[i] as number, w: w[i] as number })),
      0.95,
    );
    near(s.slope, -0.09938580691642647);
    near(s.se, 0.016065476021200394);
    near(s.t, -6.18629704997689);
    near(s.pValue, 0.00850672812378342, 1e-8);
    near(s.ci.lower, -0.150513321722719);
    near(s.ci.upper, -0.0482582921101333);
    expect(s.df).toBe(3);
  });
  it("needs three periods", () => {
    const s = weightedSlope(
      [
        { x: 0, y: 1, w: 5 },
        { x: 1, y: 2, w: 5 },
      ],
      0.95,
    );
    expect(s.slope).toBeNull();
  });
});

describe("Welch from summaries equals welchTTest on the values (property)", () => {
  it("difference, t, df, p and interval", () => {
    const sample = fc.array(fc.integer({ min: -6, max: 6 }), { minLength: 2, maxLength: 30 });
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const sum = (v: number[]) => v.reduce((s, x) => s + x, 0);
        const summary = (v: number[]) => {
          const m = sum(v) / v.length;
          return {
            n: v.length,
            mean: m,
            sd: Math.sqrt(sum(v.map((x) => (x - m) ** 2)) / (v.length - 1)),
          };
        };
        const ours = welchFromSummaries(summary(a), summary(b), 0.9);
        const ref = welchTTest(a, b, { level: 0.9 });
        if (ref.t === null) return;
        near(ours.t, ref.t, 1e-9);
        near(ours.df, ref.df as number, 1e-9);
        near(ours.pValue, ref.pValue as number, 1e-9);
        near(ours.ci.lower, ref.ci.lower as number, 1e-9);
      }),
      { numRuns: 100 },
    );
  });
});

describe("byPeriod on a planted survey", () => {
  const dataset = planted();
  const result = byPeriod(dataset, { period: "quarter", segments: ["region"], minimumN: 20 });

  it("finds the North's falling dimension A and not the South's", () => {
    strictJson(result);
    const north = result.trends.find((t) => t.id === "A" && t.segments.region === "North");
    const south = result.trends.find((t) => t.id === "A" && t.segments.region === "South");
    expect(north?.periods).toBe(8);
    expect(north?.slope).toBeLessThan(-0.1);
    expect(north?.pAdjusted).toBeLessThan(0.05);
    expect(south?.pAdjusted ?? 1).toBeGreaterThan(0.05);
    expect(result.trendMethod).toContain("weights");
  });

  it("flags item b1's rising expectations (and only expectations that drift)", () => {
    const b1 = result.expectationDrift.find((d) => d.item === "b1");
    expect(b1?.direction).toBe("rising");
    // One point every two quarters.
    near(b1?.slope, 0.5, 0.2);
    const a1 = result.expectationDrift.find((d) => d.item === "a1");
    expect(a1?.slope).toBe(0); // constant expectations: slope 0, no test
    expect(a1?.direction).toBeNull();
  });

  it("tests each quarter against the previous one", () => {
    const changes = result.changes.filter(
      (c) => c.id === "overall" && Object.keys(c.segments).length === 0,
    );
    expect(changes.map((c) => `${c.from}→${c.to}`)).toEqual([
      "2023-Q1→2023-Q2",
      "2023-Q2→2023-Q3",
      "2023-Q3→2023-Q4",
      "2023-Q4→2024-Q1",
      "2024-Q1→2024-Q2",
      "2024-Q2→2024-Q3",
      "2024-Q3→2024-Q4",
    ]);
    const first = result.cells.cells.filter((c) => c.level === "period").slice(0, 2);
    near(changes[0]?.change, (first[1]?.overall.gap as number) - (first[0]?.overall.gap as number));
  });

  it("a season profile: pooled seasons against the rest", () => {
    const profile = seasonalProfile(dataset, { by: "region", minimumN: 20 });
    strictJson(profile);
    expect(profile.seasons).toEqual(["winter", "spring", "summer", "autumn"]);
    const winter = profile.figures.find(
      (f) => f.season === "winter" && f.id === "A" && Object.keys(f.segments).length === 0,
    );
    // Winter: Jan, Feb 2023 + Dec 2023, Jan, Feb 2024 + Dec 2024 = 6 months × 40.
    expect(winter?.figure.n).toBe(240);
    expect((winter?.figure.n ?? 0) + (winter?.rest.n ?? 0)).toBe(960);
    expect(profile.periods[0]).toBe("2022/23-winter");
  });

  it("compareSegments: Welch's ANOVA on the respondents' scores, Games–Howell pairs", () => {
    const comparison = compareSegments(dataset, { by: "region", minimumN: 20 });
    expect(comparison.method).toBe("welch");
    expect(comparison.reason).toContain("variances");
    const scores = respondentScores(dataset, {
      facet: "gap",
      level: "dimension",
    })[0] as Float64Array;
    const region = dataset.segments[0]?.values ?? [];
    const groups = ["North", "South"].map((name) => ({
      name,
      values: [...scores].filter((_, r) => region[r] === name),
    }));
    const reference = welchAnova(groups);
    const a = comparison.comparisons.find((c) => c.id === "A");
    near(a?.statistic, reference.F as number, 1e-12);
    expect(a?.pairs).toHaveLength(1);
    expect(a?.pairs[0]?.estimate).toBeGreaterThan(0); // South − North > 0
    const kruskal = compareSegments(dataset, { by: "region", method: "kruskal", minimumN: 20 });
    expect(kruskal.followUp).toBe("Dunn");
    expect(kruskal.comparisons).toHaveLength(3);
  });

  it("compareSegments leaves out small segments and names them", () => {
    const rows = Int32Array.from([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24, 26,
    ]);
    const small = compareSegments(dataset, { by: "region", minimumN: 8, rows });
    // 14 North (even rows) and 6 South: the South is left out; one segment value is not a test.
    expect(small.leftOut).toEqual([{ segment: "South", rows: 6 }]);
    // The small-cell warning carries a group (one report line per column compared).
    const leftOutWarnings = small.warnings.filter((w) => w.code === "small-cell");
    expect(leftOutWarnings).toHaveLength(1);
    expect(leftOutWarnings[0]?.message).toContain("South (6)");
    expect(leftOutWarnings[0]?.group).toEqual({
      subject: "segments by region",
      reason: "left out of the tests (fewer than minimumN = 8 respondents, or a blank label)",
      member: "South",
      unit: "segment",
    });
    expect(small.comparisons[0]?.pValue).toBeNull();
    expect(small.comparisons[0]?.warnings[0]?.code).toBe("too-few-values");
  });
});
