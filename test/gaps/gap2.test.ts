import { describe, expect, it } from "vitest";
import { gap2 } from "../../src/gaps/gap2";
import { validateStandards } from "../../src/operations/standards";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "./tinySurvey";

const standards = validateStandards([
  {
    id: "a1-scale",
    attribute: "a1",
    item: "a1",
    dimension: "A",
    formal: true,
    scaleTarget: 6,
    believedExpectation: 5.5,
  },
  {
    id: "a2-time",
    attribute: "a2",
    item: "a2",
    dimension: "A",
    formal: true,
    metric: "first-response",
    target: 8,
    unit: "business-hours",
    direction: "lower-is-better",
    believedExpectation: 4,
  },
  { id: "b1-none", attribute: "b1", item: "b1", dimension: "B", formal: false },
  { id: "b2-doc", attribute: "b2", item: "b2", dimension: "B", formal: true, scaleTarget: 5 },
  {
    id: "b2-time",
    attribute: "b2",
    item: "b2",
    dimension: "B",
    formal: true,
    metric: "resolution",
    target: 2,
    unit: "days",
    direction: "lower",
  },
]);

describe("gap2: hand-worked", () => {
  it("per standard: present, target vs believed expectation, sign-adjusted by direction", () => {
    const result = gap2(standards);
    expect(result).toMatchObject({ gap: 2, design: "index", unit: "share of attributes" });
    const row = (id: string) => result.items.find((r) => r.item === id);
    // Scale target 6 vs believed 5.5: +0.5 (asks for more than believed).
    expect(row("a1-scale")?.vsBelieved).toBe(0.5);
    // 8 business hours when management believes customers expect 4 (lower is better): −(8 − 4) = −4.
    expect(row("a2-time")?.vsBelieved).toBe(-4);
    expect(row("b1-none")).toMatchObject({ present: false, measurable: false, vsBelieved: null });
    expect(row("b2-doc")?.customerExpectation).toBeNull();
  });

  it("coverage per dimension and overall: attributes counted once", () => {
    const result = gap2(standards);
    // A: a1, a2 both formal → 1; B: b1 none, b2 formal → 1/2; overall 3 of 4.
    expect(
      result.dimensions.map((d) => [
        d.dimension,
        d.attributes,
        d.withStandard,
        d.coverage,
        d.gap,
        d.missing,
      ]),
    ).toEqual([
      ["A", 2, 2, 1, 0, []],
      ["B", 2, 1, 0.5, -0.5, ["b1"]],
    ]);
    expect(result.overall).toMatchObject({
      attributes: 4,
      withStandard: 3,
      coverage: 0.75,
      gap: -0.25,
      unlistedItems: [],
    });
  });

  it("with a customer dataset: mean E per linked item, unlisted items count as uncovered", () => {
    const { dataset } = validateResponses(
      [
        tinyRecord("r1", [7, 6, 5, 4, 3], [6, 6, 6, 6, 6]),
        tinyRecord("r2", [6, 5, 4, 6, 2], [6, 6, 6, 6, 6]),
        tinyRecord("r3", [6, null, 6, 5, 4], [6, 6, 6, 6, 6]),
      ],
      tinyInstrument,
    );
    const result = gap2(standards, { customer: dataset });
    const a1 = result.items.find((r) => r.item === "a1-scale");
    // E(a1) = (7 + 6 + 6)/3 = 19/3; 6 − 19/3 = −1/3 (the standard asks for less than customers expect).
    expect(a1?.customerExpectation).toBeCloseTo(19 / 3, 12);
    expect(a1?.vsCustomer).toBeCloseTo(-1 / 3, 12);
    expect(result.items.find((r) => r.item === "b2-doc")?.vsCustomer).toBeCloseTo(0, 12);
    // b3 is in the instrument but not in the standards: 3 of 5 covered.
    expect(result.overall).toMatchObject({
      attributes: 5,
      withStandard: 3,
      coverage: 0.6,
      unlistedItems: ["b3"],
    });
    expect(result.dimensions.find((d) => d.dimension === "B")?.missing).toEqual(["b1", "b3"]);
  });

  it("importance-weighted standards index, equal weights without a customer dataset", () => {
    const result = gap2(standards);
    const row = (id: string) => result.items.find((r) => r.item === id);
    // a1: target 6 ≥ believed 5.5 → meets (c = 1); a2: 8 h against a believed 4 h → 0.5;
    // b1: no formal standard → 0; b2: both rows measurable, no requirement known → 0.5.
    expect(row("a1-scale")).toMatchObject({ meetsRequirement: true, level: 1 });
    expect(row("a2-time")).toMatchObject({ meetsRequirement: false, level: 0.5 });
    expect(row("b1-none")).toMatchObject({ meetsRequirement: null, level: 0 });
    expect(row("b2-doc")).toMatchObject({ meetsRequirement: null, level: 0.5 });
    // G2 = 100·(1 − (1 + 0.5 + 0 + 0.5)/4) = 50; A: 100·(1 − 1.5/2) = 25; B: 100·(1 − 0.5/2) = 75.
    expect(result.overall.standardsIndex).toBeCloseTo(50, 12);
    expect(result.overall).toMatchObject({ weighting: "equal", unweighted: [] });
    const index = (d: string) => result.dimensions.find((x) => x.dimension === d)?.standardsIndex;
    expect(index("A")).toBeCloseTo(25, 12);
    expect(index("B")).toBeCloseTo(75, 12);
  });

  it("importance-weighted standards index with the customers' importance points", () => {
    const { dataset } = validateResponses(
      [
        tinyRecord("r1", [7, 6, 5, 4, 3], [6, 6, 6, 6, 6], { W_A: 70, W_B: 30 }),
        tinyRecord("r2", [6, 5, 4, 6, 2], [6, 6, 6, 6, 6], { W_A: 50, W_B: 50 }),
        tinyRecord("r3", [6, null, 6, 5, 4], [6, 6, 6, 6, 6], { W_A: "", W_B: "" }),
      ],
      tinyInstrument,
    );
    const result = gap2(standards, { customer: dataset });
    const row = (id: string) => result.items.find((r) => r.item === id);
    // a1: 6 − Ē 19/3 = −1/3 < 0 (the customers' E decides before the believed level) → 0.5.
    expect(row("a1-scale")).toMatchObject({ meetsRequirement: false, level: 0.5 });
    // b2-doc: 5 − Ē (4 + 6 + 5)/3 = 0 ≥ 0 → 1; b2's level is its best row's.
    expect(row("b2-doc")).toMatchObject({ meetsRequirement: true, level: 1 });
    // Points: A (70 + 50)/2 = 60 over a1, a2 (30 each); B (30 + 50)/2 = 40 over b1, b2, b3
    // (40/3 each). Σwc = 30·0.5 + 30·0.5 + 40/3·(0 + 1 + 0) = 130/3; Σw = 100;
    // G2 = 100·(1 − 130/300) = 170/3.
    expect(result.overall.standardsIndex).toBeCloseTo(170 / 3, 10);
    expect(result.overall.weighting).toBe("importance-points");
    const index = (d: string) => result.dimensions.find((x) => x.dimension === d)?.standardsIndex;
    expect(index("A")).toBeCloseTo(50, 10);
    expect(index("B")).toBeCloseTo(200 / 3, 10);
  });

  it("attributes of a dimension without importance points are left out, with a warning", () => {
    const { dataset } = validateResponses(
      [tinyRecord("r1", [7, 6, 5, 4, 3], [6, 6, 6, 6, 6], { W_A: 100, W_B: 0 })],
      tinyInstrument,
    );
    const set = validateStandards([
      { id: "a1", attribute: "a1", item: "a1", dimension: "A", formal: true, scaleTarget: 7 },
      { id: "c1", attribute: "c1", dimension: "C", formal: false },
    ]);
    const result = gap2(set, { customer: dataset });
    // a1 meets (7 − 7 = 0) with weight 100/2; a2 (unlisted, 0) 50; B's points are 0; c1 is unweighted.
    expect(result.overall.unweighted).toEqual(["c1"]);
    expect(result.overall.standardsIndex).toBeCloseTo(50, 12);
    expect(result.warnings.map((w) => w.code)).toContain("no-importance-points");
    expect(result.dimensions.find((d) => d.dimension === "C")?.standardsIndex).toBeNull();
  });

  it("checks its arguments", () => {
    expect(() => gap2(undefined as never)).toThrow(/StandardSet/);
    expect(() => gap2(standards, { customers: 1 } as never)).toThrow(/did you mean 'customer'/);
    expect(() => gap2(standards, { customer: {} as never })).toThrow(/Dataset/);
  });
});
