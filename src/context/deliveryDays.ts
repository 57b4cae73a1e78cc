import { isRecord } from "../_lib/checkArgument";
import { invalidArgument } from "../_lib/guards";
import { hoursOf } from "../gaps/gap3";
import { accumulateGap3, createGap3Accumulator } from "../gaps/gap3Accumulator";
import type { DeliverySet } from "../operations/deliveryRecords";
import type { StandardSet } from "../operations/standards";

/** Delivery records and the standards they are measured against (Gap 3). */
export interface DeliveryInput {
  /** From `validateDeliveryRecords` or `readDeliveryRecordsCsv` (its calendar and as-of are used). */
  readonly records: DeliverySet;
  /** From `validateStandards` or `readStandardsCsv`. */
  readonly standards: StandardSet;
}

/** Records with a verdict and those that met the target. */
export interface ComplianceCount {
  met: number;
  evaluated: number;
}

/** Gap 3 verdicts by region, local day (in the records' calendar zone) and dimension. */
export interface DeliveryDays {
  /** Region → day (`yyyy-mm-dd`) → dimension id (and `*` for all standards) → counts. */
  readonly cells: Map<string, Map<string, Map<string, ComplianceCount>>>;
  readonly timeZone: string;
  /** Dimensions with at least one measured standard. */
  readonly dimensions: ReadonlySet<string>;
}

/** Every dimension's standards pooled. */
export const ALL_STANDARDS = "*";

/**
 * Measures delivery records against their standards as `gap3` does (same calendar, as-of and
 * verdicts: a Gap 3 accumulator by day) and pools the verdicts per region, day and dimension.
 */
export function deliveryDays(fn: string, delivery: unknown): DeliveryDays {
  if (
    !isRecord(delivery) ||
    !isRecord(delivery.records) ||
    delivery.records.kind !== "delivery-records" ||
    !isRecord(delivery.standards)
  ) {
    throw invalidArgument(
      fn,
      "options.delivery",
      "{ records: DeliverySet, standards: StandardSet }",
      delivery,
    );
  }
  const { records, standards } = delivery as unknown as DeliveryInput;
  const state = createGap3Accumulator(standards, {
    calendar: {
      timeZone: records.calendar.timeZone,
      hours: hoursOf(records.calendar),
      holidays: records.calendar.holidays,
    },
    asOf: records.asOf,
    period: "day",
  });
  accumulateGap3(state, records.records);
  const cells: DeliveryDays["cells"] = new Map();
  const dimensions = new Set<string>();
  for (const standard of state.standards) {
    const byDay = state.cells[standard.id];
    if (byDay === undefined) continue;
    dimensions.add(standard.dimension);
    for (const [day, byRegion] of Object.entries(byDay)) {
      for (const [region, cell] of Object.entries(byRegion)) {
        let days = cells.get(region);
        if (days === undefined) {
          days = new Map();
          cells.set(region, days);
        }
        let dims = days.get(day);
        if (dims === undefined) {
          dims = new Map();
          days.set(day, dims);
        }
        for (const key of [standard.dimension, ALL_STANDARDS]) {
          const count = dims.get(key) ?? { met: 0, evaluated: 0 };
          count.met += cell.met;
          count.evaluated += cell.met + cell.missed;
          dims.set(key, count);
        }
      }
    }
  }
  return { cells, timeZone: records.calendar.timeZone, dimensions };
}

/** Sums the verdicts of a region's days that pass `keep`, for one dimension (or `*`). */
export function countDays(
  days: DeliveryDays,
  region: string,
  dimension: string,
  keep: (day: string) => boolean,
): ComplianceCount {
  const total = { met: 0, evaluated: 0 };
  for (const [day, dims] of days.cells.get(region) ?? []) {
    if (!keep(day)) continue;
    const count = dims.get(dimension);
    if (count === undefined) continue;
    total.met += count.met;
    total.evaluated += count.evaluated;
  }
  return total;
}
