import { z } from "zod";
import { expectKind, invalidArgument, isRecord } from "../../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../../_lib/checkOptionKeys";
import { lazy } from "../../_lib/lazy";
import { rejectUnknownFields } from "../../_lib/rejectUnknownFields";
import { zodIssues } from "../../_lib/zodIssues";
import {
  type CalendarOptions,
  type CalendarTable,
  calendarTable,
  type ResolvedCalendar,
  resolveCalendar,
} from "../../operations/calendar";
import {
  booleanCell,
  numberCell,
  type RecordPlace,
  RecordProblems,
  type RecordReport,
  textCell,
} from "../../operations/fields";
import {
  idOf,
  RecordCollector,
  type RecordValidationOptions,
  recordLimits,
} from "../../operations/standards";
import { parseTimestamp } from "../../operations/timestamp";

/** The channels a complaint can come in by. */
export type ComplaintChannel = "phone" | "sms" | "web" | "letter" | "in-person";

/** The channels, in the order reports list them. */
export const COMPLAINT_CHANNELS: readonly ComplaintChannel[] = [
  "phone",
  "sms",
  "web",
  "letter",
  "in-person",
];

/** Spellings accepted for each channel (lower case, spaces and underscores as hyphens). */
const CHANNEL_NAMES: Readonly<Record<string, ComplaintChannel>> = {
  phone: "phone",
  telephone: "phone",
  call: "phone",
  sms: "sms",
  text: "sms",
  web: "web",
  online: "web",
  email: "web",
  "e-mail": "web",
  letter: "letter",
  post: "letter",
  "in-person": "in-person",
  branch: "in-person",
};

/**
 * One complaint as given (an object, or a CSV row with the columns of
 * {@link COMPLAINT_COLUMNS}). Timestamps are ISO 8601 text (without a zone: local time in the
 * calendar's zone) or `Date`s; `escalations` lists the time each escalation level was passed,
 * level 1 first (in a CSV cell: separated by `;` or `|`).
 */
export interface ComplaintInput {
  readonly id: string;
  readonly customerId?: string | null;
  /** `phone`, `sms`, `web`, `letter` or `in-person` (also `in person`, `SMS`, …). */
  readonly channel: string;
  readonly opened: string | Date;
  readonly escalations?: string | readonly (string | Date)[] | null;
  readonly resolved?: string | Date | null;
  /** Free text: `upheld`, `partly upheld`, `not upheld`, `withdrawn`, … */
  readonly outcome?: string | null;
  /** Satisfaction when the complaint was made, on the stated scale (optional). */
  readonly satisfactionBefore?: number | string | null;
  /** Satisfaction after the recovery, on the stated scale. */
  readonly satisfaction?: number | string | null;
  /** Whether the customer stayed (yes/no, true/false, 1/0). */
  readonly stayed?: boolean | string | number | null;
  readonly region?: string | null;
}

/** A validated complaint: instants in epoch milliseconds, null when not given. */
export interface Complaint extends RecordPlace {
  readonly id: string;
  readonly customerId: string | null;
  readonly channel: ComplaintChannel;
  readonly opened: number;
  /** When each escalation level was passed, level 1 first; depth = its length. */
  readonly escalations: readonly number[];
  readonly resolved: number | null;
  readonly outcome: string | null;
  readonly satisfactionBefore: number | null;
  readonly satisfaction: number | null;
  readonly stayed: boolean | null;
  readonly region: string | null;
}

/** The satisfaction scale of the complaints (both ends inclusive). */
export interface SatisfactionScale {
  readonly min: number;
  readonly max: number;
}

/** Complaints that passed validation, the report of all, the scale and calendar they were read with. */
export interface ComplaintSet {
  readonly kind: "complaints";
  readonly complaints: readonly Complaint[];
  readonly report: RecordReport;
  readonly scale: SatisfactionScale;
  readonly calendar: ResolvedCalendar;
}

/** Options of {@link validateComplaints}. */
export interface ComplaintValidationOptions extends RecordValidationOptions {
  /** The satisfaction scale (default 1–5); a value off it excludes the complaint (`out-of-range`). */
  readonly scale?: SatisfactionScale;
  /** Time zone of timestamps without a zone, business hours and holidays (see `CalendarOptions`). */
  readonly calendar?: CalendarOptions;
}

/** The option names of {@link validateComplaints}. */
export const COMPLAINT_VALIDATION_OPTIONS = optionNames<ComplaintValidationOptions>({
  scale: true,
  calendar: true,
  issueLimit: true,
  excludedLimit: true,
});

/** The CSV column of each field (snake case). */
export const COMPLAINT_COLUMNS: Readonly<Record<keyof ComplaintInput, string>> = {
  id: "id",
  customerId: "customer_id",
  channel: "channel",
  opened: "opened",
  escalations: "escalations",
  resolved: "resolved",
  outcome: "outcome",
  satisfactionBefore: "satisfaction_before",
  satisfaction: "satisfaction",
  stayed: "stayed",
  region: "region",
};

const FIELDS = Object.keys(COMPLAINT_COLUMNS) as (keyof ComplaintInput)[];

const scalar = () => z.union([z.string(), z.number(), z.boolean(), z.date(), z.null()]).optional();

/** The zod model of one complaint's shape (kinds and keys; the rules are checked after it). */
export const complaintSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    ...(Object.fromEntries(FIELDS.map((key) => [key, scalar()])) as Record<
      keyof ComplaintInput,
      ReturnType<typeof scalar>
    >),
    escalations: z
      .union([z.string(), z.array(z.union([z.string(), z.date()])), z.null()])
      .optional(),
  }),
);

/** Everything a complaint check needs, resolved once. */
export interface ComplaintContext {
  readonly scale: SatisfactionScale;
  readonly calendar: ResolvedCalendar;
  readonly table: CalendarTable;
}

/** Checks the scale and calendar options of a complaint validator. */
export function complaintContext(
  fn: string,
  options: ComplaintValidationOptions | undefined,
): ComplaintContext {
  const scale = options?.scale ?? { min: 1, max: 5 };
  if (
    !isRecord(scale) ||
    typeof scale.min !== "number" ||
    typeof scale.max !== "number" ||
    !Number.isFinite(scale.min) ||
    !Number.isFinite(scale.max) ||
    scale.min >= scale.max
  ) {
    throw invalidArgument(fn, "options.scale", "{ min, max } with finite min < max", scale);
  }
  checkOptionKeys(fn, scale, ["min", "max"], "options.scale");
  const calendar = resolveCalendar(fn, options?.calendar);
  return { scale: { min: scale.min, max: scale.max }, calendar, table: calendarTable(calendar) };
}

/** The channel a cell names, null when blank, undefined when unknown. */
export function channelOf(value: unknown): ComplaintChannel | null | undefined {
  const text = textCell(value);
  if (text === null || text === undefined) return text;
  return CHANNEL_NAMES[text.toLowerCase().replace(/[\s_]+/g, "-")];
}

function instant(value: unknown, table: CalendarTable): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value !== "string") return Number.NaN;
  return parseTimestamp(value.trim(), table);
}

function show(value: unknown): string {
  return value instanceof Date ? value.toISOString() : JSON.stringify(value);
}

/**
 * Checks one complaint. Rules (each problem excludes the complaint with a coded reason naming
 * its column): an id (`missing-id`); a known channel (`unknown-channel`); an opening time
 * (`missing-timestamp`); every timestamp ISO 8601 (`unparseable-timestamp`); no escalation or
 * resolution before the opening (`before-creation`); escalation levels in time order and none
 * after the resolution (`escalation-out-of-order`); satisfaction numbers (`not-a-number`) on
 * the scale (`out-of-range`); `stayed` yes or no (`not-yes-no`).
 */
export function checkComplaint(
  raw: unknown,
  place: RecordPlace,
  columns: Readonly<Record<string, string>>,
  context: ComplaintContext,
): { record: Complaint | null; problems: RecordProblems } {
  const problems = new RecordProblems();
  const col = (field: keyof ComplaintInput) => columns[field] ?? field;
  if (!isRecord(raw)) {
    problems.fail("not-an-object", "(row)", "a complaint must be an object of fields");
    return { record: null, problems };
  }
  const parsed = complaintSchema().safeParse(raw);
  if (!parsed.success) {
    for (const issue of zodIssues(complaintSchema(), parsed.error.issues)) {
      problems.fail("invalid-complaint", String(issue.path?.[0] ?? "(row)"), issue.message);
    }
    return { record: null, problems };
  }
  const text = (field: keyof ComplaintInput) => {
    const value = raw[field];
    if (typeof value === "number") return String(value);
    const cell = textCell(value);
    if (cell === undefined) problems.fail("invalid-complaint", col(field), "must be text");
    return cell ?? null;
  };
  const id = text("id");
  if (id === null) problems.fail("missing-id", col("id"), "the complaint id is blank");
  const channel = channelOf(raw.channel);
  if (channel === null) problems.fail("unknown-channel", col("channel"), "the channel is blank");
  else if (channel === undefined) {
    problems.fail(
      "unknown-channel",
      col("channel"),
      `${show(raw.channel)} is not a channel (${COMPLAINT_CHANNELS.join(", ")})`,
    );
  }
  const time = (field: keyof ComplaintInput, value: unknown): number | null => {
    if (value === undefined || value === null || value === "") return null;
    const t = instant(value, context.table);
    if (Number.isNaN(t)) {
      problems.fail(
        "unparseable-timestamp",
        col(field),
        `${show(value)} is not an ISO 8601 timestamp (e.g. 2024-03-01T09:30:00Z)`,
      );
      return Number.NaN;
    }
    return t;
  };
  const opened = time("opened", raw.opened);
  if (opened === null)
    problems.fail("missing-timestamp", col("opened"), "the opening time is blank");
  const resolved = time("resolved", raw.resolved);
  const rawEscalations = raw.escalations;
  const listed: unknown[] =
    rawEscalations === undefined || rawEscalations === null
      ? []
      : typeof rawEscalations === "string"
        ? rawEscalations
            .split(/[;|]/)
            .map((part) => part.trim())
            .filter((part) => part.length > 0)
        : [...(rawEscalations as readonly unknown[])];
  const escalations: number[] = [];
  for (const value of listed) {
    const t = time("escalations", value);
    escalations.push(t ?? Number.NaN);
  }
  const openedOk = opened !== null && !Number.isNaN(opened);
  if (openedOk && resolved !== null && !Number.isNaN(resolved) && resolved < opened) {
    problems.fail(
      "before-creation",
      col("resolved"),
      `the resolution ${show(raw.resolved)} is before the opening ${show(raw.opened)}`,
    );
  }
  escalations.forEach((t, k) => {
    if (Number.isNaN(t)) return;
    const level = k + 1;
    if (openedOk && t < (opened as number)) {
      problems.fail(
        "before-creation",
        col("escalations"),
        `escalation level ${level} (${show(listed[k])}) is before the opening ${show(raw.opened)}`,
      );
    }
    const previous = k > 0 ? (escalations[k - 1] as number) : Number.NaN;
    if (!Number.isNaN(previous) && t < previous) {
      problems.fail(
        "escalation-out-of-order",
        col("escalations"),
        `escalation level ${level} (${show(listed[k])}) is before level ${level - 1} (${show(listed[k - 1])})`,
      );
    }
    if (resolved !== null && !Number.isNaN(resolved) && t > resolved) {
      problems.fail(
        "escalation-out-of-order",
        col("escalations"),
        `escalation level ${level} (${show(listed[k])}) is after the resolution ${show(raw.resolved)}`,
      );
    }
  });
  const score = (field: "satisfaction" | "satisfactionBefore"): number | null => {
    const value = numberCell(raw[field]);
    if (value === null) return null;
    if (Number.isNaN(value)) {
      problems.fail("not-a-number", col(field), `${show(raw[field])} is not a number`);
      return null;
    }
    if (value < context.scale.min || value > context.scale.max) {
      problems.fail(
        "out-of-range",
        col(field),
        `${value} is off the satisfaction scale ${context.scale.min}–${context.scale.max}`,
      );
      return null;
    }
    return value;
  };
  const satisfactionBefore = score("satisfactionBefore");
  const satisfaction = score("satisfaction");
  const stayed = booleanCell(raw.stayed);
  if (stayed === undefined) {
    problems.fail("not-yes-no", col("stayed"), `${show(raw.stayed)} is not yes or no`);
  }
  const customerId = text("customerId");
  const outcome = text("outcome");
  const region = text("region");
  if (problems.reasons.length > 0) return { record: null, problems };
  return {
    record: {
      ...place,
      id: id as string,
      customerId,
      channel: channel as ComplaintChannel,
      opened: opened as number,
      escalations,
      resolved,
      outcome,
      satisfactionBefore,
      satisfaction,
      stayed: stayed ?? null,
      region,
    },
    problems,
  };
}

/**
 * Validates complaint records for {@link serviceRecovery}: every record is used or excluded
 * with coded reasons naming its row and column (`recordsIn = recordsUsed + recordsExcluded`),
 * as `checkComplaint` rules. The escalation depth of a complaint is the number of escalation
 * levels it passed (0: settled at first contact).
 *
 * @param input - The complaints (objects with the fields of {@link ComplaintInput}).
 * @param options - `scale` (default 1–5), `calendar`, `issueLimit`, `excludedLimit`.
 * @returns The complaints kept, the report, the scale and the calendar.
 * @throws {ServqualError} `invalid-argument` when `input` is not an array or the scale is bad;
 * `invalid-options` for a bad calendar or an unknown option.
 * @example
 * const set = validateComplaints([
 *   { id: "c1", channel: "phone", opened: "2024-03-01T09:00:00Z",
 *     escalations: ["2024-03-01T12:00:00Z"], resolved: "2024-03-02T09:00:00Z",
 *     satisfaction: 4, stayed: "yes" },
 * ]);
 * set.complaints[0].escalations.length //=> 1
 */
export function validateComplaints(
  input: readonly ComplaintInput[],
  options?: ComplaintValidationOptions,
): ComplaintSet {
  const fn = "validateComplaints";
  expectKind(fn, "input", input, "array", "an array of complaints");
  checkOptionKeys(fn, options, COMPLAINT_VALIDATION_OPTIONS);
  const context = complaintContext(fn, options);
  const collector = new RecordCollector<Complaint>(recordLimits(fn, options));
  (input as readonly unknown[]).forEach((raw, index) => {
    const place = { row: index + 1 };
    if (isRecord(raw)) rejectUnknownFields(fn, "complaint", raw, index, FIELDS);
    const { record, problems } = checkComplaint(raw, place, {}, context);
    collector.add(place, record?.id ?? idOf(raw), record, problems);
  });
  return {
    kind: "complaints",
    complaints: collector.kept,
    report: collector.report(),
    scale: context.scale,
    calendar: context.calendar,
  };
}
