/**
 * The planted context effects of the demo survey (data/DEMO.md, "Context effects"), each
 * recovered by the library analysis meant to find it. The plain-mean sizes are checked
 * without the library in test/demoData.test.ts.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allocationPriorities } from "../../src/context/allocationPriorities";
import { byPeriod } from "../../src/context/byPeriod";
import { eventWindowEffects } from "../../src/context/eventWindows";
import { seasonalProfile } from "../../src/context/seasonalProfile";
import { instruments } from "../../src/instrument/instruments";
import { readEventCalendarCsv } from "../../src/io/readEventCalendarCsv";
import { readResponsesCsv } from "../../src/io/readResponsesCsv";
import { respondentScores } from "../../src/responses/respondentScores";
import { welchTTest } from "../../src/stats/welchTTest";

const file = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const { dataset } = await readResponsesCsv(file("data/demo-bank.csv"), instruments.servqual22, {
  columns: { segments: ["region", "channel"] },
});
const calendar = await readEventCalendarCsv(file("data/demo-events-calendar.csv"));

describe("the demo survey's planted context effects, found by the library", () => {
  it("winter responsiveness dip in North: allocationPriorities ranks it first, strong evidence", () => {
    const result = allocationPriorities(dataset, { period: "season", acrossYears: true });
    const top = result.priorities[0];
    expect(top?.region).toBe("North");
    expect(top?.period).toBe("winter");
    expect(top?.dimension).toBe("responsiveness");
    expect(top?.evidence).toBe("strong");
    expect(top?.shortfall).toBeGreaterThan(0.7);
    expect(top?.pOwnAdjusted).toBeLessThan(0.001);
    // no other cell has strong evidence: nothing else was planted per region and season
    expect(result.priorities.filter((p) => p.evidence === "strong")).toHaveLength(1);
    expect(top?.sentence).toMatch(
      /^Send spare engineers and phone\/SMS\/web capacity to North in winter: responsiveness gap −2\.\d vs −1\.0 in North's other periods/,
    );
  });

  it("the dip is a season × region effect: seasonalProfile by region flags North's winter", () => {
    const result = seasonalProfile(dataset, { by: "region" });
    const north = result.figures.find(
      (f) => f.segments.region === "North" && f.season === "winter" && f.id === "responsiveness",
    );
    expect(north?.differs).toBe(true);
    expect(north?.difference).toBeLessThan(-0.7);
  });

  it("inside the North flood window responsiveness is worse: eventWindowEffects (Welch, Hedges g)", () => {
    const result = eventWindowEffects(dataset, { calendar, minimumN: 10 });
    const flood = result.effects.find((e) => e.window === "flood-north-2025");
    expect(flood?.region).toBe("North");
    const r = flood?.figures.find((f) => f.id === "responsiveness");
    expect(r?.welch?.difference).toBeLessThan(-0.8);
    expect(r?.welch?.ci.upper).toBeLessThan(0);
    expect(r?.pAdjusted).toBeLessThan(0.05);
    expect(r?.hedgesG?.g).toBeLessThan(-0.6);
    // the dirty calendar row is excluded and counted
    expect(calendar.report.recordsIn).toBe(5);
    expect(calendar.report.issueCounts["inverted-window"]).toBe(1);
  });

  it("item 2 differs in the warm season: seasonalProfile with a warm/cold month map", () => {
    const result = seasonalProfile(dataset, {
      seasons: { warm: [5, 6, 7, 8, 9], cold: [10, 11, 12, 1, 2, 3, 4] },
    });
    const item2 = result.figures.find((f) => f.season === "warm" && f.id === "2");
    expect(item2?.kind).toBe("item");
    expect(item2?.differs).toBe(true);
    expect(item2?.difference).toBeLessThan(-0.5);
  });

  it("item 3's expectations rise: byPeriod expectation drift, and item 3 is the only one", () => {
    const result = byPeriod(dataset, { period: "month", minimumN: 20 });
    const flagged = result.expectationDrift.filter((d) => d.direction !== "stable");
    expect(flagged.map((d) => [d.item, d.direction])).toEqual([["3", "rising"]]);
    // planted 1.2 over 24 months = 0.05 per month, less the ceiling at 7
    expect(flagged[0]?.slope).toBeGreaterThan(0.02);
    expect(flagged[0]?.slope).toBeLessThan(0.06);
  });

  it("the winter dip as a change between seasons in North: byPeriod by season × region", () => {
    const result = byPeriod(dataset, { period: "season", segments: ["region"], minimumN: 20 });
    const differing = result.changes.filter((c) => (c.pAdjusted ?? 1) < 0.05);
    const north = differing.find((c) => c.segments.region === "North");
    expect([north?.id, north?.from, north?.to]).toEqual([
      "responsiveness",
      "2024/25-winter",
      "2025-spring",
    ]);
    // planted: −0.8 in winter, a further −1.4 in the flood (most of that winter)
    expect(north?.change).toBeGreaterThan(0.8);
    expect(north?.change).toBeLessThan(2.2);
    // the same test on the respondents' own scores (welchTTest on raw values)
    const region = dataset.segments.find((s) => s.name === "region")?.values ?? [];
    const rowsIn = (from: string, to: string) =>
      Int32Array.from(
        Array.from({ length: dataset.n }, (_, r) => r).filter((r) => {
          const t = dataset.dates?.[r] ?? Number.NaN;
          return region[r] === "North" && t >= Date.parse(from) && t < Date.parse(to);
        }),
      );
    const rsp = dataset.instrument.dimensions.findIndex((d) => d.id === "responsiveness");
    const scores = (rows: Int32Array) =>
      Array.from(
        respondentScores(dataset, { facet: "gap", level: "dimension", rows })[rsp] ?? [],
      ).filter((x) => !Number.isNaN(x));
    const winter = scores(rowsIn("2024-12-01", "2025-03-01"));
    const spring = scores(rowsIn("2025-03-01", "2025-06-01"));
    expect([winter.length, spring.length]).toEqual([north?.nFrom, north?.nTo]);
    const ref = welchTTest(spring, winter);
    expect(north?.t).toBeCloseTo(ref.t as number, 9);
    expect(north?.df).toBeCloseTo(ref.df as number, 9);
    expect(north?.pValue).toBeCloseTo(ref.pValue as number, 12);
  });
});
