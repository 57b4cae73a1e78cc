import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import {
  type CustomerTrust,
  relationshipFeatures,
  trustBasis,
  validateEvents,
} from "../../src/index";
import { ev } from "./events";

const ASOF = "2024-12-31";
const { events } = validateEvents([
  ev("old", "2021-06-01", "first-purchase", { value: 100 }),
  ev("old", "2023-06-01", "contract", { value: 500 }),
  ev("old", "2024-11-01", "purchase", { value: 100 }),
  ev("new", "2024-10-01", "inquiry"),
]);
const features = relationshipFeatures(events, { asOf: ASOF }).customers;
const old = features.find((f) => f.customer === "old");
const young = features.find((f) => f.customer === "new");
if (old === undefined || young === undefined) throw new Error("fixture");

const facet = (index: number | null) => ({ index, answered: 3, items: 3 });
const trustOf = (customer: string, indices: Record<string, number | null>): CustomerTrust => ({
  customer,
  respondent: customer,
  row: 1,
  facets: Object.fromEntries(Object.entries(indices).map(([k, v]) => [k, facet(v)])),
  index: null,
});

describe("trustBasis (Lewicki & Bunker; our rule)", () => {
  it("identification: long tenure, commitment stage, goodwill leading credibility", () => {
    const result = trustBasis(
      old,
      trustOf("old", { benevolence: 90, honesty: 80, reliability: 80, competence: 80 }),
      { stage: "commitment" },
    );
    expect(old.tenureDays).toBe(1309);
    expect(result.basis).toBe("identification");
    expect(result.scores).toEqual({ calculus: 0, knowledge: 2 / 3, identification: 1 });
    const goodwill = result.evidence.find((e) => e.criterion === "goodwill-leads");
    expect(goodwill).toMatchObject({ basis: "identification", value: 90, met: true });
  });

  it("calculus: a new contact (classified as awareness), benevolence not yet strong", () => {
    const result = trustBasis(young, trustOf("new", { benevolence: 40, honesty: 70 }));
    expect(result.stage).toBe("awareness");
    expect(result.basis).toBe("calculus");
    expect(result.scores.calculus).toBe(1);
    // knowledge: tenure no, stage no, predictable (honesty 70 ≥ 65) yes
    expect(result.scores.knowledge).toBeCloseTo(1 / 3, 12);
  });

  it("a facet not measured leaves its criterion unknown (not failed); ties go to the earlier basis", () => {
    const result = trustBasis(old, trustOf("old", { honesty: 80 }), { stage: "commitment" });
    const unknown = result.evidence.filter((e) => e.met === null).map((e) => e.criterion);
    expect(unknown).toEqual(["no-goodwill-yet", "goodwill-leads"]);
    // knowledge: history yes, expansion no, predictable yes = 2/3; identification 2/2 = 1
    expect(result.scores.identification).toBe(1);
    const tie = trustBasis(old, trustOf("old", { benevolence: 50, honesty: 80 }), {
      stage: "expansion",
      identificationTenureDays: 5000,
    });
    // calculus: 0/3 + no goodwill (50 < 65) = 1/3; knowledge 3/3
    expect(tie.basis).toBe("knowledge");
    const even = trustBasis(old, trustOf("old", { benevolence: 90, honesty: 50 }), {
      stage: "dissolution",
    });
    // calculus 1/3 (stage), knowledge 1/3 (history), identification 2/3 (tenure, goodwill)
    expect(even.scores).toEqual({ calculus: 1 / 3, knowledge: 1 / 3, identification: 2 / 3 });
    const tied = trustBasis(old, trustOf("old", { benevolence: 90, honesty: 50 }), {
      stage: "dissolution",
      identificationTenureDays: 5000,
    });
    // calculus 1/3, knowledge 1/3, identification 1/3: the earliest wins
    expect(tied.basis).toBe("calculus");
  });

  it("rejects another customer's trust, a bad stage and bad thresholds", () => {
    const code = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error instanceof ServqualError ? error.code : "other";
      }
      return "none";
    };
    expect(code(() => trustBasis(old, trustOf("new", { honesty: 50 })))).toBe("invalid-argument");
    expect(code(() => trustBasis(old, trustOf("old", {}), { stage: "loyal" as never }))).toBe(
      "invalid-argument",
    );
    expect(code(() => trustBasis(old, trustOf("old", {}), { strongTrust: -1 }))).toBe(
      "invalid-argument",
    );
    expect(code(() => trustBasis(old, null as never))).toBe("invalid-argument");
  });
});
