/**
 * The gap report counts excluded rows by reason code and its warnings by code, not by the
 * wording of their sentences. Counts are worked by hand on the tiny survey.
 */
import { describe, expect, it } from "vitest";
import { gapReportResults } from "../../src/report/gapReportResults";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const full = (id: string) => tinyRecord(id, [6, 6, 5, 6, 6], [5, 6, 5, 7, 7]);
const empty = (id: string) =>
  tinyRecord(id, [null, null, null, null, null], [null, null, null, null, null]);

describe("gap report counts by code", () => {
  // r1, r2, r3 used; r1 again (duplicate-id), x1 and x2 without answers (no-answers), r1 a
  // third time without answers (both reasons: counted under each code).
  const rows = [
    full("r1"),
    tinyRecord("r2", [5, 6, 6, 5, 6], [5, 5, 6, 6, 6]),
    tinyRecord("r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7]),
    full("r1"),
    empty("x1"),
    empty("x2"),
    empty("r1"),
  ];
  const { dataset, report } = validateResponses(rows, tinyInstrument, { excludedLimit: 1 });

  it("the validation report counts every excluded row by reason code, listed or not", () => {
    expect(report.rowsExcluded).toBe(4);
    expect(report.excludedRows).toHaveLength(1);
    expect(report.exclusionCounts).toEqual({ "duplicate-id": 2, "no-answers": 3 });
  });

  it("the gap report shows those counts, and counts its warnings by code", () => {
    const gapReport = gapReportResults(dataset, report);
    expect(gapReport.validation.exclusionReasons).toEqual({ "duplicate-id": 2, "no-answers": 3 });
    // 3 respondents (< 30) and a cut excluded-row list: one warning each.
    expect(gapReport.warningCounts["few-respondents"]).toBe(1);
    expect(gapReport.warningCounts["list-truncated"]).toBe(1);
    const codes = gapReport.warnings.map((warning) => warning.code).sort();
    expect(codes).toEqual(["few-respondents", "list-truncated"]);
    const total = Object.values(gapReport.warningCounts).reduce((a, b) => a + b, 0);
    const reliability = (gapReport.gap5?.reliability ?? []).flatMap((entry) => entry.warnings);
    const weighted = gapReport.gap5?.overall.weighted?.perRespondent.warnings ?? [];
    expect(total).toBe(2 + reliability.length + weighted.length);
  });
});
