import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { type EventRecord, relationshipFeatures, validateEvents } from "../../src/index";
import { ev } from "./events";

const ASOF = "2024-12-31T00:00:00Z";

/**
 * Customer A, worked by hand (docs/relationship.md's definitions). As of 2024-12-31:
 * the 90-day window starts (exclusive) at 2024-10-02, the 365-day one at 2024-01-01 (2024 is
 * a leap year), the trend windows at 2024-07-04 and 2024-01-06, the complaint windows at
 * 2024-10-02 and 2024-07-04.
 */
const customerA: EventRecord[] = [
  ev("A", "2023-06-01", "campaign-exposure"),
  ev("A", "2023-06-10", "inquiry"),
  ev("A", "2023-07-01", "first-purchase", { value: 100, product: "p1" }),
  ev("A", "2024-01-01T00:00:00Z", "purchase", { value: 50, product: "p2" }),
  ev("A", "2024-03-01", "purchase", { value: 80, product: "p1" }),
  ev("A", "2024-07-04", "purchase", { value: 40, product: "p3" }),
  ev("A", "2024-10-02", "purchase", { value: 30, product: "p2" }),
  ev("A", "2024-10-03", "complaint"),
  ev("A", "2024-10-05", "complaint-resolved"),
  ev("A", "2024-11-01", "complaint"),
  ev("A", "2024-12-30", "purchase", { value: 20, product: "p4" }),
  ev("A", "2025-01-05", "purchase", { value: 999, product: "p9" }),
];

describe("relationshipFeatures: a customer worked by hand", () => {
  const { events } = validateEvents(customerA);
  const result = relationshipFeatures(events, { asOf: ASOF });
  const a = result.customers[0];

  it("tenure, recency, silence and the purchase count up to the as-of date", () => {
    expect(result.customers).toHaveLength(1);
    expect(a?.events).toBe(11); // the 2025 purchase is after the as-of date
    expect(a?.tenureDays).toBe(579); // 2023-06-01 → 2024-12-31
    expect(a?.customerDays).toBe(549); // 2023-07-01 → 2024-12-31
    expect(a?.recencyDays).toBe(1);
    expect(a?.silenceDays).toBe(1);
    expect(a?.purchases).toBe(6);
    expect(a?.value).toBe(320);
    expect(a?.firstPurchaseAt).toBe("2023-07-01T00:00:00.000Z");
  });

  it("windows exclude an event exactly at their start", () => {
    expect(a?.windows).toEqual([
      { days: 90, purchases: 1, value: 20 }, // 2024-10-02 is the start: out
      { days: 365, purchases: 4, value: 170 }, // 2024-01-01T00:00 is the start: out
    ]);
    expect(a?.purchases365).toBe(4);
    expect(a?.value365).toBe(170);
  });

  it("value trend: (30 + 20) against (80 + 40)", () => {
    expect(a?.valueTrend.recent).toBe(50);
    expect(a?.valueTrend.earlier).toBe(120);
    expect(a?.valueTrend.change).toBeCloseTo(50 / 120 - 1, 12);
  });

  it("breadth now and at the start of the trend window", () => {
    expect(a?.productBreadth).toBe(4);
    expect(a?.productBreadthEarlier).toBe(3); // p1, p2, p3 (2024-07-04 is the start itself)
  });

  it("reciprocity: 9 customer-initiated of 11 with a known initiator", () => {
    expect(a?.customerInitiated).toBe(9);
    expect(a?.firmInitiated).toBe(2);
    expect(a?.reciprocity).toBeCloseTo(9 / 11, 14);
  });

  it("complaints: first in, first out", () => {
    expect(a?.complaints).toEqual({
      total: 2,
      recent: 2,
      earlier: 0,
      open: 1,
      resolved: 1,
      medianResolutionDays: 2,
      unmatchedResolutions: 0,
    });
  });

  it("purchase cycle: gaps 184, 60 (leap February), 125, 90, 89 days", () => {
    expect(a?.purchaseCycleDays).toBe(90);
    expect(a?.purchaseCycleQ90Days).toBeCloseTo(125 + 0.6 * (184 - 125), 12); // R quantile type 7
  });

  it("share of wallet: value of the last 365 days over the wallet", () => {
    const withWallet = relationshipFeatures(events, { asOf: ASOF, wallet: { A: 340 } });
    expect(withWallet.customers[0]?.shareOfWallet).toBe(0.5);
    expect(a?.shareOfWallet).toBeNull();
  });

  it("an as-of date before a customer's first event leaves the customer out", () => {
    const early = relationshipFeatures(events, { asOf: "2023-01-01" });
    expect(early.customers).toEqual([]);
    expect(early.notYetCustomers).toBe(1);
    expect(early.warnings.map((w) => w.code)).toContain("no-customers");
  });
});

describe("relationshipFeatures: calendar and nulls", () => {
  it("window starts are calendar days in the time zone (DST: a 1-day window is 23 hours)", () => {
    const { events } = validateEvents([ev("B", "2024-03-30T12:30:00Z", "purchase", { value: 1 })]);
    const asOf = "2024-03-31T12:00:00Z"; // Berlin moved to summer time at 01:00Z that day
    const utc = relationshipFeatures(events, { asOf, windows: [1] });
    const berlin = relationshipFeatures(events, { asOf, windows: [1], timeZone: "Europe/Berlin" });
    expect(utc.customers[0]?.windows[0]?.purchases).toBe(1);
    expect(berlin.customers[0]?.windows[0]?.purchases).toBe(0);
  });

  it("unknown values give null sums and null trends, with coded warnings", () => {
    const { events } = validateEvents([ev("C", "2024-12-01", "purchase")]);
    const result = relationshipFeatures(events, { asOf: ASOF });
    const c = result.customers[0];
    expect(c?.value).toBeNull();
    expect(c?.windows[0]).toEqual({ days: 90, purchases: 1, value: null });
    expect(c?.valueTrend).toEqual({ days: 180, recent: null, earlier: null, change: null });
    expect(c?.purchaseCycleDays).toBeNull();
    expect(c?.recencyDays).toBe(30);
    expect(result.warnings.map((w) => w.code).sort()).toEqual([
      "no-earlier-value",
      "too-few-purchases",
    ]);
  });

  it("a cancellation without a purchase after it is in force; a later purchase lifts it", () => {
    const { events } = validateEvents([
      ev("D", "2024-01-01", "purchase"),
      ev("D", "2024-02-01", "cancellation"),
      ev("E", "2024-01-01", "cancellation"),
      ev("E", "2024-02-01", "contract"),
    ]);
    const [d, e] = relationshipFeatures(events, { asOf: ASOF }).customers;
    expect(d?.cancelled).toBe(true);
    expect(e?.cancelled).toBe(false);
    expect(e?.contracts).toBe(1);
  });

  it("rejects bad options", () => {
    const { events } = validateEvents([ev("B", "2024-03-30", "purchase")]);
    const codes = (options: unknown) => {
      try {
        relationshipFeatures(events, options as never);
      } catch (error) {
        return (error as ServqualError).code;
      }
      return "none";
    };
    expect(codes({})).toBe("invalid-options"); // asOf is required
    expect(codes({ asOf: ASOF, windows: [0] })).toBe("invalid-options");
    expect(codes({ asOf: ASOF, timeZone: "Mars/Olympus" })).toBe("invalid-options");
    expect(codes({ asOf: ASOF, wallet: { B: -1 } })).toBe("invalid-options");
    expect(codes({ asOf: ASOF, trendDay: 10 })).toBe("invalid-options");
    expect(() => relationshipFeatures({} as never, { asOf: ASOF })).toThrow(ServqualError);
  });
});

describe("relationshipFeatures: properties", () => {
  const TYPES = [
    "campaign-exposure",
    "inquiry",
    "purchase",
    "complaint",
    "complaint-resolved",
    "contract",
    "downgrade",
    "cancellation",
    "referral",
  ];
  const record = fc.record({
    customer: fc.constantFrom("a", "b", "c"),
    day: fc.integer({ min: 0, max: 900 }),
    type: fc.constantFrom(...TYPES),
    value: fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
    product: fc.option(fc.constantFrom("p1", "p2", "p3"), { nil: undefined }),
  });
  const toEvents = (
    rows: { customer: string; day: number; type: string; value?: number; product?: string }[],
  ) =>
    rows.map((r, i) => ({
      id: `x${i}`,
      customer: r.customer,
      timestamp: Date.UTC(2022, 0, 1) + r.day * 86_400_000,
      type: r.type,
      ...(r.value === undefined ? {} : { value: r.value }),
      ...(r.product === undefined ? {} : { product: r.product }),
    }));
  /** Features keyed by customer (the order customers first appear in follows the input). */
  const featuresOf = (records: unknown[]) => {
    const { events } = validateEvents(records);
    const result = relationshipFeatures(events, { asOf: "2024-06-30" });
    return Object.fromEntries(result.customers.map((f) => [f.customer, f]));
  };

  it("the order of events does not change any feature", () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 60 }), fc.integer(), (rows, seed) => {
        const records = toEvents(rows);
        const shuffled = fc.sample(
          fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length }),
          { seed, numRuns: 1 },
        )[0] as unknown[];
        expect(featuresOf(shuffled)).toEqual(featuresOf(records));
      }),
      { numRuns: 60 },
    );
  });

  it("duplicated events (same id) do not change any feature", () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (rows, picks) => {
          const records = toEvents(rows);
          const copies = picks.map((p) => ({ ...(records[p % records.length] as object) }));
          const { report } = validateEvents([...records, ...copies]);
          expect(report.duplicates).toBe(copies.length);
          expect(featuresOf([...records, ...copies])).toEqual(featuresOf(records));
        },
      ),
      { numRuns: 60 },
    );
  });
});
