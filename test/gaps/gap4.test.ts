import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gap3 } from "../../src/gaps/gap3";
import { gap4 } from "../../src/gaps/gap4";
import { readPromisesCsv } from "../../src/io/readPromisesCsv";
import { validateDeliveryRecords } from "../../src/operations/deliveryRecords";
import { validatePromises } from "../../src/operations/promises";
import { validateStandards } from "../../src/operations/standards";

const standards = validateStandards([
  {
    id: "fr",
    attribute: "first-response",
    dimension: "responsiveness",
    formal: true,
    metric: "first-response",
    target: 4,
    unit: "business-hours",
    direction: "lower",
    targetShare: 0.8,
  },
  {
    id: "fix",
    attribute: "fix",
    dimension: "reliability",
    formal: true,
    metric: "resolution",
    target: 24,
    unit: "hours",
    direction: "lower",
  },
]);
const asOf = "2024-04-30T00:00:00Z";
const t = (text: string) => `2024-${text}:00Z`;
const records = validateDeliveryRecords(
  [
    {
      id: "r1",
      attribute: "first-response",
      created: t("03-01T16:00"),
      firstResponse: t("03-04T10:00"),
    },
    {
      id: "r2",
      attribute: "first-response",
      created: t("03-04T09:00"),
      firstResponse: t("03-04T15:00"),
    },
    {
      id: "r3",
      attribute: "first-response",
      created: t("03-05T09:00"),
      firstResponse: t("03-05T10:00"),
    },
    {
      id: "r4",
      attribute: "first-response",
      created: t("03-06T16:00"),
      firstResponse: t("03-07T12:00"),
    },
    {
      id: "r5",
      attribute: "first-response",
      created: t("04-01T09:00"),
      firstResponse: t("04-02T17:00"),
    },
    { id: "r6", attribute: "first-response", created: t("04-29T09:00") },
    { id: "r7", attribute: "first-response", created: t("04-29T20:00") },
    { id: "f1", attribute: "fix", created: t("03-01T00:00"), resolved: t("03-01T20:00") },
    { id: "f2", attribute: "fix", created: t("03-02T00:00"), resolved: t("03-03T06:00") },
  ],
  { standards, asOf },
);
const common = { metric: "first-response", unit: "business-hours", direction: "lower-is-better" };
const promises = validatePromises([
  {
    id: "web",
    attribute: "first-response",
    ...common,
    promisedLevel: 2,
    channel: "web",
    from: "2024-03-01",
    to: "2024-03-31",
    exposures: 1000,
  },
  {
    id: "branch",
    attribute: "first-response",
    ...common,
    promisedLevel: 8,
    channel: "branch",
    from: "2024-04-01",
    to: "2024-04-30",
    exposures: "3000",
  },
  {
    id: "fix",
    attribute: "fix",
    metric: "resolution",
    unit: "hours",
    direction: "lower",
    promisedLevel: 24,
    from: "2024-03-01",
    to: "2024-03-31",
  },
]);

describe("gap4 from records: hand-worked", () => {
  const result = gap4(promises, records, { standards });
  const row = (id: string) => result.items.find((r) => r.item === id);

  it("is an envelope with the promise-kept rate", () => {
    expect(result).toMatchObject({ gap: 4, design: "compliance", unit: "share of records" });
    expect(result.sign).toContain("negative");
  });

  it("web promise (2 business hours, March): 2 of 4 kept, median 3 h delivered, overpromise −1 h", () => {
    // r1 2 h kept, r2 6 h broken by 4, r3 1 h kept, r4 4 h broken by 2.
    expect(row("web")).toMatchObject({
      records: 4,
      kept: 2,
      broken: 2,
      keptRate: 0.5,
      gap: -0.5,
      deliveredMedian: 3,
      overpromise: -1,
      dimension: "responsiveness",
    });
    expect(row("web")?.brokenBy).toEqual({ n: 2, median: 3, p90: expect.closeTo(3.8, 12), max: 4 });
  });

  it("branch promise (8 business hours, April): one broken, two open still pending", () => {
    // r5 16 h broken; r6 open with exactly 8 h so far (not yet broken); r7 open with 0 h.
    expect(row("branch")).toMatchObject({
      records: 3,
      kept: 0,
      broken: 1,
      pending: 2,
      keptRate: 0,
      deliveredMedian: 16,
      overpromise: -8,
    });
  });

  it("pools and weights by exposure", () => {
    expect(result.overall).toMatchObject({ kept: 3, evaluated: 7, exposures: 4000 });
    expect(result.overall.keptRate).toBeCloseTo(3 / 7, 12);
    // (1000·0.5 + 3000·0)/4000 = 0.125; overpromise (1000·(−1) + 3000·(−8))/4000 = −6.25.
    expect(result.overall.exposureWeightedKeptRate).toBe(0.125);
    expect(result.overall.exposureWeightedGap).toBe(-0.875);
    expect(result.overall.exposureWeightedOverpromise).toBe(-6.25);
    expect(result.dimensions.map((d) => [d.dimension, d.kept, d.evaluated])).toEqual([
      ["responsiveness", 2, 5],
      ["reliability", 1, 2],
    ]);
  });
});

describe("gap4 from a Gap 3 result", () => {
  it("uses the standard with the promised level; other promises are not comparable", () => {
    const g3 = gap3(records, standards);
    const four = validatePromises([
      {
        id: "four",
        attribute: "first-response",
        ...common,
        promisedLevel: 4,
        from: "2024-01-01",
        to: "2024-12-31",
      },
      {
        id: "two",
        attribute: "first-response",
        ...common,
        promisedLevel: 2,
        from: "2024-01-01",
        to: "2024-12-31",
      },
    ]);
    const result = gap4(four, g3);
    expect(result.items[0]).toMatchObject({
      source: "gap3",
      kept: 3,
      broken: 3,
      keptRate: 0.5,
      dimension: "responsiveness",
    });
    expect(result.items[1]?.keptRate).toBeNull();
    expect(result.items[1]?.warnings.map((w) => w.code)).toEqual(["not-comparable"]);
  });
});

describe("promises: bad input", () => {
  it("a promise without a period, with a reversed period, without unit or with negative exposures is excluded, named by line", async () => {
    const set = await readPromisesCsv(
      fileURLToPath(new URL("../fixtures/operations/promises.csv", import.meta.url)),
    );
    expect(set.promises.map((p) => p.id)).toEqual(["web-fast"]);
    expect(set.report).toMatchObject({ recordsIn: 5, recordsUsed: 1, recordsExcluded: 4 });
    expect(set.report.excludedRows.map((r) => [r.line, r.reasons.map((x) => x.code)])).toEqual([
      [3, ["missing-period"]],
      [4, ["invalid-period"]],
      [5, ["missing-unit"]],
      [6, ["out-of-range"]],
    ]);
    expect(set.report.issues[0]).toMatchObject({ code: "missing-period", line: 3, column: "from" });
  });
  it("checks the calls", () => {
    expect(() => gap4(undefined as never, records)).toThrow(/PromiseSet/);
    expect(() => gap4(promises, [] as never)).toThrow(/DeliverySet/);
    expect(() => gap4(promises, records, { levle: 0.9 } as never)).toThrow(/did you mean 'level'/);
    expect(() => validatePromises([{ attribute: "a", metric: "speed" } as never])).not.toThrow();
    expect(
      validatePromises([{ attribute: "a", metric: "speed" } as never]).report.exclusionCounts,
    ).toMatchObject({ "missing-metric": 1, "missing-period": 1 });
  });
});
