import { readFile } from "node:fs/promises";
import type * as Library from "../node";
import type * as Reports from "../report";
import { withAcrossReport } from "./acrossReport";
import type { ReportCommand } from "./args";
import { closest } from "./closest";
import { readColumnMap } from "./columnMap";
import {
  type ContextFlags,
  type ContextRun,
  demoContext,
  reportContext,
  segmentComparisons,
  wrapLines,
} from "./contextInputs";
import { type FiveGapFiles, fiveGapProvenance, readFiveGap } from "./fiveGapInputs";
import { checkOutputFolder, REPORT_FILES, reportFileNames, writeReportFiles } from "./outputFolder";
import { readingBar } from "./progressOfRead";
import {
  type RecoveryFiles,
  type RecoveryResults,
  readRecoveryInputs,
  recoveryFiles,
} from "./recoveryInputs";
import { relationshipInputs } from "./relationshipInputs";
import { renderSummary } from "./summary";
import { forTerminal, printError, printOut } from "./terminal";
import { trustOfFile } from "./trustInputs";
import { readTrustItems } from "./trustItems";
import { ExitCode } from "./usage";
import { UsageError } from "./usageError";

/** The library as the command uses it: `servqual/node` and `servqual/report`. */
export type Servqual = typeof Library & typeof Reports;

/** Where the demo survey is and how it is described. */
export interface DemoSource {
  readonly path: string;
  readonly title: string;
  readonly source: string;
  readonly segments: readonly string[];
  /** The demo's CRM events and the date they describe. */
  readonly events?: { readonly path: string; readonly asOf: string };
  /** The demo's relationship survey (trust, commitment), shown by the stage of its CRM events. */
  readonly trust?: string;
  /** The demo's inputs of gaps 1–4 (management survey, standards, tickets, promises, factors). */
  readonly fiveGap?: FiveGapFiles;
  /** The demo's event calendar (CSV). */
  readonly calendar?: string;
  /** The demo's complaint records and comments. */
  readonly complaints?: string;
  readonly comments?: string;
}

const MAX_LISTED = 20;

/** What a report run needs that is found without the library. */
export interface PreparedReport {
  /** The CSV file to read. */
  readonly path: string;
  /** The absolute output folder, checked (empty for validate, which writes nothing). */
  readonly folder: string;
  readonly options: Library.CsvFileOptions;
  readonly title: string | undefined;
  readonly source: string;
  /** CRM events for the relationship sections (`--events`, or the demo's), or undefined. */
  readonly events?: { readonly path: string; readonly asOf: string | undefined } | undefined;
  /** The inputs of gaps 1–4 (the options, or the demo's); undefined for none. */
  readonly fiveGap?: FiveGapFiles | undefined;
  /** The demo's event calendar, for `servqual demo`. */
  readonly calendar?: string;
}

/**
 * Everything of `servqual report` / `servqual demo` that needs no library code, so its
 * mistakes are found at once: reads the `--columns` file, checks the output folder and
 * assembles the options of `readResponsesCsv` (flags over the `--columns` file over the
 * defaults; without `--encoding` the reader follows a byte-order mark).
 *
 * @param command - The parsed command line.
 * @param demo - The demo survey (used when `command.demo`).
 * @returns The file, folder, options, title and source of the run.
 * @throws {UsageError} for a bad `--columns` file or `--out`.
 *
 * @example
 * const prepared = await prepareReport(parseCommandLine(["report", "survey.csv"]), demo);
 * prepared.options.columns //=> { segments: [], covariates: [] }
 */
export async function prepareReport(
  command: ReportCommand,
  demo: DemoSource,
): Promise<PreparedReport> {
  const map =
    command.columnsFile === undefined ? undefined : await readColumnMap(command.columnsFile);
  const folder =
    command.kind === "validate"
      ? ""
      : await checkOutputFolder(command.out, command.force, reportFileNames(command.formats));
  const path = command.demo ? demo.path : (command.file ?? "");
  const encoding = command.encoding;
  const segments = command.segments ?? map?.columns.segments ?? (command.demo ? demo.segments : []);
  const rename = new Map([...(map?.rename ?? []), ...command.rename]);
  const options: Library.CsvFileOptions = {
    columns: {
      ...map?.columns,
      ...(command.id === undefined ? {} : { id: command.id }),
      ...(command.date === undefined ? {} : { date: command.date }),
      segments: [...segments],
      covariates: [...(command.covariates ?? map?.columns.covariates ?? [])],
      ...(command.populationColumn === undefined ? {} : { population: command.populationColumn }),
    },
    ...(command.population === undefined && command.populationLabels === undefined
      ? {}
      : {
          population: {
            ...(command.population === undefined ? {} : { default: command.population }),
            ...(command.populationLabels === undefined
              ? {}
              : { labels: [...command.populationLabels] }),
          },
        }),
    ...(rename.size === 0 ? {} : { rename: Object.fromEntries(rename) }),
    ...(command.missing === undefined ? {} : { missing: command.missing }),
    ...(command.delimiter === undefined ? {} : { delimiter: command.delimiter }),
    ...(encoding === undefined ? {} : { encoding }),
  };
  return {
    path,
    folder,
    options,
    title: command.title ?? (command.demo ? demo.title : undefined),
    source: command.demo ? demo.source : path,
    events:
      command.demo && demo.events !== undefined
        ? { path: demo.events.path, asOf: command.asOf ?? demo.events.asOf }
        : command.events === undefined
          ? undefined
          : { path: command.events, asOf: command.asOf },
    fiveGap: command.demo ? demo.fiveGap : command.fiveGap,
    ...(command.demo && demo.calendar !== undefined ? { calendar: demo.calendar } : {}),
  };
}

/** Where the command writes and how its standard output looks. */
export interface Terminal {
  /** Whether standard output is a terminal (or `SERVQUAL_TTY=1`, for tests). */
  readonly tty: boolean;
  /** Its width in columns. */
  readonly columns: number;
  /** Colours: a terminal, and NO_COLOR unset or empty (https://no-color.org). */
  readonly color: boolean;
}

/** The terminal as the process sees it. */
export function currentTerminal(): Terminal {
  const env = process.env;
  const tty = process.stdout.isTTY === true || env.SERVQUAL_TTY === "1";
  const columns = process.stdout.columns ?? (Number(env.COLUMNS) || 100);
  return { tty, columns, color: tty && (env.NO_COLOR ?? "") === "" };
}

/**
 * The instrument of `--instrument`: a built-in name, or a JSON file (a name ending in .json)
 * holding a definition that defineInstrument accepts.
 *
 * @throws {UsageError} for an unknown name or a file that cannot be read or is not JSON; a
 * ServqualError from defineInstrument for a definition that is not valid.
 */
async function resolveInstrument(lib: Servqual, name: string): Promise<Library.Instrument> {
  if (/\.json$/i.test(name)) {
    let spec: unknown;
    try {
      spec = JSON.parse(await readFile(name, "utf8"));
    } catch (error) {
      throw new UsageError(
        `--instrument ${name} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    try {
      return lib.defineInstrument(spec as Library.InstrumentSpec);
    } catch (error) {
      if (!(error instanceof lib.ServqualError)) throw error;
      const reasons = error.issues.slice(0, 3).map((issue) => lib.describeIssue(issue));
      throw new UsageError(
        `--instrument ${name} is not a valid instrument: ${forTerminal(reasons.join("; ") || error.message, true)}`,
      );
    }
  }
  if (!Object.hasOwn(lib.instruments, name)) {
    const hint = closest(name, Object.keys(lib.instruments));
    throw new UsageError(
      `unknown instrument "${name}"${hint === undefined ? "" : `; did you mean ${hint}?`} (see 'servqual instruments')`,
    );
  }
  return lib.instruments[name as keyof Servqual["instruments"]];
}

/** Reads and validates the file; a ServqualError is printed and becomes an exit code. */
async function readSurvey(
  lib: Servqual,
  instrument: Library.Instrument,
  prepared: PreparedReport,
  extra: Partial<Library.CsvFileOptions> = {},
  quiet = false,
): Promise<Library.ValidatedResponses | number> {
  // A progress bar on a terminal's standard error for a long read (see progress.ts).
  const bar = quiet ? null : readingBar(prepared.path);
  try {
    return await lib.readResponsesCsv(prepared.path, instrument, {
      ...prepared.options,
      ...extra,
      ...(bar === null ? {} : { onProgress: bar.onProgress }),
    });
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    printServqualError(lib, error);
    if (error.code !== "invalid-options") return ExitCode.BadInput;
    printError("Run 'servqual --help' for the options.\n");
    return ExitCode.Usage;
  } finally {
    bar?.done();
  }
}

/** Complaints and comments for the report; null without them; an exit code on bad input. */
async function readExtras(
  lib: Servqual,
  files: RecoveryFiles,
  dataset: Library.Dataset,
  flags: ContextFlags | undefined,
): Promise<RecoveryResults | null | number> {
  if (files.complaints === undefined && files.comments === undefined) return null;
  try {
    return await readRecoveryInputs(lib, files, dataset, flags);
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    printServqualError(lib, error);
    return ExitCode.BadInput;
  }
}

/** The time report.json records: --generated-at, else SOURCE_DATE_EPOCH (seconds), else now. */
function runTime(command: ReportCommand): string {
  if (command.generatedAt !== undefined) return command.generatedAt;
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch))
    return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

/**
 * Runs `servqual report` / `servqual demo` once the library is loaded: checks the instrument
 * and the formats, reads and validates the CSV file, writes one file per format (report.md,
 * report.json with provenance, report.csv, report.html) and prints a summary on a terminal or
 * the Markdown report when piped.
 *
 * @param lib - The `servqual/node` and `servqual/report` modules (loaded only when a command runs).
 * @param command - The parsed command line.
 * @param prepared - What `prepareReport` found.
 * @param terminal - Whether standard output is a terminal, its width and colours.
 * @returns The exit code (see `ExitCode`).
 * @throws {UsageError} for an unknown instrument or a report file that cannot be written.
 */
export async function runReport(
  lib: Servqual,
  command: ReportCommand,
  prepared: PreparedReport,
  terminal: Terminal = currentTerminal(),
  demo: Pick<DemoSource, "complaints" | "comments" | "trust"> = {},
): Promise<number> {
  const instrumentName = command.instrument ?? "servqual22";
  const instrument = await resolveInstrument(lib, instrumentName);
  const { path, folder, options, title, source } = prepared;
  // a bad --trust-items map stops the run (exit 2) before the survey is read
  const trustItems =
    command.demo || command.trustItems === undefined
      ? undefined
      : await readTrustItems(lib, command.trustItems);
  const validated = await readSurvey(lib, instrument, prepared, {}, command.quiet);
  if (typeof validated === "number") return validated;
  const context = await contextOf(lib, command, validated.dataset, prepared.calendar);
  const results = lib.gapReportResults(validated.dataset, validated.report, {
    ...(title === undefined ? {} : { title }),
    source,
  });
  const fiveGap =
    prepared.fiveGap === undefined
      ? null
      : await readFiveGap(lib, prepared.fiveGap, validated.dataset, results.gap5, runTime(command));
  if (typeof fiveGap === "number") return fiveGap;
  const relationship =
    prepared.events === undefined
      ? null
      : await relationshipInputs(lib, command, prepared.events, validated.dataset);
  if (typeof relationship === "number") return relationship;
  const trustFile = command.demo ? demo.trust : command.trust;
  const trust =
    trustFile === undefined || (command.demo && relationship === null)
      ? null
      : await trustOfFile(
          lib,
          trustFile,
          relationship === null
            ? null
            : { timeline: relationship.report.timeline, features: relationship.features },
          trustItems,
        );
  if (typeof trust === "number") return trust;
  // Comments follow the period and region of --by (seasons by region without it).
  const extra = await readExtras(
    lib,
    recoveryFiles(command, demo),
    validated.dataset,
    command.demo ? undefined : command.context,
  );
  if (typeof extra === "number") return extra;
  const report = lib.layoutGapReport({
    ...results,
    ...(fiveGap === null ? {} : { fiveGap }),
    ...(relationship === null ? {} : { relationship: relationship.report }),
    ...(trust === null ? {} : { trust }),
    ...(context === undefined ? {} : { context: context.context }),
    ...(extra === null ? {} : extra),
  });
  const markdown = lib.renderMarkdown(report);
  const files: Record<string, string> = {};
  for (const format of command.formats) {
    const name = REPORT_FILES[format];
    if (format === "md") files[name] = markdown;
    if (format === "csv") files[name] = lib.renderCsv(report);
    if (format === "html") files[name] = lib.renderHtml(report);
    if (format === "json") {
      const provenance = await lib.reportProvenance({
        file: path,
        instrument,
        validation: validated.report,
        generatedAt: runTime(command),
        options: JSON.parse(
          JSON.stringify({
            command: command.demo ? "demo" : "report",
            instrument: instrumentName,
            formats: command.formats,
            ...(title === undefined ? {} : { title }),
            read: options,
            ...(relationship === null
              ? {}
              : { events: prepared.events?.path, asOf: relationship.asOf }),
            ...(command.trust === undefined ? {} : { trust: command.trust }),
            ...(command.trustItems === undefined ? {} : { trustItems: command.trustItems }),
            ...(prepared.fiveGap === undefined
              ? {}
              : { fiveGap: fiveGapProvenance(prepared.fiveGap) }),
          }),
        ),
      });
      files[name] = lib.renderJson(report, { provenance });
    }
  }
  const written = await writeReportFiles(folder, files, command.force);
  if (!command.quiet) {
    if (terminal.tty) {
      // The summary strips control characters from every text of the input itself.
      process.stdout.write(
        renderSummary(lib, report.results, written, {
          width: terminal.columns,
          color: terminal.color,
        }),
      );
    } else {
      printOut(markdown);
    }
  }
  if (context !== undefined && !command.quiet) {
    const lines = context.lines.map((line) => forTerminal(line, true));
    if (terminal.tty) process.stdout.write(`${wrapLines(lines, terminal.columns).join("\n")}\n`);
    else printError(`${lines.join("\n")}\n`);
  }
  if (command.quiet || !terminal.tty) printError(`\nWrote ${written.join(" and ")}\n`);
  if (relationship !== null && relationship.unreadable > 0) {
    printError(
      `servqual: ${relationship.unreadable} line(s) of ${prepared.events?.path} could not be read as events; they are listed in the report\n`,
    );
    return ExitCode.BadInput;
  }
  if (trust !== null && (trust.survey?.unreadableLines ?? 0) > 0) {
    printError(
      `servqual: ${trust.survey?.unreadableLines} line(s) of ${trustFile} could not be read as rows; the run fails\n`,
    );
    return ExitCode.BadInput;
  }
  // Lines that could not be read as rows are listed in the report; the run still fails.
  const unreadable = validated.report.unreadableLines;
  if (unreadable > 0) {
    printError(
      `servqual: ${unreadable} line(s) of ${path} could not be read as rows; they are listed in the report\n`,
    );
    return ExitCode.BadInput;
  }
  return ExitCode.Ok;
}

/**
 * The context sections of a run: the demo's, those of --by / --calendar, or with --segments
 * alone one comparison per segment column (else none).
 */
async function contextOf(
  lib: Servqual,
  command: ReportCommand,
  dataset: Library.Dataset,
  demoCalendar: string | undefined,
): Promise<ContextRun | undefined> {
  // Every compared p-value is also adjusted across the whole report (adjustAcrossReport).
  if (command.demo && demoCalendar !== undefined) {
    return withAcrossReport(lib, await demoContext(lib, dataset, demoCalendar));
  }
  try {
    if (command.context === undefined) {
      // --segments alone: each kept segment column is compared in its own section.
      if (command.demo || dataset.segments.length === 0) return undefined;
      const { results, lines } = segmentComparisons(lib, dataset, undefined);
      return withAcrossReport(lib, { context: { segmentComparisons: results }, lines });
    }
    return withAcrossReport(lib, await reportContext(lib, dataset, command.context));
  } catch (error) {
    if (error instanceof lib.ServqualError) {
      printServqualError(lib, error);
      throw new UsageError("the options --by, --calendar or --segments do not fit this file");
    }
    throw error;
  }
}

/** Issues and excluded rows `servqual validate` lists in full (all are counted). */
const VALIDATE_LIMIT = 100_000;

/**
 * Runs `servqual validate`: reads and validates the file and prints rows in / used /
 * excluded, every excluded row with its reasons and every issue, one line each, without
 * writing anything.
 *
 * @returns 0 when every row was used, 1 when rows were excluded or lines could not be read.
 */
export async function runValidate(
  lib: Servqual,
  command: ReportCommand,
  prepared: PreparedReport,
): Promise<number> {
  const instrument = await resolveInstrument(lib, command.instrument ?? "servqual22");
  const validated = await readSurvey(
    lib,
    instrument,
    prepared,
    { issueLimit: VALIDATE_LIMIT, excludedLimit: VALIDATE_LIMIT },
    command.quiet,
  );
  if (typeof validated === "number") return validated;
  const v = validated.report;
  const lines = [
    `${prepared.path}: rows in ${v.rowsIn} = used ${v.rowsUsed} + excluded ${v.rowsExcluded}`,
  ];
  if (v.excludedRows.length > 0) {
    lines.push(`Excluded rows (${v.rowsExcluded}):`);
    for (const row of v.excludedRows) {
      const where = row.line === undefined ? `row ${row.row}` : `row ${row.row} (line ${row.line})`;
      const id = row.id === null ? "" : `, id ${forTerminal(row.id, true)}`;
      const reasons = row.reasons.map((r) => `${r.code}: ${forTerminal(r.message, true)}`);
      lines.push(`  ${where}${id}: ${reasons.join("; ")}`);
    }
    if (v.excludedRowsTruncated) lines.push(`  … the first ${v.excludedRows.length} are listed`);
  }
  const issueTotal = Object.values(v.issueCounts).reduce((a, b) => a + b, 0);
  if (v.issues.length > 0) {
    lines.push(`Issues (${issueTotal}):`);
    for (const issue of v.issues) {
      lines.push(`  ${issue.code}: ${forTerminal(flagNames(lib.describeIssue(issue)), true)}`);
    }
    if (v.issuesTruncated) lines.push(`  … the first ${v.issues.length} are listed`);
  }
  printOut(`${lines.join("\n")}\n`);
  return v.rowsExcluded > 0 || v.unreadableLines > 0 ? ExitCode.BadInput : ExitCode.Ok;
}

/**
 * Prints a ServqualError: its first line and up to 20 issues, one line each, without control
 * characters, with the library's option names replaced by the command's flags.
 */
export function printServqualError(lib: Servqual, error: Library.ServqualError): void {
  const lines = [`servqual: ${forTerminal(error.message.split("\n")[0] ?? "", true)}`];
  for (const issue of error.issues.slice(0, MAX_LISTED)) {
    lines.push(`  - ${forTerminal(flagNames(lib.describeIssue(issue)), true)}`);
  }
  if (error.issues.length > MAX_LISTED) {
    lines.push(`  … and ${error.issues.length - MAX_LISTED} more`);
  }
  printError(`${lines.join("\n")}\n`);
}

const FLAGS: Readonly<Record<string, string>> = {
  columns: "--columns MAP.json",
  rename: "--rename OLD=NEW",
  encoding: "--encoding",
  delimiter: "--delimiter",
  missing: "--missing",
};

/** The library's `options.columns` and the like, as the command's flags. */
function flagNames(message: string): string {
  return message.replace(
    /\boptions\.(columns|rename|encoding|delimiter|missing)\b/g,
    (_, name: string) => FLAGS[name] ?? name,
  );
}
