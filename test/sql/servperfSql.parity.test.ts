/**
 * Parity of SERVPERF through SQL with servperf in memory: the kiosk oracle data, the demo bank
 * survey (cells as text, per region) and a seeded 100k-row survey (half points, reverse-keyed
 * items, missing and rejected answers) under each missing-data policy, run inside DuckDB and
 * PostgreSQL: counts equal, every other number within 1e-12 relative.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { servperf } from "../../src/gaps/servperf";
import { instruments } from "../../src/instrument/instruments";
import { validateColumns } from "../../src/responses/validateColumns";
import { validateResponses } from "../../src/responses/validateResponses";
import { runServperfSql } from "../../src/sql/runServperfSql";
import { finishServperfSql, servperfSql } from "../../src/sql/servperfSql";
import { kioskColumns, kioskInstrument, kioskRecords } from "../gaps/kioskInstrument";
import type { Cell, Engine } from "./engines";
import { demoRecords, demoTable, json, kioskTable, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";
import { halfPointInstrument, syntheticSurvey } from "./syntheticSurvey";

const synthetic = syntheticSurvey(100_000, 20261202);
const syntheticColumns = Object.fromEntries(
  synthetic.header.map((name, c) => [name, synthetic.rows.map((row) => row[c] as Cell)]),
);

for (const { name, open } of parityEngines()) {
  describe(`servperfSql on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("kiosk", kioskTable);
      await engine.load("demo bank", demoTable, { text: true });
      await engine.load("synthetic", synthetic, { textColumns: 1 });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    it("kiosk oracle data", async () => {
      const groups = await runServperfSql(engine.connection, kioskInstrument, {
        table: "kiosk",
        columns: { expectation: kioskColumns.expectation, perception: kioskColumns.perception },
        level: 0.9,
      });
      const { dataset, report } = validateResponses(kioskRecords, kioskInstrument, {
        columns: kioskColumns,
      });
      expect(groups).toHaveLength(1);
      expect(groups[0]?.validation.rowsIn).toBe(report.rowsIn);
      expect(groups[0]?.validation.rowsUsed).toBe(report.rowsUsed);
      expectSameNumbers(json(groups[0]?.result), json(servperf(dataset, { level: 0.9 })));
    }, 120_000);

    it("demo bank survey read as text: whole and per region", async () => {
      const { dataset, report } = validateResponses(demoRecords, instruments.servqual22, {
        columns: { segments: ["region"] },
      });
      const options = { table: "demo bank", cells: "text" as const };
      const [whole] = await runServperfSql(engine.connection, instruments.servqual22, options);
      expect(whole?.validation.rowsIn).toBe(report.rowsIn);
      expect(whole?.validation.rowsUsed).toBe(report.rowsUsed);
      expect(whole?.validation.exclusionCounts).toEqual(report.exclusionCounts);
      expect(whole?.validation.blank).toBe(report.blank);
      expect(whole?.validation.notApplicable).toBe(report.notApplicable);
      for (const code of ["out-of-range", "off-scale-step", "not-a-number"]) {
        expect(whole?.validation.issueCounts[code] ?? 0, code).toBe(report.issueCounts[code] ?? 0);
      }
      expectSameNumbers(json(whole?.result), json(servperf(dataset)));
      // The statement run by hand, through the builder and the finishing function.
      const statement = servperfSql(instruments.servqual22, {
        ...options,
        dialect: name,
        groupBy: ["region"],
      });
      const rows =
        name === "duckdb"
          ? (
              await engine.connection.runAndReadAll(statement.text, [...statement.parameters])
            ).getRowObjectsJS()
          : (await engine.connection.query(statement.text, [...statement.parameters])).rows;
      const byRegion = finishServperfSql(rows, instruments.servqual22, {
        ...options,
        dialect: name,
        groupBy: ["region"],
      });
      const regions = dataset.segments[0]?.values ?? [];
      expect(byRegion.length).toBe(new Set(regions).size);
      let rowsIn = 0;
      for (const { group, result, validation } of byRegion) {
        rowsIn += validation.rowsIn;
        const selected = Int32Array.from(
          regions.flatMap((region, r) => (region === group.region ? [r] : [])),
        );
        expect(validation.rowsUsed).toBe(selected.length);
        expectSameNumbers(json(result), json(servperf(dataset, { rows: selected })));
      }
      expect(rowsIn).toBe(report.rowsIn);
    }, 300_000);

    for (const missing of [undefined, "listwise", "pairwise"] as const) {
      it(`seeded 100k survey (half points, reverse keys), missing ${missing ?? "default"}`, async () => {
        const choice = missing === undefined ? {} : { missing };
        const [group] = await runServperfSql(engine.connection, halfPointInstrument, {
          table: "synthetic",
          ...choice,
        });
        const { dataset, report } = validateColumns(
          { columns: syntheticColumns },
          halfPointInstrument,
          choice,
        );
        expect(group?.validation.rowsIn).toBe(100_000);
        expect(group?.validation.rowsUsed).toBe(report.rowsUsed);
        expect(group?.validation.exclusionCounts).toEqual(report.exclusionCounts);
        expect(group?.validation.issueCounts["out-of-range"]).toBe(
          report.issueCounts["out-of-range"],
        );
        expect(group?.validation.issueCounts["off-scale-step"]).toBe(
          report.issueCounts["off-scale-step"],
        );
        expectSameNumbers(json(group?.result), json(servperf(dataset)));
      }, 600_000);
    }
  });
}

describe("servperfSql arguments", () => {
  it("refuses importance points, an instrument without perceptions and a bad level", () => {
    expect(() =>
      servperfSql(instruments.servqual22, {
        table: "t",
        dialect: "duckdb",
        columns: { weight: "W_{dimension}" },
      }),
    ).toThrow(/columns.weight/);
    expect(() =>
      finishServperfSql([], instruments.servqual22, {
        table: "t",
        dialect: "duckdb",
        level: 2,
      }),
    ).toThrow(/level/);
  });
  it("refuses rows of another statement", () => {
    expect(() =>
      finishServperfSql([{ part: 0, key: null, v: [1, 2] }], instruments.servqual22, {
        table: "t",
        dialect: "duckdb",
      }),
    ).toThrow(/bad-sql-result|not the one/);
  });
});
