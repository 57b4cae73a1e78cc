import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { type Interval, interval } from "../_lib/interval";
import { type Notice, notice } from "../_lib/notice";
import { RecordCalendars } from "../operations/calendar";
import type { DeliveryRecord, DeliverySet } from "../operations/deliveryRecords";
import type { Direction } from "../operations/fields";
import type { PromiseSet, ServicePromise } from "../operations/promises";
import type { StandardSet } from "../operations/standards";
import { checkLevel } from "../stats/checkOptions";
import { wilsonInterval } from "../stats/wilsonInterval";
import type { GapDimensionRow, GapEnvelope, GapItemRow } from "./envelope";
import type { Gap3Result } from "./gap3";
import { type MissSizes, missSizes } from "./gap3";
import { expectStandards, measure } from "./gap3Accumulator";

/** Kept-rate figures of a group of records against promises. */
export interface PromiseKept {
  /** Records in force (created within the period, of the promise's attribute). */
  readonly records: number;
  /** Records with a verdict: kept + broken. */
  readonly evaluated: number;
  readonly kept: number;
  readonly broken: number;
  /** Open records still within the promised level at `asOf`. */
  readonly pending: number;
  /** kept / evaluated; null when nothing was evaluated. */
  readonly keptRate: number | null;
  readonly ci: Interval;
  /** keptRate − 1: the share of customers who got less than promised, negated. */
  readonly gap: number | null;
}

/** The Gap 4 row of one promise. */
export interface Gap4PromiseRow extends GapItemRow, PromiseKept {
  readonly attribute: string;
  readonly channel: string | null;
  readonly metric: string;
  readonly promisedLevel: number;
  readonly unit: string;
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly exposures: number | null;
  /** Median delivered value of the closed records in force (promise's unit). */
  readonly deliveredMedian: number | null;
  /**
   * Size of overpromising: d·(median delivered − promised), d = +1 higher is better, −1 lower;
   * negative = delivery is worse than promised (an overpromise).
   */
  readonly overpromise: number | null;
  /** How far broken promises were missed (promise's unit). */
  readonly brokenBy: MissSizes;
  /** How the row was computed: from records, or from a Gap 3 standard with the same target. */
  readonly source: "records" | "gap3";
  readonly warnings: readonly Notice[];
}

export interface Gap4DimensionRow extends GapDimensionRow, PromiseKept {
  readonly promises: readonly string[];
}

export interface Gap4Overall extends PromiseKept {
  /**
   * Exposure-weighted kept rate Σ eⱼ·keptRateⱼ / Σ eⱼ over promises with exposures eⱼ and a kept
   * rate: how often a customer who saw a promise got what it said.
   */
  readonly exposureWeightedKeptRate: number | null;
  /** Exposure-weighted gap: exposureWeightedKeptRate − 1. */
  readonly exposureWeightedGap: number | null;
  readonly exposures: number;
  /** Exposure-weighted overpromise Σ eⱼ·overpromiseⱼ / Σ eⱼ, only when every such promise has the same unit. */
  readonly exposureWeightedOverpromise: number | null;
}

/** Gap 4 (communication): what was promised vs what was delivered. */
export interface Gap4Result extends GapEnvelope<Gap4PromiseRow, Gap4DimensionRow, Gap4Overall> {
  readonly gap: 4;
  readonly design: "compliance";
  readonly level: number;
}

/** Options of {@link gap4}. */
export interface Gap4Options {
  /** Standards, to give promises without a dimension their attribute's dimension. */
  readonly standards?: StandardSet;
  readonly level?: number;
}

const GAP4_OPTIONS = optionNames<Gap4Options>({ standards: true, level: true });

interface Tally {
  records: number;
  kept: number;
  broken: number;
  pending: number;
}

function figures(t: Tally, level: number): PromiseKept {
  const evaluated = t.kept + t.broken;
  const w = wilsonInterval(t.kept, evaluated, level);
  const keptRate = evaluated === 0 ? null : t.kept / evaluated;
  return {
    records: t.records,
    evaluated,
    kept: t.kept,
    broken: t.broken,
    pending: t.pending,
    keptRate,
    ci: interval(level, w.lower, w.upper, "wilson"),
    gap: keptRate === null ? null : keptRate - 1,
  };
}

function median(values: number[]): number | null {
  return missSizes(values).median;
}

/** One promise against the records of its attribute created in its period. */
function fromRecords(
  promise: ServicePromise,
  records: readonly DeliveryRecord[],
  set: DeliverySet,
) {
  const tables = new RecordCalendars(set.calendar);
  const tally: Tally = { records: 0, kept: 0, broken: 0, pending: 0 };
  const values: number[] = [];
  const misses: number[] = [];
  const lower = promise.direction === "lower-is-better";
  const level = promise.promisedLevel;
  for (const record of records) {
    const table = tables.tableOf(record.region, record.timeZone);
    const day = table.localDate(record.created);
    if (day < promise.from || day > promise.to) continue;
    tally.records += 1;
    const [from, to] =
      promise.metric === "first-response"
        ? [record.created, record.firstResponse]
        : promise.metric === "resolution"
          ? [record.created, record.resolved]
          : [record.promisedBy, record.delivered];
    if (from === null) continue;
    if (to === null) {
      const sofar = measure(table, promise.unit, from, Math.max(from, set.asOf));
      if (lower && sofar > level) {
        tally.broken += 1;
        misses.push(sofar - level);
      } else tally.pending += 1;
      continue;
    }
    const value = measure(table, promise.unit, from, to);
    values.push(value);
    if (lower ? value <= level : value >= level) tally.kept += 1;
    else {
      tally.broken += 1;
      misses.push(lower ? value - level : level - value);
    }
  }
  return { tally, values, misses };
}

/**
 * Gap 4 (communication; Parasuraman, Zeithaml & Berry 1985): what external communications
 * promised vs what was delivered. Per promise: the promise-kept rate (records of the
 * attribute created in the period in force that met the promised level) with a Wilson
 * interval, the gap keptRate − 1 (negative = customers who got less than promised), the size
 * of overpromising d·(median delivered − promised) (negative = an overpromise) and how far
 * broken promises were missed; per dimension and overall pooled; exposure-weighted where
 * exposure counts are given (Σ eⱼ·keptRateⱼ / Σ eⱼ).
 *
 * Given a Gap 3 result instead of records, a promise is compared with the Gap 3 standard of
 * the same attribute, metric, unit, direction and target (its compliance is the kept rate,
 * over all of Gap 3's records, not only the period in force); other promises are null with a
 * `not-comparable` warning.
 *
 * @param promises - From `validatePromises` or `readPromisesCsv`.
 * @param delivery - A `DeliverySet` (records) or a `Gap3Result`.
 * @param options - `standards` (dimensions of attributes), `level` (default 0.95).
 * @returns The Gap 4 envelope.
 * @example
 * const result = gap4(promises, records, { standards });
 * result.items[0].keptRate; result.items[0].overpromise;
 */
export function gap4(
  promises: PromiseSet,
  delivery: DeliverySet | Gap3Result,
  options?: Gap4Options,
): Gap4Result {
  const fn = "gap4";
  if (!isRecord(promises) || promises.kind !== "service-promises") {
    throw invalidArgument(
      fn,
      "promises",
      "a PromiseSet (from validatePromises or readPromisesCsv)",
      promises,
    );
  }
  const isSet = isRecord(delivery) && delivery.kind === "delivery-records";
  const isGap3 = isRecord(delivery) && delivery.gap === 3 && Array.isArray(delivery.items);
  if (!isSet && !isGap3)
    throw invalidArgument(fn, "delivery", "a DeliverySet or a Gap 3 result", delivery);
  checkOptionKeys(fn, options, GAP4_OPTIONS);
  const level = checkLevel(options?.level, fn);
  const dimensionOf = new Map<string, string>();
  if (options?.standards !== undefined) {
    for (const s of expectStandards(fn, "options.standards", options.standards).standards)
      dimensionOf.set(s.attribute, s.dimension);
  }
  if (isGap3)
    for (const row of (delivery as Gap3Result).items)
      if (!dimensionOf.has(row.attribute)) dimensionOf.set(row.attribute, row.dimension);
  const byAttribute = new Map<string, DeliveryRecord[]>();
  if (isSet) {
    for (const record of (delivery as DeliverySet).records) {
      const list = byAttribute.get(record.attribute);
      if (list === undefined) byAttribute.set(record.attribute, [record]);
      else list.push(record);
    }
  }
  const warnings: Notice[] = [];
  const items: Gap4PromiseRow[] = [];
  const tallies = new Map<string, { tally: Tally; promises: string[] }>();
  const all: Tally = { records: 0, kept: 0, broken: 0, pending: 0 };
  for (const promise of promises.promises) {
    const dimension = promise.dimension ?? dimensionOf.get(promise.attribute) ?? "unassigned";
    const rowWarnings: Notice[] = [];
    let tally: Tally = { records: 0, kept: 0, broken: 0, pending: 0 };
    let deliveredMedian: number | null = null;
    let brokenBy = missSizes([]);
    if (isSet) {
      const result = fromRecords(
        promise,
        byAttribute.get(promise.attribute) ?? [],
        delivery as DeliverySet,
      );
      tally = result.tally;
      deliveredMedian = median(result.values);
      brokenBy = missSizes(result.misses);
      if (tally.records === 0)
        rowWarnings.push(
          notice(
            "no-records-in-force",
            `promise ${promise.id}: no record of ${promise.attribute} was created between ${promise.from} and ${promise.to}`,
          ),
        );
    } else {
      const match = (delivery as Gap3Result).items.find(
        (row) =>
          row.attribute === promise.attribute &&
          row.metric === promise.metric &&
          row.unit === promise.unit &&
          row.direction === promise.direction &&
          row.target === promise.promisedLevel,
      );
      if (match === undefined) {
        rowWarnings.push(
          notice(
            "not-comparable",
            `promise ${promise.id}: no Gap 3 standard of ${promise.attribute} has the promised level ${promise.promisedLevel} ${promise.unit}; give the delivery records instead`,
          ),
        );
      } else {
        tally = {
          records: match.records,
          kept: match.met,
          broken: match.missed,
          pending: match.pending,
        };
        brokenBy = match.misses;
      }
    }
    const fig = figures(tally, level);
    if (fig.evaluated === 0 && rowWarnings.length === 0)
      rowWarnings.push(notice("no-data", `promise ${promise.id}: no record has a verdict`));
    const factor = promise.direction === "lower-is-better" ? -1 : 1;
    items.push({
      item: promise.id,
      label: promise.label,
      dimension,
      attribute: promise.attribute,
      channel: promise.channel,
      metric: promise.metric,
      promisedLevel: promise.promisedLevel,
      unit: promise.unit,
      direction: promise.direction,
      from: promise.from,
      to: promise.to,
      exposures: promise.exposures,
      ...fig,
      deliveredMedian,
      overpromise:
        deliveredMedian === null ? null : factor * (deliveredMedian - promise.promisedLevel),
      brokenBy,
      source: isSet ? "records" : "gap3",
      warnings: rowWarnings,
    });
    const d = tallies.get(dimension) ?? {
      tally: { records: 0, kept: 0, broken: 0, pending: 0 },
      promises: [],
    };
    for (const key of ["records", "kept", "broken", "pending"] as const) {
      d.tally[key] += tally[key];
      all[key] += tally[key];
    }
    d.promises.push(promise.id);
    tallies.set(dimension, d);
  }
  const dimensions: Gap4DimensionRow[] = [...tallies.entries()].map(([dimension, d]) => ({
    dimension,
    label: dimension,
    promises: d.promises,
    ...figures(d.tally, level),
  }));
  let exposures = 0;
  let weighted = 0;
  let weightedOver = 0;
  let overExposures = 0;
  const units = new Set<string>();
  for (const row of items) {
    if (row.exposures === null || row.exposures === 0) continue;
    if (row.keptRate !== null) {
      exposures += row.exposures;
      weighted += row.exposures * row.keptRate;
    }
    if (row.overpromise !== null) {
      overExposures += row.exposures;
      weightedOver += row.exposures * row.overpromise;
      units.add(row.unit);
    }
  }
  const exposureWeightedKeptRate = exposures === 0 ? null : weighted / exposures;
  if (items.length === 0) warnings.push(notice("no-data", "no promises were given"));
  return {
    gap: 4,
    name: "Gap 4: service delivered vs external communications",
    design: "compliance",
    unit: "share of records",
    sign: "promise-kept rate − 1; negative = customers who got less than promised",
    items,
    dimensions,
    overall: {
      ...figures(all, level),
      exposures,
      exposureWeightedKeptRate,
      exposureWeightedGap: exposureWeightedKeptRate === null ? null : exposureWeightedKeptRate - 1,
      exposureWeightedOverpromise:
        overExposures === 0 || units.size !== 1 ? null : weightedOver / overExposures,
    },
    warnings,
    level,
  };
}
