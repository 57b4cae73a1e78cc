/**
 * Parity of the context cells through SQL with gapCells in memory, run inside DuckDB and
 * PostgreSQL on the demo bank survey (cells as text; a few dates and regions blanked so that
 * the undated cell and a blank-segment cell exist): per ISO week, month, quarter and year (UTC)
 * × region and channel, every cell's figures equal (counts exactly, statistics to 1e-12
 * relative); the issues are counted the same (SQL does not list them by row).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gapCells } from "../../src/context/gapCells";
import { instruments } from "../../src/instrument/instruments";
import { validateResponses } from "../../src/responses/validateResponses";
import { finishGapCellsSql, gapCellsSql } from "../../src/sql/gapCellsSql";
import { runGapCellsSql } from "../../src/sql/runGapCellsSql";
import type { Engine, Table } from "./engines";
import { demoRecords, demoTable, json, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";

const DATE = demoTable.header.indexOf("date");
const REGION = demoTable.header.indexOf("region");
const undated = new Set([3, 50, 51]);
const blankRegion = new Set([7, 80]);
const table: Table = {
  header: demoTable.header,
  rows: demoTable.rows.map((row, r) =>
    row.map((cell, c) =>
      (c === DATE && undated.has(r)) || (c === REGION && blankRegion.has(r)) ? null : cell,
    ),
  ),
};
const records = demoRecords.map((record, r) => ({
  ...record,
  ...(undated.has(r) ? { date: "" } : {}),
  ...(blankRegion.has(r) ? { region: "" } : {}),
}));
const { dataset } = validateResponses(records, instruments.servqual22, {
  columns: { segments: ["region", "channel"] },
});

for (const { name, open } of parityEngines()) {
  describe(`gapCellsSql on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("demo cells", table, { text: true });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    for (const period of ["month", "quarter", "year", "week"] as const) {
      it(`per ${period} × region and channel`, async () => {
        const by = period === "week" ? ["region"] : ["region", "channel"];
        const { cells, validation } = await runGapCellsSql(
          engine.connection,
          instruments.servqual22,
          {
            table: "demo cells",
            cells: "text",
            columns: { weight: "W_{dimension}" },
            period,
            date: "date",
            by,
            minimumN: 5,
            level: 0.9,
          },
        );
        const expected = gapCells(dataset, { period, by, minimumN: 5, level: 0.9 });
        expect(validation.rowsIn).toBe(table.rows.length);
        expect(validation.rowsUsed).toBe(dataset.n);
        expect(cells.rowsUndated).toBe(undated.size);
        expect(cells.issues.issueCounts).toEqual(expected.issues.issueCounts);
        const { issues: _a, ...actualRest } = json(cells);
        const { issues: _b, ...expectedRest } = json(expected);
        expectSameNumbers(actualRest, expectedRest);
      }, 300_000);
    }

    it("segments only (no period)", async () => {
      const options = {
        table: "demo cells",
        dialect: name,
        cells: "text" as const,
        columns: { weight: "W_{dimension}" },
        by: ["channel"],
      };
      const statement = gapCellsSql(instruments.servqual22, options);
      const rows =
        name === "duckdb"
          ? (
              await engine.connection.runAndReadAll(statement.text, [...statement.parameters])
            ).getRowObjectsJS()
          : (await engine.connection.query(statement.text, [...statement.parameters])).rows;
      const { cells } = finishGapCellsSql(rows, instruments.servqual22, options);
      const { issues: _a, ...actualRest } = json(cells);
      const { issues: _b, ...expectedRest } = json(gapCells(dataset, { by: ["channel"] }));
      expectSameNumbers(actualRest, expectedRest);
    }, 300_000);
  });
}

describe("gapCellsSql options", () => {
  it("refuses a period without a date column, an unknown period and groupBy", () => {
    const base = { table: "t", dialect: "duckdb" as const };
    expect(() => gapCellsSql(instruments.servqual22, { ...base, period: "month" })).toThrow(/date/);
    expect(() =>
      gapCellsSql(instruments.servqual22, { ...base, period: "decade" as never, date: "d" }),
    ).toThrow(/period/);
    expect(() => gapCellsSql(instruments.servqual22, { ...base, groupBy: ["x"] } as never)).toThrow(
      /groupBy/,
    );
  });
});
