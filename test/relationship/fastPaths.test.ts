import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { daysFromCivil, utcStampAt } from "../../src/io/byteLines";
import { assessStage, emptyOutcome, type StageEvidence } from "../../src/relationship/assessStage";
import { isoInstant } from "../../src/relationship/isoInstant";
import { resolveStageRules } from "../../src/relationship/resolveStageRules";
import { sortEvents } from "../../src/relationship/sortEvents";
import { stageEvidence } from "../../src/relationship/stageEvidence";
import type { StageInputs } from "../../src/relationship/stageInputs";
import { stageOutcome } from "../../src/relationship/stageOutcome";
import { CRITERIA } from "../../src/relationship/stageRules";

describe("isoInstant", () => {
  it("writes what Date#toISOString writes, for any instant", () => {
    const instant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc
        .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 })
        .map((s) => s * 1000),
      fc.integer({ min: -62_200_000_000_000, max: -62_100_000_000_000 }),
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(instant, (t) => {
        expect(isoInstant(t)).toBe(new Date(t).toISOString());
      }),
      { numRuns: 5000 },
    );
  });

  it("formats hand-picked instants: leap days, year 0, the epoch, before it", () => {
    expect(isoInstant(Date.UTC(2024, 1, 29, 9, 5, 7, 12))).toBe("2024-02-29T09:05:07.012Z");
    expect(isoInstant(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(isoInstant(-1)).toBe("1969-12-31T23:59:59.999Z");
    expect(isoInstant(Date.UTC(2000, 11, 31, 23, 59, 59))).toBe("2000-12-31T23:59:59.000Z");
    expect(isoInstant(Date.UTC(1900, 1, 28))).toBe("1900-02-28T00:00:00.000Z");
    expect(isoInstant(Date.UTC(2100, 2, 1))).toBe("2100-03-01T00:00:00.000Z");
    expect(isoInstant(Date.UTC(9999, 11, 31, 23, 59, 59, 999))).toBe("9999-12-31T23:59:59.999Z");
  });
});

/** The order sortEvents promises, by one comparison sort of the whole set (the plain way). */
function referenceOrder(
  customer: number[],
  time: number[],
  type: number[],
  product: number[],
  value: number[],
): number[] {
  const index = customer.map((_, i) => i);
  const cmpValue = (a: number, b: number) => {
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
    if (Number.isNaN(a)) return 1;
    if (Number.isNaN(b)) return -1;
    return a - b;
  };
  return index.sort(
    (a, b) =>
      (customer[a] as number) - (customer[b] as number) ||
      (time[a] as number) - (time[b] as number) ||
      (type[a] as number) - (type[b] as number) ||
      (product[a] as number) - (product[b] as number) ||
      cmpValue(value[a] as number, value[b] as number) ||
      a - b,
  );
}

describe("sortEvents", () => {
  it("orders by customer, time, type, product, value, input order: the same as one comparison sort", () => {
    const event = (customers: number) =>
      fc.record({
        customer: fc.nat({ max: customers - 1 }),
        // few distinct times (many ties), wide ranges, fractions and far-apart times
        time: fc.oneof(
          fc.integer({ min: 0, max: 5 }).map((d) => Date.UTC(2024, 0, 1) + d * 86_400_000),
          fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2025, 0, 1) }),
          fc.constantFrom(-8.64e15, 8.64e15, 0.5, 1.25, -3),
        ),
        type: fc.nat({ max: 3 }),
        product: fc.integer({ min: -1, max: 2 }),
        value: fc.constantFrom(Number.NaN, 0, 10, 10.5, -1),
        initiator: fc.constantFrom(-1, 0, 1),
      });
    const input = fc
      .integer({ min: 1, max: 4 })
      .chain((customers) =>
        fc.tuple(fc.constant(customers), fc.array(event(customers), { maxLength: 200 })),
      );
    fc.assert(
      fc.property(input, ([customers, events]) => {
        const customer = events.map((e) => e.customer);
        const time = events.map((e) => e.time);
        const type = events.map((e) => e.type);
        const product = events.map((e) => e.product);
        const value = events.map((e) => e.value);
        const { order, customerStart, sorted } = sortEvents(
          Int32Array.from(customer),
          Float64Array.from(time),
          Uint8Array.from(type),
          Int32Array.from(product),
          Float64Array.from(value),
          customers,
          Int8Array.from(events.map((e) => e.initiator)),
        );
        const expected = referenceOrder(customer, time, type, product, value);
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(sorted.time)).toEqual(expected.map((e) => time[e]));
        expect(Array.from(sorted.type)).toEqual(expected.map((e) => type[e]));
        expect(Array.from(sorted.product)).toEqual(expected.map((e) => product[e]));
        expect(Array.from(sorted.value)).toEqual(expected.map((e) => value[e]));
        expect(Array.from(sorted.initiator)).toEqual(expected.map((e) => events[e]?.initiator));
        for (let c = 0; c < customers; c++) {
          expect((customerStart[c + 1] as number) - (customerStart[c] as number)).toBe(
            customer.filter((x) => x === c).length,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});

/** Random stage inputs and rules (undefined: the defaults) for the stage-rule properties. */
const stageArbitraries = (() => {
  const count = fc.nat({ max: 6 });
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const days = fc.double({ min: 0, max: 1500, noNaN: true });
  const inputs: fc.Arbitrary<StageInputs> = fc.record({
    purchases: count,
    purchases365: count,
    tenureDays: days,
    customerDays: days,
    recencyDays: days,
    silenceDays: days,
    valueTrend: maybe(fc.double({ min: -1, max: 2, noNaN: true })),
    productBreadth: count,
    productBreadthEarlier: count,
    shareOfWallet: maybe(fc.double({ min: 0, max: 1.5, noNaN: true })),
    reciprocity: maybe(fc.constantFrom(0, 0.25, 0.5, 0.75, 1)),
    complaintsRecent: count,
    complaintsEarlier: count,
    openComplaints: fc.nat({ max: 2 }),
    purchaseCycleDays: maybe(days),
    purchaseCycleQ90Days: maybe(days),
    contracts: fc.nat({ max: 2 }),
    recentInquiries: fc.nat({ max: 2 }),
    recentDowngrades: fc.nat({ max: 2 }),
    cancelled: fc.boolean(),
  });
  const weight = fc.oneof(
    fc.constantFrom(0, 0.5, 1, 2),
    fc.double({ min: 0, max: 3, noNaN: true }),
  );
  const rules = fc.option(
    fc.record(
      {
        silenceDays: fc.integer({ min: 30, max: 400 }),
        silenceCycleMultiple: fc.constantFrom(0.5, 1, 2),
        declineTrend: fc.constantFrom(-0.5, -0.2, 0),
        declineComplaints: fc.nat({ max: 3 }),
        newCustomerDays: fc.integer({ min: 30, max: 400 }),
        fewPurchases: fc.nat({ max: 5 }),
        expansionTenureDays: fc.integer({ min: 30, max: 400 }),
        growthTrend: fc.constantFrom(0, 0.05, 0.3),
        activeReciprocity: fc.constantFrom(0.25, 0.5, 0.75),
        commitmentTenureDays: fc.integer({ min: 100, max: 1000 }),
        stableTrend: fc.constantFrom(0.05, 0.2),
        commitmentBreadth: fc.nat({ max: 4 }),
        commitmentShareOfWallet: fc.constantFrom(0.3, 0.5, 0.9),
        maxRecentComplaints: fc.nat({ max: 2 }),
        weights: fc.record(Object.fromEntries(CRITERIA.map((c) => [c, weight])), {
          requiredKeys: [],
        }),
      },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );
  return { inputs, rules };
})();

describe("stageOutcome", () => {
  it("gives the stage, confidence, scores and coverage of assessStage, for any inputs and rules", () => {
    const { inputs, rules } = stageArbitraries;
    fc.assert(
      fc.property(inputs, rules, (f, input) => {
        const resolved = resolveStageRules("test", input);
        const plain = assessStage(f, resolved, null, emptyOutcome());
        const fast = stageOutcome(f, resolved, emptyOutcome());
        expect(fast).toEqual(plain);
        expect(Object.is(fast.confidence, plain.confidence)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("stageEvidence", () => {
  it("gives the evidence assessStage pushes (same entries, order, texts and keys), for any inputs and rules", () => {
    const { inputs, rules } = stageArbitraries;
    fc.assert(
      fc.property(inputs, rules, (f, input) => {
        const resolved = resolveStageRules("test", input);
        const plain: StageEvidence[] = [];
        assessStage(f, resolved, plain, emptyOutcome());
        const fast = stageEvidence(f, resolved);
        expect(fast).toEqual(plain);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(plain));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("daysFromCivil and utcStampAt", () => {
  it("give the day and instant Date.UTC gives, for any valid date of years 1000–9999", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1000-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (date) => {
          const t = Math.floor(date.getTime() / 1000) * 1000;
          const d = new Date(t);
          expect(daysFromCivil(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())).toBe(
            Math.floor(t / 86_400_000),
          );
          const text = `${d.toISOString().slice(0, 19)}Z`;
          expect(utcStampAt(new TextEncoder().encode(text), 0)).toBe(t);
        },
      ),
      { numRuns: 3000 },
    );
    expect(daysFromCivil(2024, 3, 1)).toBe(19_783);
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(daysFromCivil(2000, 2, 29)).toBe(11_016);
  });
});
