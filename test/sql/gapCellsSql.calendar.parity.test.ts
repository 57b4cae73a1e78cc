/**
 * Parity of the context cells through SQL with gapCells in memory for the calendars beyond UTC
 * weeks, months, quarters and years: local calendars in time zones (the engine's AT TIME
 * ZONE), fiscal years starting in April, meteorological and custom seasons; and impossible
 * dates (2024-13-45, 2023-02-29) that land in the undated cell, counted, instead of failing
 * the statement. Run inside DuckDB and PostgreSQL on the demo bank survey (cells as text).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gapCells } from "../../src/context/gapCells";
import { instruments } from "../../src/instrument/instruments";
import { validateResponses } from "../../src/responses/validateResponses";
import { gapCellsSql } from "../../src/sql/gapCellsSql";
import { runGapCellsSql } from "../../src/sql/runGapCellsSql";
import type { Engine, Table } from "./engines";
import { demoRecords, demoTable, json, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";

const DATE = demoTable.header.indexOf("date");
const impossible = new Map([
  [4, "2024-13-45"],
  [60, "2023-02-29"],
  [61, "2024-04-31T10:00:00Z"],
]);
const undated = new Set([3, 50]);
const table: Table = {
  header: demoTable.header,
  rows: demoTable.rows.map((row, r) =>
    row.map((cell, c) => (c !== DATE ? cell : undated.has(r) ? null : (impossible.get(r) ?? cell))),
  ),
};
const records = demoRecords.map((record, r) => ({
  ...record,
  ...(undated.has(r) ? { date: "" } : {}),
  ...(impossible.has(r) ? { date: impossible.get(r) } : {}),
}));
const { dataset, report } = validateResponses(records, instruments.servqual22, {
  columns: { segments: ["region", "channel"] },
});

const CALENDARS = [
  { name: "months, UTC, with impossible dates", options: { period: "month" as const } },
  {
    name: "months in New York",
    options: { period: "month" as const, timeZone: "America/New_York" },
  },
  {
    name: "ISO weeks in Sydney",
    options: { period: "week" as const, timeZone: "Australia/Sydney" },
  },
  {
    name: "fiscal years from April",
    options: { period: "fiscal-year" as const, fiscalYearStart: 4 },
  },
  {
    name: "fiscal years from July in Auckland",
    options: { period: "fiscal-year" as const, fiscalYearStart: 7, timeZone: "Pacific/Auckland" },
  },
  {
    name: "southern seasons",
    options: { period: "season" as const, seasons: "southern" as const },
  },
  {
    name: "custom seasons in Berlin",
    options: {
      period: "season" as const,
      timeZone: "Europe/Berlin",
      seasons: { warm: [5, 6, 7, 8, 9], cold: [10, 11, 12, 1, 2, 3, 4] },
    },
  },
];

for (const { name, open } of parityEngines()) {
  describe(`gapCellsSql calendars on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("demo calendar", table, { text: true });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    for (const calendar of CALENDARS) {
      it(`${calendar.name} × region`, async () => {
        const { cells, validation } = await runGapCellsSql(
          engine.connection,
          instruments.servqual22,
          {
            table: "demo calendar",
            cells: "text",
            columns: { weight: "W_{dimension}" },
            date: "date",
            by: ["region"],
            minimumN: 5,
            ...calendar.options,
          },
        );
        const expected = gapCells(dataset, { by: ["region"], minimumN: 5, ...calendar.options });
        expect(report.issueCounts["bad-date"]).toBe(impossible.size);
        expect(validation.rowsIn).toBe(table.rows.length);
        expect(validation.rowsUsed).toBe(dataset.n);
        expect(cells.rowsUndated).toBe(undated.size + impossible.size);
        expect(expected.rowsUndated).toBe(undated.size + impossible.size);
        expect(cells.issues.issueCounts).toEqual(expected.issues.issueCounts);
        const { issues: _a, ...actualRest } = json(cells);
        const { issues: _b, ...expectedRest } = json(expected);
        expectSameNumbers(actualRest, expectedRest);
      }, 300_000);
    }
  });
}

describe("gapCellsSql calendar options", () => {
  const base = { table: "t", dialect: "duckdb" as const, date: "d" };
  it("refuses calendar options that do not fit", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return "none";
    };
    const servqual22 = instruments.servqual22;
    expect(code(() => gapCellsSql(servqual22, { ...base, period: "fiscal-year" }))).toBe(
      "invalid-argument",
    );
    expect(
      code(() => gapCellsSql(servqual22, { ...base, period: "month", timeZone: "Mars/Olympus" })),
    ).toBe("invalid-argument");
    expect(
      code(() => gapCellsSql(servqual22, { ...base, period: "month", seasons: "southern" })),
    ).toBe("invalid-argument");
    expect(
      code(() =>
        gapCellsSql(servqual22, { table: "t", dialect: "duckdb", timeZone: "Europe/Berlin" }),
      ),
    ).toBe("invalid-argument");
    // The zone is a bound value, never SQL text.
    const { text, parameters } = gapCellsSql(servqual22, {
      ...base,
      period: "month",
      timeZone: "Europe/Berlin",
    });
    expect(text).not.toContain("Europe/Berlin");
    expect(parameters).toContain("Europe/Berlin");
  });
});
