import { TZDate } from "@date-fns/tz/date";
import { checkOptionKeys, expectKind, invalidArgument } from "../_lib/guards";
import { IssueLog } from "../_lib/issueLog";
import { type Notice, notice } from "../_lib/notice";
import { checkLevel } from "../context/cellPlan";
import type { CollectedCells, FineCell } from "../context/collectCells";
import { finishGapCells, type GapCellsResult } from "../context/gapCells";
import { createPeriodIndexer, periodIndex } from "../context/periodIndexer";
import {
  PERIOD_KINDS,
  type PeriodKind,
  type PeriodSpec,
  resolvePeriod,
} from "../context/periodSpec";
import type { Seasons, SeasonTable } from "../context/seasons";
import type { Instrument } from "../instrument/types";
import type { SegmentColumn } from "../responses/types";
import { type GapSqlOptions, gapSqlPlan, numberScale, type SqlStatement } from "./gapSql";
import { buildGapPlan, type GapSqlPlan } from "./gapSqlPlan";
import {
  ISO_DATE_PREFIX_GRAMMAR,
  ISO_TIMESTAMP_GRAMMAR,
  isoDateSql,
  isoInstantSql,
} from "./isoTimestampSql";
import { quoteName } from "./quoteIdentifier";
import { readGapSqlRows, type SqlResultRow, type SqlValidationCounts } from "./readGapSqlRows";
import { DIALECTS } from "./sqlDialect";
import { SOURCE_OPTIONS } from "./sqlOptions";

/** The calendar periods the SQL cells group by. */
export type SqlPeriodKind = PeriodKind;

/** Options of {@link gapCellsSql}: the source, and the cells. */
export interface GapCellsSqlOptions extends Omit<GapSqlOptions, "groupBy" | "reliability"> {
  /** Group by calendar period of `date`; omit for segments only. */
  readonly period?: SqlPeriodKind;
  /** The date column (ISO `yyyy-mm-dd` text, a DATE, or text starting with the UTC date). */
  readonly date?: string;
  /**
   * IANA time zone of the calendar (default UTC), as in gapCells: the date is read as an
   * ISO 8601 instant (a date alone is UTC midnight) and placed on the local calendar by the
   * engine (`AT TIME ZONE`: PostgreSQL's time-zone database, DuckDB's ICU).
   */
  readonly timeZone?: string;
  /** First month (1–12) of the fiscal year, with `period: "fiscal-year"`. */
  readonly fiscalYearStart?: number;
  /** With `period: "season"`: `"northern"` (default), `"southern"` or a custom month map. */
  readonly seasons?: Seasons;
  /** Segment columns to group by (blank and NULL labels form a cell of their own). */
  readonly by?: readonly string[];
}

/** Options of {@link finishGapCellsSql}: those given to gapCellsSql, and the cell figures'. */
export interface FinishGapCellsSqlOptions extends GapCellsSqlOptions {
  /** Figures on fewer respondents are suppressed (default 30, at least 2). */
  readonly minimumN?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly level?: number;
}

/** The result of {@link finishGapCellsSql}: the cells, and the rows' validation counts. */
export interface GapCellsSqlResult {
  readonly cells: GapCellsResult;
  /** Summed over the finest cells: rows in = used + excluded. */
  readonly validation: SqlValidationCounts;
}

const PERIODS: readonly SqlPeriodKind[] = PERIOD_KINDS;
const DAY = 86_400_000;

/**
 * The period's ordinal in SQL from a DATE expression (the local day): consecutive periods,
 * consecutive numbers. Fiscal years are numbered by the year they start in; a season by the
 * month ordinal (12·Y + M − 1) of its first month.
 */
function ordinalSql(spec: PeriodSpec, d: string, bind: (value: number) => string): string {
  const year = `EXTRACT(YEAR FROM ${d})`;
  const month = `EXTRACT(MONTH FROM ${d})`;
  switch (spec.kind) {
    case "year":
      return year;
    case "month":
      return `${year} * 12 + ${month} - 1`;
    case "quarter":
      return `${year} * 4 + FLOOR((${month} - 1) / 3)`;
    case "fiscal-year":
      return `${year} - CASE WHEN ${month} < ${bind(spec.fiscalYearStart)} THEN 1 ELSE 0 END`;
    case "season": {
      const table = spec.seasons as SeasonTable;
      const since = table.startMonth
        .map((start, m) => `WHEN ${m + 1} THEN ${bind((m - start + 12) % 12)}`)
        .join(" ");
      return `${year} * 12 + ${month} - 1 - CASE ${month} ${since} END`;
    }
    default:
      // ISO weeks: 1970-01-01 is a Thursday, so day 3 of the epoch count is… the Monday after.
      return `FLOOR((${d} - DATE '1970-01-01' + 3) / 7)`;
  }
}

/** The first instant of the period with that ordinal: local midnight of its first day. */
function ordinalStart(spec: PeriodSpec, ordinal: number): number {
  const at = (year: number, month: number, day = 1) =>
    spec.timeZone === "UTC"
      ? Date.UTC(year, month, day)
      : new TZDate(year, month, day, spec.timeZone).getTime();
  const months = (o: number) => at(Math.floor(o / 12), o - 12 * Math.floor(o / 12));
  switch (spec.kind) {
    case "year":
      return at(ordinal, 0);
    case "month":
    case "season":
      return months(ordinal);
    case "quarter":
      return at(Math.floor(ordinal / 4), 3 * (ordinal - 4 * Math.floor(ordinal / 4)));
    case "fiscal-year":
      return at(ordinal, spec.fiscalYearStart - 1);
    default: {
      const monday = new Date((ordinal * 7 - 3) * DAY);
      return at(monday.getUTCFullYear(), monday.getUTCMonth(), monday.getUTCDate());
    }
  }
}

/** The cell options beyond the source's. */
const CELL_OPTIONS = ["period", "date", "by", "timeZone", "fiscalYearStart", "seasons"];

interface CellsPlan {
  readonly gap: GapSqlPlan;
  readonly period: PeriodSpec | null;
  readonly by: readonly string[];
}

function cellsPlan(
  fn: string,
  instrument: Instrument,
  options: GapCellsSqlOptions,
  extraKeys: readonly string[] = [],
): CellsPlan {
  expectKind(fn, "options", options, "object", "the options { table, dialect, … }");
  checkOptionKeys(fn, options, [...SOURCE_OPTIONS, ...CELL_OPTIONS, ...extraKeys]);
  const { period, date, by, timeZone, fiscalYearStart, seasons, ...withExtras } = options;
  const rest = Object.fromEntries(
    Object.entries(withExtras).filter(([key]) => !extraKeys.includes(key)),
  ) as Omit<GapSqlOptions, "groupBy" | "reliability">;
  if (period !== undefined && !PERIODS.includes(period)) {
    throw invalidArgument(fn, "period", PERIODS.join(", "), period);
  }
  if ((period === undefined) !== (date === undefined)) {
    throw invalidArgument(fn, "date", "a date column with period, and none without", date);
  }
  if (period === undefined) {
    for (const [key, value] of Object.entries({ timeZone, fiscalYearStart, seasons })) {
      if (value !== undefined) throw invalidArgument(fn, key, "absent without period", value);
    }
  }
  const spec =
    period === undefined
      ? null
      : resolvePeriod(fn, {
          period,
          ...(timeZone === undefined ? {} : { timeZone }),
          ...(fiscalYearStart === undefined ? {} : { fiscalYearStart }),
          ...(seasons === undefined ? {} : { seasons }),
        });
  for (const key of ["groupBy", "reliability"]) {
    if (key in options) throw invalidArgument(fn, key, "no such option here (use by)", key);
  }
  const segments = by ?? [];
  if (!Array.isArray(segments)) throw invalidArgument(fn, "by", "an array of column names", by);
  // The statement of gapSql, grouped by the period ordinal and the trimmed segment labels.
  const source = gapSqlPlan(fn, instrument, { ...rest, reliability: false }).source;
  const rules = DIALECTS[source.dialect];
  const whereValues = [...source.whereValues];
  const groupBy: { quoted: string; name: string }[] = [];
  if (spec !== null) {
    const column = quoteName(fn, "date", date);
    const bindText = (value: string) => {
      whereValues.push(value);
      return `CAST(${rules.parameter(whereValues.length)} AS VARCHAR)`;
    };
    const bindInteger = (value: number) => {
      whereValues.push(value);
      return `CAST(${rules.parameter(whereValues.length)} AS INTEGER)`;
    };
    const text = `TRIM(CAST(${column} AS VARCHAR))`;
    const cast = source.dialect === "duckdb" ? "TRY_CAST" : "CAST";
    if (spec.timeZone === "UTC") {
      // The UTC day at the start of the text; an impossible day (2024-13-45) is undated.
      const valid = isoDateSql(text, source.dialect, bindText(ISO_DATE_PREFIX_GRAMMAR));
      const day = `${cast}(SUBSTRING(${text}, 1, 10) AS DATE)`;
      groupBy.push({
        quoted: `CASE WHEN ${valid} THEN CAST(${ordinalSql(spec, day, bindInteger)} AS INTEGER) END`,
        name: "period",
      });
    } else {
      // The instant (NULL when not ISO 8601), then its local day in the zone.
      const instant = isoInstantSql(text, source.dialect, bindText(ISO_TIMESTAMP_GRAMMAR));
      const zone = bindText(spec.timeZone);
      const day = `CAST(TO_TIMESTAMP((${instant}) / 1000.0) AT TIME ZONE ${zone} AS DATE)`;
      // 2 × ordinal + 1 when the instant is midnight UTC (a calendar date alone): gapCells
      // warns when every date is one and the zone is behind UTC (date-only-in-zone).
      const midnight = `CASE WHEN (${instant}) - FLOOR((${instant}) / ${DAY}) * ${DAY} = 0 THEN 1 ELSE 0 END`;
      groupBy.push({
        quoted: `CAST(${ordinalSql(spec, day, bindInteger)} AS INTEGER) * 2 + ${midnight}`,
        name: "period",
      });
    }
  }
  segments.forEach((name: unknown, i: number) => {
    const column = quoteName(fn, `by.${i}`, name);
    groupBy.push({ quoted: `NULLIF(TRIM(CAST(${column} AS VARCHAR)), '')`, name: name as string });
  });
  const gap = buildGapPlan(
    {
      instrument,
      required: "expectation",
      delivered: "perception",
      reliability: false,
      unweightedScale: numberScale(fn, instrument),
    },
    { ...source, whereValues, groupBy },
  );
  return { gap, period: spec, by: segments };
}

/**
 * Writes one SQL statement that computes, inside the database, the finest cells of
 * {@link gapCells}: per calendar period (ISO week, month, quarter or year of the date column,
 * in UTC or the local calendar of `timeZone`, fiscal year or season, computed by the engine) × segment label (each `by` column, trimmed; blank is a label
 * of its own), the Gap 5 accumulator state (the sums and exact keys of `gapSql`) and the
 * validation counts. {@link finishGapCellsSql} merges the finest cells into every level (total,
 * period, segment, period × segment, crossed) and finishes them with the code `gapCells` uses,
 * so the figures are the ones `gapCells` gives on the same respondents.
 *
 * Period ordinals (computed in SQL from the date d): year = Y; month = 12·Y + M − 1; quarter =
 * 4·Y + ⌊(M − 1)/3⌋; ISO week = ⌊(d − 1970-01-01 + 3)/7⌋ (weeks from Monday 1969-12-29);
 * fiscal year = Y − [M < fiscalYearStart]; season = 12·Y + M − 1 − months since the season
 * began. In UTC d is the `yyyy-mm-dd` the text starts with; with `timeZone` it is the local day
 * (`AT TIME ZONE`) of the ISO 8601 instant. The period keys (`2024-03`, `2024-Q1`, `2024-W09`,
 * `FY2024/25`, `2023/24-winter`) are made from the ordinals by the library's calendar. Rows
 * whose date is missing, not ISO 8601 or an impossible day (`2024-13-45`) go to the undated
 * cell: every cast is guarded, none can fail the statement.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1988) for the gap; docs/sql.md and docs/context.md.
 *
 * @param instrument - An expectation–perception instrument.
 * @param options - The source options of `gapSql` (without `groupBy`), `period`, `date`, `by`,
 *   `timeZone`, `fiscalYearStart`, `seasons`.
 * @returns `{ dialect, text, parameters }`.
 * @throws {ServqualError} `invalid-argument` for a bad option.
 * @example
 * const { text, parameters } = gapCellsSql(instruments.servqual22, { table: "survey", dialect: "duckdb", period: "month", date: "date", by: ["region"] });
 */
export function gapCellsSql(instrument: Instrument, options: GapCellsSqlOptions): SqlStatement {
  const plan = cellsPlan("gapCellsSql", instrument, options);
  return { dialect: plan.gap.source.dialect, text: plan.gap.text, parameters: plan.gap.parameters };
}

/**
 * gapCells' `date-only-in-zone` warning: every dated respondent is at midnight UTC (a date
 * alone) while the calendar's zone is behind UTC, where that instant is the evening before.
 */
function zonedWarnings(
  spec: PeriodSpec | null,
  periods: readonly unknown[],
  starts: readonly number[],
): Notice[] {
  if (spec === null || spec.timeZone === "UTC" || starts.length === 0) return [];
  const dated = periods.filter((p): p is number => typeof p === "number");
  if (dated.length === 0 || dated.some((p) => p % 2 !== 1)) return [];
  const first = Math.min(...starts);
  const behind = [first, first + 182 * DAY].some(
    (at) => new TZDate(at, spec.timeZone).getTimezoneOffset() > 0,
  );
  if (!behind) return [];
  return [
    notice(
      "date-only-in-zone",
      `every date is at midnight UTC (a calendar date without a time), but the calendar is read in ${spec.timeZone}, behind UTC, where such an instant is the evening of the day before; give timestamps with their offset, or use timeZone "UTC" for calendar dates`,
    ),
  ];
}

/** Sorts labels as gapCells does: text order, blank (null) last. */
function sortLabels(labels: Iterable<string | null>): (string | null)[] {
  return [...labels].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
}

/**
 * Finishes the rows of a {@link gapCellsSql} statement into the result of `gapCells`: the
 * finest cells' accumulators are merged into every level and finished with the same code. The
 * issues are counted (`undated`, `blank-segment`), not listed by row (the rows stay in the
 * database).
 *
 * @param rows - The result set, as objects.
 * @param instrument - The instrument given to gapCellsSql.
 * @param options - The options given to gapCellsSql, `minimumN` and `level`.
 * @returns The cells and the summed validation counts.
 * @throws {ServqualError} `invalid-input` (`bad-sql-result`) when the rows are not the
 *   statement's; `invalid-argument` for bad options.
 * @example
 * const { cells } = finishGapCellsSql(rows, instruments.servqual22, { table: "survey", dialect: "duckdb", period: "month", date: "date" });
 * cells.cells.filter((c) => c.level === "period").map((c) => [c.period?.key, c.overall.gap]);
 */
export function finishGapCellsSql(
  rows: readonly SqlResultRow[],
  instrument: Instrument,
  options: FinishGapCellsSqlOptions,
): GapCellsSqlResult {
  const fn = "finishGapCellsSql";
  expectKind(fn, "rows", rows, "array", "the rows of the gapCellsSql statement");
  const { minimumN: minimumOption, level: levelOption } = options;
  const plan = cellsPlan(fn, instrument, options, ["minimumN", "level"]);
  const level = checkLevel(fn, levelOption);
  const minimumN = minimumOption ?? 30;
  if (typeof minimumN !== "number" || !Number.isInteger(minimumN) || minimumN < 2) {
    throw invalidArgument(fn, "minimumN", "a whole number ≥ 2", minimumN);
  }
  const names = plan.gap.source.groupBy.map((g) => g.name);
  const states = readGapSqlRows(
    rows,
    instrument,
    plan.gap.layout,
    names,
    "expectation",
    "perception",
    plan.gap.source.missingPolicy,
  );
  // Validation counts of every row; the cells hold the used rows only.
  const total = {
    rowsIn: 0,
    rowsUsed: 0,
    rowsExcluded: 0,
    blank: 0,
    notApplicable: 0,
    exclusionCounts: {} as Record<string, number>,
    issueCounts: {} as Record<string, number>,
    rejectedAnswers: [] as { column: string; code: string; count: number }[],
  };
  const rejected = new Map<string, { column: string; code: string; count: number }>();
  for (const { validation: v } of states) {
    total.rowsIn += v.rowsIn;
    total.rowsUsed += v.rowsUsed;
    total.rowsExcluded += v.rowsExcluded;
    total.blank += v.blank;
    total.notApplicable += v.notApplicable;
    for (const [code, n] of Object.entries(v.exclusionCounts)) {
      total.exclusionCounts[code] = (total.exclusionCounts[code] ?? 0) + n;
    }
    for (const [code, n] of Object.entries(v.issueCounts)) {
      total.issueCounts[code] = (total.issueCounts[code] ?? 0) + n;
    }
    for (const r of v.rejectedAnswers) {
      const key = `${r.column}\u0000${r.code}`;
      const entry = rejected.get(key);
      if (entry === undefined) rejected.set(key, { ...r });
      else entry.count += r.count;
    }
  }
  total.rejectedAnswers = [...rejected.values()];
  const used = states.filter((state) => state.validation.rowsUsed > 0);

  const hasPeriod = plan.period !== null;
  const spec = plan.period;
  // In a zone, the period column is 2 × ordinal + (1 when the date is midnight UTC).
  const zoned = spec !== null && spec.timeZone !== "UTC";
  const ordinalOf = (value: unknown): number | null =>
    typeof value !== "number" ? null : zoned ? Math.floor(value / 2) : value;
  const segmentNames = plan.by;
  const offset = hasPeriod ? 1 : 0;
  const labels = segmentNames.map((_, c) =>
    sortLabels(new Set(used.map((s) => s.group[names[c + offset] as string] as string | null))),
  );
  const starts = used
    .map((s) => (hasPeriod ? ordinalOf(s.group.period) : null))
    .filter((o): o is number => typeof o === "number")
    .map((o) => ordinalStart(spec as PeriodSpec, o));
  const indexer =
    spec !== null && starts.length > 0
      ? createPeriodIndexer(spec, Math.min(...starts), Math.max(...starts))
      : null;
  const log = new IssueLog({ issueLimit: 0, excludedLimit: 0 });
  let rowsUndated = 0;
  const blankRows = segmentNames.map(() => 0);
  const cells: FineCell[] = used.map((state) => {
    const ordinal = hasPeriod ? ordinalOf(state.group.period) : null;
    let slot = -1;
    if (hasPeriod) {
      if (typeof ordinal === "number" && indexer !== null) {
        slot = periodIndex(indexer, ordinalStart(spec as PeriodSpec, ordinal)) + 1;
      } else {
        slot = 0;
        rowsUndated += state.validation.rowsUsed;
      }
    }
    const segments = segmentNames.map((_, c) => {
      const label = state.group[names[c + offset] as string] as string | null;
      if (label === null) blankRows[c] = (blankRows[c] as number) + state.validation.rowsUsed;
      return (labels[c] as (string | null)[]).indexOf(label);
    });
    return { slot, segments, accumulator: state.gaps, rows: state.validation.rowsUsed };
  });
  for (let i = 0; i < rowsUndated; i++) {
    log.record({ code: "undated", message: "the respondent has no usable date" });
  }
  segmentNames.forEach((name, c) => {
    for (let i = 0; i < (blankRows[c] as number); i++) {
      log.record({ code: "blank-segment", message: `the ${name} is blank`, column: name });
    }
  });
  const collected: CollectedCells = {
    plan: {
      period: spec,
      segments: segmentNames.map((name): SegmentColumn => ({ name, values: [] })),
      from: Number.NEGATIVE_INFINITY,
      to: Number.POSITIVE_INFINITY,
      minimumN,
      level,
      rows: null,
      issueLimit: 0,
    },
    periods: indexer === null ? [] : indexer.periods,
    labels,
    cells,
    rowsIn: total.rowsUsed,
    rowsUndated,
    rowsOutside: 0,
    log,
    warnings: zonedWarnings(
      spec,
      used.map((state) => state.group.period),
      starts,
    ),
  };
  return { cells: finishGapCells(collected, { instrument }), validation: total };
}
