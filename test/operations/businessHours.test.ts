import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { businessHoursBetween } from "../../src/operations/businessHoursBetween";

const allDay = {
  mon: "00:00-24:00",
  tue: "00:00-24:00",
  wed: "00:00-24:00",
  thu: "00:00-24:00",
  fri: "00:00-24:00",
  sat: "00:00-24:00",
  sun: "00:00-24:00",
};

describe("businessHoursBetween: hand-worked cases (Mon–Fri 09:00–17:00 unless said)", () => {
  it("counts only open hours across a weekend", () => {
    // Fri 2024-03-01 16:00 → Mon 03-04 10:00: 1 h Friday + 1 h Monday.
    expect(businessHoursBetween("2024-03-01T16:00:00Z", "2024-03-04T10:00:00Z")).toBe(2);
  });
  it("skips holidays", () => {
    // Monday 03-04 is a holiday: Fri 1 h + Tue 09:00–10:00 1 h (8 h more without the holiday).
    expect(
      businessHoursBetween("2024-03-01T16:00:00Z", "2024-03-05T10:00:00Z", {
        holidays: ["2024-03-04"],
      }),
    ).toBe(2);
    expect(businessHoursBetween("2024-03-01T16:00:00Z", "2024-03-05T10:00:00Z")).toBe(10);
  });
  it("clips a span inside one day and spans across days", () => {
    expect(businessHoursBetween("2024-03-06T08:00:00Z", "2024-03-06T12:30:00Z")).toBe(3.5);
    expect(businessHoursBetween("2024-03-06T07:00:00Z", "2024-03-07T07:00:00Z")).toBe(8);
    // Wed 12:00 → next Wed 12:00: 5 + 8·4 + 3 = 40 h, one working week.
    expect(businessHoursBetween("2024-03-06T12:00:00Z", "2024-03-13T12:00:00Z")).toBe(40);
    expect(businessHoursBetween("2024-03-06T20:00:00Z", "2024-03-06T22:00:00Z")).toBe(0);
  });
  it("is negative when the end is before the start", () => {
    expect(businessHoursBetween("2024-03-04T10:00:00Z", "2024-03-01T16:00:00Z")).toBe(-2);
  });
  it("handles several windows a day", () => {
    const hours = { mon: "08:00-12:00,13:00-17:00", tue: null };
    expect(businessHoursBetween("2024-03-04T11:00:00Z", "2024-03-04T14:00:00Z", { hours })).toBe(2);
    // Tuesday closed, Wednesday not listed: closed.
    expect(businessHoursBetween("2024-03-04T16:00:00Z", "2024-03-11T09:00:00Z", { hours })).toBe(2);
  });
  it("Europe/London spring forward (2024-03-31): a whole-day window lasts 23 hours", () => {
    const calendar = { timeZone: "Europe/London", hours: allDay };
    // Sat 12:00 GMT (12:00Z) → Sun 12:00 BST (11:00Z): 23 hours.
    expect(businessHoursBetween("2024-03-30T12:00:00Z", "2024-03-31T11:00:00Z", calendar)).toBe(23);
    // Local wall times without a zone are London time.
    expect(businessHoursBetween("2024-03-31 00:00", "2024-04-01 00:00", calendar)).toBe(23);
  });
  it("Europe/London: Friday 16:00 GMT → Monday 10:00 BST is 2 business hours", () => {
    const calendar = { timeZone: "Europe/London" };
    expect(businessHoursBetween("2024-03-29T16:00:00Z", "2024-04-01T09:00:00Z", calendar)).toBe(2);
    expect(businessHoursBetween("2024-03-29 16:00", "2024-04-01 10:00", calendar)).toBe(2);
  });
  it("Europe/London fall back (2024-10-27): a whole-day window lasts 25 hours", () => {
    const calendar = { timeZone: "Europe/London", hours: allDay };
    // Sat 00:00 BST (Fri 23:00Z) → Mon 00:00 GMT: 24 + 25 = 49 hours.
    expect(businessHoursBetween("2024-10-25T23:00:00Z", "2024-10-28T00:00:00Z", calendar)).toBe(49);
  });
  it("America/New_York: 2024-03-10 has 23 hours, 2024-11-03 has 25", () => {
    const calendar = { timeZone: "America/New_York", hours: allDay };
    expect(businessHoursBetween("2024-03-10 00:00", "2024-03-11 00:00", calendar)).toBe(23);
    expect(businessHoursBetween("2024-11-03 00:00", "2024-11-04 00:00", calendar)).toBe(25);
    // A window 01:00–04:00 on the spring-forward night holds 2 real hours (02:00–03:00 never happens).
    const night = { timeZone: "America/New_York", hours: { sun: "01:00-04:00" } };
    expect(
      businessHoursBetween("2024-03-10T00:00:00-05:00", "2024-03-10T12:00:00-04:00", night),
    ).toBe(2);
    expect(
      businessHoursBetween("2024-03-03T00:00:00-05:00", "2024-03-03T12:00:00-05:00", night),
    ).toBe(3);
  });
  it("New York business hours: 9–17 local, whatever the offset", () => {
    const calendar = { timeZone: "America/New_York" };
    // Mon 2024-03-11 08:00 EDT (12:00Z) → 12:00 EDT (16:00Z): 3 h.
    expect(businessHoursBetween("2024-03-11T12:00:00Z", "2024-03-11T16:00:00Z", calendar)).toBe(3);
  });
  it("rejects an unknown time zone, a bad window and an unparseable timestamp", () => {
    const codeOf = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        return error instanceof ServqualError ? [error.code, error.issues[0]?.code] : ["other"];
      }
      return ["none"];
    };
    expect(
      codeOf(() => businessHoursBetween("2024-03-01", "2024-03-02", { timeZone: "Mars/Olympus" })),
    ).toEqual(["invalid-options", "unknown-time-zone"]);
    expect(
      codeOf(() =>
        businessHoursBetween("2024-03-01", "2024-03-02", { hours: { mon: "17:00-09:00" } }),
      ),
    ).toEqual(["invalid-options", "invalid-option"]);
    expect(
      codeOf(() => businessHoursBetween("2024-03-01", "2024-03-02", { holidays: ["2024-02-30"] })),
    ).toEqual(["invalid-options", "bad-date"]);
    expect(codeOf(() => businessHoursBetween("2024-13-01", "2024-03-02"))).toEqual([
      "invalid-argument",
      "invalid-argument",
    ]);
    expect(codeOf(() => businessHoursBetween("yesterday", "2024-03-02"))).toEqual([
      "invalid-argument",
      "invalid-argument",
    ]);
  });
});

describe("utcMs (days from civil) agrees with Date.UTC", () => {
  it("on every day of 1900–2100 sampled every 7 days and on leap days", async () => {
    const { utcMs } = await import("../../src/operations/timestamp");
    for (let t = Date.UTC(1900, 0, 1); t < Date.UTC(2100, 11, 31); t += 7 * 86_400_000) {
      const date = new Date(t);
      expect(utcMs(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(t);
    }
    expect(utcMs(2000, 2, 29)).toBe(Date.UTC(2000, 1, 29));
    expect(utcMs(2024, 2, 29)).toBe(Date.UTC(2024, 1, 29));
    expect(utcMs(1970, 1, 1)).toBe(0);
  });
});
