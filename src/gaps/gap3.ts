import { expectShape, invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import type { Interval } from "../_lib/interval";
import { interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { ServqualError } from "../_lib/ServqualError";
import type { Period, ResolvedCalendar } from "../operations/calendar";
import {
  type DeliveryRecordInput,
  type DeliverySet,
  validateDeliveryRecords,
} from "../operations/deliveryRecords";
import type { Direction, RecordReport } from "../operations/fields";
import type { StandardSet } from "../operations/standards";
import { checkLevel } from "../stats/checkOptions";
import { wilsonInterval } from "../stats/wilsonInterval";
import type { GapDimensionRow, GapEnvelope, GapItemRow } from "./envelope";
import {
  accumulateGap3,
  addCells,
  copyCell,
  createGap3Accumulator,
  expectStandards,
  type Gap3Accumulator,
  type Gap3AccumulatorOptions,
  type Gap3Cell,
  isMeasured,
} from "./gap3Accumulator";

/** Size of the misses of a standard, in its unit: how far the missed records were off target. */
export interface MissSizes {
  readonly n: number;
  /** Type-7 quantiles (as R's `quantile`), null without misses. */
  readonly median: number | null;
  readonly p90: number | null;
  readonly max: number | null;
}

/** Compliance of a group of records with one standard (or a pool of standards). */
export interface ComplianceFigures {
  /** Records counted (including pending and not applicable ones). */
  readonly records: number;
  /** Records with a verdict: met + missed. */
  readonly evaluated: number;
  readonly met: number;
  readonly missed: number;
  /** Open records still within the target at `asOf`: no verdict yet. */
  readonly pending: number;
  /** Records the metric does not apply to (e.g. no promised-by time for `lateness`). */
  readonly notApplicable: number;
  /** Open records already past the target (counted in `missed`, their size a lower bound). */
  readonly openMisses: number;
  /** met / evaluated; null when nothing was evaluated. */
  readonly compliance: number | null;
  /** Wilson interval of the compliance rate. */
  readonly ci: Interval;
  /** compliance − target share: negative = shortfall. */
  readonly gap: number | null;
}

/** One group (a period or a region) of a standard's records. */
export interface Gap3Group extends ComplianceFigures {
  /** `2024-03` (month), `2024-W09`, `2024-Q1`, `2024`, a date, or a region name (`(none)` when blank). */
  readonly group: string;
  readonly misses: MissSizes;
}

/** The Gap 3 row of one measured standard. */
export interface Gap3StandardRow extends GapItemRow, ComplianceFigures {
  readonly attribute: string;
  readonly metric: string;
  readonly target: number;
  readonly unit: string;
  readonly direction: Direction;
  readonly targetShare: number;
  readonly misses: MissSizes;
  readonly byPeriod: readonly Gap3Group[];
  readonly byRegion: readonly Gap3Group[];
  readonly warnings: readonly Notice[];
}

/** The Gap 3 row of a dimension: its standards' records pooled. */
export interface Gap3DimensionRow extends GapDimensionRow, ComplianceFigures {
  readonly standards: readonly string[];
  /** Target share weighted by evaluated records: Σ nᵢ·sᵢ / Σ nᵢ. */
  readonly targetShare: number | null;
}

/** Overall Gap 3: every measured standard pooled, and what could not be measured. */
export interface Gap3Overall extends ComplianceFigures {
  readonly targetShare: number | null;
  /** Records of attributes without a measured standard. */
  readonly withoutStandard: readonly { readonly attribute: string; readonly records: number }[];
  /** Formal standards gap3 cannot measure (no delivery metric, no target, not a time unit). */
  readonly notMeasured: readonly string[];
}

/** Gap 3 (delivery): service delivered vs the service standards, from delivery records. */
export interface Gap3Result extends GapEnvelope<Gap3StandardRow, Gap3DimensionRow, Gap3Overall> {
  readonly gap: 3;
  readonly design: "compliance";
  readonly level: number;
  readonly period: Period;
  readonly calendar: ResolvedCalendar;
  /** The as-of instant (ISO) open records were measured to. */
  readonly asOf: string;
  /** Records in, used and excluded (with the validation report when given). */
  readonly records: { readonly in: number; readonly used: number; readonly excluded: number };
  readonly report: RecordReport | null;
}

/** Options of {@link finishGap3}. */
export interface FinishGap3Options {
  /** Confidence level of the Wilson intervals (default 0.95). */
  readonly level?: number;
  /** The validation report of the records (its counts go into `records`). */
  readonly report?: RecordReport;
  /**
   * The holiday rows the calendar's holidays came from (`HolidaySet.holidays` of
   * `readHolidaysCsv`), so that the `unused-region-holidays` warning names their lines.
   */
  readonly holidayRows?: readonly HolidayRow[];
}

/** A row of a holiday file (as `readHolidaysCsv` keeps it): its date, region and place. */
export interface HolidayRow {
  readonly date: string;
  readonly region: string | null;
  readonly row: number;
  readonly line?: number;
}

/** Options of {@link gap3}. */
export interface Gap3Options extends Gap3AccumulatorOptions {
  readonly level?: number;
  /** As in {@link FinishGap3Options}. */
  readonly holidayRows?: readonly HolidayRow[];
}

const FINISH_OPTIONS = optionNames<FinishGap3Options>({
  level: true,
  report: true,
  holidayRows: true,
});
const GAP3_OPTIONS = optionNames<Gap3Options>({
  calendar: true,
  period: true,
  asOf: true,
  level: true,
  holidayRows: true,
});

/**
 * The `unused-region-holidays` warning of each region of `calendar.regionHolidays` that no
 * record measured against a standard carries (its holidays changed nothing: a misspelt or
 * missing region), naming the region, its dates and, with `holidayRows`, their rows.
 */
function unusedRegionHolidays(
  state: Gap3Accumulator,
  holidayRows: readonly HolidayRow[] | undefined,
): Notice[] {
  const byRegion = state.calendar?.regionHolidays;
  if (byRegion === undefined) return [];
  const seen = new Set<string>();
  for (const byPeriod of Object.values(state.cells))
    for (const byRegionCells of Object.values(byPeriod))
      for (const region of Object.keys(byRegionCells)) seen.add(region);
  const warnings: Notice[] = [];
  for (const [region, dates] of Object.entries(byRegion)) {
    if (seen.has(region)) continue;
    const rows = (holidayRows ?? []).filter((h) => h.region === region);
    const where =
      rows.length === 0
        ? dates.join(", ")
        : rows
            .map((h) => `${h.date} (row ${h.row}${h.line === undefined ? "" : `, line ${h.line}`})`)
            .join(", ");
    warnings.push(
      notice(
        "unused-region-holidays",
        `the regional holidays of "${region}" (${where}) apply to no record: no record measured against a standard has the region "${region}"`,
      ),
    );
  }
  return warnings;
}

function quantile7(sorted: Float64Array, p: number): number {
  const index = (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const h = index - lo;
  const a = sorted[lo] as number;
  return h > 0 ? (1 - h) * a + h * (sorted[lo + 1] as number) : a;
}

/** Median, p90 (type 7) and maximum of miss sizes. */
export function missSizes(misses: readonly number[]): MissSizes {
  if (misses.length === 0) return { n: 0, median: null, p90: null, max: null };
  const sorted = Float64Array.from(misses).sort();
  return {
    n: sorted.length,
    median: quantile7(sorted, 0.5),
    p90: quantile7(sorted, 0.9),
    max: sorted[sorted.length - 1] as number,
  };
}

/** Compliance figures of a cell against a target share. */
function figures(cell: Gap3Cell, targetShare: number | null, level: number): ComplianceFigures {
  const evaluated = cell.met + cell.missed;
  const wilson = wilsonInterval(cell.met, evaluated, level);
  const compliance = evaluated === 0 ? null : cell.met / evaluated;
  return {
    records: cell.records,
    evaluated,
    met: cell.met,
    missed: cell.missed,
    pending: cell.pending,
    notApplicable: cell.notApplicable,
    openMisses: cell.openMisses,
    compliance,
    ci: interval(level, wilson.lower, wilson.upper, "wilson"),
    gap: compliance === null || targetShare === null ? null : compliance - targetShare,
  };
}

function groups(entries: Map<string, Gap3Cell>, share: number, level: number): Gap3Group[] {
  return [...entries.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, cell]) => ({
      group,
      ...figures(cell, share, level),
      misses: missSizes(cell.misses),
    }));
}

function empty(): Gap3Cell {
  return { records: 0, met: 0, missed: 0, pending: 0, notApplicable: 0, openMisses: 0, misses: [] };
}

/**
 * Turns a Gap 3 state into the result (step 4). Per measured standard: compliance
 * p = met / evaluated with a Wilson interval, the gap p − s (s = the standard's target share;
 * negative = shortfall), miss sizes (median, p90, max in the standard's unit), by period and by
 * region. Per dimension and overall the records are pooled: p = Σ met / Σ evaluated and the gap
 * Σ nᵢ(pᵢ − sᵢ) / Σ nᵢ (nᵢ evaluated records of standard i), which is p − Σ nᵢsᵢ/Σ nᵢ.
 *
 * @param state - The accumulated state.
 * @param options - `level` (default 0.95), `report` (the records' validation report).
 * @returns The Gap 3 envelope.
 * @example
 * const result = finishGap3(state, { report });
 * result.items[0].compliance //=> 0.87
 */
export function finishGap3(state: Gap3Accumulator, options?: FinishGap3Options): Gap3Result {
  const fn = "finishGap3";
  expectShape(fn, "state", state, {
    what: "a Gap3Accumulator (from createGap3Accumulator)",
    fields: { cells: "object", standards: "array" },
  });
  checkOptionKeys(fn, options, FINISH_OPTIONS);
  const level = checkLevel(options?.level, fn);
  const report = options?.report;
  if (report !== undefined && !(isRecord(report) && typeof report.recordsIn === "number")) {
    throw invalidArgument(fn, "options.report", "a record report (DeliverySet.report)", report);
  }
  const items: Gap3StandardRow[] = [];
  const warnings: Notice[] = [];
  const dimensionCells = new Map<
    string,
    { cell: Gap3Cell; weighted: number; standards: string[] }
  >();
  const all = empty();
  let allWeighted = 0;
  for (const standard of state.standards) {
    if (!isMeasured(standard)) continue;
    const byPeriod = state.cells[standard.id] ?? {};
    const total = empty();
    const periods = new Map<string, Gap3Cell>();
    const regions = new Map<string, Gap3Cell>();
    for (const [period, byRegion] of Object.entries(byPeriod)) {
      for (const [region, cell] of Object.entries(byRegion)) {
        addCells(total, cell);
        const p = periods.get(period);
        if (p === undefined) periods.set(period, copyCell(cell));
        else addCells(p, cell);
        const r = regions.get(region);
        if (r === undefined) regions.set(region, copyCell(cell));
        else addCells(r, cell);
      }
    }
    const share = standard.targetShare;
    const rowWarnings: Notice[] = [];
    const fig = figures(total, share, level);
    if (fig.evaluated === 0)
      rowWarnings.push(
        notice("no-data", `standard ${standard.id}: no record was evaluated against it`),
      );
    if (total.pending > 0)
      rowWarnings.push(
        notice(
          "pending-records",
          `standard ${standard.id}: ${total.pending} open record(s) are still within the target and have no verdict yet`,
        ),
      );
    if (total.openMisses > 0)
      rowWarnings.push(
        notice(
          "open-misses",
          `standard ${standard.id}: ${total.openMisses} open record(s) are already past the target; their miss size is a lower bound`,
        ),
      );
    items.push({
      item: standard.id,
      label: standard.label,
      dimension: standard.dimension,
      attribute: standard.attribute,
      metric: standard.metric as string,
      target: standard.target as number,
      unit: standard.unit as string,
      direction: standard.direction as Direction,
      targetShare: share,
      ...fig,
      misses: missSizes(total.misses),
      byPeriod: groups(periods, share, level),
      byRegion: groups(regions, share, level),
      warnings: rowWarnings,
    });
    const dim = dimensionCells.get(standard.dimension) ?? {
      cell: empty(),
      weighted: 0,
      standards: [],
    };
    addCells(dim.cell, { ...total, misses: [] });
    dim.weighted += fig.evaluated * share;
    dim.standards.push(standard.id);
    dimensionCells.set(standard.dimension, dim);
    addCells(all, { ...total, misses: [] });
    allWeighted += fig.evaluated * share;
  }
  const pooled = (cell: Gap3Cell, weighted: number) => {
    const evaluated = cell.met + cell.missed;
    const targetShare = evaluated === 0 ? null : weighted / evaluated;
    return { ...figures(cell, targetShare, level), targetShare };
  };
  const dimensions: Gap3DimensionRow[] = [...dimensionCells.entries()].map(([dimension, d]) => ({
    dimension,
    label: dimension,
    standards: d.standards,
    ...pooled(d.cell, d.weighted),
  }));
  const withoutStandard = Object.entries(state.withoutStandard)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([attribute, records]) => ({ attribute, records }));
  if (withoutStandard.length > 0) {
    const n = withoutStandard.reduce((sum, w) => sum + w.records, 0);
    warnings.push(
      notice(
        "records-without-standard",
        `${n} record(s) of ${withoutStandard.length} attribute(s) have no measured standard: ${withoutStandard.map((w) => w.attribute).join(", ")}`,
      ),
    );
  }
  const notMeasured = state.standards.filter((s) => s.formal && !isMeasured(s)).map((s) => s.id);
  if (notMeasured.length > 0) {
    warnings.push(
      notice(
        "not-measured",
        `formal standard(s) without a delivery metric, target and time unit are not measured from records: ${notMeasured.join(", ")}`,
      ),
    );
  }
  if (items.length === 0)
    warnings.push(notice("no-data", "no standard can be measured from delivery records"));
  const holidayRows = options?.holidayRows;
  if (holidayRows !== undefined && !Array.isArray(holidayRows))
    throw invalidArgument(fn, "options.holidayRows", "an array of holiday rows", holidayRows);
  warnings.push(...unusedRegionHolidays(state, holidayRows));
  const used = state.records;
  return {
    gap: 3,
    name: "Gap 3: service delivered vs service standards",
    design: "compliance",
    unit: "share of records",
    sign: "compliance − target share; negative = shortfall",
    items,
    dimensions,
    overall: { ...pooled(all, allWeighted), withoutStandard, notMeasured },
    warnings,
    level,
    period: state.period,
    calendar: state.calendar,
    asOf: new Date(state.asOf).toISOString(),
    records:
      report === undefined
        ? { in: used, used, excluded: 0 }
        : { in: report.recordsIn, used: report.recordsUsed, excluded: report.recordsExcluded },
    report: report ?? null,
  };
}

/**
 * Gap 3 (delivery; Parasuraman, Zeithaml & Berry 1985): how far the service delivered meets
 * the service standards, from delivery records (tickets, deliveries, visits). Per measured
 * standard: compliance rate with a Wilson interval, the gap compliance − target share
 * (negative = shortfall), the size of misses (median and p90 in the standard's unit, e.g.
 * business hours over target), by period and region; records without a standard are listed.
 *
 * @param records - A `DeliverySet` (from `validateDeliveryRecords` or `readDeliveryRecordsCsv`;
 * its calendar and as-of time are used) or raw records (validated here against the standards).
 * @param standards - From `validateStandards` or `readStandardsCsv`.
 * @param options - `calendar`, `period`, `asOf` (raw records only), `level`, `holidayRows`
 * (the holiday file's rows, named by the `unused-region-holidays` warning).
 * @returns The Gap 3 envelope.
 * @throws {ServqualError} `invalid-argument`, `invalid-options` (`conflicting-options` when a
 * DeliverySet is given with its own calendar or asOf).
 * @example
 * const result = gap3(records, standards, { calendar: { timeZone: "Europe/London" }, asOf: "2024-12-31" });
 * result.items[0].compliance; result.items[0].misses.p90;
 */
export function gap3(
  records: DeliverySet | readonly DeliveryRecordInput[],
  standards: StandardSet,
  options?: Gap3Options,
): Gap3Result {
  const fn = "gap3";
  expectStandards(fn, "standards", standards);
  checkOptionKeys(fn, options, GAP3_OPTIONS);
  let set: DeliverySet;
  if (Array.isArray(records)) {
    set = validateDeliveryRecords(records as readonly DeliveryRecordInput[], {
      standards,
      ...(options?.calendar === undefined ? {} : { calendar: options.calendar }),
      ...(options?.asOf === undefined ? {} : { asOf: options.asOf }),
    });
  } else if (isRecord(records) && records.kind === "delivery-records") {
    set = records as DeliverySet;
    if (options?.calendar !== undefined || options?.asOf !== undefined) {
      throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
        {
          code: "conflicting-options",
          message:
            "a DeliverySet carries its calendar and asOf: give them to the validator, not to gap3",
          path: ["calendar"],
        },
      ]);
    }
  } else {
    throw invalidArgument(fn, "records", "a DeliverySet or an array of delivery records", records);
  }
  const state = createGap3Accumulator(standards, {
    calendar: {
      timeZone: set.calendar.timeZone,
      hours: hoursOf(set.calendar),
      holidays: set.calendar.holidays,
      ...(set.calendar.regionHolidays === undefined
        ? {}
        : { regionHolidays: set.calendar.regionHolidays }),
    },
    asOf: set.asOf,
    ...(options?.period === undefined ? {} : { period: options.period }),
  });
  accumulateGap3(state, set.records);
  return finishGap3(state, {
    report: set.report,
    ...(options?.level === undefined ? {} : { level: options.level }),
    ...(options?.holidayRows === undefined ? {} : { holidayRows: options.holidayRows }),
  });
}

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The hours option that resolves to a calendar's windows. */
export function hoursOf(calendar: ResolvedCalendar): Record<string, string | null> {
  const pad = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return Object.fromEntries(
    DAYS.map((day, index) => {
      const windows = calendar.windows[index] ?? [];
      return [
        day,
        windows.length === 0 ? null : windows.map(([a, b]) => `${pad(a)}-${pad(b)}`).join(","),
      ];
    }),
  );
}
