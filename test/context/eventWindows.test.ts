/**
 * Event calendars, event window effects and allocation priorities on hand-worked surveys.
 * Expected numbers: Borenstein et al. (2009) for Hedges' g, Newcombe (1998) for the
 * difference of proportions, R 4.2 (`t.test`, `prop.test`, `p.adjust`) for the tests, and
 * means worked by hand from the answers below.
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { allocationPriorities } from "../../src/context/allocationPriorities";
import { validateEventCalendar } from "../../src/context/eventCalendar";
import { eventWindowEffects } from "../../src/context/eventWindows";
import { hedgesGFromSummaries, proportionDifference } from "../../src/context/twoGroupEffects";
import { validateDeliveryRecords } from "../../src/operations/deliveryRecords";
import { validateStandards } from "../../src/operations/standards";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

/** A respondent whose A items have E = 6 and P = 6 + gapA, B items E = P = 5 (gap 0). */
function person(id: string, date: string, region: string, gapA: number) {
  return tinyRecord(id, [6, 6, 5, 5, 5], [6 + gapA, 6 + gapA, 5, 5, 5], { date, region });
}

const survey = validateResponses(
  [
    person("n1", "2024-03-10", "North", -2),
    person("n2", "2024-03-11", "North", -3),
    person("n3", "2024-03-12", "North", -4),
    person("n4", "2024-05-01", "North", 0),
    person("n5", "2024-05-02", "North", -1),
    person("n6", "2024-05-03", "North", -2),
    person("n7", "2024-06-15", "North", -5),
    person("s1", "2024-03-11", "South", 0),
    person("s2", "2024-05-01", "South", -1),
    person("s3", "2024-05-02", "South", -1),
  ],
  tinyInstrument,
  { columns: { segments: ["region"] } },
).dataset;

const calendar = validateEventCalendar([
  { id: "flood", type: "flood", region: "North", start: "2024-03-10", end: "2024-03-12" },
  { id: "outage", type: "outage", region: "North", start: "2024-06-14", end: "2024-06-16" },
  { id: "storm", type: "storm", region: "West", start: "2024-03-01", end: "2024-03-31" },
  { id: "snow", type: "heavy snow", region: "all", start: "2024-05-03", end: "2024-05-01" },
]);

describe("effect sizes against published examples", () => {
  it("Hedges' g: Borenstein et al. (2009, ch. 4): 103 (5.5) vs 100 (4.5), n = 50 each", () => {
    const { g, ci } = hedgesGFromSummaries(
      { n: 50, mean: 103, sd: 5.5 },
      { n: 50, mean: 100, sd: 4.5 },
      0.95,
    );
    // d = 0.5970, J = 0.9923, g = 0.5924, V_g = 0.0411 (SE 0.2028)
    expect(g).toBeCloseTo(0.5924, 4);
    expect(((ci.upper as number) - (ci.lower as number)) / (2 * 1.959964)).toBeCloseTo(0.2028, 4);
    expect(hedgesGFromSummaries({ n: 1, mean: 1, sd: 0 }, { n: 5, mean: 0, sd: 1 }, 0.95).g).toBe(
      null,
    );
  });

  it("difference of proportions: Newcombe (1998) example 56/70 vs 48/80 and R's prop.test", () => {
    const result = proportionDifference(56, 70, 48, 80, 0.95);
    expect(result.difference).toBeCloseTo(0.2, 12);
    // Newcombe (1998) Table II, method 10: 0.0524 to 0.3339
    expect(result.ci.lower).toBeCloseTo(0.0524, 4);
    expect(result.ci.upper).toBeCloseTo(0.3339, 4);
    expect(result.ci.method).toBe("newcombe");
    // prop.test(c(56, 48), c(70, 80), correct = FALSE): X² = 7.02341137123746, p = 0.00804508136819656
    expect((result.z as number) ** 2).toBeCloseTo(7.02341137123746, 10);
    expect(result.pValue).toBeCloseTo(0.00804508136819656, 10);
    expect(proportionDifference(0, 0, 1, 2, 0.95).difference).toBe(null);
  });
});

describe("validateEventCalendar", () => {
  it("keeps good windows, excludes an inverted one (coded, naming its row) and counts all", () => {
    expect(calendar.report.recordsIn).toBe(4);
    expect(calendar.report.recordsUsed + calendar.report.recordsExcluded).toBe(4);
    expect(calendar.windows.map((w) => w.id)).toEqual(["flood", "outage", "storm"]);
    expect(calendar.report.issueCounts["inverted-window"]).toBe(1);
    const excluded = calendar.report.excludedRows[0];
    expect(excluded?.row).toBe(4);
    expect(excluded?.reasons[0]?.code).toBe("inverted-window");
  });

  it("reads 'heavy snow' and 'all', rejects unknown types and impossible days", () => {
    const set = validateEventCalendar([
      { type: "Heavy snow", region: "all", start: "2024-01-01", end: "2024-01-02" },
      { type: "tsunami", start: "2024-01-01", end: "2024-01-02" },
      { type: "storm", start: "2024-02-30", end: "2024-03-02" },
      { type: "strike", start: "2024-02-01" } as never,
      { type: "holiday", start: 20240101, end: "2024-01-02" } as never,
    ]);
    expect(set.windows).toHaveLength(1);
    expect(set.windows[0]?.type).toBe("heavy-snow");
    expect(set.windows[0]?.region).toBe(null);
    const counts = set.report.issueCounts;
    expect(counts["unknown-window-type"]).toBe(1);
    expect(counts["bad-date"]).toBe(1);
    expect(counts["missing-period"]).toBe(1);
    expect(counts["invalid-window"]).toBe(1);
    expect(set.report.recordsExcluded).toBe(4);
  });

  it("warns about overlapping windows of one region (or of all) and keeps both", () => {
    const set = validateEventCalendar([
      { id: "a", type: "storm", region: "North", start: "2024-01-01", end: "2024-01-10" },
      { id: "b", type: "flood", region: "North", start: "2024-01-10", end: "2024-01-20" },
      { id: "c", type: "outage", region: "South", start: "2024-01-05", end: "2024-01-06" },
      { id: "d", type: "holiday", start: "2024-01-19", end: "2024-01-19" },
    ]);
    expect(set.windows).toHaveLength(4);
    const overlaps = set.warnings.filter((w) => w.code === "overlapping-windows");
    // a–b (North, 10 Jan), b–d (all, 19 Jan); c (South) meets neither a nor b
    expect(overlaps).toHaveLength(2);
    expect(overlaps[0]?.message).toContain("a (row 1");
    expect(
      overlaps.some((w) => w.message.includes("b (row 2") && w.message.includes("d (row 4")),
    ).toBe(true);
  });

  it("rejects a call that is not an array, and unknown options", () => {
    expect(() => validateEventCalendar({} as never)).toThrow(ServqualError);
    expect(() => validateEventCalendar([], { limit: 1 } as never)).toThrow(ServqualError);
  });
});

describe("eventWindowEffects", () => {
  const result = eventWindowEffects(survey, { calendar, minimumN: 2 });

  it("compares the region's respondents inside the window with those outside every window", () => {
    const flood = result.effects.find((e) => e.window === "flood");
    // inside n1–n3 (gaps −2, −3, −4); outside n4–n6 (0, −1, −2); n7 is inside the outage
    expect(flood?.region).toBe("North");
    expect(flood?.inside).toBe(3);
    expect(flood?.outside).toBe(3);
    const a = flood?.figures.find((f) => f.id === "A");
    expect(a?.inside.mean).toBeCloseTo(-3, 12);
    expect(a?.inside.sd).toBeCloseTo(1, 12);
    expect(a?.outside.mean).toBeCloseTo(-1, 12);
    // R: t.test(c(-2,-3,-4), c(0,-1,-2)): p = 0.0704839969102199, CI −4.26696 .. 0.26696
    expect(a?.welch?.difference).toBeCloseTo(-2, 12);
    expect(a?.welch?.df).toBeCloseTo(4, 10);
    expect(a?.welch?.pValue).toBeCloseTo(0.0704839969102199, 8);
    expect(a?.welch?.ci.lower).toBeCloseTo(-4.266957935527519, 6);
    // Hedges: s_w = 1, d = −2, J = 1 − 3/15 = 0.8, g = −1.6, SE = √(0.64·(6/9 + 4/12)) = 0.8
    expect(a?.hedgesG?.g).toBeCloseTo(-1.6, 12);
    expect(a?.hedgesG?.ci.lower).toBeCloseTo(-1.6 - 1.959963984540054 * 0.8, 8);
    // B has gap 0 for everyone: SD 0, so no test and no g
    const b = flood?.figures.find((f) => f.id === "B");
    expect(b?.welch?.pValue).toBe(null);
    expect(b?.hedgesG?.g).toBe(null);
  });

  it("skips a window naming a region the survey lacks (unknown-region, with the closest name)", () => {
    expect(result.windowsIn).toBe(3);
    expect(result.rows).toEqual({ in: 10, dated: 10, undated: 0, blankRegion: 0 });
    expect(result.calendarRecords).toEqual({ in: 4, used: 3, excluded: 1 });
    expect(result.skipped.map((s) => s.window)).toEqual(["storm"]);
    expect(result.skipped[0]?.reason.code).toBe("unknown-region");
    expect(result.effects.map((e) => e.window)).toEqual(["flood", "outage"]);
  });

  it("suppresses a side with fewer than minimumN respondents", () => {
    const outage = result.effects.find((e) => e.window === "outage");
    expect(outage?.inside).toBe(1);
    expect(outage?.figures.every((f) => f.suppressed && f.inside.mean === null)).toBe(true);
    expect(result.warnings.some((w) => w.code === "small-cell")).toBe(true);
  });

  it("compares Gap 3 compliance inside vs outside when delivery records are given", () => {
    const standards = validateStandards([
      {
        id: "fr",
        attribute: "first-response",
        dimension: "A",
        formal: true,
        metric: "first-response",
        target: 4,
        unit: "business-hours",
        direction: "lower-is-better",
        targetShare: 0.8,
      },
    ]);
    const records = validateDeliveryRecords(
      [
        // 2024-03-11 (Monday): 1 business hour (met) and 16 business hours (missed)
        {
          id: "d1",
          attribute: "first-response",
          region: "North",
          created: "2024-03-11T09:00:00Z",
          firstResponse: "2024-03-11T10:00:00Z",
        },
        {
          id: "d2",
          attribute: "first-response",
          region: "North",
          created: "2024-03-11T09:00:00Z",
          firstResponse: "2024-03-12T17:00:00Z",
        },
        // 2024-05-01 (Wednesday): three met
        {
          id: "d3",
          attribute: "first-response",
          region: "North",
          created: "2024-05-01T09:00:00Z",
          firstResponse: "2024-05-01T10:00:00Z",
        },
        {
          id: "d4",
          attribute: "first-response",
          region: "North",
          created: "2024-05-01T09:00:00Z",
          firstResponse: "2024-05-01T11:00:00Z",
        },
        {
          id: "d5",
          attribute: "first-response",
          region: "North",
          created: "2024-05-01T09:00:00Z",
          firstResponse: "2024-05-01T12:00:00Z",
        },
      ],
      { standards, asOf: "2024-12-31T00:00:00Z" },
    );
    const withDelivery = eventWindowEffects(survey, {
      calendar,
      minimumN: 2,
      delivery: { records, standards },
    });
    const flood = withDelivery.effects.find((e) => e.window === "flood")?.delivery;
    expect(flood?.inside).toEqual({ evaluated: 2, met: 1, compliance: 0.5 });
    expect(flood?.outside).toEqual({ evaluated: 3, met: 3, compliance: 1 });
    expect(flood?.difference?.difference).toBeCloseTo(-0.5, 12);
    // the outage window has no delivery records inside
    const outage = withDelivery.effects.find((e) => e.window === "outage")?.delivery;
    expect(outage?.difference).toBe(null);
    expect(withDelivery.warnings.some((w) => w.code === "no-delivery-records")).toBe(true);
  });

  it("rejects bad calls: no calendar, an unknown region column, unknown options", () => {
    expect(() => eventWindowEffects(survey, {} as never)).toThrow(/EventCalendar/);
    expect(() => eventWindowEffects(survey, { calendar, region: "regoin" })).toThrow(ServqualError);
    expect(() => eventWindowEffects(survey, { calendar, windows: 1 } as never)).toThrow(
      ServqualError,
    );
    expect(() =>
      eventWindowEffects(survey, { calendar, delivery: { records: [] } as never }),
    ).toThrow(/DeliverySet/);
  });
});

describe("allocationPriorities", () => {
  // Dimension A gaps per region × month (two respondents each):
  // North Jan −4, −3 (−3.5); North Feb −1, 0 (−0.5); South Jan −1, −2 (−1.5); South Feb 0, −1 (−0.5)
  const cells = validateResponses(
    [
      person("a", "2024-01-05", "North", -4),
      person("b", "2024-01-20", "North", -3),
      person("c", "2024-02-05", "North", -1),
      person("d", "2024-02-20", "North", 0),
      person("e", "2024-01-06", "South", -1),
      person("f", "2024-01-21", "South", -2),
      person("g", "2024-02-06", "South", 0),
      person("h", "2024-02-21", "South", -1),
    ],
    tinyInstrument,
    { columns: { segments: ["region"] } },
  ).dataset;
  const result = allocationPriorities(cells, { dimensions: ["A"], minimumN: 2 });

  it("lists only the cell worse than both its region's other periods and other regions", () => {
    expect(result.cellsTested).toBe(4);
    expect(result.rows).toEqual({ in: 8, used: 8, undated: 0, blankRegion: 0, outsideWindow: 0 });
    expect(result.priorities).toHaveLength(1);
    const top = result.priorities[0];
    expect(top?.region).toBe("North");
    expect(top?.period).toBe("2024-01");
    expect(top?.gap).toBeCloseTo(-3.5, 12);
    expect(top?.ownBaseline?.gap).toBeCloseTo(-0.5, 12);
    expect(top?.elsewhere?.gap).toBeCloseTo(-1.5, 12);
    expect(top?.shortfall).toBeCloseTo(2, 12);
    // R: t.test(c(-4,-3), c(-1,0))$p.value = 0.0513167019494862; vs c(-1,-2): 0.1055728090000841
    expect(top?.ownBaseline?.test.pValue).toBeCloseTo(0.0513167019494862, 8);
    expect(top?.elsewhere?.test.pValue).toBeCloseTo(0.1055728090000841, 8);
    // p.adjust(c(0.0513, 0.1056), "holm") = 0.102633403898972, 0.105572809000084
    expect(top?.pOwnAdjusted).toBeCloseTo(0.102633403898972, 8);
    expect(top?.pElsewhereAdjusted).toBeCloseTo(0.105572809000084, 8);
    expect(top?.evidence).toBe("weak");
    expect(top?.sentence).toBe(
      "Send extra capacity to North in 2024-01: A gap −3.5 vs −0.5 in North's other periods and −1.5 in other regions, n = 2, p = .106.",
    );
  });

  it("pools namesakes across years and names the period by its month", () => {
    const pooled = allocationPriorities(cells, {
      dimensions: ["A"],
      minimumN: 2,
      acrossYears: true,
      actions: { A: "two more agents" },
    });
    expect(pooled.priorities[0]?.period).toBe("January");
    expect(
      pooled.priorities[0]?.sentence.startsWith("Send two more agents to North in January"),
    ).toBe(true);
  });

  it("counts every respondent it leaves out: undated, blank region, outside the window", () => {
    const mixed = validateResponses(
      [
        person("a", "2024-01-05", "North", -4),
        person("b", "", "North", -3),
        person("c", "2024-02-05", "", -1),
        person("d", "2024-03-20", "South", 0),
      ],
      tinyInstrument,
      { columns: { segments: ["region"] } },
    ).dataset;
    const counted = allocationPriorities(mixed, {
      dimensions: ["A"],
      minimumN: 2,
      window: { to: "2024-02-29" },
    });
    expect(counted.rows).toEqual({ in: 4, used: 1, undated: 1, blankRegion: 1, outsideWindow: 1 });
  });

  it("suppresses cells below minimumN and ranks nothing from them", () => {
    const strict = allocationPriorities(cells, { dimensions: ["A"], minimumN: 3 });
    expect(strict.cellsTested).toBe(0);
    expect(strict.cellsSuppressed).toBe(4);
    expect(strict.priorities).toEqual([]);
  });

  it("rejects unknown dimensions, acrossYears with years, unknown columns and options", () => {
    expect(() => allocationPriorities(cells, { dimensions: ["C"] })).toThrow(ServqualError);
    expect(() => allocationPriorities(cells)).toThrow(/dimension ids/);
    expect(() =>
      allocationPriorities(cells, { dimensions: ["A"], period: "year", acrossYears: true }),
    ).toThrow(ServqualError);
    expect(() => allocationPriorities(cells, { dimensions: ["A"], region: "area" })).toThrow(
      ServqualError,
    );
    expect(() => allocationPriorities(cells, { dimensions: ["A"], rank: 1 } as never)).toThrow(
      ServqualError,
    );
  });
});
