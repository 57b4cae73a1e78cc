import { TZDate } from "@date-fns/tz/date";
import {
  checkOptionKeys,
  expectKind,
  invalidArgument,
  isRecord,
  optionNames,
} from "../_lib/guards";
import { type Seasons, type SeasonTable, seasonTable } from "./seasons";

/**
 * The calendar periods respondents are grouped by: ISO 8601 weeks (Monday first, week 1 holds
 * the year's first Thursday), calendar months, quarters and years, fiscal years starting in a
 * chosen month, and seasons (meteorological by hemisphere, or a custom month map).
 */
export type PeriodKind = "week" | "month" | "quarter" | "year" | "fiscal-year" | "season";

/** The kinds, in order (for messages and checks). */
export const PERIOD_KINDS: readonly PeriodKind[] = [
  "week",
  "month",
  "quarter",
  "year",
  "fiscal-year",
  "season",
];

/** How dates become periods (see {@link periodOf}). */
export interface PeriodOptions {
  readonly period: PeriodKind;
  /**
   * IANA time zone the calendar is read in (`"Europe/London"`, `"Australia/Sydney"`) or a
   * UTC offset (`"+05:45"`); default `"UTC"`. A respondent's instant falls in the period of its
   * local date there.
   */
  readonly timeZone?: string;
  /** First month (1–12) of the fiscal year; required with `period: "fiscal-year"` only. */
  readonly fiscalYearStart?: number;
  /** With `period: "season"`: `"northern"` (default), `"southern"` or a custom month map. */
  readonly seasons?: Seasons;
}

/** One period: its key, its place in time and its first local day. */
export interface CalendarPeriod {
  readonly kind: PeriodKind;
  /**
   * `2024-W09` (ISO week-year and week), `2024-03`, `2024-Q1`, `2024`, `FY2024/25` (fiscal
   * year starting in 2024; `FY2024` when it starts in January), `2024-summer` or
   * `2023/24-winter` (a season passing the year end names both years).
   */
  readonly key: string;
  /**
   * Consecutive whole numbers for consecutive periods of the kind (months since year 0 for
   * months, and so on), so that a trend counts the periods between two dates, including
   * periods without respondents.
   */
  readonly ordinal: number;
  /** First local day of the period, `yyyy-mm-dd`. */
  readonly start: string;
  /** The season's name (season periods), else null. */
  readonly season: string | null;
}

/** Period options checked and resolved. */
export interface PeriodSpec {
  readonly kind: PeriodKind;
  readonly timeZone: string;
  readonly fiscalYearStart: number;
  readonly seasons: SeasonTable | null;
}

/** The option names of {@link PeriodOptions}. */
export const PERIOD_OPTIONS = optionNames<PeriodOptions>({
  period: true,
  timeZone: true,
  fiscalYearStart: true,
  seasons: true,
});

/** True when the time zone is one the calendar can be read in. */
function knownTimeZone(zone: string): boolean {
  // UTC without a TZDate: a process's first time-zone lookup loads the ICU zone data.
  if (zone === "UTC") return true;
  return zone.length > 0 && !Number.isNaN(new TZDate(0, zone).getTime());
}

/**
 * Checks period options and resolves the season table.
 *
 * @throws {ServqualError} `invalid-argument` for an unknown kind or time zone, a fiscal start
 *   that is not 1–12 (or given with another kind), seasons given with another kind.
 */
export function resolvePeriod(fn: string, options: PeriodOptions, param = "options"): PeriodSpec {
  if (!isRecord(options)) throw invalidArgument(fn, param, "period options", options);
  const kind = options.period;
  if (!PERIOD_KINDS.includes(kind)) {
    throw invalidArgument(fn, `${param}.period`, `one of ${PERIOD_KINDS.join(", ")}`, kind);
  }
  const timeZone = options.timeZone ?? "UTC";
  expectKind(fn, `${param}.timeZone`, timeZone, "string", "an IANA time zone name");
  if (!knownTimeZone(timeZone)) {
    throw invalidArgument(
      fn,
      `${param}.timeZone`,
      'an IANA time zone name such as "Europe/London", or a UTC offset such as "+05:45"',
      timeZone,
      ` ("${timeZone}" is not known)`,
    );
  }
  const start = options.fiscalYearStart;
  if (kind === "fiscal-year") {
    if (typeof start !== "number" || !Number.isInteger(start) || start < 1 || start > 12) {
      throw invalidArgument(
        fn,
        `${param}.fiscalYearStart`,
        'the first month of the fiscal year, 1–12 (needed with period "fiscal-year")',
        start,
      );
    }
  } else if (start !== undefined) {
    throw invalidArgument(
      fn,
      `${param}.fiscalYearStart`,
      'absent unless period is "fiscal-year"',
      start,
    );
  }
  if (kind !== "season" && options.seasons !== undefined) {
    throw invalidArgument(
      fn,
      `${param}.seasons`,
      'absent unless period is "season"',
      options.seasons,
    );
  }
  return {
    kind,
    timeZone,
    fiscalYearStart: start ?? 1,
    seasons: kind === "season" ? seasonTable(fn, options.seasons ?? "northern") : null,
  };
}

/** Checks that an options object holds only period keys plus `extra`. */
export function checkPeriodKeys(fn: string, options: unknown, extra: readonly string[]): void {
  checkOptionKeys(fn, options, [...PERIOD_OPTIONS, ...extra]);
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** `yyyy-mm-dd` of a local calendar day (month 0–11). */
export function localDay(year: number, month: number, day: number): string {
  const y = year < 0 ? `-${pad(-year, 6)}` : year > 9999 ? `+${pad(year, 6)}` : pad(year, 4);
  return `${y}-${pad(month + 1)}-${pad(day)}`;
}

/**
 * The period of a local calendar month (year, month 0–11), for every kind but weeks: each of
 * them is a union of whole months.
 */
export function periodOfMonth(spec: PeriodSpec, year: number, month: number): CalendarPeriod {
  switch (spec.kind) {
    case "month":
      return period(spec, `${pad(year, 4)}-${pad(month + 1)}`, year * 12 + month, year, month);
    case "quarter": {
      const q = Math.floor(month / 3);
      return period(spec, `${pad(year, 4)}-Q${q + 1}`, year * 4 + q, year, q * 3);
    }
    case "year":
      return period(spec, pad(year, 4), year, year, 0);
    case "fiscal-year": {
      const first = spec.fiscalYearStart - 1;
      const fy = month >= first ? year : year - 1;
      const key =
        first === 0 ? `FY${pad(fy, 4)}` : `FY${pad(fy, 4)}/${pad((((fy + 1) % 100) + 100) % 100)}`;
      return period(spec, key, fy, fy, first);
    }
    case "season": {
      const table = spec.seasons as SeasonTable;
      const name = table.nameOfMonth[month] as string;
      const sy = table.previousYear[month] ? year - 1 : year;
      const years = table.wrapsOfMonth[month]
        ? `${pad(sy, 4)}/${pad((((sy + 1) % 100) + 100) % 100)}`
        : pad(sy, 4);
      const ordinal = sy * table.names.length + (table.rankOfMonth[month] as number);
      return {
        ...period(spec, `${years}-${name}`, ordinal, sy, table.startMonth[month] as number),
        season: name,
      };
    }
    default:
      throw new Error(`periodOfMonth: weeks are not unions of months`);
  }
}

function period(
  spec: PeriodSpec,
  key: string,
  ordinal: number,
  startYear: number,
  startMonth: number,
): CalendarPeriod {
  return { kind: spec.kind, key, ordinal, start: localDay(startYear, startMonth, 1), season: null };
}
