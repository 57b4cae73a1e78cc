import { TZDate } from "@date-fns/tz/date";
import { getISOWeek } from "date-fns/getISOWeek";
import { getISOWeekYear } from "date-fns/getISOWeekYear";
import { startOfISOWeek } from "date-fns/startOfISOWeek";
import { invalidArgument } from "../_lib/guards";
import {
  type CalendarPeriod,
  checkPeriodKeys,
  localDay,
  type PeriodOptions,
  type PeriodSpec,
  periodOfMonth,
  resolvePeriod,
} from "./periodSpec";

const DAY = 86_400_000;

/** The ISO week holding a local instant (a TZDate), as a {@link CalendarPeriod}. */
export function periodOfWeek(spec: PeriodSpec, local: TZDate): CalendarPeriod {
  const monday = startOfISOWeek(local);
  const y = monday.getFullYear();
  const m = monday.getMonth();
  const d = monday.getDate();
  // 1970-01-05 was a Monday: whole weeks since then.
  const ordinal = Math.round((Date.UTC(y, m, d) / DAY - 4) / 7);
  const week = getISOWeek(local);
  return {
    kind: spec.kind,
    key: `${String(getISOWeekYear(local)).padStart(4, "0")}-W${String(week).padStart(2, "0")}`,
    ordinal,
    start: localDay(y, m, d),
    season: null,
  };
}

/** The period of an instant under resolved options (null for NaN). */
export function periodOfInstant(spec: PeriodSpec, time: number): CalendarPeriod | null {
  if (!Number.isFinite(time)) return null;
  const local = new TZDate(time, spec.timeZone);
  if (spec.kind === "week") return periodOfWeek(spec, local);
  return periodOfMonth(spec, local.getFullYear(), local.getMonth());
}

/**
 * The calendar period an instant falls in, read in an explicit time zone (default UTC): its
 * local date there decides the period, so 2024-03-31T23:30Z is April in Europe/Berlin and
 * March in UTC. Calendar arithmetic (ISO weeks, daylight-saving changes) is date-fns 4 with
 * @date-fns/tz.
 *
 * - `week`: ISO 8601 week (Monday first; week 1 holds the first Thursday), key `2024-W09`
 *   with the ISO week-year (2024-12-30 is `2025-W01`).
 * - `month` `2024-03`, `quarter` `2024-Q1`, `year` `2024`.
 * - `fiscal-year` starting in month `fiscalYearStart`: `FY2024/25` runs from that month of
 *   2024 (`FY2024` when it starts in January).
 * - `season`: meteorological seasons (`seasons: "northern"`, the default: winter Dec–Feb,
 *   spring Mar–May, summer Jun–Aug, autumn Sep–Nov; `"southern"`: summer Dec–Feb, autumn
 *   Mar–May, winter Jun–Aug, spring Sep–Nov) or a custom map of season → months. A season
 *   passing the year end is named by both years: December 2023 to February 2024 is
 *   `2023/24-winter`.
 *
 * Reference: ISO 8601-1:2019 §5.2.2 (week dates); meteorological seasons as used by the WMO
 * and national weather services (three whole months each). Fiscal-year and season key formats
 * are this library's choice (docs/context.md).
 *
 * @param date - A Date or epoch milliseconds (the Dataset's `dates`).
 * @param options - `period`, `timeZone`, `fiscalYearStart`, `seasons`.
 * @returns The period, or null when the date is missing (NaN or an invalid Date).
 * @throws {ServqualError} `invalid-argument` for a date that is not a Date or number, an unknown
 *   period kind or time zone, a bad fiscal start or season map; `invalid-options` for an
 *   unknown option key.
 * @example
 * periodOf(Date.UTC(2024, 11, 30), { period: "week" }).key //=> "2025-W01"
 * periodOf(new Date("2024-07-15T12:00:00Z"), { period: "season", seasons: "southern" }).key
 * //=> "2024-winter"
 */
export function periodOf(date: Date | number, options: PeriodOptions): CalendarPeriod | null {
  const fn = "periodOf";
  checkPeriodKeys(fn, options, []);
  const spec = resolvePeriod(fn, options);
  if (!(date instanceof Date) && typeof date !== "number") {
    throw invalidArgument(fn, "date", "a Date or epoch milliseconds", date);
  }
  return periodOfInstant(spec, date instanceof Date ? date.getTime() : date);
}
