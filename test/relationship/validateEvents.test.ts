import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { eventJsonSchema, eventRecordSchema, validateEvents } from "../../src/index";

const ev = (
  id: number | string,
  customer: string,
  timestamp: unknown,
  type: unknown,
  extra: Record<string, unknown> = {},
) => ({
  id,
  customer,
  timestamp,
  type,
  ...extra,
});

function thrown(call: () => unknown): ServqualError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ServqualError);
    return error as ServqualError;
  }
  throw new Error("did not throw");
}

describe("validateEvents", () => {
  it("keeps good events and sorts each customer's by time, whatever the input order", () => {
    const { events, report } = validateEvents([
      ev("e3", "b", "2024-03-01", "purchase", { value: 10 }),
      ev("e1", "a", "2024-02-01", "purchase", { value: 20 }),
      ev("e2", "b", "2024-01-01", "inquiry"),
      ev("e4", "a", "2024-01-15", "campaign-exposure"),
    ]);
    expect(report.eventsIn).toBe(4);
    expect(report.eventsUsed).toBe(4);
    expect(report.eventsExcluded).toBe(0);
    expect(events.customers).toEqual(["b", "a"]);
    expect(Array.from(events.customerStart)).toEqual([0, 2, 4]);
    // b: e2 (Jan) then e3 (Mar); a: e4 (Jan 15) then e1 (Feb)
    expect(Array.from(events.order)).toEqual([2, 0, 3, 1]);
    expect(events.source[0]).toBe(1);
  });

  it("reports every bad record with its code, row and field; events in = used + excluded", () => {
    const { events, report } = validateEvents(
      [
        ev("e1", "a", "2024-01-05", "purchase", { value: 100, currency: "EUR" }),
        ev("e1", "a", "2024-01-05", "purchase", { value: 100, currency: "EUR" }),
        ev("e2", "a", "2024-01-06", "teleport"),
        ev("e3", "a", "2024-02-30", "purchase"),
        ev("e4", "a", "2025-06-01", "purchase"),
        ev("e5", "a", "2024-01-07", "purchase", { value: -5 }),
        ev("e6", "a", "2024-01-08", "downgrade", { value: -5 }),
        ev("e7", "a", "2024-01-09", "purchase", { value: 30, currency: "USD" }),
        ev("e8", "a", "2024-01-10", "purchase", { value: "12,5" }),
        ev("", "a", "2024-01-10", "purchase"),
        ev("e9", "  ", "2024-01-10", "purchase"),
        "not a record",
        ev("e10", "a", "2024-01-11", "complaint", { initiator: "robot" }),
        ev("e11", "z", "bad", "purchase"),
      ] as never,
      { asOf: "2024-12-31" },
    );
    expect(report.eventsIn).toBe(14);
    expect(report.eventsUsed + report.eventsExcluded).toBe(14);
    expect(report.eventsUsed).toBe(6); // e1 e5 e6 e7 e8 e10
    expect(events.n).toBe(6);
    expect(report.duplicates).toBe(1);
    expect(report.exclusionCounts).toEqual({
      "duplicate-event": 1,
      "unknown-event-type": 1,
      "bad-timestamp": 2,
      "future-timestamp": 1,
      "missing-event-id": 1,
      "missing-customer": 1,
      "not-an-object": 1,
    });
    expect(report.issueCounts).toMatchObject({
      "negative-value": 1,
      "mixed-currency": 1,
      "bad-value": 1,
      "bad-initiator": 1,
      "no-events": 1,
    });
    expect(report.valuesDropped).toBe(3);
    const byCode = (code: string) => report.issues.find((issue) => issue.code === code);
    expect(byCode("unknown-event-type")).toMatchObject({ row: 3, column: "type" });
    expect(byCode("future-timestamp")).toMatchObject({ row: 5, column: "timestamp" });
    expect(byCode("negative-value")).toMatchObject({ row: 6, column: "value" });
    expect(byCode("mixed-currency")).toMatchObject({ row: 8, column: "currency" });
    expect(byCode("no-events")?.message).toContain("customer z");
    // the downgrade keeps its negative value; the negative purchase lost its value
    const values = Array.from(events.value);
    expect(values.filter((v) => v === -5)).toHaveLength(1);
    expect(events.currency).toBe("EUR");
  });

  it("maps custom types by a table, case and separators aside", () => {
    const { events, report } = validateEvents(
      [
        ev(1, "a", "2024-01-01", "Order"),
        ev(2, "a", "2024-01-02", "Quote_Request"),
        ev(3, "a", "2024-01-03", "COMPLAINT resolved"),
      ],
      { typeMap: { order: "purchase" } },
    );
    expect(report.eventsExcluded).toBe(0);
    expect(Array.from(events.type)).toEqual([4, 2, 7]);
  });

  it("suggests a near type name, not an unrelated one", () => {
    const { report } = validateEvents([
      ev(1, "a", "2024-01-01", "purchse"),
      ev(2, "a", "2024-01-01", "gift"),
      ev(3, "a", "2024-01-01", "purchase"),
    ]);
    const [typo, gift] = report.issues.filter((issue) => issue.code === "unknown-event-type");
    expect(typo?.message).toContain("did you mean 'purchase'?");
    expect(gift?.message).not.toContain("did you mean");
  });

  it("converts currencies with a rate table into the base currency", () => {
    const { events, report } = validateEvents(
      [
        ev(1, "a", "2024-01-01", "purchase", { value: 100, currency: "usd" }),
        ev(2, "a", "2024-01-02", "purchase", { value: 50, currency: "EUR" }),
        ev(3, "a", "2024-01-03", "purchase", { value: 50, currency: "GBP" }),
      ],
      { currency: "EUR", rates: { USD: 0.5 } },
    );
    expect(Array.from(events.value).slice(0, 2)).toEqual([50, 50]);
    expect(events.value[2]).toBeNaN();
    expect(report.issueCounts["mixed-currency"]).toBe(1);
    expect(events.currency).toBe("EUR");
  });

  it("reports known customers without any event", () => {
    const { report } = validateEvents([ev(1, "a", "2024-01-01", "inquiry")], {
      customers: ["a", "b", 7],
    });
    expect(report.customersWithoutEvents).toBe(2);
    expect(report.issueCounts["no-events"]).toBe(2);
  });

  it("counts all issues but lists only issueLimit", () => {
    const records = Array.from({ length: 30 }, (_, i) => ev(i, "a", "nope", "purchase"));
    records.push(ev(99, "a", "2024-01-01", "purchase"));
    const { report } = validateEvents(records, { issueLimit: 5, excludedLimit: 3 });
    expect(report.issueCounts["bad-timestamp"]).toBe(30);
    expect(report.issues).toHaveLength(5);
    expect(report.excludedRows).toHaveLength(3);
    expect(report.eventsExcluded).toBe(30);
    expect(report.warnings.map((w) => w.code)).toEqual(["list-truncated"]);
  });

  it("throws on no records, no usable record and bad options", () => {
    expect(thrown(() => validateEvents([])).code).toBe("empty-input");
    const none = thrown(() => validateEvents([ev(1, "a", "x", "purchase")]));
    expect(none.code).toBe("no-usable-rows");
    expect(none.issues[0]?.code).toBe("bad-timestamp");
    expect(thrown(() => validateEvents("x" as never)).code).toBe("invalid-argument");
    expect(thrown(() => validateEvents([], { typeMap: { order: "buy" as never } })).code).toBe(
      "invalid-options",
    );
    expect(thrown(() => validateEvents([], { rates: { USD: 2 } })).issues[0]?.path).toEqual([
      "currency",
    ]);
    expect(thrown(() => validateEvents([], { asOf: "soon" })).code).toBe("invalid-options");
    const typo = thrown(() => validateEvents([], { asof: "2024-01-01" } as never));
    expect(typo.issues[0]?.message).toContain("'asOf'");
  });

  it("the zod model accepts the records validateEvents uses and rejects those it excludes", () => {
    const good = [
      ev("e1", "a", "2024-01-05", "purchase", { value: 100, currency: "EUR", initiator: "firm" }),
      ev(2, "b", new Date(0), "downgrade", { value: -3 }),
    ];
    const bad = [
      ev("e3", "a", "2024-02-30", "purchase"),
      ev("e4", "a", "2024-01-01", "teleport"),
      ev("e5", "a", "2024-01-01", "purchase", { value: -1 }),
      ev("", "a", "2024-01-01", "purchase"),
    ];
    for (const record of good) {
      expect(eventRecordSchema().safeParse(record).success).toBe(true);
      expect(validateEvents([record]).report.eventsUsed).toBe(1);
    }
    for (const record of bad) expect(eventRecordSchema().safeParse(record).success).toBe(false);
    expect(eventJsonSchema().type).toBe("object");
  });
});
