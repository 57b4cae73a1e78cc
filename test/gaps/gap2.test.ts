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

  it("checks its arguments", () => {
    expect(() => gap2(undefined as never)).toThrow(/StandardSet/);
    expect(() => gap2(standards, { customers: 1 } as never)).toThrow(/did you mean 'customer'/);
    expect(() => gap2(standards, { customer: {} as never })).toThrow(/Dataset/);
  });
});
