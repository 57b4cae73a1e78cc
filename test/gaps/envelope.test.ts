/**
 * The common gap envelope: Gap 5 fills it (checked at run time and by the compiler), and a
 * compliance-style result (the shape Gap 3 will return) fits it too (checked by the compiler:
 * `npm run typecheck` compiles this file).
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import type { GapDimensionRow, GapEnvelope, GapItemRow } from "../../src/gaps/envelope";
import { type Gap5Result, gap5 } from "../../src/gaps/gap5";
import type { GapStatistics, Interval } from "../../src/gaps/types";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "./tinySurvey";

/** What Gap 3 (service delivered vs the standards, from records) will put in the envelope. */
interface StandardRow extends GapItemRow {
  readonly records: number;
  readonly compliant: number;
  readonly rate: number | null;
  readonly ci: Interval;
  readonly warnings: readonly string[];
}
interface ComplianceDimension extends GapDimensionRow {
  readonly records: number;
  readonly rate: number | null;
}
type ComplianceResult = GapEnvelope<
  StandardRow,
  ComplianceDimension,
  { readonly records: number; readonly rate: number | null }
> & { readonly gap: 3; readonly design: "compliance" };

const compliance = {
  gap: 3,
  name: "Gap 3: service delivered vs the standards",
  design: "compliance",
  unit: "share of records",
  sign: "compliance − target; negative = below the standard",
  items: [
    {
      item: "answer-within-2-rings",
      label: "Phone answered within two rings",
      dimension: "responsiveness",
      records: 40,
      compliant: 30,
      rate: 0.75,
      ci: { level: 0.95, lower: 0.6, upper: 0.86, method: "wilson" },
      warnings: [],
    },
  ],
  dimensions: [{ dimension: "responsiveness", label: "Responsiveness", records: 40, rate: 0.75 }],
  overall: { records: 40, rate: 0.75 },
  warnings: [],
} satisfies ComplianceResult;

describe("gap envelope (types)", () => {
  it("Gap5Result and a compliance-style result are gap envelopes", () => {
    expectTypeOf<Gap5Result>().toExtend<GapEnvelope>();
    expectTypeOf<ComplianceResult>().toExtend<GapEnvelope>();
    expectTypeOf(compliance).toExtend<GapEnvelope>();
    expectTypeOf<Gap5Result["items"][number]>().toExtend<GapItemRow>();
    expectTypeOf<Gap5Result["design"]>().toEqualTypeOf<"paired">();
    expectTypeOf<Gap5Result["gap"]>().toEqualTypeOf<5>();
  });

  it("rejects a result without a design, or with a design outside the four", () => {
    const { design: _design, ...withoutDesign } = compliance;
    expectTypeOf(withoutDesign).not.toExtend<GapEnvelope>();
    expectTypeOf({ ...compliance, design: "survey" as const }).not.toExtend<GapEnvelope>();
    expectTypeOf({ ...compliance, gap: 6 as const }).not.toExtend<GapEnvelope>();
  });

  it("names the sides in fixed required / delivered fields", () => {
    expectTypeOf<
      GapStatistics<"expectation", "perception">["required"]["side"]
    >().toEqualTypeOf<"expectation">();
    expectTypeOf<
      GapStatistics<"expectation", "perception">["delivered"]["side"]
    >().toEqualTypeOf<"perception">();
    expectTypeOf<GapStatistics>().not.toHaveProperty("expectation");
  });
});

describe("gap envelope (Gap 5 at run time)", () => {
  const rows = [
    tinyRecord("r1", [6, 7, 5, 6, 7], [5, 5, 5, 4, 6]),
    tinyRecord("r2", [5, 5, 6, 6, 6], [6, 4, 4, 5, 6]),
    tinyRecord("r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7]),
  ];
  const { dataset, report } = validateResponses(rows, tinyInstrument);
  const result = gap5(dataset);

  it("fills the envelope fields", () => {
    expect(report.rowsUsed).toBe(3);
    expect(result.gap).toBe(5);
    expect(result.name).toBe("Gap 5: perceived vs expected service");
    expect(result.design).toBe("paired");
    expect(result.unit).toBe("scale points");
    expect(result.sign).toBe("perception − expectation; negative = shortfall");
    expect(result.items.map((i) => i.item)).toEqual(["a1", "a2", "b1", "b2", "b3"]);
    expect(result.dimensions.map((d) => d.dimension)).toEqual(["A", "B"]);
  });

  it("keeps warnings on the rows: none at result level", () => {
    expect(result.warnings).toEqual([]);
  });

  it("names each side's facet", () => {
    for (const row of [...result.items, ...result.dimensions, result.overall.unweighted]) {
      expect(row.required.side).toBe("expectation");
      expect(row.delivered.side).toBe("perception");
    }
    // a1: E = 6, 5, 7 → 6; P = 5, 6, 4 → 5.
    expect(result.items[0]?.required.mean).toBe(6);
    expect(result.items[0]?.delivered.mean).toBe(5);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
