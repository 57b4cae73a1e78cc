import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  classifyStage,
  dissolutionWarnings,
  relationshipFeatures,
  stageTimeline,
  stageTransitions,
  validateEvents,
} from "../../src/index";
import { ev } from "./events";

/**
 * A hand-built history over January–April 2024:
 * A: inquiry 01-10, first purchase 02-10, cancellation 03-20 → awareness, exploration, dissolution, dissolution
 * B: first purchase 03-05 → –, –, exploration, exploration
 * C: campaign 01-02 only → awareness × 4
 */
const history = validateEvents([
  ev("A", "2024-03-20", "cancellation"),
  ev("C", "2024-01-02", "campaign-exposure"),
  ev("A", "2024-01-10", "inquiry"),
  ev("B", "2024-03-05", "first-purchase", { value: 40 }),
  ev("A", "2024-02-10", "first-purchase", { value: 60 }),
]).events;

describe("stageTimeline and stageTransitions", () => {
  const timeline = stageTimeline(history, { from: "2024-01-15", to: "2024-04-02" });

  it("classifies every customer at each month's as-of: its end, and `to` in the last month", () => {
    expect(timeline.months).toEqual(["2024-01", "2024-02", "2024-03", "2024-04"]);
    expect(timeline.asOf).toEqual([
      "2024-01-31T23:59:59.999Z",
      "2024-02-29T23:59:59.999Z",
      "2024-03-31T23:59:59.999Z",
      "2024-04-02T00:00:00.000Z",
    ]);
    const stages = Object.fromEntries(timeline.customers.map((c) => [c.customer, c.stages]));
    expect(stages).toEqual({
      A: ["awareness", "exploration", "dissolution", "dissolution"],
      B: [null, null, "exploration", "exploration"],
      C: ["awareness", "awareness", "awareness", "awareness"],
    });
    expect(timeline.distribution.awareness).toEqual([2, 1, 1, 1]);
    expect(timeline.distribution.exploration).toEqual([0, 1, 1, 1]);
    expect(timeline.distribution.dissolution).toEqual([0, 0, 1, 1]);
  });

  it("counts transitions between consecutive months, with row shares", () => {
    const t = stageTransitions(timeline);
    // awareness→awareness 3 (C), awareness→exploration 1 (A), exploration→dissolution 1 (A),
    // dissolution→dissolution 1 (A), exploration→exploration 1 (B)
    expect(t.counts).toEqual([
      [3, 1, 0, 0, 0],
      [0, 1, 0, 0, 1],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
    ]);
    expect(t.rowTotals).toEqual([4, 2, 0, 0, 1]);
    expect(t.shares[0]).toEqual([0.75, 0.25, 0, 0, 0]);
    expect(t.shares[2]).toEqual([null, null, null, null, null]);
    expect(t.transitions).toBe(7);
    expect(t.entered).toEqual({
      awareness: 2,
      exploration: 1,
      expansion: 0,
      commitment: 0,
      dissolution: 0,
    });
    expect(t.warnings.map((w) => w.code)).toEqual(["empty-transition-row"]);
  });

  it("a timeline's month ends follow the time zone", () => {
    const tokyo = stageTimeline(history, {
      from: "2024-01-15",
      to: "2024-02-20",
      timeZone: "Asia/Tokyo",
    });
    // January ends at midnight in Tokyo (UTC+9); February is judged at to
    expect(tokyo.asOf).toEqual(["2024-01-31T14:59:59.999Z", "2024-02-20T00:00:00.000Z"]);
  });

  it("judges the last month at `to`, not past it: the stage of classifyStage at `to`", () => {
    // One purchase on 2023-12-20. As of 2024-06-15 (to) it is 178 days old: under the 180 days
    // of silence, so exploration (new customer, few purchases). At the end of June it would be
    // 192.99… days: silent, dissolution. At the end of May, 162.99… days: exploration.
    const { events } = validateEvents([ev("Q", "2023-12-20", "first-purchase", { value: 50 })]);
    const t = stageTimeline(events, { from: "2024-05-01", to: "2024-06-15" });
    expect(t.months).toEqual(["2024-05", "2024-06"]);
    expect(t.asOf).toEqual(["2024-05-31T23:59:59.999Z", "2024-06-15T00:00:00.000Z"]);
    const [atTo] = relationshipFeatures(events, { asOf: "2024-06-15" }).customers;
    expect(atTo?.recencyDays).toBe(178);
    expect(classifyStage(atTo as NonNullable<typeof atTo>).stage).toBe("exploration");
    expect(t.customers[0]?.stages).toEqual(["exploration", "exploration"]);
    expect(t.customers[0]?.confidence[1]).toBe(
      classifyStage(atTo as NonNullable<typeof atTo>).confidence,
    );
    // the same month judged at its end (to on the last day) is silent
    const end = stageTimeline(events, { from: "2024-06-01", to: "2024-06-30T23:59:59.999Z" });
    expect(end.customers[0]?.stages).toEqual(["dissolution"]);
    // the distribution of the last month is that of the stages at to
    expect(t.distribution.exploration).toEqual([1, 1]);
    expect(t.distribution.dissolution).toEqual([0, 0]);
  });

  it("each month's stages equal relationshipFeatures + classifyStage at that month's as-of", () => {
    for (const [m, asOf] of timeline.asOf.entries()) {
      const direct = Object.fromEntries(
        relationshipFeatures(history, { asOf }).customers.map((f) => {
          const a = classifyStage(f);
          return [f.customer, [a.stage, a.confidence]];
        }),
      );
      for (const c of timeline.customers) {
        const stage = c.stages[m] ?? null;
        expect(stage === null ? undefined : [stage, c.confidence[m]]).toEqual(direct[c.customer]);
      }
    }
  });

  it("rejects bad calls", () => {
    const code = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return (error as ServqualError).code;
      }
      return "none";
    };
    expect(code(() => stageTimeline(history, { from: "2024-05-01", to: "2024-01-01" }))).toBe(
      "invalid-options",
    );
    expect(code(() => stageTimeline(history, { from: "1900-01-01", to: "2024-01-01" }))).toBe(
      "invalid-options",
    );
    expect(code(() => stageTimeline(history, { to: "2024-01-01" } as never))).toBe(
      "invalid-options",
    );
    expect(
      code(() =>
        stageTimeline(history, {
          from: "2024-01-01",
          to: "2024-02-01",
          rules: { silenceDays: "x" } as never,
        }),
      ),
    ).toBe("invalid-options");
    expect(code(() => stageTransitions({} as never))).toBe("invalid-argument");
  });
});

describe("stageTimeline against relationshipFeatures + classifyStage (property)", () => {
  const TYPES = ["inquiry", "first-purchase", "purchase", "complaint", "contract", "cancellation"];
  const DAY = 86_400_000;
  const T0 = Date.UTC(2023, 0, 1);
  const zones = ["UTC", "Asia/Tokyo", "America/New_York"] as const;
  /** `yyyy-MM` of an instant on the calendar of a time zone (Intl, independent of date-fns). */
  const monthIn = (time: number, timeZone: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" })
      .format(new Date(time))
      .slice(0, 7);
  const event = fc.record({
    customer: fc.constantFrom("a", "b", "c"),
    // days over two years, with a random time of day
    time: fc.integer({ min: 0, max: 730 * DAY }).map((ms) => T0 + ms),
    type: fc.constantFrom(...TYPES),
    value: fc.integer({ min: 1, max: 200 }),
  });
  const input = fc.record({
    events: fc.array(event, { minLength: 1, maxLength: 40 }),
    from: fc.integer({ min: 0, max: 700 * DAY }).map((ms) => T0 + ms),
    // to: from + up to 8 months, at any millisecond (often inside a month)
    span: fc.integer({ min: 0, max: 240 * DAY }),
    zone: fc.constantFrom(...zones),
  });

  it("every month equals classifyStage at min(month end, to); the last month's as-of is to", () => {
    fc.assert(
      fc.property(input, ({ events: list, from, span, zone }) => {
        const to = from + span;
        const { events } = validateEvents(
          list.map((e, i) => ({
            id: i,
            customer: e.customer,
            timestamp: new Date(e.time).toISOString(),
            type: e.type,
            ...(e.type.endsWith("purchase") || e.type === "contract" ? { value: e.value } : {}),
          })),
        );
        const t = stageTimeline(events, { from, to, timeZone: zone });
        const last = t.months.length - 1;
        expect(t.asOf[last]).toBe(new Date(to).toISOString());
        for (let m = 0; m < last; m++) {
          const at = Date.parse(t.asOf[m] as string);
          // the last millisecond of month m in the zone: the next millisecond is month m + 1
          expect(monthIn(at, zone)).toBe(t.months[m]);
          expect(monthIn(at + 1, zone)).toBe(t.months[m + 1]);
        }
        for (const [m, asOf] of t.asOf.entries()) {
          const direct = new Map(
            relationshipFeatures(events, { asOf, timeZone: zone }).customers.map((f) => {
              const a = classifyStage(f);
              return [f.customer, [a.stage, a.confidence]] as const;
            }),
          );
          for (const c of t.customers) {
            const stage = c.stages[m] ?? null;
            expect(stage === null ? undefined : [stage, c.confidence[m]]).toEqual(
              direct.get(c.customer),
            );
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe("dissolutionWarnings", () => {
  const { events } = validateEvents([
    // steady buyer every 30 days, silent for 70 days at the as-of date: 70 > 2 × 30
    ev("S", "2024-06-01", "purchase", { value: 10 }),
    ev("S", "2024-07-01", "purchase", { value: 10 }),
    ev("S", "2024-07-31", "purchase", { value: 10 }),
    ev("S", "2024-08-30", "purchase", { value: 10 }),
    // complaints rising: 2 in the last 90 days, none before
    ev("R", "2024-09-01", "purchase", { value: 10 }),
    ev("R", "2024-10-20", "complaint"),
    ev("R", "2024-11-01", "complaint"),
    // value falling: 300 in (2023-11-14, 2024-05-12] against 100 in (2024-05-12, 2024-11-08]
    ev("F", "2024-03-01", "purchase", { value: 300 }),
    ev("F", "2024-11-01", "purchase", { value: 100 }),
    // cancelled: not checked
    ev("X", "2024-01-01", "purchase", { value: 10 }),
    ev("X", "2024-02-01", "cancellation"),
  ]);
  const features = relationshipFeatures(events, { asOf: "2024-11-08" });

  it("flags each signal with the values it saw", () => {
    const w = dissolutionWarnings(features);
    expect(w.checked).toBe(3);
    const by = Object.fromEntries(w.customers.map((c) => [c.customer, c.signals]));
    expect(by.S).toEqual([
      expect.objectContaining({ signal: "long-silence", value: 70, threshold: 60 }),
    ]);
    expect(by.R).toEqual([
      expect.objectContaining({ signal: "complaints-rising", value: 2, threshold: 2 }),
    ]);
    expect(by.F?.[0]).toMatchObject({ signal: "value-falling", threshold: -0.2 });
    expect(by.F?.[0]?.value).toBeCloseTo(100 / 300 - 1, 14);
    expect(by.X).toBeUndefined();
    expect(w.counts).toEqual({ "value-falling": 1, "complaints-rising": 1, "long-silence": 1 });
  });

  it("thresholds are options", () => {
    const w = dissolutionWarnings(features, {
      silenceMultiple: 3,
      risingComplaints: 3,
      fallingTrend: -0.9,
    });
    expect(w.customers).toEqual([]);
    expect(() => dissolutionWarnings(features, { silenceMultiple: -1 })).toThrow(ServqualError);
    expect(() => dissolutionWarnings(features, { silenceDays: -1 })).toThrow(ServqualError);
    expect(() => dissolutionWarnings(features, { silenceDays: Number.NaN })).toThrow(ServqualError);
    expect(() => dissolutionWarnings(features, { silence: 1 } as never)).toThrow(ServqualError);
  });
});

describe("dissolutionWarnings: silence without a rhythm of the customer's own", () => {
  // One order of two products: two purchases at the same instant, a purchase cycle of 0 days.
  const { events } = validateEvents([
    ev("O", "2024-06-01T10:00:00Z", "purchase", { value: 10, product: "p1" }),
    ev("O", "2024-06-01T10:00:00Z", "purchase", { value: 15, product: "p2" }),
    // one purchase only: no cycle
    ev("N", "2024-06-01T10:00:00Z", "first-purchase", { value: 30 }),
    // two orders six hours apart: a cycle of 0.25 days, under a day
    ev("H", "2024-06-01T04:00:00Z", "purchase", { value: 5 }),
    ev("H", "2024-06-01T10:00:00Z", "purchase", { value: 5 }),
    // a daily rhythm: purchases one day apart, a cycle of exactly 1 day
    ev("D", "2024-05-31T10:00:00Z", "purchase", { value: 5 }),
    ev("D", "2024-06-01T10:00:00Z", "purchase", { value: 5 }),
  ]);
  const at = (asOf: string, options = {}) =>
    dissolutionWarnings(relationshipFeatures(events, { asOf }), options);
  const silence = (w: ReturnType<typeof at>, customer: string) =>
    w.customers
      .find((c) => c.customer === customer)
      ?.signals.find((s) => s.signal === "long-silence");

  it("purchases at the same instant do not make any pause a long silence", () => {
    const [o] = relationshipFeatures(events, { asOf: "2024-06-05T10:00:00Z" }).customers;
    expect(o?.purchaseCycleDays).toBe(0);
    // 4 days after the order: 4 > 2 × 0 would fire; without a rhythm the 180 days apply
    const w = at("2024-06-05T10:00:00Z");
    expect(w.checked).toBe(4);
    expect(silence(w, "O")).toBeUndefined();
    expect(silence(w, "N")).toBeUndefined();
    expect(silence(w, "H")).toBeUndefined();
    // the daily buyer, 4 days silent: 4 > 2 × 1 day, their own rhythm
    expect(silence(w, "D")).toMatchObject({ value: 4, threshold: 2 });
    expect(silence(w, "D")?.message).toContain("usually buys every 1 days");
    expect(w.thresholds.silenceDays).toBe(180);
  });

  it("still warns after a long silence: more than the stage rules' 180 days", () => {
    // 2024-06-01 → 2024-11-28 is 180 days (30 + 31 + 31 + 30 + 31 + 27): not more than 180
    const day180 = at("2024-11-28T10:00:00Z");
    expect(silence(day180, "O")).toBeUndefined();
    expect(silence(day180, "N")).toBeUndefined();
    // → 2024-12-01 is 183 days
    const day183 = at("2024-12-01T10:00:00Z");
    expect(silence(day183, "O")).toMatchObject({ value: 183, threshold: 180 });
    expect(silence(day183, "O")?.message).toContain("under a day");
    expect(silence(day183, "N")).toMatchObject({ value: 183, threshold: 180 });
    expect(silence(day183, "N")?.message).toContain("fewer than two purchases");
    expect(silence(day183, "H")).toMatchObject({ value: 183, threshold: 180 });
    expect(day183.counts["long-silence"]).toBe(4);
  });

  it("the fallback days are an option", () => {
    // 2024-06-01 → 2024-07-01 is 30 days: more than 20, not more than 30
    expect(silence(at("2024-07-01T10:00:00Z", { silenceDays: 20 }), "O")).toMatchObject({
      value: 30,
      threshold: 20,
    });
    expect(silence(at("2024-07-01T10:00:00Z", { silenceDays: 30 }), "N")).toBeUndefined();
    expect(at("2024-07-01T10:00:00Z", { silenceDays: 30 }).thresholds).toEqual({
      fallingTrend: -0.2,
      risingComplaints: 2,
      silenceMultiple: 2,
      silenceDays: 30,
    });
  });
});
