import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  classifyStage,
  type EventRecord,
  relationshipFeatures,
  validateEvents,
} from "../../src/index";
import { ev } from "./events";

const ASOF = "2024-12-31";

function stageOf(records: EventRecord[], rules?: Parameters<typeof classifyStage>[1]) {
  const { events } = validateEvents(records);
  const features = relationshipFeatures(events, { asOf: ASOF }).customers[0];
  if (features === undefined) throw new Error("no features");
  return classifyStage(features, rules);
}

const met = (a: ReturnType<typeof classifyStage>, criterion: string) =>
  a.evidence.find((e) => e.criterion === criterion)?.met;

describe("classifyStage", () => {
  it("awareness: contact without a purchase", () => {
    const a = stageOf([
      ev("c", "2024-11-01", "campaign-exposure"),
      ev("c", "2024-11-20", "inquiry"),
    ]);
    expect(a.stage).toBe("awareness");
    expect(a.confidence).toBe(1);
    expect(a.evidence).toEqual([
      {
        stage: "awareness",
        criterion: "no-purchase",
        value: 0,
        threshold: "= 0 purchases",
        met: true,
        weight: 1,
      },
    ]);
    expect(a.next.stage).toBe("exploration");
  });

  it("exploration: a new single-product customer; scores and confidence by hand", () => {
    // exploration: new-customer 1 + few-purchases 1 + single-product 1 of 3.5 (shopping-around 0.5 not met) = 6/7
    // expansion: customer-initiated 0.5 of 3.5 evaluable (value trend unknown) = 1/7
    // commitment: few-complaints 0.5 of 3.5 evaluable (stable value unknown) = 1/7
    // confidence = 6/7 × coverage 1 × (1 − (1/7)/(6/7)) = 5/7
    const a = stageOf([ev("c", "2024-12-01", "first-purchase", { value: 50, product: "p1" })]);
    expect(a.stage).toBe("exploration");
    expect(a.scores.exploration).toBeCloseTo(6 / 7, 14);
    expect(a.scores.expansion).toBeCloseTo(1 / 7, 14);
    expect(a.scores.commitment).toBeCloseTo(1 / 7, 14);
    expect(a.confidence).toBeCloseTo(5 / 7, 14);
    expect(met(a, "new-customer")).toBe(true);
    expect(a.evidence.find((e) => e.criterion === "new-customer")?.value).toBe(30);
    expect(met(a, "value-growing")).toBeNull();
    expect(a.next.stage).toBe("expansion");
    expect(a.next.needs.map((e) => e.criterion)).toEqual([
      "expansion-tenure",
      "repeat-buying",
      "value-growing",
      "breadth-growing",
    ]);
  });

  it("expansion: growing value and breadth after six months", () => {
    const a = stageOf([
      ev("c", "2024-01-10", "first-purchase", { value: 50, product: "p1" }),
      ev("c", "2024-03-10", "purchase", { value: 50, product: "p1" }),
      ev("c", "2024-08-10", "purchase", { value: 80, product: "p2" }),
      ev("c", "2024-10-10", "purchase", { value: 90, product: "p3" }),
      ev("c", "2024-12-10", "purchase", { value: 70, product: "p2" }),
    ]);
    expect(a.stage).toBe("expansion");
    expect(met(a, "value-growing")).toBe(true);
    expect(met(a, "breadth-growing")).toBe(true);
    expect(a.scores.expansion).toBe(1);
  });

  it("commitment: years of steady buying under contract, three products", () => {
    const records: EventRecord[] = [];
    for (let year = 2021; year <= 2024; year++) {
      records.push(ev("c", `${year}-01-10`, "contract", { product: "p1" }));
      for (let month = 1; month <= 12; month++) {
        const mm = String(month).padStart(2, "0");
        records.push(
          ev("c", `${year}-${mm}-15`, "purchase", { value: 100, product: `p${(month % 3) + 1}` }),
        );
      }
    }
    // trend windows (2024-07-04, 2024-12-31] and (2024-01-06, 2024-07-04]: 6 × 100 each
    const a = stageOf(records);
    expect(a.stage).toBe("commitment");
    expect(a.scores.commitment).toBe(1);
    expect(met(a, "long-tenure")).toBe(true);
    expect(met(a, "stable-value")).toBe(true);
    expect(a.next.stage).toBeNull();
  });

  it("dissolution: a cancellation in force overrides with confidence 1", () => {
    const a = stageOf([
      ev("c", "2022-01-15", "contract", { value: 100 }),
      ev("c", "2024-12-01", "cancellation"),
    ]);
    expect(a.stage).toBe("dissolution");
    expect(a.confidence).toBe(1);
    expect(a.next.needs.map((e) => e.criterion)).toContain("cancelled");
  });

  it("dissolution by silence: longer than 180 days and than the own 90th-percentile gap", () => {
    const records = [
      ev("c", "2024-01-01", "purchase", { value: 10 }),
      ev("c", "2024-01-31", "purchase", { value: 10 }),
      ev("c", "2024-03-01", "purchase", { value: 10 }),
    ];
    const a = stageOf(records); // 305 days since 2024-03-01
    expect(a.stage).toBe("dissolution");
    expect(a.confidence).toBe(0.8);
    const silence = a.evidence.find((e) => e.criterion === "silence");
    expect(silence).toMatchObject({
      value: 305,
      threshold: "> 180 days since the last purchase",
      met: true,
    });
    // A business with a longer patience: not silent, so a build-up stage.
    expect(stageOf(records, { silenceDays: 400 }).stage).not.toBe("dissolution");
  });

  it("dissolution by decline: value down a fifth or more with two recent complaints", () => {
    const a = stageOf([
      ev("c", "2024-03-01", "purchase", { value: 100 }),
      ev("c", "2024-11-01", "purchase", { value: 50 }),
      ev("c", "2024-11-15", "complaint"),
      ev("c", "2024-12-15", "complaint"),
    ]);
    expect(a.stage).toBe("dissolution");
    expect(met(a, "decline")).toBe(true);
    expect(a.evidence.find((e) => e.criterion === "decline")?.value).toBe(-0.5);
  });

  it("weights change the score", () => {
    const records = [ev("c", "2024-12-01", "first-purchase", { value: 50, product: "p1" })];
    const a = stageOf(records, { weights: { "shopping-around": 0 } });
    expect(a.scores.exploration).toBe(1);
  });

  it("rejects bad rules and bad features", () => {
    const { events } = validateEvents([ev("c", "2024-12-01", "purchase")]);
    const f = relationshipFeatures(events, { asOf: ASOF }).customers[0];
    const code = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(ServqualError);
        return (error as ServqualError).code;
      }
      return "none";
    };
    expect(code(() => classifyStage(f as never, { silenceDay: 3 } as never))).toBe(
      "invalid-options",
    );
    expect(code(() => classifyStage(f as never, { silenceDays: Number.NaN }))).toBe(
      "invalid-options",
    );
    expect(code(() => classifyStage(f as never, { weights: { silence: -1 } }))).toBe(
      "invalid-options",
    );
    expect(code(() => classifyStage(f as never, { weights: { silense: 1 } as never }))).toBe(
      "invalid-options",
    );
    expect(code(() => classifyStage({} as never))).toBe("invalid-argument");
  });
});
