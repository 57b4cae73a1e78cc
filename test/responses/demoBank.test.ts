/**
 * Validation of the embedded demo survey data/demo-bank.csv against the dirty rows documented in
 * data/DEMO.md. Row numbers are found in the parsed CSV itself (1-based data rows); every
 * expected outcome follows from the DEMO.md description and the SERVQUAL 1..7 integer scale.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { instruments } from "../../src/instrument/instruments";
import type { Facet } from "../../src/instrument/types";
import type { ValidatedResponses } from "../../src/responses/types";
import { validateResponses } from "../../src/responses/validateResponses";
import { cellValue, columnOf, demoRows, ITEM_IDS } from "./helpers";

const FORMULA = '=HYPERLINK("http://example.com","x")';
const SCRIPT_TAG = "<script>alert(1)</script>";

type Outcome =
  /** The named cells are rejected with `code`, become NaN, and the row is kept. */
  | { readonly kind: "rejected"; readonly code: string; readonly cells: readonly string[] }
  /** The named cells are blank: NaN, no issue, row kept. */
  | { readonly kind: "blank"; readonly cells: readonly string[] }
  /** A segment label kept verbatim with a warning. */
  | {
      readonly kind: "label";
      readonly code: string;
      readonly column: "region" | "channel";
      readonly text: string;
    }
  /** Importance points that do not sum to 100: weights NaN, row kept. */
  | { readonly kind: "weights"; readonly sum: number }
  /** The row is excluded for the reason matched. */
  | { readonly kind: "excluded"; readonly reason: RegExp };

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}_${from + i}`);

/** What DEMO.md says of each dirty row, as the validator should report it. */
const DIRTY: Readonly<Record<string, Outcome>> = {
  R0023: { kind: "rejected", code: "out-of-range", cells: ["E_7"] },
  R0071: { kind: "rejected", code: "out-of-range", cells: ["P_15"] },
  R0118: { kind: "rejected", code: "out-of-range", cells: ["E_20"] },
  R0146: { kind: "label", code: "formula-like-label", column: "region", text: FORMULA },
  R0164: { kind: "rejected", code: "not-a-number", cells: ["P_11"] },
  R0209: { kind: "rejected", code: "not-a-number", cells: ["E_2"] },
  R0252: { kind: "rejected", code: "off-scale-step", cells: ["P_6"] },
  R0297: { kind: "blank", cells: ["P_12"] },
  R0340: { kind: "blank", cells: ["E_3", "P_19"] },
  R0386: { kind: "blank", cells: [...range("E", 5, 9), ...range("P", 5, 9)] },
  R0431: { kind: "weights", sum: 95 },
  R0475: { kind: "weights", sum: 110 },
  R0512: { kind: "excluded", reason: /no usable answer/ },
  R0558: { kind: "label", code: "markup-in-label", column: "channel", text: SCRIPT_TAG },
  R0205: { kind: "excluded", reason: /already claimed by data row 205/ },
};

function facetAndItem(column: string): [Facet, string] {
  const [prefix, item] = column.split("_");
  return [prefix === "E" ? "expectation" : "perception", item ?? ""];
}

describe("validateResponses on the demo survey (data/demo-bank.csv)", () => {
  let rows: Record<string, string>[];
  let result: ValidatedResponses;
  /** 1-based data row of a dirty respondent (the second row for the duplicated R0205). */
  const rowOf = (id: string) =>
    id === "R0205"
      ? rows.map((row) => row.respondent_id).lastIndexOf(id) + 1
      : rows.findIndex((row) => row.respondent_id === id) + 1;

  beforeAll(() => {
    rows = demoRows();
    result = validateResponses(rows, instruments.servqual22, {
      columns: { segments: ["region", "channel"] },
    });
  });

  it("covers exactly the dirty rows listed in DEMO.md", () => {
    const doc = readFileSync(new URL("../../data/DEMO.md", import.meta.url), "utf8");
    // the survey's own "Dirty rows" section, up to the next heading (other demo files follow)
    const start = doc.indexOf("## Dirty rows");
    const section = doc.slice(start, doc.indexOf("\n#", start + 1));
    const ids = [...section.matchAll(/^\| (R\d{4})/gm)].map((match) => match[1]);
    expect(ids.sort()).toEqual(Object.keys(DIRTY).sort());
    expect(ids).toHaveLength(15);
  });

  it("takes 601 rows in, uses 599 and excludes 2 (rows in = used + excluded)", () => {
    const { dataset, report } = result;
    expect(rows).toHaveLength(601);
    expect(report.rowsIn).toBe(601);
    expect(report.rowsUsed).toBe(599);
    expect(report.rowsExcluded).toBe(2);
    expect(report.rowsUsed + report.rowsExcluded).toBe(report.rowsIn);
    expect(dataset.n).toBe(599);
    expect(new Set(dataset.ids).size).toBe(599);
    const all = [...dataset.sourceRows, ...report.excludedRows.map((row) => row.row)];
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 601 }, (_, i) => i + 1));
  });

  it("reports issues on the dirty rows only, with the documented counts", () => {
    const { report } = result;
    const dirtyRows = new Set(Object.keys(DIRTY).map(rowOf));
    for (const issue of report.issues) expect(dirtyRows.has(issue.row ?? -1)).toBe(true);
    expect(report.issueCounts).toEqual({
      "out-of-range": 3,
      "not-a-number": 2,
      "off-scale-step": 1,
      "formula-like-label": 1,
      "markup-in-label": 1,
      "weights-sum": 2,
    });
    expect(report.issuesTruncated).toBe(false);
    expect(report.notApplicable).toBe(0);
    // Blank answers in used rows: R0297 1, R0340 2, R0386 10 (R0512's 44 blanks are in an
    // excluded row and not counted).
    expect(report.blank).toBe(1 + 2 + 10);
    expect(report.columns.ignored).toEqual([]);
    expect(report.columns.absent).toEqual([]);
  });

  it.each(Object.entries(DIRTY))("%s has the documented outcome", (id, outcome) => {
    const { dataset, report } = result;
    const row = rowOf(id);
    const issues = report.issues.filter((issue) => issue.row === row);
    const excluded = report.excludedRows.find((entry) => entry.row === row);
    switch (outcome.kind) {
      case "rejected": {
        expect(excluded).toBeUndefined();
        expect(issues.map((i) => [i.code, i.column])).toEqual(
          outcome.cells.map((cell) => [outcome.code, cell]),
        );
        for (const cell of outcome.cells) {
          expect(cellValue(dataset, id, ...facetAndItem(cell))).toBeNaN();
        }
        break;
      }
      case "blank": {
        expect(excluded).toBeUndefined();
        expect(issues).toEqual([]);
        for (const cell of outcome.cells) {
          expect(cellValue(dataset, id, ...facetAndItem(cell))).toBeNaN();
        }
        break;
      }
      case "label": {
        expect(excluded).toBeUndefined();
        expect(issues.map((i) => [i.code, i.column])).toEqual([[outcome.code, outcome.column]]);
        const segment = dataset.segments.find((s) => s.name === outcome.column);
        expect(segment?.values[dataset.ids.indexOf(id)]).toBe(outcome.text);
        break;
      }
      case "weights": {
        expect(excluded).toBeUndefined();
        expect(issues.map((i) => i.code)).toEqual(["weights-sum"]);
        expect(issues[0]?.message).toContain(String(outcome.sum));
        const at = dataset.ids.indexOf(id);
        for (const column of dataset.weights ?? []) expect(column[at]).toBeNaN();
        break;
      }
      case "excluded": {
        expect(excluded?.id).toBe(id);
        expect(excluded?.reasons.map((r) => r.message).join("; ")).toMatch(outcome.reason);
        expect(issues).toEqual([]);
        break;
      }
    }
  });

  it("keeps the first R0205 (row 205) and its answers", () => {
    const { dataset } = result;
    const first = rows.findIndex((row) => row.respondent_id === "R0205");
    expect(first + 1).toBe(205);
    expect(dataset.sourceRows[dataset.ids.indexOf("R0205")]).toBe(205);
    expect(cellValue(dataset, "R0205", "expectation", "1")).toBe(Number(rows[first]?.E_1));
  });

  it("keeps R0386, missing the whole reliability dimension, with the rest intact", () => {
    const { dataset } = result;
    const at = dataset.ids.indexOf("R0386");
    const source = rows[rowOf("R0386") - 1] ?? {};
    for (const item of ["1", "4", "10", "13", "14", "17", "18", "22"]) {
      expect(cellValue(dataset, "R0386", "expectation", item)).toBe(Number(source[`E_${item}`]));
      expect(cellValue(dataset, "R0386", "perception", item)).toBe(Number(source[`P_${item}`]));
    }
    const shares = (dataset.weights ?? []).map((column) => column[at] as number);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("R0023's E_7 = 8 is rejected as outside 1..7 and treated as missing", () => {
    const { dataset, report } = result;
    const issue = report.issues.find((i) => i.row === rowOf("R0023"));
    expect(issue?.message).toContain('"8" is outside the scale 1..7');
    expect(issue?.message).toContain("treated as missing");
    expect(cellValue(dataset, "R0023", "expectation", "7")).toBeNaN();
    expect(cellValue(dataset, "R0023", "perception", "7")).toBe(Number(rows[22]?.P_7));
  });

  it("reads every clean cell exactly as the CSV holds it", () => {
    const { dataset } = result;
    const dirtyRows = new Set(Object.keys(DIRTY).map(rowOf));
    const e = ITEM_IDS.map((item) => columnOf(dataset, "expectation", item));
    const p = ITEM_IDS.map((item) => columnOf(dataset, "perception", item));
    const dimensions = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"];
    let checked = 0;
    dataset.ids.forEach((id, at) => {
      const row = dataset.sourceRows[at] as number;
      if (dirtyRows.has(row)) return;
      const source = rows[row - 1] ?? {};
      expect(source.respondent_id).toBe(id);
      const expected = ITEM_IDS.flatMap((item) => [source[`E_${item}`], source[`P_${item}`]]);
      const actual = ITEM_IDS.flatMap((_, i) => [e[i]?.[at], p[i]?.[at]]);
      expect(actual).toEqual(expected.map(Number));
      checked += actual.length;
      (dataset.weights ?? []).forEach((column, d) => {
        expect(column[at]).toBeCloseTo(Number(source[`W_${dimensions[d]}`]) / 100, 15);
      });
      expect(dataset.segments[0]?.values[at]).toBe(source.region);
      expect(dataset.segments[1]?.values[at]).toBe(source.channel);
    });
    // 601 rows − 15 dirty = 586 clean rows, each with 22 E and 22 P answers.
    expect(checked).toBe(586 * 44);
  });

  it("reads the interview dates (R0001 on 2024-01-02)", () => {
    const { dataset } = result;
    expect(dataset.dates?.[0]).toBe(Date.UTC(2024, 0, 2));
    expect(Array.from(dataset.dates ?? []).every((ms) => Number.isFinite(ms))).toBe(true);
  });
});
