/**
 * Regional holidays (`calendar.regionHolidays`): a holiday with a region closes the records of
 * that region only. Hand-worked on Mon–Fri 09:00–17:00 UTC, one standard (first response within
 * 4 business hours):
 *
 * | record | region | created → first response | no holidays | + North: 25, 26 Dec |
 * | n1 | North | Tue 24 Dec 15:00 → Fri 27 10:00 | 2+8+8+1 = 19 miss | 2+0+0+1 = 3 met |
 * | s1 | South | Tue 24 Dec 15:00 → Fri 27 10:00 | 19 miss | 19 miss |
 * | x1 | (none) | Tue 24 Dec 15:00 → Fri 27 10:00 | 19 miss | 19 miss |
 *
 * With 26 Dec a holiday of every region as well: n1 2+0+0+1 = 3 met, s1 and x1 2+8+0+1 = 11.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { gap3 } from "../../src/gaps/gap3";
import { readHolidaysCsv } from "../../src/io/readHolidaysCsv";
import {
  type CalendarOptions,
  regionCalendar,
  resolveCalendar,
} from "../../src/operations/calendar";
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
  },
]);
const record = (id: string, region: string | null) => ({
  id,
  attribute: "first-response",
  created: "2024-12-24T15:00:00Z",
  firstResponse: "2024-12-27T10:00:00Z",
  region,
});
const records = [record("n1", "North"), record("s1", "South"), record("x1", null)];

function metByRegion(calendar: CalendarOptions | undefined) {
  const set = validateDeliveryRecords(records, {
    standards,
    asOf: "2025-01-31T00:00:00Z",
    ...(calendar === undefined ? {} : { calendar }),
  });
  const item = gap3(set, standards).items[0];
  return Object.fromEntries((item?.byRegion ?? []).map((g) => [g.group, g.met]));
}

describe("gap3 with regional holidays", () => {
  it("closes the records of the holiday's region only", () => {
    expect(metByRegion(undefined)).toEqual({ North: 0, South: 0, "(none)": 0 });
    expect(metByRegion({ regionHolidays: { North: ["2024-12-25", "2024-12-26"] } })).toEqual({
      North: 1,
      South: 0,
      "(none)": 0,
    });
  });

  it("adds a region's holidays to those of every region", () => {
    const set = validateDeliveryRecords(records, {
      standards,
      asOf: "2025-01-31T00:00:00Z",
      calendar: { holidays: ["2024-12-26"], regionHolidays: { North: ["2024-12-25"] } },
    });
    const item = gap3(set, standards).items[0];
    const sizes = Object.fromEntries(
      (item?.byRegion ?? []).map((g) => [g.group, [g.met, g.misses.max]]),
    );
    // n1: 3 h (met); s1 and x1: 11 h, a miss of 11 − 4 = 7 h.
    expect(sizes).toEqual({ North: [1, null], South: [0, 7], "(none)": [0, 7] });
  });

  it("resolves and merges the calendar: regionCalendar adds the region's dates", () => {
    const calendar = resolveCalendar("test", {
      holidays: ["2024-12-25"],
      regionHolidays: { Scotland: ["2024-01-02", "2024-01-02"], Wales: [] },
    });
    expect(calendar.regionHolidays).toEqual({ Scotland: ["2024-01-02"] });
    expect(regionCalendar(calendar, "Scotland", null).holidays).toEqual([
      "2024-01-02",
      "2024-12-25",
    ]);
    expect(regionCalendar(calendar, "North", "Europe/London")).toMatchObject({
      timeZone: "Europe/London",
      holidays: ["2024-12-25"],
    });
    // Without regional holidays the resolved calendar has no such key (states stay as before).
    expect(Object.keys(resolveCalendar("test", {}))).toEqual(["timeZone", "windows", "holidays"]);
  });

  it("rejects a bad region name or date with invalid-options", () => {
    const bad: Record<string, string[]>[] = [
      { " North": ["2024-12-25"] },
      { North: ["2024-12-32"] },
    ];
    for (const regionHolidays of bad) {
      try {
        resolveCalendar("test", { regionHolidays });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ServqualError);
        expect((error as ServqualError).code).toBe("invalid-options");
      }
    }
  });
});

describe("readHolidaysCsv with perRegion", () => {
  const file = fileURLToPath(
    new URL("../fixtures/operations/calendar/holidays.csv", import.meta.url),
  );

  it("keeps regional holidays apart from those of every region", async () => {
    const set = await readHolidaysCsv(file, { perRegion: true });
    expect(set.dates).toEqual(["2024-12-25", "2024-12-26"]);
    expect(set.regionDates).toEqual({ Scotland: ["2024-12-27"] });
    // 5 rows: 3 used, a date that is not a day and a repeated date excluded.
    expect(set.report.exclusionCounts).toEqual({ "bad-date": 1, "duplicate-id": 1 });
    expect(set.report.recordsIn).toBe(set.report.recordsUsed + set.report.recordsExcluded);
  });

  it("without it excludes regional holidays (other-region), as before", async () => {
    const set = await readHolidaysCsv(file);
    expect(set.regionDates).toEqual({});
    expect(set.report.exclusionCounts).toMatchObject({ "other-region": 1 });
  });
});

describe("gap3: regional holidays of a region no record carries", () => {
  const file = fileURLToPath(
    new URL("../fixtures/operations/calendar/holidays.csv", import.meta.url),
  );
  const codes = (result: { warnings: readonly { code: string }[] }) =>
    result.warnings.map((w) => w.code).filter((c) => c === "unused-region-holidays");

  it("warns once per unused region, naming it and its dates; none for a region in use", () => {
    const set = validateDeliveryRecords(records, {
      standards,
      asOf: "2025-01-31T00:00:00Z",
      calendar: {
        regionHolidays: { North: ["2024-12-25"], West: ["2024-12-25", "2024-12-26"] },
      },
    });
    const result = gap3(set, standards);
    expect(codes(result)).toEqual(["unused-region-holidays"]);
    const warning = result.warnings.find((w) => w.code === "unused-region-holidays");
    expect(warning?.message).toContain('"West" (2024-12-25, 2024-12-26)');
    expect(warning?.message).not.toContain("North");
    // North's holiday still applies (2 + 0 + 8 + 1 = 11 h, a miss of 7); South's record is
    // untouched by West's (19 h, a miss of 15).
    const max = (group: string) =>
      result.items[0]?.byRegion.find((g) => g.group === group)?.misses.max;
    expect([max("North"), max("South")]).toEqual([7, 15]);
  });

  it("names the holiday file's rows and lines with holidayRows", async () => {
    const holidays = await readHolidaysCsv(file, { perRegion: true });
    const set = validateDeliveryRecords(records, {
      standards,
      asOf: "2025-01-31T00:00:00Z",
      calendar: { holidays: holidays.dates, regionHolidays: holidays.regionDates },
    });
    // The records are North, South and none: the Scotland row (line 4 of the file) is unused.
    const result = gap3(set, standards, { holidayRows: holidays.holidays });
    const warning = result.warnings.find((w) => w.code === "unused-region-holidays");
    expect(warning?.message).toContain('"Scotland" (2024-12-27 (row 3, line 4))');
    expect(() => gap3(set, standards, { holidayRows: "x" as unknown as readonly never[] })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });

  it("does not warn without regional holidays or when every region is carried", () => {
    const none = validateDeliveryRecords(records, { standards, asOf: "2025-01-31T00:00:00Z" });
    expect(codes(gap3(none, standards))).toEqual([]);
    const used = validateDeliveryRecords(records, {
      standards,
      asOf: "2025-01-31T00:00:00Z",
      calendar: { regionHolidays: { North: ["2024-12-25"], South: ["2024-12-26"] } },
    });
    expect(codes(gap3(used, standards))).toEqual([]);
  });
});
