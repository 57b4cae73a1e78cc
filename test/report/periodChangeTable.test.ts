/**
 * The "Period-over-period changes" table of the period section, in every renderer. A hand-worked
 * survey: every respondent's gap is the same on every item, so each dimension's and the overall
 * gap is that number. January gaps 0, −1, −2, −1; February 1, 0, 1, 2, 1; March one respondent
 * (suppressed with minimumN 2); April 0, 1, 2. Expected numbers are R 4.x `t.test(feb, jan)` and
 * `t.test(apr, feb)` (Welch), printed with 15 digits.
 */
import { describe, expect, it } from "vitest";
import { adjustAcrossReport } from "../../src/context/adjustAcrossReport";
import { byPeriod } from "../../src/context/byPeriod";
import type { Cell } from "../../src/report/cells";
import type { ReportDocument, TableBlock } from "../../src/report/document";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { renderCsv } from "../../src/report/renderCsv";
import { renderHtml } from "../../src/report/renderHtml";
import { renderJson } from "../../src/report/renderJson";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, tinyInstrument, tinyRecord } from "../gaps/tinySurvey";
import { readStrictCsv } from "./strictCsv";

const SCRIPT = "<script>alert(1)</script>";
const FORMULA = '=HYPERLINK("http://x","y")';

/** R: t.test(c(1,0,1,2,1), c(0,-1,-2,-1)) */
const FEB = {
  t: 3.87298334620742,
  df: 6.04724409448819,
  p: 0.00811287307490429,
  lower: 0.738809230162171,
  upper: 3.26119076983783,
};
/** R: t.test(c(0,1,2), c(1,0,1,2,1)) */
const APR = { t: 0, df: 3.23444976076555, p: 1, lower: -2.01160238952947, upper: 2.01160238952947 };

function survey() {
  const months: [string, number[]][] = [
    ["2023-01-15", [0, -1, -2, -1]],
    ["2023-02-15", [1, 0, 1, 2, 1]],
    ["2023-03-15", [-1]],
    ["2023-04-15", [0, 1, 2]],
  ];
  const rows = months.flatMap(([date, gaps], m) =>
    gaps.map((g, k) =>
      tinyRecord(`r${m}-${k}`, [4, 4, 4, 4, 4], [4 + g, 4 + g, 4 + g, 4 + g, 4 + g], {
        date,
        // Jan and Feb in one hostile segment, March and April in another
        [FORMULA]: m < 2 ? SCRIPT : "North",
      }),
    ),
  );
  return validateResponses(rows, tinyInstrument, { columns: { segments: [FORMULA] } });
}

function documentOf(across = false) {
  const { dataset, report } = survey();
  const periods = byPeriod(dataset, { period: "month", segments: [FORMULA], minimumN: 2 });
  const context = across ? adjustAcrossReport({ byPeriod: periods }) : { byPeriod: periods };
  return { periods, document: layoutGapReport({ ...gapReportResults(dataset, report), context }) };
}

function changeTable(document: ReportDocument): TableBlock {
  const section = document.sections.find((s) => s.id === "periods");
  const table = section?.blocks.find(
    (b): b is TableBlock => b.kind === "table" && b.id === "period-changes",
  );
  if (table === undefined) throw new Error("no period-changes table");
  return table;
}

const value = (cell: Cell | undefined): unknown => {
  if (cell === undefined) return undefined;
  if (cell.kind === "label") return cell.text;
  if (cell.kind === "interval") return [cell.lower, cell.upper];
  return cell.value;
};

describe("period-over-period changes in the report", () => {
  const { periods, document } = documentOf();
  const table = changeTable(document);
  const headers = table.columns.map((c) => c.header);
  const rowsOf = (series: string, id: string) =>
    table.rows.filter((r) => value(r[0]) === series && value(r[1]) === id);

  it("has the columns asked for: period, previous period, change, CI, t, df, p, p adj., both n", () => {
    expect(headers).toEqual([
      "Series",
      "Dimension",
      "Period",
      "Previous period",
      "Change",
      "CI",
      "t",
      "df",
      "p",
      "p adj.",
      "n",
      "n previous",
      "",
    ]);
  });

  it("shows R's Welch t-test for February − January and April − February (March suppressed)", () => {
    for (const id of ["A", "B", "overall"]) {
      const rows = rowsOf("all respondents", id);
      expect(rows.map((r) => [value(r[2]), value(r[3])])).toEqual([
        ["2023-02", "2023-01"],
        ["2023-03", null],
        ["2023-04", "2023-02"],
      ]);
      const [feb, mar, apr] = rows;
      near(value(feb?.[4]) as number, 2, 1e-12);
      const [lo, hi] = value(feb?.[5]) as [number, number];
      near(lo, FEB.lower, 1e-9);
      near(hi, FEB.upper, 1e-9);
      near(value(feb?.[6]) as number, FEB.t, 1e-9);
      near(value(feb?.[7]) as number, FEB.df, 1e-9);
      near(value(feb?.[8]) as number, FEB.p, 1e-9);
      expect(value(feb?.[10])).toBe(5);
      expect(value(feb?.[11])).toBe(4);
      // the suppressed month: marked, its n given, no numbers
      expect(value(mar?.[4])).toBe("suppressed (n < 2)");
      expect(mar?.slice(5, 10).map(value)).toEqual([null, null, null, null, null]);
      expect(value(mar?.[10])).toBe(1);
      near(value(apr?.[6]) as number, APR.t, 1e-12);
      near(value(apr?.[7]) as number, APR.df, 1e-9);
      near(value(apr?.[8]) as number, APR.p, 1e-9);
      const [alo, ahi] = value(apr?.[5]) as [number, number];
      near(alo, APR.lower, 1e-9);
      near(ahi, APR.upper, 1e-9);
      expect([value(apr?.[10]), value(apr?.[11])]).toEqual([3, 5]);
    }
  });

  it("every row byPeriod computed is in the table with byPeriod's own numbers, and nothing else", () => {
    const changeRows = table.rows.filter((r) => value(r[3]) !== null);
    expect(changeRows.length).toBe(periods.changes.length);
    for (const c of periods.changes) {
      const series =
        Object.keys(c.segments).length === 0
          ? "all respondents"
          : `${FORMULA} ${c.segments[FORMULA]}`;
      const row = changeRows.find(
        (r) => value(r[0]) === series && value(r[1]) === c.id && value(r[2]) === c.to,
      );
      expect(row?.map(value)).toEqual([
        series,
        c.id,
        c.to,
        c.from,
        c.change,
        [c.ci.lower, c.ci.upper],
        c.t,
        c.df,
        c.pValue,
        c.pAdjusted,
        c.nTo,
        c.nFrom,
        c.pAdjusted !== null && c.pAdjusted < 0.05 ? "differs" : "",
      ]);
    }
    // Holm over the 9 changes (3 figures × 2 in all respondents, 3 × 1 in the script segment)
    expect(periods.changes.length).toBe(9);
  });

  it("the word 'differs' and the sentence follow the adjusted p", () => {
    // Holm: the three February changes (p = .0081) are the smallest of 9 … 9 × .0081 = .073
    for (const row of table.rows) expect(value(row[12])).toBe("");
    const text = document.sections
      .find((s) => s.id === "periods")
      ?.blocks.map((b) => ("text" in b ? b.text : ""))
      .join(" ");
    expect(text).toContain("No change from one period to the next is beyond chance (9 tested).");
  });

  it("with the report adjusted as a whole, shows the across-report p", () => {
    const adjusted = changeTable(documentOf(true).document);
    expect(adjusted.columns.map((c) => c.header).slice(8, 10)).toEqual(["p", "p adj. (report)"]);
    // adjusted among every test of the report: never below the raw p
    const feb = adjusted.rows.find(
      (r) => value(r[0]) === "all respondents" && value(r[1]) === "overall",
    );
    expect(value(feb?.[9])).toBeGreaterThanOrEqual(FEB.p);
  });

  it("Markdown shows the numbers rounded as APA and the labels escaped", () => {
    const md = renderMarkdown(document);
    expect(md).toContain(
      "| all respondents | overall | 2023-02 | 2023-01 | 2.00 | [0.74, 3.26] | 3.87 | 6.0 | .008 |",
    );
    expect(md).toContain("| all respondents | overall | 2023-03 | — | suppressed (n < 2) |");
    expect(md).not.toContain(SCRIPT);
  });

  it("HTML escapes a <script> segment label and shows it as text", () => {
    const html = renderHtml(document);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain("Period-over-period changes");
  });

  it("CSV neutralises a formula at the start of a series name and keeps numbers raw", () => {
    const records = readStrictCsv(renderCsv(document));
    const lines = records.filter((r) => r[0] === "periods" && r[1] === "period-changes");
    expect(lines.length).toBeGreaterThan(0);
    for (const r of lines) expect(r[2]?.startsWith("=")).toBe(false);
    expect(lines.some((r) => r[2] === `'${FORMULA} ${SCRIPT}`)).toBe(true);
    const t = lines.filter((r) => r[2] === "all respondents" && r[3] === "t");
    near(Number(t[0]?.[4]), FEB.t, 1e-9);
  });

  it("JSON carries the table with full-precision numbers", () => {
    const json = JSON.parse(renderJson(document)) as ReportDocument;
    const fromJson = changeTable(json);
    expect(fromJson.rows).toEqual(table.rows);
  });
});
