/**
 * The management survey (Gap 1): managers' estimates of customers' expectations, read against
 * the customer instrument's expectation-only twin. Every row is used or excluded with a coded
 * reason; a file on another scale and estimate columns of unknown items are coded issues.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { instruments } from "../../src/instrument/instruments";
import { readManagementSurveyCsv } from "../../src/io/readManagementSurveyCsv";
import {
  managementInstrument,
  validateManagementSurvey,
} from "../../src/responses/validateManagementSurvey";
import { tinyInstrument } from "../gaps/tinySurvey";

const manager = (id: string, e: readonly (number | string)[], extra = {}) => ({
  respondent_id: id,
  E_a1: e[0],
  E_a2: e[1],
  E_b1: e[2],
  E_b2: e[3],
  E_b3: e[4],
  ...extra,
});

function caught(call: () => unknown): ServqualError {
  try {
    call();
  } catch (error) {
    if (error instanceof ServqualError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("validateManagementSurvey", () => {
  it("reads one row per manager into expectation columns, population managers", () => {
    const survey = validateManagementSurvey(
      [manager("m1", [5, 6, 6, 5, 6]), manager("m2", [4, 5, 7, 6, 7])],
      tinyInstrument,
    );
    expect(survey.kind).toBe("management-survey");
    expect(survey.customerInstrument).toBe("tiny-two-dimensions");
    expect(survey.dataset.instrument.format).toBe("expectation-only");
    expect(Array.from(survey.dataset.facets.expectation?.[2] ?? [])).toEqual([6, 7]);
    expect(survey.dataset.facets.perception).toBeUndefined();
    expect(survey.dataset.population?.labels[survey.dataset.population.codes[0] as number]).toBe(
      "managers",
    );
    expect(survey.report.rowsIn).toBe(2);
    expect(survey.report.rowsUsed).toBe(2);
    expect(survey.report.issues).toEqual([]);
  });

  it("recodes reverse-keyed items as the customers' side is recoded (1988 SERVQUAL item 10)", () => {
    const row: Record<string, unknown> = {
      respondent_id: "m1",
      E_10: 2,
      E_11: 3,
      E_12: 4,
      E_13: 5,
    };
    const survey = validateManagementSurvey([row], instruments.servqual1988);
    // item 10 is negatively worded in 1988: 2 on a 1–7 scale reads as 8 − 2 = 6
    const items = instruments.servqual1988.dimensions.flatMap((d) => d.items.map((i) => i.id));
    expect(survey.dataset.facets.expectation?.[items.indexOf("10")]?.[0]).toBe(6);
  });

  it("a declared scale other than the instrument's throws scale-mismatch", () => {
    const error = caught(() =>
      validateManagementSurvey([manager("m1", [5, 6, 6, 5, 6])], tinyInstrument, {
        scale: { min: 1, max: 10 },
      }),
    );
    expect(error.code).toBe("invalid-input");
    expect(error.issues.map((i) => i.code)).toEqual(["scale-mismatch"]);
    expect(error.issues[0]?.message).toMatch(/1–10.*1–7/);
    // the same scale declared is fine
    expect(
      validateManagementSurvey([manager("m1", [5, 6, 6, 5, 6])], tinyInstrument, {
        scale: { min: 1, max: 7 },
      }).report.rowsUsed,
    ).toBe(1);
    expect(
      caught(() =>
        validateManagementSurvey([manager("m1", [5, 6, 6, 5, 6])], tinyInstrument, {
          scale: { min: 1 } as never,
        }),
      ).code,
    ).toBe("invalid-options");
  });

  it("answers outside the scale: each out-of-range, and one scale-mismatch for the file", () => {
    const survey = validateManagementSurvey(
      [manager("m1", [9, 10, 8, 6, 6]), manager("m2", [4, 5, 7, 6, 7])],
      tinyInstrument,
    );
    expect(survey.report.issueCounts["out-of-range"]).toBe(3);
    expect(survey.report.issueCounts["scale-mismatch"]).toBe(1);
    const fileIssue = survey.report.issues.find((i) => i.code === "scale-mismatch");
    expect(fileIssue?.row).toBe(0);
    expect(fileIssue?.message).toMatch(/^3 answers lie outside/);
    // file-level issue sorts first (header, row 0)
    expect(survey.report.issues[0]?.code).toBe("scale-mismatch");
    expect(Number.isNaN(survey.dataset.facets.expectation?.[0]?.[0])).toBe(true);
  });

  it("an estimate column of an unknown item is a coded issue; P columns are ignored", () => {
    const survey = validateManagementSurvey(
      [manager("m1", [5, 6, 6, 5, 6], { E_zz: 4, P_a1: 3 })],
      tinyInstrument,
    );
    expect(survey.report.issueCounts["unknown-item-column"]).toBe(1);
    const issue = survey.report.issues.find((i) => i.code === "unknown-item-column");
    expect(issue?.column).toBe("E_zz");
    expect(survey.report.columns.ignored).toEqual(["E_zz", "P_a1"]);
  });

  it("a renamed estimate template is honoured for unknown-item checks", () => {
    const survey = validateManagementSurvey(
      [{ respondent_id: "m1", est_a1: 5, est_b1: 6, est_q9: 2 }],
      tinyInstrument,
      { columns: { expectation: "est_{item}" } },
    );
    expect(
      survey.report.issues.filter((i) => i.code === "unknown-item-column").map((i) => i.column),
    ).toEqual(["est_q9"]);
    expect(survey.dataset.facets.expectation?.[0]?.[0]).toBe(5);
  });

  it("duplicate manager ids: the later row is excluded (the existing id rule)", () => {
    const survey = validateManagementSurvey(
      [manager("m1", [5, 6, 6, 5, 6]), manager("m1", [4, 5, 7, 6, 7])],
      tinyInstrument,
    );
    expect(survey.report.rowsUsed).toBe(1);
    expect(survey.report.rowsExcluded).toBe(1);
    expect(survey.report.exclusionCounts["duplicate-id"]).toBe(1);
    expect(survey.report.excludedRows[0]?.row).toBe(2);
  });

  it("zero managers: an empty file throws empty-input, all rows unusable throws no-usable-rows", () => {
    expect(caught(() => validateManagementSurvey([], tinyInstrument)).code).toBe("empty-input");
    expect(
      caught(() => validateManagementSurvey([manager("m1", ["", "", "", "", ""])], tinyInstrument))
        .code,
    ).toBe("no-usable-rows");
  });

  it("a __proto__ column is inert and reported", () => {
    const row = JSON.parse('{"respondent_id":"m1","E_a1":5,"__proto__":{"polluted":1}}');
    const survey = validateManagementSurvey([row], tinyInstrument);
    expect(survey.report.rowsUsed).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(survey.report.issueCounts["unsafe-column"]).toBe(1);
  });

  it("rejects instruments that ask no expectations and wrong arguments", () => {
    expect(caught(() => validateManagementSurvey([], instruments.servperf22)).code).toBe(
      "invalid-argument",
    );
    expect(caught(() => managementInstrument(instruments.libqualCore22)).code).toBe(
      "invalid-argument",
    );
    expect(caught(() => validateManagementSurvey("rows" as never, tinyInstrument)).code).toBe(
      "invalid-argument",
    );
    expect(
      caught(() => validateManagementSurvey([], tinyInstrument, { scal: 1 } as never)).message,
    ).toMatch(/did you mean 'scale'/);
  });

  it("managementInstrument keeps items, scale and id; an expectation-only one is returned as is", () => {
    const twin = managementInstrument(tinyInstrument);
    expect(twin.id).toBe(tinyInstrument.id);
    expect(twin.dimensions).toEqual(tinyInstrument.dimensions);
    expect(twin.scale).toEqual(tinyInstrument.scale);
    expect(Object.isFrozen(twin)).toBe(true);
    expect(managementInstrument(twin)).toBe(twin);
  });
});

describe("readManagementSurveyCsv", () => {
  const path = fileURLToPath(new URL("../fixtures/csv/managers-bad.csv", import.meta.url));

  it("accounts for every line: used + excluded, with coded reasons", async () => {
    const survey = await readManagementSurveyCsv(path, tinyInstrument);
    const { report } = survey;
    expect(report.rowsIn).toBe(4);
    expect(report.rowsUsed + report.rowsExcluded).toBe(4);
    expect(report.rowsUsed).toBe(2);
    expect(report.exclusionCounts["duplicate-id"]).toBe(1);
    expect(report.issueCounts["out-of-range"]).toBe(1);
    expect(report.issueCounts["scale-mismatch"]).toBe(1);
    expect(report.issueCounts["unknown-item-column"]).toBe(1);
    expect(survey.dataset.instrument.format).toBe("expectation-only");
  });

  it("a declared other scale throws before reading", async () => {
    await expect(
      readManagementSurveyCsv(path, tinyInstrument, { scale: { min: 0, max: 10 } }),
    ).rejects.toMatchObject({ code: "invalid-input" });
    await expect(readManagementSurveyCsv(42 as never, tinyInstrument)).rejects.toMatchObject({
      code: "invalid-argument",
    });
  });
});
