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

/**
 * The holidays of a file, their dates ready for `CalendarOptions.holidays` and
 * `CalendarOptions.regionHolidays`, and the report.
 */
export interface HolidaySet {
  readonly kind: "holidays";
  readonly holidays: readonly Holiday[];
  /**
   * The kept holidays' dates, sorted, each once: every region's, and with `region` that
   * region's too (with `perRegion`: every region's only).
   */
  readonly dates: readonly string[];
  /** With `perRegion`: region → its own holidays' dates (sorted, each once); else empty. */
  readonly regionDates: Readonly<Record<string, readonly string[]>>;
  readonly report: RecordReport;
}

/** Options of {@link readHolidaysCsv}. */
export interface HolidaysCsvOptions extends StandardsCsvOptions {
  /**
   * The region whose calendar is wanted: its regional holidays are kept with the holidays of
   * every region. Without it only the holidays of every region (blank `region`) are kept.
   */
  readonly region?: string;
  /**
   * Keep the holidays of every region: `dates` are those of every region (blank `region`) and
   * `regionDates` each region's own, for `calendar: { holidays: dates, regionHolidays:
   * regionDates }` (a record is then closed on its region's holidays). Not with `region`.
   */
  readonly perRegion?: boolean;
}

const COLUMNS = { date: "date", region: "region", name: "name" } as const;

/**
 * Reads a holiday calendar from a CSV file (UTF-8, header row) with the column `date` (a local
 * date `YYYY-MM-DD`, required) and the optional columns `region` (blank: a holiday of every
 * region) and `name`. Rows are read by the same rules as the other operational files (every
 * issue names its line; `recordsIn = recordsUsed + recordsExcluded`): a date that is not a real
 * date is excluded (`bad-date`), a date listed twice for the same region (`duplicate-id`). A
 * holiday with a region is kept with `perRegion` (in `regionDates`, for
 * `calendar.regionHolidays`: it closes the records of that region only) or when its region is
 * `options.region` (one calendar for that region's records); otherwise it is excluded
 * (`other-region`).
 *
 * @param path - The file.
 * @param options - `region` or `perRegion`, `delimiter`, `issueLimit`, `excludedLimit`.
 * @returns The holidays kept, their `dates` (for `calendar.holidays`), `regionDates` (for
 * `calendar.regionHolidays`) and the report.
 * @throws {ServqualError} `invalid-input` for a missing file or `date` column;
 * `invalid-argument` for a bad `region`, or `region` with `perRegion`.
 * @example
 * const { dates, regionDates } = await readHolidaysCsv("holidays.csv", { perRegion: true });
 * gap3(records, standards, {
 *   calendar: { timeZone: "Europe/London", holidays: dates, regionHolidays: regionDates },
 * });
 */
export async function readHolidaysCsv(
  path: string | URL,
  options?: HolidaysCsvOptions,
): Promise<HolidaySet> {
  const fn = "readHolidaysCsv";
  if (options !== undefined && !isRecord(options))
    throw invalidArgument(fn, "options", "an object of options", options);
  checkOptionKeys(fn, options, [...RECORD_VALIDATION_OPTIONS, "delimiter", "region", "perRegion"]);
  const wanted = options?.region;
  if (wanted !== undefined && (typeof wanted !== "string" || wanted.trim().length === 0))
    throw invalidArgument(fn, "options.region", "a non-empty region name", wanted);
  const perRegion = options?.perRegion ?? false;
  if (typeof perRegion !== "boolean")
    throw invalidArgument(fn, "options.perRegion", "true or false", perRegion);
  if (perRegion && wanted !== undefined)
    throw invalidArgument(
      fn,
      "options.perRegion",
      "not with options.region (one region's calendar, or every region's)",
      perRegion,
    );
  const { region: _region, perRegion: _perRegion, ...rest } = options ?? {};
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
      } else if (region !== null && !perRegion && region !== wanted?.trim()) {
        problems.fail(
          "other-region",
          columns.region ?? "region",
          wanted === undefined
            ? `a holiday of region "${region}" only; the calendar serves every region (perRegion applies it to that region's records)`
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
  const dates = [
    ...new Set(kept.filter((h) => !perRegion || h.region === null).map((h) => h.date)),
  ].sort();
  const regionDates: Record<string, string[]> = {};
  if (perRegion) {
    for (const h of kept) {
      if (h.region === null) continue;
      const list = regionDates[h.region] ?? [];
      list.push(h.date);
      regionDates[h.region] = list;
    }
    for (const list of Object.values(regionDates)) list.sort();
  }
  return { kind: "holidays", holidays: kept, dates, regionDates, report };
}
