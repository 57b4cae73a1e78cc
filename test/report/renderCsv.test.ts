/**
 * renderCsv: one long table (section, level, id, statistic, value) read back with a strict
 * RFC 4180 reader; raw values at full precision from the hand-made document's own numbers;
 * formula payloads in labels neutralised with a leading apostrophe while negative numbers
 * stay numbers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { buildGapReport } from "../../src/report/buildGapReport";
import { label, num } from "../../src/report/cells";
import { csvNumber, csvText } from "../../src/report/csvField";
import type { ReportDocument } from "../../src/report/document";
import { renderCsv } from "../../src/report/renderCsv";
import { validateResponses } from "../../src/responses/validateResponses";
import { handMadeDocument } from "./handMadeDocument";
import { readStrictCsv } from "./strictCsv";

const PAYLOADS = ['=HYPERLINK("http://x")', "+1+1", "@SUM(A1)", "\t=1", "-2+3", "\r=1", " =1"];

function docWithLabels(labels: readonly string[]): ReportDocument {
  return {
    kind: "servqual-report-document",
    version: 1,
    layout: "hand-made",
    title: "=title",
    sections: [
      {
        id: "s",
        title: "S",
        blocks: [
          {
            kind: "table",
            id: "t",
            columns: [
              { header: "Name", align: "left" },
              { header: "Gap", align: "right" },
              { header: "Note", align: "left" },
            ],
            rows: labels.map((text) => [label(text), num(-2), label(text)]),
          },
          { kind: "list", items: [...labels] },
        ],
      },
    ],
    results: {},
  };
}

/** What a spreadsheet would see first in a field: text starting like a formula is unsafe. */
function startsLikeFormula(field: string): boolean {
  return /^[ ]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(field);
}

describe("renderCsv", () => {
  it("renders the hand-made document as strict RFC 4180 with full-precision values", () => {
    const records = readStrictCsv(renderCsv(handMadeDocument));
    expect(records[0]).toEqual(["section", "level", "id", "statistic", "value"]);
    const byKey = new Map(records.map((r) => [`${r[2]}|${r[3]}`, r]));
    // numbers written in handMadeDocument.ts: -0.5, [-3.7862, 2.7862], p 0.0004, share 1/3, n 3
    const row = "<script>alert(1)</script>";
    expect(byKey.get(`${row}|Gap`)).toEqual(["scores", "scores", row, "Gap", "-0.5"]);
    expect(byKey.get(`${row}|95% CI lower`)?.[4]).toBe("-3.7862");
    expect(byKey.get(`${row}|95% CI upper`)?.[4]).toBe("2.7862");
    expect(byKey.get(`${row}|p`)?.[4]).toBe("0.0004");
    expect(Number(byKey.get(`${row}|% negative (share)`)?.[4])).toBeCloseTo(1 / 3, 15);
    expect(byKey.get(`${row}|n`)?.[4]).toBe("3");
    // null values are empty fields; a line break in a label stays inside its quoted field
    expect(byKey.get("a|b\nc_d|Gap")?.[4]).toBe("");
    expect(byKey.get("a|b\nc_d|95% CI lower")?.[4]).toBe("");
    // the list items and titles are there; the formula in a list item is neutralised
    expect(records).toContainEqual([
      "about",
      "list",
      "1",
      "text",
      'Instrument: =HYPERLINK("http://x","y")',
    ]);
    expect(records).toContainEqual(["document", "title", "1", "text", "Survey <b>Q3</b>"]);
    expect(records).toContainEqual(["end", "title", "1", "text", "# Not a heading"]);
  });

  it("ends every record with CRLF and quotes only where needed", () => {
    const text = renderCsv(handMadeDocument);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")[1]).toBe("document,title,1,text,Survey <b>Q3</b>");
  });

  it.each(PAYLOADS)("neutralises %j as a label, id and list item; -2 stays a number", (payload) => {
    const records = readStrictCsv(renderCsv(docWithLabels([payload])));
    const cells = records.slice(1).flat();
    for (const cell of cells) {
      if (cell === "-2") continue;
      expect(startsLikeFormula(cell), JSON.stringify(cell)).toBe(false);
    }
    expect(cells).toContain(`'${payload}`);
    expect(records).toContainEqual(["s", "t", `'${payload}`, "Gap", "-2"]);
    expect(records).toContainEqual(["s", "t", `'${payload}`, "Note", `'${payload}`]);
    expect(records).toContainEqual(["document", "title", "1", "text", "'=title"]);
  });

  it("property: any labels give parseable CSV, the exact text back after one apostrophe, never a formula", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "grapheme-ascii" }), { minLength: 1, maxLength: 5 }),
        (labels) => {
          const records = readStrictCsv(renderCsv(docWithLabels(labels)));
          const notes = records.filter((r) => r[3] === "Note").map((r) => r[4]);
          expect(notes).toHaveLength(labels.length);
          notes.forEach((field, i) => {
            const original = labels[i] as string;
            expect(startsLikeFormula(field as string)).toBe(false);
            expect(field === original || field === `'${original}`).toBe(true);
          });
        },
      ),
    );
  });

  it("writes numbers as numbers: negative, tiny, -0 and null", () => {
    expect(csvNumber(-0.86)).toBe("-0.86");
    expect(csvNumber(-0)).toBe("0");
    expect(csvNumber(2.5e-7)).toBe("0.00000025");
    expect(csvNumber(null)).toBe("");
    expect(csvText('a "b", c')).toBe('"a ""b"", c"');
    expect(csvText("-2+3")).toBe(`"'-2+3"`);
    expect(csvText("\uFF1D1+1")).toBe(`"'\uFF1D1+1"`);
  });

  it("covers every table cell of a gap report: one line per statistic, values from the results", () => {
    const header = [
      "respondent_id",
      ...Array.from({ length: 22 }, (_, i) => [`E_${i + 1}`, `P_${i + 1}`]).flat(),
    ];
    const rows = Array.from({ length: 40 }, (_, r) => [
      `R${r}`,
      ...Array.from({ length: 44 }, (_, c) => String(((r * 7 + c * 3) % 7) + 1)),
    ]);
    const { dataset, report } = validateResponses({ header, rows }, instruments.servqual22);
    const document = buildGapReport(dataset, report);
    const records = readStrictCsv(renderCsv(document));
    const dims = records.filter((r) => r[1] === "dimensions" && r[3] === "Gap");
    const gap = document.results.gap5;
    expect(dims.map((r) => Number(r[4]))).toEqual(gap?.dimensions.map((d) => d.gap.mean));
    // an interval gives two lines, every table row gives (columns − 1 + intervals) lines
    const tables = document.sections.flatMap((s) => s.blocks.filter((b) => b.kind === "table"));
    const expected = tables.reduce(
      (sum, t) =>
        sum +
        t.rows.reduce(
          (n, row) => n + row.length - 1 + row.filter((c) => c.kind === "interval").length,
          0,
        ),
      0,
    );
    const tableLines = records.filter((r) => r[1] !== "list" && r[1] !== "title");
    expect(tableLines.length - 1).toBe(expected); // minus the header
  });

  it("rejects a value that is not a document", () => {
    expect(() => renderCsv(undefined as never)).toThrow(ServqualError);
    expect(() => renderCsv({ kind: "x" } as never)).toThrow(ServqualError);
  });
});
