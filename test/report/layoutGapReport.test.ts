/**
 * The gap report layout on a survey small enough to work by hand (tiny survey: A = {a1, a2},
 * B = {b1, b2, b3}; three respondents, every answer given):
 *
 *   item gaps P − E   a1  a2  b1  b2  b3    score A        score B    overall (mean of A, B)
 *   r1 (E all 5)      -1  +1   0   0   0    0              0          0
 *   r2 (E all 6)      -2  -2   0   0  -3    -2             -1         -1.5
 *   r3 (E all 4)       0  +1   0   0  +3    0.5            1          0.75
 *
 * Dimension A: E 5, P 4.5, gap -0.5, SD of (0, -2, 0.5) = √1.75, t(0.975, 2) = 4.302653 →
 * 95% CI -0.5 ± 4.302653·√(1.75/3) = [-3.79, 2.79]; one of three negative (33.3%);
 * d_z = -0.5/√1.75 = -0.38. Overall unweighted: gap -0.25.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import type { Cell } from "../../src/report/cells";
import type { TableBlock } from "../../src/report/document";
import { formatCell } from "../../src/report/formatCell";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const { dataset, report } = validateResponses(
  [
    tinyRecord("r1", [5, 5, 5, 5, 5], [4, 6, 5, 5, 5]),
    tinyRecord("r2", [6, 6, 6, 6, 6], [4, 4, 6, 6, 3]),
    tinyRecord("r3", [4, 4, 4, 4, 4], [4, 5, 4, 4, 7]),
  ],
  tinyInstrument,
);
const results = gapReportResults(dataset, report, { title: "Tiny" });
const document = layoutGapReport(results);

function tableOf(id: string): TableBlock {
  const block = document.sections
    .flatMap((s) => s.blocks)
    .find((b) => b.kind === "table" && b.id === id);
  if (block?.kind !== "table") throw new Error(`no table ${id}`);
  return block;
}
const text = (row: readonly Cell[] | undefined) => (row ?? []).map(formatCell);

describe("layoutGapReport", () => {
  it("lays out the sections of what was computed, in order", () => {
    expect(document.kind).toBe("servqual-report-document");
    expect(document.layout).toBe("gap-report");
    expect(document.title).toBe("Tiny");
    expect(document.results).toBe(results);
    expect(document.sections.map((s) => s.id)).toEqual([
      "about",
      "overall",
      "dimensions",
      "reliability",
      "worst-items",
      "items",
      "data-quality",
      "warnings",
    ]);
    expect(document.sections[0]?.title).toBeNull();
  });

  it("fills the dimension table with typed cells of the hand-worked values", () => {
    const table = tableOf("dimensions");
    expect(table.columns.map((c) => c.header)).toEqual([
      "Dimension",
      "Items",
      "E",
      "P",
      "Gap",
      "95% CI",
      "% negative",
      "n",
      "d_z",
      "p (holm)",
    ]);
    expect(table.columns.map((c) => c.align).join(" ")).toBe(
      "left right right right right right right right right right",
    );
    const a = table.rows[0] ?? [];
    expect(a.map((c) => c.kind)).toEqual([
      "label",
      "count",
      "number",
      "number",
      "number",
      "interval",
      "percent",
      "count",
      "number",
      "p-value",
    ]);
    expect(text(a).slice(0, 9)).toEqual([
      "Dimension A",
      "2",
      "5.00",
      "4.50",
      "-0.50",
      "[-3.79, 2.79]",
      "33.3%",
      "3",
      "-0.38",
    ]);
    const interval = a[5];
    if (interval?.kind !== "interval") throw new Error("no interval");
    const half = 4.302653 * Math.sqrt(1.75 / 3);
    expect(interval.lower).toBeCloseTo(-0.5 - half, 5);
    expect(interval.upper).toBeCloseTo(-0.5 + half, 5);
    expect(text(table.rows[1]).slice(0, 5)).toEqual(["Dimension B", "3", "5.00", "5.00", "0.00"]);
  });

  it("puts the overall scores and the item rows in their tables", () => {
    expect(text(tableOf("overall").rows[0]).slice(0, 4)).toEqual([
      "Unweighted (mean of dimension scores)",
      "5.00",
      "4.75",
      "-0.25",
    ]);
    const a1 = text(tableOf("items").rows[0]);
    expect(a1.slice(0, 6)).toEqual(["a1", "first A item", "A", "5.00", "4.00", "-1.00"]);
    expect(a1[7]).toBe("66.7%");
    // worst items: a1 (mean gap -1) first, then the items with mean gap 0 in id order
    expect(tableOf("worst-items").rows.map((r) => formatCell(r[0] as Cell))).toEqual([
      "a1",
      "a2",
      "b1",
      "b2",
      "b3",
    ]);
    expect(text(tableOf("worst-items").rows[1])[3]).toBe("0.00");
  });

  it("charts the dimension gaps with their intervals and a zero line", () => {
    const chart = document.sections
      .flatMap((s) => s.blocks)
      .find((b) => b.kind === "chart" && b.id === "dimension-gaps");
    if (chart?.kind !== "chart") throw new Error("no chart");
    expect(chart.mark).toBe("bar");
    expect(chart.rules).toEqual({ x: null, y: 0 });
    expect(chart.data[0]?.dimension).toBe("Dimension A");
    expect(chart.data[0]?.gap).toBeCloseTo(-0.5, 12);
    expect(chart.data[1]?.gap).toBeCloseTo(0, 12);
  });

  it("states the data quality and the few-respondents warning", () => {
    const quality = document.sections.find((s) => s.id === "data-quality");
    expect(quality?.blocks[0]).toEqual({
      kind: "paragraph",
      text: "Rows in 3 = used 3 + excluded 0.",
    });
    const warnings = document.sections.find((s) => s.id === "warnings")?.blocks[0];
    expect(warnings?.kind === "list" && warnings.items[0]).toBe(
      "only 3 respondents: estimates are imprecise (30 or more recommended)",
    );
  });

  it("leaves out what was not computed", () => {
    const bare = layoutGapReport({
      ...results,
      gap5: null,
      zones: null,
      servperf: null,
      importancePerformance: null,
      worstItems: [],
      warnings: [],
    });
    expect(bare.sections.map((s) => s.id)).toEqual(["about", "data-quality"]);
    expect(renderMarkdown(bare)).not.toContain("Gap 5");
  });

  it("reads coded warnings as well as sentences", () => {
    const coded = layoutGapReport({
      ...results,
      warnings: [{ code: "few-respondents", message: "only 3 respondents" }] as never,
    });
    const list = coded.sections.find((s) => s.id === "warnings")?.blocks[0];
    expect(list?.kind === "list" && list.items[0]).toBe("only 3 respondents");
  });

  it("rejects what is not a gap report's results", () => {
    expect(() => layoutGapReport(undefined as never)).toThrow(ServqualError);
    expect(() => layoutGapReport(document as never)).toThrow(ServqualError);
  });
});
