import { describe, expect, it } from "vitest";
import {
  dissolutionWarnings,
  gap5ByStageTimeline,
  relationshipFeatures,
  stageTimeline,
  stageTransitions,
  validateEvents,
  validateResponses,
} from "../../src/index";
import {
  gapReportResults,
  layoutGapReport,
  renderCsv,
  renderHtml,
  renderMarkdown,
} from "../../src/report";
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

describe("the relationship sections with events read and Gap 5 by stage", () => {
  const records = [
    tinyRecord("A", [6, 6, 6, 6, 6], [4, 4, 4, 4, 4], { date: "2024-04-10" }),
    tinyRecord("B", [5, 5, 5, 5, 5], [5, 5, 5, 5, 5], { date: "2024-04-12" }),
    tinyRecord("Z", [5, 5, 5, 5, 5], [6, 6, 6, 6, 6], { date: "2024-04-12" }),
  ];
  const { dataset, report } = validateResponses(records, tinyInstrument);
  const read = validateEvents([
    { id: 1, customer: "A", timestamp: "2024-01-10", type: "inquiry" },
    { id: 2, customer: "A", timestamp: "2024-02-10", type: "first-purchase", value: 60 },
    { id: 3, customer: "B", timestamp: "2024-01-05", type: "campaign-exposure" },
    { id: 4, customer: "B", timestamp: "2024-01-06", type: "webinar" },
  ]);
  const timeline = stageTimeline(read.events, { from: "2024-01-01", to: "2024-04-30" });
  const relationship = {
    timeline,
    transitions: stageTransitions(timeline),
    atRisk: null,
    gap5ByStage: gap5ByStageTimeline(dataset, timeline),
    events: {
      source: "events.csv",
      eventsIn: read.report.eventsIn,
      eventsUsed: read.report.eventsUsed,
      eventsExcluded: read.report.eventsExcluded,
      valuesDropped: read.report.valuesDropped,
      issueCounts: read.report.issueCounts,
      issues: read.report.issues,
    },
  };
  const document = layoutGapReport({ ...gapReportResults(dataset, report), relationship });
  const section = (id: string) => document.sections.find((s) => s.id === id);

  it("counts the events and lists their issues", () => {
    const markdown = renderMarkdown(document);
    expect(markdown).toContain("CRM events (events.csv): in 4 = used 3 + excluded 1");
    expect(markdown).toContain("unknown-event-type");
  });

  it("draws the stage distribution as bars and the transitions as a heatmap", () => {
    const charts = (section("relationships")?.blocks ?? []).filter((b) => b.kind === "chart");
    const bars = charts.find((c) => c.id === "stage-distribution-chart");
    // April: A exploration (one purchase, new), B awareness (no purchase).
    expect(bars?.data).toEqual([
      { stage: "awareness", customers: 1 },
      { stage: "exploration", customers: 1 },
      { stage: "expansion", customers: 0 },
      { stage: "commitment", customers: 0 },
      { stage: "dissolution", customers: 0 },
    ]);
    const heat = charts.find((c) => c.id === "stage-transitions-chart");
    expect(heat?.mark).toBe("rect");
    // Only the rows with customer-months: awareness (B: 3 months, A: 1) and exploration (A: 2).
    expect(new Set(heat?.data.map((d) => d.from))).toEqual(new Set(["awareness", "exploration"]));
    const share = (from: string, to: string) =>
      heat?.data.find((d) => d.from === from && d.to === to)?.share;
    expect(share("awareness", "awareness")).toBeCloseTo(3 / 4, 12);
    expect(share("awareness", "exploration")).toBeCloseTo(1 / 4, 12);
    expect(share("exploration", "exploration")).toBe(1);
  });

  it("shows Gap 5 per stage with n, and who was left out", () => {
    const s = section("gap5-by-stage-timeline");
    expect(s?.title).toBe("Gap 5 by relationship stage");
    const table = s?.blocks.find((b) => b.kind === "table" && b.id === "gap5-by-stage-timeline");
    if (table?.kind !== "table") throw new Error("no gap5-by-stage table");
    // A (exploration in April): every gap −2; B (awareness): 0. Three rows per stage.
    const rows = table.rows.map((r) => [r[0], r[1], r[2], r[4]]);
    expect(rows).toContainEqual([
      { kind: "label", text: "exploration" },
      { kind: "label", text: "Overall" },
      { kind: "number", value: -2, decimals: 2 },
      { kind: "count", value: 1 },
    ]);
    expect(rows).toContainEqual([
      { kind: "label", text: "awareness" },
      { kind: "label", text: "Overall" },
      { kind: "number", value: 0, decimals: 2 },
      { kind: "count", value: 1 },
    ]);
    const left = s?.blocks.find((b) => b.kind === "table" && b.id === "stage-left-out");
    if (left?.kind !== "table") throw new Error("no stage-left-out table");
    expect(left.rows).toEqual([
      [
        { kind: "count", value: 3 },
        { kind: "label", text: "Z" },
        { kind: "label", text: "respondent-without-events" },
      ],
    ]);
    const csv = renderCsv(document);
    expect(csv).toContain("gap5-by-stage-timeline");
    const html = renderHtml(document);
    expect(html).toContain('data-chart-id="gap5-by-stage-chart"');
    expect(html).toContain('data-chart-id="stage-transitions-chart"');
  });
});
