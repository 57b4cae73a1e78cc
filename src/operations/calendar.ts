import { TZDate } from "@date-fns/tz/date";
import { tzOffset } from "@date-fns/tz/tzOffset";
import { format } from "date-fns/format";
import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import type { Issue } from "../_lib/ServqualError";
import { ServqualError } from "../_lib/ServqualError";

/** Weekday keys of {@link BusinessHours}, Monday first. */
export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/**
 * Opening hours per weekday, in the calendar's local time: `"09:00-17:00"`, several windows
 * separated by commas (`"08:00-12:00,13:00-17:00"`), `"00:00-24:00"` for the whole day, and
 * `null` (or a missing key) for a closed day.
 */
export type BusinessHours = { readonly [K in Weekday]?: string | null };

/**
 * The calendar delivery times are measured in: an IANA time zone (default `"UTC"`), opening
 * hours per weekday (default Monday to Friday 09:00–17:00), holidays (local dates
 * `YYYY-MM-DD`, closed all day) and regional holidays (`regionHolidays`: region name → local
 * dates; a record whose `region` is that name is closed on them as well as on `holidays`, the
 * records of other regions and without a region are not).
 */
export interface CalendarOptions {
  readonly timeZone?: string;
  readonly hours?: BusinessHours;
  readonly holidays?: readonly string[];
  readonly regionHolidays?: Readonly<Record<string, readonly string[]>>;
}

/** A calendar whose options were checked: plain data, so it travels in an accumulator state. */
export interface ResolvedCalendar {
  readonly timeZone: string;
  /** Open windows per weekday, Sunday = 0 … Saturday = 6, in minutes after local midnight. */
  readonly windows: readonly (readonly (readonly [number, number])[])[];
  readonly holidays: readonly string[];
  /** Region → its own holidays (sorted, each once); absent when there are none. */
  readonly regionHolidays?: Readonly<Record<string, readonly string[]>>;
}

const CALENDAR_OPTIONS = optionNames<CalendarOptions>({
  timeZone: true,
  hours: true,
  holidays: true,
  regionHolidays: true,
});
const WEEKDAYS: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DEFAULT_DAY = "09:00-17:00";
const WINDOW = /^([01][0-9]|2[0-3]):([0-5][0-9])-(?:([01][0-9]|2[0-3]):([0-5][0-9])|(24):(00))$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * True when `timeZone` is a zone the runtime knows (an IANA name such as `Europe/London`, or
 * `UTC`), asked through `@date-fns/tz`'s `tzOffset`, which is NaN for an unknown zone.
 *
 * @example
 * isKnownTimeZone("Europe/London") //=> true
 * isKnownTimeZone("Mars/Olympus") //=> false
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.length === 0 || timeZone.length > 64) return false;
  // A fixed offset ("+02:00") is not an IANA zone: refused so that DST is never silently lost.
  if (!/^[A-Za-z]/.test(timeZone)) return false;
  return !Number.isNaN(tzOffset(timeZone, new Date(0)));
}

/** True when `text` is a real local date `YYYY-MM-DD`. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== "string") return false;
  const match = DATE.exec(text);
  if (match === null) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseDay(text: string, path: readonly (string | number)[], issues: Issue[]) {
  const windows: [number, number][] = [];
  for (const part of text.split(",")) {
    const match = WINDOW.exec(part.trim());
    if (match === null) {
      issues.push({
        code: "invalid-option",
        message: `option ${path.join(".")}: "${part.trim()}" is not a window HH:MM-HH:MM (close ≤ 24:00)`,
        path,
      });
      return [];
    }
    const open = Number(match[1]) * 60 + Number(match[2]);
    const close = match[5] === "24" ? 1440 : Number(match[3]) * 60 + Number(match[4]);
    if (close <= open) {
      issues.push({
        code: "invalid-option",
        message: `option ${path.join(".")}: the window ${part.trim()} closes before it opens`,
        path,
      });
      return [];
    }
    windows.push([open, close]);
  }
  windows.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < windows.length; i++) {
    if ((windows[i] as [number, number])[0] < (windows[i - 1] as [number, number])[1]) {
      issues.push({
        code: "invalid-option",
        message: `option ${path.join(".")}: windows overlap`,
        path,
      });
      return [];
    }
  }
  return windows;
}

/**
 * Checks calendar options and resolves their defaults.
 *
 * @param fn - The public function, for messages.
 * @param options - The caller's calendar options (undefined = UTC, Mon–Fri 09:00–17:00).
 * @throws {ServqualError} `invalid-options`: an unknown key, a bad window, a bad holiday date
 * (`invalid-option`), or a zone the runtime does not know (`unknown-time-zone`).
 */
export function resolveCalendar(
  fn: string,
  options: CalendarOptions | undefined,
): ResolvedCalendar {
  checkOptionKeys(fn, options, CALENDAR_OPTIONS, "options.calendar");
  const issues: Issue[] = [];
  const timeZone = options?.timeZone ?? "UTC";
  if (!isKnownTimeZone(timeZone)) {
    issues.push({
      code: "unknown-time-zone",
      message: `option calendar.timeZone: "${String(timeZone)}" is not an IANA time zone this runtime knows (e.g. "Europe/London")`,
      path: ["calendar", "timeZone"],
    });
  }
  const hours = options?.hours;
  if (hours !== undefined && !isRecord(hours)) {
    throw invalidArgument(fn, "options.calendar.hours", "an object of weekday windows", hours);
  }
  if (hours !== undefined)
    checkOptionKeys(fn, hours, [...WEEKDAYS.slice(1), "sun"], "options.calendar.hours");
  const windows = WEEKDAYS.map((day, index) => {
    const text = hours === undefined ? (index >= 1 && index <= 5 ? DEFAULT_DAY : null) : hours[day];
    if (text === null || text === undefined || text === "") return [];
    if (typeof text !== "string") {
      issues.push({
        code: "invalid-option",
        message: `option calendar.hours.${day} must be a string or null`,
        path: ["calendar", "hours", day],
      });
      return [];
    }
    return parseDay(text, ["calendar", "hours", day], issues);
  });
  const holidays = options?.holidays ?? [];
  const regionHolidays = resolveRegionHolidays(fn, options?.regionHolidays, issues);
  if (!Array.isArray(holidays)) {
    issues.push({
      code: "invalid-option",
      message: "option calendar.holidays must be an array of dates YYYY-MM-DD",
      path: ["calendar", "holidays"],
    });
  } else {
    holidays.forEach((day, index) => {
      if (!isIsoDate(day)) {
        issues.push({
          code: "bad-date",
          message: `option calendar.holidays.${index}: ${JSON.stringify(day)} is not a date YYYY-MM-DD`,
          path: ["calendar", "holidays", index],
        });
      }
    });
  }
  if (issues.length > 0)
    throw new ServqualError(
      "invalid-options",
      `${fn}: the calendar options are not valid.`,
      issues,
    );
  return {
    timeZone,
    windows,
    holidays: [...new Set(holidays as string[])].sort(),
    ...(regionHolidays === null ? {} : { regionHolidays }),
  };
}

/** Checks `calendar.regionHolidays` (region → dates); null when absent or empty. */
function resolveRegionHolidays(
  fn: string,
  option: unknown,
  issues: Issue[],
): Record<string, readonly string[]> | null {
  if (option === undefined) return null;
  if (!isRecord(option))
    throw invalidArgument(
      fn,
      "options.calendar.regionHolidays",
      "an object of region name → dates YYYY-MM-DD",
      option,
    );
  const resolved: Record<string, readonly string[]> = {};
  for (const region of Object.keys(option).sort()) {
    const dates = option[region];
    if (region.trim() === "" || region.trim() !== region) {
      issues.push({
        code: "invalid-option",
        message: `option calendar.regionHolidays: ${JSON.stringify(region)} is not a region name (blank or padded)`,
        path: ["calendar", "regionHolidays", region],
      });
      continue;
    }
    if (!Array.isArray(dates)) {
      issues.push({
        code: "invalid-option",
        message: `option calendar.regionHolidays.${region} must be an array of dates YYYY-MM-DD`,
        path: ["calendar", "regionHolidays", region],
      });
      continue;
    }
    dates.forEach((day, index) => {
      if (!isIsoDate(day))
        issues.push({
          code: "bad-date",
          message: `option calendar.regionHolidays.${region}.${index}: ${JSON.stringify(day)} is not a date YYYY-MM-DD`,
          path: ["calendar", "regionHolidays", region, index],
        });
    });
    if (dates.length > 0) resolved[region] = [...new Set(dates as string[])].sort();
  }
  return Object.keys(resolved).length === 0 ? null : resolved;
}

/**
 * The calendar of the records of one region: the holidays of every region and the region's
 * own (`regionHolidays`), in the zone given (a record's own `time_zone`) or the calendar's.
 * Without regional holidays for the region it is the calendar itself (zone aside).
 *
 * @example
 * regionCalendar(resolveCalendar("f", { holidays: ["2024-12-25"],
 *   regionHolidays: { Scotland: ["2024-01-02"] } }), "Scotland", null).holidays
 * //=> ["2024-01-02", "2024-12-25"]
 */
export function regionCalendar(
  calendar: ResolvedCalendar,
  region: string | null,
  timeZone: string | null,
): ResolvedCalendar {
  const own = region === null ? undefined : calendar.regionHolidays?.[region];
  const zone = timeZone ?? calendar.timeZone;
  return {
    timeZone: zone,
    windows: calendar.windows,
    holidays:
      own === undefined ? calendar.holidays : [...new Set([...calendar.holidays, ...own])].sort(),
  };
}

/**
 * The day tables of a calendar's records, one per (time zone, region with its own holidays),
 * made when first asked for: what gap3 and gap4 measure each record's business time with.
 */
export class RecordCalendars {
  private readonly base: CalendarTable;
  private readonly calendar: ResolvedCalendar;
  private readonly byKey = new Map<string, CalendarTable>();

  constructor(calendar: ResolvedCalendar) {
    this.calendar = calendar;
    this.base = calendarTable(regionCalendar(calendar, null, null));
  }

  /** The table of a record of `region` (null: none) with its own `timeZone` (null: the calendar's). */
  tableOf(region: string | null, timeZone: string | null): CalendarTable {
    const zone = timeZone === this.calendar.timeZone ? null : timeZone;
    const regional =
      region !== null && this.calendar.regionHolidays?.[region] !== undefined ? region : null;
    if (zone === null && regional === null) return this.base;
    const key = `${zone ?? ""}\u0000${regional ?? ""}`;
    let table = this.byKey.get(key);
    if (table === undefined) {
      table = calendarTable(regionCalendar(this.calendar, regional, zone));
      this.byKey.set(key, table);
    }
    return table;
  }
}

/** A calendar period a record is grouped by, from its local creation date. */
export type Period = "day" | "week" | "month" | "quarter" | "year";

const PERIOD_FORMAT: Readonly<Record<Period, string>> = {
  day: "yyyy-MM-dd",
  week: "RRRR-'W'II",
  month: "yyyy-MM",
  quarter: "yyyy-'Q'Q",
  year: "yyyy",
};

/**
 * The day table of a calendar: for each local date, the instant of its midnight, its open
 * windows as instants and the business milliseconds before it (a prefix sum), so a business
 * duration between two instants is two look-ups: the open time before the later day minus the
 * one before the earlier, plus the two partial days. Each local midnight is an `@date-fns/tz`
 * `TZDate` (so time zones and DST changes are theirs); on a day that lasts 24 hours the open
 * and close instants are its midnight plus the window's minutes, and on a DST-change day (23
 * or 25 hours) each is its own `TZDate`. The table is built once per calendar for the days
 * asked for and grows on the side asked for, keeping the days it has.
 */
export class CalendarTable {
  readonly calendar: ResolvedCalendar;
  private readonly zone: string;
  private readonly holidaySet: Set<string>;
  private readonly slots: number;
  /** Wall-day number (days since 1970-01-01 of the local date) of index 0. */
  private base = 0;
  private count = 0;
  private starts = new Float64Array(0);
  /** Business ms before each day, from index 0 (index count: after the last day). */
  private before = new Float64Array(0);
  /** Open and close instants, `slots` pairs per day (NaN = unused). */
  private opens = new Float64Array(0);
  private dayKeys: string[] = [];
  private periodKeys = new Map<Period, (string | undefined)[]>();

  constructor(calendar: ResolvedCalendar) {
    this.calendar = calendar;
    this.zone = calendar.timeZone;
    this.holidaySet = new Set(calendar.holidays);
    this.slots = Math.max(1, ...calendar.windows.map((w) => w.length));
  }

  /** Makes the table cover wall days `from` … `to` (inclusive). */
  private cover(from: number, to: number): void {
    const last = this.base + this.count - 1;
    if (this.count > 0 && from >= this.base && to <= last) return;
    // A table grows on the side asked for, by at least its size (records in random date
    // order grow it O(log n) times); the days it has are kept, not built again.
    const grow = Math.max(30, this.count);
    const lo = this.count === 0 ? from - 7 : from < this.base ? from - grow : this.base;
    const hi = this.count === 0 ? to + 7 : to > last ? to + grow : last;
    const n = hi - lo + 1;
    const slots2 = this.slots * 2;
    const starts = new Float64Array(n + 1).fill(Number.NaN);
    const opens = new Float64Array(n * slots2).fill(Number.NaN);
    const keys: string[] = new Array(n);
    const shift = this.base - lo;
    if (this.count > 0) {
      starts.set(this.starts, shift);
      opens.set(this.opens, shift * slots2);
      for (let i = 0; i < this.count; i++) keys[shift + i] = this.dayKeys[i] as string;
      for (const [period, old] of this.periodKeys) {
        const moved: (string | undefined)[] = new Array(n);
        for (let i = 0; i < this.count; i++) moved[shift + i] = old[i];
        this.periodKeys.set(period, moved);
      }
    }
    for (let i = 0; i <= n; i++) {
      if (Number.isNaN(starts[i] as number)) starts[i] = this.midnight(lo + i);
    }
    for (let i = 0; i < n; i++) {
      if (keys[i] === undefined) this.buildDay(lo + i, i, starts, opens, keys);
    }
    const before = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      let open = 0;
      for (let w = 0; w < this.slots; w++) {
        const a = opens[i * slots2 + w * 2] as number;
        if (!Number.isNaN(a)) open += (opens[i * slots2 + w * 2 + 1] as number) - a;
      }
      before[i + 1] = (before[i] as number) + open;
    }
    this.base = lo;
    this.count = n;
    this.starts = starts;
    this.before = before;
    this.opens = opens;
    this.dayKeys = keys;
  }

  /** The instant local wall day `wall` begins (its midnight, or the first instant after a skipped one). */
  private midnight(wall: number): number {
    const utc = new Date(wall * DAY_MS);
    return new TZDate(
      utc.getUTCFullYear(),
      utc.getUTCMonth(),
      utc.getUTCDate(),
      this.zone,
    ).getTime();
  }

  /** Fills day `i` (wall day `wall`) of the arrays being built: its key and open windows. */
  private buildDay(
    wall: number,
    i: number,
    starts: Float64Array,
    opens: Float64Array,
    keys: string[],
  ): void {
    const key = new Date(wall * DAY_MS).toISOString().slice(0, 10);
    keys[i] = key;
    if (this.holidaySet.has(key)) return;
    // 1970-01-01 (wall day 0) was a Thursday (getDay 4).
    const windows = this.calendar.windows[(((wall + 4) % 7) + 7) % 7] ?? [];
    const start = starts[i] as number;
    const next = starts[i + 1] as number;
    const plain = next - start === DAY_MS;
    let at = i * this.slots * 2;
    for (const [open, close] of windows) {
      opens[at] = plain ? start + open * 60_000 : this.wallInstant(wall, open, next);
      opens[at + 1] = plain ? start + close * 60_000 : this.wallInstant(wall, close, next);
      at += 2;
    }
  }

  /** The instant of a local wall time on wall day `wall` (minutes after midnight; 1440 = `next`). */
  private wallInstant(wall: number, minutes: number, next: number): number {
    if (minutes >= 1440) return next;
    const utc = new Date(wall * DAY_MS);
    return new TZDate(
      utc.getUTCFullYear(),
      utc.getUTCMonth(),
      utc.getUTCDate(),
      Math.floor(minutes / 60),
      minutes % 60,
      this.zone,
    ).getTime();
  }

  /** Index of the local day holding instant `t`. */
  private indexOf(t: number): number {
    if (this.count === 0) {
      const wall = Math.floor(t / DAY_MS);
      this.cover(wall - 1, wall + 1);
    }
    let i = Math.floor((t - (this.starts[0] as number)) / DAY_MS);
    if (i < 1 || i >= this.count - 1) {
      const wall = this.base + i;
      this.cover(wall - 1, wall + 1);
      i = Math.floor((t - (this.starts[0] as number)) / DAY_MS);
    }
    while (t < (this.starts[i] as number)) i--;
    while (t >= (this.starts[i + 1] as number)) i++;
    return i;
  }

  /** Business milliseconds from the table's origin to instant `t` (only differences matter). */
  private businessAt(t: number): number {
    const i = this.indexOf(t);
    let ms = this.before[i] as number;
    const at0 = i * this.slots * 2;
    for (let w = 0; w < this.slots; w++) {
      const open = this.opens[at0 + w * 2] as number;
      if (Number.isNaN(open) || t <= open) continue;
      const close = this.opens[at0 + w * 2 + 1] as number;
      ms += Math.min(t, close) - open;
    }
    return ms;
  }

  /**
   * Business milliseconds between two instants: the open time of the calendar in [a, b]
   * (negative when b < a).
   */
  businessMs(a: number, b: number): number {
    // Both ends are placed first, so a table growth between them cannot shift the origin.
    this.indexOf(a);
    this.indexOf(b);
    return this.businessAt(b) - this.businessAt(a);
  }

  /** The local date `YYYY-MM-DD` of an instant. */
  localDate(t: number): string {
    const i = this.indexOf(t);
    return this.dayKeys[i] as string;
  }

  /** The period key of an instant: `2024-03` (month), `2024-W09`, `2024-Q1`, `2024`, a date. */
  periodOf(t: number, period: Period): string {
    const i = this.indexOf(t);
    let keys = this.periodKeys.get(period);
    if (keys === undefined) {
      keys = new Array(this.count);
      this.periodKeys.set(period, keys);
    }
    let key = keys[i];
    if (key === undefined) {
      key = format(new TZDate(this.starts[i] as number, this.zone), PERIOD_FORMAT[period]);
      keys[i] = key;
    }
    return key;
  }

  /**
   * The instant of a local wall time in the calendar's zone (a nonexistent or repeated wall
   * time on a DST change is resolved by `TZDate`).
   */
  localInstant(
    y: number,
    m: number,
    d: number,
    h: number,
    mi: number,
    s: number,
    ms: number,
  ): number {
    const wall = Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
    this.cover(wall, wall + 1);
    const i = wall - this.base;
    const start = this.starts[i] as number;
    const offsetMs = h * 3_600_000 + mi * 60_000 + s * 1000 + ms;
    if ((this.starts[i + 1] as number) - start === DAY_MS) return start + offsetMs;
    return new TZDate(y, m - 1, d, h, mi, s, ms, this.zone).getTime();
  }
}

const tables = new Map<string, CalendarTable>();

/** The (cached) day table of a resolved calendar. */
export function calendarTable(calendar: ResolvedCalendar): CalendarTable {
  const key = JSON.stringify(calendar);
  let table = tables.get(key);
  if (table === undefined) {
    if (tables.size > 64) tables.clear();
    table = new CalendarTable(calendar);
    tables.set(key, table);
  }
  return table;
}
