/**
 * validateLongResponses: long rows (respondent, item, facet, value) pivoted to wide rows must
 * give the same dataset as the wide equivalent; repeated, unknown and malformed long rows are
 * reported by long row number.
 */
import { describe, expect, it } from "vitest";
import { instruments } from "../../src/instrument/instruments";
import { validateLongResponses } from "../../src/responses/validateLongResponses";
import { validateResponses } from "../../src/responses/validateResponses";
import { cellValue, ITEM_IDS, servqualErrorOf } from "./helpers";

const servqual22 = instruments.servqual22;
type LongRow = Record<string, unknown>;

/**
 * Four respondents with a fixed pattern of answers: mostly valid, with some blanks, out-of-range
 * values (0, 8) and a fraction, so the pivot also carries issues through.
 */
function answerOf(r: number, item: number, facet: number): string | number {
  const code = (r * 7 + item * 3 + facet * 5) % 11;
  if (code === 0) return "";
  if (code === 8) return "8";
  if (code === 9) return 0;
  if (code === 10) return "2.5";
  return code; // 1..7
}
const RESPONDENTS = ["k1", "k2", "k3", "k4"];
const FACETS = ["E", "P"] as const;

function wideRecords(): Record<string, unknown>[] {
  return RESPONDENTS.map((id, r) => {
    const record: Record<string, unknown> = { respondent_id: id };
    FACETS.forEach((facet, f) => {
      for (const item of ITEM_IDS) record[`${facet}_${item}`] = answerOf(r, Number(item), f);
    });
    return record;
  });
}

function longRows(): LongRow[] {
  return RESPONDENTS.flatMap((id, r) =>
    FACETS.flatMap((facet, f) =>
      ITEM_IDS.map((item) => ({
        respondent_id: id,
        item,
        facet,
        value: answerOf(r, Number(item), f),
      })),
    ),
  );
}

describe("validateLongResponses", () => {
  it("gives the same dataset and report as the wide equivalent", () => {
    const wide = validateResponses(wideRecords(), servqual22, { missing: "pairwise" });
    const long = validateLongResponses(longRows(), servqual22, { missing: "pairwise" });
    expect(wide.report.issues.length).toBeGreaterThan(0);
    expect(long.dataset).toEqual(wide.dataset);
    expect(long.report).toEqual(wide.report);
  });

  it("gives the same dataset whatever the order of a respondent's long rows", () => {
    const rows = longRows();
    const reordered = RESPONDENTS.flatMap((id) =>
      rows.filter((row) => row.respondent_id === id).reverse(),
    );
    const wide = validateResponses(wideRecords(), servqual22);
    const long = validateLongResponses(reordered, servqual22);
    expect(long.dataset).toEqual(wide.dataset);
    expect(long.report.issueCounts).toEqual(wide.report.issueCounts);
  });

  it("accepts the facet spellings E/P, expectation/perception in any case", () => {
    const rows: LongRow[] = [
      { respondent_id: "a", item: "1", facet: "expectation", value: 6 },
      { respondent_id: "a", item: "1", facet: " Perception ", value: "4" },
      { respondent_id: "a", item: "2", facet: "e", value: 7 },
      { respondent_id: "a", item: "2", facet: "P", value: 3 },
    ];
    const { dataset, report } = validateLongResponses(rows, servqual22, { missing: "pairwise" });
    expect(cellValue(dataset, "a", "expectation", "1")).toBe(6);
    expect(cellValue(dataset, "a", "perception", "1")).toBe(4);
    expect(cellValue(dataset, "a", "expectation", "2")).toBe(7);
    expect(cellValue(dataset, "a", "perception", "2")).toBe(3);
    expect(report.issues.filter((issue) => issue.row !== 0)).toEqual([]);
  });

  it("reports a repeated (respondent, item, facet) by long row and keeps the first value", () => {
    const rows: LongRow[] = [
      { respondent_id: "a", item: "1", facet: "E", value: 6 },
      { respondent_id: "a", item: "1", facet: "P", value: 4 },
      { respondent_id: "a", item: "1", facet: "E", value: 2 },
    ];
    const { dataset, report } = validateLongResponses(rows, servqual22, { missing: "pairwise" });
    expect(cellValue(dataset, "a", "expectation", "1")).toBe(6);
    const duplicates = report.issues.filter((issue) => issue.code === "duplicate-answer");
    expect(duplicates.map((i) => [i.row, i.column])).toEqual([[3, "value"]]);
    expect(duplicates[0]?.message).toContain('"a"');
    expect(report.issueCounts["duplicate-answer"]).toBe(1);
  });

  it("reports an unknown item and an unknown facet by long row and column", () => {
    const rows: LongRow[] = [
      { respondent_id: "a", item: "1", facet: "E", value: 6 },
      { respondent_id: "a", item: "1", facet: "P", value: 4 },
      { respondent_id: "a", item: "23", facet: "E", value: 5 },
      { respondent_id: "a", item: "2", facet: "X", value: 5 },
      { respondent_id: "a", item: "2", facet: "MIN", value: 5 },
      { respondent_id: "a", item: "2", facet: "constructor", value: 5 },
      { respondent_id: " ", item: "2", facet: "E", value: 5 },
    ];
    const { dataset, report } = validateLongResponses(rows, servqual22, { missing: "pairwise" });
    expect(dataset.ids).toEqual(["a"]);
    const longIssues = report.issues.filter((issue) => issue.row !== 0);
    expect(longIssues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["unknown-item", 3, "item"],
      ["unknown-facet", 4, "facet"],
      // MIN (adequate) exists, but SERVQUAL-22 does not collect it.
      ["unknown-facet", 5, "facet"],
      ["unknown-facet", 6, "facet"],
      ["missing-id", 7, "respondent_id"],
    ]);
    expect(longIssues[0]?.message).toContain('"23"');
    expect(report.issueCounts["unknown-facet"]).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads the three-column facets MIN / DES / P of the tolerance instrument", () => {
    const rows: LongRow[] = [
      { respondent_id: "a", item: "1", facet: "MIN", value: 4 },
      { respondent_id: "a", item: "1", facet: "DES", value: 8 },
      { respondent_id: "a", item: "1", facet: "P", value: "N/A" },
      { respondent_id: "a", item: "2", facet: "adequate", value: 3 },
      { respondent_id: "a", item: "2", facet: "desired", value: 9 },
      { respondent_id: "a", item: "2", facet: "perception", value: 6 },
    ];
    const { dataset, report } = validateLongResponses(rows, instruments.servqual22Tolerance, {
      missing: "pairwise",
    });
    expect(cellValue(dataset, "a", "adequate", "1")).toBe(4);
    expect(cellValue(dataset, "a", "desired", "1")).toBe(8);
    expect(cellValue(dataset, "a", "perception", "1")).toBeNaN();
    expect(cellValue(dataset, "a", "desired", "2")).toBe(9);
    expect(report.notApplicable).toBe(1);
  });

  it("uses the long column names given in options.long", () => {
    const rows: LongRow[] = [
      { who: "a", q: "1", kind: "E", answer: 5 },
      { who: "a", q: "1", kind: "P", answer: 6 },
    ];
    const { dataset } = validateLongResponses(rows, servqual22, {
      missing: "pairwise",
      long: { respondent: "who", item: "q", facet: "kind", value: "answer" },
    });
    expect(dataset.ids).toEqual(["a"]);
    expect(cellValue(dataset, "a", "perception", "1")).toBe(6);
  });

  it("throws empty-input for no long rows", () => {
    expect(servqualErrorOf(() => validateLongResponses([], servqual22)).code).toBe("empty-input");
  });

  it("throws invalid-input naming a long column that is absent", () => {
    const error = servqualErrorOf(() =>
      validateLongResponses([{ respondent_id: "a", item: "1", value: 5 }], servqual22),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]?.message).toContain("facet");
  });

  it("reports a long row that is not an object instead of failing", () => {
    const rows = [
      { respondent_id: "a", item: "1", facet: "E", value: 6 },
      null,
      { respondent_id: "a", item: "1", facet: "P", value: 4 },
    ] as unknown as LongRow[];
    const { dataset, report } = validateLongResponses(rows, servqual22, { missing: "pairwise" });
    expect(dataset.ids).toEqual(["a"]);
    expect(report.issues.filter((i) => i.row !== 0).map((i) => [i.code, i.row])).toEqual([
      ["not-an-object", 2],
    ]);
  });
});
