/**
 * validateResponses: every kind of bad input named in the validation issue, where issues point,
 * reverse keying, missing-data policies, invalid answers, importance weights, column maps and
 * dates. Expected values are hand-worked from the scale rules (SERVQUAL 1..7, LibQUAL 1..9),
 * the reverse-keying rule x' = min + max − x (Parasuraman, Zeithaml & Berry 1988) and the
 * 100-point importance split w_d = points_d / total (Parasuraman, Berry & Zeithaml 1991).
 */
import { describe, expect, it } from "vitest";
import { instruments } from "../../src/instrument/instruments";
import { itemsOf } from "../../src/instrument/itemsOf";
import { validateResponses } from "../../src/responses/validateResponses";
import {
  cellValue,
  columnOf,
  expectSentence,
  fullRecord,
  ITEM_IDS,
  servqualErrorOf,
  WEIGHT_COLUMNS,
  weightCells,
} from "./helpers";

const servqual22 = instruments.servqual22;
const ANSWER_COLUMNS = [...ITEM_IDS.map((i) => `E_${i}`), ...ITEM_IDS.map((i) => `P_${i}`)];

describe("validateResponses: the bad inputs of the validation issue", () => {
  it("rejects an answer outside the scale and treats it as missing", () => {
    const { dataset, report } = validateResponses(
      [
        fullRecord("a", { E_3: "8" }),
        fullRecord("b", { P_4: "0" }),
        fullRecord("c", { E_5: -1 }),
        fullRecord("d"),
      ],
      servqual22,
    );
    expect(report.rowsUsed).toBe(4);
    expect(report.issueCounts["out-of-range"]).toBe(3);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["out-of-range", 1, "E_3"],
      ["out-of-range", 2, "P_4"],
      ["out-of-range", 3, "E_5"],
    ]);
    expect(report.issues[0]?.message).toContain('"8"');
    expect(report.issues[0]?.message).toContain("1..7");
    expect(cellValue(dataset, "a", "expectation", "3")).toBeNaN();
    expect(cellValue(dataset, "b", "perception", "4")).toBeNaN();
    expect(cellValue(dataset, "c", "expectation", "5")).toBeNaN();
    // The rest of the row is kept as given.
    expect(cellValue(dataset, "a", "perception", "3")).toBe(5);
    expect(cellValue(dataset, "d", "expectation", "3")).toBe(6);
  });

  it("rejects a non-numeric answer", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a", { E_2: "six", P_2: "7,0", E_9: "0x7" }), fullRecord("b")],
      servqual22,
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["not-a-number", 1, "E_2"],
      ["not-a-number", 1, "E_9"],
      ["not-a-number", 1, "P_2"],
    ]);
    expect(report.issues[0]?.message).toContain('"six" is not a plain decimal number');
    expect(cellValue(dataset, "a", "expectation", "2")).toBeNaN();
    expect(cellValue(dataset, "a", "perception", "2")).toBeNaN();
    expect(cellValue(dataset, "a", "expectation", "9")).toBeNaN();
    expect(report.rowsUsed).toBe(2);
  });

  it("rejects a fractional answer on an integer scale (4.5)", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a", { P_6: "4.5" }), fullRecord("b", { P_6: 4.5 }), fullRecord("c")],
      servqual22,
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["off-scale-step", 1, "P_6"],
      ["off-scale-step", 2, "P_6"],
    ]);
    expect(report.issues[0]?.message).toContain("whole");
    expect(cellValue(dataset, "a", "perception", "6")).toBeNaN();
    expect(cellValue(dataset, "b", "perception", "6")).toBeNaN();
    expect(cellValue(dataset, "c", "perception", "6")).toBe(5);
  });

  it("throws empty-input for an empty array of rows", () => {
    const error = servqualErrorOf(() => validateResponses([], servqual22));
    expect(error.code).toBe("empty-input");
    expectSentence(error.issues[0]?.message ?? "");
  });

  it("throws empty-input for a table with a header and no rows", () => {
    const error = servqualErrorOf(() =>
      validateResponses({ header: ["respondent_id", ...ANSWER_COLUMNS], rows: [] }, servqual22),
    );
    expect(error.code).toBe("empty-input");
  });

  it("throws invalid-input listing the expected names when no header column is an item", () => {
    const error = servqualErrorOf(() =>
      validateResponses(
        { header: ["customer", "q1_exp", "q1_perc"], rows: [["a", "5", "6"]] },
        servqual22,
      ),
    );
    expect(error.code).toBe("invalid-input");
    const text = error.issues.map((issue) => issue.message).join(" ");
    expect(text).toContain("E_1");
    expect(text).toContain("P_1");
    // It also shows what it found, so the user can map the columns.
    expect(text).toContain("q1_exp");
    expect(error.message).toContain("E_1");
  });

  it("keeps the first row of a repeated respondent id and excludes the later ones, naming the first row", () => {
    const { dataset, report } = validateResponses(
      [
        fullRecord("a", { E_1: "1" }),
        fullRecord("b"),
        fullRecord("a", { E_1: "2" }),
        fullRecord("a", { E_1: "3" }),
      ],
      servqual22,
    );
    expect(dataset.ids).toEqual(["a", "b"]);
    expect(cellValue(dataset, "a", "expectation", "1")).toBe(1);
    expect(report.excludedRows.map((row) => [row.row, row.id])).toEqual([
      [3, "a"],
      [4, "a"],
    ]);
    for (const excluded of report.excludedRows) {
      expect(excluded.reasons).toHaveLength(1);
      expect(excluded.reasons[0]?.code).toBe("duplicate-id");
      expect(excluded.reasons[0]?.message).toContain("data row 1");
      expectSentence(excluded.reasons[0]?.message ?? "");
    }
  });

  it("ignores __proto__ and constructor keys of JSON records with a warning and leaves Object.prototype alone", () => {
    const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const hostile = (id: string) =>
      `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}, ${JSON.stringify(fullRecord(id)).slice(1)}`;
    const rows = JSON.parse(`[${hostile("a")}, ${hostile("b")}]`) as Record<string, unknown>[];
    expect(Object.hasOwn(rows[0] as object, "__proto__")).toBe(true);

    const { dataset, report } = validateResponses(rows, servqual22);

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(dataset.ids).toEqual(["a", "b"]);
    expect(report.columns.ignored).toEqual(["__proto__", "constructor"]);
    const warnings = report.issues.filter((issue) => issue.code === "unsafe-column");
    expect(warnings.map((w) => [w.row, w.column])).toEqual([
      [0, "__proto__"],
      [0, "constructor"],
    ]);
    expect(cellValue(dataset, "b", "perception", "22")).toBe(5);
  });

  it("ignores __proto__ and constructor columns of a table with a warning and leaves Object.prototype alone", () => {
    const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    const header = ["respondent_id", "__proto__", "constructor", "prototype", ...ANSWER_COLUMNS];
    const cells = (id: string) => [
      id,
      JSON.parse('{"polluted": 1}'),
      { prototype: { polluted: 2 } },
      "polluted",
      ...ANSWER_COLUMNS.map(() => "4"),
    ];
    const { dataset, report } = validateResponses(
      { header, rows: [cells("a"), cells("b")] },
      servqual22,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
    expect(dataset.n).toBe(2);
    expect(report.issueCounts["unsafe-column"]).toBe(3);
    expect(report.columns.ignored).toEqual(["__proto__", "constructor", "prototype"]);
  });

  it("reports a million-character answer cell by row and column in a short message", () => {
    const huge = "7".repeat(1_000_000);
    const { dataset, report } = validateResponses(
      [fullRecord("a"), fullRecord("b", { E_4: huge })],
      servqual22,
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["cell-too-long", 2, "E_4"],
    ]);
    expect(report.issues[0]?.message.length).toBeLessThan(200);
    expect(JSON.stringify(report).length).toBeLessThan(10_000);
    expect(cellValue(dataset, "b", "expectation", "4")).toBeNaN();
    expect(report.rowsUsed).toBe(2);
  });

  it("excludes a row whose respondent id has a million characters, saying why in short", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a"), fullRecord("R".repeat(1_000_000))],
      servqual22,
    );
    expect(dataset.ids).toEqual(["a"]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["cell-too-long", 2, "respondent_id"],
    ]);
    expect(report.excludedRows).toHaveLength(1);
    const excluded = report.excludedRows[0];
    expect(excluded?.row).toBe(2);
    expect(excluded?.id).toBeNull();
    expect(excluded?.reasons.map((r) => r.message).join(" ")).toContain("1000 characters");
    expect(excluded?.reasons.map((r) => r.message).join(" ")).not.toContain("blank");
    expect(JSON.stringify(report).length).toBeLessThan(10_000);
  });

  it("keeps a ServqualError message short when its only row has a million-character id", () => {
    const error = servqualErrorOf(() =>
      validateResponses([fullRecord("R".repeat(1_000_000))], servqual22),
    );
    expect(error.code).toBe("no-usable-rows");
    expect(error.message.length).toBeLessThan(2_000);
  });

  it("drops a million-character segment label and keeps the row", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a", { region: "North" }), fullRecord("b", { region: "N".repeat(1_000_000) })],
      servqual22,
      { columns: { segments: ["region"] } },
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["cell-too-long", 2, "region"],
    ]);
    expect(report.issues[0]?.message.length).toBeLessThan(200);
    expect(dataset.segments[0]?.values).toEqual(["North", null]);
  });

  it("keeps a spreadsheet formula in a segment label verbatim as text, with a warning", () => {
    const formula = '=HYPERLINK("http://example.com","x")';
    const { dataset, report } = validateResponses(
      [fullRecord("a", { region: "North" }), fullRecord("b", { region: formula })],
      servqual22,
      { columns: { segments: ["region"] } },
    );
    expect(dataset.segments[0]?.values).toEqual(["North", formula]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["formula-like-label", 2, "region"],
    ]);
    expect(report.rowsUsed).toBe(2);
  });

  it("keeps <script> markup in a segment label verbatim as text, with a warning", () => {
    const script = "<script>alert(1)</script>";
    const { dataset, report } = validateResponses(
      [fullRecord("a", { channel: script }), fullRecord("b", { channel: "app" })],
      servqual22,
      { columns: { segments: ["channel"] } },
    );
    expect(dataset.segments[0]?.values).toEqual([script, "app"]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["markup-in-label", 1, "channel"],
    ]);
  });

  it("does not flag a label that is a negative number as a formula", () => {
    const { report } = validateResponses([fullRecord("a", { region: "-3" })], servqual22, {
      columns: { segments: ["region"] },
    });
    expect(report.issues).toEqual([]);
  });

  it("excludes table rows whose cell count differs from the header", () => {
    const header = ["respondent_id", ...ANSWER_COLUMNS];
    const full = ["a", ...ANSWER_COLUMNS.map(() => "5")];
    const { dataset, report } = validateResponses(
      {
        header,
        rows: [full, full.slice(0, -1).map((c, i) => (i === 0 ? "b" : c)), [...full, "extra"]],
      },
      servqual22,
    );
    expect(dataset.ids).toEqual(["a"]);
    expect(report.rowsIn).toBe(3);
    expect(report.excludedRows.map((row) => row.row)).toEqual([2, 3]);
    expect(report.excludedRows[0]?.reasons[0]?.message).toContain("44 cells");
    expect(report.excludedRows[0]?.reasons[0]?.message).toContain("45 columns");
    expect(report.excludedRows[1]?.reasons[0]?.message).toContain("46 cells");
  });

  it("throws no-usable-rows with each row's reason when every row is excluded", () => {
    const blank = Object.fromEntries(ANSWER_COLUMNS.map((c) => [c, ""]));
    const error = servqualErrorOf(() =>
      validateResponses([fullRecord("a", blank), fullRecord("b", blank)], servqual22),
    );
    expect(error.code).toBe("no-usable-rows");
    const reasons = error.issues.filter((issue) => issue.code === "row-excluded");
    expect(reasons.map((issue) => issue.row)).toEqual([1, 2]);
    for (const reason of reasons) expect(reason.message).toContain("no usable answer");
    expect(error.message).toContain("2 rows");
  });

  it("counts not-applicable tokens on the LibQUAL 1–9 scale, with no issue", () => {
    const libqual = instruments.libqualCore22;
    const record: Record<string, unknown> = { respondent_id: "s1" };
    for (const item of itemsOf(libqual)) {
      record[`MIN_${item.id}`] = "5";
      record[`DES_${item.id}`] = "8";
      record[`P_${item.id}`] = "9";
    }
    Object.assign(record, {
      "MIN_AS-1": "N/A",
      "DES_IC-2": "na",
      "P_LP-5": " n ",
      "P_AS-3": "NA",
    });
    const { dataset, report } = validateResponses([record], libqual);
    expect(report.notApplicable).toBe(4);
    expect(report.issues).toEqual([]);
    expect(report.rowsUsed).toBe(1);
    expect(cellValue(dataset, "s1", "adequate", "AS-1")).toBeNaN();
    expect(cellValue(dataset, "s1", "desired", "IC-2")).toBeNaN();
    expect(cellValue(dataset, "s1", "perception", "LP-5")).toBeNaN();
    expect(cellValue(dataset, "s1", "perception", "AS-1")).toBe(9);
  });

  it("treats N/A as not a number on a scale without not-applicable tokens", () => {
    const { report } = validateResponses([fullRecord("a", { P_11: "n/a" })], servqual22);
    expect(report.notApplicable).toBe(0);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["not-a-number", 1, "P_11"],
    ]);
  });
});

describe("validateResponses: where issues point", () => {
  it("names the 1-based data row and the column of every cell issue, in sentences", () => {
    const base = {
      date: "2024-05-01",
      region: "North",
      channel: "app",
      ...weightCells([20, 20, 20, 20, 20]),
    };
    const rows = [
      fullRecord("r1", base),
      fullRecord("r2", { ...base, E_3: "8" }),
      fullRecord("r3", { ...base, P_4: "abc" }),
      fullRecord("r4", { ...base, E_5: "4.5" }),
      fullRecord("r5", { ...base, P_6: "x".repeat(2000) }),
      fullRecord("r6", { ...base, region: "=1+2" }),
      fullRecord("r7", { ...base, channel: "<b>x</b>" }),
      fullRecord("r8", { ...base, W_tangibles: "-5" }),
      fullRecord("r9", { ...base, ...weightCells([10, 35, 25, 15, 10]) }),
      fullRecord("r10", { ...base, date: "2024-13-45" }),
      fullRecord("r11", { ...base, I_7: "9" }),
      fullRecord("x".repeat(2000), base),
    ];
    const { report } = validateResponses(rows, servqual22, {
      columns: { segments: ["region", "channel"] },
    });
    const cellIssues = report.issues.filter((issue) => issue.row !== 0);
    expect(cellIssues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["out-of-range", 2, "E_3"],
      ["not-a-number", 3, "P_4"],
      ["off-scale-step", 4, "E_5"],
      ["cell-too-long", 5, "P_6"],
      ["formula-like-label", 6, "region"],
      ["markup-in-label", 7, "channel"],
      ["bad-weight", 8, "W_tangibles"],
      ["weights-sum", 9, WEIGHT_COLUMNS.join(", ")],
      ["bad-date", 10, "date"],
      ["out-of-range", 11, "I_7"],
      ["cell-too-long", 12, "respondent_id"],
    ]);
    for (const issue of report.issues) expectSentence(issue.message);
    for (const row of report.excludedRows)
      for (const reason of row.reasons) expectSentence(reason.message);
  });

  it("puts header issues on row 0 and names the column", () => {
    const header = ["respondent_id", "__proto__", "E_1", "E_1", "P_1"];
    const { report } = validateResponses(
      { header, rows: [["a", "x", "5", "6", "4"]] },
      servqual22,
      { missing: "pairwise" },
    );
    const headerIssues = report.issues.filter((issue) => issue.row === 0);
    expect(headerIssues.map((i) => [i.code, i.column])).toEqual([
      ["unsafe-column", "__proto__"],
      ["duplicate-column", "E_1"],
      ["absent-columns", undefined],
    ]);
    // absent-columns is about columns that do not exist; it names them in the message.
    expect(headerIssues[2]?.message).toContain("42 answer column(s)");
    expect(headerIssues[2]?.message).toContain("E_2");
    for (const issue of headerIssues) expectSentence(issue.message);
  });

  it("reads the first of two columns with the same name", () => {
    const { dataset } = validateResponses(
      { header: ["respondent_id", "E_1", "E_1", "P_1"], rows: [["a", "5", "6", "4"]] },
      servqual22,
      { missing: "pairwise" },
    );
    expect(cellValue(dataset, "a", "expectation", "1")).toBe(5);
  });
});

describe("validateResponses: reverse-keyed items", () => {
  it("recodes SERVQUAL-1988 item 10 (answer 2 becomes 1 + 7 − 2 = 6) for E and P", () => {
    const servqual1988 = instruments.servqual1988;
    const { dataset } = validateResponses(
      [fullRecord("a", { E_10: "2", P_10: "2", E_9: "2", P_9: "2" }, "6", "5")],
      servqual1988,
    );
    expect(cellValue(dataset, "a", "expectation", "10")).toBe(6);
    expect(cellValue(dataset, "a", "perception", "10")).toBe(6);
    // Item 9 (reliability) is positively worded: unchanged.
    expect(cellValue(dataset, "a", "expectation", "9")).toBe(2);
    // Other reversed items (11–13, 18–22): E 6 → 2, P 5 → 3; the rest unchanged.
    for (const item of ["11", "12", "13", "18", "19", "20", "21", "22"]) {
      expect(cellValue(dataset, "a", "expectation", item)).toBe(2);
      expect(cellValue(dataset, "a", "perception", item)).toBe(3);
    }
    for (const item of ["1", "5", "14", "17"]) {
      expect(cellValue(dataset, "a", "expectation", item)).toBe(6);
      expect(cellValue(dataset, "a", "perception", item)).toBe(5);
    }
  });

  it("does not recode item 10 of the 1991 revision (all items positive)", () => {
    const { dataset } = validateResponses([fullRecord("a", { E_10: "2", P_10: "2" })], servqual22);
    expect(cellValue(dataset, "a", "expectation", "10")).toBe(2);
    expect(cellValue(dataset, "a", "perception", "10")).toBe(2);
  });
});

describe("validateResponses: missing-data policies", () => {
  const blanks = (...columns: string[]) => Object.fromEntries(columns.map((c) => [c, ""]));
  const onlyItems = (items: readonly string[]) =>
    blanks(...ANSWER_COLUMNS.filter((c) => !items.includes(c.slice(2))));

  it("listwise excludes any incomplete row", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a"), fullRecord("b", blanks("P_12")), fullRecord("c", blanks("E_22"))],
      servqual22,
      { missing: "listwise" },
    );
    expect(dataset.ids).toEqual(["a"]);
    expect(report.excludedRows.map((row) => row.row)).toEqual([2, 3]);
    expect(report.excludedRows[0]?.reasons[0]?.message).toContain("listwise");
    expect(report.missingPolicy).toEqual({ kind: "listwise" });
    expect(dataset.missingPolicy).toEqual({ kind: "listwise" });
  });

  it("pairwise keeps a row with one complete item and excludes one with none", () => {
    const { dataset, report } = validateResponses(
      [
        fullRecord("one-item", onlyItems(["1"])),
        fullRecord("e-only", blanks(...ITEM_IDS.map((i) => `P_${i}`))),
        fullRecord("complete"),
      ],
      servqual22,
      { missing: "pairwise" },
    );
    expect(dataset.ids).toEqual(["one-item", "complete"]);
    expect(report.excludedRows.map((row) => [row.row, row.id])).toEqual([[2, "e-only"]]);
    expect(report.excludedRows[0]?.reasons[0]?.message).toContain("no item has all of its answers");
    expect(cellValue(dataset, "one-item", "expectation", "1")).toBe(6);
    expect(cellValue(dataset, "one-item", "expectation", "2")).toBeNaN();
    expect(report.missingPolicy).toEqual({ kind: "pairwise" });
  });

  it("minimum share 0.5 (the default) excludes a row whose every dimension is under half answered", () => {
    // One item of each dimension: 1/4, 1/5, 1/4, 1/4, 1/5 — all below one half.
    const { dataset, report } = validateResponses(
      [fullRecord("thin", onlyItems(["1", "5", "10", "14", "18"])), fullRecord("complete")],
      servqual22,
    );
    expect(dataset.ids).toEqual(["complete"]);
    expect(report.excludedRows[0]?.reasons[0]?.message).toContain("50%");
    expect(report.missingPolicy).toEqual({ kind: "minimum-share", share: 0.5 });
  });

  it("minimum share 0.5 keeps a row with exactly half of one dimension answered", () => {
    // Tangibles 2 of 4 = 0.5 ≥ 0.5; reliability 2 of 5 = 0.4 alone would not do.
    const { dataset, report } = validateResponses(
      [
        fullRecord("half-tangibles", onlyItems(["1", "2"])),
        fullRecord("two-reliability", onlyItems(["5", "6"])),
        fullRecord("three-reliability", onlyItems(["5", "6", "7"])),
      ],
      servqual22,
    );
    expect(dataset.ids).toEqual(["half-tangibles", "three-reliability"]);
    expect(report.excludedRows.map((row) => row.id)).toEqual(["two-reliability"]);
  });

  it("minimum share keeps a row missing a whole dimension", () => {
    const reliability = ["5", "6", "7", "8", "9"];
    const { dataset } = validateResponses(
      [fullRecord("no-reliability", blanks(...reliability.flatMap((i) => [`E_${i}`, `P_${i}`])))],
      servqual22,
    );
    expect(dataset.ids).toEqual(["no-reliability"]);
    for (const item of reliability) {
      expect(cellValue(dataset, "no-reliability", "expectation", item)).toBeNaN();
    }
    expect(cellValue(dataset, "no-reliability", "perception", "10")).toBe(5);
  });

  it("a minimum share of 1 needs one fully answered dimension", () => {
    const { dataset } = validateResponses(
      [
        fullRecord("all-tangibles", onlyItems(["1", "2", "3", "4"])),
        fullRecord("half-tangibles", onlyItems(["1", "2"])),
      ],
      servqual22,
      { missing: { minimumShare: 1 } },
    );
    expect(dataset.ids).toEqual(["all-tangibles"]);
    expect(dataset.missingPolicy).toEqual({ kind: "minimum-share", share: 1 });
  });

  it("an item needs both its E and P answer to count towards the share", () => {
    // Tangibles: E and P of item 1, only E of items 2–4 → 1 usable item of 4.
    const { report } = validateResponses(
      [fullRecord("a", { ...onlyItems(["1", "2", "3", "4"]), ...blanks("P_2", "P_3", "P_4") })],
      servqual22,
      { missing: "pairwise" },
    );
    expect(report.rowsUsed).toBe(1);
    const error = servqualErrorOf(() =>
      validateResponses(
        [fullRecord("a", { ...onlyItems(["1", "2", "3", "4"]), ...blanks("P_2", "P_3", "P_4") })],
        servqual22,
      ),
    );
    expect(error.code).toBe("no-usable-rows");
  });

  it("rejects an unknown missing-data policy with invalid-options", () => {
    const error = servqualErrorOf(() =>
      validateResponses([fullRecord("a")], servqual22, {
        missing: "everything" as unknown as "listwise",
      }),
    );
    expect(error.code).toBe("invalid-options");
    const share = servqualErrorOf(() =>
      validateResponses([fullRecord("a")], servqual22, { missing: { minimumShare: 0 } }),
    );
    expect(share.code).toBe("invalid-options");
    expect(share.issues[0]?.message).toContain("missing");
  });
});

describe("validateResponses: invalidAnswers", () => {
  const rows = () => [fullRecord("a", { E_1: "9" }), fullRecord("b")];

  it('"missing" (the default) keeps the row and treats the rejected answer as missing', () => {
    const { dataset, report } = validateResponses(rows(), servqual22);
    expect(dataset.ids).toEqual(["a", "b"]);
    expect(cellValue(dataset, "a", "expectation", "1")).toBeNaN();
    expect(report.issues[0]?.message).toContain("treated as missing");
  });

  it('"exclude-row" excludes the row and says so', () => {
    const { dataset, report } = validateResponses(rows(), servqual22, {
      invalidAnswers: "exclude-row",
    });
    expect(dataset.ids).toEqual(["b"]);
    expect(report.excludedRows.map((row) => [row.row, row.id])).toEqual([[1, "a"]]);
    expect(report.excludedRows[0]?.reasons[0]?.message).toContain('"exclude-row"');
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["out-of-range", 1, "E_1"],
    ]);
    expect(report.issues[0]?.message).toContain("rejected");
  });

  it('"exclude-row" does not exclude a row for a blank or not-applicable answer', () => {
    const { dataset } = validateResponses(
      [fullRecord("a", { E_1: "" }), fullRecord("b")],
      servqual22,
      { invalidAnswers: "exclude-row" },
    );
    expect(dataset.ids).toEqual(["a", "b"]);
  });
});

describe("validateResponses: importance weights", () => {
  const weighted = (id: string, points: readonly unknown[]) => fullRecord(id, weightCells(points));
  const sharesOf = (weights: readonly Float64Array[] | null, row: number) =>
    (weights ?? []).map((column) => column[row] as number);
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

  it("turns 100 points into shares that sum to 1 (w = points / 100)", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", [10, 35, 10, 15, 30]), weighted("b", ["20", "20", "20", "20", "20"])],
      servqual22,
    );
    const a = sharesOf(dataset.weights, 0);
    const expected = [0.1, 0.35, 0.1, 0.15, 0.3];
    a.forEach((share, d) => {
      expect(share).toBeCloseTo(expected[d] as number, 15);
    });
    expect(sum(a)).toBeCloseTo(1, 14);
    for (const share of sharesOf(dataset.weights, 1)) expect(share).toBeCloseTo(0.2, 15);
    expect(report.issues).toEqual([]);
    expect(report.weightsRescaled).toBe(0);
  });

  it("accepts a total within the tolerance and divides by that total (99.5 → 10/99.5 …)", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", [10, 35, 10, 15, 29.5])],
      servqual22,
    );
    const a = sharesOf(dataset.weights, 0);
    expect(a[0]).toBeCloseTo(10 / 99.5, 14);
    expect(a[4]).toBeCloseTo(29.5 / 99.5, 14);
    expect(sum(a)).toBeCloseTo(1, 14);
    expect(report.issues).toEqual([]);
  });

  it("rejects points summing to 95 under the default tolerance 1: weights NaN, row kept, weights-sum issue", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", [10, 35, 25, 15, 10]), weighted("b", [20, 20, 20, 20, 20])],
      servqual22,
    );
    expect(dataset.ids).toEqual(["a", "b"]);
    for (const share of sharesOf(dataset.weights, 0)) expect(share).toBeNaN();
    expect(sum(sharesOf(dataset.weights, 1))).toBeCloseTo(1, 14);
    expect(report.issues.map((i) => [i.code, i.row])).toEqual([["weights-sum", 1]]);
    expect(report.issues[0]?.message).toContain("95");
    expect(report.weightsRescaled).toBe(0);
  });

  it("accepts 95 points when the tolerance is 5", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", [10, 35, 25, 15, 10])],
      servqual22,
      { weights: { tolerance: 5 } },
    );
    expect(sharesOf(dataset.weights, 0)[1]).toBeCloseTo(35 / 95, 14);
    expect(report.issues).toEqual([]);
  });

  it('rescales 95 and 110 points with onMismatch "rescale" and counts them', () => {
    const { dataset, report } = validateResponses(
      [weighted("a", [10, 35, 25, 15, 10]), weighted("b", [5, 50, 25, 15, 15])],
      servqual22,
      { weights: { onMismatch: "rescale" } },
    );
    const a = sharesOf(dataset.weights, 0);
    const b = sharesOf(dataset.weights, 1);
    expect(a[1]).toBeCloseTo(35 / 95, 14);
    expect(b[1]).toBeCloseTo(50 / 110, 14);
    expect(sum(a)).toBeCloseTo(1, 14);
    expect(sum(b)).toBeCloseTo(1, 14);
    expect(report.weightsRescaled).toBe(2);
    expect(report.issueCounts["weights-rescaled"]).toBe(2);
    expect(report.issueCounts["weights-sum"]).toBeUndefined();
  });

  it("does not rescale a row whose points are all zero", () => {
    const { dataset, report } = validateResponses([weighted("a", [0, 0, 0, 0, 0])], servqual22, {
      weights: { onMismatch: "rescale" },
    });
    for (const share of sharesOf(dataset.weights, 0)) expect(share).toBeNaN();
    expect(report.weightsRescaled).toBe(0);
    expect(report.issueCounts["weights-sum"]).toBe(1);
  });

  it("rejects negative points: weights NaN, row kept, bad-weight issue on the cell", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", [-5, 40, 25, 20, 20])],
      servqual22,
    );
    expect(dataset.ids).toEqual(["a"]);
    for (const share of sharesOf(dataset.weights, 0)) expect(share).toBeNaN();
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-weight", 1, "W_tangibles"],
    ]);
  });

  it("rejects non-numeric and over-100 points", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", ["ten", 40, 30, 10, 10]), weighted("b", [0, 150, 0, 0, 0])],
      servqual22,
    );
    for (const row of [0, 1]) {
      for (const share of sharesOf(dataset.weights, row)) expect(share).toBeNaN();
    }
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-weight", 1, "W_tangibles"],
      ["bad-weight", 2, "W_reliability"],
    ]);
  });

  it("gives NaN weights and no issue to a row that left every weight blank", () => {
    const { dataset, report } = validateResponses(
      [weighted("a", ["", "", "", "", ""]), weighted("b", [20, 20, 20, 20, 20])],
      servqual22,
    );
    for (const share of sharesOf(dataset.weights, 0)) expect(share).toBeNaN();
    expect(report.issues).toEqual([]);
  });

  it("has null weights when the input has no weight column", () => {
    const { dataset } = validateResponses([fullRecord("a")], servqual22);
    expect(dataset.weights).toBeNull();
  });
});

describe("validateResponses: column map", () => {
  it("reads E{item} / P{item} columns (E1..E22) and a custom id column through options.columns", () => {
    const record: Record<string, unknown> = { customer: "c-17" };
    for (const item of ITEM_IDS) {
      record[`E${item}`] = String(((Number(item) - 1) % 7) + 1);
      record[`P${item}`] = "4";
    }
    const options = {
      columns: { id: "customer", expectation: "E{item}", perception: "P{item}" },
    };
    const { dataset, report } = validateResponses([record], servqual22, options);
    expect(dataset.ids).toEqual(["c-17"]);
    // Item 9: ((9 − 1) mod 7) + 1 = 2; item 15: (14 mod 7) + 1 = 1.
    expect(cellValue(dataset, "c-17", "expectation", "9")).toBe(2);
    expect(cellValue(dataset, "c-17", "expectation", "15")).toBe(1);
    expect(cellValue(dataset, "c-17", "perception", "22")).toBe(4);
    expect(report.columns.absent).toEqual([]);
    expect(report.columns.used).toContain("E1");
    // Without the templates the same file has no known column.
    expect(servqualErrorOf(() => validateResponses([record], servqual22)).code).toBe(
      "invalid-input",
    );
  });

  it("renames source columns with options.rename before matching", () => {
    const record: Record<string, unknown> = {
      "Customer ID": "c1",
      "Exp Q1": "7",
      "Perc Q1": "3",
      comment: "long wait",
    };
    const { dataset, report } = validateResponses([record], servqual22, {
      rename: { "Customer ID": "respondent_id", "Exp Q1": "E_1", "Perc Q1": "P_1" },
      missing: "pairwise",
    });
    expect(dataset.ids).toEqual(["c1"]);
    expect(cellValue(dataset, "c1", "expectation", "1")).toBe(7);
    expect(cellValue(dataset, "c1", "perception", "1")).toBe(3);
    expect(report.columns.used).toEqual(["respondent_id", "E_1", "P_1"]);
    expect(report.columns.ignored).toEqual(["comment"]);
    expect(report.columns.absent).toHaveLength(42);
  });

  it("fills answer columns the input lacks with NaN (missing), never with 0", () => {
    const { dataset } = validateResponses(
      [
        { respondent_id: "a", E_1: "3", P_1: "4" },
        { respondent_id: "b", E_1: "5", P_1: "6" },
      ],
      servqual22,
      { missing: "pairwise" },
    );
    expect(Array.from(columnOf(dataset, "expectation", "1"))).toEqual([3, 5]);
    for (const item of ITEM_IDS.slice(1)) {
      expect(Array.from(columnOf(dataset, "expectation", item))).toEqual([Number.NaN, Number.NaN]);
      expect(Array.from(columnOf(dataset, "perception", item))).toEqual([Number.NaN, Number.NaN]);
    }
  });

  it("fills stated-importance columns the input lacks with NaN", () => {
    const { dataset } = validateResponses([fullRecord("a", { I_7: "6" })], servqual22);
    expect(dataset.importance?.[6]?.[0]).toBe(6);
    expect(dataset.importance?.[0]?.[0]).toBeNaN();
  });

  it("throws invalid-input when a requested segment column is not in the input", () => {
    const error = servqualErrorOf(() =>
      validateResponses([fullRecord("a")], servqual22, { columns: { segments: ["region"] } }),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]?.column).toBe("region");
  });
});

describe("validateResponses: dates", () => {
  it("parses ISO date-times with an offset to epoch milliseconds", () => {
    const { dataset } = validateResponses(
      [
        fullRecord("a", { date: "2024-03-05T10:30:00Z" }),
        fullRecord("b", { date: "2024-03-05T10:30:00+02:00" }),
      ],
      servqual22,
    );
    expect(Array.from(dataset.dates ?? [])).toEqual([
      Date.UTC(2024, 2, 5, 10, 30),
      Date.UTC(2024, 2, 5, 8, 30),
    ]);
  });

  it("reads a calendar date without time as UTC midnight, whatever the time zone", () => {
    const { dataset } = validateResponses([fullRecord("a", { date: "2024-01-02" })], servqual22);
    expect(dataset.dates?.[0]).toBe(Date.UTC(2024, 0, 2));
  });

  it("reports a bad date with bad-date, keeps the row and leaves the date NaN", () => {
    const { dataset, report } = validateResponses(
      [
        fullRecord("a", { date: "2024-02-30" }),
        fullRecord("b", { date: "05/03/2024" }),
        fullRecord("c", { date: "yesterday" }),
        fullRecord("d", { date: "9".repeat(1_000_000) }),
        fullRecord("e", { date: "" }),
        fullRecord("f", { date: "2024-02-29" }),
      ],
      servqual22,
    );
    expect(dataset.n).toBe(6);
    expect(Array.from(dataset.dates ?? []).slice(0, 5)).toEqual(Array(5).fill(Number.NaN));
    expect(dataset.dates?.[5]).toBe(Date.UTC(2024, 1, 29));
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-date", 1, "date"],
      ["bad-date", 2, "date"],
      ["bad-date", 3, "date"],
      ["bad-date", 4, "date"],
    ]);
    for (const issue of report.issues) {
      expect(issue.message.length).toBeLessThan(200);
      expectSentence(issue.message);
    }
  });

  it("has null dates when the input has no date column", () => {
    expect(validateResponses([fullRecord("a")], servqual22).dataset.dates).toBeNull();
  });
});

describe("validateResponses: report bookkeeping", () => {
  it("lists at most issueLimit issues but counts them all", () => {
    const rows = Array.from({ length: 5 }, (_, r) => fullRecord(`r${r}`, { E_1: "9", P_1: "x" }));
    const { report } = validateResponses(rows, servqual22, { issueLimit: 3 });
    expect(report.issues).toHaveLength(3);
    expect(report.issuesTruncated).toBe(true);
    expect(report.issueCounts).toEqual({ "out-of-range": 5, "not-a-number": 5 });
  });

  it("counts blank answers", () => {
    const { report } = validateResponses(
      [fullRecord("a", { E_1: "", P_1: "  ", E_2: null }), fullRecord("b", { P_2: undefined })],
      servqual22,
    );
    expect(report.blank).toBe(4);
    expect(report.issues).toEqual([]);
  });

  it("does not mutate its input", () => {
    const rows = [fullRecord("a", { E_1: "9", region: " North " }), fullRecord("a")];
    const copy = structuredClone(rows);
    validateResponses(rows, servqual22, { columns: { segments: ["region"] } });
    expect(rows).toEqual(copy);
  });

  it("throws invalid-argument for input that is not an array or a table", () => {
    const error = servqualErrorOf(() =>
      validateResponses("E_1,P_1\n5,6" as unknown as [], servqual22),
    );
    expect(error.code).toBe("invalid-argument");
  });

  it("excludes a null record as a row it cannot read, keeping the count", () => {
    const { report } = validateResponses(
      [fullRecord("a"), null as unknown as Record<string, unknown>],
      servqual22,
    );
    expect(report.rowsIn).toBe(2);
    expect(report.excludedRows.map((row) => row.row)).toEqual([2]);
  });
});
