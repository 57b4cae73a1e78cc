import { TZDate } from "@date-fns/tz";
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

/** CalendarPeriod slot of a row: 0 = undated, i + 1 = indexer period i. */
const UNDATED = 0;

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

/** Labels of a segment column in the selection, sorted (blank last), with each row's code. */
function segmentCodes(
  values: readonly (string | null)[],
  rowAt: (i: number) => number,
  count: number,
): { labels: (string | null)[]; codes: Int32Array } {
  const first = new Map<string | null, number>();
  const raw = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const value = values[rowAt(i)] ?? null;
    let code = first.get(value);
    if (code === undefined) {
      code = first.size;
      first.set(value, code);
    }
    raw[i] = code;
  }
  const labels = [...first.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const order = new Int32Array(first.size);
  for (const [label, code] of first) order[code] = labels.indexOf(label);
  for (let i = 0; i < count; i++) raw[i] = order[raw[i] as number] as number;
  return { labels, codes: raw };
}

/**
 * Places every selected row in its finest cell (period × each segment column) and fills one
 * gap accumulator per occupied cell in one pass over the answers (`accumulateGapsByGroup`).
 * Rows dated outside the window are left out (counted and named); undated rows go to the
 * undated period slot (counted and named); blank segments form a cell of their own (counted
 * and named).
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

  // Periods: a slot per row from a binary search over the period boundaries.
  const slots = new Int32Array(count);
  let periods: readonly CalendarPeriod[] = [];
  let rowsUndated = 0;
  let rowsOutside = 0;
  const spec = plan.period;
  if (spec !== null) {
    const dates = dataset.dates as Float64Array;
    let first = Infinity;
    let last = -Infinity;
    let allMidnight = true;
    for (let i = 0; i < count; i++) {
      const t = dates[rowAt(i)] as number;
      if (!Number.isFinite(t)) {
        slots[i] = UNDATED;
        rowsUndated += 1;
        const at = where(rowAt(i));
        log.record({
          code: "undated",
          message: "the respondent has no usable date; counted in the undated cell",
          row: at.row,
          column: "date",
        });
      } else if (t < plan.from || t > plan.to) {
        slots[i] = -1;
        rowsOutside += 1;
        const at = where(rowAt(i));
        const message = `dated ${new Date(t).toISOString()}, outside the study window; left out of every cell`;
        log.record({ code: "outside-window", message, row: at.row, column: "date" });
        log.exclude({ ...at, reasons: [notice("outside-window", message)] });
      } else {
        slots[i] = 1;
        if (t < first) first = t;
        if (t > last) last = t;
        if (allMidnight && t % DAY !== 0) allMidnight = false;
      }
    }
    if (first <= last) {
      const indexer: PeriodIndexer = createPeriodIndexer(spec, first, last);
      periods = indexer.periods;
      // Each UTC day inside one period is looked up; a day a period boundary cuts (local
      // midnight in the zone) is searched, trying the previous row's period first.
      const days = dayTable(indexer, first, last);
      const starts = indexer.starts;
      let previous = 0;
      for (let i = 0; i < count; i++) {
        if (slots[i] !== 1) continue;
        const t = dates[selection === null ? i : (selection[i] as number)] as number;
        const day = Math.floor((t - days.from) / DAY);
        let period = days.table === null ? -1 : (days.table[day] as number);
        if (period < 0) {
          if (!(t >= (starts[previous] as number) && t < (starts[previous + 1] as number))) {
            previous = periodIndex(indexer, t);
          }
          period = previous;
        }
        slots[i] = period + 1;
      }
      if (allMidnight && behindUtc(spec.timeZone, first)) {
        warnings.push(
          notice(
            "date-only-in-zone",
            `every date is at midnight UTC (a calendar date without a time), but the calendar is read in ${spec.timeZone}, behind UTC, where such an instant is the evening of the day before; give timestamps with their offset, or use timeZone "UTC" for calendar dates`,
          ),
        );
      }
    }
  } else {
    slots.fill(-2); // no period grouping: every row in
  }

  // Segments: a code per row and column; blank labels are counted and named.
  const labels: (string | null)[][] = [];
  const segmentColumns: Int32Array[] = [];
  for (const segment of plan.segments) {
    const { labels: names, codes } = segmentCodes(segment.values, rowAt, count);
    labels.push(names);
    segmentColumns.push(codes);
    const blank = names.indexOf(null);
    if (blank >= 0) {
      for (let i = 0; i < count; i++) {
        if (codes[i] === blank && slots[i] !== -1) {
          log.record({
            code: "blank-segment",
            message: `the ${segment.name} is blank; counted in a cell of its own`,
            row: where(rowAt(i)).row,
            column: segment.name,
          });
        }
      }
    }
  }

  // Finest cell code: mixed radix over (period slot, segment codes); occupied cells numbered.
  const slotCount = spec === null ? 1 : periods.length + 1;
  const radix = [slotCount, ...labels.map((names) => Math.max(names.length, 1))];
  const codes = radix.reduce((a, b) => a * b, 1);
  // Occupied cells numbered through a dense table when the cross is small, else a Map.
  const dense = codes <= 1 << 22 ? new Int32Array(codes).fill(-1) : null;
  const groupOfCode = new Map<number, number>();
  const keys: { slot: number; segments: number[] }[] = [];
  // Each row's code, column by column (slot −1: left out, code −1).
  const rowCode = slots;
  for (let i = 0; i < count; i++) {
    const slot = rowCode[i] as number;
    rowCode[i] = slot === -1 ? -1 : slot === -2 ? 0 : slot;
  }
  segmentColumns.forEach((column, c) => {
    const radixOf = radix[c + 1] as number;
    for (let i = 0; i < count; i++) {
      const code = rowCode[i] as number;
      if (code >= 0) rowCode[i] = code * radixOf + (column[i] as number);
    }
  });
  // Each row's group, in place of its code.
  const groupOfRow = rowCode;
  const rowsPerGroup: number[] = [];
  for (let i = 0; i < count; i++) {
    const code = rowCode[i] as number;
    if (code < 0) {
      groupOfRow[i] = -1;
      continue;
    }
    let group = dense === null ? groupOfCode.get(code) : (dense[code] as number);
    if (group === undefined || group === -1) {
      group = keys.length;
      if (dense === null) groupOfCode.set(code, group);
      else dense[code] = group;
      keys.push({
        slot: spec === null ? -1 : Math.floor(code / (codes / slotCount)),
        segments: segmentColumns.map((column) => column[i] as number),
      });
      rowsPerGroup.push(0);
    }
    groupOfRow[i] = group;
    rowsPerGroup[group] = (rowsPerGroup[group] as number) + 1;
  }
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
  return (
    new TZDate(at, zone).getTimezoneOffset() > 0 ||
    new TZDate(at + 182 * DAY, zone).getTimezoneOffset() > 0
  );
}
