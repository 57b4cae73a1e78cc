/**
 * Typed respondent attributes beside the segments: numeric covariates (Float64Array, NaN =
 * missing) and a population label per respondent, read from wide rows, columns and long rows.
 * Expected values are the numbers written in the cells (hand-checked), the population rule of
 * docs/input-rules.md, and fast-check properties.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { responseRowSchema } from "../../src/responses/responseSchema";
import { rowsOfPopulation } from "../../src/responses/rowsOfPopulation";
import { validateColumns } from "../../src/responses/validateColumns";
import { validateLongResponses } from "../../src/responses/validateLongResponses";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord, tinySpec } from "../gaps/tinySurvey";

const E = [5, 6, 4, 5, 6];
const P = [4, 6, 5, 3, 6];

/** Records r1…rn with the given extra cells. */
function records(extras: readonly Readonly<Record<string, unknown>>[]) {
  return extras.map((extra, r) => tinyRecord(`r${r + 1}`, E, P, extra));
}

function thrown(call: () => unknown): ServqualError {
  try {
    call();
  } catch (error) {
    if (error instanceof ServqualError) return error;
    throw error;
  }
  throw new Error("expected a ServqualError");
}

describe("covariates", () => {
  it("reads numbers under the decimal grammar into a Float64Array; blank, NA and NaN are missing", () => {
    const { dataset, report } = validateResponses(
      records([
        { temperature: "21.5", tenure: 3 },
        { temperature: " -4 ", tenure: "" },
        { temperature: ".25", tenure: null },
        { temperature: "-0", tenure: Number.NaN },
        { temperature: 1e21, tenure: "12" },
      ]),
      tinyInstrument,
      { columns: { covariates: ["temperature", "tenure"] } },
    );
    expect(report.issues).toEqual([]);
    expect(dataset.covariates.map((c) => c.name)).toEqual(["temperature", "tenure"]);
    const [temperature, tenure] = dataset.covariates;
    expect(temperature?.values).toBeInstanceOf(Float64Array);
    expect(Array.from(temperature?.values ?? [])).toEqual([21.5, -4, 0.25, 0, 1e21]);
    expect(Object.is(temperature?.values[3], -0)).toBe(false);
    expect(Array.from(tenure?.values ?? [])).toEqual([3, Number.NaN, Number.NaN, Number.NaN, 12]);
    expect(report.columns.used).toContain("temperature");
  });

  it("reads the instrument's not-applicable tokens as missing without an issue", () => {
    const withNa = defineInstrument({
      ...tinySpec,
      scale: { min: 1, max: 7, notApplicable: ["N/A", "-9"] },
    });
    const { dataset, report } = validateResponses(
      records([{ tenure: "n/a" }, { tenure: "-9" }, { tenure: "4" }]),
      withNa,
      { columns: { covariates: ["tenure"] } },
    );
    expect(report.issues).toEqual([]);
    expect(Array.from(dataset.covariates[0]?.values ?? [])).toEqual([Number.NaN, Number.NaN, 4]);
  });

  it("keeps the row and records bad-covariate (row, column, cell) for text that is not a number", () => {
    const bad = ["warm", "+7", "1e3", "0x14", "07", "7.", "7,5", "Infinity", "２１"];
    const { dataset, report } = validateResponses(
      records(bad.map((temperature) => ({ temperature }))),
      tinyInstrument,
      { columns: { covariates: ["temperature"] } },
    );
    expect(report.rowsUsed).toBe(bad.length);
    expect(report.rowsExcluded).toBe(0);
    expect(Array.from(dataset.covariates[0]?.values ?? []).every(Number.isNaN)).toBe(true);
    expect(report.issueCounts["bad-covariate"]).toBe(bad.length);
    report.issues.forEach((issue, r) => {
      expect(issue).toMatchObject({ code: "bad-covariate", row: r + 1, column: "temperature" });
      expect(issue.message).toContain(JSON.stringify(bad[r]));
      expect(issue.message).toMatch(/kept/);
    });
  });

  it("rejects objects, infinite numbers and over-long cells without a TypeError", () => {
    const { dataset, report } = validateResponses(
      records([
        { temperature: { value: 3 } },
        { temperature: [3] },
        { temperature: Number.POSITIVE_INFINITY },
        { temperature: "1".repeat(2000) },
        { temperature: new Date(0) },
      ]),
      tinyInstrument,
      { columns: { covariates: ["temperature"] } },
    );
    expect(report.rowsUsed).toBe(5);
    expect(report.issueCounts["bad-covariate"]).toBe(5);
    expect(report.issues.map((issue) => issue.message.slice(0, 14))).toEqual([
      "an object is n",
      "an array is no",
      '"Infinity" is ',
      "a cell of 2000",
      "a Date object ",
    ]);
    expect(Array.from(dataset.covariates[0]?.values ?? []).every(Number.isNaN)).toBe(true);
  });

  it("any decimal text reads as the number it writes (property)", () => {
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.oneof(fc.constant("0"), fc.integer({ min: 1, max: 10 ** 9 }).map(String)),
        fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
      )
      .map(
        ([minus, whole, fraction]) =>
          `${minus ? "-" : ""}${whole}${fraction === undefined ? "" : `.${fraction}`}`,
      );
    fc.assert(
      fc.property(fc.array(decimal, { minLength: 1, maxLength: 8 }), (texts) => {
        const { dataset, report } = validateResponses(
          records(texts.map((tenure) => ({ tenure }))),
          tinyInstrument,
          { columns: { covariates: ["tenure"] } },
        );
        expect(report.issues).toEqual([]);
        // Number() of a plain decimal is the reference reading; -0 reads as 0.
        expect(Array.from(dataset.covariates[0]?.values ?? [])).toEqual(
          texts.map((text) => Number(text) + 0),
        );
      }),
      { numRuns: 60 },
    );
  });

  it("has no covariates unless asked, and a requested covariate must be in the input", () => {
    const { dataset } = validateResponses(records([{ temperature: 3 }]), tinyInstrument);
    expect(dataset.covariates).toEqual([]);
    const error = thrown(() =>
      validateResponses(records([{}]), tinyInstrument, { columns: { covariates: ["tenure"] } }),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues[0]).toMatchObject({ code: "missing-covariate-column", column: "tenure" });
  });
});

describe("population", () => {
  it("reads labels per respondent (any case, singular too) as codes into the vocabulary", () => {
    const { dataset, report } = validateResponses(
      records([
        { role: "customers" },
        { role: "Manager" },
        { role: " EMPLOYEES " },
        { role: "franchisee" },
        { role: "managers" },
      ]),
      tinyInstrument,
      { columns: { population: "role" }, population: { labels: ["franchisee"] } },
    );
    expect(report.issues).toEqual([]);
    expect(dataset.population?.column).toBe("role");
    expect(dataset.population?.labels).toEqual([
      "customers",
      "managers",
      "employees",
      "franchisee",
    ]);
    expect(Array.from(dataset.population?.codes ?? [])).toEqual([0, 1, 2, 3, 1]);
    expect(Array.from(rowsOfPopulation(dataset, "managers"))).toEqual([1, 4]);
    expect(Array.from(rowsOfPopulation(dataset, "Customers"))).toEqual([0]);
    expect(Array.from(rowsOfPopulation(dataset, "franchisee"))).toEqual([3]);
  });

  it("excludes a row whose population names no label, with a coded issue; rows in = used + excluded", () => {
    const cells = [
      "customers",
      "manger",
      '=HYPERLINK("http://x")',
      "<script>alert(1)</script>",
      "",
      { a: 1 },
    ];
    const { dataset, report } = validateResponses(
      records(cells.map((role) => ({ role }))),
      tinyInstrument,
      { columns: { population: "role" } },
    );
    expect(report.rowsIn).toBe(6);
    expect(report.rowsUsed).toBe(1);
    expect(report.rowsExcluded).toBe(5);
    expect(report.rowsIn).toBe(report.rowsUsed + report.rowsExcluded);
    expect(dataset.ids).toEqual(["r1"]);
    expect(report.excludedRows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6]);
    expect(report.issueCounts).toMatchObject({ "unknown-population": 4, "blank-population": 1 });
    const byRow = new Map(report.issues.map((issue) => [issue.row, issue]));
    expect(byRow.get(2)).toMatchObject({ code: "unknown-population", column: "role" });
    expect(byRow.get(2)?.message).toContain(
      '"manger" is not one of customers, managers or employees',
    );
    // Formula and markup are never stored as a label; the message quotes them as JSON text.
    expect(byRow.get(3)?.message).toContain(JSON.stringify('=HYPERLINK("http://x")'));
    expect(byRow.get(4)?.message).toContain('"<script>alert(1)</script>"');
    expect(byRow.get(5)?.code).toBe("blank-population");
    expect(byRow.get(6)?.message).toContain("an object, not a label");
    expect(report.excludedRows[0]?.reasons[0]?.message).toMatch(/"manger" is not one of/);
    expect(report.excludedRows[0]?.reasons[0]?.code).toBe("unknown-population");
    expect(dataset.population?.labels).toEqual(["customers", "managers", "employees"]);
  });

  it("a default population fills blanks and stands for every row without a population column", () => {
    const blanks = validateResponses(
      records([{ role: "" }, { role: "customers" }, { role: null }]),
      tinyInstrument,
      { columns: { population: "role" }, population: { default: "managers" } },
    );
    expect(Array.from(blanks.dataset.population?.codes ?? [])).toEqual([1, 0, 1]);
    expect(blanks.report.issues).toEqual([]);

    const file = validateResponses(records([{}, {}]), tinyInstrument, {
      population: { default: "Managers" },
    });
    expect(file.dataset.population?.column).toBeNull();
    expect(Array.from(file.dataset.population?.codes ?? [])).toEqual([1, 1]);
    expect(Array.from(rowsOfPopulation(file.dataset, "managers"))).toEqual([0, 1]);
    expect(Array.from(rowsOfPopulation(file.dataset, "customers"))).toEqual([]);

    // Clean typed columns take the fast path: the default still applies.
    const columns = validateColumns(
      {
        columns: Object.fromEntries(
          Object.entries(records([{}])[0] ?? {})
            .filter(([k]) => k !== "respondent_id")
            .map(([k, v]) => [k, Float64Array.of(Number(v), Number(v))]),
        ),
      },
      tinyInstrument,
      { population: { default: "employees" } },
    );
    expect(Array.from(columns.dataset.population?.codes ?? [])).toEqual([2, 2]);
  });

  it("has no population unless asked", () => {
    const { dataset } = validateResponses(records([{ role: "managers" }]), tinyInstrument);
    expect(dataset.population).toBeNull();
    expect(() => rowsOfPopulation(dataset, "managers")).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });

  it("rowsOfPopulation rejects a label outside the vocabulary and wrong arguments", () => {
    const { dataset } = validateResponses(records([{}]), tinyInstrument, {
      population: { default: "customers" },
    });
    const error = thrown(() => rowsOfPopulation(dataset, "suppliers"));
    expect(error.code).toBe("invalid-argument");
    expect(error.issues[0]?.message).toContain("customers, managers, employees");
    expect(thrown(() => rowsOfPopulation(dataset, 3 as never)).code).toBe("invalid-argument");
    expect(thrown(() => rowsOfPopulation({} as never, "customers")).code).toBe("invalid-argument");
  });

  it("rejects bad population options: formula or markup labels, repeats, an unknown default", () => {
    const cases: [unknown, string][] = [
      [{ labels: ["=cmd|' /C calc'!A0"] }, "bad-population-label"],
      [{ labels: ["<b>vip</b>"] }, "bad-population-label"],
      [{ labels: [""] }, "bad-population-label"],
      [{ labels: ["Customer"] }, "duplicate-population-label"],
      [{ labels: ["vip", "VIP"] }, "duplicate-population-label"],
      [{ default: "suppliers" }, "unknown-population"],
      [
        { labels: Array.from({ length: 33 }, (_, k) => `group ${k}`) },
        "too-many-population-labels",
      ],
    ];
    for (const [population, code] of cases) {
      const error = thrown(() =>
        validateResponses(records([{}]), tinyInstrument, { population } as never),
      );
      expect(error.code).toBe("invalid-options");
      expect(error.issues.map((issue) => issue.code)).toContain(code);
    }
    expect(
      thrown(() =>
        validateResponses(records([{}]), tinyInstrument, { population: { defualt: "x" } } as never),
      ).code,
    ).toBe("invalid-options");
  });

  it("rows in = used + excluded for any mix of population cells (property)", () => {
    const cell = fc.oneof(
      fc.constantFrom("customers", "Managers", "employee", "", "  ", null, "franchisees"),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        (cells, withDefault) => {
          let result: ReturnType<typeof validateResponses>;
          try {
            result = validateResponses(records(cells.map((role) => ({ role }))), tinyInstrument, {
              columns: { population: "role" },
              ...(withDefault ? { population: { default: "customers" } } : {}),
            });
          } catch (error) {
            expect(error).toBeInstanceOf(ServqualError);
            expect((error as ServqualError).code).toBe("no-usable-rows");
            return;
          }
          const { dataset, report } = result;
          expect(report.rowsIn).toBe(cells.length);
          expect(report.rowsUsed + report.rowsExcluded).toBe(cells.length);
          // Kept exactly the rows whose cell names a label (or is blank with a default).
          const known = new Set([
            "customers",
            "customer",
            "managers",
            "manager",
            "employees",
            "employee",
          ]);
          const keep = cells.map((text) => {
            const trimmed = (text ?? "").trim().toLowerCase();
            return trimmed === "" ? withDefault : known.has(trimmed);
          });
          expect(dataset.ids).toEqual(cells.map((_, r) => `r${r + 1}`).filter((_, r) => keep[r]));
          expect(dataset.population?.codes.length).toBe(dataset.n);
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe("column roles", () => {
  it("rejects a column claimed as covariate and as answer, segment, id or population", () => {
    const conflicts: [Record<string, unknown>, RegExp][] = [
      [
        { covariates: ["E_a1"] },
        /"E_a1" is both the expectation answer of item a1 and a covariate column/,
      ],
      [
        { covariates: ["region"], segments: ["region"] },
        /"region" is both a segment column and a covariate column/,
      ],
      [{ covariates: ["t", "t"] }, /"t" is named twice as a covariate column/],
      [{ population: "respondent_id" }, /both the respondent id column and the population column/],
      [{ population: "t", covariates: ["t"] }, /both a covariate column and the population column/],
      [{ population: "date" }, /both the date column and the population column/],
    ];
    for (const [columns, message] of conflicts) {
      const error = thrown(() => validateResponses(records([{}]), tinyInstrument, { columns }));
      expect(error.code).toBe("invalid-options");
      expect(error.issues[0]?.code).toBe("column-role-conflict");
      expect(error.issues[0]?.message).toMatch(message);
    }
  });

  it("never reads a __proto__ column as a covariate or population", () => {
    const table = {
      header: ["respondent_id", "E_a1", "P_a1", "__proto__"],
      rows: [["r1", 5, 4, "7"]],
    };
    for (const columns of [{ covariates: ["__proto__"] }, { population: "__proto__" }]) {
      const error = thrown(() => validateResponses(table, tinyInstrument, { columns }));
      expect(error.code).toBe("invalid-input");
      expect(error.issues[0]?.message).toMatch(/reserved JavaScript property name/);
    }
    // Beside a real covariate it stays ignored, with a warning.
    const { dataset, report } = validateResponses(
      { header: [...table.header, "visits"], rows: [["r1", 5, 4, "7", "2"]] },
      tinyInstrument,
      { columns: { covariates: ["visits"] } },
    );
    expect(Array.from(dataset.covariates[0]?.values ?? [])).toEqual([2]);
    expect(dataset.covariates.map((c) => c.name)).toEqual(["visits"]);
    expect(report.issues[0]).toMatchObject({ code: "unsafe-column", column: "__proto__" });
  });
});

describe("long rows", () => {
  const long = (id: string, extra: Record<string, unknown>) =>
    ["a1", "a2", "b1", "b2", "b3"].flatMap((item, i) => [
      { respondent_id: id, item, facet: "E", value: E[i], ...extra },
      { respondent_id: id, item, facet: "P", value: P[i], ...extra },
    ]);

  it("carries covariates and the population on the long rows, one value per respondent", () => {
    const rows = [
      ...long("c1", { role: "customers", temperature: "18.5" }),
      ...long("m1", { role: "managers", temperature: "" }),
    ];
    // A later, different temperature of c1 conflicts; a bad one of m1 is bad-covariate.
    rows[3] = { ...rows[3], temperature: "19" } as (typeof rows)[number];
    rows[12] = { ...rows[12], temperature: "hot" } as (typeof rows)[number];
    const { dataset, report } = validateLongResponses(rows, tinyInstrument, {
      columns: { population: "role", covariates: ["temperature"] },
    });
    expect(dataset.ids).toEqual(["c1", "m1"]);
    expect(Array.from(dataset.population?.codes ?? [])).toEqual([0, 1]);
    expect(Number.isNaN(dataset.covariates[0]?.values[1])).toBe(true);
    expect(dataset.covariates[0]?.values[0]).toBe(18.5);
    expect(report.issues.map((issue) => [issue.code, issue.row, issue.column])).toEqual([
      ["conflicting-value", 4, "temperature"],
      ["bad-covariate", 13, "temperature"],
    ]);
    expect(report.issues[0]?.message).toMatch(/one value of each covariate/);
  });

  it("compares populations as populations: case, spaces and singulars are not conflicts", () => {
    const rows = [...long("m1", { role: "Managers" }), ...long("c1", { role: "customers" })];
    rows[1] = { ...rows[1], role: "managers" } as (typeof rows)[number];
    rows[2] = { ...rows[2], role: " MANAGERS " } as (typeof rows)[number];
    rows[3] = { ...rows[3], role: "manager" } as (typeof rows)[number];
    // A different population on a later row of c1 is still a conflict; the first is kept.
    rows[15] = { ...rows[15], role: "Employee" } as (typeof rows)[number];
    const { dataset, report } = validateLongResponses(rows, tinyInstrument, {
      columns: { population: "role" },
    });
    expect(dataset.ids).toEqual(["m1", "c1"]);
    // Built-in codes: customers 0, managers 1, employees 2.
    expect(Array.from(dataset.population?.codes ?? [])).toEqual([1, 0]);
    expect(report.issues.map((issue) => [issue.code, issue.row, issue.column])).toEqual([
      ["conflicting-value", 16, "role"],
    ]);
  });

  it("compares a declared population label without regard to case", () => {
    const rows = long("f1", { role: "Franchisees" });
    rows[4] = { ...rows[4], role: "franchisees" } as (typeof rows)[number];
    const { dataset, report } = validateLongResponses(rows, tinyInstrument, {
      columns: { population: "role" },
      population: { labels: ["franchisees"] },
    });
    expect(Array.from(dataset.population?.codes ?? [])).toEqual([3]);
    expect(report.issues).toEqual([]);
  });

  it("compares covariates as numbers: 20, 20.0 and the number 20 are one value", () => {
    const rows = long("c1", { temperature: "20" });
    rows[1] = { ...rows[1], temperature: "20.0" } as (typeof rows)[number];
    rows[2] = { ...rows[2], temperature: 20 } as (typeof rows)[number];
    rows[3] = { ...rows[3], temperature: " 20.00 " } as (typeof rows)[number];
    rows[4] = { ...rows[4], temperature: "20.5" } as (typeof rows)[number];
    // Unreadable as numbers: compared as text, so "x" after "20" conflicts.
    rows[5] = { ...rows[5], temperature: "x" } as (typeof rows)[number];
    const { dataset, report } = validateLongResponses(rows, tinyInstrument, {
      columns: { covariates: ["temperature"] },
    });
    expect(Array.from(dataset.covariates[0]?.values ?? [])).toEqual([20]);
    expect(report.issues.map((issue) => [issue.code, issue.row, issue.column])).toEqual([
      ["conflicting-value", 5, "temperature"],
      ["conflicting-value", 6, "temperature"],
    ]);
  });

  it("excludes a respondent of an unknown population, naming its long row", () => {
    const rows = [...long("c1", { role: "customers" }), ...long("x1", { role: "suppliers" })];
    const { dataset, report } = validateLongResponses(rows, tinyInstrument, {
      columns: { population: "role" },
    });
    expect(dataset.ids).toEqual(["c1"]);
    expect(report.rowsIn).toBe(2);
    expect(report.rowsExcluded).toBe(1);
    expect(report.issues[0]).toMatchObject({ code: "unknown-population", row: 11, column: "role" });
  });

  it("requires the columns and rejects role conflicts with the long columns", () => {
    const rows = long("c1", {});
    expect(
      thrown(() =>
        validateLongResponses(rows, tinyInstrument, { columns: { covariates: ["temperature"] } }),
      ).issues[0]?.code,
    ).toBe("missing-long-column");
    const error = thrown(() =>
      validateLongResponses(rows, tinyInstrument, { columns: { population: "facet" } }),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues[0]?.message).toMatch(/both the facet column and the population column/);
  });
});

describe("responseRowSchema", () => {
  it("checks covariates as numbers and the population as one of the labels", () => {
    const schema = responseRowSchema(tinyInstrument, {
      columns: { covariates: ["temperature"], population: "role" },
      population: { labels: ["owners"] },
    });
    const row = { respondent_id: "r1", E_a1: 5, P_a1: 4 };
    expect(schema.safeParse({ ...row, temperature: 21.5, role: "owners" }).success).toBe(true);
    expect(schema.safeParse({ ...row, temperature: "warm", role: "owners" }).success).toBe(false);
    expect(schema.safeParse({ ...row, temperature: null, role: "suppliers" }).success).toBe(false);
  });
});
