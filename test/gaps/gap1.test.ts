/**
 * Gap 1 (managers' estimates − customers' expectations) against R (test/fixtures/gap1: the
 * customers' and managers' files and gap1.R, whose output is reference.json: Welch t.test,
 * one-sample t.test, p.adjust "holm", Hedges' g written out), fast-check properties (a constant
 * added to both sides leaves the gap unchanged; swapping the sides negates it) and bad inputs.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import type { GapEnvelope, GapItemRow } from "../../src/gaps/envelope";
import { type Gap1Result, gap1 } from "../../src/gaps/gap1";
import { rowsOfPopulation } from "../../src/responses/rowsOfPopulation";
import { validateManagementSurvey } from "../../src/responses/validateManagementSurvey";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, strictJson, TINY_ITEMS, tinyInstrument } from "./tinySurvey";

const folder = new URL("../fixtures/gap1/", import.meta.url);
function readCsv(name: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(new URL(name, folder), "utf8").trim().split("\n");
  const header = (head as string).split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ""]));
  });
}
type Row = Record<
  string,
  | number
  | {
      gap: number;
      t: number;
      df: number;
      p: number;
      lower: number;
      upper: number;
      g: number;
      gLower: number;
      gUpper: number;
      pHolm?: number;
      meanAbsoluteItemGap?: number;
      itemRankCorrelation?: number;
    }
>;
const reference = JSON.parse(readFileSync(new URL("reference.json", folder), "utf8")) as {
  welch: Row;
  oneManager: Row;
};
const customers = validateResponses(readCsv("customers.csv"), tinyInstrument).dataset;
const managerRows = readCsv("managers.csv");
const managers = validateManagementSurvey(managerRows, tinyInstrument);

function expectRow(
  actual:
    | ReturnType<typeof gap1>["items"][number]
    | ReturnType<typeof gap1>["dimensions"][number]
    | ReturnType<typeof gap1>["overall"],
  expected: Row[string],
) {
  if (typeof expected === "number") throw new Error("bad reference");
  near(actual.gap.mean, expected.gap, 1e-12);
  near(actual.test.t, expected.t, 1e-10);
  near(actual.test.df, expected.df, 1e-10);
  near(actual.test.pValue, expected.p, 1e-12);
  near(actual.gap.ci.lower, expected.lower, 1e-10);
  near(actual.gap.ci.upper, expected.upper, 1e-10);
  near(actual.effectSize.g, expected.g, 1e-12);
  near(actual.effectSize.ci.lower, expected.gLower, 1e-10);
  near(actual.effectSize.ci.upper, expected.gUpper, 1e-10);
  if (expected.pHolm !== undefined) near(actual.test.pAdjusted, expected.pHolm, 1e-12);
  if (expected.meanAbsoluteItemGap !== undefined) {
    const overall = actual as ReturnType<typeof gap1>["overall"];
    near(overall.meanAbsoluteItemGap, expected.meanAbsoluteItemGap, 1e-12);
    near(overall.itemRankCorrelation, expected.itemRankCorrelation as number, 1e-12);
  }
}

describe("gap1 against R", () => {
  it("fills the gap envelope (types)", () => {
    expectTypeOf<Gap1Result>().toExtend<GapEnvelope>();
    expectTypeOf<Gap1Result["items"][number]>().toExtend<GapItemRow>();
    expectTypeOf<Gap1Result["design"]>().toEqualTypeOf<"independent-groups">();
  });

  it("three managers: Welch t, Hedges' g and Holm per item, dimension and overall", () => {
    const result = gap1(customers, managers);
    expect(result.gap).toBe(1);
    expect(result.design).toBe("independent-groups");
    expect(result.customers).toBe(8);
    expect(result.managers).toBe(3);
    for (const row of result.items) {
      expect(row.test.method).toBe("welch");
      expectRow(row, reference.welch[row.item] as Row[string]);
    }
    for (const row of result.dimensions)
      expectRow(row, reference.welch[row.dimension] as Row[string]);
    expectRow(result.overall, reference.welch.overall as Row[string]);
    near(result.overall.itemRankCorrelation, -0.359092423229804, 1e-12);
    expect(result.items[0]?.required).toEqual({
      side: "customers",
      n: 7,
      mean: 44 / 7,
      sd: expect.any(Number),
    });
    expect(result.items[0]?.delivered.side).toBe("managers");
    expect(result.warnings).toEqual([]);
    expect(() => strictJson(result)).not.toThrow();
  });

  it("one manager: the one-sample t-test of customers' E against the manager's value", () => {
    const one = validateManagementSurvey(managerRows.slice(0, 1), tinyInstrument);
    const result = gap1(customers, one);
    expect(result.managers).toBe(1);
    for (const row of result.items) {
      expect(row.test.method).toBe("one-sample");
      expectRow(row, reference.oneManager[row.item] as Row[string]);
    }
    for (const row of result.dimensions) {
      expectRow(row, reference.oneManager[row.dimension] as Row[string]);
    }
    expectRow(result.overall, reference.oneManager.overall as Row[string]);
    expect(result.warnings.map((w) => w.code)).toEqual(["single-manager"]);
  });

  it("lists the items management underestimates and overestimates most (hand-read from the R gaps)", () => {
    // R gaps: a1 −1.619, a2 −0.917, b1 +0.208, b2 −0.75, b3 +0.190
    const result = gap1(customers, managers, { top: 2 });
    expect(result.underestimated.map((m) => m.item)).toEqual(["a1", "a2"]);
    expect(result.overestimated.map((m) => m.item)).toEqual(["b1", "b3"]);
    expect(gap1(customers, managers, { top: 0 }).underestimated).toEqual([]);
  });

  it("managerRows selects managers: manager m1 alone equals the one-manager reference", () => {
    const result = gap1(customers, managers, { managerRows: Int32Array.of(0) });
    for (const row of result.items) expectRow(row, reference.oneManager[row.item] as Row[string]);
    const allRows = Int32Array.from({ length: 8 }, (_, i) => i);
    const same = gap1(customers, managers, { rows: allRows });
    for (const row of same.items) expectRow(row, reference.welch[row.item] as Row[string]);
  });
});

describe("gap1 from one file holding customers and managers", () => {
  it("reads it twice, selecting each population by rowsOfPopulation", () => {
    const rows = [
      ...readCsv("customers.csv").map((r) => ({ ...r, role: "customer" })),
      ...managerRows.map((r) => ({ ...r, role: "manager" })),
    ];
    const options = { columns: { population: "role" } };
    const customerRead = validateResponses(rows, tinyInstrument, options);
    // managers answered no P items: excluded from the customers' read, with the reason
    expect(customerRead.report.exclusionCounts["too-few-items"]).toBe(3);
    const managerRead = validateManagementSurvey(rows, tinyInstrument, options);
    expect(managerRead.report.rowsUsed).toBe(11);
    const result = gap1(customerRead.dataset, managerRead, {
      rows: rowsOfPopulation(customerRead.dataset, "customers"),
      managerRows: rowsOfPopulation(managerRead.dataset, "managers"),
    });
    for (const row of result.items) expectRow(row, reference.welch[row.item] as Row[string]);
  });
});

describe("gap1 properties", () => {
  const answer = fc.integer({ min: 1, max: 5 });
  const person = fc.array(answer, { minLength: 5, maxLength: 5 });
  const sample = (min: number) => fc.array(person, { minLength: min, maxLength: 12 });
  const customersOf = (rows: number[][], shift = 0) =>
    validateResponses(
      rows.map((e, r) => {
        const record: Record<string, unknown> = { respondent_id: `c${r}` };
        TINY_ITEMS.forEach((item, i) => {
          record[`E_${item}`] = (e[i] as number) + shift;
          record[`P_${item}`] = 4;
        });
        return record;
      }),
      tinyInstrument,
    ).dataset;
  const managersOf = (rows: number[][], shift = 0) =>
    validateManagementSurvey(
      rows.map((e, r) => {
        const record: Record<string, unknown> = { respondent_id: `m${r}` };
        TINY_ITEMS.forEach((item, i) => {
          record[`E_${item}`] = (e[i] as number) + shift;
        });
        return record;
      }),
      tinyInstrument,
    );

  it("adding a constant to customers' E and managers' estimates leaves every gap unchanged", () => {
    fc.assert(
      fc.property(sample(2), sample(1), fc.integer({ min: 0, max: 2 }), (c, m, shift) => {
        const a = gap1(customersOf(c), managersOf(m));
        const b = gap1(customersOf(c, shift), managersOf(m, shift));
        a.items.forEach((row, i) => {
          const other = b.items[i];
          expect(other?.gap.mean).toBeCloseTo(row.gap.mean as number, 10);
          if (row.test.t === null) expect(other?.test.t).toBeNull();
          else expect(other?.test.t).toBeCloseTo(row.test.t, 8);
        });
        expect(b.overall.gap.mean).toBeCloseTo(a.overall.gap.mean as number, 10);
      }),
      { numRuns: 40 },
    );
  });

  it("swapping which side is which negates the gap, t and g", () => {
    fc.assert(
      fc.property(sample(2), sample(2), (c, m) => {
        const forward = gap1(customersOf(c), managersOf(m));
        // managers as customers and customers as managers
        const backward = gap1(customersOf(m), managersOf(c));
        forward.items.forEach((row, i) => {
          const other = backward.items[i];
          expect(other?.gap.mean).toBeCloseTo(-(row.gap.mean as number), 10);
          if (row.test.t !== null) {
            expect(other?.test.t).toBeCloseTo(-row.test.t, 8);
            expect(other?.test.pValue).toBeCloseTo(row.test.pValue as number, 10);
          }
          if (row.effectSize.g !== null)
            expect(other?.effectSize.g).toBeCloseTo(-row.effectSize.g, 10);
        });
      }),
      { numRuns: 40 },
    );
  });
});

describe("gap1 bad input", () => {
  it("rejects managers on another instrument or scale", () => {
    const other = { ...tinyInstrument, scale: { ...tinyInstrument.scale, max: 10 } };
    const odd = { ...managers.dataset, instrument: other };
    const error = (() => {
      try {
        gap1(customers, odd);
      } catch (e) {
        return e as ServqualError;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(ServqualError);
    expect(error.code).toBe("invalid-input");
    expect(error.issues.map((i) => i.code)).toEqual(["scale-mismatch"]);
    const fewer = {
      ...managers.dataset,
      instrument: { ...tinyInstrument, dimensions: tinyInstrument.dimensions.slice(0, 1) },
    };
    expect(() => gap1(customers, fewer)).toThrow(/same order/);
  });

  it("throws no-managers for an empty manager selection, no-customers for an empty customer one", () => {
    const codes = (call: () => unknown) => {
      try {
        call();
      } catch (e) {
        return (e as ServqualError).issues.map((i) => i.code);
      }
      return [];
    };
    expect(codes(() => gap1(customers, managers, { managerRows: new Int32Array(0) }))).toEqual([
      "no-managers",
    ]);
    expect(codes(() => gap1(customers, managers, { rows: new Int32Array(0) }))).toEqual([
      "no-customers",
    ]);
  });

  it("rejects wrong arguments with invalid-argument", () => {
    expect(() => gap1(customers, {} as never)).toThrow(ServqualError);
    expect(() => gap1(customers, managers, { top: -1 })).toThrow(/top/);
    expect(() => gap1(customers, managers, { tops: 1 } as never)).toThrow(/did you mean 'top'/);
    expect(() => gap1(customers, managers, { managerRows: Int32Array.of(3) })).toThrow(
      /managerRows|rows/,
    );
  });

  it("an item no manager answered is null with a no-data warning", () => {
    const partial = validateManagementSurvey(
      managerRows.map((r) => ({ ...r, E_b3: "" })),
      tinyInstrument,
    );
    const result = gap1(customers, partial);
    const b3 = result.items.find((row) => row.item === "b3");
    expect(b3?.gap.mean).toBeNull();
    expect(b3?.warnings.map((w) => w.code)).toEqual(["no-data"]);
    expect(result.underestimated.every((m) => m.item !== "b3")).toBe(true);
    expect(() => strictJson(result)).not.toThrow();
  });
});
