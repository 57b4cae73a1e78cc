/**
 * Two-wave Gap 5: expectations before the visit, perceptions after it, joined by respondent
 * id. Unmatched respondents of each wave are counted, listed and excluded; the joined dataset
 * gives the same Gap 5 as the same answers read from one file (the independent reference).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap5 } from "../../src/gaps/gap5";
import { joinWaves, waveInstrument } from "../../src/responses/joinWaves";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, TINY_ITEMS, tinyInstrument } from "../gaps/tinySurvey";

type Answers = readonly (number | "")[];
const wave = (prefix: "E_" | "P_", id: string, answers: Answers, extra = {}) => {
  const record: Record<string, unknown> = { respondent_id: id, ...extra };
  TINY_ITEMS.forEach((item, i) => {
    record[`${prefix}${item}`] = answers[i];
  });
  return record;
};
const preWave = (rows: Record<string, unknown>[], options = {}) =>
  validateResponses(rows, waveInstrument(tinyInstrument, "expectation"), options);
const postWave = (rows: Record<string, unknown>[], options = {}) =>
  validateResponses(rows, waveInstrument(tinyInstrument, "perception"), options);

function caught(call: () => unknown): ServqualError {
  try {
    call();
  } catch (error) {
    if (error instanceof ServqualError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("joinWaves", () => {
  const expectations = preWave([
    wave("E_", "a", [7, 7, 7, 7, 7]),
    wave("E_", "b", [6, 6, 6, 6, 6], { region: "north" }),
    wave("E_", "c", [5, 6, 7, 5, 6], { region: "south" }),
    wave("E_", "d", [7, 6, 5, 7, 6]),
  ]);
  const perceptions = postWave([
    wave("P_", "d", [5, 5, 5, 5, 5]),
    wave("P_", "e", [1, 1, 1, 1, 1]),
    wave("P_", "b", [4, 5, 6, 4, 5]),
    wave("P_", "c", [5, 5, 5, 5, 5]),
  ]);

  it("matches by id, keeps the expectation wave's order and reports the unmatched of each wave", () => {
    const { dataset, report } = joinWaves(expectations.dataset, perceptions.dataset);
    expect(dataset.ids).toEqual(["b", "c", "d"]);
    expect(dataset.instrument.format).toBe("expectation-perception");
    expect(Array.from(dataset.sourceRows)).toEqual([2, 3, 4]);
    expect(Array.from(dataset.facets.perception?.[0] ?? [])).toEqual([4, 5, 5]);
    expect(Array.from(dataset.facets.expectation?.[0] ?? [])).toEqual([6, 5, 7]);
    expect(report.expectations).toEqual({ rows: 4, matched: 3, unmatched: 1 });
    expect(report.perceptions).toEqual({ rows: 4, matched: 3, unmatched: 1 });
    expect(report.rowsIn).toBe(5);
    expect(report.rowsUsed).toBe(3);
    expect(report.rowsExcluded).toBe(2);
    expect(report.exclusionCounts["unmatched-respondent"]).toBe(2);
    expect(report.excludedRows.map((r) => [r.id, r.row])).toEqual([
      ["a", 1],
      ["e", 2],
    ]);
    expect(report.excludedRows[0]?.reasons[0]?.message).toMatch(/expectation wave \(row 1\)/);
    expect(report.excludedRows[1]?.reasons[0]?.message).toMatch(/perception wave \(row 2\)/);
  });

  it("gap5 of the join equals gap5 of the same answers in one file (hand-checked item a1)", () => {
    const joined = joinWaves(expectations.dataset, perceptions.dataset).dataset;
    const oneFile = validateResponses(
      [
        { ...wave("E_", "b", [6, 6, 6, 6, 6]), ...wave("P_", "b", [4, 5, 6, 4, 5]) },
        { ...wave("E_", "c", [5, 6, 7, 5, 6]), ...wave("P_", "c", [5, 5, 5, 5, 5]) },
        { ...wave("E_", "d", [7, 6, 5, 7, 6]), ...wave("P_", "d", [5, 5, 5, 5, 5]) },
      ],
      tinyInstrument,
    ).dataset;
    const a = gap5(joined, { reliability: false });
    const b = gap5(oneFile, { reliability: false });
    // item a1: gaps 4 − 6, 5 − 5, 5 − 7 → mean −4/3
    near(a.items[0]?.gap.mean, -4 / 3, 1e-12);
    expect(JSON.stringify(a.items)).toBe(JSON.stringify(b.items));
    expect(JSON.stringify(a.dimensions)).toBe(JSON.stringify(b.dimensions));
  });

  it("carries segments from the waves and the perception wave's dates", () => {
    const post = postWave(
      [
        wave("P_", "b", [4, 5, 6, 4, 5], { date: "2026-03-02", channel: "web" }),
        wave("P_", "c", [5, 5, 5, 5, 5], { date: "2026-03-05", channel: "branch" }),
      ],
      { columns: { segments: ["channel"] } },
    );
    const pre = preWave(
      [
        wave("E_", "b", [6, 6, 6, 6, 6], { region: "north" }),
        wave("E_", "c", [5, 6, 7, 5, 6], { region: "south" }),
      ],
      { columns: { segments: ["region"] } },
    );
    const { dataset } = joinWaves(pre.dataset, post.dataset);
    expect(dataset.segments.map((s) => [s.name, s.values])).toEqual([
      ["region", ["north", "south"]],
      ["channel", ["web", "branch"]],
    ]);
    expect(Array.from(dataset.dates ?? [])).toEqual([Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 5)]);
  });

  it("a matched pair without enough items on both sides is excluded with too-few-items", () => {
    const pre = preWave([wave("E_", "x", [5, 5, "", "", ""]), wave("E_", "y", [6, 6, 6, 6, 6])]);
    const post = postWave([wave("P_", "x", ["", "", 4, 4, 4]), wave("P_", "y", [5, 5, 5, 5, 5])]);
    const { dataset, report } = joinWaves(pre.dataset, post.dataset);
    expect(dataset.ids).toEqual(["y"]);
    expect(report.exclusionCounts["too-few-items"]).toBe(1);
    expect(report.rowsIn).toBe(2);
    expect(report.expectations.matched).toBe(2);
  });

  it("duplicate ids follow the existing rule inside each wave: the first row claims the id", () => {
    const pre = preWave([wave("E_", "b", [6, 6, 6, 6, 6]), wave("E_", "b", [1, 1, 1, 1, 1])]);
    expect(pre.report.exclusionCounts["duplicate-id"]).toBe(1);
    const { dataset } = joinWaves(pre.dataset, perceptions.dataset);
    expect(Array.from(dataset.facets.expectation?.[0] ?? [])).toEqual([6]);
  });

  it("bad input: waves without ids, the wrong facets, other scales, nothing matched", () => {
    const noIds = validateResponses(
      [{ E_a1: 5, E_a2: 5 }],
      waveInstrument(tinyInstrument, "expectation"),
    );
    expect(caught(() => joinWaves(noIds.dataset, perceptions.dataset)).issues[0]?.code).toBe(
      "no-id-column",
    );
    expect(
      caught(() => joinWaves(perceptions.dataset, expectations.dataset)).issues.map((i) => i.code),
    ).toEqual(["absent-facet", "absent-facet"]);
    const tenPoint = {
      ...perceptions.dataset,
      instrument: {
        ...perceptions.dataset.instrument,
        scale: { ...tinyInstrument.scale, max: 10 },
      },
    };
    expect(caught(() => joinWaves(expectations.dataset, tenPoint)).issues[0]?.code).toBe(
      "scale-mismatch",
    );
    const nobody = postWave([wave("P_", "zz", [5, 5, 5, 5, 5])]);
    expect(caught(() => joinWaves(expectations.dataset, nobody.dataset)).code).toBe(
      "no-usable-rows",
    );
    expect(caught(() => joinWaves(expectations.dataset, undefined as never)).code).toBe(
      "invalid-argument",
    );
    expect(
      caught(() => joinWaves(expectations.dataset, perceptions.dataset, { issueLimt: 1 } as never))
        .message,
    ).toMatch(/did you mean 'issueLimit'/);
    expect(caught(() => waveInstrument(tinyInstrument, "desired" as never)).code).toBe(
      "invalid-argument",
    );
  });

  it("property: every respondent of both waves is used or excluded, per wave rows = matched + unmatched", () => {
    const ids = fc.uniqueArray(fc.integer({ min: 0, max: 15 }), { maxLength: 10 });
    fc.assert(
      fc.property(ids, ids, (left, right) => {
        fc.pre(left.some((id) => right.includes(id)));
        const pre = preWave(left.map((id) => wave("E_", `r${id}`, [5, 5, 5, 5, 5])));
        const post = postWave(right.map((id) => wave("P_", `r${id}`, [4, 4, 4, 4, 4])));
        const { dataset, report } = joinWaves(pre.dataset, post.dataset);
        const both = left.filter((id) => right.includes(id)).length;
        expect(dataset.n).toBe(both);
        expect(report.rowsUsed + report.rowsExcluded).toBe(report.rowsIn);
        expect(report.rowsIn).toBe(left.length + right.length - both);
        expect(report.expectations.unmatched).toBe(left.length - both);
        expect(report.perceptions.unmatched).toBe(right.length - both);
      }),
      { numRuns: 60 },
    );
  });
});
