/**
 * relationshipFeaturesSql on hand-worked events (a hostile column and table name, a where
 * value holding SQL), its refusals, and the ISO 8601 reader in SQL against parseTimestamp.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTimestamp } from "../../src/relationship/parseTimestamp";
import { finishRelationshipFeaturesSql } from "../../src/sql/finishRelationshipFeaturesSql";
import { ISO_TIMESTAMP_GRAMMAR, isoTimestampSteps } from "../../src/sql/isoTimestampSql";
import { relationshipFeaturesSql } from "../../src/sql/relationshipFeaturesSql";
import { runRelationshipFeaturesSql } from "../../src/sql/runRelationshipFeaturesSql";
import { duckdbEngine, type Engine } from "./engines";
import { parityEngines } from "./parityTables";

const EVIL = '"; DROP TABLE x; --';

describe("relationshipFeaturesSql on hand-worked events", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await duckdbEngine();
    await engine.run("CREATE TABLE x (a INTEGER)");
    const header = ["id", EVIL, "timestamp", "type", "value", "region"];
    const rows = [
      ["1", "c1", "2024-01-01", "purchase", "100", "north"],
      ["2", "c1", "2024-01-15T00:00:00Z", "complaint-resolved", null, "north"],
      ["3", "c1", "2024-02-01", "complaint", null, "north"],
      ["4", "c1", "2024-02-11", "complaint-resolved", null, "north"],
      ["5", "c1", "2024-03-01", "purchase", "50", "north"],
      ["6", "c1", "2024-03-10", "complaint", null, "north"],
      ["5", "c1", "2024-03-20", "purchase", "999", "north"],
      ["7", "c1", "2024-13-45", "purchase", "1", "north"],
      ["8", "c2", "2024-05-01", "purchase", "10", "north"],
      ["9", "c3", "2024-01-01", "purchase", "10", "'; DROP TABLE x; --"],
    ];
    await engine.load(EVIL, { header, rows }, { text: true });
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
  });

  it("gives the hand-worked features; the hostile names stay names", async () => {
    const result = await runRelationshipFeaturesSql(engine.connection, {
      table: EVIL,
      columns: { customer: EVIL, currency: null, product: null, initiator: null },
      values: "text",
      where: [{ column: "region", op: "<>", value: "'; DROP TABLE x; --" }],
      asOf: "2024-03-31",
    });
    // c1: first event 1 Jan, purchases 1 Jan (100) and 1 Mar (50): 90 days of tenure,
    // a 60-day cycle, 30 days since the last purchase; the resolution of 15 Jan comes before
    // any complaint (unmatched), the complaint of 1 Feb is resolved in 10 days, the one of
    // 10 Mar is open (both in the 90 days after 1 Jan); the second record of id 5 is a duplicate, 2024-13-45 is no date.
    expect(result.customers.map((c) => c.customer)).toEqual(["c1"]);
    expect(result.notYetCustomers).toBe(1);
    const [c1] = result.customers;
    expect(c1?.tenureDays).toBe(90);
    expect(c1?.purchaseCycleDays).toBe(60);
    expect(c1?.recencyDays).toBe(30);
    expect(c1?.value).toBe(150);
    expect(c1?.complaints).toEqual({
      total: 2,
      recent: 2,
      earlier: 0,
      open: 1,
      resolved: 1,
      medianResolutionDays: 10,
      unmatchedResolutions: 1,
    });
    expect(result.validation.eventsIn).toBe(9);
    expect(result.validation.exclusionCounts).toEqual({
      "duplicate-event": 1,
      "bad-timestamp": 1,
    });
    await engine.run("SELECT * FROM x");
  }, 120_000);

  it("quotes every name and binds every value", () => {
    const { text, parameters } = relationshipFeaturesSql({
      table: EVIL,
      dialect: "postgres",
      columns: { customer: EVIL },
      where: [{ column: EVIL, op: "=", value: "'; DROP TABLE x; --" }],
      typeMap: { "x'; DROP TABLE x; --": "purchase" },
      asOf: "2024-03-31",
    });
    expect(text).toContain('"""; DROP TABLE x; --"');
    expect(text).not.toContain("'; DROP TABLE x; --");
    expect(parameters).toContain("'; DROP TABLE x; --");
  });
});

describe("relationshipFeaturesSql options", () => {
  const base = { table: "events", dialect: "duckdb" as const, asOf: "2024-03-31" };
  it("refuses bad options with coded errors", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return (error as { code?: string }).code;
      }
      return "none";
    };
    expect(code(() => relationshipFeaturesSql({ ...base, asOf: undefined as never }))).toBe(
      "invalid-options",
    );
    expect(code(() => relationshipFeaturesSql({ ...base, asof: 1 } as never))).toBe(
      "invalid-options",
    );
    expect(code(() => relationshipFeaturesSql({ ...base, values: "words" as never }))).toBe(
      "invalid-argument",
    );
    expect(code(() => relationshipFeaturesSql({ ...base, columns: { id: "" } }))).toBe(
      "invalid-argument",
    );
    expect(code(() => relationshipFeaturesSql({ ...base, windows: [0] }))).toBe("invalid-options");
    expect(code(() => relationshipFeaturesSql({ ...base, rates: { USD: 1 } }))).toBe(
      "invalid-options",
    );
    expect(code(() => relationshipFeaturesSql({ ...base, dialect: "oracle" as never }))).toBe(
      "invalid-argument",
    );
  });

  it("refuses rows that are not the statement's", () => {
    expect(() => finishRelationshipFeaturesSql([{ part: "customer" }], base)).toThrow(
      /relationshipFeaturesSql/,
    );
    expect(() => finishRelationshipFeaturesSql([], base)).toThrow(/count of events/);
  });
});

const STAMPS = [
  "2024-02-29",
  "2023-02-29",
  "2024-13-45",
  "2024-00-10",
  "2024-04-31",
  "2000-02-29T23:59:59Z",
  "1900-02-29",
  "0999-01-01",
  "2024-01-01T10:00",
  "2024-01-01 10:00:05",
  "2024-01-01t10:00:05z",
  "2024-01-01T24:00:00Z",
  "2024-01-01T10:60:00Z",
  "2024-01-01T10:00:60Z",
  "2024-01-01T10:00:00.5Z",
  "2024-01-01T10:00:00,123456+01:00",
  "2024-01-01T10:00:00.98-0230",
  "2024-01-01T10:00+05:30",
  "2024-01-01T10:00:00+24:00",
  "2024-01-01T10:00:00+01:60",
  "2024-01-01T10:00:00.Z",
  "2024-1-01",
  "20240101",
  "2024-01-01T",
  "2024-01-01T10:00:00Z junk",
  "yesterday",
  "",
  "1970-01-01T00:00:00Z",
  "1969-12-31T23:59:59.999Z",
  "9999-12-31T23:59:59.999-23:59",
];

for (const { name, open } of parityEngines()) {
  describe(`the ISO 8601 reader in SQL on ${name}`, () => {
    it("reads every text as parseTimestamp does (NULL where it gives NaN)", async () => {
      const engine = await open();
      try {
        await engine.load(
          "stamps",
          { header: ["s"], rows: STAMPS.map((s) => [s]) },
          { text: true },
        );
        const steps = isoTimestampSteps("s", name, "CAST($1 AS VARCHAR)");
        const [ok, check] = steps.check;
        const parts = steps.parts.map(([part, expr]) => `${expr} AS ${part}`).join(", ");
        const sql = `SELECT s, ${steps.instant} AS t FROM (SELECT s, ${ok}, ${parts} FROM (SELECT s, ${check} AS ${ok} FROM (SELECT COALESCE(TRIM(s), '') AS s FROM stamps) a) b) c`;
        const rows =
          name === "duckdb"
            ? (
                await engine.connection.runAndReadAll(sql, [ISO_TIMESTAMP_GRAMMAR])
              ).getRowObjectsJS()
            : (await engine.connection.query(sql, [ISO_TIMESTAMP_GRAMMAR])).rows;
        const got = Object.fromEntries(rows.map((r) => [r.s as string, r.t as number | null]));
        for (const stamp of STAMPS) {
          const expected = parseTimestamp(stamp);
          expect(got[stamp], stamp).toBe(Number.isNaN(expected) ? null : expected);
        }
        // Hand values: an offset is subtracted; the fraction is floored to milliseconds.
        expect(got["2024-01-01T10:00+05:30"]).toBe(Date.UTC(2024, 0, 1, 4, 30));
        expect(got["2024-01-01T10:00:00,123456+01:00"]).toBe(Date.UTC(2024, 0, 1, 9, 0, 0, 123));
        expect(got["2024-13-45"]).toBeNull();
      } finally {
        await engine.close();
      }
    }, 120_000);
  });
}
