import { basename } from "node:path";
import type * as Library from "../node";
import type * as Reports from "../report";
import type { CalendarFlags } from "./calendarFlags";
import { forTerminal, printError } from "./terminal";
import { ExitCode } from "./usage";
import { UsageError } from "./usageError";

type Servqual = typeof Library & typeof Reports;

/** The files of gaps 1–4 (`--management`, `--standards`, `--records`, `--promises`, `--factors`). */
export interface FiveGapFiles {
  readonly management?: string;
  readonly standards?: string;
  readonly records?: string;
  readonly promises?: string;
  readonly factors?: string;
  /** The instant delivery records are checked against (default: the time of the run). */
  readonly asOf?: string;
  /** The records' calendar (`--business-hours`, `--business-days`, `--time-zone`, `--holidays`). */
  readonly calendar?: CalendarFlags;
}

/** The option of each input, in the order they are read. */
export const FIVE_GAP_OPTIONS = [
  "management",
  "standards",
  "records",
  "promises",
  "factors",
] as const;

/**
 * The five-gap files of the command line, checked for the combinations the gaps need:
 * `--records` needs `--standards` (Gap 3 measures records against standards) and `--promises`
 * needs `--records` (Gap 4 measures promises against delivery). Undefined when none is given.
 *
 * @param value - The value of each option, undefined when absent.
 * @throws {UsageError} for a missing partner option.
 *
 * @example
 * fiveGapFilesOf((name) => (name === "standards" ? "s.csv" : undefined)) //=> { standards: "s.csv" }
 */
export function fiveGapFilesOf(
  value: (name: (typeof FIVE_GAP_OPTIONS)[number]) => string | undefined,
): FiveGapFiles | undefined {
  const files: Record<string, string> = {};
  for (const name of FIVE_GAP_OPTIONS) {
    const file = value(name);
    if (file !== undefined) files[name] = file;
  }
  if (Object.keys(files).length === 0) return undefined;
  if (files.records !== undefined && files.standards === undefined) {
    throw new UsageError(
      "--records needs --standards FILE (Gap 3 measures the records against the standards)",
    );
  }
  if (files.promises !== undefined && files.records === undefined) {
    throw new UsageError(
      "--promises needs --records FILE (Gap 4 measures the promises against delivery records)",
    );
  }
  return files;
}

/**
 * The five-gap files as report.json records them: each file's name without its folder (the
 * same on every machine), and `asOf`.
 *
 * @example
 * fiveGapProvenance({ standards: "/data/standards.csv" }) //=> { standards: "standards.csv" }
 */
export function fiveGapProvenance(files: FiveGapFiles): Record<string, string> {
  const { calendar, ...rest } = files;
  const entries = Object.entries(rest).map(([key, value]) => [
    key,
    key === "asOf" ? value : basename(value),
  ]);
  if (calendar?.businessHours !== undefined)
    entries.push(["businessHours", calendar.businessHours]);
  if (calendar?.businessDays !== undefined) entries.push(["businessDays", calendar.businessDays]);
  if (calendar?.timeZone !== undefined) entries.push(["timeZone", calendar.timeZone]);
  if (calendar?.holidays !== undefined) entries.push(["holidays", basename(calendar.holidays)]);
  return Object.fromEntries(entries);
}

/**
 * The library calendar of the records' flags: hours and zone as given, and the dates of the
 * holiday file (read by `readHolidaysCsv` with `perRegion`, which records every row it cannot
 * use): a holiday without region closes every record, one with a region the records of that
 * region (`calendar.regionHolidays`). Undefined without flags (the library's default calendar).
 */
async function recordsCalendar(
  lib: Servqual,
  flags: CalendarFlags | undefined,
): Promise<{ calendar?: Library.CalendarOptions; holidays?: Library.HolidaySet }> {
  if (flags === undefined) return {};
  const holidays =
    flags.holidays === undefined
      ? undefined
      : await lib.readHolidaysCsv(flags.holidays, { perRegion: true });
  const calendar: Library.CalendarOptions = {
    ...(flags.timeZone === undefined ? {} : { timeZone: flags.timeZone }),
    ...(flags.hours === undefined ? {} : { hours: flags.hours }),
    ...(holidays === undefined ? {} : { holidays: holidays.dates }),
    ...(holidays === undefined || Object.keys(holidays.regionDates).length === 0
      ? {}
      : { regionHolidays: holidays.regionDates }),
  };
  return { calendar, ...(holidays === undefined ? {} : { holidays }) };
}

/** A ServqualError of one input as one line on standard error. */
function printInputError(
  lib: Servqual,
  option: string,
  file: string,
  error: Library.ServqualError,
): void {
  const first = error.issues[0];
  const reason = first === undefined ? "" : ` (${lib.describeIssue(first)})`;
  // the readers' messages start with the file's name, which this line already gives
  let message = error.message.split("\n")[0] ?? "";
  const named = message.indexOf(`${basename(file)}: `);
  if (named !== -1) message = message.slice(named + basename(file).length + 2);
  printError(
    `servqual: --${option} ${forTerminal(file, true)}: ${forTerminal(`${message}${reason}`, true)}\n`,
  );
}

/** Counts of a validation report, as the five-gap report lists them. */
function summary(
  input: string,
  file: string,
  report: Library.IssueLogSummary & { readonly rowsIn?: number; readonly recordsIn?: number },
): Reports.FiveGapInputSummary {
  const recordsIn = report.recordsIn ?? report.rowsIn ?? 0;
  return {
    input,
    source: basename(file),
    recordsIn,
    recordsUsed: recordsIn - report.rowsExcluded,
    recordsExcluded: report.rowsExcluded,
    exclusionCounts: { ...report.exclusionCounts },
    issueCounts: { ...report.issueCounts },
    excludedRows: report.excludedRows.slice(0, 20),
  };
}

/**
 * Reads the inputs of gaps 1–4 and computes them with the five-gap diagnosis: Gap 1 from the
 * management survey against the customers' expectations, Gap 2 from the standards (with the
 * customers' expectations), Gap 3 from the delivery records against the standards, Gap 4 from
 * the promises against the records, the contributing factors from the employee survey, and
 * `fiveGapModel` over them and Gap 5. A file that cannot be read, or has no usable record, is
 * one line on standard error naming the option and the file, and exit code 1.
 *
 * @param lib - `servqual/node` and `servqual/report`.
 * @param files - The files given (or the demo's).
 * @param customers - The customer survey's dataset.
 * @param gap5 - Its Gap 5 result, or null (no expectation–perception data).
 * @param asOf - The instant records are checked against when `files.asOf` is not given.
 * @returns The five-gap results for `GapReport.fiveGap`, or an exit code.
 *
 * @example
 * const fiveGap = await readFiveGap(lib, { standards: "s.csv" }, dataset, results.gap5, now);
 */
export async function readFiveGap(
  lib: Servqual,
  files: FiveGapFiles,
  customers: Library.Dataset,
  gap5: Library.Gap5Result | null,
  asOf: string,
): Promise<Reports.FiveGapReport | number> {
  let option: string = FIVE_GAP_OPTIONS[0];
  let file = "";
  const inputs: Reports.FiveGapInputSummary[] = [];
  /** Records the summary of an input and fails when nothing in it can be used. */
  const used = (
    input: string,
    report: Library.IssueLogSummary & { readonly rowsIn?: number; readonly recordsIn?: number },
    what: string,
  ) => {
    const s = summary(input, file, report);
    inputs.push(s);
    if (s.recordsUsed > 0) return true;
    const reasons = Object.entries(s.exclusionCounts)
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
    printError(
      `servqual: --${option} ${forTerminal(file, true)}: no usable ${what} (${s.recordsIn} read${reasons === "" ? "" : `, excluded: ${forTerminal(reasons, true)}`})\n`,
    );
    return false;
  };
  try {
    const instrument = customers.instrument;
    let gap1: Library.Gap1Result | null = null;
    let gap2: Library.Gap2Result | null = null;
    let gap3: Library.Gap3Result | null = null;
    let gap4: Library.Gap4Result | null = null;
    let factors: Library.ContributingFactorsResult | null = null;
    if (files.management !== undefined) {
      [option, file] = ["management", files.management];
      const managers = await lib.readManagementSurveyCsv(file, instrument);
      if (!used("management", managers.report, "manager row")) return ExitCode.BadInput;
      gap1 = lib.gap1(customers, managers);
    }
    let standards: Library.StandardSet | null = null;
    if (files.standards !== undefined) {
      [option, file] = ["standards", files.standards];
      standards = await lib.readStandardsCsv(file);
      if (!used("standards", standards.report, "standard")) return ExitCode.BadInput;
      gap2 = lib.gap2(standards, { customer: customers });
    }
    let records: Library.DeliverySet | null = null;
    if (files.records !== undefined && standards !== null) {
      if (files.calendar?.holidays !== undefined)
        [option, file] = ["holidays", files.calendar.holidays];
      const { calendar, holidays } = await recordsCalendar(lib, files.calendar);
      if (holidays !== undefined) inputs.push(summary("holidays", file, holidays.report));
      [option, file] = ["records", files.records];
      records = await lib.readDeliveryRecordsCsv(file, {
        standards,
        asOf: files.asOf ?? asOf,
        ...(calendar === undefined ? {} : { calendar }),
      });
      if (!used("records", records.report, "record")) return ExitCode.BadInput;
      gap3 = lib.gap3(
        records,
        standards,
        holidays === undefined ? {} : { holidayRows: holidays.holidays },
      );
    }
    if (files.promises !== undefined && records !== null) {
      [option, file] = ["promises", files.promises];
      const promises = await lib.readPromisesCsv(file);
      if (!used("promises", promises.report, "promise")) return ExitCode.BadInput;
      gap4 = lib.gap4(promises, records, standards === null ? {} : { standards });
    }
    if (files.factors !== undefined) {
      [option, file] = ["factors", files.factors];
      const survey = await lib.readFactorSurveyCsv(file);
      if (!used("factors", survey.report, "respondent")) return ExitCode.BadInput;
      factors = lib.contributingFactors(survey.dataset);
    }
    const results = {
      ...(gap1 === null ? {} : { gap1 }),
      ...(gap2 === null ? {} : { gap2 }),
      ...(gap3 === null ? {} : { gap3 }),
      ...(gap4 === null ? {} : { gap4 }),
      ...(gap5 === null ? {} : { gap5 }),
      ...(factors === null ? {} : { factors }),
    };
    const model = lib.fiveGapModel(results);
    const crm = lib.crmGapViews(results);
    return { model, gap1, gap2, gap3, gap4, factors, inputs, crm };
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    printInputError(lib, option, file, error);
    return ExitCode.BadInput;
  }
}
