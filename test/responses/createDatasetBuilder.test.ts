/**
 * createDatasetBuilder: the row-at-a-time engine behind validateResponses and the CSV reader.
 */
import { describe, expect, it } from "vitest";
import { instruments } from "../../src/instrument/instruments";
import { createDatasetBuilder } from "../../src/responses/createDatasetBuilder";
import { columnOf, ITEM_IDS, servqualErrorOf } from "./helpers";

const servqual22 = instruments.servqual22;

describe("createDatasetBuilder", () => {
  it("grows past its capacity hint and keeps absent answer columns missing (NaN)", () => {
    const builder = createDatasetBuilder(
      servqual22,
      ["respondent_id", "E_1", "P_1", "W_tangibles"],
      { missing: "pairwise" },
      1,
    );
    for (let r = 1; r <= 40; r++) {
      expect(builder.push([`r${r}`, String((r % 7) + 1), "4", "100"], { row: r })).toBe(true);
    }
    const { dataset, report } = builder.finish();
    expect(dataset.n).toBe(40);
    expect(report.rowsIn).toBe(40);
    expect(Array.from(dataset.sourceRows)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(Array.from(columnOf(dataset, "expectation", "1"))).toEqual(
      Array.from({ length: 40 }, (_, i) => ((i + 1) % 7) + 1),
    );
    for (const item of ITEM_IDS.slice(1)) {
      const column = columnOf(dataset, "perception", item);
      expect(column).toHaveLength(40);
      expect(column.every(Number.isNaN)).toBe(true);
    }
    // W_tangibles = 100 → share 1; the other dimensions have no column → 0 points.
    expect(Array.from(dataset.weights?.[0] ?? [])).toEqual(Array(40).fill(1));
    expect(Array.from(dataset.weights?.[1] ?? [])).toEqual(Array(40).fill(0));
  });

  it("returns false for an excluded row and keeps the line of a file row", () => {
    const builder = createDatasetBuilder(servqual22, ["respondent_id", "E_1", "P_1"], {
      missing: "pairwise",
    });
    expect(builder.push(["a", "5", "6"], { row: 1, line: 2 })).toBe(true);
    expect(builder.push(["a", "5", "6"], { row: 2, line: 4 })).toBe(false);
    expect(builder.push(["b", "9", "x"], { row: 3, line: 5 })).toBe(false);
    const { report } = builder.finish();
    expect(report.excludedRows.map((row) => [row.row, row.line])).toEqual([
      [2, 4],
      [3, 5],
    ]);
    expect(report.issues.filter((i) => i.row !== 0).map((i) => [i.row, i.line, i.column])).toEqual([
      [3, 5, "E_1"],
      [3, 5, "P_1"],
    ]);
  });

  it("exposes the header after renaming", () => {
    const builder = createDatasetBuilder(servqual22, [" id ", "Q1e", "P_1"], {
      rename: { id: "respondent_id", Q1e: "E_1" },
    });
    expect(builder.header).toEqual(["respondent_id", "E_1", "P_1"]);
  });

  it("throws empty-input when finished without rows", () => {
    const builder = createDatasetBuilder(servqual22, ["respondent_id", "E_1", "P_1"]);
    expect(servqualErrorOf(() => builder.finish()).code).toBe("empty-input");
  });

  it("throws invalid-options for a bad option", () => {
    const error = servqualErrorOf(() =>
      createDatasetBuilder(servqual22, ["E_1"], { columns: { expectation: "E_" } }),
    );
    expect(error.code).toBe("invalid-options");
    expect(error.issues[0]?.message).toContain("columns.expectation");
  });
});
