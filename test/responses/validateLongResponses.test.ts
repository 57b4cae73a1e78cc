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
  it("gives the same dataset and counts as the wide equivalent, numbered by long row", () => {
    const wide = validateResponses(wideRecords(), servqual22, { missing: "pairwise" });
    const rows = longRows();
    const long = validateLongResponses(rows, servqual22, { missing: "pairwise" });
    expect(wide.report.issues.length).toBeGreaterThan(0);
    // Respondent r's first long row is r·44 + 1 (22 E rows, then 22 P rows).
    const firstRows = RESPONDENTS.map((_, r) => r * 44 + 1);
    expect(Array.from(long.dataset.sourceRows)).toEqual(firstRows);
    expect({ ...long.dataset, sourceRows: null }).toEqual({ ...wide.dataset, sourceRows: null });
    const { issues: longIssues, excludedRows: longExcluded, ...longRest } = long.report;
    const { issues: wideIssues, excludedRows: wideExcluded, ...wideRest } = wide.report;
    expect(longRest).toEqual(wideRest);
    expect(longExcluded.map((row) => row.id)).toEqual(wideExcluded.map((row) => row.id));
    // Each wide cell issue (respondent row w, column E_3) names the long row holding that value.
    expect(longIssues).toHaveLength(wideIssues.length);
    wideIssues.forEach((issue, k) => {
      const id = RESPONDENTS[(issue.row as number) - 1] as string;
      const [facet, item] = (issue.column as string).split("_");
      const longRow =
        rows.findIndex(
          (row) => row.respondent_id === id && row.facet === facet && row.item === item,
        ) + 1;
      expect(longIssues[k]).toEqual({
        ...issue,
        row: longRow,
        column: "value",
        message: `respondent "${id}", ${issue.column}: ${issue.message}`,
      });
    });
  });

  it("gives the same dataset whatever the order of a respondent's long rows", () => {
    const rows = longRows();
    const reordered = RESPONDENTS.flatMap((id) =>
      rows.filter((row) => row.respondent_id === id).reverse(),
    );
    const wide = validateResponses(wideRecords(), servqual22);
    const long = validateLongResponses(reordered, servqual22);
    expect({ ...long.dataset, sourceRows: null }).toEqual({ ...wide.dataset, sourceRows: null });
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

describe("validateLongResponses: dates, segments, weights and one row numbering", () => {
  /** Complete long rows of one respondent (E 6, P 5 on every item), with extra cells on each. */
  const respondent = (id: string, extra: LongRow = {}): LongRow[] =>
    FACETS.flatMap((facet) =>
      ITEM_IDS.map((item) => ({
        respondent_id: id,
        item,
        facet,
        value: facet === "E" ? 6 : 5,
        ...extra,
      })),
    );

  it("reads the date and segment columns carried on the long rows", () => {
    const rows = [
      ...respondent("a", { date: "2024-03-01", region: "North" }),
      ...respondent("b", { date: "2024-03-02", region: "South" }),
    ];
    const { dataset, report } = validateLongResponses(rows, servqual22, {
      columns: { segments: ["region"] },
    });
    expect(Array.from(dataset.dates ?? [])).toEqual([Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 2)]);
    expect(dataset.segments).toEqual([{ name: "region", values: ["North", "South"] }]);
    expect(report.issues).toEqual([]);
  });

  it("takes the first non-blank date or label and reports a conflicting one by long row", () => {
    const rows = respondent("a");
    rows[0] = { ...rows[0], region: "" };
    rows[1] = { ...rows[1], region: "North" };
    rows[5] = { ...rows[5], region: "South" };
    rows[7] = { ...rows[7], region: " North " };
    const { dataset, report } = validateLongResponses(rows, servqual22, {
      columns: { segments: ["region"] },
    });
    expect(dataset.segments[0]?.values).toEqual(["North"]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["conflicting-value", 6, "region"],
    ]);
    expect(report.issues[0]?.message).toMatch(
      /^respondent "a": "South" differs from "North" on long row 2/,
    );
  });

  it("throws when a requested segment column is not on the long rows", () => {
    const error = servqualErrorOf(() =>
      validateLongResponses(respondent("a"), servqual22, { columns: { segments: ["region"] } }),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]?.message).toContain("region");
  });

  it("reads importance points (facet W, item = dimension id) as the wide W_ columns", () => {
    const points: Record<string, number> = {
      tangibles: 10,
      reliability: 35,
      responsiveness: 25,
      assurance: 15,
      empathy: 15,
    };
    const rows = [
      ...respondent("a"),
      ...Object.entries(points).map(([dimension, value]) => ({
        respondent_id: "a",
        item: dimension,
        facet: "weight",
        value,
      })),
      { respondent_id: "a", item: "3", facet: "I", value: 7 },
    ];
    const { dataset, report } = validateLongResponses(rows, servqual22);
    expect(report.issues).toEqual([]);
    expect(dataset.weights?.map((column) => column[0])).toEqual([0.1, 0.35, 0.25, 0.15, 0.15]);
    expect(dataset.importance?.[2]?.[0]).toBe(7);
    expect(dataset.importance?.[0]?.[0]).toBeNaN();
  });

  it("names the long row of a bad weight, and the first long row for the set of points", () => {
    const rows: LongRow[] = [
      ...respondent("a"), // long rows 1..44
      { respondent_id: "a", item: "tangibles", facet: "W", value: "0x14" }, // 45
      { respondent_id: "a", item: "nowhere", facet: "W", value: 10 }, // 46
      ...respondent("b"), // 47..90
      { respondent_id: "b", item: "tangibles", facet: "W", value: 50 }, // 91
      { respondent_id: "b", item: "empathy", facet: "W", value: 40 }, // 92
    ];
    const { report } = validateLongResponses(rows, servqual22);
    // Issues about a respondent's points as a whole sit on its first long row (1 for a, 47
    // for b): dimensions without a W row are blank, never 0 points.
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["blank-weight", 1, "W_reliability, W_responsiveness, W_assurance, W_empathy"],
      ["bad-weight", 45, "value"],
      ["unknown-dimension", 46, "item"],
      ["blank-weight", 47, "W_reliability, W_responsiveness, W_assurance"],
    ]);
    for (const issue of report.issues) expect(issue.message).toMatch(/^respondent "[ab]"/);
  });

  it("names the long row of a bad value and of a bad date, with the respondent", () => {
    const rows = [
      ...respondent("a", { date: "2024-01-02" }),
      ...respondent("b", { date: "2024-01-02" }),
    ];
    rows[44 + 3] = { ...rows[44 + 3], value: "9" }; // long row 48: b, E_4
    rows[44 + 30] = { ...rows[44 + 30], date: "2024-02-30" }; // long row 75 (ignored: b already has a date)
    rows[10] = { ...rows[10], date: "" }; // blank: no conflict
    const { dataset, report } = validateLongResponses(rows, servqual22);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["out-of-range", 48, "value"],
      ["conflicting-value", 75, "date"],
    ]);
    expect(report.issues[0]?.message).toMatch(
      /^respondent "b", E_4: "9" is outside the scale 1\.\.7/,
    );
    expect(dataset.dates?.[1]).toBe(Date.UTC(2024, 0, 2));

    const badDate = [...respondent("c", { date: "yesterday" })];
    const dated = validateLongResponses(badDate, servqual22);
    expect(dated.report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-date", 1, "date"],
    ]);
  });

  it("names excluded respondents by their first long row, and the cause when none is usable", () => {
    const rows: LongRow[] = [
      { respondent_id: "a", item: "1", facet: "E", value: 6 },
      { respondent_id: "b", item: "1", facet: "E", value: 6 },
      { respondent_id: "a", item: "2", facet: "E", value: 6 },
      { respondent_id: "b", item: "1", facet: "Q", value: 6 },
    ];
    const error = servqualErrorOf(() => validateLongResponses(rows, servqual22));
    expect(error.code).toBe("no-usable-rows");
    const excluded = error.issues.filter((i) => i.code === "row-excluded");
    expect(excluded.map((i) => i.row)).toEqual([1, 2]);
    expect(excluded[0]?.message).toMatch(/^respondent "a": /);
    expect(error.issues.some((i) => i.code === "unknown-facet" && i.row === 4)).toBe(true);
  });

  it("rejects an id that is an object, by long row", () => {
    const rows: LongRow[] = [
      ...respondent("a"),
      { respondent_id: { id: 1 }, item: "1", facet: "E", value: 6 },
    ];
    const { report } = validateLongResponses(rows, servqual22);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-id", 45, "respondent_id"],
    ]);
  });

  it("throws when a long column is also the date or a segment column", () => {
    const error = servqualErrorOf(() =>
      validateLongResponses(respondent("a"), servqual22, { columns: { segments: ["item"] } }),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues[0]?.message).toMatch(/"item" is both the item column and a segment column/);
  });
});
