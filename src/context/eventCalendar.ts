import { z } from "zod";
import { expectKind, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { lazy } from "../_lib/lazy";
import { type Notice, notice } from "../_lib/notice";
import { zodIssues } from "../_lib/zodIssues";
import { isIsoDate } from "../operations/calendar";
import {
  type RecordPlace,
  RecordProblems,
  type RecordReport,
  textCell,
} from "../operations/fields";
import {
  idOf,
  RECORD_VALIDATION_OPTIONS,
  RecordCollector,
  type RecordValidationOptions,
  recordLimits,
} from "../operations/standards";

/** The kinds of event a calendar window may be. */
export type CalendarEventType = "storm" | "flood" | "heavy-snow" | "outage" | "strike" | "holiday";

/** Every {@link CalendarEventType}, in order. */
export const CALENDAR_EVENT_TYPES: readonly CalendarEventType[] = [
  "storm",
  "flood",
  "heavy-snow",
  "outage",
  "strike",
  "holiday",
];

/** One event window as given (a row of the calendar). */
export interface EventWindowInput {
  /** The window's id (default: type, region and start). */
  readonly id?: string;
  /** storm, flood, heavy-snow (also "heavy snow", "heavy_snow"), outage, strike, holiday. */
  readonly type: string;
  /** The region it hit (a value of the dataset's region column); blank or "all" = every region. */
  readonly region?: string | null;
  /** First and last local day (`yyyy-mm-dd`, inclusive). */
  readonly start: string;
  readonly end: string;
  readonly label?: string | null;
}

/** A validated event window. */
export interface EventWindow extends RecordPlace {
  readonly id: string;
  readonly type: CalendarEventType;
  /** The region, or null for every region. */
  readonly region: string | null;
  readonly start: string;
  readonly end: string;
  readonly label: string;
}

/** Event windows that passed validation, the report of all of them and the overlaps found. */
export interface EventCalendar {
  readonly kind: "event-calendar";
  readonly windows: readonly EventWindow[];
  readonly report: RecordReport;
  /** One `overlapping-windows` notice per pair of windows sharing a region and a day. */
  readonly warnings: readonly Notice[];
}

/** The CSV column of each field. */
export const EVENT_WINDOW_COLUMNS: Readonly<Record<keyof EventWindowInput, string>> = {
  id: "id",
  type: "type",
  region: "region",
  start: "start",
  end: "end",
  label: "label",
};

const cell = () => z.union([z.string(), z.null()]).optional();

/** The zod model of one window's shape (text fields; the rules are checked after it). */
export const eventWindowSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject(
    Object.fromEntries(Object.keys(EVENT_WINDOW_COLUMNS).map((key) => [key, cell()])) as Record<
      keyof EventWindowInput,
      ReturnType<typeof cell>
    >,
  ),
);

function eventType(text: string | null | undefined): CalendarEventType | null {
  if (text === null || text === undefined) return null;
  const key = text.toLowerCase().replace(/[\s_]+/g, "-");
  return (CALENDAR_EVENT_TYPES as readonly string[]).includes(key)
    ? (key as CalendarEventType)
    : null;
}

/**
 * Checks one window; null when excluded. Rules: a known type (`unknown-window-type`); both
 * days present (`missing-period`) and real `yyyy-mm-dd` dates (`bad-date`); the end not before
 * the start (`inverted-window`).
 */
export function checkEventWindow(
  raw: unknown,
  place: RecordPlace,
  columns: Readonly<Record<string, string>>,
): { window: EventWindow | null; problems: RecordProblems } {
  const problems = new RecordProblems();
  const col = (field: keyof EventWindowInput) => columns[field] ?? field;
  if (!isRecord(raw)) {
    problems.fail("not-an-object", "(row)", "an event window must be an object of fields");
    return { window: null, problems };
  }
  const parsed = eventWindowSchema().safeParse(raw);
  if (!parsed.success) {
    for (const issue of zodIssues(eventWindowSchema(), parsed.error.issues)) {
      problems.fail("invalid-window", String(issue.path?.[0] ?? "(row)"), issue.message);
    }
    return { window: null, problems };
  }
  const text = (field: keyof EventWindowInput) => textCell(raw[field]) ?? null;
  const type = eventType(text("type"));
  if (type === null) {
    problems.fail(
      "unknown-window-type",
      col("type"),
      `the type must be one of ${CALENDAR_EVENT_TYPES.join(", ")}, not ${JSON.stringify(text("type") ?? "")}`,
    );
  }
  const start = text("start");
  const end = text("end");
  if (start === null || end === null) {
    problems.fail(
      "missing-period",
      start === null ? col("start") : col("end"),
      "an event window needs its first and last day: start and end (yyyy-mm-dd)",
    );
  } else if (!isIsoDate(start) || !isIsoDate(end)) {
    problems.fail(
      "bad-date",
      isIsoDate(start) ? col("end") : col("start"),
      `"${isIsoDate(start) ? end : start}" is not a date yyyy-mm-dd`,
    );
  } else if (end < start) {
    problems.fail(
      "inverted-window",
      col("end"),
      `the window ends (${end}) before it starts (${start})`,
    );
  }
  if (problems.reasons.length > 0) return { window: null, problems };
  const given = text("region");
  const region = given === null || given.toLowerCase() === "all" ? null : given;
  const kind = type as CalendarEventType;
  return {
    window: {
      ...place,
      id: text("id") ?? `${kind}@${region ?? "all"}@${start}`,
      type: kind,
      region,
      start: start as string,
      end: end as string,
      label: text("label") ?? `${kind.replace("-", " ")} ${start}–${end}`,
    },
    problems,
  };
}

/** True when two windows share a region (or one covers all) and at least one day. */
export function windowsOverlap(a: EventWindow, b: EventWindow): boolean {
  const sameRegion = a.region === null || b.region === null || a.region === b.region;
  return sameRegion && a.start <= b.end && b.start <= a.end;
}

/**
 * Finds overlapping windows: one `overlapping-windows` warning per pair. Both windows are
 * kept; a respondent dated in both counts inside each.
 */
function overlaps(windows: readonly EventWindow[]): Notice[] {
  const warnings: Notice[] = [];
  const sorted = [...windows].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i] as EventWindow;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j] as EventWindow;
      if (b.start > a.end) break;
      if (!windowsOverlap(a, b)) continue;
      const [first, second] = a.row <= b.row ? [a, b] : [b, a];
      const message = `windows ${first.id} (row ${first.row}, ${first.start}..${first.end}) and ${second.id} (row ${second.row}, ${second.start}..${second.end}) overlap in ${first.region ?? second.region ?? "all regions"}`;
      warnings.push(notice("overlapping-windows", message));
    }
  }
  return warnings;
}

/** Builds the calendar from the windows kept and the report (shared by the array and CSV readers). */
export function eventCalendarOf(
  windows: readonly EventWindow[],
  report: RecordReport,
): EventCalendar {
  return { kind: "event-calendar", windows, report, warnings: overlaps(windows) };
}

/**
 * Validates an event calendar: windows of storm, flood, heavy snow, outage, strike or holiday,
 * each for one region or all, from a first to a last local day (inclusive). Every window is
 * used or excluded with coded reasons naming its row and column: an unknown type
 * (`unknown-window-type`), a missing or impossible day (`missing-period`, `bad-date`), an end
 * before the start (`inverted-window`), a repeated id (`duplicate-id`). Overlapping windows are
 * kept, each pair warned (`overlapping-windows`). Regions are checked against the survey when
 * the calendar is used (`eventWindowEffects`: `unknown-region`).
 *
 * @param input - The windows (objects with the fields of {@link EventWindowInput}).
 * @param options - `issueLimit`, `excludedLimit`.
 * @returns The windows kept, the report (recordsIn = recordsUsed + recordsExcluded) and warnings.
 * @throws {ServqualError} `invalid-argument` when `input` is not an array.
 * @example
 * const calendar = validateEventCalendar([
 *   { type: "flood", region: "North", start: "2024-11-04", end: "2024-11-24" },
 * ]);
 * calendar.windows[0].id //=> "flood@North@2024-11-04"
 */
export function validateEventCalendar(
  input: readonly EventWindowInput[],
  options?: RecordValidationOptions,
): EventCalendar {
  expectKind("validateEventCalendar", "input", input, "array", "an array of event windows");
  checkOptionKeys("validateEventCalendar", options, RECORD_VALIDATION_OPTIONS);
  const collector = new RecordCollector<EventWindow>(
    recordLimits("validateEventCalendar", options),
  );
  (input as readonly unknown[]).forEach((raw, index) => {
    const place = { row: index + 1 };
    const { window, problems } = checkEventWindow(raw, place, {});
    collector.add(place, window?.id ?? idOf(raw, "type"), window, problems);
  });
  return eventCalendarOf(collector.kept, collector.report());
}
