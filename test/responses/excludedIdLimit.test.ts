/**
 * The memory bound of the duplicate-id rule: the first EXCLUDED_ID_LIMIT excluded rows with ids
 * claim them (a later row with such an id is excluded as a duplicate); past the limit, one
 * `ids-not-tracked` issue names the row from which excluded rows claim nothing, and the ids of
 * used rows are still always checked. Every row is accounted for.
 */
import { describe, expect, it } from "vitest";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import { EXCLUDED_ID_LIMIT } from "../../src/responses/createDatasetBuilder";
import { validateResponses } from "../../src/responses/validateResponses";

const instrument = defineInstrument({
  id: "one-item",
  name: "One item",
  scale: { min: 1, max: 7 },
  format: "expectation-perception",
  dimensions: [{ id: "d1", label: "D1", items: [{ id: "q1", label: "Q1" }] }],
});

describe("excluded rows claim their ids up to EXCLUDED_ID_LIMIT", () => {
  it("keeps the rule below the limit and records ids-not-tracked past it", () => {
    const excluded = EXCLUDED_ID_LIMIT + 5;
    const rows: (string | number)[][] = [];
    // Rows 1..excluded: unusable (no answers), ids x0, x1, ….
    for (let i = 0; i < excluded; i++) rows.push([`x${i}`, "", ""]);
    // Then: a used row; a duplicate of a claimed excluded id (x0), a row repeating the id of an
    // excluded row past the limit (not tracked, so used), a duplicate of a used row's id.
    rows.push(["kept", 4, 5]);
    rows.push(["x0", 3, 3]);
    rows.push([`x${EXCLUDED_ID_LIMIT + 2}`, 2, 6]);
    rows.push(["kept", 1, 1]);
    const { report, dataset } = validateResponses(
      { header: ["respondent_id", "E_q1", "P_q1"], rows },
      instrument,
    );
    expect(report.rowsIn).toBe(excluded + 4);
    expect(report.rowsUsed + report.rowsExcluded).toBe(report.rowsIn);
    expect(dataset.ids).toEqual(["kept", `x${EXCLUDED_ID_LIMIT + 2}`]);
    expect(report.rowsExcluded).toBe(excluded + 2);
    const notTracked = report.issues.filter((issue) => issue.code === "ids-not-tracked");
    expect(notTracked).toHaveLength(1);
    // Data row numbers count from 1: the first excluded row past the limit.
    expect(notTracked[0]?.row).toBe(EXCLUDED_ID_LIMIT + 1);
    expect(notTracked[0]?.column).toBe("respondent_id");
  });
});
