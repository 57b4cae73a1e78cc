import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accumulatorFromJson, accumulatorToJson } from "../../src/_lib/accumulatorJson";
import { ServqualError } from "../../src/_lib/ServqualError";
import { finishGap3, gap3 } from "../../src/gaps/gap3";
import {
  accumulateGap3,
  createGap3Accumulator,
  mergeGap3Accumulators,
} from "../../src/gaps/gap3Accumulator";
import { validateDeliveryRecords } from "../../src/operations/deliveryRecords";
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
    direction: "lower-is-better",
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
    direction: "lower-is-better",
  },
  { attribute: "clean", dimension: "tangibles", formal: false },
  { attribute: "manner", dimension: "assurance", formal: true, scaleTarget: 6 },
]);
const asOf = "2024-04-30T00:00:00Z";
const t = (text: string) => `2024-${text}:00Z`;
const records = [
  {
    id: "r1",
    attribute: "first-response",
    region: "North",
    created: t("03-01T16:00"),
    firstResponse: t("03-04T10:00"),
  },
  {
    id: "r2",
    attribute: "first-response",
    region: "North",
    created: t("03-04T09:00"),
    firstResponse: t("03-04T15:00"),
  },
  {
    id: "r3",
    attribute: "first-response",
    region: "South",
    created: t("03-05T09:00"),
    firstResponse: t("03-05T10:00"),
  },
  {
    id: "r4",
    attribute: "first-response",
    region: "South",
    created: t("03-06T16:00"),
    firstResponse: t("03-07T12:00"),
  },
  {
    id: "r5",
    attribute: "first-response",
    region: "South",
    created: t("04-01T09:00"),
    firstResponse: t("04-02T17:00"),
  },
  { id: "r6", attribute: "first-response", region: "North", created: t("04-29T09:00") },
  { id: "r7", attribute: "first-response", region: "North", created: t("04-29T20:00") },
  {
    id: "f1",
    attribute: "fix",
    region: "North",
    created: t("03-01T00:00"),
    resolved: t("03-01T20:00"),
  },
  {
    id: "f2",
    attribute: "fix",
    region: "South",
    created: t("03-02T00:00"),
    resolved: t("03-03T06:00"),
  },
  { id: "c1", attribute: "clean", created: t("03-02T00:00") },
];

/** Wilson (1927) score interval, written out: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function wilson(x: number, n: number) {
  const z = 1.959963984540054;
  const p = x / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [centre - half, centre + half];
}

describe("gap3: a hand-worked example (UTC, Mon–Fri 09:00–17:00)", () => {
  const result = gap3(records, standards, { asOf });
  const fr = result.items.find((row) => row.item === "fr");
  const fix = result.items.find((row) => row.item === "fix");

  it("is a compliance envelope", () => {
    expect(result).toMatchObject({ gap: 3, design: "compliance", unit: "share of records" });
    expect(result.sign).toContain("negative = shortfall");
    expect(result.items.map((row) => row.item)).toEqual(["fr", "fix"]);
    expect(result.records).toEqual({ in: 10, used: 10, excluded: 0 });
  });

  it("first response: 3 met, 3 missed (one still open), 1 pending", () => {
    // r1 2 bh, r2 6, r3 1, r4 4 (=target, met), r5 16, r6 open with 8 so far, r7 open with 0.
    expect(fr).toMatchObject({
      records: 7,
      evaluated: 6,
      met: 3,
      missed: 3,
      pending: 1,
      openMisses: 1,
      compliance: 0.5,
    });
    expect(fr?.gap).toBeCloseTo(0.5 - 0.8, 12);
    // Misses 2, 12 and 4 business hours: median 4; p90 (type 7) 4 + 0.8·(12 − 4) = 10.4.
    expect(fr?.misses).toEqual({ n: 3, median: 4, p90: expect.closeTo(10.4, 12), max: 12 });
    const [lower, upper] = wilson(3, 6);
    expect(fr?.ci.lower).toBeCloseTo(lower as number, 12);
    expect(fr?.ci.upper).toBeCloseTo(upper as number, 12);
    expect(fr?.ci.method).toBe("wilson");
    expect(fr?.warnings.map((w) => w.code)).toEqual(["pending-records", "open-misses"]);
  });

  it("by period (local month of creation) and by region", () => {
    expect(fr?.byPeriod.map((g) => [g.group, g.met, g.missed, g.pending])).toEqual([
      ["2024-03", 3, 1, 0],
      ["2024-04", 0, 2, 1],
    ]);
    expect(fr?.byRegion.map((g) => [g.group, g.met, g.missed, g.compliance])).toEqual([
      ["North", 1, 2, 1 / 3],
      ["South", 2, 1, 2 / 3],
    ]);
    const [lower] = wilson(2, 3);
    expect(fr?.byRegion[1]?.ci.lower).toBeCloseTo(lower as number, 12);
  });

  it("resolution in elapsed hours: 20 h met, 30 h missed by 6", () => {
    expect(fix).toMatchObject({
      met: 1,
      missed: 1,
      compliance: 0.5,
      gap: -0.5,
      misses: { n: 1, median: 6, p90: 6, max: 6 },
    });
  });

  it("pools dimensions and overall; lists records without a standard and unmeasured standards", () => {
    expect(result.dimensions.map((d) => [d.dimension, d.met, d.evaluated])).toEqual([
      ["responsiveness", 3, 6],
      ["reliability", 1, 2],
    ]);
    // Overall: 4 of 8 met; target share (6·0.8 + 2·1)/8 = 0.85; gap −0.35 = (6·(−0.3) + 2·(−0.5))/8.
    expect(result.overall.compliance).toBe(0.5);
    expect(result.overall.targetShare).toBeCloseTo(0.85, 12);
    expect(result.overall.gap).toBeCloseTo(-0.35, 12);
    expect(result.overall.withoutStandard).toEqual([{ attribute: "clean", records: 1 }]);
    expect(result.overall.notMeasured).toEqual(["manner"]);
    expect(result.warnings.map((w) => w.code)).toEqual([
      "records-without-standard",
      "not-measured",
    ]);
  });

  it("groups by the local date: 23:30Z on 31 March is April in London", () => {
    const local = gap3(
      [
        {
          id: "x",
          attribute: "fix",
          created: "2024-03-31T23:30:00Z",
          resolved: "2024-04-01T00:30:00Z",
        },
      ],
      standards,
      { asOf, calendar: { timeZone: "Europe/London" } },
    );
    expect(local.items[1]?.byPeriod.map((g) => g.group)).toEqual(["2024-04"]);
    const utc = gap3([{ id: "x", attribute: "fix", created: "2024-03-31T23:30:00Z" }], standards, {
      asOf,
      period: "quarter",
    });
    expect(utc.items[1]?.byPeriod.map((g) => g.group)).toEqual(["2024-Q1"]);
  });

  it("counts excluded records and rejects bad calls", () => {
    const withBad = gap3(
      [...records, { id: "bad", attribute: "fix", created: "not a time" }],
      standards,
      { asOf },
    );
    expect(withBad.records).toEqual({ in: 11, used: 10, excluded: 1 });
    expect(withBad.report?.exclusionCounts).toEqual({ "unparseable-timestamp": 1 });
    const set = validateDeliveryRecords(records, { standards, asOf });
    expect(() => gap3(set, standards, { asOf })).toThrow(ServqualError);
    expect(() => gap3(set, standards, { perod: "month" } as never)).toThrow(
      /did you mean 'period'/,
    );
    expect(() => gap3(set, {} as never)).toThrow(/StandardSet/);
    expect(() => gap3(set, standards, { period: "fortnight" as never })).toThrow(ServqualError);
  });
});

describe("gap3 accumulator: properties", () => {
  const attributes = ["first-response", "fix", "clean"] as const;
  const base = Date.UTC(2024, 0, 1);
  const record = fc.record({
    attribute: fc.constantFrom(...attributes),
    start: fc.integer({ min: 0, max: 300 * 24 * 60 }),
    response: fc.option(fc.integer({ min: 0, max: 200 * 60 }), { nil: null }),
    resolve: fc.option(fc.integer({ min: 0, max: 100 * 60 }), { nil: null }),
    region: fc.constantFrom("North", "South", null),
  });
  const toInput = (
    r: {
      attribute: string;
      start: number;
      response: number | null;
      resolve: number | null;
      region: string | null;
    },
    i: number,
  ) => {
    const created = base + r.start * 60_000;
    return {
      id: `r${i}`,
      attribute: r.attribute,
      created: new Date(created),
      firstResponse: r.response === null ? null : new Date(created + r.response * 60_000),
      resolved: r.resolve === null ? null : new Date(created + r.resolve * 60_000),
      region: r.region,
    };
  };
  const options = {
    asOf: "2024-12-31T00:00:00Z",
    calendar: { timeZone: "Europe/London", holidays: ["2024-05-06"] },
  };

  it("merging the states of two parts equals one pass; record order does not matter", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.nat(), fc.integer(), (raw, cut, seed) => {
        const inputs = raw.map(toInput);
        const set = validateDeliveryRecords(inputs, { standards, ...options });
        const at = inputs.length === 0 ? 0 : cut % (inputs.length + 1);
        const one = accumulateGap3(createGap3Accumulator(standards, options), set.records);
        const a = accumulateGap3(
          createGap3Accumulator(standards, options),
          set.records.slice(0, at),
        );
        const b = accumulateGap3(createGap3Accumulator(standards, options), set.records.slice(at));
        const merged = mergeGap3Accumulators(structuredClone(a), b);
        expect(finishGap3(merged)).toEqual(finishGap3(one));
        const shuffled = [...set.records].sort(
          (x, y) => ((x.row * 7919 + seed) % 101) - ((y.row * 7919 + seed) % 101),
        );
        const reordered = accumulateGap3(createGap3Accumulator(standards, options), shuffled);
        expect(finishGap3(reordered)).toEqual(finishGap3(one));
        const viaJson = accumulatorFromJson(JSON.parse(JSON.stringify(accumulatorToJson(one))));
        expect(finishGap3(viaJson as typeof one)).toEqual(finishGap3(one));
        // met + missed + pending + not applicable = records, for every standard.
        for (const row of finishGap3(one).items) {
          expect(row.met + row.missed + row.pending + row.notApplicable).toBe(row.records);
          if (row.compliance !== null)
            expect(row.compliance).toBeGreaterThanOrEqual(row.ci.lower as number);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("refuses to merge states made differently", () => {
    const a = createGap3Accumulator(standards, options);
    const b = createGap3Accumulator(standards, { ...options, period: "week" });
    expect(() => mergeGap3Accumulators(a, b)).toThrow(ServqualError);
  });
});
