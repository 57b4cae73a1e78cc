import { TZDate } from "@date-fns/tz/date";
import { addWeeks } from "date-fns/addWeeks";
import { startOfISOWeek } from "date-fns/startOfISOWeek";
import { periodOfWeek } from "./periodOf";
import { type CalendarPeriod, type PeriodSpec, periodOfMonth } from "./periodSpec";

/**
 * The periods between two instants with the instant each starts at, so that many dates are
 * placed by a binary search over the boundaries instead of a time-zone conversion each:
 * `starts[i] ≤ t < starts[i + 1]` ⇔ t is in `periods[i]`. The boundaries are found with
 * date-fns in the time zone (local midnight of each period's first day), so daylight-saving
 * changes are where the calendar puts them.
 */
export interface PeriodIndexer {
  readonly periods: readonly CalendarPeriod[];
  /** periods.length + 1 instants: each period's start, then the end of the last. */
  readonly starts: Float64Array;
}

/** Builds the periods covering [first, last] (finite instants, first ≤ last). */
export function createPeriodIndexer(spec: PeriodSpec, first: number, last: number): PeriodIndexer {
  const periods: CalendarPeriod[] = [];
  const starts: number[] = [];
  if (spec.kind === "week") {
    let week = startOfISOWeek(new TZDate(first, spec.timeZone));
    while (week.getTime() <= last) {
      periods.push(periodOfWeek(spec, week));
      starts.push(week.getTime());
      week = addWeeks(week, 1);
    }
    starts.push(week.getTime());
  } else {
    // In UTC the month starts are Date.UTC's (the same instants as TZDate's, without loading
    // the ICU zone data on a process's first call).
    const utc = spec.timeZone === "UTC";
    const local = utc ? null : new TZDate(first, spec.timeZone);
    let year = local === null ? new Date(first).getUTCFullYear() : local.getFullYear();
    let month = local === null ? new Date(first).getUTCMonth() : local.getMonth();
    for (;;) {
      const start = utc
        ? Date.UTC(year, month, 1)
        : new TZDate(year, month, 1, spec.timeZone).getTime();
      if (start > last) {
        starts.push(start);
        break;
      }
      const period = periodOfMonth(spec, year, month);
      if (periods.at(-1)?.key !== period.key) {
        periods.push(period);
        starts.push(start);
      }
      month += 1;
      if (month === 12) {
        month = 0;
        year += 1;
      }
    }
  }
  return { periods, starts: Float64Array.from(starts) };
}

/** The index of the period holding instant t (within the indexer's range). */
export function periodIndex(indexer: PeriodIndexer, t: number): number {
  const starts = indexer.starts;
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= t) low = middle;
    else high = middle - 1;
  }
  return low;
}
