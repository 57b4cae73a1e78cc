import { TZDate } from "@date-fns/tz/date";
import { IssueLog } from "../_lib/issueLog";
import { type Notice, notice } from "../_lib/notice";
import {
  accumulateGaps,
  accumulateGapsByGroup,
  createGapAccumulator,
  type GapAccumulator,
} from "../gaps/gapAccumulator";
import type { Dataset } from "../responses/types";
import type { CellPlan } from "./cellPlan";
import { createPeriodIndexer, type PeriodIndexer, periodIndex } from "./periodIndexer";
import type { CalendarPeriod } from "./periodSpec";

/** One finest cell: its period slot (or −1 without periods), segment codes and accumulator. */
export interface FineCell {
  readonly slot: number;
  readonly segments: readonly number[];
  readonly accumulator: GapAccumulator;
  readonly rows: number;
}

/** What one pass over the rows gathers: the finest cells and the row accounting. */
export interface CollectedCells {
  readonly plan: CellPlan;
  /** Periods by slot − 1 (empty without periods). */
  readonly periods: readonly CalendarPeriod[];
  /** Per segment column, its labels by code (null = blank), in label order. */
  readonly labels: readonly (readonly (string | null)[])[];
  readonly cells: readonly FineCell[];
  readonly rowsIn: number;
  readonly rowsUndated: number;
  readonly rowsOutside: number;
  readonly log: IssueLog;
  readonly warnings: readonly Notice[];
}

const DAY = 86_400_000;

/** Up to this many labels a column's codes are found by a scan instead of a Map lookup. */
const FEW_LABELS = 16;

/**
 * A segment column's first-seen codes in the selection: per row its code (order of first
 * appearance) and the labels by code. A scan of the labels seen (a Map lookup beyond a few), skipped
 * when the row repeats the previous row's label.
 */
function rawSegmentCodes(
  values: readonly (string | null)[],
  selection: Int32Array | null,
  count: number,
): { labels: (string | null)[]; codes: Int32Array } {
  const first = new Map<string | null, number>();
  const labels: (string | null)[] = [];
  const codes = new Int32Array(count);
  let lastValue: string | null | undefined;
  let lastCode = -1;
  for (let i = 0; i < count; i++) {
    const value = values[selection === null ? i : (selection[i] as number)] ?? null;
    if (value !== lastValue || lastCode < 0) {
      // A few labels: a scan (string equality) beats hashing; many: the Map.
      let code = -1;
      if (labels.length <= FEW_LABELS) {
        for (let c = 0; c < labels.length; c++) {
          if (labels[c] === value) {
            code = c;
            break;
          }
        }
      } else code = first.get(value) ?? -1;
      if (code < 0) {
        code = labels.length;
        first.set(value, code);
        labels.push(value);
      }
      lastValue = value;
      lastCode = code;
    }
    codes[i] = lastCode;
  }
  return { labels, codes };
}

/** Labels in order (blank last) and, per first-seen code, the label's position in that order. */
function sortedLabels(raw: readonly (string | null)[]): {
  labels: (string | null)[];
  order: Int32Array;
} {
  const labels = [...raw].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const order = Int32Array.from(raw, (label) => labels.indexOf(label));
  return { labels, order };
}

/**
 * Places every selected row in its finest cell (period × each segment column) and fills one
 * gap accumulator per occupied cell in one pass over the answers (`accumulateGapsByGroup`).
 * Rows dated outside the window are left out (counted and named); undated rows go to the
 * undated period slot (counted and named); blank segments form a cell of their own (counted
 * and named).
 *
 * Placement reads the dates twice (the span of the dates, then each row's period from a UTC
 * day → period table) and each segment column once: one loop writes each row's cell id (cells
 * numbered in the order of their first row) from the period slot and the segment codes, mixed
 * radix, through a dense code → cell table.
 */
export function collectCells(dataset: Dataset, plan: CellPlan): CollectedCells {
  const selection = plan.rows;
  const count = selection === null ? dataset.n : selection.length;
  const rowAt = selection === null ? (i: number) => i : (i: number) => selection[i] as number;
  const log = new IssueLog({ issueLimit: plan.issueLimit, excludedLimit: plan.issueLimit });
  const warnings: Notice[] = [];
  const where = (r: number) => ({
    row: dataset.sourceRows[r] as number,
    id: dataset.ids[r] ?? null,
  });

  // Periods: the span of the dates in the window; undated and outside rows counted and named.
  let periods: readonly CalendarPeriod[] = [];
  let indexer: PeriodIndexer | null = null;
  let days: { from: number; table: Int32Array | null } = { from: 0, table: null };
  let rowsUndated = 0;
  let rowsOutside = 0;
  const spec = plan.period;
  const dates = spec === null ? null : (dataset.dates as Float64Array);
  // Finite bounds: an infinite date is never inside (it is undated, as NaN is).
  const windowFrom = Math.max(plan.from, -Number.MAX_VALUE);
  const windowTo = Math.min(plan.to, Number.MAX_VALUE);
  if (spec !== null && dates !== null) {
    let first = Infinity;
    let last = -Infinity;
    let allMidnight = true;
    for (let i = 0; i < count; i++) {
      const t = dates[selection === null ? i : (selection[i] as number)] as number;
      if (t >= windowFrom && t <= windowTo) {
        if (t < first) first = t;
        if (t > last) last = t;
        if (allMidnight && t % DAY !== 0) allMidnight = false;
      } else if (!Number.isFinite(t)) {
        rowsUndated += 1;
        const at = where(rowAt(i));
        log.record({
          code: "undated",
          message: "the respondent has no usable date; counted in the undated cell",
          row: at.row,
          column: "date",
        });
      } else {
        rowsOutside += 1;
        const at = where(rowAt(i));
        const message = `dated ${new Date(t).toISOString()}, outside the study window; left out of every cell`;
        log.record({ code: "outside-window", message, row: at.row, column: "date" });
        log.exclude({ ...at, reasons: [notice("outside-window", message)] });
      }
    }
    if (first <= last) {
      indexer = createPeriodIndexer(spec, first, last);
      periods = indexer.periods;
      days = dayTable(indexer, first, last);
      if (allMidnight && behindUtc(spec.timeZone, first)) {
        warnings.push(
          notice(
            "date-only-in-zone",
            `every date is at midnight UTC (a calendar date without a time), but the calendar is read in ${spec.timeZone}, behind UTC, where such an instant is the evening of the day before; give timestamps with their offset, or use timeZone "UTC" for calendar dates`,
          ),
        );
      }
    }
  }

  // Segments: a first-seen code per row and column.
  const raw = plan.segments.map((segment) => rawSegmentCodes(segment.values, selection, count));
  const columns = raw.map((column) => column.codes);

  // Each row's cell: mixed radix over (period slot, segment codes), occupied cells numbered in
  // the order of their first row, through a dense table when the cross is small, else a Map.
  const slotCount = spec === null ? 1 : periods.length + 1;
  const radix = raw.map((column) => Math.max(column.labels.length, 1));
  const codes = radix.reduce((a, b) => a * b, slotCount);
  const dense = codes <= 1 << 22 ? new Int32Array(codes).fill(-1) : null;
  const groupOfCode = new Map<number, number>();
  const keys: { slot: number; segments: number[] }[] = [];
  const groupOfRow = new Int32Array(count);
  const table = days.table;
  const dayFrom = days.from;
  const starts = indexer === null ? null : indexer.starts;
  const single = columns.length === 1 ? (columns[0] as Int32Array) : null;
  const singleRadix = radix[0] ?? 1;
  let previous = 0;
  for (let i = 0; i < count; i++) {
    // Slot: 0 = undated, p + 1 = period p; 0 for every row without periods.
    let slot = 0;
    if (dates !== null) {
      const t = dates[selection === null ? i : (selection[i] as number)] as number;
      if (t >= windowFrom && t <= windowTo) {
        let period = table === null ? -1 : (table[Math.floor((t - dayFrom) / DAY)] as number);
        if (period < 0) {
          // A day a period boundary cuts (local midnight in the zone): search, trying the
          // previous such row's period first.
          const s = starts as Float64Array;
          if (!(t >= (s[previous] as number) && t < (s[previous + 1] as number))) {
            previous = periodIndex(indexer as PeriodIndexer, t);
          }
          period = previous;
        }
        slot = period + 1;
      } else if (Number.isFinite(t)) {
        groupOfRow[i] = -1; // outside the window: left out
        continue;
      }
    }
    let code = slot;
    if (single !== null) code = code * singleRadix + (single[i] as number);
    else {
      for (let c = 0; c < columns.length; c++) {
        code = code * (radix[c] as number) + ((columns[c] as Int32Array)[i] as number);
      }
    }
    let group = dense === null ? (groupOfCode.get(code) ?? -1) : (dense[code] as number);
    if (group === -1) {
      group = keys.length;
      if (dense === null) groupOfCode.set(code, group);
      else dense[code] = group;
      keys.push({
        slot: spec === null ? -1 : slot,
        segments: columns.map((column) => column[i] as number),
      });
    }
    groupOfRow[i] = group;
  }
  const rowsPerGroup = new Int32Array(keys.length);
  for (let i = 0; i < count; i++) {
    const g = groupOfRow[i] as number;
    if (g >= 0) rowsPerGroup[g] = (rowsPerGroup[g] as number) + 1;
  }

  // Labels in order; blank labels counted and named, column by column.
  const labels: (string | null)[][] = [];
  raw.forEach((column, c) => {
    const { labels: names, order } = sortedLabels(column.labels);
    labels.push(names);
    for (const key of keys) key.segments[c] = order[key.segments[c] as number] as number;
    const blank = column.labels.indexOf(null);
    if (blank < 0) return;
    const segment = plan.segments[c] as CellPlan["segments"][number];
    const codesOfRow = column.codes;
    for (let i = 0; i < count; i++) {
      if (codesOfRow[i] === blank && groupOfRow[i] !== -1) {
        log.record({
          code: "blank-segment",
          message: `the ${segment.name} is blank; counted in a cell of its own`,
          row: where(rowAt(i)).row,
          column: segment.name,
        });
      }
    }
  });

  const accumulators = keys.map(() =>
    withoutHistograms(createGapAccumulator(dataset.instrument, "expectation", "perception")),
  );
  if (selection === null) {
    accumulateGapsByGroup(accumulators, dataset, groupOfRow);
  } else {
    // A selection may list a row twice (a resample): sort the selection itself by group.
    const offsets = new Int32Array(keys.length + 1);
    for (let i = 0; i < count; i++) {
      const g = groupOfRow[i] as number;
      if (g >= 0) offsets[g + 1] = (offsets[g + 1] as number) + 1;
    }
    for (let g = 0; g < keys.length; g++) {
      offsets[g + 1] = (offsets[g + 1] as number) + (offsets[g] as number);
    }
    const sorted = new Int32Array(offsets[keys.length] as number);
    const next = offsets.slice(0, keys.length);
    for (let i = 0; i < count; i++) {
      const g = groupOfRow[i] as number;
      if (g < 0) continue;
      sorted[next[g] as number] = selection[i] as number;
      next[g] = (next[g] as number) + 1;
    }
    accumulators.forEach((accumulator, g) => {
      const rows = sorted.subarray(offsets[g] as number, offsets[g + 1] as number);
      if (rows.length > 0) accumulateGaps(accumulator, dataset, rows);
    });
  }
  return {
    plan,
    periods,
    labels,
    cells: keys.map((key, g) => ({
      slot: key.slot,
      segments: key.segments,
      accumulator: accumulators[g] as GapAccumulator,
      rows: rowsPerGroup[g] as number,
    })),
    rowsIn: count,
    rowsUndated,
    rowsOutside,
    log,
    warnings,
  };
}

/** Days of a day table at most (longer spans search every date). */
const MAX_DAYS = 1 << 22;

/**
 * Per UTC day from the first date's day to the last's, the index of the period holding the
 * whole day, or −1 when a period starts within the day (local midnight of a zone not on UTC):
 * a date's period is then one lookup instead of a search.
 */
function dayTable(
  indexer: PeriodIndexer,
  first: number,
  last: number,
): { from: number; table: Int32Array | null } {
  const from = Math.floor(first / DAY) * DAY;
  const count = Math.floor((last - from) / DAY) + 1;
  if (count > MAX_DAYS) return { from, table: null };
  const table = new Int32Array(count);
  let period = 0;
  const starts = indexer.starts;
  for (let day = 0; day < count; day++) {
    const start = from + day * DAY;
    while (period + 1 < starts.length - 1 && (starts[period + 1] as number) <= start) period += 1;
    // The day [start, start + DAY) lies in period `period` when the next period starts later.
    const next = starts[period + 1] as number;
    table[day] = start >= (starts[period] as number) && start + DAY <= next ? period : -1;
  }
  return { from, table };
}

/**
 * A cell's figures (n, means, SD, t interval) and every analysis built on cells (trends,
 * seasons, comparisons from summaries) rest on the moments only, never on the exact-key
 * histograms of the signed-rank test: the cells keep none, which spares the pass a count per
 * respondent and the merges a map per figure. Signs (negative, zero) are still counted.
 */
function withoutHistograms(accumulator: GapAccumulator): GapAccumulator {
  for (const moments of [
    ...accumulator.items,
    ...accumulator.dimensions,
    accumulator.overallItemMean,
    accumulator.overallUnweighted,
    accumulator.weightedOwn,
  ]) {
    moments.histogram = null;
  }
  return accumulator;
}

/**
 * True when the zone is behind UTC at `at` or half a year later: there midnight UTC is the
 * evening of the day before (ahead of UTC it stays on the same day).
 */
function behindUtc(zone: string, at: number): boolean {
  if (zone === "UTC") return false;
  return (
    new TZDate(at, zone).getTimezoneOffset() > 0 ||
    new TZDate(at + 182 * DAY, zone).getTimezoneOffset() > 0
  );
}
