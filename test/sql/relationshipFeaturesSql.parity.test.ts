/**
 * Parity of the relationship features through SQL with relationshipFeatures in memory, run
 * inside DuckDB and PostgreSQL: on the demo CRM events (data/demo-events.csv, every column as
 * text, with its line number as the order) and on a seeded small event set full of dirty
 * records (duplicate ids, custom and unknown types, impossible timestamps, offsets and
 * fractions, bad and negative values, a second and a third currency, bad initiators), every
 * customer's features equal (counts exactly, days and values to 1e-12 relative) and the events
 * are counted the same way (in = used + excluded, by code).
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relationshipFeatures } from "../../src/relationship/relationshipFeatures";
import { validateEvents } from "../../src/relationship/validateEvents";
import { runRelationshipFeaturesSql } from "../../src/sql/runRelationshipFeaturesSql";
import { dirtyEvents } from "./dirtyEvents";
import type { Engine, Table } from "./engines";
import { json, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";

const csv = readFileSync(new URL("../../data/demo-events.csv", import.meta.url), "utf8");
const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
const header = parsed[0] as string[];
const demoRows = parsed.slice(1);
const demoTable: Table = {
  header: [...header, "line"],
  rows: demoRows.map((row, r) => [...row.map((c) => (c === "" ? null : c)), r + 2]),
};
const demoRecords = demoRows.map((row) =>
  Object.fromEntries(header.map((name, c) => [name, row[c] ?? ""])),
);

const dirty = dirtyEvents(20260317, 1500);
// Several currencies without `currency`: USD (written usd or USD) has the most values, the
// first line's GBP and the alphabetically first CHF are rare, and some codes are not three
// letters (EURO, E1, €): the base must be USD whatever the order of the lines.
const mixed = dirtyEvents(20261202, 1500, {
  first: "GBP",
  currencies: [
    ["usd", 0.3],
    ["USD", 0.1],
    ["EUR", 0.22],
    ["", 0.08],
    ["GBP", 0.05],
    [" chf ", 0.05],
    ["EURO", 0.04],
    ["E1", 0.04],
    ["€", 0.04],
    ["Us", 0.04],
  ],
});

function byCustomer<T extends { customer: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}

for (const { name, open } of parityEngines()) {
  describe(`relationshipFeaturesSql on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("demo events", demoTable, { textColumns: header.length });
      await engine.load("dirty events", dirty.table, {
        textColumns: dirty.table.header.length - 1,
      });
      await engine.load("mixed events", mixed.table, {
        textColumns: mixed.table.header.length - 1,
      });
    }, 600_000);
    afterAll(async () => {
      await engine?.close();
    });

    it("the demo events at 2025-12-31: every customer's features", async () => {
      const options = { asOf: "2025-12-31T23:59:59Z" };
      const actual = await runRelationshipFeaturesSql(engine.connection, {
        table: "demo events",
        values: "text",
        orderBy: "line",
        ...options,
      });
      const { events, report } = validateEvents(demoRecords);
      const expected = relationshipFeatures(events, options);
      expect(actual.validation.eventsIn).toBe(report.eventsIn);
      expect(actual.validation.eventsUsed).toBe(report.eventsUsed);
      expect(actual.validation.duplicates).toBe(report.duplicates);
      expect(actual.validation.valuesDropped).toBe(report.valuesDropped);
      expect(actual.customers.map((c) => c.customer)).toEqual(
        expected.customers.map((c) => c.customer),
      );
      const { validation: _v, ...rest } = json(actual);
      expectSameNumbers(rest, json(expected));
    }, 300_000);

    it("the demo events at 2014-06-30 without an order column: same customers, by id", async () => {
      const options = { asOf: "2014-06-30" };
      const actual = await runRelationshipFeaturesSql(engine.connection, {
        table: "demo events",
        values: "text",
        ...options,
      });
      const expected = relationshipFeatures(validateEvents(demoRecords).events, options);
      expect(expected.notYetCustomers).toBeGreaterThan(0);
      expect(actual.notYetCustomers).toBe(expected.notYetCustomers);
      const { validation: _v, customers, ...rest } = json(actual);
      const { customers: expectedCustomers, ...expectedRest } = json(expected);
      expectSameNumbers(rest, expectedRest);
      expectSameNumbers(customers, byCustomer(expectedCustomers));
    }, 300_000);

    it("a seeded dirty event set: Berlin calendar, custom windows, rates, wallet", async () => {
      const eventOptions = {
        typeMap: { order: "purchase" as const, "quote request": "quote-request" as const },
        currency: "EUR",
        rates: { USD: 0.9 },
      };
      const wallet: Record<string, number> = {};
      for (let c = 0; c < 60; c += 3) wallet[`C${String(c).padStart(3, "0")}`] = 2000 + c;
      const featureOptions = {
        asOf: "2025-06-30T12:00:00+02:00",
        windows: [30, 120, 365],
        trendDays: 90,
        complaintDays: 60,
        timeZone: "Europe/Berlin",
        wallet,
      };
      const actual = await runRelationshipFeaturesSql(engine.connection, {
        table: "dirty events",
        values: "text",
        orderBy: "line",
        ...eventOptions,
        ...featureOptions,
      });
      const { events, report } = validateEvents(dirty.records, eventOptions);
      const expected = relationshipFeatures(events, featureOptions);
      const v = actual.validation;
      expect(v.eventsIn).toBe(report.eventsIn);
      expect(v.eventsUsed).toBe(report.eventsUsed);
      expect(v.eventsExcluded).toBe(report.eventsExcluded);
      expect(v.duplicates).toBe(report.duplicates);
      expect(v.valuesDropped).toBe(report.valuesDropped);
      expect(v.customers).toBe(report.customers);
      expect(v.customersWithoutEvents).toBe(report.customersWithoutEvents);
      expect(v.badInitiators).toBe(report.issueCounts["bad-initiator"] ?? 0);
      for (const [code, count] of Object.entries(v.exclusionCounts)) {
        expect(count, code).toBe(report.issueCounts[code]);
      }
      for (const [code, count] of Object.entries(v.valueIssueCounts)) {
        expect(count, code).toBe(report.issueCounts[code]);
      }
      // The set is dirty enough to test every path.
      for (const code of [
        "duplicate-event",
        "bad-timestamp",
        "unknown-event-type",
        "missing-event-id",
      ]) {
        expect(v.exclusionCounts[code] ?? 0, code).toBeGreaterThan(0);
      }
      for (const code of ["bad-value", "negative-value", "mixed-currency"]) {
        expect(v.valueIssueCounts[code] ?? 0, code).toBeGreaterThan(0);
      }
      expect(expected.customers.some((c) => c.complaints.unmatchedResolutions > 0)).toBe(true);
      expect(expected.customers.some((c) => c.complaints.medianResolutionDays !== null)).toBe(true);
      expect(v.currencies.map((c) => c.currency)).toEqual(["EUR", "GBP", "USD"]);
      expect(actual.customers.map((c) => c.customer)).toEqual(
        expected.customers.map((c) => c.customer),
      );
      const { validation: _v, ...rest } = json(actual);
      expectSameNumbers(rest, json(expected));
    }, 300_000);

    it("a seeded dirty event set in several currencies without currency: the most valued one is the base", async () => {
      const eventOptions = { typeMap: { order: "purchase" as const } };
      const featureOptions = { asOf: "2025-12-31T23:59:59Z", windows: [90, 365] };
      const actual = await runRelationshipFeaturesSql(engine.connection, {
        table: "mixed events",
        values: "text",
        orderBy: "line",
        ...eventOptions,
        ...featureOptions,
      });
      const { events, report } = validateEvents(mixed.records, eventOptions);
      const expected = relationshipFeatures(events, featureOptions);
      expect(mixed.records[0]?.currency).toBe("GBP");
      expect(expected.currency).toBe("USD");
      expect(actual.currency).toBe("USD");
      const v = actual.validation;
      expect(v.eventsIn).toBe(report.eventsIn);
      expect(v.eventsUsed).toBe(report.eventsUsed);
      expect(v.eventsExcluded).toBe(report.eventsExcluded);
      expect(v.valuesDropped).toBe(report.valuesDropped);
      expect(v.customers).toBe(report.customers);
      expect(v.customersWithoutEvents).toBe(report.customersWithoutEvents);
      expect(v.exclusionCounts).toEqual(
        Object.fromEntries(Object.keys(v.exclusionCounts).map((c) => [c, report.issueCounts[c]])),
      );
      for (const code of ["bad-value", "negative-value", "mixed-currency", "bad-currency"]) {
        expect(v.valueIssueCounts[code] ?? 0, code).toBe(report.issueCounts[code] ?? 0);
        expect(v.valueIssueCounts[code] ?? 0, code).toBeGreaterThan(0);
      }
      // Only three-letter codes are currencies; each listed with its valued events.
      expect(v.currencies.map((c) => c.currency)).toEqual(["CHF", "EUR", "GBP", "USD"]);
      const counts = new Map(v.currencies.map((c) => [c.currency, c.values]));
      const usd = counts.get("USD") ?? 0;
      for (const code of ["CHF", "EUR", "GBP"]) expect(counts.get(code) ?? 0).toBeLessThan(usd);
      expect(actual.customers.map((c) => c.customer)).toEqual(
        expected.customers.map((c) => c.customer),
      );
      const { validation: _v, ...rest } = json(actual);
      expectSameNumbers(rest, json(expected));
    }, 300_000);
  });
}
