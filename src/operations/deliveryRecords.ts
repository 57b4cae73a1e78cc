import { expectKind, invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../_lib/checkOptionKeys";
import { rejectUnknownFields } from "../_lib/rejectUnknownFields";
import {
  type CalendarOptions,
  type CalendarTable,
  calendarTable,
  isKnownTimeZone,
  type ResolvedCalendar,
  resolveCalendar,
} from "./calendar";
import { type RecordPlace, RecordProblems, type RecordReport, textCell } from "./fields";
import {
  idOf,
  RecordCollector,
  type RecordValidationOptions,
  recordLimits,
  type StandardSet,
} from "./standards";
import { parseTimestamp } from "./timestamp";

/**
 * One delivery record as given (a ticket, a delivery, an appointment, an engineer visit):
 * timestamps are ISO 8601 text (`2024-03-01T09:30:00Z`; without a zone, local time in the
 * calendar's or the record's zone) or `Date`s.
 */
export interface DeliveryRecordInput {
  readonly id: string;
  /** The attribute id linking the record to a standard. */
  readonly attribute: string;
  readonly created: string | Date;
  readonly firstResponse?: string | Date | null;
  readonly resolved?: string | Date | null;
  readonly promisedBy?: string | Date | null;
  readonly delivered?: string | Date | null;
  readonly region?: string | null;
  readonly channel?: string | null;
  /** The record's IANA time zone, when it differs from the calendar's. */
  readonly timeZone?: string | null;
}

/** A validated delivery record: instants in epoch milliseconds, null when not given. */
export interface DeliveryRecord extends RecordPlace {
  readonly id: string;
  readonly attribute: string;
  readonly created: number;
  readonly firstResponse: number | null;
  readonly resolved: number | null;
  readonly promisedBy: number | null;
  readonly delivered: number | null;
  readonly region: string | null;
  readonly channel: string | null;
  readonly timeZone: string | null;
}

/** Delivery records that passed validation, the report of all, and the calendar they were read in. */
export interface DeliverySet {
  readonly kind: "delivery-records";
  readonly records: readonly DeliveryRecord[];
  readonly report: RecordReport;
  readonly calendar: ResolvedCalendar;
  /** The instant records may not be later than (epoch ms). */
  readonly asOf: number;
}

/** Options of {@link validateDeliveryRecords}. */
export interface DeliveryValidationOptions extends RecordValidationOptions {
  /** The standards: a record whose attribute they do not list is excluded (`unknown-attribute`). */
  readonly standards?: StandardSet;
  /** Time zone, business hours and holidays (see `CalendarOptions`). */
  readonly calendar?: CalendarOptions;
  /** No timestamp may be later than this (ISO text, `Date` or epoch ms; default: now). */
  readonly asOf?: string | Date | number;
}

export const DELIVERY_VALIDATION_OPTIONS = optionNames<DeliveryValidationOptions>({
  standards: true,
  calendar: true,
  asOf: true,
  issueLimit: true,
  excludedLimit: true,
});

/** The fields of a record, in the order of a row of cells. */
export const DELIVERY_FIELDS = [
  "id",
  "attribute",
  "created",
  "firstResponse",
  "resolved",
  "promisedBy",
  "delivered",
  "region",
  "channel",
  "timeZone",
] as const;

/** The CSV column of each field (snake case). */
export const DELIVERY_COLUMNS: Readonly<Record<(typeof DELIVERY_FIELDS)[number], string>> = {
  id: "id",
  attribute: "attribute",
  created: "created",
  firstResponse: "first_response",
  resolved: "resolved",
  promisedBy: "promised_by",
  delivered: "delivered",
  region: "region",
  channel: "channel",
  timeZone: "time_zone",
};

const TIMES = [3, 4, 5, 6] as const;

/** Everything a record check needs, resolved once. */
export interface DeliveryContext {
  readonly calendar: ResolvedCalendar;
  readonly table: CalendarTable;
  readonly attributes: ReadonlySet<string> | null;
  readonly asOf: number;
  /** Column name of each field (for messages). */
  readonly columns: readonly string[];
  readonly zoneTables: Map<string, CalendarTable | null>;
}

/** Resolves `asOf` (default now) into epoch ms. */
export function resolveAsOf(fn: string, asOf: unknown): number {
  if (asOf === undefined) return Date.now();
  const ms =
    typeof asOf === "number"
      ? asOf
      : asOf instanceof Date
        ? asOf.getTime()
        : typeof asOf === "string"
          ? Date.parse(asOf)
          : Number.NaN;
  if (!Number.isFinite(ms))
    throw invalidArgument(
      fn,
      "options.asOf",
      "an ISO timestamp, a Date or epoch milliseconds",
      asOf,
    );
  return ms;
}

/** Checks the options of a delivery validator and resolves its context. */
export function deliveryContext(
  fn: string,
  options: DeliveryValidationOptions | undefined,
  columns: readonly string[],
): DeliveryContext {
  const standards = options?.standards;
  if (standards !== undefined && !(isRecord(standards) && standards.kind === "service-standards")) {
    throw invalidArgument(
      fn,
      "options.standards",
      "a StandardSet (from validateStandards or readStandardsCsv)",
      standards,
    );
  }
  const calendar = resolveCalendar(fn, options?.calendar);
  return {
    calendar,
    table: calendarTable(calendar),
    attributes:
      standards === undefined ? null : new Set(standards.standards.map((s) => s.attribute)),
    asOf: resolveAsOf(fn, options?.asOf),
    columns,
    zoneTables: new Map(),
  };
}

function tableFor(context: DeliveryContext, zone: string): CalendarTable | null {
  let table = context.zoneTables.get(zone);
  if (table === undefined) {
    table = isKnownTimeZone(zone) ? calendarTable({ ...context.calendar, timeZone: zone }) : null;
    context.zoneTables.set(zone, table);
  }
  return table;
}

function instant(value: unknown, table: CalendarTable): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return Number.NaN;
  return parseTimestamp(value.trim(), table);
}

/**
 * Checks one record given as cells in {@link DELIVERY_FIELDS} order. Rules: id and attribute
 * present (`missing-id`), attribute listed by the standards (`unknown-attribute`), a known time
 * zone (`unknown-time-zone`), `created` present (`missing-timestamp`), every timestamp ISO 8601
 * (`unparseable-timestamp`), none before `created` (`before-creation`) and none after `asOf`
 * (`future-timestamp`).
 */
export function checkDeliveryCells(
  cells: ArrayLike<unknown>,
  place: RecordPlace,
  context: DeliveryContext,
): { record: DeliveryRecord | null; problems: RecordProblems | null } {
  let problems: RecordProblems | null = null;
  const fail = (code: Parameters<RecordProblems["fail"]>[0], field: number, message: string) => {
    problems ??= new RecordProblems();
    problems.fail(code, context.columns[field] as string, message);
  };
  const id = textCell(cells[0]);
  if (id === null || id === undefined) fail("missing-id", 0, "the record id is blank");
  const attribute = textCell(cells[1]);
  if (attribute === null || attribute === undefined)
    fail("unknown-attribute", 1, "the attribute id is blank");
  else if (context.attributes !== null && !context.attributes.has(attribute)) {
    fail("unknown-attribute", 1, `the attribute "${attribute}" is not in the standards`);
  }
  const zone = textCell(cells[9]);
  let table: CalendarTable | null = context.table;
  if (zone !== null && zone !== undefined) {
    table = tableFor(context, zone);
    if (table === null)
      fail("unknown-time-zone", 9, `"${zone}" is not an IANA time zone this runtime knows`);
  }
  const times: (number | null)[] = [null, null, null, null, null];
  if (table !== null) {
    for (let k = 0; k < 5; k++) {
      const field = k === 0 ? 2 : (TIMES[k - 1] as number);
      const raw = cells[field];
      if (raw === undefined || raw === null || raw === "") {
        if (k === 0) fail("missing-timestamp", field, "the creation time is blank");
        continue;
      }
      const t = instant(raw, table);
      if (Number.isNaN(t)) {
        fail(
          "unparseable-timestamp",
          field,
          `${JSON.stringify(raw)} is not an ISO 8601 timestamp (e.g. 2024-03-01T09:30:00Z)`,
        );
        continue;
      }
      if (t > context.asOf) {
        fail(
          "future-timestamp",
          field,
          `${String(raw)} is after the as-of time ${new Date(context.asOf).toISOString()}`,
        );
      }
      times[k] = t;
    }
    const created = times[0];
    if (created !== null && created !== undefined) {
      for (let k = 1; k < 5; k++) {
        const t = times[k];
        if (t !== null && t !== undefined && t < created) {
          const field = TIMES[k - 1] as number;
          fail(
            "before-creation",
            field,
            `${String(cells[field])} is before the creation time ${String(cells[2])}`,
          );
        }
      }
    }
  }
  if (problems !== null) return { record: null, problems };
  const region = textCell(cells[7]);
  const channel = textCell(cells[8]);
  return {
    record: {
      row: place.row,
      line: place.line,
      id: id as string,
      attribute: attribute as string,
      created: times[0] as number,
      firstResponse: times[1] ?? null,
      resolved: times[2] ?? null,
      promisedBy: times[3] ?? null,
      delivered: times[4] ?? null,
      region: typeof region === "string" ? region : null,
      channel: typeof channel === "string" ? channel : null,
      timeZone: zone ?? null,
    },
    problems: null,
  };
}

/**
 * Validates delivery records (tickets, deliveries, appointments, engineer visits) for Gap 3
 * and Gap 4: every record is used or excluded with coded reasons naming its row and column
 * (`recordsIn = recordsUsed + recordsExcluded`). Timestamps are ISO 8601; one without a zone is
 * local time in the calendar's time zone (or the record's `timeZone`).
 *
 * @param input - The records (objects with the fields of {@link DeliveryRecordInput}).
 * @param options - `standards` (to check attribute ids), `calendar`, `asOf`, `issueLimit`,
 * `excludedLimit`.
 * @returns The records kept, the report, the calendar and the as-of instant.
 * @throws {ServqualError} `invalid-argument` when `input` is not an array; `invalid-options`
 * for a bad calendar (an unknown time zone: `unknown-time-zone`).
 * @example
 * const set = validateDeliveryRecords(
 *   [{ id: "t1", attribute: "first-response", created: "2024-03-01T09:00:00Z", firstResponse: "2024-03-01T10:30:00Z" }],
 *   { asOf: "2024-12-31T00:00:00Z" },
 * );
 * set.records[0].firstResponse - set.records[0].created //=> 5_400_000
 */
export function validateDeliveryRecords(
  input: readonly DeliveryRecordInput[],
  options?: DeliveryValidationOptions,
): DeliverySet {
  const fn = "validateDeliveryRecords";
  expectKind(fn, "input", input, "array", "an array of delivery records");
  checkOptionKeys(fn, options, DELIVERY_VALIDATION_OPTIONS);
  const context = deliveryContext(fn, options, DELIVERY_FIELDS);
  const collector = new RecordCollector<DeliveryRecord>(recordLimits(fn, options));
  const cells: unknown[] = new Array(DELIVERY_FIELDS.length);
  (input as readonly unknown[]).forEach((raw, index) => {
    const place = { row: index + 1 };
    if (!isRecord(raw)) {
      const problems = new RecordProblems();
      problems.fail("not-an-object", "(row)", "a delivery record must be an object of fields");
      collector.add(place, null, null, problems);
      return;
    }
    rejectUnknownFields(fn, "record", raw, index, DELIVERY_FIELDS);
    DELIVERY_FIELDS.forEach((field, k) => {
      cells[k] = raw[field];
    });
    const { record, problems } = checkDeliveryCells(cells, place, context);
    collector.add(place, record?.id ?? idOf(raw), record, problems);
  });
  return {
    kind: "delivery-records",
    records: collector.kept,
    report: collector.report(),
    calendar: context.calendar,
    asOf: context.asOf,
  };
}
