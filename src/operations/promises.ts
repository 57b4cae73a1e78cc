import { z } from "zod";
import { expectKind, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { lazy } from "../_lib/lazy";
import { zodIssues } from "../_lib/zodIssues";
import { isIsoDate } from "./calendar";
import {
  DELIVERY_METRICS,
  type DeliveryMetric,
  type Direction,
  directionCell,
  numberCell,
  type RecordPlace,
  RecordProblems,
  type RecordReport,
  TIME_UNITS,
  type TimeUnit,
  textCell,
} from "./fields";
import {
  idOf,
  RECORD_VALIDATION_OPTIONS,
  RecordCollector,
  type RecordValidationOptions,
  recordLimits,
} from "./standards";

/**
 * One promise of external communications (an advert, a web page, a contract) as given: what
 * was promised about an attribute, on which channel, in force over which dates, and how many
 * customers saw it.
 */
export interface ServicePromiseInput {
  /** The promise's id (default: attribute and channel). */
  readonly id?: string;
  readonly attribute: string;
  readonly label?: string;
  /** The SERVQUAL dimension (default: the attribute's in the standards or Gap 3 result). */
  readonly dimension?: string | null;
  /** The delivery metric the promise is about: `first-response`, `resolution`, `lateness`. */
  readonly metric: string;
  /** The level promised, in `unit` (e.g. 2 for "we answer within 2 business hours"). */
  readonly promisedLevel: number | string;
  readonly unit: string;
  readonly direction: string;
  readonly channel?: string | null;
  /** First and last day in force (`YYYY-MM-DD`, local dates, inclusive). */
  readonly from: string;
  readonly to: string;
  /** How many customers saw the promise (impressions), when known. */
  readonly exposures?: number | string | null;
}

/** A validated promise. */
export interface ServicePromise extends RecordPlace {
  readonly id: string;
  readonly attribute: string;
  readonly label: string;
  readonly dimension: string | null;
  readonly metric: DeliveryMetric;
  readonly promisedLevel: number;
  readonly unit: TimeUnit;
  readonly direction: Direction;
  readonly channel: string | null;
  readonly from: string;
  readonly to: string;
  readonly exposures: number | null;
}

/** Promises that passed validation and the report of all of them. */
export interface PromiseSet {
  readonly kind: "service-promises";
  readonly promises: readonly ServicePromise[];
  readonly report: RecordReport;
}

/** The CSV column of each field. */
export const PROMISE_COLUMNS: Readonly<Record<keyof ServicePromiseInput, string>> = {
  id: "id",
  attribute: "attribute",
  label: "label",
  dimension: "dimension",
  metric: "metric",
  promisedLevel: "promised_level",
  unit: "unit",
  direction: "direction",
  channel: "channel",
  from: "from",
  to: "to",
  exposures: "exposures",
};

const cell = () => z.union([z.string(), z.number(), z.null()]).optional();

/** The zod model of one promise's shape (kinds and keys; the rules are checked after it). */
export const servicePromiseSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject(
    Object.fromEntries(Object.keys(PROMISE_COLUMNS).map((key) => [key, cell()])) as Record<
      keyof ServicePromiseInput,
      ReturnType<typeof cell>
    >,
  ),
);

/**
 * Checks one promise; null when excluded. Rules: attribute present; metric a delivery metric
 * (`missing-metric`); a numeric promised level (`missing-target`); a time unit
 * (`missing-unit`, `unknown-unit`); a direction (`missing-direction`); a period in force, both
 * dates (`missing-period`, `bad-date`) with from ≤ to (`invalid-period`); exposures a whole
 * number ≥ 0.
 */
export function checkPromise(
  raw: unknown,
  place: RecordPlace,
  columns: Readonly<Record<string, string>>,
): { promise: ServicePromise | null; problems: RecordProblems } {
  const problems = new RecordProblems();
  const col = (field: keyof ServicePromiseInput) => columns[field] ?? field;
  if (!isRecord(raw)) {
    problems.fail("not-an-object", "(row)", "a promise must be an object of fields");
    return { promise: null, problems };
  }
  const parsed = servicePromiseSchema().safeParse(raw);
  if (!parsed.success) {
    for (const issue of zodIssues(servicePromiseSchema(), parsed.error.issues)) {
      problems.fail("invalid-promise", String(issue.path?.[0] ?? "(row)"), issue.message);
    }
    return { promise: null, problems };
  }
  const text = (field: keyof ServicePromiseInput) => textCell(raw[field]) ?? null;
  const attribute = text("attribute");
  if (attribute === null)
    problems.fail("missing-id", col("attribute"), "the attribute id is blank");
  const metric = text("metric");
  if (metric === null || !(DELIVERY_METRICS as readonly string[]).includes(metric)) {
    problems.fail(
      "missing-metric",
      col("metric"),
      `the metric must be one of ${DELIVERY_METRICS.join(", ")}, not ${JSON.stringify(metric ?? "")}`,
    );
  }
  const level = numberCell(raw.promisedLevel);
  if (level === null || Number.isNaN(level))
    problems.fail("missing-target", col("promisedLevel"), "the promised level is not a number");
  const unit = text("unit");
  if (unit === null)
    problems.fail("missing-unit", col("unit"), "the promise has no unit (e.g. business-hours)");
  else if (!(TIME_UNITS as readonly string[]).includes(unit)) {
    problems.fail(
      "unknown-unit",
      col("unit"),
      `the unit must be one of ${TIME_UNITS.join(", ")}, not "${unit}"`,
    );
  }
  const direction = directionCell(raw.direction);
  if (direction === null || direction === undefined) {
    problems.fail(
      "missing-direction",
      col("direction"),
      "the promise has no direction (lower-is-better or higher-is-better)",
    );
  }
  const from = text("from");
  const to = text("to");
  if (from === null || to === null) {
    problems.fail(
      "missing-period",
      from === null ? col("from") : col("to"),
      "a promise needs the period it is in force: from and to (YYYY-MM-DD)",
    );
  } else if (!isIsoDate(from) || !isIsoDate(to)) {
    problems.fail(
      "bad-date",
      isIsoDate(from) ? col("to") : col("from"),
      `"${isIsoDate(from) ? to : from}" is not a date YYYY-MM-DD`,
    );
  } else if (to < from) {
    problems.fail(
      "invalid-period",
      col("to"),
      `the period ends (${to}) before it starts (${from})`,
    );
  }
  const exposures = numberCell(raw.exposures);
  if (exposures !== null && !(Number.isInteger(exposures) && exposures >= 0)) {
    problems.fail(
      "out-of-range",
      col("exposures"),
      `exposures must be a whole number ≥ 0, not ${JSON.stringify(raw.exposures)}`,
    );
  }
  if (problems.reasons.length > 0) return { promise: null, problems };
  const channel = text("channel");
  return {
    promise: {
      ...place,
      id: text("id") ?? [attribute, channel].filter((x) => x !== null).join("@"),
      attribute: attribute as string,
      label: text("label") ?? (attribute as string),
      dimension: text("dimension"),
      metric: metric as DeliveryMetric,
      promisedLevel: level as number,
      unit: unit as TimeUnit,
      direction: direction as Direction,
      channel,
      from: from as string,
      to: to as string,
      exposures,
    },
    problems,
  };
}

/**
 * Validates promises of external communications (Gap 4): per attribute the promised level,
 * unit, direction, metric, channel, the period in force and optional exposure counts. Every
 * record is used or excluded with coded reasons naming its row and column; a promise without a
 * period is excluded (`missing-period`).
 *
 * @param input - The promises (objects with the fields of {@link ServicePromiseInput}).
 * @param options - `issueLimit`, `excludedLimit`.
 * @returns The promises kept and the report.
 * @throws {ServqualError} `invalid-argument` when `input` is not an array.
 * @example
 * const { promises } = validatePromises([
 *   { attribute: "first-response", metric: "first-response", promisedLevel: 2, unit: "business-hours",
 *     direction: "lower-is-better", channel: "web", from: "2024-01-01", to: "2024-12-31", exposures: 50000 },
 * ]);
 * promises[0].id //=> "first-response@web"
 */
export function validatePromises(
  input: readonly ServicePromiseInput[],
  options?: RecordValidationOptions,
): PromiseSet {
  expectKind("validatePromises", "input", input, "array", "an array of promises");
  checkOptionKeys("validatePromises", options, RECORD_VALIDATION_OPTIONS);
  const collector = new RecordCollector<ServicePromise>(recordLimits("validatePromises", options));
  (input as readonly unknown[]).forEach((raw, index) => {
    const place = { row: index + 1 };
    const { promise, problems } = checkPromise(raw, place, {});
    collector.add(place, promise?.id ?? idOf(raw), promise, problems);
  });
  return { kind: "service-promises", promises: collector.kept, report: collector.report() };
}
