/**
 * The five-gap sections of a gap report (GapReport.fiveGap): which sections appear for which
 * results, that the overview chart has one bar per gap given, and that Markdown, CSV and HTML
 * all show them. Built from a hand-made standards list (three of five attributes with a formal
 * standard: coverage 3/5, gap −0.4; dimension B one of three: coverage 1/3, by hand).
 */
import { describe, expect, it } from "vitest";
import { crmGapViews } from "../../src/gaps/crmGapViews";
import { fiveGapModel } from "../../src/gaps/fiveGapModel";
import { gap2 } from "../../src/gaps/gap2";
import { validateStandards } from "../../src/operations/standards";
import type { ChartSpec } from "../../src/report/chart";
import { fiveGapSections } from "../../src/report/fiveGapSections";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderCsv } from "../../src/report/renderCsv";
import { renderHtml } from "../../src/report/renderHtml";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const standards = validateStandards([
  { attribute: "a1", item: "a1", dimension: "A", formal: true, scaleTarget: 6 },
  { attribute: "a2", item: "a2", dimension: "A", formal: true, scaleTarget: 6 },
  { attribute: "b1", item: "b1", dimension: "B", formal: true, scaleTarget: 5 },
  { attribute: "b2", item: "b2", dimension: "B", formal: false },
  { attribute: "b3", item: "b3", dimension: "B", formal: "no" },
]);
const g2 = gap2(standards);

describe("fiveGapSections", () => {
  it("adds nothing without five-gap results", () => {
    expect(fiveGapSections(null)).toEqual([]);
    expect(fiveGapSections(undefined)).toEqual([]);
  });

  it("shows the overview, the gaps given and the diagnosis", () => {
    const model = fiveGapModel({ gap2: g2 });
    const sections = fiveGapSections({ model, gap2: g2 });
    expect(sections.map((s) => s.id)).toEqual(["five-gaps", "gap2", "five-gap-diagnosis"]);
    const chart = sections[0]?.blocks.find((b) => b.kind === "chart") as ChartSpec;
    // one bar: only Gap 2 is present; its overall figure is coverage − 1 = 3/5 − 1
    expect(chart.data).toEqual([{ gap: "Gap 2: standards (share of attributes)", value: -0.4 }]);
    const coverage = sections[1]?.blocks.find((b) => b.kind === "table");
    expect(coverage?.kind === "table" && coverage.rows.map((r) => r[4])).toEqual([
      { kind: "percent", value: 1, decimals: 1 },
      { kind: "percent", value: 1 / 3, decimals: 1 },
    ]);
  });

  it("reaches every renderer through the gap report", () => {
    const rows = [
      tinyRecord("r1", [6, 6, 6, 6, 6], [5, 5, 5, 4, 4]),
      tinyRecord("r2", [7, 6, 7, 6, 7], [5, 6, 5, 5, 4]),
      tinyRecord("r3", [6, 7, 6, 7, 6], [6, 5, 5, 4, 5]),
    ];
    const { dataset, report } = validateResponses(rows, tinyInstrument);
    const model = fiveGapModel({ gap2: g2 });
    const document = layoutGapReport({
      ...gapReportResults(dataset, report),
      fiveGap: { model, gap2: g2 },
    });
    const ids = document.sections.map((s) => s.id);
    // before data quality and the warnings
    expect(ids.indexOf("five-gaps")).toBeGreaterThan(0);
    expect(ids.indexOf("five-gaps")).toBeLessThan(ids.indexOf("data-quality"));
    expect(renderMarkdown(document)).toContain("## Gap 2: standards");
    expect(renderCsv(document)).toContain("gap2,gap2-coverage,B,Coverage (share),0.333");
    const html = renderHtml(document);
    expect(html).toMatch(/data-chart-id="five-gap-overview" data-rows="1" data-marks="1"/);
  });

  it("adds the CRM terms after the diagnosis when crm is given", () => {
    const model = fiveGapModel({ gap2: g2 });
    const sections = fiveGapSections({ model, gap2: g2, crm: crmGapViews({ gap2: g2 }) });
    expect(sections.map((s) => s.id)).toEqual([
      "five-gaps",
      "gap2",
      "five-gap-diagnosis",
      "crm-gaps",
    ]);
    const table = sections[3]?.blocks.find((b) => b.kind === "table");
    // standards gap: overall coverage 3/5 − 1 = −0.4, dimension B 1/3 − 1 (by hand)
    const rows = table?.kind === "table" ? table.rows : [];
    expect(rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      [
        { kind: "label", text: "standards gap" },
        { kind: "label", text: "overall" },
        { kind: "number", value: -0.4, decimals: 3 },
      ],
      [
        { kind: "label", text: "standards gap" },
        { kind: "label", text: "dimension A" },
        { kind: "number", value: 0, decimals: 3 },
      ],
      [
        { kind: "label", text: "standards gap" },
        { kind: "label", text: "dimension B" },
        { kind: "number", value: 1 / 3 - 1, decimals: 3 },
      ],
    ]);
    expect(fiveGapSections({ model, crm: crmGapViews({}) }).map((s) => s.id)).not.toContain(
      "crm-gaps",
    );
  });
});
