/**
 * noUsableRowsIssues: the reasons rows were excluded are grouped by their code, not by their
 * sentence, so one kind of reason is stated once however its sentences vary.
 */
import { describe, expect, it } from "vitest";
import type { ExcludedRow } from "../../src/_lib/issueLog";
import { notice } from "../../src/_lib/notice";
import { instruments } from "../../src/instrument/instruments";
import { noUsableRowsIssues } from "../../src/responses/noUsableRowsIssues";
import { validateResponses } from "../../src/responses/validateResponses";
import { fullRecord, servqualErrorOf } from "./helpers";

const population = (label: string) =>
  notice("unknown-population", `the population "${label}" is not one of customers or managers`);

describe("noUsableRowsIssues", () => {
  it("groups reasons by code: differently worded reasons of one code are one summary", () => {
    const excluded: ExcludedRow[] = [
      { row: 1, id: "a", reasons: [population("suppliers")] },
      { row: 2, id: "b", reasons: [notice("blank-id", "the respondent id is blank")] },
      { row: 3, id: "c", reasons: [population("franchisees")] },
      { row: 4, id: "d", reasons: [population("suppliers")] },
    ];
    const summary = noUsableRowsIssues([], excluded).filter((i) => i.code === "rows-excluded");
    expect(summary.map((i) => [i.message, i.row])).toEqual([
      [
        '3 rows excluded (data rows 1, 3, 4): the population "suppliers" is not one of customers or managers (the first of them; reason unknown-population)',
        1,
      ],
      ["1 row excluded (data row 2): the respondent id is blank", 2],
    ]);
  });

  it("states a reason whose rows share one sentence without the marker", () => {
    const excluded: ExcludedRow[] = [1, 2].map((row) => ({
      row,
      line: row + 1,
      id: null,
      reasons: [notice("blank-id", "the respondent id is blank")],
    }));
    const issues = noUsableRowsIssues([], excluded);
    expect(issues[0]).toEqual({
      code: "rows-excluded",
      message: "2 rows excluded (data rows 1, 2): the respondent id is blank",
      row: 1,
      line: 2,
    });
    // Then the rows one by one.
    expect(issues.slice(1).map((i) => [i.code, i.row])).toEqual([
      ["row-excluded", 1],
      ["row-excluded", 2],
    ]);
  });

  it("keeps apart reasons of different codes that share a sentence", () => {
    const excluded: ExcludedRow[] = [
      { row: 1, id: "a", reasons: [notice("no-answers", "same words")] },
      { row: 2, id: "b", reasons: [notice("blank-id", "same words")] },
    ];
    const summary = noUsableRowsIssues([], excluded).filter((i) => i.code === "rows-excluded");
    expect(summary).toHaveLength(2);
  });

  it("one unknown-population summary for several unknown labels in a dataset", () => {
    const records = ["suppliers", "franchisees", "suppliers", "agents"].map((role, r) => ({
      ...fullRecord(`r${r + 1}`, {}),
      role,
    }));
    const error = servqualErrorOf(() =>
      validateResponses(records, instruments.servqual22, { columns: { population: "role" } }),
    );
    expect(error.code).toBe("no-usable-rows");
    const summary = error.issues.filter((i) => i.code === "rows-excluded");
    expect(summary).toHaveLength(1);
    expect(summary[0]?.message).toMatch(
      /^4 rows excluded \(data rows 1, 2, 3, 4\): the population "suppliers" is not one of .*\(the first of them; reason unknown-population\)$/,
    );
  });
});
