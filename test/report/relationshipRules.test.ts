/**
 * The relationship section states the rules in force: the stage rules the timeline was computed
 * with and the early warning's thresholds, so a reader of the Markdown sees why a customer is in
 * a stage or was flagged. The values are the ones passed in (or the documented defaults).
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_STAGE_RULES,
  dissolutionWarnings,
  relationshipFeatures,
  stageTimeline,
  stageTransitions,
  validateEvents,
  validateResponses,
} from "../../src/index";
import { gapReportResults, layoutGapReport, renderMarkdown } from "../../src/report";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

describe("rules in force in the relationship section", () => {
  const { dataset, report } = validateResponses(
    [tinyRecord("r1", [5, 6, 4, 5, 6], [4, 6, 5, 3, 6])],
    tinyInstrument,
  );
  const results = gapReportResults(dataset, report);
  const { events } = validateEvents([
    { id: 1, customer: "B", timestamp: "2024-01-05", type: "purchase", value: 10 },
    { id: 2, customer: "B", timestamp: "2024-02-04", type: "purchase", value: 10 },
  ]);
  const features = relationshipFeatures(events, { asOf: "2024-04-30" });

  function markdown(rules: Parameters<typeof stageTimeline>[1]["rules"], silenceMultiple: number) {
    const timeline = stageTimeline(events, { from: "2024-01-01", to: "2024-04-30", rules });
    const relationship = {
      timeline,
      transitions: stageTransitions(timeline),
      atRisk: dissolutionWarnings(features, { silenceMultiple }),
    };
    return renderMarkdown(layoutGapReport({ ...results, relationship }));
  }

  it("the timeline and the warnings carry the rules they used", () => {
    const timeline = stageTimeline(events, {
      from: "2024-01-01",
      to: "2024-02-29",
      rules: { silenceDays: 365 },
    });
    expect(timeline.rules).toEqual({ ...DEFAULT_STAGE_RULES, silenceDays: 365 });
    expect(dissolutionWarnings(features).thresholds).toEqual({
      fallingTrend: -0.2,
      risingComplaints: 2,
      silenceMultiple: 2,
      silenceDays: 180,
    });
    expect(dissolutionWarnings(features, { fallingTrend: -0.5 }).thresholds.fallingTrend).toBe(
      -0.5,
    );
  });

  it("Markdown states the stage rules and the warning thresholds", () => {
    const md = markdown(undefined, 2);
    expect(md).toContain("Stage rules in force: awareness = no purchase yet");
    expect(md).toContain("no purchase for more than 180 days");
    expect(md).toContain("tenure ≥ 730 days");
    expect(md).toContain("value trend ≤ -20%");
    expect(md).toContain("Early warning rules in force");
    expect(md).toContain("than 2 × the customer's own median purchase cycle");
    expect(md).toContain("or than 180 days for a customer without a rhythm of their own");
    expect(md).toContain("down 20% or more");
    expect(md).not.toContain("Survey criteria");
  });

  it("changed rules show their own values", () => {
    const md = markdown({ silenceDays: 365, trust: { trustMin: 70 } }, 3);
    expect(md).toContain("no purchase for more than 365 days");
    expect(md).toContain("than 3 × the customer's own median purchase cycle");
    expect(md).toContain("commitment needs a trust index ≥ 70 and a commitment index ≥ 60");
    expect(md).toContain("a trust index below 30 is a dissolution signal");
  });
});
