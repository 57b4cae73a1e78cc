/**
 * Trust and commitment as optional criteria of classifyStage (`rules.trust`, off by default):
 * hand-made event histories whose behavioural stage is worked out in classifyStage.test.ts, with
 * survey indices chosen on either side of the documented thresholds (60, 60, 30).
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  classifyStage,
  type EventRecord,
  relationshipFeatures,
  stageTimeline,
  validateEvents,
} from "../../src/index";
import { ev } from "./events";

const ASOF = "2024-12-31";

/** Four years of monthly buying under yearly contracts, three products: commitment, score 1. */
function committedRecords(customer = "c"): EventRecord[] {
  const records: EventRecord[] = [];
  for (let year = 2021; year <= 2024; year++) {
    records.push(ev(customer, `${year}-01-10`, "contract", { product: "p1" }));
    for (let month = 1; month <= 12; month++) {
      const mm = String(month).padStart(2, "0");
      records.push(
        ev(customer, `${year}-${mm}-15`, "purchase", {
          value: 100,
          product: `p${(month % 3) + 1}`,
        }),
      );
    }
  }
  return records;
}

/** Growing value and breadth after six months: expansion, score 1. */
function expandingRecords(customer = "e"): EventRecord[] {
  return [
    ev(customer, "2024-01-10", "first-purchase", { value: 50, product: "p1" }),
    ev(customer, "2024-03-10", "purchase", { value: 50, product: "p1" }),
    ev(customer, "2024-08-10", "purchase", { value: 80, product: "p2" }),
    ev(customer, "2024-10-10", "purchase", { value: 90, product: "p3" }),
    ev(customer, "2024-12-10", "purchase", { value: 70, product: "p2" }),
  ];
}

function featuresOf(records: EventRecord[]) {
  const { events } = validateEvents(records);
  const f = relationshipFeatures(events, { asOf: ASOF }).customers[0];
  if (f === undefined) throw new Error("no features");
  return f;
}

const committed = featuresOf(committedRecords());
const expanding = featuresOf(expandingRecords());
const entry = (a: ReturnType<typeof classifyStage>, criterion: string) =>
  a.evidence.find((e) => e.criterion === criterion);

describe("classifyStage with rules.trust", () => {
  it("is off by default: no survey criterion, the same result as before", () => {
    const plain = classifyStage(committed);
    expect(plain.stage).toBe("commitment");
    expect(plain.evidence.some((e) => e.criterion === "trust-index")).toBe(false);
    expect(classifyStage(committed, {})).toEqual(plain);
  });

  it("keeps a committed customer in commitment when trust and commitment meet the minimums", () => {
    const a = classifyStage(committed, { trust: {} }, { trust: 75, commitment: 60 });
    const base = classifyStage(committed);
    expect(a.stage).toBe("commitment");
    expect(a.confidence).toBe(base.confidence);
    expect(a.scores).toEqual(base.scores);
    // 60 meets "≥ 60"
    expect(entry(a, "commitment-index")).toEqual({
      stage: "commitment",
      criterion: "commitment-index",
      value: 60,
      threshold: "survey commitment index ≥ 60",
      met: true,
      weight: 0,
    });
    expect(entry(a, "trust-index")?.met).toBe(true);
    expect(entry(a, "low-trust")).toMatchObject({ stage: "dissolution", value: 75, met: false });
    expect(a.next.note).toContain("trust index ≥ 60 and commitment index ≥ 60");
  });

  it("moves a behaviourally committed customer with low trust back to expansion", () => {
    const a = classifyStage(committed, { trust: { trustMin: 50 } }, { trust: 45, commitment: 70 });
    expect(a.stage).toBe("expansion");
    // exploration scores 0 here (4 years, 12 purchases, 3 products, no inquiry) and every
    // expansion criterion is evaluable: confidence = s_expansion × 1 × (1 − 0 / s_expansion)
    expect(a.scores.exploration).toBe(0);
    expect(a.confidence).toBeCloseTo(a.scores.expansion as number, 14);
    expect(a.scores.commitment).toBe(1); // the gate leaves the scores as they are
    expect(entry(a, "trust-index")).toMatchObject({
      value: 45,
      threshold: "survey trust index ≥ 50",
      met: false,
    });
    expect(a.next.stage).toBe("commitment");
    expect(a.next.needs.map((e) => e.criterion)).toContain("trust-index");
    expect(a.next.needs.map((e) => e.criterion)).not.toContain("commitment-index");
    expect(a.next.note).toContain("trust index ≥ 50");
  });

  it("a commitment index below its minimum blocks commitment too", () => {
    const a = classifyStage(committed, { trust: {} }, { trust: 90, commitment: 59.9 });
    expect(a.stage).toBe("expansion");
    expect(entry(a, "commitment-index")?.met).toBe(false);
  });

  it("unknown indices are not evaluable and leave the stage to the features", () => {
    const a = classifyStage(committed, { trust: {} });
    expect(a.stage).toBe("commitment");
    expect(entry(a, "trust-index")).toMatchObject({ value: null, met: null });
    expect(entry(a, "low-trust")).toMatchObject({ value: null, met: null });
    const b = classifyStage(committed, { trust: {} }, { trust: null, commitment: 80 });
    expect(b.stage).toBe("commitment");
  });

  it("low trust is a dissolution signal: alone 0.8, with silence 0.9", () => {
    const a = classifyStage(expanding, { trust: {} }, { trust: 20, commitment: 50 });
    expect(classifyStage(expanding).stage).toBe("expansion");
    expect(a.stage).toBe("dissolution");
    expect(a.confidence).toBe(0.8);
    expect(entry(a, "low-trust")).toEqual({
      stage: "dissolution",
      criterion: "low-trust",
      value: 20,
      threshold: "survey trust index < 30",
      met: true,
      weight: 0,
    });
    expect(a.next.needs.map((e) => e.criterion)).toEqual(["low-trust"]);
    expect(a.next.note).toContain("trust index back at 30 or more");
    // 30 is not below 30
    expect(classifyStage(expanding, { trust: {} }, { trust: 30, commitment: 50 }).stage).toBe(
      "expansion",
    );
    // dissolutionBelow: null switches the signal off
    const off = classifyStage(
      expanding,
      { trust: { dissolutionBelow: null } },
      { trust: 20, commitment: 50 },
    );
    expect(off.stage).toBe("expansion");
    expect(entry(off, "low-trust")).toBeUndefined();
    // silent since 2024-03-10 (296 days > 180) and low trust: two signals
    const { events } = validateEvents([
      ev("s", "2024-01-10", "first-purchase", { value: 50, product: "p1" }),
      ev("s", "2024-03-10", "purchase", { value: 50, product: "p1" }),
    ]);
    const silent = relationshipFeatures(events, { asOf: ASOF }).customers[0];
    if (silent === undefined) throw new Error("no features");
    expect(classifyStage(silent).confidence).toBe(0.8);
    expect(classifyStage(silent, { trust: {} }, { trust: 10, commitment: 10 }).confidence).toBe(
      0.9,
    );
  });

  it("rejects bad rules.trust and bad survey indices", () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof ServqualError ? error.code : "other";
      }
      return "none";
    };
    // indices without rules.trust would not be read
    expect(code(() => classifyStage(committed, {}, { trust: 50, commitment: 50 }))).toBe(
      "invalid-argument",
    );
    expect(
      code(() => classifyStage(committed, { trust: {} }, { trust: 120, commitment: 50 })),
    ).toBe("invalid-argument");
    expect(
      code(() =>
        classifyStage(committed, { trust: {} }, { trust: 50, commitment: 50, x: 1 } as never),
      ),
    ).toBe("invalid-argument");
    expect(code(() => classifyStage(committed, { trust: { trustMin: "60" } } as never))).toBe(
      "invalid-options",
    );
    expect(code(() => classifyStage(committed, { trust: { trustMin: 101 } }))).toBe(
      "invalid-options",
    );
    expect(code(() => classifyStage(committed, { trust: { trustMinimum: 60 } } as never))).not.toBe(
      "none",
    );
  });
});

describe("stageTimeline with rules.trust", () => {
  const { events } = validateEvents([...committedRecords("c"), ...expandingRecords("e")]);
  const options = { from: "2024-11-01", to: ASOF };

  it("equals classifyStage with the same indices at the last month; unchanged without", () => {
    const survey = [
      { customer: "c", trust: 45, commitment: 70 },
      { customer: "e", trust: 20, commitment: 50 },
    ];
    const plain = stageTimeline(events, options);
    const withTrust = stageTimeline(events, { ...options, rules: { trust: {} }, survey });
    const last = (t: typeof plain, customer: string) =>
      t.customers.find((x) => x.customer === customer)?.stages.at(-1);
    expect(last(plain, "c")).toBe("commitment");
    expect(last(plain, "e")).toBe("expansion");
    expect(last(withTrust, "c")).toBe("expansion");
    expect(last(withTrust, "e")).toBe("dissolution");
    expect(withTrust.customers.find((x) => x.customer === "e")?.confidence.at(-1)).toBe(0.8);
    // a record keyed by customer works alike; customers without indices keep their stage
    const keyed = stageTimeline(events, {
      ...options,
      rules: { trust: {} },
      survey: { c: { trust: 45, commitment: 70 } },
    });
    expect(last(keyed, "c")).toBe("expansion");
    expect(last(keyed, "e")).toBe("expansion");
  });

  it("rejects indices without rules.trust", () => {
    expect(() =>
      stageTimeline(events, { ...options, survey: { c: { trust: 45, commitment: 70 } } }),
    ).toThrow(ServqualError);
  });
});
