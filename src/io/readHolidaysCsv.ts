import { invalidArgument, isRecord } from "../_lib/checkArgument";
import { checkOptionKeys } from "../_lib/checkOptionKeys";
import { isIsoDate } from "../operations/calendar";
import { RecordProblems, type RecordReport, textCell } from "../operations/fields";
import { RECORD_VALIDATION_OPTIONS } from "../operations/standards";
import { readRecordTableCsv } from "./readOperationsCsv";
import type { StandardsCsvOptions } from "./readStandardsCsv";

/** One holiday of a holiday calendar: a local date, closed all day. */
export interface Holiday {
  /** `date`, or `date@region` for a regional holiday (unique in the file). */
  readonly id: string;
  readonly date: string;
  /** The region it applies to; null: every region. */
  readonly region: string | null;
  readonly name: string | null;
  readonly row: number;
  readonly line?: number;
}

/** The holidays of a file, their dates ready for `CalendarOptions.holidays`, and the report. */
export interface HolidaySet {
  readonly kind: "holidays";
  readonly holidays: readonly Holiday[];
  /** The kept holidays' dates, sorted, each once. */
  readonly dates: readonly string[];
  readonly report: RecordReport;
}

/** Options of {@link readHolidaysCsv}. */
export interface HolidaysCsvOptions extends StandardsCsvOptions {
  /**
   * The region whose calendar is wanted: its regional holidays are kept with the holidays of
   * every region. Without it only the holidays of every region (blank `region`) are kept.
   */
  readonly region?: string;
}

const COLUMNS = { date: "date", region: "region", name: "name" } as const;

/**
 * Reads a holiday calendar from a CSV file (UTF-8, header row) with the column `date` (a local
 * date `YYYY-MM-DD`, required) and the optional columns `region` (blank: a holiday of every
 * region) and `name`. Rows are read by the same rules as the other operational files (every
 * issue names its line; `recordsIn = recordsUsed + recordsExcluded`): a date that is not a real
 * date is excluded (`bad-date`), a date listed twice for the same region (`duplicate-id`), and a
 * holiday of another region than `options.region` (`other-region`: one calendar serves all
 * records, so a regional holiday is used only when its region is asked for).
 *
 * @param path - The file.
 * @param options - `region`, `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The holidays kept, their `dates` (for `calendar.holidays`) and the report.
 * @throws {ServqualError} `invalid-input` for a missing file or `date` column.
 * @example
 * const { dates } = await readHolidaysCsv("holidays.csv");
 * gap3(records, standards, { calendar: { timeZone: "Europe/London", holidays: dates } });
 */
export async function readHolidaysCsv(
  path: string | URL,
  options?: HolidaysCsvOptions,
): Promise<HolidaySet> {
  const fn = "readHolidaysCsv";
  if (options !== undefined && !isRecord(options))
    throw invalidArgument(fn, "options", "an object of options", options);
  checkOptionKeys(fn, options, [...RECORD_VALIDATION_OPTIONS, "delimiter", "region"]);
  const wanted = options?.region;
  if (wanted !== undefined && (typeof wanted !== "string" || wanted.trim().length === 0))
    throw invalidArgument(fn, "options.region", "a non-empty region name", wanted);
  const { region: _region, ...rest } = options ?? {};
  const { kept, report } = await readRecordTableCsv(fn, path, rest, {
    names: COLUMNS,
    required: ["date"],
    check(raw, place, columns) {
      const problems = new RecordProblems();
      const date = textCell(raw.date) ?? null;
      const region = textCell(raw.region) ?? null;
      const name = textCell(raw.name) ?? null;
      if (date === null || !isIsoDate(date)) {
        problems.fail(
          "bad-date",
          columns.date ?? "date",
          `${JSON.stringify(raw.date ?? "")} is not a date YYYY-MM-DD`,
        );
      } else if (region !== null && region !== wanted?.trim()) {
        problems.fail(
          "other-region",
          columns.region ?? "region",
          wanted === undefined
            ? `a holiday of region "${region}" only; the calendar serves every region`
            : `a holiday of region "${region}", not of "${wanted}"`,
        );
      }
      if (problems.reasons.length > 0) return { record: null, problems };
      const holiday: Holiday = {
        id: region === null ? (date as string) : `${date}@${region}`,
        date: date as string,
        region,
        name,
        ...place,
      };
      return { record: holiday, problems };
    },
  });
  const dates = [...new Set(kept.map((h) => h.date))].sort();
  return { kind: "holidays", holidays: kept, dates, report };
}
