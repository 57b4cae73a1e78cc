/**
 * Contributing-factor survey (Zeithaml, Berry & Parasuraman 1988): the built-in bank, the
 * index rule max(2, ⌈k/2⌉), reverse keying of the factors that widen a gap, alpha per factor
 * and the weakest factors per gap, on hand-worked numbers.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { contributingFactors, factorIndexScores } from "../../src/gaps/contributingFactors";
import {
  CONTRIBUTING_FACTORS,
  contributingFactors1988,
} from "../../src/instrument/builtin/contributingFactors1988";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { validateFactorSurvey } from "../../src/responses/validateFactorSurvey";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, strictJson } from "./tinySurvey";

describe("the contributing-factor bank", () => {
  it("has the 16 factors of the issue, three items each, in gap order", () => {
    const perGap = [1, 2, 3, 4].map((g) => CONTRIBUTING_FACTORS.filter((f) => f.gap === g).length);
    expect(perGap).toEqual([3, 4, 7, 2]);
    expect(contributingFactors1988.dimensions.map((d) => d.items.length)).toEqual(
      new Array(16).fill(3),
    );
    const ids = contributingFactors1988.dimensions.flatMap((d) => d.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(48);
    // Defining it again validates it like any instrument (ids unique, scale sound).
    expect(() => defineInstrument(contributingFactors1988)).not.toThrow();
  });

  it("reverse-keys exactly the factors that widen a gap", () => {
    const reversed = contributingFactors1988.dimensions
      .filter((d) => d.items.every((i) => i.reverse))
      .map((d) => d.id);
    expect(reversed).toEqual([
      "levelsOfManagement",
      "roleConflict",
      "roleAmbiguity",
      "overpromising",
    ]);
    expect(CONTRIBUTING_FACTORS.filter((f) => f.direction === "widens").map((f) => f.id)).toEqual(
      reversed,
    );
    expect(
      contributingFactors1988.dimensions.filter((d) => d.items.some((i) => i.reverse)).length,
    ).toBe(4);
  });
});

const answers = (id: string, tmw: (number | string)[], rcf: (number | string)[]) => ({
  respondent_id: id,
  tmw1: tmw[0],
  tmw2: tmw[1],
  tmw3: tmw[2],
  rcf1: rcf[0],
  rcf2: rcf[1],
  rcf3: rcf[2],
});

describe("contributingFactors (hand-worked)", () => {
  // Teamwork item means per respondent: 6, 5, 7 (two of three answered), 3 → indices
  // 100·(x − 1)/6 = 83.33, 66.67, 100, 33.33; mean 70.83.
  // Role conflict answers 2,2,2 / 5,6,7 / one answer / 3,3,3, reverse-keyed 8 − x:
  // 6, 2, unscored (1 of 3 < max(2, 2)), 5 → mean 13/3, index 100·(13/3 − 1)/6 = 55.56.
  const { dataset, report } = validateFactorSurvey([
    answers("e1", [6, 6, 6], [2, 2, 2]),
    answers("e2", [4, 5, 6], [5, 6, 7]),
    answers("e3", [7, 7, ""], [4, "", ""]),
    answers("e4", [2, 3, 4], [3, 3, 3]),
  ]);

  it("reads the bare item-id columns into the employees population", () => {
    expect(report.rowsUsed).toBe(4);
    expect(dataset.population?.labels[dataset.population.codes[0] as number]).toBe("employees");
    expect(dataset.missingPolicy).toEqual({ kind: "minimum-share", share: 0.5, atLeast: 2 });
  });

  it("scores factor indices per respondent under the index rule", () => {
    const scores = factorIndexScores(dataset);
    const names = contributingFactors1988.dimensions.map((d) => d.id);
    const teamwork = scores[names.indexOf("teamwork")] as Float64Array;
    const conflict = scores[names.indexOf("roleConflict")] as Float64Array;
    [500 / 6, 400 / 6, 100, 200 / 6].forEach((v, r) => {
      near(teamwork[r], v, 1e-12);
    });
    near(conflict[0], 500 / 6, 1e-12);
    near(conflict[1], 100 / 6, 1e-12);
    expect(Number.isNaN(conflict[2])).toBe(true);
    near(conflict[3], 400 / 6, 1e-12);
  });

  it("summarises factors and lists the weakest per gap", () => {
    const result = contributingFactors(dataset, { top: 2 });
    const teamwork = result.factors.find((f) => f.factor === "teamwork");
    const conflict = result.factors.find((f) => f.factor === "roleConflict");
    near(teamwork?.index, 425 / 6, 1e-12);
    near(teamwork?.mean, 5.25, 1e-12);
    expect(teamwork?.n).toBe(4);
    near(conflict?.index, (100 * (13 / 3 - 1)) / 6, 1e-12);
    expect(conflict?.n).toBe(3);
    expect(conflict?.unscored).toBe(1);
    expect(conflict?.direction).toBe("widens");
    const gap3 = result.gaps.find((g) => g.gap === 3);
    expect(gap3?.weakest.map((w) => w.factor)).toEqual(["roleConflict", "teamwork"]);
    near(gap3?.index, (425 / 6 + (100 * (13 / 3 - 1)) / 6) / 2, 1e-12);
    // unanswered factors have no index, a no-data warning, and do not rank
    const goalSetting = result.factors.find((f) => f.factor === "goalSetting");
    expect(goalSetting?.index).toBeNull();
    expect(goalSetting?.warnings.map((w) => w.code)).toContain("no-data");
    expect(result.gaps.find((g) => g.gap === 2)?.index).toBeNull();
    expect(result.respondents).toBe(4);
    expect(() => strictJson(result)).not.toThrow();
  });

  it("alpha per factor: teamwork on five complete rows is 38/45 (hand-worked)", () => {
    // item variances 3.7, 1.5, 0.7; total-score variance 13.5; α = 1.5·(1 − 5.9/13.5) = 38/45
    const complete = validateFactorSurvey([
      answers("a", [6, 6, 6], [1, 1, 1]),
      answers("b", [4, 5, 6], [1, 2, 1]),
      answers("c", [2, 3, 4], [2, 1, 1]),
      answers("d", [5, 5, 5], [1, 1, 2]),
      answers("e", [7, 6, 5], [2, 2, 2]),
    ]).dataset;
    const result = contributingFactors(complete);
    near(result.factors.find((f) => f.factor === "teamwork")?.alpha, 38 / 45, 1e-12);
    expect(result.factors.find((f) => f.factor === "teamwork")?.alphaCi.method).toBe("feldt");
  });

  it("a management file with factor columns: each reader takes its own columns", () => {
    const row = { respondent_id: "m1", E_1: 6, tmw1: 5, tmw2: 5, tmw3: 6 };
    const { report: factorReport } = validateFactorSurvey([row]);
    expect(factorReport.rowsUsed).toBe(1);
    expect(factorReport.columns.ignored).toEqual(["E_1"]);
  });

  it("takes a subset of the bank as its own instrument", () => {
    const subset = defineInstrument({
      ...contributingFactors1988,
      id: "gap3-only",
      dimensions: contributingFactors1988.dimensions.filter((d) => d.id === "teamwork"),
    });
    const small = validateResponses([answers("e1", [6, 6, 6], [1, 1, 1])], subset, {
      columns: { perception: "{item}" },
    }).dataset;
    const result = contributingFactors(small);
    expect(result.gaps.map((g) => g.gap)).toEqual([3]);
    near(result.factors[0]?.index, 500 / 6, 1e-12);
  });

  it("bad input: a dimension that is no factor, wrong options", () => {
    const other = defineInstrument({
      id: "x",
      name: "X",
      scale: { min: 1, max: 7 },
      format: "perception-only",
      dimensions: [{ id: "speed", label: "Speed", items: [{ id: "s1", label: "fast" }] }],
    });
    const data = validateResponses([{ respondent_id: "a", P_s1: 4 }], other).dataset;
    try {
      contributingFactors(data);
      throw new Error("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      expect((error as ServqualError).issues[0]?.code).toBe("unknown-dimension");
    }
    expect(() => contributingFactors(dataset, { top: -1 })).toThrow(ServqualError);
    expect(() => contributingFactors(dataset, { tops: 1 } as never)).toThrow(/did you mean 'top'/);
    expect(() => validateFactorSurvey("x" as never)).toThrow(ServqualError);
  });
});

describe("readFactorSurveyCsv", () => {
  it("reads the factor columns of a file that also holds estimates; every line accounted for", async () => {
    const { readFactorSurveyCsv } = await import("../../src/io/readFactorSurveyCsv");
    const path = new URL("../fixtures/csv/factors.csv", import.meta.url);
    const { dataset, report } = await readFactorSurveyCsv(path, {
      columns: { population: "role" },
    });
    // m3 repeats an id (duplicate-id), m5 answered no factor item (no-answers)
    expect(report.rowsIn).toBe(5);
    expect(report.rowsUsed).toBe(3);
    expect(report.exclusionCounts).toEqual({ "duplicate-id": 1, "no-answers": 1 });
    expect(report.columns.ignored).toEqual(["E_a1"]);
    const result = contributingFactors(dataset);
    // teamwork: 6, 5, 7 → indices 500/6, 400/6, 600/6; mean 500/6
    near(result.factors.find((f) => f.factor === "teamwork")?.index, 500 / 6, 1e-12);
    expect(dataset.population?.labels[dataset.population.codes[0] as number]).toBe("managers");
  });
});
