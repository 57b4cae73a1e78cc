import { describe, expect, it } from "vitest";
import {
  gap5ByStage,
  relationshipQuality,
  validateRelationshipSurvey,
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

describe("the trust and commitment section of a report", () => {
  // r1: A −2, B −1; r2: A +1, B 0; r3 has no stage
  const { dataset, report } = validateResponses(
    [
      tinyRecord("r1", [6, 6, 6, 6, 6], [4, 4, 5, 5, 5]),
      tinyRecord("r2", [5, 5, 5, 5, 5], [6, 6, 5, 5, 5]),
      tinyRecord("r3", [5, 5, 5, 5, 5], [5, 5, 5, 5, 5]),
    ],
    tinyInstrument,
  );
  const results = gapReportResults(dataset, report);
  const stages = { r1: "commitment", r2: "exploration" } as const;
  const survey = validateRelationshipSurvey(
    [
      { respondent_id: "r1", tbe1: 7, tbe2: 7, tbe3: 7, caf1: 7, caf2: 7, caf3: 7, caf4: 1 },
      { respondent_id: "r2", tbe1: 4, tbe2: 4, tbe3: 4, caf1: 1, caf2: 1, caf3: 1, caf4: 7 },
    ],
    { facets: ["benevolence", "affective"] },
  ).dataset;
  const trust = {
    quality: relationshipQuality(survey, { stages }),
    gap5ByStage: gap5ByStage(dataset, stages),
  };

  it("is left out without trust results", () => {
    expect(layoutGapReport(results).sections.map((s) => s.id)).not.toContain("trust-commitment");
  });

  it("shows facets, indices by stage and Gap 5 by stage in every renderer", () => {
    const document = layoutGapReport({ ...results, trust });
    const section = document.sections.find((s) => s.id === "trust-commitment");
    expect(section?.title).toBe("Trust and commitment");
    const tables = Object.fromEntries(
      (section?.blocks ?? []).flatMap((b) => (b.kind === "table" ? [[b.id, b]] : [])),
    );
    expect(tables["trust-by-stage"]?.rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      [
        { kind: "label", text: "exploration" },
        { kind: "number", value: 50, decimals: 1 },
        { kind: "number", value: 0, decimals: 1 },
      ],
      [
        { kind: "label", text: "commitment" },
        { kind: "number", value: 100, decimals: 1 },
        { kind: "number", value: 100, decimals: 1 },
      ],
    ]);
    const gapRows = tables["gap5-by-stage"]?.rows ?? [];
    expect(gapRows.map((row) => [row[0], row[3], row[4]])).toEqual([
      [
        { kind: "label", text: "exploration" },
        { kind: "number", value: 1, decimals: 2 },
        { kind: "number", value: 0, decimals: 2 },
      ],
      [
        { kind: "label", text: "commitment" },
        { kind: "number", value: -2, decimals: 2 },
        { kind: "number", value: -1, decimals: 2 },
      ],
    ]);
    expect(renderMarkdown(document)).toContain("## Trust and commitment");
    expect(renderCsv(document)).toContain("trust-by-stage");
    expect(renderHtml(document)).toContain("Trust and commitment");
  });

  it("tables the survey's issues by code and lists them by line; says when the list is cut", () => {
    const issues = Array.from({ length: 55 }, (_, k) => ({
      code: "out-of-range",
      message: `"9" is outside the scale 1..7`,
      row: k + 2,
      line: k + 3,
      column: "tbe1",
    }));
    // r2 (exploration) answers the calculative items 2, r1 (commitment) 6: 100·(x − 1)/6
    const withCalculative = validateRelationshipSurvey(
      [
        { respondent_id: "r1", tbe1: 7, tbe2: 7, tbe3: 7, cca1: 6, cca2: 6, cca3: 6 },
        { respondent_id: "r2", tbe1: 4, tbe2: 4, tbe3: 4, cca1: 2, cca2: 2, cca3: 2 },
      ],
      { facets: ["benevolence", "calculative"] },
    ).dataset;
    const document = layoutGapReport({
      ...results,
      trust: {
        ...trust,
        quality: relationshipQuality(withCalculative, { stages }),
        survey: {
          rowsIn: 60,
          rowsUsed: 59,
          rowsExcluded: 1,
          unreadableLines: 0,
          exclusionCounts: { "duplicate-id": 1 },
          issueCounts: { "out-of-range": 70 },
          excludedRows: [
            {
              row: 1,
              line: 2,
              id: "<b>x</b>",
              reasons: [{ code: "duplicate-id", message: "already claimed" }],
            },
          ],
          issues,
        },
      },
    });
    const section = document.sections.find((s) => s.id === "trust-commitment");
    const tables = Object.fromEntries(
      (section?.blocks ?? []).flatMap((b) => (b.kind === "table" ? [[b.id, b]] : [])),
    );
    expect(tables["trust-survey-issue-counts"]?.rows).toEqual([
      [
        { kind: "label", text: "duplicate-id" },
        { kind: "label", text: "row excluded" },
        { kind: "count", value: 1 },
      ],
      [
        { kind: "label", text: "out-of-range" },
        { kind: "label", text: "in rows kept" },
        { kind: "count", value: 70 },
      ],
    ]);
    const listed = tables["trust-survey-issues"]?.rows ?? [];
    // 1 excluded row + 55 issues, in line order, cut at 50
    expect(listed).toHaveLength(50);
    expect(listed[0]?.slice(0, 4)).toEqual([
      { kind: "count", value: 2 },
      { kind: "label", text: null },
      { kind: "label", text: "<b>x</b>" },
      { kind: "label", text: "duplicate-id" },
    ]);
    expect(listed[1]?.slice(0, 2)).toEqual([
      { kind: "count", value: 3 },
      { kind: "label", text: "tbe1" },
    ]);
    const notes = (section?.blocks ?? []).flatMap((b) => (b.kind === "note" ? [b.text] : []));
    expect(notes).toContain(
      "The first 50 of 71 coded issues of the relationship survey are listed; all are counted above.",
    );
    const byStage = tables["trust-by-stage"];
    expect(byStage?.columns.map((c) => c.header)).toEqual([
      "Stage",
      "n",
      "Trust",
      "Commitment",
      "Calculative",
      "Quality (core)",
    ]);
    const calculative = byStage?.rows.map((row) => row[4]) as { value: number }[];
    expect(calculative.map((cell) => cell.value)).toEqual([100 / 6, 500 / 6]);
    expect(renderHtml(document)).toContain("<td>&lt;b&gt;x&lt;/b&gt;</td>");
  });
});
