/**
 * Edges of row validation: the number grammar on importance points, a blank points cell in a
 * partly filled set, the duplicate-id rule on every input path, holes in row arrays, invalid
 * Date objects, objects as ids, blank / not-applicable counts over used rows only, column-role
 * conflicts and the order of the issues when no row is usable. Expected values follow from the
 * rules stated in the doc comments (parseDecimal, DatasetBuilder.push, columnLayout) and from
 * the 100-point split w_d = points_d / 100 (Parasuraman, Berry & Zeithaml 1991).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Notice } from "../../src/_lib/notice";
import type { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { readResponsesCsvText } from "../../src/io/parseResponsesCsv";
import { validateColumns } from "../../src/responses/validateColumns";
import { validateLongResponses } from "../../src/responses/validateLongResponses";
import { validateResponses } from "../../src/responses/validateResponses";
import {
  cellValue,
  expectSentence,
  fullRecord,
  ITEM_IDS,
  servqualErrorOf,
  weightCells,
} from "./helpers";

const servqual22 = instruments.servqual22;
const ANSWERS = [...ITEM_IDS.map((i) => `E_${i}`), ...ITEM_IDS.map((i) => `P_${i}`)];
const NO_ANSWERS = Object.fromEntries(ANSWERS.map((c) => [c, ""]));
const sharesOf = (weights: readonly Float64Array[] | null, row: number) =>
  (weights ?? []).map((column) => column[row] as number);

describe("importance points follow the number grammar", () => {
  it.each([["0x14"], ["0b10100"], ["2e1"], ["+20"], ["020"], ["20."], ["20,0"]])(
    "rejects %j as points: bad-weight on the cell, the row's weights not used",
    (cell) => {
      const { dataset, report } = validateResponses(
        [fullRecord("a", weightCells([cell, 20, 20, 20, 20]))],
        servqual22,
      );
      expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
        ["bad-weight", 1, "W_tangibles"],
      ]);
      for (const share of sharesOf(dataset.weights, 0)) expect(share).toBeNaN();
    },
  );

  it("accepts decimal points such as 12.5 and .5 (12.5 + 37.5 + 20 + 29.5 + .5 = 100)", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a", weightCells(["12.5", "37.5", "20", "29.5", ".5"]))],
      servqual22,
    );
    expect(report.issues).toEqual([]);
    expect(sharesOf(dataset.weights, 0)).toEqual([0.125, 0.375, 0.2, 0.295, 0.005]);
  });
});

describe("a blank importance-points cell among given ones", () => {
  it("is not read as 0: blank-weight issue naming the row and the blank column, weights not used", () => {
    // 25 + 25 + 25 + 25 + blank would sum to 100 if the blank counted as 0.
    const { dataset, report } = validateResponses(
      [
        fullRecord("a", weightCells([25, 25, 25, 25, ""])),
        fullRecord("b", weightCells([20, 20, 20, 20, 20])),
      ],
      servqual22,
    );
    expect(dataset.ids).toEqual(["a", "b"]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["blank-weight", 1, "W_empathy"],
    ]);
    expectSentence(report.issues[0]?.message ?? "");
    expect(report.issues[0]?.message).toMatch(/sample-mean weights stand in/);
    for (const share of sharesOf(dataset.weights, 0)) expect(share).toBeNaN();
    expect(sharesOf(dataset.weights, 1)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it("names every blank column of the row in one issue; an explicit 0 is fine", () => {
    const { dataset, report } = validateResponses(
      [
        fullRecord("a", weightCells([50, " ", 50, null, undefined])),
        fullRecord("b", weightCells([50, 0, 50, 0, 0])),
      ],
      servqual22,
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["blank-weight", 1, "W_reliability, W_assurance, W_empathy"],
    ]);
    expect(sharesOf(dataset.weights, 1)).toEqual([0.5, 0, 0.5, 0, 0]);
  });

  it("a set with every cell blank gives no weights and no issue", () => {
    const { report } = validateResponses(
      [fullRecord("a", weightCells(["", "", "", "", ""]))],
      servqual22,
    );
    expect(report.issues).toEqual([]);
  });

  it("a header with only some weight columns says so once: the others get 0 points", () => {
    const record = fullRecord("a", { W_tangibles: 40, W_reliability: 60 });
    const { dataset, report } = validateResponses([record], servqual22);
    const warning = report.issues.find((i) => i.code === "absent-weight-columns");
    expect(warning?.row).toBe(0);
    expect(warning?.message).toMatch(/2 of 5 dimensions/);
    expect(sharesOf(dataset.weights, 0)).toEqual([0.4, 0.6, 0, 0, 0]);
  });
});

describe("duplicate ids: the first row that carries an id claims it, used or excluded", () => {
  // Row 1 "a" has no answers (excluded), row 2 "a" is complete, row 3 "b" complete.
  const records = () => [
    fullRecord("a", NO_ANSWERS),
    fullRecord("a", {}, "7", "4"),
    fullRecord("b"),
  ];
  const expectRule = (report: {
    rowsIn: number;
    rowsUsed: number;
    excludedRows: readonly { row: number; id: string | null; reasons: readonly Notice[] }[];
  }) => {
    expect(report.rowsIn).toBe(3);
    expect(report.rowsUsed).toBe(1);
    expect(report.excludedRows.map((row) => [row.row, row.id])).toEqual([
      [1, "a"],
      [2, "a"],
    ]);
    expect(report.excludedRows[1]?.reasons.map((r) => r.message).join(" ")).toMatch(
      /already claimed by data row 1 \(itself excluded\)/,
    );
  };

  it("validateResponses (records) excludes the later row", () => {
    const { dataset, report } = validateResponses(records(), servqual22);
    expect(dataset.ids).toEqual(["b"]);
    expectRule(report);
  });

  it("validateResponses (table) excludes the later row", () => {
    const rows = records();
    const header = Object.keys(rows[0] as object);
    const { dataset, report } = validateResponses(
      { header, rows: rows.map((row) => header.map((name) => row[name])) },
      servqual22,
    );
    expect(dataset.ids).toEqual(["b"]);
    expectRule(report);
  });

  it("validateColumns excludes the later row", () => {
    const rows = records();
    const columns = Object.fromEntries(
      Object.keys(rows[0] as object).map((name) => [name, rows.map((row) => row[name])]),
    );
    const { dataset, report } = validateColumns({ columns }, servqual22);
    expect(dataset.ids).toEqual(["b"]);
    expectRule(report);
  });

  it("CSV text through the streaming builder excludes the later row", () => {
    const rows = records();
    const header = Object.keys(rows[0] as object);
    const text = [header, ...rows.map((row) => header.map((name) => String(row[name])))]
      .map((cells) => cells.join(","))
      .join("\n");
    const { dataset, report } = readResponsesCsvText(text, servqual22);
    expect(dataset.ids).toEqual(["b"]);
    expectRule(report);
  });

  it("a row excluded for its own reasons still claims the id when the later row is complete", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a", { E_1: "9" }), fullRecord("a"), fullRecord("b")],
      servqual22,
      { invalidAnswers: "exclude-row" },
    );
    expect(dataset.ids).toEqual(["b"]);
    expect(report.excludedRows.map((row) => row.row)).toEqual([1, 2]);
    expect(report.excludedRows[0]?.reasons.map((r) => r.message).join(" ")).toMatch(/exclude-row/);
    expect(report.excludedRows[1]?.reasons.map((r) => r.message).join(" ")).toMatch(
      /claimed by data row 1/,
    );
  });

  it("rows that carry no id (blank, unreadable) claim none", () => {
    const { dataset, report } = validateResponses(
      [fullRecord(""), fullRecord("x".repeat(2000)), fullRecord("c"), fullRecord("c")],
      servqual22,
    );
    expect(dataset.ids).toEqual(["c"]);
    expect(report.excludedRows.map((row) => row.row)).toEqual([1, 2, 4]);
  });

  it("keeps exactly the usable rows that are the first with their id (property)", () => {
    const rowSpec = fc.record({
      id: fc.constantFrom("a", "b", "c", "d", ""),
      usable: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(rowSpec, { minLength: 1, maxLength: 12 }), (specs) => {
        // Independent oracle: the first position of each non-blank id, usable or not.
        const firstOf = new Map<string, number>();
        specs.forEach((spec, r) => {
          if (spec.id !== "" && !firstOf.has(spec.id)) firstOf.set(spec.id, r);
        });
        const expected = specs
          .map((spec, r) => ({ ...spec, row: r + 1 }))
          .filter((spec) => spec.usable && spec.id !== "" && firstOf.get(spec.id) === spec.row - 1);
        const records = specs.map((spec) =>
          spec.usable ? fullRecord(spec.id) : fullRecord(spec.id, NO_ANSWERS),
        );
        let result: ReturnType<typeof validateResponses> | null = null;
        try {
          result = validateResponses(records, servqual22);
        } catch (error) {
          expect((error as ServqualError).code).toBe("no-usable-rows");
          expect(expected).toEqual([]);
          return;
        }
        expect(Array.from(result.dataset.sourceRows)).toEqual(expected.map((spec) => spec.row));
        expect(result.dataset.ids).toEqual(expected.map((spec) => spec.id));
        expect(result.report.rowsUsed + result.report.rowsExcluded).toBe(specs.length);
      }),
    );
  });

  it("in long input all rows of an id are one respondent, so no id is ever duplicated", () => {
    const long = ITEM_IDS.flatMap((item) => [
      { respondent_id: "a", item, facet: "E", value: 6 },
      { respondent_id: "a", item, facet: "P", value: 5 },
    ]);
    const { dataset, report } = validateLongResponses(long, servqual22);
    expect(dataset.ids).toEqual(["a"]);
    expect(report.rowsIn).toBe(1);
  });
});

describe("cells no reader should let slip through", () => {
  const header = ["respondent_id", "date", ...ANSWERS];
  const row = (id: unknown, date: unknown) => [id, date, ...ANSWERS.map(() => "5")];

  it("a hole in a row array is an issue naming row and column, and the cell counts as blank", () => {
    const sparse = row("a", "2024-01-02");
    delete sparse[2 + 3]; // E_4
    const { dataset, report } = validateResponses(
      { header, rows: [sparse, row("b", "2024-01-02")] },
      servqual22,
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["hole-in-row", 1, "E_4"],
    ]);
    expectSentence(report.issues[0]?.message ?? "");
    expect(cellValue(dataset, "a", "expectation", "4")).toBeNaN();
    expect(report.blank).toBe(1);
  });

  it("a hole in the rows array itself is a row that is excluded with an issue", () => {
    const rows: unknown[][] = [row("a", null), row("b", null)];
    rows.length = 3; // row 3 is a hole
    const { report } = validateResponses({ header, rows }, servqual22);
    expect(report.rowsIn).toBe(3);
    expect(report.excludedRows.map((r) => r.row)).toEqual([3]);
    expect(report.issues.map((i) => [i.code, i.row])).toEqual([["not-an-array", 3]]);
  });

  it("a hole in an array of records is an excluded row with an issue, never skipped", () => {
    const records: Record<string, unknown>[] = [fullRecord("a")];
    records.length = 2;
    records.push(fullRecord("c"));
    const { dataset, report } = validateResponses(records, servqual22);
    expect(report.rowsIn).toBe(3);
    expect(dataset.ids).toEqual(["a", "c"]);
    expect(report.issues.map((i) => [i.code, i.row])).toEqual([["not-an-object", 2]]);
  });

  it("an invalid Date object in the date column is a bad-date issue, the date unknown", () => {
    const { dataset, report } = validateResponses(
      {
        header,
        rows: [row("a", new Date("not a date")), row("b", new Date(Date.UTC(2024, 0, 2)))],
      },
      servqual22,
    );
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([["bad-date", 1, "date"]]);
    expect(report.issues[0]?.message).toMatch(/invalid Date object/);
    expect(dataset.dates?.[0]).toBeNaN();
    expect(dataset.dates?.[1]).toBe(Date.UTC(2024, 0, 2));
  });

  it.each([
    [{ id: 1 }, "an object"],
    [["a"], "an array"],
    [new Date(0), "a Date object"],
    [Symbol("s"), "a symbol"],
    [() => "a", "a function"],
    [Number.POSITIVE_INFINITY, "Infinity"],
  ])("an id that is %s is a bad-id issue and the row is excluded", (id, shown) => {
    const { dataset, report } = validateResponses(
      { header, rows: [row(id, null), row("b", null)] },
      servqual22,
    );
    expect(dataset.ids).toEqual(["b"]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-id", 1, "respondent_id"],
    ]);
    expect(report.issues[0]?.message).toContain(shown);
    expect(report.excludedRows[0]?.reasons.map((r) => r.message).join(" ")).toMatch(
      /not text or a number/,
    );
  });

  it("ids that are numbers are read as their decimal text; NaN is a blank id", () => {
    const { dataset, report } = validateResponses(
      { header, rows: [row(17, null), row(Number.NaN, null)] },
      servqual22,
    );
    expect(dataset.ids).toEqual(["17"]);
    expect(report.excludedRows[0]?.reasons).toEqual([
      { code: "blank-id", message: "the respondent id is blank" },
    ]);
  });

  it("an object as a segment label is a bad-label issue; the label is unknown, the row kept", () => {
    const { dataset, report } = validateResponses(
      [fullRecord("a", { region: { name: "North" } }), fullRecord("b", { region: "South" })],
      servqual22,
      { columns: { segments: ["region"] } },
    );
    expect(dataset.segments[0]?.values).toEqual([null, "South"]);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["bad-label", 1, "region"],
    ]);
  });
});

describe("blank and not-applicable counts cover used rows only", () => {
  it("does not count the blanks of an excluded row", () => {
    const { report } = validateResponses(
      [
        fullRecord("a", { E_1: "", P_2: " " }), // used: 2 blanks
        fullRecord("b", NO_ANSWERS), // excluded: 44 blanks, not counted
        fullRecord("a", { E_3: "" }), // excluded as duplicate: 1 blank, not counted
      ],
      servqual22,
    );
    expect(report.rowsUsed).toBe(1);
    expect(report.blank).toBe(2);
  });

  it("does not count the not-applicable answers of an excluded row", () => {
    const libqual = instruments.libqualCore22;
    const record = (id: string, value: string) => {
      const out: Record<string, unknown> = { respondent_id: id };
      for (const dimension of libqual.dimensions) {
        for (const item of dimension.items) {
          out[`MIN_${item.id}`] = value;
          out[`DES_${item.id}`] = value;
          out[`P_${item.id}`] = value;
        }
      }
      return out;
    };
    const used = { ...record("u", "5"), "P_AS-1": "NA", "MIN_AS-2": "n/a" };
    const { report } = validateResponses([used, record("x", "NA")], libqual);
    expect(report.rowsUsed).toBe(1);
    expect(report.notApplicable).toBe(2);
  });
});

describe("conflicting column roles throw before any row is read", () => {
  const conflict = (options: Parameters<typeof validateResponses>[2]) =>
    servqualErrorOf(() => validateResponses([fullRecord("a")], servqual22, options));

  it("the id column is an answer column (E_1)", () => {
    const error = conflict({ columns: { id: "E_1" } });
    expect(error.code).toBe("invalid-options");
    expect(error.issues.map((i) => [i.code, i.column])).toEqual([["column-role-conflict", "E_1"]]);
    expect(error.issues[0]?.message).toMatch(
      /"E_1" is both the expectation answer of item 1 and the respondent id column/,
    );
    expectSentence(error.issues[0]?.message ?? "");
  });

  it("the id column is the date column", () => {
    const error = conflict({ columns: { id: "date" } });
    expect(error.issues[0]?.message).toMatch(
      /"date" is both the respondent id column and the date column/,
    );
  });

  it("the id column is a segment column", () => {
    const error = conflict({ columns: { id: "region", segments: ["region"] } });
    expect(error.issues[0]?.message).toMatch(
      /"region" is both the respondent id column and a segment column/,
    );
  });

  it("a segment column is listed twice", () => {
    const error = conflict({ columns: { segments: ["region", "channel", "region"] } });
    expect(error.issues[0]?.message).toMatch(/"region" is named twice as a segment column/);
  });

  it("a segment column is a weight column, and the date column an importance column", () => {
    const error = conflict({ columns: { segments: ["W_empathy"], date: "I_3" } });
    expect(error.issues.map((i) => i.column)).toEqual(["I_3", "W_empathy"]);
  });

  it("throws the same for CSV text before any data row is read, and for validateColumns", () => {
    const text = "respondent_id,E_1,P_1\na,5,6\n";
    expect(
      servqualErrorOf(() => readResponsesCsvText(text, servqual22, { columns: { id: "P_1" } }))
        .code,
    ).toBe("invalid-options");
    expect(
      servqualErrorOf(() =>
        validateColumns({ columns: { E_1: [5], P_1: [6] } }, servqual22, {
          columns: { id: "E_1" },
        }),
      ).code,
    ).toBe("invalid-options");
  });
});

describe("when no row is usable, the cause comes first", () => {
  it("a file without P columns names the absent facet first, then each reason once", () => {
    const records = Array.from({ length: 30 }, (_, r) => {
      const record: Record<string, unknown> = { respondent_id: `r${r + 1}` };
      for (const item of ITEM_IDS) record[`E_${item}`] = "6";
      return record;
    });
    const error = servqualErrorOf(() => validateResponses(records, servqual22));
    expect(error.code).toBe("no-usable-rows");
    expect(error.issues[0]?.code).toBe("absent-facet");
    expect(error.issues[0]?.message).toMatch(
      /no column holds the perception answers \(expected P_1 … P_22\)/,
    );
    const summary = error.issues.filter((i) => i.code === "rows-excluded");
    expect(summary).toHaveLength(1);
    expect(summary[0]?.message).toMatch(/^30 rows excluded \(data rows 1, 2, 3, 4, 5, …\): /);
    // The summary comes before the rows that repeat it.
    const firstRow = error.issues.findIndex((i) => i.code === "row-excluded");
    expect(error.issues.indexOf(summary[0] as (typeof error.issues)[number])).toBeLessThan(
      firstRow,
    );
    expect(error.message.split("\n")[1]).toMatch(/no column holds the perception answers/);
  });

  it("with several reasons, the most frequent comes first", () => {
    const error = servqualErrorOf(() =>
      validateResponses(
        [fullRecord("a", NO_ANSWERS), fullRecord("", {}), fullRecord("b", NO_ANSWERS)],
        servqual22,
      ),
    );
    const summary = error.issues.filter((i) => i.code === "rows-excluded").map((i) => i.message);
    expect(summary).toEqual([
      "2 rows excluded (data rows 1, 3): the row has no usable answer (every answer blank or refused: see its issues)",
      "1 row excluded (data row 2): the respondent id is blank",
    ]);
  });
});

describe("holes in the columns of validateColumns", () => {
  it("a hole in a plain-array column is an issue naming row and column; the cell is blank", () => {
    const columns: Record<string, unknown[]> = {};
    for (const name of ANSWERS) columns[name] = ["5", "6", "5"];
    delete (columns.P_7 as unknown[])[1];
    const { dataset, report } = validateColumns({ columns }, servqual22);
    expect(report.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["hole-in-column", 2, "P_7"],
    ]);
    expect(cellValue(dataset, "row-2", "perception", "7")).toBeNaN();
    expect(report.blank).toBe(1);
  });
});

describe("a row whose every answer is refused", () => {
  it("is excluded as having no usable answer, and each refused cell keeps its own issue", () => {
    const allOut = Object.fromEntries(ANSWERS.map((c) => [c, 9]));
    const { report } = validateResponses(
      [fullRecord("a", allOut), fullRecord("b", {}), fullRecord("c", {})],
      servqual22,
    );
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    expect(report.rowsExcluded).toBe(1);
    const excluded = report.excludedRows[0];
    expect(excluded?.id).toBe("a");
    expect(excluded?.reasons.map((r) => r.code)).toEqual(["no-answers"]);
    expect(excluded?.reasons[0]?.message).toContain("refused");
    // 44 answers of 1..7 outside the scale: 44 out-of-range issues on row 1
    expect(report.issues.filter((i) => i.code === "out-of-range" && i.row === 1)).toHaveLength(44);
  });
});
