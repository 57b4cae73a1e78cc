import { TZDate } from "@date-fns/tz/date";
import { expectKind, isRecord } from "../../_lib/checkArgument";
import { checkOptionKeys, optionNames } from "../../_lib/checkOptionKeys";
import { IssueLog } from "../../_lib/issueLog";
import { rejectUnknownFields } from "../../_lib/rejectUnknownFields";
import { ServqualError } from "../../_lib/ServqualError";
import { type CalendarTable, isKnownTimeZone } from "../../operations/calendar";
import {
  type RecordPlace,
  RecordProblems,
  type RecordReport,
  textCell,
} from "../../operations/fields";
import { type RecordValidationOptions, recordLimits } from "../../operations/standards";
import { parseTimestamp, utcMs } from "../../operations/timestamp";

/** Reads wall times in one zone: UTC by arithmetic, another zone through `TZDate`. */
export type WallClock = Pick<CalendarTable, "localInstant">;

/** One free-text comment as given (an object, or a CSV row with the columns of {@link COMMENT_COLUMNS}). */
export interface CommentInput {
  readonly id?: string | null;
  readonly respondentId?: string | null;
  /** When it was said: ISO 8601 date or timestamp (without a zone: in `timeZone`), or a Date. */
  readonly date?: string | Date | null;
  readonly region?: string | null;
  readonly comment: string;
}

/** A validated comment. */
export interface CustomerComment extends RecordPlace {
  readonly id: string | null;
  readonly respondentId: string | null;
  /** Epoch milliseconds, null when no date was given. */
  readonly date: number | null;
  readonly region: string | null;
  readonly text: string;
}

/** Comments that passed validation and the report of all. */
export interface CommentSet {
  readonly kind: "comments";
  readonly comments: readonly CustomerComment[];
  readonly report: RecordReport;
}

/** Options of {@link validateComments}. */
export interface CommentValidationOptions extends RecordValidationOptions {
  /** IANA zone of dates and timestamps without a zone (default `"UTC"`). */
  readonly timeZone?: string;
}

/** The option names of {@link validateComments}. */
export const COMMENT_VALIDATION_OPTIONS = optionNames<CommentValidationOptions>({
  timeZone: true,
  issueLimit: true,
  excludedLimit: true,
});

/** The CSV column of each field. */
export const COMMENT_COLUMNS: Readonly<Record<keyof CommentInput, string>> = {
  id: "id",
  respondentId: "respondent_id",
  date: "date",
  region: "region",
  comment: "comment",
};

const FIELDS = Object.keys(COMMENT_COLUMNS) as (keyof CommentInput)[];

/** Resolves the zone of a comment validator into a wall clock (UTC arithmetic or TZDate). */
export function commentTable(fn: string, options: CommentValidationOptions | undefined): WallClock {
  const zone = options?.timeZone ?? "UTC";
  if (typeof zone !== "string" || !isKnownTimeZone(zone)) {
    throw new ServqualError("invalid-options", `${fn}: the options are not valid.`, [
      {
        code: "unknown-time-zone",
        message: `option timeZone: ${JSON.stringify(zone)} is not an IANA time zone this runtime knows`,
        path: ["timeZone"],
      },
    ]);
  }
  return {
    localInstant: (y, m, d, h, mi, sec, ms) =>
      zone === "UTC"
        ? utcMs(y, m, d) + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms
        : new TZDate(y, m - 1, d, h, mi, sec, ms, zone).getTime(),
  };
}

// C0 controls other than tab, line feed and carriage return; DEL; C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Checks one comment: a text (`missing-comment` when blank); no U+FFFD (`replacement-character`:
 * bytes that were not valid UTF-8 when the file was read) and no NUL or other control character
 * (`control-character`): such a comment is excluded, since its words cannot be trusted; a date
 * that parses (`bad-date`; a blank date leaves the comment undated). Markup and formula text are
 * kept as they are: they are data, never evaluated.
 */
export function checkComment(
  raw: unknown,
  place: RecordPlace,
  columns: Readonly<Record<string, string>>,
  table: WallClock,
): { record: CustomerComment | null; problems: RecordProblems } {
  const problems = new RecordProblems();
  const col = (field: keyof CommentInput) => columns[field] ?? field;
  if (!isRecord(raw)) {
    problems.fail("not-an-object", "(row)", "a comment must be an object of fields");
    return { record: null, problems };
  }
  const text = raw.comment;
  if (text !== undefined && text !== null && typeof text !== "string") {
    problems.fail("missing-comment", col("comment"), "the comment must be text");
  } else if (typeof text !== "string" || text.trim().length === 0) {
    problems.fail("missing-comment", col("comment"), "the comment is blank");
  } else if (text.includes("\uFFFD")) {
    problems.fail(
      "replacement-character",
      col("comment"),
      "the comment holds U+FFFD: bytes that are not valid UTF-8 (save the file as UTF-8)",
    );
  } else {
    const control = CONTROL.exec(text);
    if (control !== null) {
      problems.fail(
        "control-character",
        col("comment"),
        `the comment holds the control character U+${(control[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} at position ${control.index + 1}`,
      );
    }
  }
  let date: number | null = null;
  const rawDate = raw.date;
  if (rawDate instanceof Date) {
    date = rawDate.getTime();
    if (Number.isNaN(date)) problems.fail("bad-date", col("date"), "the date is an invalid Date");
  } else if (rawDate !== undefined && rawDate !== null && rawDate !== "") {
    date = typeof rawDate === "string" ? parseTimestamp(rawDate.trim(), table) : Number.NaN;
    if (Number.isNaN(date)) {
      problems.fail(
        "bad-date",
        col("date"),
        `${JSON.stringify(rawDate)} is not an ISO 8601 date or timestamp (e.g. 2024-01-31)`,
      );
    }
  }
  const cell = (field: keyof CommentInput) => {
    const value = raw[field];
    if (typeof value === "number") return String(value);
    const t = textCell(value);
    if (t === undefined) problems.fail("invalid-comment", col(field), "must be text");
    return t ?? null;
  };
  const id = cell("id");
  const respondentId = cell("respondentId");
  const region = cell("region");
  if (problems.reasons.length > 0) return { record: null, problems };
  return {
    record: { ...place, id, respondentId, date, region, text: (text as string).trim() },
    problems,
  };
}

/** Gathers checked comments: logs problems, excludes the unusable ones, counts all. */
export class CommentCollector {
  readonly log: IssueLog;
  readonly kept: CustomerComment[] = [];
  private recordsIn = 0;

  constructor(limits: { issueLimit: number; excludedLimit: number }) {
    this.log = new IssueLog(limits);
  }

  add(
    place: RecordPlace,
    id: string | null,
    record: CustomerComment | null,
    problems: RecordProblems | null,
  ): void {
    this.recordsIn += 1;
    if (problems !== null)
      for (const issue of problems.issues) this.log.record({ ...issue, ...place });
    if (record === null) {
      this.log.exclude({ ...place, id, reasons: problems?.reasons ?? [] });
      return;
    }
    this.kept.push(record);
  }

  set(): CommentSet {
    const summary = this.log.summary();
    return {
      kind: "comments",
      comments: this.kept,
      report: {
        ...summary,
        recordsIn: this.recordsIn,
        recordsUsed: this.kept.length,
        recordsExcluded: summary.rowsExcluded,
      },
    };
  }
}

/** The id of an excluded comment: its id, else its respondent id. */
export function commentIdOf(raw: unknown): string | null {
  if (!isRecord(raw)) return null;
  for (const field of ["id", "respondentId"]) {
    const value = raw[field];
    if (typeof value === "string" && value.trim().length > 0) return value.trim();
  }
  return null;
}

/**
 * Validates free-text comments (what customers said, and when and where) for
 * {@link commentThemes}: each is used or excluded with coded reasons naming its row and
 * column (`recordsIn = recordsUsed + recordsExcluded`), as `checkComment` rules.
 *
 * @param input - The comments (objects with the fields of {@link CommentInput}).
 * @param options - `timeZone` (default UTC), `issueLimit`, `excludedLimit`.
 * @returns The comments kept and the report.
 * @throws {ServqualError} `invalid-argument` when `input` is not an array; `invalid-input` for
 * an unknown field; `invalid-options` for an unknown option or time zone.
 * @example
 * const set = validateComments([{ respondentId: "R1", date: "2024-01-15", region: "North", comment: "Waited an hour" }]);
 * set.report.recordsUsed //=> 1
 */
export function validateComments(
  input: readonly CommentInput[],
  options?: CommentValidationOptions,
): CommentSet {
  const fn = "validateComments";
  expectKind(fn, "input", input, "array", "an array of comments");
  checkOptionKeys(fn, options, COMMENT_VALIDATION_OPTIONS);
  const table = commentTable(fn, options);
  const collector = new CommentCollector(recordLimits(fn, options));
  (input as readonly unknown[]).forEach((raw, index) => {
    const place = { row: index + 1 };
    if (isRecord(raw)) rejectUnknownFields(fn, "comment", raw, index, FIELDS);
    const { record, problems } = checkComment(raw, place, {}, table);
    collector.add(place, record?.id ?? record?.respondentId ?? commentIdOf(raw), record, problems);
  });
  return collector.set();
}
