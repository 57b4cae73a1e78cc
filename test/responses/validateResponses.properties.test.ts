/**
 * Properties of validateResponses over random small tables with dirty cells (fast-check):
 * every row is either used or excluded, the result does not depend on row order, nothing but a
 * ServqualError is ever thrown, and no value outside the scale reaches the dataset.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { instruments } from "../../src/instrument/instruments";
import type { ValidatedResponses } from "../../src/responses/types";
import { validateResponses } from "../../src/responses/validateResponses";
import { columnOf } from "./helpers";

/** Three items on 1..5 in two dimensions; item 2 is reverse-keyed. */
const tiny = defineInstrument({
  id: "tiny",
  name: "Tiny survey",
  scale: { min: 1, max: 5 },
  format: "expectation-perception",
  dimensions: [
    {
      id: "a",
      label: "A",
      items: [
        { id: "1", label: "first" },
        { id: "2", label: "second", reverse: true },
      ],
    },
    { id: "b", label: "B", items: [{ id: "3", label: "third" }] },
  ],
});
const OPTIONS = { columns: { segments: ["region"] } };

/** Awkward strings named in the validation issue, plus other near-numbers. */
const AWKWARD = [
  "",
  " ",
  "0",
  "6",
  "4.5",
  "-0",
  " 3 ",
  "0x3",
  "3,0",
  "1e400",
  "-1e400",
  "1e-400",
  "3e0",
  "NaN",
  "Infinity",
  "N/A",
  "３",
  "٣",
  "=1+1",
  "<b>",
  "99999999999999999999999",
];

const validAnswer = fc.integer({ min: 1, max: 5 }).map(String);
/**
 * Any UTF-16 string, lone surrogates included (built from char codes: creating
 * `fc.string({ unit: "binary" })` takes seconds).
 */
const utf16String = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((codes) => String.fromCharCode(...codes));
const dirtyCell: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: validAnswer, weight: 6 },
  { arbitrary: fc.constantFrom(...AWKWARD), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }), weight: 1 },
  { arbitrary: fc.integer({ min: -2, max: 7 }), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.constantFrom(null, undefined), weight: 1 },
);
const idCell = fc.oneof(fc.constantFrom("a", "b", "c", "", " "), fc.string({ maxLength: 3 }));
const pointsCell = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.constantFrom("", "50", "-5", "abc", "1e3"),
);

/** Random records: id, region and E_1 / P_1 always present, the other columns sometimes. */
const dirtyRecord = fc.record(
  {
    respondent_id: idCell,
    region: fc.oneof(fc.constantFrom("North", "Coast", "", "=A1"), fc.string({ maxLength: 4 })),
    date: fc.constantFrom("2024-05-01", "2024-02-30", "", "soon"),
    E_1: dirtyCell,
    E_2: dirtyCell,
    E_3: dirtyCell,
    P_1: dirtyCell,
    P_2: dirtyCell,
    P_3: dirtyCell,
    W_a: pointsCell,
    W_b: pointsCell,
  },
  { requiredKeys: ["respondent_id", "region", "E_1", "P_1"] },
);
const dirtyTable = fc.array(dirtyRecord, { minLength: 1, maxLength: 12 });

/** Validates, or returns the ServqualError thrown when every row is excluded. */
function attempt(
  rows: readonly Record<string, unknown>[],
  options: Parameters<typeof validateResponses>[2] = OPTIONS,
): ValidatedResponses | ServqualError {
  try {
    return validateResponses(rows, tiny, options);
  } catch (error) {
    if (error instanceof ServqualError && error.code === "no-usable-rows") return error;
    throw error;
  }
}

const MISSING_POLICIES = fc.constantFrom<
  NonNullable<Parameters<typeof validateResponses>[2]>["missing"]
>("listwise", "pairwise", { minimumShare: 0.5 }, { minimumShare: 1 });

describe("validateResponses: properties", () => {
  it("rows in = rows used + rows excluded, and every input row is accounted for once", () => {
    fc.assert(
      fc.property(
        dirtyTable,
        MISSING_POLICIES,
        fc.constantFrom("missing", "exclude-row"),
        (rows, missing, invalidAnswers) => {
          const result = attempt(rows, { ...OPTIONS, missing, invalidAnswers });
          const all = Array.from({ length: rows.length }, (_, i) => i + 1);
          if (result instanceof ServqualError) {
            const excluded = result.issues.filter((issue) => issue.code === "row-excluded");
            expect(excluded.map((issue) => issue.row)).toEqual(all);
            return;
          }
          const { dataset, report } = result;
          expect(report.rowsIn).toBe(rows.length);
          expect(report.rowsUsed + report.rowsExcluded).toBe(report.rowsIn);
          expect(report.rowsUsed).toBe(dataset.n);
          expect(report.excludedRows).toHaveLength(report.rowsExcluded);
          expect(dataset.ids).toHaveLength(dataset.n);
          expect(dataset.sourceRows).toHaveLength(dataset.n);
          const seen = [...dataset.sourceRows, ...report.excludedRows.map((row) => row.row)];
          expect(seen.sort((a, b) => a - b)).toEqual(all);
          for (const row of report.excludedRows) expect(row.reasons.length).toBeGreaterThan(0);
          expect(new Set(dataset.ids).size).toBe(dataset.n);
        },
      ),
    );
  });

  it("permuting the input rows permutes the dataset consistently", () => {
    const uniqueRows = fc
      .array(dirtyRecord, { minLength: 1, maxLength: 10 })
      .map((rows) => rows.map((row, r) => ({ ...row, respondent_id: `r${r}` })));
    const withPermutation = uniqueRows.chain((rows) =>
      fc.tuple(
        fc.constant(rows),
        fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }),
      ),
    );
    const triples = (result: ValidatedResponses) => {
      const { dataset } = result;
      const e1 = columnOf(dataset, "expectation", "1");
      const p1 = columnOf(dataset, "perception", "1");
      const p2 = columnOf(dataset, "perception", "2");
      return dataset.ids
        .map((id, r) => [id, e1[r], p1[r], p2[r], dataset.segments[0]?.values[r]] as const)
        .sort((x, y) => (x[0] < y[0] ? -1 : 1));
    };
    fc.assert(
      fc.property(withPermutation, ([rows, permuted]) => {
        const original = attempt(rows);
        const shuffled = attempt(permuted);
        if (original instanceof ServqualError || shuffled instanceof ServqualError) {
          expect(original).toBeInstanceOf(ServqualError);
          expect(shuffled).toBeInstanceOf(ServqualError);
          return;
        }
        expect(triples(shuffled)).toEqual(triples(original));
        const excludedIds = (result: ValidatedResponses) =>
          result.report.excludedRows.map((row) => row.id).sort();
        expect(excludedIds(shuffled)).toEqual(excludedIds(original));
        expect(shuffled.report.issueCounts).toEqual(original.report.issueCounts);
        expect(shuffled.report.blank).toBe(original.report.blank);
        // Each respondent's source row is its position in the permuted input.
        shuffled.dataset.ids.forEach((id, r) => {
          const position = permuted.findIndex((row) => row.respondent_id === id);
          expect(shuffled.dataset.sourceRows[r]).toBe(position + 1);
        });
      }),
    );
  });

  it("never throws anything but a ServqualError on random cell strings", () => {
    const servqual22 = instruments.servqual22;
    const tangibles = ["1", "2", "3", "4"];
    const header = [
      "respondent_id",
      "date",
      "region",
      ...tangibles.flatMap((item) => [`E_${item}`, `P_${item}`]),
      "I_1",
      "W_tangibles",
      "W_reliability",
    ];
    const cellString = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 7 }).map(String), weight: 8 },
      {
        arbitrary: fc.constantFrom(
          ...AWKWARD,
          " 7 ",
          "0x7",
          "7,0",
          "7.0000000001",
          "1".repeat(1500),
        ),
        weight: 1,
      },
      { arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }), weight: 1 },
      { arbitrary: utf16String, weight: 1 },
      { arbitrary: fc.bigInt().map(String), weight: 1 },
      { arbitrary: fc.double().map(String), weight: 1 },
    );
    const extraColumn = fc.oneof(
      fc.constantFrom("__proto__", "constructor", "prototype", "E_1", "respondent_id"),
      fc.string({ maxLength: 8 }),
    );
    const table = fc
      .tuple(fc.array(extraColumn, { maxLength: 3 }), fc.nat({ max: 6 }))
      .chain(([extra, n]) => {
        const columns = [...header, ...extra];
        const width = columns.length;
        const row = fc.oneof(
          { arbitrary: fc.array(cellString, { minLength: width, maxLength: width }), weight: 5 },
          { arbitrary: fc.array(cellString, { maxLength: width + 2 }), weight: 1 },
        );
        return fc.record({
          header: fc.constant(columns),
          rows: fc.array(row, { minLength: n, maxLength: n }),
        });
      });
    const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
    let kept = 0;
    fc.assert(
      fc.property(table, MISSING_POLICIES, (input, missing) => {
        try {
          const { report } = validateResponses(input, servqual22, {
            missing,
            columns: { segments: ["region"] },
          });
          expect(report.rowsUsed + report.rowsExcluded).toBe(input.rows.length);
          kept += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(ServqualError);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeNames);
      }),
      { numRuns: 150 },
    );
    // The cells are biased to valid answers so that the kept-row path is exercised too.
    expect(kept).toBeGreaterThan(30);
  });

  it("never throws anything but a ServqualError on arbitrary JavaScript values in cells", () => {
    const anything = fc.anything({
      withNullPrototype: true,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      maxDepth: 1,
    });
    const cell = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 7 }), weight: 3 },
      { arbitrary: anything, weight: 3 },
      { arbitrary: fc.constant(Symbol("cell")), weight: 1 },
    );
    const record = fc.record({
      respondent_id: cell,
      date: cell,
      region: cell,
      E_1: cell,
      P_1: cell,
      I_1: cell,
      W_tangibles: cell,
    });
    let kept = 0;
    fc.assert(
      fc.property(fc.array(record, { maxLength: 5 }), (rows) => {
        try {
          validateResponses(rows, instruments.servqual22, {
            missing: "pairwise",
            columns: { segments: ["region"] },
          });
          kept += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(ServqualError);
        }
      }),
      { numRuns: 200 },
    );
    expect(kept).toBeGreaterThan(20);
  });

  it("never puts a value outside the scale into the dataset (NaN only for missing)", () => {
    const onScale = (value: number) =>
      Number.isNaN(value) || (Number.isInteger(value) && value >= 1 && value <= 5);
    fc.assert(
      fc.property(dirtyTable, MISSING_POLICIES, (rows, missing) => {
        const result = attempt(rows, { ...OPTIONS, missing });
        if (result instanceof ServqualError) return;
        const { dataset, report } = result;
        let nan = 0;
        for (const facet of ["expectation", "perception"] as const) {
          for (const column of dataset.facets[facet] ?? []) {
            expect(column).toHaveLength(dataset.n);
            for (const value of column) {
              expect(onScale(value)).toBe(true);
              if (Number.isNaN(value)) nan += 1;
            }
          }
        }
        // Every NaN is a missing answer of a kept row: blank, not applicable or rejected, so
        // there can be no more of them than those counts over all rows.
        const rejected = Object.entries(report.issueCounts)
          .filter(([code]) => ["out-of-range", "not-a-number", "off-scale-step"].includes(code))
          .reduce((sum, [, count]) => sum + count, 0);
        const absent = report.columns.absent.length * dataset.n;
        expect(nan).toBeLessThanOrEqual(report.blank + report.notApplicable + rejected + absent);
        // Weights are shares: NaN for the whole row, or in [0, 1] summing to 1.
        if (dataset.weights !== null) {
          for (let r = 0; r < dataset.n; r++) {
            const shares = dataset.weights.map((column) => column[r] as number);
            if (shares.some(Number.isNaN)) {
              expect(shares.every(Number.isNaN)).toBe(true);
            } else {
              for (const share of shares) expect(share >= 0 && share <= 1).toBe(true);
              expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
            }
          }
        }
      }),
    );
  });

  it("recodes the reverse-keyed item as 6 − x on the 1..5 scale for every valid answer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), (e, p) => {
        const { dataset } = validateResponses(
          [{ respondent_id: "a", region: "x", E_1: e, P_1: p, E_2: String(e), P_2: String(p) }],
          tiny,
          OPTIONS,
        );
        expect(columnOf(dataset, "expectation", "1")[0]).toBe(e);
        expect(columnOf(dataset, "expectation", "2")[0]).toBe(6 - e);
        expect(columnOf(dataset, "perception", "2")[0]).toBe(6 - p);
      }),
    );
  });
});
