/**
 * The base currency and the currency cell through SQL, on hand-worked event tables run inside
 * DuckDB and PostgreSQL, with and without an order column, against validateEvents in memory:
 * without `currency` the base is the currency of the most valued events (a tie to the first
 * code alphabetically), counted over the kept events with a usable value only (not duplicates,
 * excluded records, bad or negative values, bad codes; a downgrade's negative value counts);
 * a code that is not three letters is `bad-currency`, also with `currency` given.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relationshipFeatures } from "../../src/relationship/relationshipFeatures";
import { validateEvents } from "../../src/relationship/validateEvents";
import type { RelationshipFeaturesSqlResult } from "../../src/sql/finishRelationshipFeaturesSql";
import { runRelationshipFeaturesSql } from "../../src/sql/runRelationshipFeaturesSql";
import type { Engine, Table } from "./engines";
import { json, parityEngines } from "./parityTables";
import { expectSameNumbers } from "./sameNumbers";

const HEADER = ["id", "customer", "timestamp", "type", "value", "currency"];

function table(rows: readonly (readonly string[])[]): {
  table: Table;
  records: Record<string, string>[];
} {
  return {
    table: {
      header: [...HEADER, "line"],
      rows: rows.map((row, r) => [...row.map((c) => (c === "" ? null : c)), r + 2]),
    },
    records: rows.map((row) => Object.fromEntries(HEADER.map((name, c) => [name, row[c] ?? ""]))),
  };
}

// USD is met first and has two valued events (lines 2, 3); EUR has two (lines 9, 10): a tie,
// so EUR. Every other USD record would break the tie if it were counted: a bad value, a
// negative value, a duplicate of line 2, a bad timestamp, an unknown type, a blank id. EURO, E1
// and € are not codes (bad-currency); a blank currency is the base.
const tie = table([
  ["1", "c1", "2025-01-01", "purchase", "10", "USD"],
  ["2", "c1", "2025-02-01", "purchase", "20", "usd"],
  ["3", "c2", "2025-01-05", "purchase", "abc", "USD"],
  ["4", "c2", "2025-01-06", "purchase", "-5", "USD"],
  ["1", "c1", "2025-01-01", "purchase", "10", "USD"],
  ["5", "c2", "2025-13-45", "purchase", "10", "USD"],
  ["6", "c2", "2025-03-01", "tikket", "10", "USD"],
  ["7", "c3", "2025-03-01", "purchase", "30", "EUR"],
  ["8", "c3", "2025-04-01", "purchase", "40", " eur "],
  ["9", "c3", "2025-05-01", "purchase", "50", "EURO"],
  ["10", "c3", "2025-05-02", "purchase", "5", "E1"],
  ["11", "c3", "2025-05-03", "purchase", "5", "€"],
  ["12", "c1", "2025-06-01", "purchase", "7", ""],
  ["13", "c1", "2025-06-02", "inquiry", "", "USD"],
  ["", "c2", "2025-06-03", "purchase", "10", "USD"],
]);

// EUR is met first and (alphabetically) first, with two valued events; USD has three, one of
// them a downgrade's negative value (it counts). A bad value, a negative purchase and a
// duplicate in EUR do not count (each would make a tie that EUR wins).
const most = table([
  ["1", "c1", "2025-01-01", "purchase", "10", "EUR"],
  ["2", "c1", "2025-01-02", "purchase", "20", "EUR"],
  ["3", "c1", "2025-01-03", "purchase", "x", "EUR"],
  ["4", "c1", "2025-01-04", "purchase", "-1", "EUR"],
  ["2", "c1", "2025-01-02", "purchase", "20", "EUR"],
  ["5", "c2", "2025-02-01", "purchase", "100", "USD"],
  ["6", "c2", "2025-03-01", "downgrade", "-30", "USD"],
  ["7", "c2", "2025-04-01", "purchase", "50", "usd"],
]);

// Every character JavaScript's trim removes (ECMA-262 WhiteSpace and LineTerminator), around
// a code (trimmed: 25 EUR values) and alone (blank when it is a control character or the
// space, 6 of them; else a cell that is not a code, 19 bad-currency); two USD values in tabs,
// a line feed and a no-break space.
const SPACES = [
  "\t",
  "\n",
  "\v",
  "\f",
  "\r",
  " ",
  "\u00a0",
  "\u1680",
  ..."\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
  "\u2028",
  "\u2029",
  "\u202f",
  "\u205f",
  "\u3000",
  "\ufeff",
];
const spaces = table([
  ...SPACES.map((w, i) => [`a${i}`, "c1", "2025-01-01", "purchase", "1", `${w}eur${w}`]),
  ...SPACES.map((w, i) => [`b${i}`, "c2", "2025-01-02", "purchase", "2", w]),
  ["x1", "c3", "2025-01-03", "purchase", "4", "\tusd\n"],
  ["x2", "c3", "2025-01-04", "purchase", "5", "\u00a0usd"],
]);

const asOf = "2025-12-31T23:59:59Z";

function byCustomer<T extends { customer: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0));
}

/** The SQL result equals validateEvents + relationshipFeatures in memory, counts included. */
function expectParity(
  actual: RelationshipFeaturesSqlResult,
  records: Record<string, string>[],
  eventOptions: { currency?: string; rates?: Record<string, number> },
  ordered: boolean,
): void {
  const { events, report } = validateEvents(records, eventOptions);
  const expected = relationshipFeatures(events, { asOf });
  const v = actual.validation;
  expect(v.eventsIn).toBe(report.eventsIn);
  expect(v.eventsUsed).toBe(report.eventsUsed);
  expect(v.valuesDropped).toBe(report.valuesDropped);
  for (const [code, count] of Object.entries({ ...v.exclusionCounts, ...v.valueIssueCounts })) {
    expect(count, code).toBe(report.issueCounts[code]);
  }
  const { validation: _v, customers, ...rest } = json(actual);
  const { customers: expectedCustomers, ...expectedRest } = json(expected);
  expectSameNumbers(rest, expectedRest);
  expectSameNumbers(customers, ordered ? expectedCustomers : byCustomer(expectedCustomers));
}

for (const { name, open } of parityEngines()) {
  describe(`relationshipFeaturesSql currencies on ${name}`, () => {
    let engine: Engine;
    beforeAll(async () => {
      engine = await open();
      await engine.load("tie", tie.table, { textColumns: HEADER.length });
      await engine.load("most", most.table, { textColumns: HEADER.length });
      await engine.load("spaces", spaces.table, { textColumns: HEADER.length });
    }, 120_000);
    afterAll(async () => {
      await engine?.close();
    });

    for (const ordered of [true, false]) {
      const order = ordered ? { orderBy: "line" } : {};
      const how = ordered ? "by line" : "without an order column";

      it(`a tie of valued events goes to the first code alphabetically (${how})`, async () => {
        const actual = await runRelationshipFeaturesSql(engine.connection, {
          table: "tie",
          values: "text",
          columns: { product: null, initiator: null },
          asOf,
          ...order,
        });
        expect(actual.currency).toBe("EUR");
        const v = actual.validation;
        expect(v.eventsIn).toBe(15);
        expect(v.eventsUsed).toBe(11);
        expect(v.exclusionCounts).toEqual({
          "missing-event-id": 1,
          "unknown-event-type": 1,
          "bad-timestamp": 1,
          "duplicate-event": 1,
        });
        expect(v.valueIssueCounts).toEqual({
          "bad-value": 1,
          "negative-value": 1,
          "bad-currency": 3,
          "mixed-currency": 2,
        });
        expect(v.valuesDropped).toBe(7);
        expect(v.currencies).toEqual([
          { currency: "EUR", values: 2 },
          { currency: "USD", values: 2 },
        ]);
        const value = Object.fromEntries(actual.customers.map((c) => [c.customer, c.value]));
        // c1: USD 10 and 20 dropped, 7 without a currency kept; c2: no usable value;
        // c3: EUR 30 + 40, the three bad codes dropped.
        expect(value).toEqual({ c1: 7, c2: null, c3: 70 });
        expectParity(actual, tie.records, {}, ordered);
      }, 120_000);

      it(`the most valued currency is the base, not the first met (${how})`, async () => {
        const actual = await runRelationshipFeaturesSql(engine.connection, {
          table: "most",
          values: "text",
          columns: { product: null, initiator: null },
          asOf,
          ...order,
        });
        expect(actual.currency).toBe("USD");
        const v = actual.validation;
        expect(v.valueIssueCounts).toEqual({
          "bad-value": 1,
          "negative-value": 1,
          "mixed-currency": 2,
        });
        expect(v.currencies).toEqual([
          { currency: "EUR", values: 2 },
          { currency: "USD", values: 3 },
        ]);
        const value = Object.fromEntries(actual.customers.map((c) => [c.customer, c.value]));
        // c1: four purchases, every value dropped; c2: 100 + 50 (a downgrade is no purchase).
        expect(value).toEqual({ c1: null, c2: 150 });
        expectParity(actual, most.records, {}, ordered);
      }, 120_000);
    }

    it("currency cells are trimmed of the white space JavaScript trims, blank as validateEvents says", async () => {
      const actual = await runRelationshipFeaturesSql(engine.connection, {
        table: "spaces",
        values: "text",
        columns: { product: null, initiator: null },
        asOf,
        orderBy: "line",
      });
      expect(SPACES).toHaveLength(25);
      expect(actual.currency).toBe("EUR");
      expect(actual.validation.currencies).toEqual([
        { currency: "EUR", values: 25 },
        { currency: "USD", values: 2 },
      ]);
      expect(actual.validation.valueIssueCounts).toEqual({
        "bad-currency": 19,
        "mixed-currency": 2,
      });
      const value = Object.fromEntries(actual.customers.map((c) => [c.customer, c.value]));
      // c1: 25 × 1 in EUR; c2: the 6 blank currencies × 2 in the base; c3: both USD dropped.
      expect(value).toEqual({ c1: 25, c2: 12, c3: null });
      expectParity(actual, spaces.records, {}, true);
    }, 120_000);

    it("with currency and rates, codes that are not three letters are still bad-currency", async () => {
      const eventOptions = { currency: "EUR", rates: { USD: 0.5 } };
      const actual = await runRelationshipFeaturesSql(engine.connection, {
        table: "tie",
        values: "text",
        columns: { product: null, initiator: null },
        asOf,
        orderBy: "line",
        ...eventOptions,
      });
      expect(actual.currency).toBe("EUR");
      expect(actual.validation.valueIssueCounts).toEqual({
        "bad-value": 1,
        "negative-value": 1,
        "bad-currency": 3,
      });
      const value = Object.fromEntries(actual.customers.map((c) => [c.customer, c.value]));
      // c1: (10 + 20) USD × 0.5 + 7.
      expect(value).toEqual({ c1: 22, c2: null, c3: 70 });
      expectParity(actual, tie.records, eventOptions, true);
    }, 120_000);
  });
}
