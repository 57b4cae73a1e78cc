import { TZDate } from "@date-fns/tz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CalendarTable, resolveCalendar } from "../../src/operations/calendar";

// The plain computation the day table must equal: for every local day around the two instants,
// each open window's ends made by `TZDate` from the wall date and time, intersected with the
// span. No table, no prefix sums, no shortcut for 24-hour days.
const DAY = 86_400_000;
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

function localDay(t: number, zone: string): [number, number, number] {
  const d = new TZDate(t, zone);
  return [d.getFullYear(), d.getMonth(), d.getDate()];
}

function plainBusinessMs(
  a: number,
  b: number,
  zone: string,
  windows: readonly (readonly (readonly [number, number])[])[],
  holidays: ReadonlySet<string>,
): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const [y0, m0, d0] = localDay(lo, zone);
  const [y1, m1, d1] = localDay(hi, zone);
  let ms = 0;
  for (let w = Date.UTC(y0, m0, d0) - DAY; w <= Date.UTC(y1, m1, d1) + DAY; w += DAY) {
    const u = new Date(w);
    const key = u.toISOString().slice(0, 10);
    if (holidays.has(key)) continue;
    const [y, m, d] = [u.getUTCFullYear(), u.getUTCMonth(), u.getUTCDate()];
    for (const [open, close] of windows[u.getUTCDay()] ?? []) {
      const at = (minutes: number) =>
        minutes >= 1440
          ? new TZDate(y, m, d + 1, zone).getTime()
          : new TZDate(y, m, d, Math.floor(minutes / 60), minutes % 60, zone).getTime();
      const s = Math.max(lo, at(open));
      const e = Math.min(hi, at(close));
      if (e > s) ms += e - s;
    }
  }
  return b >= a ? ms : -ms;
}

// DST changes of these zones in 2023–2025: 1-hour (London, New York), 30-minute (Lord Howe),
// none (Kolkata, UTC); instants are drawn near them as well as anywhere in the range.
const ZONES = [
  "Europe/London",
  "America/New_York",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "UTC",
] as const;
const CHANGES = [
  Date.UTC(2024, 2, 31, 1),
  Date.UTC(2024, 9, 27, 1),
  Date.UTC(2024, 2, 10, 7),
  Date.UTC(2024, 10, 3, 6),
  Date.UTC(2024, 3, 6, 15),
  Date.UTC(2024, 9, 5, 15, 30),
  Date.UTC(2023, 2, 26, 1),
];
const FROM = Date.UTC(2023, 0, 1);
const TO = Date.UTC(2025, 11, 31);

const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(fc.constantFrom(...CHANGES), fc.integer({ min: -2 * DAY, max: 2 * DAY }))
    .map(([t, d]) => t + d),
);
const window = fc
  .tuple(fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 48 }))
  .map(([a, n]) => [a * 30, Math.min(1440, a * 30 + n * 30)] as const);
const day = fc.array(window, { maxLength: 3 }).map((ws) => {
  // Non-overlapping windows: sorted, each kept only when it starts after the last close.
  const kept: (readonly [number, number])[] = [];
  for (const w of [...ws].sort((x, y) => x[0] - y[0]))
    if (kept.length === 0 || w[0] >= (kept[kept.length - 1] as readonly [number, number])[1])
      kept.push(w);
  return kept;
});
const hhmm = (m: number) =>
  m === 1440
    ? "24:00"
    : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

describe("CalendarTable.businessMs equals the plain day-by-day computation", () => {
  it("for random calendars, instants across DST changes, holidays and weekends, in any order", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(day, { minLength: 7, maxLength: 7 }),
        fc.uniqueArray(fc.integer({ min: FROM, max: TO }), { maxLength: 12 }),
        // Spans of up to ±20 days (the plain computation walks every day of a span), starting
        // anywhere in three years, so the table grows on both sides in random order.
        fc.array(
          fc
            .tuple(instant, fc.integer({ min: -20 * DAY, max: 20 * DAY }))
            .map(([a, d]) => [a, a + d] as const),
          { minLength: 1, maxLength: 10 },
        ),
        (zone, days, holidayInstants, pairs) => {
          const hours = Object.fromEntries(
            WEEKDAYS.map((name, i) => [
              name,
              (days[i] ?? []).map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(",") || null,
            ]),
          );
          const holidays = holidayInstants.map((t) => new Date(t).toISOString().slice(0, 10));
          const calendar = resolveCalendar("test", { timeZone: zone, hours, holidays });
          // A fresh table, so the order of the pairs decides how it grows.
          const table = new CalendarTable(calendar);
          const holidaySet = new Set(calendar.holidays);
          for (const [a, b] of pairs) {
            // + 0: an empty span is 0 either way (no -0 against 0).
            expect(table.businessMs(a, b) + 0).toBe(
              plainBusinessMs(a, b, zone, calendar.windows, holidaySet) + 0,
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it("a hand-worked London week: Saturday morning, a bank holiday, the spring change", () => {
    const table = new CalendarTable(
      resolveCalendar("test", {
        timeZone: "Europe/London",
        hours: { mon: "09:00-17:30", fri: "09:00-17:00", sat: "10:00-13:00" },
        holidays: ["2024-03-29"],
      }),
    );
    // Thu 28 Mar 12:00 GMT → Mon 1 Apr 10:00 BST (09:00 UTC): Thursday closed (no hours),
    // Good Friday a holiday, Saturday 3 h, Sunday closed, Monday 09:00–10:00 local = 1 h.
    expect(table.businessMs(Date.UTC(2024, 2, 28, 12), Date.UTC(2024, 3, 1, 9))).toBe(
      4 * 3_600_000,
    );
  });
});
