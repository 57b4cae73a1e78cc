/**
 * respondentScores and the one scoring rule (itemsNeeded), hand-worked on the tiny survey
 * (dimension A: a1, a2; B: b1, b2, b3; scale 1..7) and on a 4-item dimension for the index
 * rule max(2, ⌈k/2⌉) (DOMAIN §7 "Index formulas").
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { itemsNeeded } from "../../src/responses/itemsNeeded";
import { respondentScores } from "../../src/responses/respondentScores";
import { validateResponses } from "../../src/responses/validateResponses";
import { resolveValidationOptions } from "../../src/responses/validationOptions";
import { dimensionsOf, near, tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

// r1: E 5 6 | 6 6 6, P 3 _ | 5 5 5 → A: one pair of 2 (a1: −2); B: 3 pairs, gaps −1 −1 −1.
// r2: E 4 4 | 4 4 4, P 6 5 | 4 4 4 → A: (2 + 1)/2 = 1.5; B: 0.
// r3: E 5 _ | 5 _ _, P 6 6 | 2 4 _ → A: a1 only (+1); B: b1 only (−3).
const records = [
  tinyRecord("r1", [5, 6, 6, 6, 6], [3, null, 5, 5, 5]),
  tinyRecord("r2", [4, 4, 4, 4, 4], [6, 5, 4, 4, 4]),
  tinyRecord("r3", [5, null, 5, null, null], [6, 6, 2, 4, null]),
];

const valuesOf = (array: Float64Array) => Array.from(array);

describe("respondentScores on the tiny survey", () => {
  it("pairwise: every dimension with one answered pair is scored", () => {
    const { dataset } = validateResponses(records, tinyInstrument, { missing: "pairwise" });
    const [A, B] = respondentScores(dataset, { facet: "gap", level: "dimension" });
    expect(valuesOf(A as Float64Array)).toEqual([-2, 1.5, 1]);
    expect(valuesOf(B as Float64Array)).toEqual([-1, 0, -3]);
    // Overall = mean of the dimension scores: (−2 − 1)/2, (1.5 + 0)/2, (1 − 3)/2.
    expect(valuesOf(respondentScores(dataset, { facet: "gap", level: "overall" }))).toEqual([
      -1.5, 0.75, -1,
    ]);
  });

  it("a side's score uses the items answered on that facet alone", () => {
    const { dataset } = validateResponses(records, tinyInstrument, { missing: "pairwise" });
    const [A, B] = respondentScores(dataset, { facet: "expectation", level: "dimension" });
    // r1 E: A (5 + 6)/2, B 6; r3 E: A 5 (a2 blank), B 5.
    expect(valuesOf(A as Float64Array)).toEqual([5.5, 4, 5]);
    expect(valuesOf(B as Float64Array)).toEqual([6, 4, 5]);
    const [, Bp] = respondentScores(dataset, { facet: "perception", level: "dimension" });
    expect(valuesOf(Bp as Float64Array)).toEqual([5, 4, 3]); // r3: (2 + 4)/2
  });

  it("minimum share 0.5: r1's A (1 of 2) is scored, r3's B (1 of 3) is not", () => {
    const { dataset } = validateResponses(records, tinyInstrument);
    const [A, B] = respondentScores(dataset, { facet: "gap", level: "dimension" });
    expect(valuesOf(A as Float64Array)).toEqual([-2, 1.5, 1]);
    expect(valuesOf(B as Float64Array)).toEqual([-1, 0, Number.NaN]);
    const overall = respondentScores(dataset, { facet: "gap", level: "overall" });
    expect(valuesOf(overall)).toEqual([-1.5, 0.75, 1]); // r3: A alone
  });

  it("the overall score per respondent averages to gap5's unweighted overall", () => {
    const { dataset } = validateResponses(records, tinyInstrument);
    const overall = respondentScores(dataset, { facet: "gap", level: "overall" });
    near(gap5(dataset).overall.unweighted.gap.mean, (-1.5 + 0.75 + 1) / 3);
    expect(overall).toHaveLength(3);
  });

  it("rows select respondents: output i is rows[i], repeats allowed", () => {
    const { dataset } = validateResponses(records, tinyInstrument, { missing: "pairwise" });
    const rows = Int32Array.of(2, 0, 2);
    const [A] = respondentScores(dataset, { facet: "gap", level: "dimension", rows });
    expect(valuesOf(A as Float64Array)).toEqual([1, -2, 1]);
    const empty = respondentScores(dataset, {
      facet: "gap",
      level: "overall",
      rows: new Int32Array(0),
    });
    expect(empty).toHaveLength(0);
  });

  it("rejects a facet the dataset lacks and rows outside it", () => {
    const { dataset } = validateResponses(records, tinyInstrument);
    expect(() => respondentScores(dataset, { facet: "desired", level: "dimension" })).toThrow(
      /needs desired answers/,
    );
    const bad = () =>
      respondentScores(dataset, { facet: "gap", level: "dimension", rows: Int32Array.of(3) });
    expect(bad).toThrow(ServqualError);
    expect(bad).toThrow(/rows\[0\] is 3/);
  });
});

describe("itemsNeeded: one rule, with an optional atLeast count", () => {
  const share = (s: number, atLeast?: number) =>
    atLeast === undefined
      ? ({ kind: "minimum-share", share: s } as const)
      : ({ kind: "minimum-share", share: s, atLeast } as const);

  it("listwise needs all, pairwise one, minimum share ⌈s·k⌉ (never below 1)", () => {
    expect(itemsNeeded({ kind: "listwise" }, 4)).toBe(4);
    expect(itemsNeeded({ kind: "pairwise" }, 4)).toBe(1);
    expect(itemsNeeded(share(0.5), 5)).toBe(3);
    expect(itemsNeeded(share(0.5), 4)).toBe(2);
    expect(itemsNeeded(share(0.1), 3)).toBe(1);
    expect(itemsNeeded(share(0.6), 5)).toBe(3); // 0.6·5 = 3 exactly, not 4 from rounding noise
  });

  it("the index rule max(2, ⌈k/2⌉) for k = 1..9", () => {
    // Closed form from DOMAIN §7: 2, 2, 2, 2, 3, 3, 4, 4, 5.
    const expected = [2, 2, 2, 2, 3, 3, 4, 4, 5];
    expected.forEach((needed, i) => {
      expect(itemsNeeded(share(0.5, 2), i + 1)).toBe(needed);
    });
  });

  it("the validation option { minimumShare, atLeast } resolves to the policy", () => {
    expect(
      resolveValidationOptions({ missing: { minimumShare: 0.5, atLeast: 2 } }).missing,
    ).toEqual({ kind: "minimum-share", share: 0.5, atLeast: 2 });
    expect(resolveValidationOptions({ missing: { minimumShare: 0.5 } }).missing).toEqual({
      kind: "minimum-share",
      share: 0.5,
    });
    for (const atLeast of [0, 1.5, -1, "2"]) {
      expect(() =>
        resolveValidationOptions({ missing: { minimumShare: 0.5, atLeast } as never }),
      ).toThrow(ServqualError);
    }
  });

  it("scores under the index rule: 1 of 4 items is too few, 2 of 4 enough", () => {
    const four = defineInstrument({
      id: "four",
      name: "Four-item index",
      scale: { min: 1, max: 5 },
      format: "perception-only",
      dimensions: dimensionsOf({ T: ["t1", "t2", "t3", "t4"] }),
    });
    const rows = [
      { respondent_id: "x", P_t1: 5, P_t2: "", P_t3: "", P_t4: "" },
      { respondent_id: "y", P_t1: 5, P_t2: 3, P_t3: "", P_t4: "" },
      { respondent_id: "z", P_t1: 1, P_t2: 2, P_t3: 4, P_t4: "" },
    ];
    const plain = validateResponses(rows, four, { missing: { minimumShare: 0.25 } });
    expect(
      valuesOf(respondentScores(plain.dataset, { facet: "perception", level: "overall" })),
    ).toEqual([5, 4, 7 / 3]);
    const index = validateResponses(rows, four, { missing: { minimumShare: 0.25, atLeast: 2 } });
    // x answered 1 item: excluded at validation (no dimension can be scored), y and z kept.
    expect(index.report.rowsIn).toBe(3);
    expect(index.report.rowsUsed + index.report.rowsExcluded).toBe(3);
    expect(index.dataset.ids).toEqual(["y", "z"]);
    expect(index.report.excludedRows[0]?.reasons.map((r) => r.message).join(" ")).toMatch(
      /at least 2 items/,
    );
    expect(
      valuesOf(respondentScores(index.dataset, { facet: "perception", level: "overall" })),
    ).toEqual([4, 7 / 3]);
  });
});

describe("respondentScores against a direct computation from the records (fast-check)", () => {
  const SIZES = { A: 2, B: 3, C: 4 };
  const ids = Object.entries(SIZES).flatMap(([d, k]) =>
    Array.from({ length: k }, (_, i) => `${d.toLowerCase()}${i}`),
  );
  const instrument = defineInstrument({
    id: "three",
    name: "Three dimensions",
    scale: { min: 1, max: 7 },
    format: "expectation-perception",
    dimensions: dimensionsOf({
      A: ids.slice(0, 2),
      B: ids.slice(2, 5),
      C: ids.slice(5, 9),
    }),
  });
  const cell = fc.option(fc.integer({ min: 1, max: 7 }), { freq: 3, nil: null });
  const person = fc.record({
    e: fc.array(cell, { minLength: 9, maxLength: 9 }),
    p: fc.array(cell, { minLength: 9, maxLength: 9 }),
  });
  type Missing = "pairwise" | { readonly minimumShare: number; readonly atLeast?: number };
  const missing = fc.constantFrom<Missing>(
    "pairwise",
    { minimumShare: 0.5 },
    { minimumShare: 0.75 },
    { minimumShare: 0.5, atLeast: 2 },
    { minimumShare: 0.25, atLeast: 3 },
  );
  /** Items a score needs, written out: max(atLeast, ⌈share·k⌉), 1 for pairwise. */
  const need = (m: Missing, k: number) =>
    m === "pairwise" ? 1 : Math.max(m.atLeast ?? 1, Math.ceil(m.minimumShare * k));

  it("dimension and overall gap scores equal the mean of the answered pairs under the rule", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 12 }), missing, (drawn, m) => {
        // A first respondent who answered everything, so that some row is always usable.
        const people = [{ e: ids.map(() => 4), p: ids.map(() => 5) }, ...drawn];
        const records = people.map((x, r) => {
          const out: Record<string, unknown> = { respondent_id: `r${r}` };
          ids.forEach((id, i) => {
            out[`E_${id}`] = x.e[i] ?? "";
            out[`P_${id}`] = x.p[i] ?? "";
          });
          return out;
        });
        const { dataset } = validateResponses(records, instrument, { missing: m });
        const kept = dataset.ids.map((id) => people[Number(id.slice(1))] as (typeof people)[0]);
        const dims = respondentScores(dataset, { facet: "gap", level: "dimension" });
        const overall = respondentScores(dataset, { facet: "gap", level: "overall" });
        kept.forEach((x, r) => {
          let start = 0;
          const scored: number[] = [];
          Object.values(SIZES).forEach((k, d) => {
            const gaps: number[] = [];
            for (let i = start; i < start + k; i++) {
              const e = x.e[i];
              const p = x.p[i];
              if (e !== null && e !== undefined && p !== null && p !== undefined) gaps.push(p - e);
            }
            start += k;
            const actual = (dims[d] as Float64Array)[r] as number;
            if (gaps.length < need(m, k)) {
              expect(actual).toBeNaN();
              return;
            }
            const expected = gaps.reduce((a, b) => a + b, 0) / gaps.length;
            expect(Math.abs(actual - expected)).toBeLessThan(1e-12);
            scored.push(expected);
          });
          const o = overall[r] as number;
          if (scored.length === 0) expect(o).toBeNaN();
          else
            expect(Math.abs(o - scored.reduce((a, b) => a + b, 0) / scored.length)).toBeLessThan(
              1e-12,
            );
        });
      }),
      { numRuns: 150 },
    );
  });
});
