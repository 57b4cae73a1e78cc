/**
 * The Warnings list groups repeated warnings of one code and subject (an event window's
 * suppressed figures in each region) into one line with each member's count; the results (and
 * so JSON) keep every warning. Expected lines are written out by hand from the inputs.
 */
import { describe, expect, it } from "vitest";
import type { Notice } from "../../src/_lib/notice";
import { validateEventCalendar } from "../../src/context/eventCalendar";
import { eventWindowEffects } from "../../src/context/eventWindows";
import { gapReportResults } from "../../src/report/gapReportResults";
import { groupedWarningLines } from "../../src/report/groupWarnings";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderHtml } from "../../src/report/renderHtml";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { plantedValidated } from "../context/plantedSurvey";

const cell = (member: string, subject = "window w"): Notice => ({
  code: "small-cell",
  message: `${subject} in ${member}: too small`,
  group: { subject, reason: "figures suppressed", member, unit: "figure" },
});

describe("groupedWarningLines", () => {
  it("one line per code and subject, members counted, at the place of the first", () => {
    const lines = groupedWarningLines([
      "plain text warning",
      cell("North"),
      { code: "no-data", message: "nothing here" },
      cell("North"),
      cell("South"),
      cell("North", "window v"),
      cell("North"),
    ]);
    expect(lines).toEqual([
      "plain text warning",
      "window w: figures suppressed: North × 3 figures, South × 1 figure (4 warnings, small-cell)",
      "nothing here",
      // a group of one keeps its own sentence
      "window v in North: too small",
    ]);
  });

  it("keeps every other warning as it is", () => {
    const plain = [{ code: "no-data", message: "a" }, "b", { code: "no-data", message: "a" }];
    expect(groupedWarningLines(plain)).toEqual(["a", "b", "a"]);
  });
});

describe("the report's Warnings list with event windows", () => {
  it("says once per window which regions' figures are suppressed; JSON keeps them all", () => {
    const { dataset, report } = plantedValidated();
    // Two two-day windows of all regions: respondents are dated on days 1 + 7k mod 27, so only
    // k = 0 (North) and k = 27 (South) fall on the 1st of a month: 1 inside per region.
    const calendar = validateEventCalendar([
      { id: "snow-a", type: "heavy-snow", start: "2023-03-01", end: "2023-03-02" },
      { id: "snow-b", type: "heavy-snow", start: "2024-03-01", end: "2024-03-02" },
    ]);
    const events = eventWindowEffects(dataset, { calendar, minimumN: 10 });
    // 2 windows × 2 regions × (dimensions A and B and overall) = 12 warnings
    const suppressed = events.warnings.filter((w) => w.code === "small-cell");
    expect(suppressed).toHaveLength(12);
    const results = { ...gapReportResults(dataset, report), context: { events } };
    const document = layoutGapReport(results);
    const list = document.sections
      .find((s) => s.id === "warnings")
      ?.blocks.find((b) => b.kind === "list") as { items: string[] } | undefined;
    const windowLines = (list?.items ?? []).filter((line) => line.startsWith("window "));
    expect(windowLines).toEqual([
      "window snow-a: figures suppressed (fewer than 10 respondents on a side): North × 3 figures, South × 3 figures (6 warnings, small-cell)",
      "window snow-b: figures suppressed (fewer than 10 respondents on a side): North × 3 figures, South × 3 figures (6 warnings, small-cell)",
    ]);
    expect(renderMarkdown(document)).toContain("North × 3 figures, South × 3 figures");
    expect(renderHtml(document)).toContain("North × 3 figures, South × 3 figures");
    // the results keep each warning and the counts count each
    expect(
      document.results.context?.events?.warnings.filter((w) => w.code === "small-cell"),
    ).toHaveLength(12);
    expect(document.results.warningCounts?.["small-cell"]).toBeGreaterThanOrEqual(12);
  });
});
