import { expectShape, invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { ServqualError } from "../_lib/ServqualError";
import {
  type CalendarOptions,
  type CalendarTable,
  type Period,
  RecordCalendars,
  type ResolvedCalendar,
  resolveCalendar,
} from "../operations/calendar";
import { type DeliveryColumns, isDeliveryColumns } from "../operations/deliveryColumns";
import type { DeliveryRecord } from "../operations/deliveryRecords";
import { resolveAsOf } from "../operations/deliveryRecords";
import {
  DELIVERY_METRICS,
  type DeliveryMetric,
  TIME_UNITS,
  type TimeUnit,
  unitMs,
} from "../operations/fields";
import type { ServiceStandard, StandardSet } from "../operations/standards";

/**
 * What the records of one standard in one period and region added up to: records seen,
 * evaluated records that met or missed the target, open records still within it (`pending`),
 * records the metric does not apply to (no promised-by time for `lateness`), open records
 * already past the target (`openMisses`, also counted in `missed`), and every miss size in the
 * standard's unit (an open miss counts with its size so far, a lower bound).
 */
export interface Gap3Cell {
  records: number;
  met: number;
  missed: number;
  pending: number;
  notApplicable: number;
  openMisses: number;
  misses: number[];
}

/**
 * The state of a streaming Gap 3 (plain data: it survives `structuredClone` and, through
 * `accumulatorToJson`, JSON): the standards and calendar it was made for, and one
 * {@link Gap3Cell} per measured standard, period and region.
 */
export interface Gap3Accumulator {
  readonly kind: "gap3-accumulator";
  readonly standards: readonly ServiceStandard[];
  readonly calendar: ResolvedCalendar;
  readonly period: Period;
  readonly asOf: number;
  /** Standard id → period → region → cell. */
  readonly cells: Record<string, Record<string, Record<string, Gap3Cell>>>;
  /** Records whose attribute has no measured standard, by attribute. */
  readonly withoutStandard: Record<string, number>;
  records: number;
}

/** Options of {@link createGap3Accumulator}. */
export interface Gap3AccumulatorOptions {
  /**
   * Time zone, business hours, holidays (default UTC, Mon–Fri 09:00–17:00) and regional
   * holidays (`regionHolidays`: a record of that region is closed on them too).
   */
  readonly calendar?: CalendarOptions;
  /** The period records are grouped by, from their local creation date (default `month`). */
  readonly period?: Period;
  /** Open records are measured up to this instant (default: now). */
  readonly asOf?: string | Date | number;
}

export const GAP3_ACCUMULATOR_OPTIONS = optionNames<Gap3AccumulatorOptions>({
  calendar: true,
  period: true,
  asOf: true,
});
const PERIODS: readonly Period[] = ["day", "week", "month", "quarter", "year"];
const STATE = {
  what: "a Gap3Accumulator (from createGap3Accumulator)",
  fields: { cells: "object", standards: "array", calendar: "object" },
} as const;
const NO_REGION = "(none)";

/** True when gap3 measures a standard from delivery records: a formal delivery metric with a time unit. */
export function isMeasured(standard: ServiceStandard): boolean {
  return (
    standard.formal &&
    standard.target !== null &&
    standard.direction !== null &&
    (DELIVERY_METRICS as readonly (string | null)[]).includes(standard.metric) &&
    (TIME_UNITS as readonly (string | null)[]).includes(standard.unit)
  );
}

/** Checks a StandardSet argument. */
export function expectStandards(fn: string, param: string, standards: unknown): StandardSet {
  if (
    !isRecord(standards) ||
    standards.kind !== "service-standards" ||
    !Array.isArray(standards.standards)
  ) {
    throw invalidArgument(
      fn,
      param,
      "a StandardSet (from validateStandards or readStandardsCsv)",
      standards,
    );
  }
  return standards as unknown as StandardSet;
}

/**
 * An empty Gap 3 state for a set of standards (step 1 of create → accumulate → merge →
 * finish). Only formal standards with a delivery metric (`first-response`, `resolution`,
 * `lateness`), a target, a time unit and a direction are measured.
 *
 * @param standards - From `validateStandards` or `readStandardsCsv`.
 * @param options - `calendar`, `period` (default `month`), `asOf` (default now).
 * @returns The empty state.
 * @throws {ServqualError} `invalid-argument`, `invalid-options`.
 * @example
 * const state = createGap3Accumulator(standards, { calendar: { timeZone: "Europe/London" } });
 */
export function createGap3Accumulator(
  standards: StandardSet,
  options?: Gap3AccumulatorOptions,
): Gap3Accumulator {
  const fn = "createGap3Accumulator";
  const set = expectStandards(fn, "standards", standards);
  checkOptionKeys(fn, options, GAP3_ACCUMULATOR_OPTIONS);
  const period = options?.period ?? "month";
  if (!PERIODS.includes(period)) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
      {
        code: "not-allowed",
        message: `option period: must be one of ${PERIODS.join(", ")}, not ${JSON.stringify(period)}`,
        path: ["period"],
      },
    ]);
  }
  return {
    kind: "gap3-accumulator",
    standards: set.standards,
    calendar: resolveCalendar(fn, options?.calendar),
    period,
    asOf: resolveAsOf(fn, options?.asOf),
    cells: Object.fromEntries(set.standards.filter(isMeasured).map((s) => [s.id, {}])),
    withoutStandard: {},
    records: 0,
  };
}

interface Plan {
  /** Attribute → measured standards. */
  readonly byAttribute: Map<string, ServiceStandard[]>;
  /** The day table of each record's zone and region (regional holidays). */
  readonly tables: RecordCalendars;
}

const plans = new WeakMap<Gap3Accumulator, Plan>();

function planOf(state: Gap3Accumulator): Plan {
  let plan = plans.get(state);
  if (plan === undefined) {
    const byAttribute = new Map<string, ServiceStandard[]>();
    for (const standard of state.standards) {
      if (!isMeasured(standard)) continue;
      const list = byAttribute.get(standard.attribute) ?? [];
      list.push(standard);
      byAttribute.set(standard.attribute, list);
    }
    plan = { byAttribute, tables: new RecordCalendars(state.calendar) };
    plans.set(state, plan);
  }
  return plan;
}

/** The entry of `key` in `map`, made first when absent. */
function child<T>(map: Record<string, T>, key: string, make: () => T): T {
  let value = map[key];
  if (value === undefined) {
    value = make();
    map[key] = value;
  }
  return value;
}

function emptyCell(): Gap3Cell {
  return { records: 0, met: 0, missed: 0, pending: 0, notApplicable: 0, openMisses: 0, misses: [] };
}

/**
 * A record's value for a metric in a unit: elapsed units subtract instants; business units
 * count the calendar's open time between them (see `businessHoursBetween`).
 */
export function measure(table: CalendarTable, unit: TimeUnit, from: number, to: number): number {
  const ms =
    unit === "business-hours" || unit === "business-minutes"
      ? table.businessMs(from, to)
      : to - from;
  return ms / unitMs(unit);
}

/**
 * Adds one record (its attribute, region, time zone and five instants, NaN where absent) to
 * the cells of its standards: the one body both the record and the columns path run.
 */
function addRecord(
  state: Gap3Accumulator,
  plan: Plan,
  attribute: string,
  regionName: string | null,
  timeZone: string | null,
  times: Float64Array,
): void {
  const { cells, period, asOf } = state;
  const standards = plan.byAttribute.get(attribute);
  state.records += 1;
  if (standards === undefined) {
    state.withoutStandard[attribute] = (state.withoutStandard[attribute] ?? 0) + 1;
    return;
  }
  const created = times[0] as number;
  const table = plan.tables.tableOf(regionName, timeZone);
  const key = table.periodOf(created, period);
  const region = regionName ?? NO_REGION;
  for (const standard of standards) {
    const byPeriod = cells[standard.id] as Record<string, Record<string, Gap3Cell>>;
    const byRegion = child(byPeriod, key, () => ({}));
    const cell = child(byRegion, region, emptyCell);
    cell.records += 1;
    const metric = standard.metric as DeliveryMetric;
    // first-response: created → first response; resolution: created → resolved; lateness:
    // promised-by → delivered.
    const from = metric === "lateness" ? (times[3] as number) : created;
    const to = times[metric === "first-response" ? 1 : metric === "resolution" ? 2 : 4] as number;
    if (Number.isNaN(from)) {
      cell.notApplicable += 1;
      continue;
    }
    const unit = standard.unit as TimeUnit;
    const target = standard.target as number;
    const lower = standard.direction === "lower-is-better";
    if (Number.isNaN(to)) {
      const sofar = measure(table, unit, from, Math.max(from, asOf));
      if (lower && sofar > target) {
        cell.missed += 1;
        cell.openMisses += 1;
        cell.misses.push(sofar - target);
      } else cell.pending += 1;
      continue;
    }
    const value = measure(table, unit, from, to);
    if (lower ? value <= target : value >= target) cell.met += 1;
    else {
      cell.missed += 1;
      cell.misses.push(lower ? value - target : target - value);
    }
  }
}

/**
 * Adds validated delivery records to a Gap 3 state (step 2): each record counts against every
 * measured standard of its attribute, in the cell of its period (local creation date) and
 * region. A closed record meets a lower-is-better target when value ≤ target (higher: value ≥
 * target) and misses by |value − target| otherwise; an open record is measured up to `asOf`:
 * a miss already when past a lower-is-better target, else pending. The records may be an array
 * of records or a `DeliveryColumns` batch (`readDeliveryRecordsCsv`'s `onColumns`): the same
 * records give the same state either way.
 *
 * @param state - From `createGap3Accumulator` (changed in place and returned).
 * @param records - Validated records (`validateDeliveryRecords`, `readDeliveryRecordsCsv`), or
 * a batch of them as columns.
 * @returns The state.
 * @throws {ServqualError} `invalid-argument`.
 * @example
 * accumulateGap3(state, set.records);
 */
export function accumulateGap3(
  state: Gap3Accumulator,
  records: readonly DeliveryRecord[] | DeliveryColumns,
): Gap3Accumulator {
  expectShape("accumulateGap3", "state", state, STATE);
  const plan = planOf(state);
  const times = new Float64Array(5);
  if (Array.isArray(records)) {
    for (const record of records as readonly DeliveryRecord[]) {
      times[0] = record.created;
      times[1] = record.firstResponse ?? Number.NaN;
      times[2] = record.resolved ?? Number.NaN;
      times[3] = record.promisedBy ?? Number.NaN;
      times[4] = record.delivered ?? Number.NaN;
      addRecord(state, plan, record.attribute, record.region, record.timeZone, times);
    }
    return state;
  }
  if (!isDeliveryColumns(records))
    throw invalidArgument(
      "accumulateGap3",
      "records",
      "an array of validated delivery records or a DeliveryColumns batch",
      records,
    );
  const { labels } = records;
  const label = (k: number) => (k < 0 ? null : (labels[k] as string));
  for (let i = 0; i < records.length; i++) {
    times[0] = records.created[i] as number;
    times[1] = records.firstResponse[i] as number;
    times[2] = records.resolved[i] as number;
    times[3] = records.promisedBy[i] as number;
    times[4] = records.delivered[i] as number;
    addRecord(
      state,
      plan,
      labels[records.attribute[i] as number] as string,
      label(records.region[i] as number),
      label(records.timeZone[i] as number),
      times,
    );
  }
  return state;
}

function addCell(into: Gap3Cell, from: Gap3Cell): void {
  into.records += from.records;
  into.met += from.met;
  into.missed += from.missed;
  into.pending += from.pending;
  into.notApplicable += from.notApplicable;
  into.openMisses += from.openMisses;
  for (const miss of from.misses) into.misses.push(miss);
}

/** A copy of a cell. */
export function copyCell(cell: Gap3Cell): Gap3Cell {
  const copy = emptyCell();
  addCell(copy, cell);
  return copy;
}

/** Adds `from` into `into` (cell by cell). */
export function addCells(into: Gap3Cell, from: Gap3Cell): void {
  addCell(into, from);
}

/**
 * Merges two Gap 3 states of the same standards, calendar, period and as-of time (step 3):
 * merging the states of two chunks equals one pass over both (miss sizes are kept, so medians
 * and p90s are exact).
 *
 * @returns A new state; the inputs are not changed.
 * @throws {ServqualError} `invalid-argument` when the states were made differently.
 * @example
 * const whole = mergeGap3Accumulators(first, second);
 */
export function mergeGap3Accumulators(a: Gap3Accumulator, b: Gap3Accumulator): Gap3Accumulator {
  const fn = "mergeGap3Accumulators";
  expectShape(fn, "a", a, STATE);
  expectShape(fn, "b", b, STATE);
  const setup = (s: Gap3Accumulator) =>
    JSON.stringify([
      s.standards.map((x) => [x.id, x.attribute, x.metric, x.target, x.unit, x.direction]),
      s.calendar,
      s.period,
      s.asOf,
    ]);
  if (setup(a) !== setup(b)) {
    throw invalidArgument(
      fn,
      "b",
      "a state made for the same standards, calendar, period and asOf as a",
      b,
    );
  }
  const cells: Record<string, Record<string, Record<string, Gap3Cell>>> = {};
  for (const state of [a, b]) {
    for (const [id, byPeriod] of Object.entries(state.cells)) {
      const into = child(cells, id, () => ({}));
      for (const [period, byRegion] of Object.entries(byPeriod)) {
        const periodInto = child(into, period, () => ({}));
        for (const [region, cell] of Object.entries(byRegion)) {
          const target = child(periodInto, region, emptyCell);
          addCell(target, cell);
        }
      }
    }
  }
  const withoutStandard: Record<string, number> = { ...a.withoutStandard };
  for (const [attribute, count] of Object.entries(b.withoutStandard)) {
    withoutStandard[attribute] = (withoutStandard[attribute] ?? 0) + count;
  }
  return { ...a, cells, withoutStandard, records: a.records + b.records };
}
