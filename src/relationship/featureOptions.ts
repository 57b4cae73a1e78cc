import { tz } from "@date-fns/tz/tz";
import { subDays } from "date-fns/subDays";
import { isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Issue, ServqualError } from "../_lib/ServqualError";
import type { FeatureOptions } from "./featureTypes";
import { timestampOf } from "./parseTimestamp";

/** The option names of {@link FeatureOptions}. */
export const FEATURE_OPTIONS = optionNames<FeatureOptions>({
  asOf: true,
  windows: true,
  trendDays: true,
  complaintDays: true,
  wallet: true,
  timeZone: true,
});

/** Feature options checked, with defaults (everything but the as-of date). */
export interface FeatureSettings {
  readonly windows: readonly number[];
  readonly trendDays: number;
  readonly complaintDays: number;
  /** Yearly spend by customer id (a map: any id, `__proto__` included, is an ordinary key). */
  readonly wallet: ReadonlyMap<string, number> | null;
  readonly timeZone: string;
}

/** The window starts of one as-of date (exclusive lower bounds, milliseconds). */
export interface Cutoffs {
  readonly asOf: number;
  readonly windows: Float64Array;
  readonly trendRecent: number;
  readonly trendEarlier: number;
  readonly complaintRecent: number;
  readonly complaintEarlier: number;
  readonly year: number;
}

function positiveDays(value: unknown, name: string, fallback: number, issues: Issue[]): number {
  if (value === undefined) return fallback;
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 1 && value <= 36_600) {
    return value;
  }
  issues.push({
    code: "invalid-option",
    message: `${name} must be a whole number of days from 1 to 36,600`,
    path: [name],
  });
  return fallback;
}

/** True when the name is an IANA time zone the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks the options of a feature computation (all but `asOf`, which the caller reads).
 *
 * @throws {ServqualError} `invalid-options`.
 */
export function resolveFeatureSettings(
  fn: string,
  options: unknown,
  allowed: readonly string[],
  issues: Issue[] = [],
): FeatureSettings {
  checkOptionKeys(fn, options, allowed);
  const o = (options ?? {}) as Partial<FeatureOptions>;
  let windows: number[] = [90, 365];
  if (o.windows !== undefined) {
    if (!Array.isArray(o.windows) || o.windows.length === 0) {
      issues.push({
        code: "invalid-option",
        message: "windows must be a non-empty array of days",
        path: ["windows"],
      });
    } else {
      windows = o.windows.map((days, i) => positiveDays(days, `windows.${i}`, 1, issues));
    }
  }
  const trendDays = positiveDays(o.trendDays, "trendDays", 180, issues);
  const complaintDays = positiveDays(o.complaintDays, "complaintDays", 90, issues);
  let wallet: Map<string, number> | null = null;
  if (o.wallet !== undefined) {
    if (!isRecord(o.wallet)) {
      issues.push({
        code: "invalid-option",
        message: "wallet must be an object of customer id → yearly spend",
        path: ["wallet"],
      });
    } else {
      wallet = new Map();
      for (const [id, spend] of Object.entries(o.wallet)) {
        if (typeof spend !== "number" || !Number.isFinite(spend) || spend <= 0) {
          issues.push({
            code: "invalid-option",
            message: `wallet.${id} must be a finite spend > 0`,
            path: ["wallet", id],
          });
        } else wallet.set(id, spend);
      }
    }
  }
  let timeZone = "UTC";
  if (o.timeZone !== undefined) {
    if (typeof o.timeZone !== "string" || !isTimeZone(o.timeZone)) {
      issues.push({
        code: "invalid-option",
        message: "timeZone must be an IANA time zone such as Europe/Berlin",
        path: ["timeZone"],
      });
    } else timeZone = o.timeZone;
  }
  if (issues.length > 0)
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, issues);
  return { windows, trendDays, complaintDays, wallet, timeZone };
}

/**
 * Reads a required date option.
 *
 * @throws {ServqualError} `invalid-options` when it is absent or not a timestamp.
 */
export function dateOption(fn: string, value: unknown, name: string): number {
  const time = timestampOf(value);
  if (Number.isNaN(time)) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
      {
        code: "invalid-option",
        message: `${name} must be an ISO 8601 timestamp, a Date or milliseconds${value === undefined ? " (it is required)" : ""}`,
        path: [name],
      },
    ]);
  }
  return time;
}

/**
 * The window starts of an as-of date: each `days` back on the calendar of the time zone
 * (date-fns `subDays`; in UTC exactly `days × 24 h`).
 */
export function cutoffsOf(asOf: number, settings: FeatureSettings): Cutoffs {
  const context = { in: tz(settings.timeZone) };
  const back = (days: number) => subDays(asOf, days, context).getTime();
  return {
    asOf,
    windows: Float64Array.from(settings.windows, back),
    trendRecent: back(settings.trendDays),
    trendEarlier: back(2 * settings.trendDays),
    complaintRecent: back(settings.complaintDays),
    complaintEarlier: back(2 * settings.complaintDays),
    year: back(365),
  };
}
