/**
 * Ids on the SQL path: with `id` (and `orderBy`), a row with a blank id is excluded
 * (`blank-id`) and every later row repeating an id is excluded (`duplicate-id`), as
 * validateResponses does; rows in = used + excluded. Checked on the demo bank survey with every
 * row (its respondent R0205 answers twice) and one id blanked, in DuckDB and PostgreSQL, for
 * gapSql and servperfSql: the same counts and results as in memory.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { servperf } from "../../src/gaps/servperf";
import { instruments } from "../../src/instrument/instruments";
import { validateResponses } from "../../src/responses/validateResponses";
import { gapSql } from "../../src/sql/gapSql";
import { runGapSql } from "../../src/sql/runGapSql";
import { runServperfSql } from "../../src/sql/runServperfSql";
import type { Engine, Table } from "./engines";
import { demoRecordsAll, demoTableAll, json, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";

const BLANKED = 9; // this data row's id is blank
const records = demoRecordsAll.map((record, r) =>
  r === BLANKED ? { ...record, respondent_id: " " } : record,
);
const table: Table = {
  header: ["line", ...demoTableAll.header],
  rows: demoTableAll.rows.map((row, r) => [
    String(r + 2).padStart(6, "0"),
    ...(r === BLANKED ? [" ", ...row.slice(1)] : row),
  ]),
};
const options = {
  table: "demo all",
  cells: "text" as const,
  id: "respondent_id",
  orderBy: "line",
};
const gapOptions = { ...options, columns: { weight: "W_{dimension}" } };

for (const { name, open } of parityEngines()) {
  describe(`ids on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("demo all", table, { text: true });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    it("gapSql: blank and duplicate ids excluded as in memory", async () => {
      const { dataset, report } = validateResponses(records, instruments.servqual22);
      expect(report.exclusionCounts["duplicate-id"]).toBe(1);
      expect(report.exclusionCounts["blank-id"]).toBe(1);
      const [group] = (await runGapSql(engine.connection, instruments.servqual22, gapOptions))
        .groups;
      expect(group?.validation.rowsIn).toBe(records.length);
      expect(group?.validation.rowsUsed).toBe(report.rowsUsed);
      expect(group?.validation.rowsExcluded).toBe(report.rowsExcluded);
      expect(group?.validation.exclusionCounts).toEqual(report.exclusionCounts);
      expect((group?.validation.rowsUsed ?? 0) + (group?.validation.rowsExcluded ?? 0)).toBe(
        records.length,
      );
      expectSameNumbers(json(group?.result), json(gap5(dataset)));
    }, 300_000);

    it("servperfSql: the same rows kept", async () => {
      const { dataset, report } = validateResponses(records, instruments.servqual22);
      const [group] = await runServperfSql(engine.connection, instruments.servqual22, options);
      expect(group?.validation.exclusionCounts).toEqual(report.exclusionCounts);
      expect(group?.validation.rowsUsed).toBe(report.rowsUsed);
      expectSameNumbers(json(group?.result), json(servperf(dataset)));
    }, 300_000);

    it("the first row in orderBy order is kept", async () => {
      // Reversed order: the later R0205 row is kept, so the result differs from the default.
      const reversed = { ...gapOptions, orderBy: "line" };
      const last = records.map((x) => x.respondent_id).lastIndexOf("R0205");
      const kept = records.filter((record, r) => record.respondent_id !== "R0205" || r === last);
      await engine.run(
        `CREATE OR REPLACE VIEW "demo reversed" AS SELECT "respondent_id", "line" AS "old", ${table.header
          .slice(2)
          .map((h) => `"${h}"`)
          .join(
            ", ",
          )}, CAST(1000000 - CAST("line" AS INTEGER) AS VARCHAR) AS "line" FROM "demo all"`,
      );
      const [group] = (
        await runGapSql(engine.connection, instruments.servqual22, {
          ...reversed,
          table: "demo reversed",
        })
      ).groups;
      const { dataset } = validateResponses(kept, instruments.servqual22);
      expectSameNumbers(json(group?.result), json(gap5(dataset)));
    }, 300_000);
  });
}

describe("id options", () => {
  it("refuses orderBy without id and a bad id name", () => {
    expect(() =>
      gapSql(instruments.servqual22, { table: "t", dialect: "duckdb", orderBy: "line" }),
    ).toThrow(/orderBy/);
    expect(() => gapSql(instruments.servqual22, { table: "t", dialect: "duckdb", id: "" })).toThrow(
      /id/,
    );
  });
});
