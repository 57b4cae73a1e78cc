import { describe, expect, it } from "vitest";
import { byPeriod } from "../../src/context/byPeriod";
import { compareSegments } from "../../src/context/compareSegments";
import { seasonalProfile } from "../../src/context/seasonalProfile";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { plantedValidated } from "./plantedSurvey";

describe("the report shows period, season and segment sections when they are given", () => {
  it("sections in order, small cells marked suppressed", () => {
    const { dataset, report } = plantedValidated();
    const results = gapReportResults(dataset, report);
    const context = {
      byPeriod: byPeriod(dataset, { period: "quarter", segments: ["region"], minimumN: 100 }),
      seasons: seasonalProfile(dataset, { minimumN: 25 }),
      segments: compareSegments(dataset, { by: "region", minimumN: 25 }),
    };
    const plain = layoutGapReport(results);
    const document = layoutGapReport({ ...results, context });
    const added = document.sections
      .map((s) => s.id)
      .filter((id) => !plain.sections.some((s) => s.id === id));
    expect(added).toEqual(["periods", "seasons", "segments"]);
    const markdown = renderMarkdown(document);
    // Quarter × region cells hold 60 respondents (< 100; quarters hold 120): suppressed, never shown as figures.
    expect(markdown).toMatch(/suppressed \(n (<|&lt;) 100\)/);
    expect(markdown).toContain("Games–Howell");
    expect(markdown).toContain("b1 rising");
  });
});
