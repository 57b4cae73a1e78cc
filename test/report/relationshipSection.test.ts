import { describe, expect, it } from "vitest";
import {
  dissolutionWarnings,
  relationshipFeatures,
  stageTimeline,
  stageTransitions,
  validateEvents,
  validateResponses,
} from "../../src/index";
import { gapReportResults, layoutGapReport, renderMarkdown } from "../../src/report";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

describe("the relationship section of a report", () => {
  const { dataset, report } = validateResponses(
    [
      tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6]),
      tinyRecord("r2", [6, 7, 5, 6, 7], [5, 5, 5, 4, 7]),
    ],
    tinyInstrument,
  );
  const results = gapReportResults(dataset, report);
  const { events } = validateEvents([
    { id: 1, customer: "A", timestamp: "2024-01-10", type: "inquiry" },
    { id: 2, customer: "A", timestamp: "2024-02-10", type: "first-purchase", value: 60 },
    { id: 3, customer: "B", timestamp: "2024-01-05", type: "purchase", value: 10 },
    { id: 4, customer: "B", timestamp: "2024-02-04", type: "purchase", value: 10 },
    { id: 5, customer: "C", timestamp: "2024-01-02", type: "campaign-exposure" },
  ]);
  const timeline = stageTimeline(events, { from: "2024-01-01", to: "2024-04-30" });
  const relationship = {
    timeline,
    transitions: stageTransitions(timeline),
    atRisk: dissolutionWarnings(relationshipFeatures(events, { asOf: "2024-04-30" })),
  };

  it("is left out without relationship results", () => {
    expect(layoutGapReport(results).sections.map((s) => s.id)).not.toContain("relationships");
  });

  it("shows the stage distribution, the transition matrix and the customers at risk", () => {
    const document = layoutGapReport({ ...results, relationship });
    const section = document.sections.find((s) => s.id === "relationships");
    expect(section?.title).toBe("Relationship stages");
    const tables = Object.fromEntries(
      (section?.blocks ?? []).flatMap((b) => (b.kind === "table" ? [[b.id, b]] : [])),
    );
    // April: A exploration, B exploration, C awareness
    const counts = tables["stage-distribution"]?.rows.map((row) => row[1]);
    expect(counts).toEqual([
      { kind: "count", value: 1 },
      { kind: "count", value: 2 },
      { kind: "count", value: 0 },
      { kind: "count", value: 0 },
      { kind: "count", value: 0 },
    ]);
    expect(tables["stage-transitions"]?.rows).toHaveLength(5);
    // B bought every 30 days and was silent for 86 days by April 30: long silence
    expect(tables["at-risk"]?.rows.map((row) => row[0])).toEqual([{ kind: "label", text: "B" }]);
    const markdown = renderMarkdown(document);
    expect(markdown).toContain("## Relationship stages");
    expect(markdown).toContain("long-silence");
  });
});
