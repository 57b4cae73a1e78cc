/**
 * Zones of tolerance (Zeithaml, Berry & Parasuraman 1993; PZB 1994 three-column format),
 * worked by hand on a four-respondent survey: MSA = P − A, MSS = P − D; position below
 * (P < A), within (A ≤ P ≤ D), above (P > D); an inverted zone (A > D) is counted, not placed;
 * relative position (P − A)/(D − A) when D > A. "N" = not applicable (missing by design).
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { zonesOfTolerance } from "../../src/gaps/zonesOfTolerance";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import { validateResponses } from "../../src/responses/validateResponses";
import { dimensionsOf, near, tinyInstrument, tinyRecord } from "./tinySurvey";

const toleranceInstrument = defineInstrument({
  id: "tiny-tolerance",
  name: "Tiny three-column survey",
  scale: { min: 1, max: 9, notApplicable: ["N"] },
  format: "tolerance",
  dimensions: dimensionsOf({ A: ["a1", "a2"], B: ["b1", "b2", "b3"] }),
});

type Triple = readonly [number | string, number | string, number | string];
const ITEMS = ["a1", "a2", "b1", "b2", "b3"];
/** (adequate, desired, perceived) per item. */
function row(id: string, triples: readonly Triple[]): Record<string, unknown> {
  const record: Record<string, unknown> = { respondent_id: id };
  ITEMS.forEach((item, i) => {
    const [a, d, p] = triples[i] as Triple;
    record[`MIN_${item}`] = a;
    record[`DES_${item}`] = d;
    record[`P_${item}`] = p;
  });
  return record;
}

//            a1        a2          b1        b2          b3
const rows = [
  row("r1", [
    [4, 7, 5],
    [5, 5, 5],
    [3, 6, 4],
    [4, 6, 6],
    [5, 7, 3],
  ]),
  row("r2", [
    [5, 8, 3],
    [4, 6, "N"],
    [6, 8, 7],
    ["N", 7, 6],
    [5, 9, 4],
  ]),
  row("r3", [
    [3, 6, 8],
    [2, 9, 2],
    [2, 4, 5],
    [3, 5, 4],
    [4, 6, 6],
  ]),
  row("r4", [
    [7, 5, 6],
    [6, 8, 9],
    [5, 7, 5],
    [5, 6, 2],
    [6, 8, 7],
  ]),
];

describe("zonesOfTolerance on a hand-worked survey", () => {
  const { dataset, report } = validateResponses(rows, toleranceInstrument);
  const zones = zonesOfTolerance(dataset);
  const item = (id: string) => zones.items.find((i) => i.item === id);
  const dimension = (id: string) => zones.dimensions.find((d) => d.dimension === id);

  it("reads the two N answers as not applicable", () => {
    expect(report.rowsUsed).toBe(4);
    expect(report.notApplicable).toBe(2);
    expect(zones.kind).toBe("zones-of-tolerance");
  });

  it("item a1: one below, one within, one above, one inverted", () => {
    // r1 4 ≤ 5 ≤ 7 within, rel 1/3; r2 5 > 3 below, rel -2/3; r3 8 > 6 above, rel 5/3;
    // r4 A 7 > D 5: inverted, not placed.
    const a1 = item("a1");
    expect(a1?.n).toBe(4);
    expect([a1?.below, a1?.within, a1?.above, a1?.inverted]).toEqual([1, 1, 1, 1]);
    near(a1?.shareBelow, 1 / 3); // shares of the 3 placed respondents
    near(a1?.shareWithin, 1 / 3);
    near(a1?.shareAbove, 1 / 3);
    near(a1?.relativePosition, (1 / 3 - 2 / 3 + 5 / 3) / 3); // 4/9
    near(a1?.adequate, 19 / 4); // (4 + 5 + 3 + 7)/4
    near(a1?.desired, 26 / 4);
    near(a1?.perception, 22 / 4);
    near(a1?.width, 7 / 4); // (3 + 3 + 3 - 2)/4
  });

  it("item a2: boundaries count as within, zero width has no relative position, N is missing", () => {
    // r1 A = D = P = 5: within, width 0 (no rel); r2 P = N: not counted;
    // r3 P = A = 2: within, rel 0; r4 9 > 8: above, rel (9 - 6)/2 = 1.5
    const a2 = item("a2");
    expect(a2?.n).toBe(3);
    expect([a2?.below, a2?.within, a2?.above, a2?.inverted]).toEqual([0, 2, 1, 0]);
    near(a2?.shareWithin, 2 / 3);
    near(a2?.shareBelow, 0);
    near(a2?.relativePosition, (0 + 1.5) / 2);
  });

  it("MSA and MSS of item a1 (the inverted respondent still has both gaps)", () => {
    const msa = zones.msa.items.find((i) => i.item === "a1");
    const mss = zones.mss.items.find((i) => i.item === "a1");
    // MSA = P - A = 1, -2, 5, -1 → mean 3/4; deviations .25 -2.75 4.25 -1.75 → SS 28.75
    expect(msa?.n).toBe(4);
    near(msa?.gap.mean, 3 / 4);
    near(msa?.gap.sd, Math.sqrt(28.75 / 3));
    near(msa?.required.mean, 19 / 4);
    near(msa?.shareNegative, 2 / 4);
    // MSS = P - D = -2, -5, 2, 1 → mean -1
    near(mss?.gap.mean, -1);
    near(mss?.required.mean, 26 / 4);
    near(mss?.shareNegative, 2 / 4);
    expect([msa?.required.side, msa?.delivered.side]).toEqual(["adequate", "perception"]);
    expect([mss?.required.side, mss?.delivered.side]).toEqual(["desired", "perception"]);
  });

  it("dimension A: positions from each respondent's means", () => {
    // r1 A (4+5)/2 = 4.5, D 6, P 5: within, rel .5/1.5 = 1/3
    // r2 (a1 only, a2 has P = N): 5, 8, 3: below, rel -2/3
    // r3 2.5, 7.5, 5: within, rel 2.5/5 = 1/2
    // r4 6.5, 6.5, 7.5: zero width (its a1 zone is inverted, the mean zone is not), above
    const A = dimension("A");
    expect(A?.n).toBe(4);
    expect([A?.below, A?.within, A?.above, A?.inverted]).toEqual([1, 2, 1, 0]);
    near(A?.shareWithin, 1 / 2);
    near(A?.relativePosition, (1 / 3 - 2 / 3 + 1 / 2) / 3); // 1/18
    near(A?.adequate, (4.5 + 5 + 2.5 + 6.5) / 4);
    near(A?.perception, (5 + 3 + 5 + 7.5) / 4);
  });

  it("dimension B: positions from each respondent's means over items with all three columns", () => {
    // r1 A 4, D 19/3, P 13/3: within, rel (1/3)/(7/3) = 1/7
    // r2 (b1, b3; b2 has A = N): 5.5, 8.5, 5.5: within (P = A), rel 0
    // r3 3, 5, 5: within (P = D), rel 1
    // r4 16/3, 7, 14/3: below, rel (-2/3)/(5/3) = -2/5
    const B = dimension("B");
    expect(B?.n).toBe(4);
    expect([B?.below, B?.within, B?.above, B?.inverted]).toEqual([1, 3, 0, 0]);
    near(B?.shareBelow, 1 / 4);
    near(B?.shareWithin, 3 / 4);
    near(B?.shareAbove, 0);
    near(B?.relativePosition, (1 / 7 + 0 + 1 - 2 / 5) / 4); // 13/70
    near(B?.adequate, 107 / 24); // (4 + 5.5 + 3 + 16/3)/4
  });

  it("dimension MSA and MSS use the pairs each gap has", () => {
    // MSA_B per respondent (items with A and P): 13/3 - 4 = 1/3; 5.5 - 5.5 = 0; 5 - 3 = 2;
    // 14/3 - 16/3 = -2/3 → mean 5/12
    near(zones.msa.dimensions.find((d) => d.dimension === "B")?.gap.mean, 5 / 12);
    // MSS_B (items with D and P; r2's b2 counts here): r1 (-2 + 0 - 4)/3 = -2;
    // r2 (-1 - 1 - 5)/3 = -7/3; r3 (1 - 1 + 0)/3 = 0; r4 (-2 - 4 - 1)/3 = -7/3 → mean -5/3
    near(zones.mss.dimensions.find((d) => d.dimension === "B")?.gap.mean, -5 / 3);
  });

  it("counts respondents with an inverted zone and warns", () => {
    expect(zones.respondentsWithInversions).toBe(1);
    expect(zones.warnings.length).toBe(1);
    expect(zones.warnings[0]?.message).toContain("1 respondent(s)");
  });
});

describe("zonesOfTolerance with the built-in three-column SERVQUAL-22", () => {
  it("places every respondent of every dimension", () => {
    // Each respondent: adequate 4, desired 7 everywhere; perceived 3 (below), 5 (within),
    // 8 (above) for respondents x, y, z.
    const records = [
      ["x", 3],
      ["y", 5],
      ["z", 8],
    ].map(([id, p]) => {
      const record: Record<string, unknown> = { respondent_id: id };
      for (let i = 1; i <= 22; i++) {
        record[`MIN_${i}`] = 4;
        record[`DES_${i}`] = 7;
        record[`P_${i}`] = p;
      }
      return record;
    });
    const zones = zonesOfTolerance(
      validateResponses(records, instruments.servqual22Tolerance).dataset,
    );
    expect(zones.dimensions.map((d) => d.dimension)).toEqual([
      "tangibles",
      "reliability",
      "responsiveness",
      "assurance",
      "empathy",
    ]);
    for (const d of zones.dimensions) {
      expect([d.below, d.within, d.above]).toEqual([1, 1, 1]);
      // rel (3 - 4)/3, (5 - 4)/3, (8 - 4)/3 → mean (-1 + 1 + 4)/9 = 4/9
      near(d.relativePosition, 4 / 9);
    }
    // MSA overall: (3 - 4, 5 - 4, 8 - 4) → mean 4/3; MSS: (-4, -2, 1) → mean -5/3
    near(zones.msa.overall.unweighted.gap.mean, 4 / 3);
    near(zones.mss.overall.unweighted.gap.mean, -5 / 3);
    expect(zones.respondentsWithInversions).toBe(0);
    expect(zones.warnings).toEqual([]);
  });
});

describe("zones of tolerance and Gap 5 refuse each other's data", () => {
  it("zonesOfTolerance on expectation–perception data throws invalid-input", () => {
    const { dataset } = validateResponses(
      [tinyRecord("r1", [6, 6, 6, 6, 6], [5, 5, 5, 5, 5])],
      tinyInstrument,
    );
    expect(() => zonesOfTolerance(dataset)).toThrow(ServqualError);
    try {
      zonesOfTolerance(dataset);
    } catch (error) {
      expect((error as ServqualError).code).toBe("invalid-input");
    }
  });

  it("gap5 on three-column data throws invalid-input", () => {
    const { dataset } = validateResponses(rows, toleranceInstrument);
    expect(() => gap5(dataset)).toThrow(ServqualError);
    try {
      gap5(dataset);
    } catch (error) {
      expect((error as ServqualError).code).toBe("invalid-input");
    }
  });
});
