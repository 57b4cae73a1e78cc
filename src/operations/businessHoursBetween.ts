import { invalidArgument } from "../_lib/checkArgument";
import { type CalendarOptions, calendarTable, resolveCalendar } from "./calendar";
import { parseTimestamp } from "./timestamp";

/**
 * Business hours between two instants: the time the calendar is open in [from, to], in hours
 * (negative when `to` is before `from`). Open windows are local wall times of the calendar's
 * IANA zone on each weekday, holidays are closed, and DST changes are honoured (a window
 * 00:00–24:00 on the spring-forward Sunday in Europe/London lasts 23 hours). Formula:
 * Σ over local days d of |[from, to] ∩ open(d)|, computed as B(to) − B(from) with B(t) the
 * open time before t (a running total per local day, built with date-fns and @date-fns/tz).
 *
 * @param from - Start: ISO 8601 text (without a zone: local time in the calendar's zone) or a Date.
 * @param to - End, the same way.
 * @param calendar - Time zone (default UTC), hours (default Mon–Fri 09:00–17:00), holidays.
 * @returns Hours (a fraction for partial hours).
 * @throws {ServqualError} `invalid-argument` for a timestamp that does not parse;
 * `invalid-options` for a bad calendar (`unknown-time-zone`, a bad window or holiday).
 * @example
 * // Friday 16:00 to Monday 10:00: one hour on Friday, one on Monday.
 * businessHoursBetween("2024-03-01T16:00:00Z", "2024-03-04T10:00:00Z") //=> 2
 */
export function businessHoursBetween(
  from: string | Date,
  to: string | Date,
  calendar?: CalendarOptions,
): number {
  const table = calendarTable(resolveCalendar("businessHoursBetween", calendar));
  const at = (value: unknown, name: string) => {
    const t =
      value instanceof Date
        ? value.getTime()
        : typeof value === "string"
          ? parseTimestamp(value.trim(), table)
          : Number.NaN;
    if (!Number.isFinite(t))
      throw invalidArgument(
        "businessHoursBetween",
        name,
        "an ISO 8601 timestamp or a valid Date",
        value,
      );
    return t;
  };
  const a = at(from, "from");
  const b = at(to, "to");
  return table.businessMs(a, b) / 3_600_000;
}
