import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5, gap5ByStage, validateResponses } from "../../src/index";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

// Items a1 a2 | b1 b2 b3. Gaps per respondent (P − E):
const records = [
  tinyRecord("r1", [6, 6, 6, 6, 6], [4, 4, 5, 5, 5]), // A −2, B −1
  tinyRecord("r2", [6, 6, 6, 6, 6], [5, 5, 6, 6, 6]), // A −1, B 0
  tinyRecord("r3", [5, 5, 5, 5, 5], [6, 6, 5, 5, 5]), // A +1, B 0
  tinyRecord("r4", [5, 5, 5, 5, 5], [6, 6, 6, 6, 6]), // A +1, B +1
  tinyRecord("r5", [4, 4, 4, 4, 4], [4, 4, 4, 4, 4]), // A 0, B 0
  tinyRecord("r6", [7, 7, 7, 7, 7], [1, 1, 1, 1, 1]), // no stage
];
const { dataset } = validateResponses(records, tinyInstrument);
const stages = {
  r1: "commitment",
  r2: "commitment",
  r3: "exploration",
  r4: "exploration",
  r5: "expansion",
} as const;

const dimensionGap = (result: ReturnType<typeof gap5> | null | undefined, d: string) =>
  result?.dimensions.find((x) => x.dimension === d)?.gap.mean;

describe("gap5ByStage", () => {
  const result = gap5ByStage(dataset, stages);

  it("splits respondents by their customer's stage (hand-worked dimension gaps)", () => {
    const byStage = Object.fromEntries(result.stages.map((s) => [s.stage, s]));
    expect(result.stages.map((s) => s.stage)).toEqual([
      "awareness",
      "exploration",
      "expansion",
      "commitment",
      "dissolution",
    ]);
    expect(dimensionGap(byStage.commitment?.gap5, "A")).toBeCloseTo(-1.5, 12);
    expect(dimensionGap(byStage.commitment?.gap5, "B")).toBeCloseTo(-0.5, 12);
    expect(dimensionGap(byStage.exploration?.gap5, "A")).toBeCloseTo(1, 12);
    expect(dimensionGap(byStage.exploration?.gap5, "B")).toBeCloseTo(0.5, 12);
    expect(byStage.expansion?.n).toBe(1);
    expect(byStage.awareness?.gap5).toBeNull();
    expect(result.warnings.filter((w) => w.code === "no-data").map((w) => w.message)).toEqual([
      "no respondent is in the awareness stage: no Gap 5 for it",
      "no respondent is in the dissolution stage: no Gap 5 for it",
    ]);
  });

  it("each stage's table equals gap5 of a dataset of just its respondents", () => {
    const alone = validateResponses(records.slice(0, 2), tinyInstrument).dataset;
    const commitment = result.stages.find((s) => s.stage === "commitment")?.gap5;
    expect(commitment?.dimensions).toEqual(gap5(alone).dimensions);
    expect(commitment?.overall).toEqual(gap5(alone).overall);
  });

  it("reports respondents left out: grouped + left out = respondents", () => {
    expect(result.kind).toBe("gap5-by-stage");
    expect(result.source).toBe("stages");
    expect(result.at).toBeNull();
    expect(result.months).toBeNull();
    expect(result.respondents).toBe(6);
    expect(result.grouped).toBe(5);
    expect(result.leftOut).toEqual({
      "no-customer": 0,
      "respondent-without-events": 0,
      "no-stage": 1,
      undated: 0,
    });
    expect(result.ungrouped).toEqual([
      { row: 5, sourceRow: 6, id: "r6", customer: "r6", reason: "no-stage" },
    ]);
    expect(result.warnings.map((w) => w.code).filter((c) => c !== "no-data")).toEqual(["no-stage"]);
    const limited = gap5ByStage(dataset, { r1: "commitment" }, { listLimit: 2 });
    expect(limited.leftOut["no-stage"]).toBe(5);
    expect(limited.ungrouped).toHaveLength(2);
  });

  it("takes classifyStage-like assessments, a row selection and a customer column", () => {
    const withCrm = validateResponses(
      records.map((r, i) => ({ ...r, crm: i < 2 ? "C1" : "" })),
      tinyInstrument,
      { columns: { segments: ["crm"] } },
    ).dataset;
    const split = gap5ByStage(withCrm, [{ customer: "C1", stage: "commitment" }] as never, {
      customerColumn: "crm",
      rows: Int32Array.of(0, 2),
    });
    expect(split.respondents).toBe(2);
    expect(split.grouped).toBe(1);
    expect(split.leftOut["no-customer"]).toBe(1);
    expect(split.ungrouped).toEqual([
      { row: 2, sourceRow: 3, id: "r3", customer: null, reason: "no-customer" },
    ]);
  });

  it("rejects bad stages and options", () => {
    const code = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error instanceof ServqualError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => gap5ByStage(dataset, { r1: "loyal" } as never))).toBe("invalid-argument");
    expect(code(() => gap5ByStage(dataset, "commitment" as never))).toBe("invalid-argument");
    expect(code(() => gap5ByStage(dataset, stages, { listLimit: -1 }))).toBe("invalid-argument");
    expect(code(() => gap5ByStage(dataset, stages, { customerColumn: "crm" }))).toBe(
      "invalid-input",
    );
    // `at` goes with a timeline only
    expect(code(() => gap5ByStage(dataset, stages, { at: "last-month" }))).toBe("invalid-argument");
  });
});
