/**
 * Importance–performance analysis (Martilla & James 1977; crosshairs after Bacon 2003) on a
 * constructed four-dimension survey, one item per dimension, three respondents, so that each
 * quadrant is hit by one attribute and the two crosshairs can disagree:
 *
 *   item/dim   P (r1 r2 r3)   E (r1 r2 r3)   points W (r1 r2; r3 none)   rating I (r1 r2 r3)
 *   q1 / D1     3  2  1        5  5  5         40 30                        7 6 6
 *   q2 / D2     6  6  5        5  5  5         30 40                        6 6 7
 *   q3 / D3     2  3  4        3  3  4         20 10                        2 3 .
 *   q4 / D4     7  6  5        5  5  5         10 20                        3 2 1
 *
 * Mean points: D1 35, D2 35, D3 15, D4 15 (r3 gave none). Mean P: 2, 17/3, 3, 6.
 * Gaps P − E: -3, 2/3, 3 - 10/3 = -1/3, 1.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { importancePerformance } from "../../src/gaps/importancePerformance";
import { servperf } from "../../src/gaps/servperf";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, tinyInstrument, tinyRecord } from "./tinySurvey";

const fourDimensions = defineInstrument({
  id: "four-dimensions",
  name: "Four one-item dimensions",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: [1, 2, 3, 4].map((k) => ({
    id: `D${k}`,
    label: `Dimension ${k}`,
    items: [{ id: `q${k}`, label: `item ${k}` }],
  })),
});

const P = [
  [3, 6, 2, 7],
  [2, 6, 3, 6],
  [1, 5, 4, 5],
];
const E = [
  [5, 5, 3, 5],
  [5, 5, 3, 5],
  [5, 5, 4, 5],
];
const W: (number | string)[][] = [
  [40, 30, 20, 10],
  [30, 40, 10, 20],
  ["", "", "", ""],
];
const I: (number | string)[][] = [
  [7, 6, 2, 3],
  [6, 6, 3, 2],
  [6, 7, "", 1],
];

function records(withWeights: boolean, withRatings: boolean) {
  return [0, 1, 2].map((r) => {
    const record: Record<string, unknown> = { respondent_id: `r${r + 1}` };
    for (let k = 0; k < 4; k++) {
      record[`E_q${k + 1}`] = E[r]?.[k];
      record[`P_q${k + 1}`] = P[r]?.[k];
      if (withWeights) record[`W_D${k + 1}`] = W[r]?.[k];
      if (withRatings) record[`I_q${k + 1}`] = I[r]?.[k];
    }
    return record;
  });
}
const full = validateResponses(records(true, true), fourDimensions).dataset;

const quadrants = (result: ReturnType<typeof importancePerformance>) =>
  Object.fromEntries(result.points.map((p) => [p.id, p.quadrant]));

describe("importancePerformance, dimension level (importance points)", () => {
  it("defaults to dimensions when W columns are present; importance = mean points", () => {
    const result = importancePerformance(full);
    expect(result.level).toBe("dimension");
    expect(result.importanceUnit).toBe("points");
    expect(result.performance).toBe("perception");
    // D1 (40 + 30)/2, D2 (30 + 40)/2, D3 (20 + 10)/2, D4 (10 + 20)/2; r3 gave no points
    const importance = result.points.map((p) => p.importance);
    [35, 35, 15, 15].forEach((value, d) => {
      near(importance[d], value, 1e-9);
    });
    near(result.points[1]?.performance, 17 / 3); // (6 + 6 + 5)/3
  });

  it("data-mean crosshair: one attribute in each quadrant, with distances", () => {
    const result = importancePerformance(full);
    // crosshair: importance (35 + 35 + 15 + 15)/4 = 25; performance (2 + 17/3 + 3 + 6)/4 = 25/6
    expect(result.crosshair.method).toBe("data-mean");
    near(result.crosshair.importance, 25, 1e-9);
    near(result.crosshair.performance, 25 / 6);
    expect(quadrants(result)).toEqual({
      D1: "concentrate-here", // 35 ≥ 25, 2 < 25/6
      D2: "keep-up-the-good-work", // 35, 17/3
      D3: "low-priority", // 15, 3
      D4: "possible-overkill", // 15, 6
    });
    near(result.points[0]?.importanceDistance, 10, 1e-9);
    near(result.points[0]?.performanceDistance, 2 - 25 / 6);
    expect(result.skipped).toEqual([]);
  });

  it("scale-midpoint crosshair: 100/D = 25 points and the scale midpoint 4", () => {
    const result = importancePerformance(full, { crosshair: "scale-midpoint" });
    expect(result.crosshair).toEqual({ method: "scale-midpoint", importance: 25, performance: 4 });
    expect(quadrants(result)).toEqual({
      D1: "concentrate-here",
      D2: "keep-up-the-good-work",
      D3: "low-priority",
      D4: "possible-overkill",
    });
  });

  it("gap axis: the crosshair at gap 0 and at the mean gap place D3 differently", () => {
    // Gaps -3, 2/3, -1/3, 1. Scale midpoint → vertical line at 0: D3 (-1/3) is low.
    const atZero = importancePerformance(full, {
      performance: "gap",
      crosshair: "scale-midpoint",
    });
    expect(atZero.crosshair.performance).toBe(0);
    near(atZero.points[2]?.performance, -1 / 3);
    expect(quadrants(atZero)).toEqual({
      D1: "concentrate-here",
      D2: "keep-up-the-good-work",
      D3: "low-priority",
      D4: "possible-overkill",
    });
    // Data mean → (-3 + 2/3 - 1/3 + 1)/4 = -5/12: D3 (-4/12) is on the high side.
    const atMean = importancePerformance(full, { performance: "gap" });
    near(atMean.crosshair.performance, -5 / 12);
    expect(atMean.points[2]?.quadrant).toBe("possible-overkill");
    expect(atMean.points[0]?.quadrant).toBe("concentrate-here");
  });

  it("a point exactly on the crosshair counts as high", () => {
    // Equal points for everyone: every importance equals the crosshair 25.
    const rows = records(true, false).map((row) => ({
      ...row,
      W_D1: 25,
      W_D2: 25,
      W_D3: 25,
      W_D4: 25,
    }));
    const result = importancePerformance(validateResponses(rows, fourDimensions).dataset, {
      crosshair: "scale-midpoint",
    });
    expect(quadrants(result)).toEqual({
      D1: "concentrate-here",
      D2: "keep-up-the-good-work",
      D3: "concentrate-here",
      D4: "keep-up-the-good-work",
    });
  });
});

describe("importancePerformance, item level (importance ratings)", () => {
  it("importance = mean rating of I_<item>; each quadrant hit", () => {
    const result = importancePerformance(full, { level: "item" });
    expect(result.level).toBe("item");
    expect(result.importanceUnit).toBe("scale points");
    // q1 (7 + 6 + 6)/3 = 19/3, q2 19/3, q3 (2 + 3)/2 = 2.5 (one blank), q4 (3 + 2 + 1)/3 = 2
    near(result.points[0]?.importance, 19 / 3);
    near(result.points[2]?.importance, 2.5);
    near(result.points[3]?.importance, 2);
    // crosshair importance (19/3 + 19/3 + 2.5 + 2)/4 = 103/24
    near(result.crosshair.importance, 103 / 24);
    expect(quadrants(result)).toEqual({
      q1: "concentrate-here",
      q2: "keep-up-the-good-work",
      q3: "low-priority",
      q4: "possible-overkill",
    });
  });

  it("defaults to items when only I columns are present; scale midpoint is 4 on both axes", () => {
    const ratingsOnly = validateResponses(records(false, true), fourDimensions).dataset;
    const result = importancePerformance(ratingsOnly, { crosshair: "scale-midpoint" });
    expect(result.level).toBe("item");
    expect(result.crosshair).toEqual({ method: "scale-midpoint", importance: 4, performance: 4 });
    expect(quadrants(result)).toEqual({
      q1: "concentrate-here",
      q2: "keep-up-the-good-work",
      q3: "low-priority",
      q4: "possible-overkill",
    });
  });

  it("an item without importance answers is skipped with the reason", () => {
    const rows = records(false, true).map((row) => ({ ...row, I_q4: "" }));
    const result = importancePerformance(validateResponses(rows, fourDimensions).dataset);
    expect(result.points.map((p) => p.id)).toEqual(["q1", "q2", "q3"]);
    expect(result.skipped).toEqual([{ id: "q4", reason: "no importance answers" }]);
  });
});

describe("importancePerformance on bad input", () => {
  const plain = validateResponses(records(false, false), fourDimensions).dataset;

  it("throws invalid-input without any importance columns", () => {
    expect(() => importancePerformance(plain)).toThrow(ServqualError);
    try {
      importancePerformance(plain);
    } catch (error) {
      expect((error as ServqualError).code).toBe("invalid-input");
      expect((error as ServqualError).issues[0]?.code).toBe("missing-importance");
    }
  });

  it("throws invalid-input for the dimension level without W columns", () => {
    const ratingsOnly = validateResponses(records(false, true), fourDimensions).dataset;
    expect(() => importancePerformance(ratingsOnly, { level: "dimension" })).toThrow(ServqualError);
  });

  it.each([{ level: "items" }, { performance: "gaps" }, { crosshair: "median" }])(
    "throws invalid-options for %o",
    (options) => {
      expect(() =>
        importancePerformance(full, options as Parameters<typeof importancePerformance>[1]),
      ).toThrow(ServqualError);
      try {
        importancePerformance(full, options as Parameters<typeof importancePerformance>[1]);
      } catch (error) {
        expect((error as ServqualError).code).toBe("invalid-options");
      }
    },
  );
});

describe("importancePerformance with a result already computed", () => {
  const errorOf = (call: () => unknown): ServqualError => {
    try {
      call();
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      return error as ServqualError;
    }
    throw new Error("expected a ServqualError");
  };

  it("gives the same output with { gaps } as computing Gap 5 itself (both levels, both crosshairs)", () => {
    const gaps = gap5(full);
    for (const level of ["dimension", "item"] as const) {
      for (const crosshair of ["data-mean", "scale-midpoint"] as const) {
        const own = importancePerformance(full, { level, crosshair, performance: "gap" });
        const given = importancePerformance(full, { level, crosshair, gaps });
        expect(given).toEqual(own);
      }
    }
    // and the hand-worked gaps of the header: -3, 2/3, -1/3, 1
    const points = importancePerformance(full, { gaps }).points;
    for (const [d, value] of [-3, 2 / 3, -1 / 3, 1].entries()) {
      near(points[d]?.performance, value, 1e-12);
    }
  });

  it("gives the same output with { servperf } as computing SERVPERF itself", () => {
    const perceptions = servperf(full);
    for (const level of ["dimension", "item"] as const) {
      expect(importancePerformance(full, { level, servperf: perceptions })).toEqual(
        importancePerformance(full, { level }),
      );
    }
  });

  it("rejects the Gap 5 result of another dataset of the same instrument", () => {
    // r1's P of q1 is 4 instead of 3: same n everywhere, q1's mean gap differs by 1/3
    const changed = records(true, true);
    (changed[0] as Record<string, unknown>).P_q1 = 4;
    const other = gap5(validateResponses(changed, fourDimensions).dataset);
    const error = errorOf(() => importancePerformance(full, { gaps: other }));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toContain("options.gaps was not computed from this dataset");
    expect(error.issues[0]).toMatchObject({ code: "result-mismatch", path: ["gaps", "items", 0] });
    expect(error.issues[0]?.message).toContain('item "q1"');
  });

  it("rejects a result of fewer respondents (another selection of rows)", () => {
    const firstTwo = validateResponses(records(true, true).slice(0, 2), fourDimensions).dataset;
    const error = errorOf(() => importancePerformance(full, { gaps: gap5(firstTwo) }));
    expect(error.issues[0]?.code).toBe("result-mismatch");
    expect(error.issues[0]?.message).toBe('item "q1" has n 2, the dataset has 3');
    const perceptions = servperf(firstTwo);
    expect(errorOf(() => importancePerformance(full, { servperf: perceptions })).code).toBe(
      "invalid-input",
    );
  });

  it("rejects the Gap 5 result of another instrument, naming both", () => {
    const tiny = validateResponses(
      [
        tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6]),
        tinyRecord("r2", [6, 7, 5, 6, 7], [5, 5, 5, 4, 7]),
      ],
      tinyInstrument,
    ).dataset;
    const error = errorOf(() => importancePerformance(full, { gaps: gap5(tiny) }));
    expect(error.code).toBe("invalid-input");
    expect(error.message).toContain('instrument "four-dimensions"');
    expect(error.message).toContain('"tiny-two-dimensions"');
  });

  it("rejects a result given for the other performance axis", () => {
    const error = errorOf(() =>
      importancePerformance(full, { performance: "perception", gaps: gap5(full) }),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues[0]?.path).toEqual(["gaps"]);
    const both = errorOf(() =>
      importancePerformance(full, { gaps: gap5(full), servperf: servperf(full) }),
    );
    expect(both.code).toBe("invalid-options");
    expect(both.issues[0]?.path).toEqual(["servperf"]);
  });
});
