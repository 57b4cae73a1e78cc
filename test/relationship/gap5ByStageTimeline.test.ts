/**
 * gap5ByStageTimeline on a hand-worked example: five respondents of the tiny survey, CRM events that
 * put them in known stages by the default rules (docs/relationship.md), and gaps chosen so each
 * stage's Gap 5 is known by hand. The second check is structural: a stage's Gap 5 equals gap5
 * of a dataset validated from that stage's records alone.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { gap5ByStage } from "../../src/relationship/gap5ByStage";
import { gap5ByStageTimeline } from "../../src/relationship/gap5ByStageTimeline";
import { relationshipFeatures } from "../../src/relationship/relationshipFeatures";
import { stageTimeline } from "../../src/relationship/stageTimeline";
import { validateEvents } from "../../src/relationship/validateEvents";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const all = (v: number) => [v, v, v, v, v];
// r1: every gap 0; r2: every gap −2; r3: every gap −1; r4: +1; r5: −3.
const records = [
  tinyRecord("r1", all(7), all(7), { date: "2024-05-20" }),
  tinyRecord("r2", all(6), all(4), { date: "2024-05-25" }),
  tinyRecord("r3", all(5), all(4), { date: "2024-05-28" }),
  tinyRecord("r4", all(4), all(5), { date: "2024-05-28" }),
  tinyRecord("r5", all(7), all(4), { date: "2024-05-30" }),
];
const { dataset } = validateResponses(records, tinyInstrument);
const { events } = validateEvents([
  // r1: reached by a campaign, never bought: awareness.
  { id: 1, customer: "r1", timestamp: "2024-04-20", type: "campaign-exposure" },
  // r2, r3: one first purchase in May 2024: exploration (new, few purchases).
  { id: 2, customer: "r2", timestamp: "2024-05-10", type: "first-purchase", value: 50 },
  { id: 3, customer: "r3", timestamp: "2024-05-01", type: "first-purchase", value: 80 },
  // r4: no event at all. r5: first seen in July 2024, after answering in May.
  { id: 4, customer: "r5", timestamp: "2024-07-03", type: "first-purchase", value: 20 },
  // A customer who did not answer the survey.
  { id: 5, customer: "c9", timestamp: "2024-05-03", type: "purchase", value: 20 },
]);
const timeline = stageTimeline(events, { from: "2024-05-01", to: "2024-07-31" });

describe("gap5ByStageTimeline", () => {
  it("groups respondents by their stage in the response month and gives each stage's Gap 5", () => {
    const result = gap5ByStageTimeline(dataset, timeline);
    expect(result.at).toBe("response-month");
    expect(result.months).toEqual({ first: "2024-05", last: "2024-07" });
    const byStage = Object.fromEntries(result.stages.map((s) => [s.stage, s]));
    expect(byStage.awareness?.n).toBe(1);
    expect(byStage.exploration?.n).toBe(2);
    near(byStage.awareness?.gap5?.overall.unweighted.gap.mean, 0);
    // r2 (−2) and r3 (−1): every dimension −1.5.
    for (const d of byStage.exploration?.gap5?.dimensions ?? []) near(d.gap.mean, -1.5);
    expect(byStage.exploration?.gap5?.dimensions).toHaveLength(2);
    for (const stage of ["expansion", "commitment", "dissolution"]) {
      expect(byStage[stage]?.n).toBe(0);
      expect(byStage[stage]?.gap5).toBeNull();
    }
    expect(result.warnings.filter((w) => w.code === "no-data")).toHaveLength(3);
    // r4 has no events; r5 had none yet in May.
    expect(result.leftOut).toEqual({
      "no-customer": 0,
      "respondent-without-events": 1,
      "no-stage": 1,
      undated: 0,
    });
    expect(result.ungrouped.map((u) => [u.id, u.reason])).toEqual([
      ["r4", "respondent-without-events"],
      ["r5", "no-stage"],
    ]);
    expect(result.ungrouped[0]?.sourceRow).toBe(4);
    expect(result.respondents).toBe(result.grouped + 2);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain("respondent-without-events");
    expect(codes).toContain("no-stage");
  });

  it("by the last month, r5 (a customer by then) joins exploration", () => {
    const result = gap5ByStageTimeline(dataset, timeline, { at: "last-month" });
    const exploration = result.stages.find((s) => s.stage === "exploration");
    expect(exploration?.n).toBe(3);
    // (−2 − 1 − 3) / 3.
    near(exploration?.gap5?.overall.unweighted.gap.mean, -2);
    expect(result.leftOut["no-stage"]).toBe(0);
    expect(result.leftOut["respondent-without-events"]).toBe(1);
  });

  it("a stage's Gap 5 equals gap5 of a dataset of that stage's records alone", () => {
    const result = gap5ByStageTimeline(dataset, timeline);
    const alone = gap5(validateResponses(records.slice(1, 3), tinyInstrument).dataset);
    const exploration = result.stages.find((s) => s.stage === "exploration")?.gap5;
    expect(exploration?.items.map((i) => i.gap)).toEqual(alone.items.map((i) => i.gap));
    expect(exploration?.dimensions.map((d) => d.tTest)).toEqual(
      alone.dimensions.map((d) => d.tTest),
    );
  });

  it("respondents in = grouped + left out, for any selection of rows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: dataset.n - 1 }), { maxLength: 12 }),
        fc.constantFrom("response-month" as const, "last-month" as const),
        (rows, at) => {
          const r = gap5ByStageTimeline(dataset, timeline, { rows: Int32Array.from(rows), at });
          const left = r.leftOut["respondent-without-events"] + r.leftOut["no-stage"];
          expect(r.respondents).toBe(rows.length);
          expect(r.grouped + left + r.leftOut.undated).toBe(rows.length);
          expect(r.stages.reduce((s, x) => s + x.n, 0)).toBe(r.grouped);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("without dates, groups by the last month; asking for response months leaves everyone undated", () => {
    const undated = validateResponses(
      records.map(({ date: _, ...rest }) => rest),
      tinyInstrument,
    ).dataset;
    expect(gap5ByStageTimeline(undated, timeline).at).toBe("last-month");
    const result = gap5ByStageTimeline(undated, timeline, { at: "response-month", listLimit: 1 });
    expect(result.leftOut.undated).toBe(4);
    expect(result.ungrouped).toHaveLength(1);
    expect(result.warnings.map((w) => w.code)).toContain("undated");
  });

  it("rejects what is not a dataset, a timeline or its options", () => {
    const code = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(ServqualError);
        return (error as ServqualError).code;
      }
      return "no error";
    };
    const features = relationshipFeatures(events, { asOf: "2024-07-31" });
    expect(code(() => gap5ByStageTimeline(dataset, features as never))).toBe("invalid-argument");
    expect(code(() => gap5ByStageTimeline(timeline as never, timeline))).toBe("invalid-argument");
    expect(code(() => gap5ByStageTimeline(dataset, timeline, { at: "now" } as never))).toBe(
      "invalid-argument",
    );
    expect(code(() => gap5ByStageTimeline(dataset, timeline, { listLimit: -1 }))).toBe(
      "invalid-argument",
    );
    expect(code(() => gap5ByStageTimeline(dataset, timeline, { rows: Int32Array.of(9) }))).toBe(
      "invalid-argument",
    );
    expect(code(() => gap5ByStageTimeline(dataset, timeline, { atMonth: "x" } as never))).toBe(
      "invalid-options",
    );
  });
});

describe("gap5ByStage with a timeline: one entry, one shape", () => {
  it("equals gap5ByStageTimeline (the thin wrapper) for both `at` choices", () => {
    for (const at of ["response-month", "last-month"] as const) {
      expect(gap5ByStage(dataset, timeline, { at })).toEqual(
        gap5ByStageTimeline(dataset, timeline, { at }),
      );
    }
    const result = gap5ByStage(dataset, timeline);
    expect(result.kind).toBe("gap5-by-stage");
    expect(result.source).toBe("timeline");
  });

  it("with one stage per customer, the same fields as with a timeline", () => {
    const viaTimeline = gap5ByStage(dataset, timeline, { at: "last-month" });
    // the stage of each customer in the last month, as a record
    const last: Record<string, string> = {};
    for (const c of timeline.customers) {
      const stage = c.stages.at(-1);
      if (stage != null) last[c.customer] = stage;
    }
    const viaRecord = gap5ByStage(dataset, last as never);
    expect(Object.keys(viaRecord).sort()).toEqual(Object.keys(viaTimeline).sort());
    expect(viaRecord.stages).toEqual(viaTimeline.stages);
    expect(viaRecord.grouped).toBe(viaTimeline.grouped);
    // r4 has no events: without events in the timeline, not in the record
    expect(viaTimeline.leftOut["respondent-without-events"]).toBe(1);
    expect(viaRecord.leftOut["no-stage"]).toBe(1);
  });
});
