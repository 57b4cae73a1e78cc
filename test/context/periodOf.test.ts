import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { createPeriodIndexer, periodIndex } from "../../src/context/periodIndexer";
import { periodOf } from "../../src/context/periodOf";
import { type PeriodKind, resolvePeriod } from "../../src/context/periodSpec";

const at = (iso: string) => new Date(iso);
const key = (iso: string, options: Parameters<typeof periodOf>[1]) =>
  periodOf(at(iso), options)?.key;

describe("periodOf: hand-worked keys", () => {
  it("ISO weeks, with the ISO week-year at the year's edges", () => {
    // 2025-01-02 is a Thursday, so ISO week 1 of 2025 starts on Monday 2024-12-30.
    expect(key("2024-12-30T12:00:00Z", { period: "week" })).toBe("2025-W01");
    // 2020 has 53 ISO weeks: 2020-W53 runs from Monday 2020-12-28 to Sunday 2021-01-03.
    expect(key("2021-01-03T12:00:00Z", { period: "week" })).toBe("2020-W53");
    expect(key("2021-01-04T00:00:00Z", { period: "week" })).toBe("2021-W01");
    const a = periodOf(at("2021-01-03T12:00:00Z"), { period: "week" });
    const b = periodOf(at("2021-01-04T00:00:00Z"), { period: "week" });
    expect((b?.ordinal ?? 0) - (a?.ordinal ?? 0)).toBe(1);
    expect(a?.start).toBe("2020-12-28");
  });

  it("the local date in the time zone decides the period (default UTC)", () => {
    // Berlin is UTC+2 from 2024-03-31 01:00 UTC: 23:30 UTC is 01:30 on 1 April there.
    expect(key("2024-03-31T23:30:00Z", { period: "month" })).toBe("2024-03");
    expect(key("2024-03-31T23:30:00Z", { period: "month", timeZone: "Europe/Berlin" })).toBe(
      "2024-04",
    );
    expect(key("2024-03-31T23:30:00Z", { period: "month", timeZone: "America/New_York" })).toBe(
      "2024-03",
    );
    expect(key("2024-12-31T20:00:00Z", { period: "year", timeZone: "+05:45" })).toBe("2025");
  });

  it("daylight saving time: the same UTC clock time falls in different local days", () => {
    // London: BST (UTC+1) on 30 September, GMT (UTC+0) on 31 October 2024.
    expect(key("2024-09-30T23:30:00Z", { period: "month", timeZone: "Europe/London" })).toBe(
      "2024-10",
    );
    expect(key("2024-10-31T23:30:00Z", { period: "month", timeZone: "Europe/London" })).toBe(
      "2024-10",
    );
    // New York switched to EDT (UTC−4) on Sunday 10 March 2024: Monday 11 March starts at 04:00Z.
    const ny = { period: "week", timeZone: "America/New_York" } as const;
    expect(key("2024-03-11T03:30:00Z", ny)).toBe("2024-W10");
    expect(key("2024-03-11T04:00:00Z", ny)).toBe("2024-W11");
    expect(key("2024-03-04T04:59:00Z", ny)).toBe("2024-W09"); // Sunday 23:59 EST
    expect(key("2024-03-04T05:00:00Z", ny)).toBe("2024-W10"); // Monday 00:00 EST
  });

  it("quarters and fiscal years from a chosen start month", () => {
    expect(key("2024-05-15T00:00:00Z", { period: "quarter" })).toBe("2024-Q2");
    const uk = { period: "fiscal-year", fiscalYearStart: 4 } as const;
    expect(key("2024-03-31T12:00:00Z", uk)).toBe("FY2023/24");
    expect(key("2024-04-01T00:00:00Z", uk)).toBe("FY2024/25");
    expect(periodOf(at("2024-04-01T00:00:00Z"), uk)?.start).toBe("2024-04-01");
    expect(key("2023-10-01T00:00:00Z", { period: "fiscal-year", fiscalYearStart: 10 })).toBe(
      "FY2023/24",
    );
    expect(key("1999-12-31T00:00:00Z", { period: "fiscal-year", fiscalYearStart: 7 })).toBe(
      "FY1999/00",
    );
    expect(key("2024-06-01T00:00:00Z", { period: "fiscal-year", fiscalYearStart: 1 })).toBe(
      "FY2024",
    );
  });

  it("meteorological seasons in both hemispheres; a season over the year end names both years", () => {
    expect(key("2024-01-15T00:00:00Z", { period: "season" })).toBe("2023/24-winter");
    expect(key("2023-12-01T00:00:00Z", { period: "season" })).toBe("2023/24-winter");
    expect(key("2024-03-01T00:00:00Z", { period: "season" })).toBe("2024-spring");
    const south = { period: "season", seasons: "southern" } as const;
    expect(key("2024-07-15T12:00:00Z", south)).toBe("2024-winter");
    expect(key("2024-01-15T12:00:00Z", south)).toBe("2023/24-summer");
    expect(key("2023-12-05T12:00:00Z", south)).toBe("2023/24-summer");
    // 29 Feb 2024 14:00 UTC is 1 March 01:00 in Sydney (AEDT, UTC+11): autumn there.
    expect(key("2024-02-29T14:00:00Z", { ...south, timeZone: "Australia/Sydney" })).toBe(
      "2024-autumn",
    );
    expect(key("2024-02-29T14:00:00Z", south)).toBe("2023/24-summer");
    const winter = periodOf(at("2024-01-15T00:00:00Z"), { period: "season" });
    expect(winter?.season).toBe("winter");
    expect(winter?.start).toBe("2023-12-01");
  });

  it("custom season maps: names, years and consecutive ordinals", () => {
    const custom = {
      period: "season",
      seasons: { warm: [5, 6, 7, 8, 9], cold: [10, 11, 12, 1, 2, 3, 4] },
    } as const;
    const warm23 = periodOf(at("2023-07-01T00:00:00Z"), custom);
    const cold = periodOf(at("2024-02-01T00:00:00Z"), custom);
    const warm24 = periodOf(at("2024-05-01T00:00:00Z"), custom);
    expect([warm23?.key, cold?.key, warm24?.key]).toEqual([
      "2023-warm",
      "2023/24-cold",
      "2024-warm",
    ]);
    expect(cold?.start).toBe("2023-10-01");
    expect([
      (cold?.ordinal ?? 0) - (warm23?.ordinal ?? 0),
      (warm24?.ordinal ?? 0) - (cold?.ordinal ?? 0),
    ]).toEqual([1, 1]);
  });

  it("consecutive months, quarters and years have consecutive ordinals", () => {
    const ord = (iso: string, period: PeriodKind) => periodOf(at(iso), { period })?.ordinal ?? NaN;
    expect(ord("2024-01-01T00:00:00Z", "month") - ord("2023-12-31T23:59:59Z", "month")).toBe(1);
    expect(ord("2024-01-01T00:00:00Z", "quarter") - ord("2023-12-31T23:59:59Z", "quarter")).toBe(1);
    expect(ord("2024-01-01T00:00:00Z", "year") - ord("2023-12-31T23:59:59Z", "year")).toBe(1);
    expect(ord("2024-01-01T00:00:00Z", "month") - ord("2022-01-01T00:00:00Z", "month")).toBe(24);
  });

  it("a missing date has no period", () => {
    expect(periodOf(Number.NaN, { period: "month" })).toBeNull();
    expect(periodOf(new Date("not a date"), { period: "month" })).toBeNull();
  });
});

describe("periodOf: bad calls", () => {
  const bad = (options: unknown, date: unknown = 0) => {
    try {
      periodOf(date as never, options as never);
    } catch (error) {
      expect(error).toBeInstanceOf(ServqualError);
      return (error as ServqualError).code;
    }
    throw new Error("did not throw");
  };
  it("names the fault", () => {
    expect(bad({ period: "fortnight" })).toBe("invalid-argument");
    expect(bad({ period: "month", timeZone: "Mars/Olympus" })).toBe("invalid-argument");
    expect(bad({ period: "fiscal-year" })).toBe("invalid-argument");
    expect(bad({ period: "fiscal-year", fiscalYearStart: 13 })).toBe("invalid-argument");
    expect(bad({ period: "month", fiscalYearStart: 4 })).toBe("invalid-argument");
    expect(bad({ period: "month", seasons: "southern" })).toBe("invalid-argument");
    expect(bad({ period: "season", seasons: "eastern" })).toBe("invalid-argument");
    expect(
      bad({ period: "season", seasons: { a: [1, 2, 3, 4, 5, 6], b: [7, 8, 9, 10, 11] } }),
    ).toBe("invalid-argument");
    expect(
      bad({ period: "season", seasons: { a: [1, 2, 6, 7, 8, 9], b: [3, 4, 5, 10, 11, 12] } }),
    ).toBe("invalid-argument");
    expect(bad({ period: "season", seasons: { a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] } })).toBe(
      "invalid-argument",
    );
    expect(bad({ period: "month", timezone: "UTC" })).toBe("invalid-options");
    expect(bad({ period: "month" }, "2024-01-01")).toBe("invalid-argument");
  });
});

describe("the boundary index agrees with periodOf", () => {
  const zones = ["UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kathmandu"];
  const kinds: PeriodKind[] = ["week", "month", "quarter", "year", "fiscal-year", "season"];
  it("for random instants, zones and kinds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.constantFrom(...kinds),
        fc.array(fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2026, 0, 1) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (timeZone, kind, times) => {
          const options = {
            period: kind,
            timeZone,
            ...(kind === "fiscal-year" ? { fiscalYearStart: 7 } : {}),
            ...(kind === "season" && timeZone === "Australia/Sydney"
              ? { seasons: "southern" as const }
              : {}),
          };
          const spec = resolvePeriod("test", options);
          const indexer = createPeriodIndexer(spec, Math.min(...times), Math.max(...times));
          for (const t of times) {
            const found = indexer.periods[periodIndex(indexer, t)];
            expect(found?.key).toBe(periodOf(t, options)?.key);
          }
          const ordinals = indexer.periods.map((p) => p.ordinal);
          ordinals.forEach((o, i) => {
            if (i > 0) expect(o - (ordinals[i - 1] as number)).toBe(1);
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("UTC period starts without the zone data", () => {
  it("equal the starts TZDate gives for the offset +00:00, every kind but weeks", () => {
    const kinds: PeriodKind[] = ["month", "quarter", "year", "fiscal-year", "season"];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: Date.UTC(1999, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 4 * 366 * 86_400_000 }),
        (kind, first, span) => {
          const options = (timeZone: string) => ({
            period: kind,
            timeZone,
            ...(kind === "fiscal-year" ? { fiscalYearStart: 4 } : {}),
          });
          const utc = createPeriodIndexer(
            resolvePeriod("test", options("UTC")),
            first,
            first + span,
          );
          const zoned = createPeriodIndexer(
            resolvePeriod("test", options("+00:00")),
            first,
            first + span,
          );
          expect([...utc.starts]).toEqual([...zoned.starts]);
          expect(utc.periods.map((p) => p.key)).toEqual(zoned.periods.map((p) => p.key));
        },
      ),
      { numRuns: 40 },
    );
  });
});
