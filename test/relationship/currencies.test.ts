import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  eventRecordSchema,
  relationshipFeatures,
  type ValidatedEvents,
  validateEvents,
} from "../../src/index";
import { fastEventLines, readEventsCsv } from "../../src/io/readEventsCsv";

const ASOF = "2024-12-31T00:00:00Z";
const dir = mkdtempSync(join(tmpdir(), "servqual-currencies-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Rec {
  id: string;
  customer: string;
  timestamp: string;
  type: string;
  value?: unknown;
  currency?: unknown;
}

const purchase = (id: string, customer: string, day: number, value?: unknown, currency?: unknown) =>
  ({
    id,
    customer,
    timestamp: `2024-03-${String(day).padStart(2, "0")}`,
    type: "purchase",
    ...(value === undefined ? {} : { value }),
    ...(currency === undefined ? {} : { currency }),
  }) satisfies Rec;

const customerValue = (result: ValidatedEvents, customer: string) =>
  relationshipFeatures(result.events, { asOf: ASOF }).customers.find((c) => c.customer === customer)
    ?.value;

describe("the base currency without options.currency does not depend on input order", () => {
  // EUR 10, USD 20, USD 30: two valued events in USD against one in EUR, so the base is USD
  // and the customer's value is 20 + 30 = 50, in either order; the EUR value is dropped.
  const forward = [
    purchase("e1", "a", 1, 10, "EUR"),
    purchase("e2", "a", 2, 20, "USD"),
    purchase("e3", "a", 3, 30, "USD"),
  ];

  it("EUR 10, USD 20, USD 30: base USD, value 50, the EUR value dropped at its row", () => {
    const result = validateEvents(forward);
    expect(result.events.currency).toBe("USD");
    expect(customerValue(result, "a")).toBe(50);
    expect(result.report.valuesDropped).toBe(1);
    expect(result.report.issues).toEqual([
      expect.objectContaining({ code: "mixed-currency", row: 1, column: "currency" }),
    ]);
    expect(result.report.issues[0]?.message).toContain("the value is in EUR");
    expect(result.report.issues[0]?.message).toContain("2 against 1");
    expect(result.report.eventsUsed).toBe(3); // kept without its value
  });

  it("the same events reversed: the same base, value and issue (now at row 3)", () => {
    const result = validateEvents([...forward].reverse());
    expect(result.events.currency).toBe("USD");
    expect(customerValue(result, "a")).toBe(50);
    expect(result.report.valuesDropped).toBe(1);
    expect(result.report.issues).toEqual([
      expect.objectContaining({ code: "mixed-currency", row: 3, column: "currency" }),
    ]);
  });

  it("a tie goes to the alphabetically first code, in either order", () => {
    for (const records of [
      [purchase("e1", "a", 1, 10, "usd"), purchase("e2", "a", 2, 20, "EUR")],
      [purchase("e2", "a", 2, 20, "EUR"), purchase("e1", "a", 1, 10, "usd")],
    ]) {
      const result = validateEvents(records);
      expect(result.events.currency).toBe("EUR");
      expect(customerValue(result, "a")).toBe(20);
      expect(result.report.issueCounts).toEqual({ "mixed-currency": 1 });
    }
  });

  it("values without a currency are taken in the base, whichever comes first", () => {
    // a: blank 5, EUR 10; b: USD 20, USD 30, blank 7 → base USD; a keeps 5, b 57
    const records = [
      purchase("e0", "a", 1, 5),
      purchase("e1", "a", 2, 10, "EUR"),
      purchase("e2", "b", 3, 20, "USD"),
      purchase("e3", "b", 4, 30, "USD"),
      purchase("e4", "b", 5, 7, ""),
    ];
    for (const order of [
      records,
      [...records].reverse(),
      [records[1], records[4], records[2], records[0], records[3]],
    ]) {
      const result = validateEvents(order as Rec[]);
      expect(result.events.currency).toBe("USD");
      expect(customerValue(result, "a")).toBe(5);
      expect(customerValue(result, "b")).toBe(57);
      expect(result.report.issueCounts).toEqual({ "mixed-currency": 1 });
    }
  });

  it("three currencies: the most valued wins and both others are dropped", () => {
    const result = validateEvents([
      purchase("e1", "a", 1, 1, "GBP"),
      purchase("e2", "a", 2, 2, "EUR"),
      purchase("e3", "a", 3, 4, "USD"),
      purchase("e4", "a", 4, 8, "EUR"),
      purchase("e5", "a", 5, 16, "USD"),
      purchase("e6", "a", 6, 32, "USD"),
    ]);
    expect(result.events.currency).toBe("USD");
    expect(customerValue(result, "a")).toBe(52);
    expect(result.report.issues.map((i) => i.row)).toEqual([1, 2, 4]);
    expect(result.report.valuesDropped).toBe(3);
  });

  it("a value without a number does not count for its currency", () => {
    // EUR 10 and EUR 'x' (bad-value) against USD 20 and USD 30: 1 valued EUR event, 2 USD
    const result = validateEvents([
      purchase("e1", "a", 1, 10, "EUR"),
      purchase("e2", "a", 2, "x", "EUR"),
      purchase("e3", "a", 3, 20, "USD"),
      purchase("e4", "a", 4, 30, "USD"),
    ]);
    expect(result.events.currency).toBe("USD");
    expect(result.report.issueCounts).toEqual({ "bad-value": 1, "mixed-currency": 1 });
  });

  it("issues stay in input order, mixed-currency ones included", () => {
    const result = validateEvents([
      purchase("e1", "a", 1, 10, "EUR"),
      purchase("e2", "a", 2, "ten"),
      purchase("e3", "a", 3, 20, "USD"),
      { ...purchase("e4", "a", 4), timestamp: "never" },
      purchase("e5", "a", 5, 30, "USD"),
      purchase("e6", "a", 6, 40, "EUR"),
      purchase("e7", "a", 7, -1, "USD"),
    ]);
    // EUR: 10, 40 (2 valued); USD: 20, 30 (2; -1 is not a usable value) → tie → EUR
    expect(result.events.currency).toBe("EUR");
    expect(result.report.issues.map((i) => [i.row, i.code])).toEqual([
      [2, "bad-value"],
      [3, "mixed-currency"],
      [4, "bad-timestamp"],
      [5, "mixed-currency"],
      [7, "negative-value"],
    ]);
    expect(customerValue(result, "a")).toBe(50);
  });

  it("no-events issues come last, with or without values dropped at the end", () => {
    for (const second of ["USD", "EUR"]) {
      const result = validateEvents(
        [
          purchase("e1", "a", 1, 10, "EUR"),
          { ...purchase("e2", "b", 2), timestamp: "never" },
          purchase("e3", "a", 3, 20, second),
          purchase("e4", "a", 4, 30, second),
        ],
        { customers: ["a", "zz"] },
      );
      const dropped = second === "USD" ? [[1, "mixed-currency"]] : [];
      expect(result.report.issues.map((i) => [i.row, i.code])).toEqual([
        ...dropped,
        [2, "bad-timestamp"],
        [2, "no-events"], // b: its only event excluded
        [undefined, "no-events"], // zz: listed, no event
      ]);
    }
  });

  it("with issueLimit the first issues of the input are listed, all counted", () => {
    const result = validateEvents(
      [
        purchase("e1", "a", 1, 10, "EUR"),
        purchase("e2", "a", 2, "ten"),
        purchase("e3", "a", 3, 20, "USD"),
        purchase("e4", "a", 4, 30, "USD"),
        purchase("e5", "a", 5, "eleven"),
      ],
      { issueLimit: 2 },
    );
    expect(result.report.issues.map((i) => [i.row, i.code])).toEqual([
      [1, "mixed-currency"],
      [2, "bad-value"],
    ]);
    expect(result.report.issuesTruncated).toBe(true);
    expect(result.report.issueCounts).toEqual({ "mixed-currency": 1, "bad-value": 2 });
    expect(result.report.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining("3 issues"),
    ]);
  });

  it("options.currency fixes the base: the first-met rule plays no part", () => {
    const result = validateEvents(forward, { currency: "EUR" });
    expect(result.events.currency).toBe("EUR");
    expect(customerValue(result, "a")).toBe(10);
    expect(result.report.issues.map((i) => i.row)).toEqual([2, 3]);
  });

  it("property: shuffled events give the same features, base and issues", () => {
    const record = fc.record({
      customer: fc.constantFrom("a", "b", "c"),
      day: fc.integer({ min: 1, max: 28 }),
      value: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(undefined), fc.constant("x")),
      currency: fc.constantFrom("EUR", "eur", "USD", "GBP", "", undefined, "EURO"),
    });
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 30 }),
        fc.infiniteStream(fc.nat()),
        (specs, seeds) => {
          const records = specs.map((s, i) =>
            purchase(`e${i}`, s.customer, s.day, s.value, s.currency),
          );
          const shuffled = [...records];
          const rand = seeds[Symbol.iterator]();
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = (rand.next().value as number) % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j] as Rec, shuffled[i] as Rec];
          }
          const a = validateEvents(records);
          const b = validateEvents(shuffled);
          expect(b.events.currency).toBe(a.events.currency);
          expect(b.report.valuesDropped).toBe(a.report.valuesDropped);
          expect(b.report.issueCounts).toEqual(a.report.issueCounts);
          const tagged = (result: ValidatedEvents, input: readonly Rec[]) =>
            result.report.issues
              .map((i) => `${i.code}|${i.column}|${i.message}|${input[(i.row as number) - 1]?.id}`)
              .sort();
          expect(tagged(b, shuffled)).toEqual(tagged(a, records));
          const features = (result: ValidatedEvents) =>
            [...relationshipFeatures(result.events, { asOf: ASOF }).customers].sort((x, y) =>
              x.customer < y.customer ? -1 : 1,
            );
          expect(features(b)).toEqual(features(a));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the currency cell is checked (three letters, as in eventRecordSchema)", () => {
  it.each(["not a currency", "EURO", "E1", "€", 978])(
    "%j beside a value: bad-currency, the event kept without its value",
    (currency) => {
      const result = validateEvents([
        purchase("e1", "a", 1, 10, currency),
        purchase("e2", "a", 2, 20, "EUR"),
      ]);
      expect(result.report.issues).toEqual([
        expect.objectContaining({ code: "bad-currency", row: 1, column: "currency" }),
      ]);
      expect(result.report.valuesDropped).toBe(1);
      expect(result.report.eventsUsed).toBe(2);
      expect(result.events.currency).toBe("EUR");
      expect(customerValue(result, "a")).toBe(20);
    },
  );

  it("a bad code never becomes the base, alone or first", () => {
    const result = validateEvents([purchase("e1", "a", 1, 10, "not a currency")]);
    expect(result.events.currency).toBeNull();
    expect(result.report.issueCounts).toEqual({ "bad-currency": 1 });
  });

  it("letters in any case with spaces around are a code", () => {
    const result = validateEvents([purchase("e1", "a", 1, 10, " eur ")]);
    expect(result.events.currency).toBe("EUR");
    expect(result.report.issues).toEqual([]);
  });

  it("property: with a value, the validator rejects a currency exactly when the schema does", () => {
    const currency = fc.oneof(
      fc.string({ maxLength: 5 }),
      fc.stringMatching(/^ ?[A-Za-z]{2,4} ?$/),
    );
    fc.assert(
      fc.property(currency, (code) => {
        fc.pre(code.trim().length > 0); // a blank currency is no currency
        const record = purchase("e1", "a", 1, 10, code);
        const schemaOk = eventRecordSchema().safeParse(record).success;
        const { report } = validateEvents([record]);
        expect(report.issueCounts["bad-currency"] === undefined).toBe(schemaOk);
      }),
      { numRuns: 300 },
    );
  });
});

describe("readEventsCsv: the same base and issues on the fast and the general path", () => {
  const HEADER = "id,customer,timestamp,type,value,currency,product";
  const run = async (body: string, fast: boolean) => {
    const path = join(dir, "events.csv");
    writeFileSync(path, body);
    fastEventLines.enabled = fast;
    try {
      return await readEventsCsv(path, { threads: 1 });
    } finally {
      fastEventLines.enabled = true;
    }
  };

  it("a dropped first-met value names its row and line past excluded rows, empty lines and a quoted break", async () => {
    const body = [
      HEADER,
      "x1,a,never,purchase,1,USD,p", // line 2, row 1: excluded
      'e1,a,2024-03-01,purchase,10,EUR,"p', // line 3, row 2: the EUR value (a cell over 2 lines)
      '1"',
      "",
      "e2,a,2024-03-02,purchase,20,USD,p", // line 6, row 3
      "e3,a,2024-03-03,purchase,30,usd,p", // line 7, row 4
      "e4,a,2024-03-04,purchase,40,EURO,p", // line 8, row 5: bad-currency
      "e5,a,2024-03-05,purchase,5,,p", // line 9, row 6: no currency, taken in the base
      "",
    ].join("\n");
    for (const fast of [true, false]) {
      const { events, report } = await run(body, fast);
      expect(events.currency).toBe("USD");
      expect(report.issues.map((i) => [i.code, i.row, i.line])).toEqual([
        ["bad-timestamp", 1, 2],
        ["mixed-currency", 2, 3],
        ["bad-currency", 5, 8],
      ]);
      expect(relationshipFeatures(events, { asOf: ASOF }).customers[0]?.value).toBe(55);
    }
  });

  it("plain lines (all on the fast path) give what the general path gives", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 40; i++) {
      const currency = i % 5 === 0 ? "EUR" : i % 7 === 0 ? "" : i % 11 === 0 ? "E1" : "USD";
      lines.push(
        `e${i},c${i % 3},2024-03-${String((i % 28) + 1).padStart(2, "0")},purchase,${i},${currency},p`,
      );
    }
    const body = `${lines.join("\n")}\n`;
    const fast = await run(body, true);
    const general = await run(body, false);
    expect(fast).toEqual(general);
    expect(fast.events.currency).toBe("USD");
    // EUR at i = 0, 5, …, 35 (8 values) and E1 at 11, 22, 33 dropped, no currency at 7, 14, 21,
    // 28 kept, USD the other 25
    expect(fast.report.issueCounts).toEqual({ "mixed-currency": 8, "bad-currency": 3 });
  });
});
