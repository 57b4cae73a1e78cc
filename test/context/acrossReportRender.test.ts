/**
 * The p adjusted across the whole report (adjustAcrossReport) is shown beside the raw p in the
 * Markdown, HTML and CSV tables of the context sections, and the significance words of those
 * sections (a season "differs", an item's expectations "rising", an allocation cell's evidence)
 * follow it. The adjusted values themselves are checked against R's p.adjust in
 * adjustAcrossReport.test.ts; here the values rendered must be the very numbers of the results.
 */
import { describe, expect, it } from "vitest";
import { adjustAcrossReport } from "../../src/context/adjustAcrossReport";
import { allocationPriorities } from "../../src/context/allocationPriorities";
import { byPeriod } from "../../src/context/byPeriod";
import { compareSegments } from "../../src/context/compareSegments";
import { seasonalProfile } from "../../src/context/seasonalProfile";
import type { TableBlock } from "../../src/report/document";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderCsv } from "../../src/report/renderCsv";
import { renderHtml } from "../../src/report/renderHtml";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { plantedValidated } from "./plantedSurvey";

function setUp() {
  const { dataset, report } = plantedValidated();
  const results = gapReportResults(dataset, report);
  const context = adjustAcrossReport({
    byPeriod: byPeriod(dataset, { period: "quarter", minimumN: 30 }),
    seasons: seasonalProfile(dataset, { minimumN: 25 }),
    segments: compareSegments(dataset, { by: "region", minimumN: 25 }),
    allocation: allocationPriorities(dataset, {
      period: "quarter",
      dimensions: ["A"],
      minimumN: 20,
    }),
  });
  return { results, context };
}

function tableOf(document: ReturnType<typeof layoutGapReport>, section: string, id: string) {
  const block = document.sections
    .find((s) => s.id === section)
    ?.blocks.find((b) => b.kind === "table" && b.id === id) as TableBlock | undefined;
  expect(block, `${section}/${id}`).toBeDefined();
  return block as TableBlock;
}

const cellValue = (cell: unknown) => (cell as { value: number | null }).value;

describe("the across-report adjusted p in every format", () => {
  it("sits beside the raw p in the tables, and in Markdown, HTML and CSV", () => {
    const { results, context } = setUp();
    expect(context.acrossReport.m).toBeGreaterThan(10);
    const document = layoutGapReport({ ...results, context });
    const tests = tableOf(document, "segments", "segment-tests");
    expect(tests.columns.map((c) => c.header)).toEqual(["Dimension", "F", "p", "p adj. (report)"]);
    const comparisons = context.segments?.comparisons ?? [];
    expect(tests.rows).toHaveLength(comparisons.length);
    comparisons.forEach((c, i) => {
      expect(cellValue(tests.rows[i]?.[2])).toBe(c.pValue);
      expect(cellValue(tests.rows[i]?.[3])).toBe(c.adjustedAcrossReport);
    });
    const trends = tableOf(document, "periods", "period-trends");
    expect(trends.columns.slice(-2).map((c) => c.header)).toEqual(["p", "p adj. (report)"]);
    const shown = (context.byPeriod?.trends ?? []).filter((t) => t.slope !== null);
    shown.forEach((t, i) => {
      expect(cellValue(trends.rows[i]?.at(-2))).toBe(t.pValue);
      expect(cellValue(trends.rows[i]?.at(-1))).toBe(t.adjustedAcrossReport);
    });
    const seasons = tableOf(document, "seasons", "seasons");
    expect(seasons.columns.map((c) => c.header)).toContain("p adj. (report)");

    const markdown = renderMarkdown(document);
    expect(markdown).toContain("| *p* | *p* adj. (report) |");
    expect(markdown).toContain(
      `adjusted (Holm) across all ${context.acrossReport.m} tests of the report; significance words use it`,
    );
    expect(renderHtml(document)).toContain("p adj. (report)</th>");
    // CSV: one line per cell, the raw and the across-report p of the overall comparison
    const overall = comparisons.find((c) => c.id === "overall");
    const csv = renderCsv(document).split(/\r?\n/);
    const line = (statistic: string) =>
      csv.find((l) => l.startsWith(`segments,segment-tests,overall,${statistic},`));
    expect(Number(line("p")?.split(",").at(-1))).toBeCloseTo(overall?.pValue as number, 12);
    expect(Number(line("p adj. (report)")?.split(",").at(-1))).toBeCloseTo(
      overall?.adjustedAcrossReport as number,
      12,
    );
  });

  it("without the adjustment, the raw p sits beside the p adjusted within the call", () => {
    const { dataset, report } = plantedValidated();
    const segments = compareSegments(dataset, { by: "region", minimumN: 25 });
    const document = layoutGapReport({
      ...gapReportResults(dataset, report),
      context: { segments },
    });
    const tests = tableOf(document, "segments", "segment-tests");
    expect(tests.columns.map((c) => c.header)).toEqual(["Dimension", "F", "p", "p adj."]);
    expect(cellValue(tests.rows[0]?.[3])).toBe(segments.comparisons[0]?.pAdjusted);
    expect(renderMarkdown(document)).toContain("adjusted (holm) within this section");
  });

  it("the words follow the across-report p, not the call's own", () => {
    const { results, context } = setUp();
    // the planted rising expectations of b1 are found within the call and across the report
    const b1 = context.byPeriod?.expectationDrift.find((d) => d.item === "b1");
    expect(b1?.direction).toBe("rising");
    expect(b1?.adjustedAcrossReport).toBeLessThan(0.05);
    expect(renderMarkdown(layoutGapReport({ ...results, context }))).toContain("b1 rising");
    // the same results with every across-report p set to .5: no word may claim a difference
    const blunt = <T extends object>(x: T): T => ({ ...x, adjustedAcrossReport: 0.5 });
    const seasons = context.seasons;
    const allocation = context.allocation;
    const byPeriodResult = context.byPeriod;
    if (!seasons || !allocation || !byPeriodResult) throw new Error("sections missing");
    expect(seasons.figures.some((f) => f.differs)).toBe(true);
    expect(allocation.priorities.length).toBeGreaterThan(0);
    const faded = {
      ...context,
      seasons: { ...seasons, figures: seasons.figures.map(blunt) },
      byPeriod: { ...byPeriodResult, expectationDrift: byPeriodResult.expectationDrift.map(blunt) },
      allocation: {
        ...allocation,
        priorities: allocation.priorities.map((p) => ({
          ...p,
          evidenceAcrossReport: "weak" as const,
          sentenceAcrossReport: "weak sentence",
        })),
      },
    };
    const document = layoutGapReport({ ...results, context: faded });
    const markdown = renderMarkdown(document);
    expect(markdown).toContain("No item's expectations rise or fall beyond chance.");
    const seasonRows = tableOf(document, "seasons", "seasons").rows;
    expect(seasonRows.some((r) => (r.at(-1) as { text: string | null }).text === "differs")).toBe(
      false,
    );
    const cells = tableOf(document, "allocation", "allocation").rows;
    expect(cells.every((r) => (r.at(-1) as { text: string | null }).text === "weak")).toBe(true);
    expect(markdown).not.toContain("weak sentence");
  });
});
