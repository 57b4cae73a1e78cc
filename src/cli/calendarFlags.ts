import { closest } from "./closest";
import { UsageError } from "./usageError";

/** Weekday keys of the library's `BusinessHours`, Monday first. */
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Day = (typeof DAYS)[number];
const WINDOW = /^([01][0-9]|2[0-3]):([0-5][0-9])-(?:([01][0-9]|2[0-3]):([0-5][0-9])|24:00)$/;

/**
 * The calendar of the delivery records (`--business-hours`, `--business-days`,
 * `--time-zone`, `--holidays`): opening hours per weekday as the library's
 * `CalendarOptions.hours`, the default zone, and the holiday file.
 */
export interface CalendarFlags {
  /** `--business-hours` / `--business-days` as the text given (for provenance). */
  readonly businessHours?: string;
  readonly businessDays?: string;
  /** Open windows per weekday (null: closed), when either option is given. */
  readonly hours?: Readonly<Record<Day, string | null>>;
  /** `--time-zone`: the zone of records without a `time_zone` (default UTC). */
  readonly timeZone?: string;
  /** `--holidays FILE`. */
  readonly holidays?: string;
}

/** The windows of `--business-hours`: `HH:MM-HH:MM`, several separated by commas. */
function parseHours(text: string): string {
  const windows = text.split(",").map((part) => part.trim());
  let end = -1;
  for (const window of windows) {
    const match = WINDOW.exec(window);
    const open = match === null ? 0 : Number(match[1]) * 60 + Number(match[2]);
    const close =
      match === null ? 0 : match[3] === undefined ? 1440 : Number(match[3]) * 60 + Number(match[4]);
    if (match === null || close <= open || open < end) {
      throw new UsageError(
        `--business-hours must be windows HH:MM-HH:MM in order, each closing after it opens (e.g. 09:00-17:00 or 08:00-12:00,13:00-17:00), not "${text}"`,
      );
    }
    end = close;
  }
  return windows.join(",");
}

/** The days of `--business-days`: a range `mon-fri` or a comma list `mon,tue,sat` (ranges allowed in it). */
function parseDays(text: string): Set<Day> {
  const days = new Set<Day>();
  const day = (name: string): number => {
    const at = DAYS.indexOf(name.trim().toLowerCase().slice(0, 3) as Day);
    if (at === -1 || !/^[a-z]{3,9}$/i.test(name.trim())) {
      const hint = closest(name.trim().toLowerCase(), [...DAYS]);
      throw new UsageError(
        `--business-days takes weekdays mon … sun as a range (mon-fri) or a comma list (mon,tue,sat), not "${name.trim()}"${hint === undefined ? "" : `; did you mean ${hint}?`}`,
      );
    }
    return at;
  };
  for (const part of text.split(",")) {
    const [from, to, ...more] = part.split("-");
    if (more.length > 0 || from === undefined)
      throw new UsageError(`--business-days: "${part}" is not a day or a range such as mon-fri`);
    const a = day(from);
    const b = to === undefined ? a : day(to);
    if (b < a) {
      throw new UsageError(
        `--business-days: the range "${part}" runs backwards (weeks start on Monday; write e.g. sat,sun,mon)`,
      );
    }
    for (let k = a; k <= b; k++) days.add(DAYS[k] as Day);
  }
  return days;
}

/** The IANA zones this runtime knows, for the hint of a misspelt zone. */
function knownZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return [...(intl.supportedValuesOf?.("timeZone") ?? []), "UTC"];
}

/** `--time-zone`: an IANA zone this runtime knows (checked by `Intl.DateTimeFormat`). */
function parseTimeZone(text: string): string {
  let known = /^[A-Za-z]/.test(text);
  try {
    if (known) new Intl.DateTimeFormat("en", { timeZone: text });
  } catch {
    known = false;
  }
  if (!known) {
    const hint = closest(text, knownZones());
    throw new UsageError(
      `--time-zone must be an IANA time zone such as Europe/London, not "${text}"${hint === undefined ? "" : `; did you mean ${hint}?`}`,
    );
  }
  return text;
}

/**
 * Reads the calendar options of the delivery records. They shape how `--records` are
 * measured, so each needs `--records`. `--business-hours` alone keeps Monday to Friday;
 * `--business-days` alone keeps 09:00–17:00.
 *
 * @param value - The value of each option, undefined when absent.
 * @param records - Whether `--records` is given.
 * @returns The calendar, or undefined when no option is given.
 * @throws {UsageError} for a bad value (exit 2) or an option without `--records`.
 *
 * @example
 * calendarFlagsOf((n) => (n === "business-days" ? "mon-sat" : undefined), true)?.hours?.sat //=> "09:00-17:00"
 */
export function calendarFlagsOf(
  value: (
    name: "business-hours" | "business-days" | "time-zone" | "holidays",
  ) => string | undefined,
  records: boolean,
): CalendarFlags | undefined {
  const businessHours = value("business-hours");
  const businessDays = value("business-days");
  const timeZone = value("time-zone");
  const holidays = value("holidays");
  const given = [
    ["business-hours", businessHours],
    ["business-days", businessDays],
    ["time-zone", timeZone],
    ["holidays", holidays],
  ].filter(([, v]) => v !== undefined);
  if (given.length === 0) return undefined;
  if (!records) {
    throw new UsageError(
      `--${given[0]?.[0]} sets the calendar of the delivery records: it needs --records FILE`,
    );
  }
  const window = businessHours === undefined ? "09:00-17:00" : parseHours(businessHours);
  const open = businessDays === undefined ? parseDays("mon-fri") : parseDays(businessDays);
  const hours =
    businessHours === undefined && businessDays === undefined
      ? undefined
      : (Object.fromEntries(DAYS.map((d) => [d, open.has(d) ? window : null])) as Record<
          Day,
          string | null
        >);
  return {
    ...(businessHours === undefined ? {} : { businessHours }),
    ...(businessDays === undefined ? {} : { businessDays }),
    ...(hours === undefined ? {} : { hours }),
    ...(timeZone === undefined ? {} : { timeZone: parseTimeZone(timeZone) }),
    ...(holidays === undefined ? {} : { holidays }),
  };
}
