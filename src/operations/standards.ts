import { z } from "zod";
import { expectKind, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { IssueLog } from "../_lib/issueLog";
import { lazy } from "../_lib/lazy";
import { zodIssues } from "../_lib/zodIssues";
import { decodeUtf8 } from "../io/byteLines";
import { isIsoDate } from "./calendar";
import {
  booleanCell,
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
import { IdSet } from "./idSet";

/**
 * One service standard as given (an object, or a CSV row with the columns named in
 * {@link STANDARD_COLUMNS}): numbers and yes/no may be text.
 */
export interface ServiceStandardInput {
  /** The standard's id (default: the attribute id). */
  readonly id?: string;
  /** The attribute (or survey item) the standard is about; delivery records link to it. */
  readonly attribute: string;
  readonly label?: string;
  /** The SERVQUAL dimension of the attribute (e.g. `responsiveness`). */
  readonly dimension: string;
  /** The linked survey item id (e.g. `E_13`'s item `s13`), when there is one. */
  readonly item?: string | null;
  /** Whether a formal standard exists (false: the attribute is listed without a standard). */
  readonly formal: boolean | string;
  /** A target on the survey scale (e.g. 6 on 1–7). */
  readonly scaleTarget?: number | string | null;
  /** A measurable operational target: the metric, its target, unit and direction. */
  readonly metric?: string | null;
  readonly target?: number | string | null;
  readonly unit?: string | null;
  readonly direction?: string | null;
  /** Share of records that must meet the target, in (0, 1] (default 1: every record). */
  readonly targetShare?: number | string | null;
  /** The level management believes customers expect (target's unit, or scale points). */
  readonly believedExpectation?: number | string | null;
  readonly owner?: string | null;
  /** When the standard was set (`YYYY-MM-DD`). */
  readonly dateSet?: string | null;
}

/** A validated service standard. */
export interface ServiceStandard extends RecordPlace {
  readonly id: string;
  readonly attribute: string;
  readonly label: string;
  readonly dimension: string;
  readonly item: string | null;
  readonly formal: boolean;
  readonly scaleTarget: number | null;
  /** A delivery metric (measured by `gap3`) or another named metric (listed, not measured). */
  readonly metric: DeliveryMetric | string | null;
  readonly target: number | null;
  readonly unit: TimeUnit | string | null;
  readonly direction: Direction | null;
  readonly targetShare: number;
  readonly believedExpectation: number | null;
  readonly owner: string | null;
  readonly dateSet: string | null;
}

/** The standards that passed validation and the report of all of them. */
export interface StandardSet {
  readonly kind: "service-standards";
  readonly standards: readonly ServiceStandard[];
  readonly report: RecordReport;
}

/** Options of {@link validateStandards}: how many issues and excluded rows are listed. */
export interface RecordValidationOptions {
  readonly issueLimit?: number;
  readonly excludedLimit?: number;
}

export const RECORD_VALIDATION_OPTIONS = optionNames<RecordValidationOptions>({
  issueLimit: true,
  excludedLimit: true,
});

/** The CSV column of each field of a standard (snake case). */
export const STANDARD_COLUMNS: Readonly<Record<keyof ServiceStandardInput, string>> = {
  id: "id",
  attribute: "attribute",
  label: "label",
  dimension: "dimension",
  item: "item",
  formal: "formal",
  scaleTarget: "scale_target",
  metric: "metric",
  target: "target",
  unit: "unit",
  direction: "direction",
  targetShare: "target_share",
  believedExpectation: "believed_expectation",
  owner: "owner",
  dateSet: "date_set",
};

const cell = () => z.union([z.string(), z.number(), z.boolean(), z.null()]).optional();

/** The zod model of one standard's shape (kinds and keys; the rules are checked after it). */
export const serviceStandardSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject(
    Object.fromEntries(Object.keys(STANDARD_COLUMNS).map((key) => [key, cell()])) as Record<
      keyof ServiceStandardInput,
      ReturnType<typeof cell>
    >,
  ),
);

/** Resolves the limits of an issue log (defaults 100 issues, 1,000 excluded rows). */
export function recordLimits(fn: string, options: RecordValidationOptions | undefined) {
  const limit = (value: unknown, fallback: number, name: string) => {
    if (value === undefined) return fallback;
    expectKind(fn, `options.${name}`, value, "number", "a whole number ≥ 0");
    if (!Number.isInteger(value) || (value as number) < 0) {
      expectKind(fn, `options.${name}`, undefined, "number", "a whole number ≥ 0");
    }
    return value as number;
  };
  return {
    issueLimit: limit(options?.issueLimit, 100, "issueLimit"),
    excludedLimit: limit(options?.excludedLimit, 1000, "excludedLimit"),
  };
}

/**
 * Checks one standard and records its problems; null when it is excluded. Rules: attribute and
 * dimension present; `formal` yes/no; a metric needs a numeric target, a unit and a direction
 * (`missing-target`, `missing-unit`, `missing-direction`); a delivery metric needs a time unit
 * (`unknown-unit`); the target share in (0, 1]; numbers are numbers; `dateSet` a date.
 */
export function checkStandard(
  raw: unknown,
  place: RecordPlace,
  columns: Readonly<Record<string, string>>,
): { standard: ServiceStandard | null; problems: RecordProblems } {
  const problems = new RecordProblems();
  const col = (field: keyof ServiceStandardInput) => columns[field] ?? field;
  if (!isRecord(raw)) {
    problems.fail("not-an-object", "(row)", "a standard must be an object of fields");
    return { standard: null, problems };
  }
  const parsed = serviceStandardSchema().safeParse(raw);
  if (!parsed.success) {
    for (const issue of zodIssues(serviceStandardSchema(), parsed.error.issues)) {
      problems.fail("invalid-standard", String(issue.path?.[0] ?? "(row)"), issue.message);
    }
    return { standard: null, problems };
  }
  const text = (field: keyof ServiceStandardInput) => {
    const value = textCell(raw[field]);
    if (value === undefined) problems.fail("invalid-standard", col(field), "must be text");
    return value ?? null;
  };
  const num = (field: keyof ServiceStandardInput) => {
    const value = numberCell(raw[field]);
    if (Number.isNaN(value)) {
      problems.fail("not-a-number", col(field), `${JSON.stringify(raw[field])} is not a number`);
      return null;
    }
    return value;
  };
  const attribute = text("attribute");
  if (attribute === null)
    problems.fail("missing-id", col("attribute"), "the attribute id is blank");
  const dimension = text("dimension");
  if (dimension === null)
    problems.fail("missing-dimension", col("dimension"), "the dimension is blank");
  const formal = booleanCell(raw.formal);
  if (formal === null || formal === undefined) {
    problems.fail(
      "invalid-standard",
      col("formal"),
      `must be yes or no, not ${JSON.stringify(raw.formal ?? "")}`,
    );
  }
  const metric = text("metric");
  const target = num("target");
  const unit = text("unit");
  const direction = directionCell(raw.direction);
  if (direction === undefined) {
    problems.fail(
      "missing-direction",
      col("direction"),
      `${JSON.stringify(raw.direction)} is not lower-is-better or higher-is-better`,
    );
  }
  if (metric !== null) {
    if (target === null)
      problems.fail("missing-target", col("target"), `metric ${metric} has no numeric target`);
    if (unit === null)
      problems.fail(
        "missing-unit",
        col("unit"),
        `metric ${metric} has no unit (e.g. business-hours)`,
      );
    if (direction === null)
      problems.fail(
        "missing-direction",
        col("direction"),
        `metric ${metric} has no direction (lower-is-better or higher-is-better)`,
      );
    if (
      unit !== null &&
      (DELIVERY_METRICS as readonly string[]).includes(metric) &&
      !(TIME_UNITS as readonly string[]).includes(unit)
    ) {
      problems.fail(
        "unknown-unit",
        col("unit"),
        `metric ${metric} is a time: its unit must be one of ${TIME_UNITS.join(", ")}, not "${unit}"`,
      );
    }
  } else if (target !== null || unit !== null) {
    problems.fail("missing-metric", col("metric"), "a target or unit is given without a metric");
  }
  const share = num("targetShare");
  if (share !== null && !(share > 0 && share <= 1)) {
    problems.fail("out-of-range", col("targetShare"), `the target share ${share} is not in (0, 1]`);
  }
  const dateSet = text("dateSet");
  if (dateSet !== null && !isIsoDate(dateSet))
    problems.fail("bad-date", col("dateSet"), `"${dateSet}" is not a date YYYY-MM-DD`);
  const scaleTarget = num("scaleTarget");
  const believedExpectation = num("believedExpectation");
  const id = text("id") ?? attribute;
  const label = text("label") ?? attribute;
  const item = text("item");
  const owner = text("owner");
  if (problems.reasons.length > 0) return { standard: null, problems };
  return {
    standard: {
      ...place,
      id: id as string,
      attribute: attribute as string,
      label: label as string,
      dimension: dimension as string,
      item,
      formal: formal as boolean,
      scaleTarget,
      metric,
      target,
      unit,
      direction: direction ?? null,
      targetShare: share ?? 1,
      believedExpectation,
      owner,
      dateSet,
    },
    problems,
  };
}

/**
 * Gathers checked records into a set: logs each record's problems, excludes the unusable ones
 * and counts them all.
 */
export class RecordCollector<T extends { readonly id: string }> {
  readonly log: IssueLog;
  readonly kept: T[] = [];
  private readonly ids = new IdSet();
  recordsIn = 0;
  private used = 0;

  constructor(limits: { issueLimit: number; excludedLimit: number }) {
    this.log = new IssueLog(limits);
  }

  add(
    place: RecordPlace,
    id: string | null,
    record: T | null,
    problems: RecordProblems | null,
    idColumn = "id",
  ): void {
    this.recordsIn += 1;
    let kept = record;
    let found = problems;
    if (kept !== null) {
      if (!this.ids.add(kept.id)) {
        found ??= new RecordProblems();
        found.fail("duplicate-id", idColumn, `the id ${kept.id} is used by an earlier record`);
        kept = null;
      }
    }
    if (found !== null) for (const issue of found.issues) this.log.record({ ...issue, ...place });
    if (kept === null) {
      this.log.exclude({ ...place, id, reasons: found?.reasons ?? [] });
      return;
    }
    this.kept.push(kept);
    this.used += 1;
  }

  /**
   * Adds a record a reader's fast path has checked in full (no problems): as
   * `add({ row, line }, record.id, record, null, idColumn)`, without the place object.
   */
  keep(record: T & { readonly row: number; readonly line?: number }, idColumn = "id"): void {
    this.recordsIn += 1;
    if (!this.ids.add(record.id)) {
      this.duplicate(record.id, record.row, record.line, idColumn);
      return;
    }
    this.kept.push(record);
    this.used += 1;
  }

  /**
   * Counts a record a reader's fast path has checked in full and hands on itself (as columns),
   * by its id written in `bytes[start, end)`: true when it is used; false when the id was seen
   * before, the record then excluded with `duplicate-id` as `keep` does.
   */
  keepId(
    bytes: Uint8Array,
    start: number,
    end: number,
    row: number,
    line: number,
    idColumn = "id",
  ): boolean {
    this.recordsIn += 1;
    if (!this.ids.addBytes(bytes, start, end)) {
      this.duplicate(decodeUtf8(bytes, start, end), row, line, idColumn);
      return false;
    }
    this.used += 1;
    return true;
  }

  private duplicate(id: string, row: number, line: number | undefined, idColumn: string): void {
    const found = new RecordProblems();
    found.fail("duplicate-id", idColumn, `the id ${id} is used by an earlier record`);
    const place = line === undefined ? { row } : { row, line };
    for (const issue of found.issues) this.log.record({ ...issue, ...place });
    this.log.exclude({ ...place, id, reasons: found.reasons });
  }

  /** Hands over the records kept so far (streaming) and forgets them; their ids stay known. */
  take(): T[] {
    return this.kept.splice(0, this.kept.length);
  }

  report(): RecordReport {
    const summary = this.log.summary();
    return {
      ...summary,
      recordsIn: this.recordsIn,
      recordsUsed: this.used,
      recordsExcluded: summary.rowsExcluded,
    };
  }
}

/**
 * Validates service standards (Gap 2 and Gap 3): one record per standard or per attribute
 * without a standard. Every record is used or excluded with coded reasons naming its row and
 * column: `recordsIn = recordsUsed + recordsExcluded`.
 *
 * A standard is formal or not (`formal`); a formal one may carry a target on the survey scale
 * (`scaleTarget`) and/or a measurable operational target (`metric`, `target`, `unit`,
 * `direction`, and `targetShare`, the share of records that must meet it). A standard without
 * unit or direction is excluded (`missing-unit`, `missing-direction`).
 *
 * @param input - The standards (objects with the fields of {@link ServiceStandardInput}).
 * @param options - `issueLimit`, `excludedLimit`.
 * @returns The standards kept and the report.
 * @throws {ServqualError} `invalid-argument` when `input` is not an array.
 * @example
 * const { standards, report } = validateStandards([
 *   { attribute: "first-response", dimension: "responsiveness", formal: true,
 *     metric: "first-response", target: 4, unit: "business-hours", direction: "lower-is-better" },
 * ]);
 * standards[0].target //=> 4
 * report.recordsUsed //=> 1
 */
export function validateStandards(
  input: readonly ServiceStandardInput[],
  options?: RecordValidationOptions,
): StandardSet {
  expectKind("validateStandards", "input", input, "array", "an array of standards");
  checkOptionKeys("validateStandards", options, RECORD_VALIDATION_OPTIONS);
  const collector = new RecordCollector<ServiceStandard>(
    recordLimits("validateStandards", options),
  );
  (input as readonly unknown[]).forEach((raw, index) => {
    const place = { row: index + 1 };
    const { standard, problems } = checkStandard(raw, place, {});
    collector.add(place, standard?.id ?? idOf(raw), standard, problems);
  });
  return { kind: "service-standards", standards: collector.kept, report: collector.report() };
}

/** The id or attribute of a raw record, for an excluded row's `id`. */
export function idOf(raw: unknown, ...fields: string[]): string | null {
  if (!isRecord(raw)) return null;
  for (const field of ["id", ...fields, "attribute"]) {
    const value = raw[field];
    if (typeof value === "string" && value.trim().length > 0) return value.trim();
  }
  return null;
}
