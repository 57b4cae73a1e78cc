import { TZDate } from "@date-fns/tz/date";
import { closestName } from "../_lib/closestName";
import { expectKind, invalidArgument, isRecord } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import { checkRows } from "../responses/rowSelection";
import type { Dataset, SegmentColumn } from "../responses/types";
import type { PeriodKind, PeriodOptions, PeriodSpec } from "./periodSpec";
import { resolvePeriod } from "./periodSpec";
import type { Seasons } from "./seasons";

/** Default smallest number of respondents behind a figure that is shown. */
export const DEFAULT_MINIMUM_N = 30;

/**
 * A study window: respondents dated before `from` or after `to` are left out of every cell
 * (each counted and named, code `outside-window`). A `yyyy-mm-dd` string is a whole local day
 * in the time zone of the call (both ends inclusive); a Date or epoch milliseconds is an
 * instant (inclusive).
 */
export interface StudyWindow {
  readonly from?: string | Date | number;
  readonly to?: string | Date | number;
}

/** The options every cell analysis shares (periods, segments, small cells, selection). */
export interface CellOptions {
  /** Group by calendar period (see periodOf); omit for segments only. */
  readonly period?: PeriodKind;
  /** Time zone of the calendar (default "UTC"). */
  readonly timeZone?: string;
  /** First month (1–12) of the fiscal year, with period "fiscal-year". */
  readonly fiscalYearStart?: number;
  /** Seasons, with period "season" (default "northern"). */
  readonly seasons?: Seasons;
  /** Segment columns of the dataset to group by (region, channel, branch, …). */
  readonly by?: readonly string[];
  /** Leave out respondents dated outside this window. */
  readonly window?: StudyWindow;
  /**
   * Figures resting on fewer respondents are suppressed (null with a `small-cell` notice);
   * default 30, at least 2.
   */
  readonly minimumN?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
  /** Respondents to analyse, as dataset rows (default all). */
  readonly rows?: Int32Array;
  /** How many issues and left-out rows are listed in full (default 1000; all are counted). */
  readonly issueLimit?: number;
}

/** Cell options checked and resolved. */
export interface CellPlan {
  readonly period: PeriodSpec | null;
  readonly segments: readonly SegmentColumn[];
  readonly from: number;
  readonly to: number;
  readonly minimumN: number;
  readonly level: number;
  readonly rows: Int32Array | null;
  readonly issueLimit: number;
}

/** The option names shared by the cell analyses. */
export const CELL_OPTION_NAMES = [
  "period",
  "timeZone",
  "fiscalYearStart",
  "seasons",
  "by",
  "window",
  "minimumN",
  "level",
  "rows",
  "issueLimit",
] as const;

/** Checks the level of a confidence interval or a test: 0 < level < 1. */
export function checkLevel(fn: string, level: unknown, param = "options.level"): number {
  if (level === undefined) return 0.95;
  if (typeof level !== "number" || !(level > 0 && level < 1)) {
    throw invalidArgument(fn, param, "a number between 0 and 1 (e.g. 0.95)", level);
  }
  return level;
}

/**
 * Checks the shared options against the dataset.
 *
 * @throws {ServqualError} `invalid-argument` for a bad option value; `invalid-input` with an
 *   `unknown-segment` issue for a segment column the dataset lacks, `no-dates` for periods on a
 *   dataset without dates.
 */
export function planCells(fn: string, dataset: Dataset, options: CellOptions): CellPlan {
  let period: PeriodSpec | null = null;
  if (options.period !== undefined) {
    const periodOptions: PeriodOptions = {
      period: options.period,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.fiscalYearStart === undefined
        ? {}
        : { fiscalYearStart: options.fiscalYearStart }),
      ...(options.seasons === undefined ? {} : { seasons: options.seasons }),
    };
    period = resolvePeriod(fn, periodOptions);
    if (dataset.dates === null) {
      throw new ServqualError("invalid-input", `${fn}: the dataset has no dates.`, [
        {
          code: "no-dates",
          message:
            "grouping by period needs a date per respondent: validate with a date column (options.columns.date, default `date`)",
          column: "date",
        },
      ]);
    }
  } else {
    for (const key of ["timeZone", "fiscalYearStart", "seasons", "window"] as const) {
      if (options[key] !== undefined) {
        throw invalidArgument(
          fn,
          `options.${key}`,
          "absent unless options.period is given",
          options[key],
        );
      }
    }
  }
  const by = options.by ?? [];
  if (!Array.isArray(by) || by.some((name) => typeof name !== "string")) {
    throw invalidArgument(fn, "options.by", "an array of segment column names", by);
  }
  if (new Set(by).size !== by.length) {
    throw invalidArgument(fn, "options.by", "distinct segment column names", by);
  }
  const available = dataset.segments.map((segment) => segment.name);
  const segments = by.map((name: string) => {
    const found = dataset.segments.find((segment) => segment.name === name);
    if (found !== undefined) return found;
    const closest = closestName(name, available);
    throw new ServqualError("invalid-input", `${fn}: unknown segment column "${name}".`, [
      {
        code: "unknown-segment",
        message:
          available.length === 0
            ? `the dataset has no segment columns; validate with options.columns.segments = ["${name}"]`
            : `"${name}" is not a segment column of the dataset (${available.join(", ")})${closest === null ? "" : `; did you mean "${closest}"?`}`,
        column: name,
        path: ["by"],
      },
    ]);
  });
  const minimumN = options.minimumN ?? DEFAULT_MINIMUM_N;
  if (typeof minimumN !== "number" || !Number.isInteger(minimumN) || minimumN < 2) {
    throw invalidArgument(fn, "options.minimumN", "a whole number ≥ 2", minimumN);
  }
  const issueLimit = options.issueLimit ?? 1000;
  if (typeof issueLimit !== "number" || !Number.isInteger(issueLimit) || issueLimit < 0) {
    throw invalidArgument(fn, "options.issueLimit", "a whole number ≥ 0", issueLimit);
  }
  const window = resolveWindow(fn, options.window, period);
  return {
    period,
    segments,
    from: window.from,
    to: window.to,
    minimumN,
    level: checkLevel(fn, options.level),
    rows: checkRows(fn, options.rows, dataset.n),
    issueLimit,
  };
}

function instantOf(fn: string, param: string, value: unknown, zone: string, end: boolean): number {
  if (value instanceof Date || typeof value === "number") {
    const time = value instanceof Date ? value.getTime() : value;
    if (Number.isFinite(time)) return time;
  } else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCMonth() === m - 1 && check.getUTCDate() === d) {
      // The first instant of the local day, or of the next one (an inclusive end).
      return new TZDate(y, m - 1, d + (end ? 1 : 0), zone).getTime() - (end ? 1 : 0);
    }
  }
  throw invalidArgument(fn, param, "a yyyy-mm-dd date, a Date or epoch milliseconds", value);
}

function resolveWindow(
  fn: string,
  window: StudyWindow | undefined,
  period: PeriodSpec | null,
): { from: number; to: number } {
  if (window === undefined) return { from: -Infinity, to: Infinity };
  if (!isRecord(window)) throw invalidArgument(fn, "options.window", "{ from?, to? }", window);
  for (const key of Object.keys(window)) {
    if (key !== "from" && key !== "to") {
      throw invalidArgument(
        fn,
        "options.window",
        "{ from?, to? }",
        window,
        ` (unknown key "${key}")`,
      );
    }
  }
  const zone = period?.timeZone ?? "UTC";
  const from =
    window.from === undefined
      ? -Infinity
      : instantOf(fn, "options.window.from", window.from, zone, false);
  const to =
    window.to === undefined ? Infinity : instantOf(fn, "options.window.to", window.to, zone, true);
  if (from > to) {
    throw invalidArgument(
      fn,
      "options.window",
      "a window whose start is not after its end",
      window,
    );
  }
  expectKind(fn, "options.window", window, "object", "{ from?, to? }");
  return { from, to };
}
