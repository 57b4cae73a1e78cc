import { describe, expect, it } from "vitest";
import {
  commitmentEvidenceFromFeatures,
  relationshipFeatures,
  validateEvents,
} from "../../src/index";
import { ev } from "./events";

const ASOF = "2024-12-31T00:00:00Z";
const YEAR = 365.2425;
const MONTH = YEAR / 12;

/**
 * Hand-made histories as of 2024-12-31 (days counted by hand):
 * - C1: customer since 2022-07-01 (914 days), products p1, p2, p3, two contracts (the last on
 *   2024-09-30, 92 days before), 900 of value in the last year against a wallet of 1,000.
 * - C2: one contract on 2023-06-01 (579 days before: lapsed after 12 months), one product.
 * - C3: a contract on 2024-11-01, cancelled on 2024-12-01.
 * - C4: an inquiry only (no purchase).
 */
const { events } = validateEvents([
  ev("C1", "2022-07-01", "first-purchase", { value: 50, product: "p1" }),
  ev("C1", "2023-01-15", "contract", { value: 10, product: "p2" }),
  ev("C1", "2024-09-30", "contract", { value: 900, product: "p3" }),
  ev("C2", "2023-06-01", "contract", { value: 100, product: "p1" }),
  ev("C3", "2024-11-01", "contract", { value: 100, product: "p1" }),
  ev("C3", "2024-12-01", "cancellation"),
  ev("C4", "2024-05-01", "inquiry"),
]);
const features = relationshipFeatures(events, { asOf: ASOF, wallet: { C1: 1000 } });
const byId = (records: ReturnType<typeof commitmentEvidenceFromFeatures>) =>
  Object.fromEntries(records.map((r) => [r.customer, r]));

describe("commitmentEvidenceFromFeatures", () => {
  const e = byId(commitmentEvidenceFromFeatures(features));

  it("a running contract counts one term per contract or renewal", () => {
    expect(e.C1?.contractMonths).toBe(24); // 2 × 12, the last 92 days old
    expect(e.C2?.contractMonths).toBe(0); // lapsed: 579 days > 12 months
    expect(e.C3?.contractMonths).toBe(0); // cancelled
    expect(e.C4?.contractMonths).toBe(0); // never a contract
  });

  it("breadth beyond the first product is switching costs; tenure is investments", () => {
    expect(e.C1?.switchingCosts).toBeCloseTo(2 / 3, 12); // (3 − 1)/(4 − 1)
    expect(e.C2?.switchingCosts).toBe(0);
    expect(e.C1?.investments).toBeCloseTo(914 / (5 * YEAR), 12);
    expect(e.C2?.investments).toBeCloseTo(579 / (5 * YEAR), 12);
    expect(e.C4?.investments).toBeNull();
  });

  it("exclusive from the share of wallet, unknown without a wallet", () => {
    expect(e.C1?.exclusive).toBe(true); // 900 / 1000 ≥ 0.8
    expect(e.C2?.exclusive).toBeNull();
    const strict = byId(commitmentEvidenceFromFeatures(features, { exclusiveShare: 0.95 }));
    expect(strict.C1?.exclusive).toBe(false);
  });

  it("follows its options", () => {
    const open = byId(commitmentEvidenceFromFeatures(features, { termMonths: null }));
    expect(open.C2?.contractMonths).toBeCloseTo(579 / MONTH, 10); // runs until cancelled
    expect(open.C3?.contractMonths).toBe(0);
    const long = byId(
      commitmentEvidenceFromFeatures(features, {
        termMonths: 24,
        fullBreadth: 2,
        fullTenureYears: 1,
      }),
    );
    expect(long.C2?.contractMonths).toBe(24); // 579 days < 24 months
    expect(long.C1?.switchingCosts).toBe(1);
    expect(long.C1?.investments).toBe(1);
  });

  it("gives one record per customer, in order, with the evidence fields only", () => {
    const records = commitmentEvidenceFromFeatures(features);
    expect(records.map((r) => r.customer)).toEqual(["C1", "C2", "C3", "C4"]);
    for (const r of records)
      expect(Object.keys(r).sort()).toEqual([
        "contractMonths",
        "customer",
        "exclusive",
        "investments",
        "switchingCosts",
      ]);
  });
});
