/**
 * gap5 on a five-respondent, two-dimension survey worked by hand (fractions written out), under
 * the three missing-data policies. Gap G = P − E; dimension A = {a1, a2}, B = {b1, b2, b3}.
 *
 *            E: a1 a2 | b1 b2 b3     P: a1 a2 | b1 b2 b3     G: a1 a2 | b1 b2 b3
 *   r1          6  7  |  5  6  7        5  5  |  5  4  6        -1 -2 |  0 -2 -1
 *   r2          5  5  |  6  6  6        6  4  |  4  5  6        +1 -1 | -2 -1  0
 *   r3          7  6  |  7  7  5        4  6  |  6  7  7        -3  0 | -1  0 +2
 *   r4          4  5  |  5  6  6        5  5  |  3  6  5        +1  0 | -2  0 -1
 *   r5          6  .  |  7  .  .        4  5  |  6  5  .        -2  . | -1  .  .
 *
 * r5 has pairs only for a1 and b1 (a2, b2 lack E; b3 is blank): 1 of 2 A items (50 %: scored
 * under the default minimum share 0.5), 1 of 3 B items (33 %: not scored).
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, tinyInstrument, tinyRecord } from "./tinySurvey";

const rows = [
  tinyRecord("r1", [6, 7, 5, 6, 7], [5, 5, 5, 4, 6]),
  tinyRecord("r2", [5, 5, 6, 6, 6], [6, 4, 4, 5, 6]),
  tinyRecord("r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7]),
  tinyRecord("r4", [4, 5, 5, 6, 6], [5, 5, 3, 6, 5]),
  tinyRecord("r5", [6, null, 7, null, null], [4, 5, 6, 5, null]),
];

// qt(0.975, df) from R: qt(0.975, 4) = 2.776445105, qt(0.975, 3) = 3.182446305.
const QT_975_4 = 2.776445105;
const QT_975_3 = 3.182446305;

function itemOf(result: ReturnType<typeof gap5>, id: string) {
  const item = result.items.find((i) => i.item === id);
  if (item === undefined) throw new Error(`no item ${id}`);
  return item;
}
function dimensionOf(result: ReturnType<typeof gap5>, id: string) {
  const dimension = result.dimensions.find((d) => d.dimension === id);
  if (dimension === undefined) throw new Error(`no dimension ${id}`);
  return dimension;
}

describe("gap5, default policy (minimum share 0.5)", () => {
  const { dataset, report } = validateResponses(rows, tinyInstrument);
  const result = gap5(dataset);

  it("keeps all five respondents and says which policy it used", () => {
    expect(report.rowsUsed).toBe(5);
    expect(result.respondents).toBe(5);
    expect(result.missingPolicy).toEqual({ kind: "minimum-share", share: 0.5 });
    expect(result.gap).toBe(5);
    expect(result.design).toBe("paired");
  });

  it("item a1: means, SDs, SE, t interval, share negative and correlation", () => {
    const a1 = itemOf(result, "a1");
    // G = -1, 1, -3, 1, -2: mean -4/5; squared deviations .04 + 3.24 + 4.84 + 3.24 + 1.44
    // = 12.8, var 12.8/4 = 3.2; SE = sqrt(3.2/5) = 0.8.
    expect(a1.n).toBe(5);
    near(a1.required.mean, 28 / 5); // (6+5+7+4+6)/5
    near(a1.delivered.mean, 24 / 5); // (5+6+4+5+4)/5
    near(a1.gap.mean, -0.8);
    near(a1.gap.sd, Math.sqrt(3.2));
    near(a1.gap.se, 0.8);
    // CI: -0.8 ± qt(.975, 4)·0.8
    near(a1.gap.ci.lower, -0.8 - QT_975_4 * 0.8, 1e-8);
    near(a1.gap.ci.upper, -0.8 + QT_975_4 * 0.8, 1e-8);
    expect(a1.gap.ci.level).toBe(0.95);
    // E: deviations .4 -.6 1.4 -1.6 .4 → SS 5.2, var 1.3; P: .2 1.2 -.8 .2 -.8 → SS 2.8, var .7
    near(a1.required.sd, Math.sqrt(1.3));
    near(a1.delivered.sd, Math.sqrt(0.7));
    // cov = (.08 - .72 - 1.12 - .32 - .32)/4 = -0.6; r = -0.6/sqrt(1.3·0.7)
    near(a1.correlation, -0.6 / Math.sqrt(1.3 * 0.7));
    expect(a1.negative).toBe(3); // -1, -3, -2
    expect(a1.zero).toBe(0);
    near(a1.shareNegative, 3 / 5);
  });

  it("item a2 uses only the respondents with both E and P (r5's P is not counted)", () => {
    const a2 = itemOf(result, "a2");
    // G = -2, -1, 0, 0: mean -3/4; SS 1.5625 + .0625 + .5625 + .5625 = 2.75, var 11/12
    expect(a2.n).toBe(4);
    near(a2.required.mean, 23 / 4);
    near(a2.delivered.mean, 5); // (5+4+6+5)/4, not (5+4+6+5+5)/5
    near(a2.gap.mean, -3 / 4);
    near(a2.gap.sd, Math.sqrt(11 / 12));
    expect(a2.negative).toBe(2);
    expect(a2.zero).toBe(2);
    near(a2.shareNegative, 1 / 2);
  });

  it("item b3: a mean gap of 0 with a spread", () => {
    const b3 = itemOf(result, "b3");
    // G = -1, 0, 2, -1: mean 0; SS 1 + 0 + 4 + 1 = 6, var 2
    expect(b3.n).toBe(4);
    near(b3.gap.mean, 0);
    near(b3.gap.sd, Math.sqrt(2));
    near(b3.shareNegative, 2 / 4);
  });

  it("dimension A: respondent means, r5 scored on one of two items", () => {
    const A = dimensionOf(result, "A");
    // SQ_A = -1.5, 0, -1.5, 0.5, -2 → mean -4.5/5 = -0.9;
    // deviations -.6 .9 -.6 1.4 -1.1 → SS 4.7, var 1.175
    expect(A.n).toBe(5);
    expect(A.unscored).toBe(0);
    expect(A.items).toEqual(["a1", "a2"]);
    near(A.gap.mean, -0.9);
    near(A.gap.sd, Math.sqrt(1.175));
    near(A.gap.se, Math.sqrt(1.175 / 5));
    // E means 6.5, 5, 6.5, 4.5, 6 → 5.7; P means 5, 5, 5, 5, 4 → 4.8
    near(A.required.mean, 5.7);
    near(A.delivered.mean, 4.8);
    near(A.shareNegative, 3 / 5);
    expect(A.zero).toBe(1); // r2
  });

  it("dimension B: r5 (one of three items) is unscored", () => {
    const B = dimensionOf(result, "B");
    // SQ_B = -1, -1, 1/3, -1 → mean (-8/3)/4 = -2/3;
    // deviations -1/3, -1/3, 1, -1/3 → SS 4/3, var 4/9, sd 2/3, SE 1/3
    expect(B.n).toBe(4);
    expect(B.unscored).toBe(1);
    near(B.gap.mean, -2 / 3);
    near(B.gap.sd, 2 / 3);
    near(B.gap.se, 1 / 3);
    near(B.gap.ci.lower, -2 / 3 - QT_975_3 / 3, 1e-8);
    near(B.gap.ci.upper, -2 / 3 + QT_975_3 / 3, 1e-8);
    // E means 6, 6, 19/3, 17/3 → 6; P means 5, 5, 20/3, 14/3 → 16/3
    near(B.required.mean, 6);
    near(B.delivered.mean, 16 / 3);
    near(B.shareNegative, 3 / 4);
  });

  it("overall unweighted: each respondent's mean of their dimension scores, then averaged", () => {
    const u = result.overall.unweighted;
    // r1 (-1.5 - 1)/2 = -15/12, r2 (0 - 1)/2 = -6/12, r3 (-1.5 + 1/3)/2 = -7/12,
    // r4 (.5 - 1)/2 = -3/12, r5 -2 = -24/12 (A only). Mean -55/60 = -11/12.
    // Deviations in twelfths -4, 5, 4, 8, -13 → SS 290/144, var 290/576 = 145/288.
    expect(u.n).toBe(5);
    near(u.gap.mean, -11 / 12);
    near(u.gap.sd, Math.sqrt(145 / 288));
    near(u.shareNegative, 1);
  });

  it("overall meanOfDimensionGaps = (SQ_A + SQ_B)/2", () => {
    near(result.overall.meanOfDimensionGaps, (-0.9 + -2 / 3) / 2); // -47/60
  });

  it("overall itemMean: each respondent's mean over all answered item gaps", () => {
    const m = result.overall.itemMean;
    // r1 -6/5, r2 -3/5, r3 -2/5, r4 -2/5, r5 (-2 - 1)/2 = -3/2 (b1 counts although B is
    // unscored) → mean -4.1/5 = -0.82; deviations -.38 .22 .42 .42 -.68 → SS 1.008, var .252
    expect(m.n).toBe(5);
    near(m.gap.mean, -0.82);
    near(m.gap.sd, Math.sqrt(0.252));
    near(m.shareNegative, 1);
  });

  it("has no weighted overall without importance columns", () => {
    expect(result.overall.weighted).toBeNull();
  });
});

describe("gap5, pairwise policy", () => {
  const { dataset } = validateResponses(rows, tinyInstrument, { missing: "pairwise" });
  const result = gap5(dataset);

  it("scores B for r5 from b1 alone", () => {
    const B = dimensionOf(result, "B");
    // SQ_B = -1, -1, 1/3, -1, -1 → mean (-11/3)/5 = -11/15;
    // deviations -4/15 (four times) and 16/15 → SS 320/225, var 80/225 = 16/45
    expect(result.missingPolicy).toEqual({ kind: "pairwise" });
    expect(B.n).toBe(5);
    expect(B.unscored).toBe(0);
    near(B.gap.mean, -11 / 15);
    near(B.gap.sd, Math.sqrt(16 / 45));
    near(B.shareNegative, 4 / 5);
  });

  it("leaves items and dimension A as under the default policy", () => {
    near(itemOf(result, "a1").gap.mean, -0.8);
    near(dimensionOf(result, "A").gap.mean, -0.9);
    near(result.overall.itemMean.gap.mean, -0.82);
  });

  it("overall unweighted: r5 now averages A and B", () => {
    // r5: (-2 - 1)/2 = -18/12; twelfths -15, -6, -7, -3, -18 → mean -49/60;
    // deviations -5.2 3.8 2.8 6.8 -8.2 → SS 162.8/144, var 40.7/144 = 407/1440
    near(result.overall.unweighted.gap.mean, -49 / 60);
    near(result.overall.unweighted.gap.sd, Math.sqrt(407 / 1440));
    near(result.overall.meanOfDimensionGaps, (-0.9 + -11 / 15) / 2);
  });
});

describe("gap5, listwise policy", () => {
  const { dataset, report } = validateResponses(rows, tinyInstrument, { missing: "listwise" });
  const result = gap5(dataset);

  it("drops r5 at validation", () => {
    expect(report.rowsUsed).toBe(4);
    expect(report.rowsExcluded).toBe(1);
    expect(report.excludedRows[0]?.id).toBe("r5");
    expect(result.respondents).toBe(4);
    expect(result.missingPolicy).toEqual({ kind: "listwise" });
  });

  it("items, dimensions and overall over r1..r4", () => {
    // a1: G = -1, 1, -3, 1 → mean -1/2; deviations -.5 1.5 -2.5 1.5 → SS 11, var 11/3
    near(itemOf(result, "a1").gap.mean, -0.5);
    near(itemOf(result, "a1").gap.sd, Math.sqrt(11 / 3));
    // b1: G = 0, -2, -1, -2 → mean -5/4
    near(itemOf(result, "b1").gap.mean, -5 / 4);
    // A: -1.5, 0, -1.5, .5 → mean -5/8; deviations -.875 .625 -.875 1.125 → SS 3.1875, var 17/16
    const A = dimensionOf(result, "A");
    near(A.gap.mean, -5 / 8);
    near(A.gap.sd, Math.sqrt(17 / 16));
    expect(A.unscored).toBe(0);
    near(dimensionOf(result, "B").gap.mean, -2 / 3);
    expect(dimensionOf(result, "B").unscored).toBe(0);
    // unweighted, twelfths -15, -6, -7, -3 → mean -31/48; deviations -7.25 1.75 .75 4.75
    // → SS 78.75/144, var 26.25/144 = 35/192
    near(result.overall.unweighted.gap.mean, -31 / 48);
    near(result.overall.unweighted.gap.sd, Math.sqrt(35 / 192));
    // itemMean: -1.2, -.6, -.4, -.4 → -0.65; deviations -.55 .05 .25 .25 → SS .43, var .43/3
    near(result.overall.itemMean.gap.mean, -0.65);
    near(result.overall.itemMean.gap.sd, Math.sqrt(0.43 / 3));
    near(result.overall.meanOfDimensionGaps, (-5 / 8 + -2 / 3) / 2);
  });
});

describe("gap5, edge cases", () => {
  it("one respondent: means, no SD or interval, a warning, and no NaN", () => {
    const { dataset } = validateResponses([rows[0] as Record<string, unknown>], tinyInstrument);
    const result = gap5(dataset);
    const a1 = itemOf(result, "a1");
    expect(a1.n).toBe(1);
    near(a1.gap.mean, -1);
    expect(a1.gap.sd).toBeNull();
    expect(a1.gap.se).toBeNull();
    expect(a1.gap.ci.lower).toBeNull();
    expect(a1.correlation).toBeNull();
    expect(a1.warnings.length).toBeGreaterThan(0);
  });

  it("an item nobody answered on both sides: n = 0, null mean and a warning", () => {
    const onlyA = rows.slice(0, 4).map((row) => ({ ...row, E_b3: "", P_b3: "" }));
    const result = gap5(validateResponses(onlyA, tinyInstrument).dataset);
    const b3 = itemOf(result, "b3");
    expect(b3.n).toBe(0);
    expect(b3.gap.mean).toBeNull();
    expect(b3.shareNegative).toBeNull();
    expect(b3.warnings.map((w) => w.message)).toContain("no respondent answered both sides");
    // B is still scored from b1, b2 (2 of 3 items ≥ 50 %): r1 (0 - 2)/2 = -1, r2 -3/2,
    // r3 -1/2, r4 -1 → mean -1
    near(dimensionOf(result, "B").gap.mean, -1);
  });

  it("constant gaps: SD 0, correlation null with a warning", () => {
    // Every respondent: E = 6 everywhere, P = 5 everywhere except r-specific P on b-items
    // that keep the B gap constant at -1/3 (P = 6, 6, 5 against E = 6: gaps 0, 0, -1).
    const constant = ["x", "y", "z"].map((id) => tinyRecord(id, [6, 6, 6, 6, 6], [5, 5, 6, 6, 5]));
    const result = gap5(validateResponses(constant, tinyInstrument).dataset);
    const B = dimensionOf(result, "B");
    near(B.gap.mean, -1 / 3);
    expect(B.gap.sd).toBe(0);
    expect(B.required.sd).toBe(0);
    expect(B.delivered.sd).toBe(0);
    expect(B.correlation).toBeNull();
    expect(B.warnings.some((w) => w.message.includes("correlation undefined"))).toBe(true);
    expect(result.overall.unweighted.gap.sd).toBe(0);
    expect(result.overall.itemMean.gap.sd).toBe(0);
  });

  it("a 99 % level widens every interval", () => {
    const { dataset } = validateResponses(rows, tinyInstrument);
    const a1 = itemOf(gap5(dataset, { level: 0.99 }), "a1");
    // qt(0.995, 4) = 4.604094871
    expect(a1.gap.ci.level).toBe(0.99);
    near(a1.gap.ci.lower, -0.8 - 4.604094871 * 0.8, 1e-8);
  });

  it("throws invalid-input on a three-column (tolerance) dataset", () => {
    const { dataset } = validateResponses(
      [{ respondent_id: "t1", MIN_1: 4, DES_1: 8, P_1: 6, MIN_2: 5, DES_2: 7, P_2: 7 }],
      instruments.servqual22Tolerance,
    );
    expect(() => gap5(dataset)).toThrow(ServqualError);
    try {
      gap5(dataset);
    } catch (error) {
      expect((error as ServqualError).code).toBe("invalid-input");
      expect((error as ServqualError).issues[0]?.code).toBe("missing-facet");
    }
  });

  it("counts the sign of dimension and overall gaps in a dimension of 40 items", () => {
    // lcm(1..40)·6 exceeds 2^52, so no exact rank keys are kept for this dimension; every
    // respondent's gap is still -1 and must count as negative.
    const items = Array.from({ length: 40 }, (_, i) => ({ id: `q${i + 1}`, label: `item ${i}` }));
    const wide = defineInstrument({
      id: "forty",
      name: "Forty items",
      scale: { min: 1, max: 7 },
      format: "expectation-perception",
      dimensions: [{ id: "all", label: "All", items }],
    });
    const records = ["r1", "r2", "r3"].map((id) => {
      const record: Record<string, unknown> = { respondent_id: id };
      for (const item of items) {
        record[`E_${item.id}`] = 6;
        record[`P_${item.id}`] = 5;
      }
      return record;
    });
    const result = gap5(validateResponses(records, wide).dataset);
    const all = result.dimensions[0];
    near(all?.gap.mean, -1);
    expect(all?.negative).toBe(3);
    expect(all?.shareNegative).toBe(1);
    expect(result.overall.itemMean.shareNegative).toBe(1);
    expect(result.overall.unweighted.shareNegative).toBe(1);
    expect(result.overall.unweighted.zero).toBe(0);
  });
});
