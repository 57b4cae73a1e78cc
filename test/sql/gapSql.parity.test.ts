/**
 * Parity of the SQL path with the in-memory path: for the kiosk oracle data, the demo bank
 * survey and a seeded 100k-row survey (half points, reverse-keyed items, missing and rejected
 * answers, importance points), gapSql run inside DuckDB and PostgreSQL and finished with
 * finishGapSql gives the result gap5 gives on the rows validateResponses / validateColumns keep:
 * counts equal, every other number within 1e-12 relative.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { instruments } from "../../src/instrument/instruments";
import { validateColumns } from "../../src/responses/validateColumns";
import { validateResponses } from "../../src/responses/validateResponses";
import type { FinishGapSqlOptions } from "../../src/sql/finishGapSql";
import { runGapSql } from "../../src/sql/runGapSql";
import { kioskColumns, kioskInstrument, kioskRecords } from "../gaps/kioskInstrument";
import {
  type Cell,
  duckdbEngine,
  type Engine,
  POSTGRES_SKIPPED,
  POSTGRES_URL,
  postgresEngine,
  type Table,
} from "./engines";
import { expectSameNumbers } from "./sameNumbers";
import { halfPointInstrument, syntheticSurvey } from "./syntheticSurvey";

const json = (value: unknown) => JSON.parse(JSON.stringify(value));

// The demo survey without the second R0205 row (a database enforces unique ids with a key;
// without the id option gapSql does not look for them; test/sql/duplicateIds.parity.test.ts
// covers the option).
const demoCsv = readFileSync(new URL("../../data/demo-bank.csv", import.meta.url), "utf8");
const demoParsed = Papa.parse<string[]>(demoCsv, { skipEmptyLines: true }).data;
const demoHeader = demoParsed[0] as string[];
const seen = new Set<string>();
const demoRows = demoParsed.slice(1).filter((row) => {
  const id = row[0] as string;
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
});
const demoTable: Table = {
  header: demoHeader,
  rows: demoRows.map((row) => row.map((cell) => (cell === "" ? null : cell))),
};
const demoRecords = demoRows.map((row) =>
  Object.fromEntries(demoHeader.map((name, c) => [name, row[c] ?? ""])),
);

const kioskHeader = Object.keys(kioskRecords[0] as object);
const kioskTable: Table = {
  header: kioskHeader,
  rows: kioskRecords.map((record) =>
    kioskHeader.map((name) => {
      const cell = record[name] ?? "";
      return cell === "" ? null : Number.isFinite(Number(cell)) ? Number(cell) : null;
    }),
  ),
};

const synthetic = syntheticSurvey(100_000, 20261201);
const syntheticColumns = Object.fromEntries(
  synthetic.header.map((name, c) => [name, synthetic.rows.map((row) => row[c] as Cell)]),
);

const engines: { name: "duckdb" | "postgres"; open: () => Promise<Engine> }[] = [
  { name: "duckdb", open: duckdbEngine },
];
if (POSTGRES_URL !== "") engines.push({ name: "postgres", open: postgresEngine });
else {
  describe.skip("PostgreSQL", () => {
    it(POSTGRES_SKIPPED, () => {});
  });
  console.warn(POSTGRES_SKIPPED);
}

for (const { name, open } of engines) {
  describe(`gapSql on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("kiosk", kioskTable, { textColumns: 0 });
      await engine.load("demo bank", demoTable, { text: true });
      await engine.load("synthetic", synthetic, { textColumns: 1 });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    it("kiosk oracle data: the gap5 result", async () => {
      const options = {
        table: "kiosk",
        columns: { expectation: kioskColumns.expectation, perception: kioskColumns.perception },
      };
      const { groups } = await runGapSql(engine.connection, kioskInstrument, options);
      const { dataset } = validateResponses(kioskRecords, kioskInstrument, {
        columns: kioskColumns,
      });
      expect(groups).toHaveLength(1);
      expect(groups[0]?.validation.rowsIn).toBe(kioskRecords.length);
      expectSameNumbers(json(groups[0]?.result), json(gap5(dataset)));
    }, 120_000);

    it("demo bank survey read as text: whole and per region, with importance weights", async () => {
      const options: Omit<FinishGapSqlOptions, "dialect"> = {
        table: "demo bank",
        cells: "text",
        columns: { weight: "W_{dimension}" },
      };
      const { dataset, report } = validateResponses(demoRecords, instruments.servqual22, {
        columns: { segments: ["region"] },
      });
      const whole = await runGapSql(engine.connection, instruments.servqual22, options);
      const group = whole.groups[0];
      expect(group?.validation.rowsIn).toBe(report.rowsIn);
      expect(group?.validation.rowsUsed).toBe(report.rowsUsed);
      expect(group?.validation.rowsExcluded).toBe(report.rowsExcluded);
      expect(group?.validation.exclusionCounts).toEqual(report.exclusionCounts);
      expect(group?.validation.blank).toBe(report.blank);
      expect(group?.validation.notApplicable).toBe(report.notApplicable);
      for (const code of ["out-of-range", "off-scale-step", "not-a-number", "weights-sum"]) {
        expect(group?.validation.issueCounts[code] ?? 0, code).toBe(report.issueCounts[code] ?? 0);
      }
      expectSameNumbers(json(group?.result), json(gap5(dataset)));

      const byRegion = await runGapSql(engine.connection, instruments.servqual22, {
        ...options,
        groupBy: ["region"],
      });
      const regions = dataset.segments[0]?.values ?? [];
      expect(byRegion.groups.length).toBe(new Set(regions).size);
      for (const { group: values, result } of byRegion.groups) {
        const rows = Int32Array.from(
          regions.flatMap((region, r) => (region === values.region ? [r] : [])),
        );
        expectSameNumbers(json(result), json(gap5(dataset, { rows })));
      }
    }, 300_000);

    for (const missing of [undefined, "listwise", "pairwise"] as const) {
      it(`seeded 100k survey (half points, reverse keys), missing ${missing ?? "default"}`, async () => {
        const options: Omit<FinishGapSqlOptions, "dialect"> = {
          table: "synthetic",
          columns: { weight: "W_{dimension}" },
          ...(missing === undefined ? {} : { missing }),
        };
        const { groups } = await runGapSql(engine.connection, halfPointInstrument, options);
        const { dataset, report } = validateColumns(
          { columns: syntheticColumns },
          halfPointInstrument,
          {
            ...(missing === undefined ? {} : { missing }),
          },
        );
        const group = groups[0];
        expect(group?.validation.rowsIn).toBe(100_000);
        expect(group?.validation.rowsUsed).toBe(report.rowsUsed);
        expect(group?.validation.exclusionCounts).toEqual(report.exclusionCounts);
        expect(group?.validation.issueCounts["out-of-range"]).toBe(
          report.issueCounts["out-of-range"],
        );
        expect(group?.validation.issueCounts["off-scale-step"]).toBe(
          report.issueCounts["off-scale-step"],
        );
        expectSameNumbers(json(group?.result), json(gap5(dataset)));
      }, 600_000);
    }
  });
}
