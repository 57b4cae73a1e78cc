import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { instruments } from "../../src/instrument/instruments";
import { validateColumns } from "../../src/responses/validateColumns";
import { validateResponses } from "../../src/responses/validateResponses";

const instrument = instruments.servqual22;
const names = [
  ...Array.from({ length: 22 }, (_, i) => `E_${i + 1}`),
  ...Array.from({ length: 22 }, (_, i) => `P_${i + 1}`),
];

/** n respondents with answers 1..7 from a simple seeded sequence. */
function clean(n: number): Record<string, Float32Array> {
  let seed = 11;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return 1 + (seed % 7);
  };
  return Object.fromEntries(names.map((name) => [name, Float32Array.from({ length: n }, next)]));
}

function asRows(columns: Record<string, ArrayLike<unknown>>): Record<string, unknown>[] {
  const keys = Object.keys(columns);
  const n = columns[keys[0] as string]?.length ?? 0;
  return Array.from({ length: n }, (_, r) =>
    Object.fromEntries(keys.map((key) => [key, (columns[key] as ArrayLike<unknown>)[r]])),
  );
}

describe("validateColumns", () => {
  it("uses clean typed columns as they are and gives the same Gap 5 as row validation", () => {
    const columns = clean(50);
    const { dataset, report } = validateColumns({ columns }, instrument);
    expect(dataset.facets.expectation?.[0]).toBe(columns.E_1);
    expect(report.rowsIn).toBe(50);
    expect(report.rowsUsed + report.rowsExcluded).toBe(report.rowsIn);
    const viaRows = validateResponses(asRows(columns), instrument);
    expect(gap5(dataset)).toEqual(gap5(viaRows.dataset));
    expect(dataset.ids).toEqual(viaRows.dataset.ids);
  });

  it("reports an out-of-range answer with its row and column, as row validation does", () => {
    const columns = clean(10);
    (columns.P_3 as Float32Array)[4] = 9;
    const { dataset, report } = validateColumns({ columns }, instrument);
    expect(report.issues).toContainEqual(
      expect.objectContaining({ code: "out-of-range", row: 5, column: "P_3" }),
    );
    expect(Number.isNaN(dataset.facets.perception?.[2]?.[4])).toBe(true);
    expect(report).toEqual(validateResponses(asRows(columns), instrument).report);
  });

  it("applies the missing-data policy when a value is missing (NaN)", () => {
    const columns = clean(6);
    for (const name of ["E_5", "E_6", "E_7", "P_5"])
      (columns[name] as Float32Array)[2] = Number.NaN;
    const listwise = validateColumns({ columns }, instrument, { missing: "listwise" });
    expect(listwise.report.rowsExcluded).toBe(1);
    expect(listwise.report.excludedRows[0]?.row).toBe(3);
    expect(validateColumns({ columns }, instrument).report.rowsUsed).toBe(6);
  });

  it("recodes reverse-keyed items (SERVQUAL-1988) instead of adopting the arrays", () => {
    const columns = clean(5);
    const { dataset } = validateColumns({ columns }, instruments.servqual1988);
    const item10 = 9; // items 10–13 are reverse-keyed; index 9 is item 10
    expect(dataset.facets.expectation?.[item10]).not.toBe(columns.E_10);
    expect(dataset.facets.expectation?.[item10]?.[0]).toBe(8 - (columns.E_10?.[0] as number));
  });

  it("reads plain arrays of strings, ids and segments through row validation", () => {
    const { dataset, report } = validateColumns(
      {
        columns: {
          respondent_id: ["a", "b", "a"],
          region: ["North", '=HYPERLINK("x")', "South"],
          E_1: ["7", "6", "5"],
          P_1: ["5", "six", "4"],
        },
      },
      instrument,
      { columns: { segments: ["region"] }, missing: "pairwise" },
    );
    expect(report.rowsIn).toBe(3);
    // Row 2 has no complete item ("six" is rejected); row 3 repeats the id "a".
    expect(report.excludedRows.map((row) => row.row)).toEqual([2, 3]);
    expect(report.excludedRows[1]?.reasons.map((r) => r.message).join(" ")).toMatch(
      /already claimed by data row 1/,
    );
    expect(dataset.segments[0]?.values).toEqual(["North"]);
    expect(report.issueCounts["formula-like-label"]).toBe(1);
    expect(report.issueCounts["not-a-number"]).toBe(1);
  });

  it("ignores a __proto__ column without touching any prototype", () => {
    const columns = JSON.parse('{"__proto__": [1, 2], "E_1": [7, 6], "P_1": [5, 6]}') as Record<
      string,
      ArrayLike<unknown>
    >;
    const { report } = validateColumns({ columns }, instrument, { missing: "pairwise" });
    expect(report.issueCounts["unsafe-column"]).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("rejects columns of different lengths and input without columns", () => {
    expect(() => validateColumns({ columns: { E_1: [1, 2], P_1: [1] } }, instrument)).toThrow(
      ServqualError,
    );
    expect(() => validateColumns({} as never, instrument)).toThrow(ServqualError);
    expect(() => validateColumns({ columns: { E_1: [], P_1: [] } }, instrument)).toThrow(
      expect.objectContaining({ code: "empty-input" }),
    );
  });

  it("gives the same dataset and report as row validation (property)", () => {
    const cell = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1, max: 7 }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, 0, 8, 4.5) },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(cell, { minLength: 44 * 12, maxLength: 44 * 12 }),
        (n, cells) => {
          const columns = Object.fromEntries(
            names.map((name, c) => [
              name,
              Float64Array.from({ length: n }, (_, r) => cells[c * 12 + r] as number),
            ]),
          );
          const run = (f: () => unknown) => {
            try {
              return f();
            } catch (error) {
              return (error as ServqualError).code;
            }
          };
          const a = run(() => validateColumns({ columns }, instrument)) as
            | { report: unknown; dataset: { facets: unknown } }
            | string;
          const b = run(() => validateResponses(asRows(columns), instrument)) as typeof a;
          if (typeof a === "string" || typeof b === "string") {
            expect(a).toEqual(b);
            return;
          }
          expect(a.report).toEqual(b.report);
          expect(JSON.stringify(a.dataset.facets)).toEqual(JSON.stringify(b.dataset.facets));
        },
      ),
      { numRuns: 40 },
    );
  });
});
