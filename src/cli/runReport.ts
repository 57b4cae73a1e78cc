import type * as Library from "../node";
import type * as Reports from "../report";
import type { ReportCommand } from "./args";
import { closest } from "./closest";
import { readColumnMap } from "./columnMap";
import { checkOutputFolder, writeReportFiles } from "./outputFolder";
import { forTerminal, printError, printOut } from "./terminal";
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
}

const MAX_LISTED = 20;

/** What a report run needs that is found without the library. */
export interface PreparedReport {
  /** The CSV file to read. */
  readonly path: string;
  /** The absolute output folder, checked. */
  readonly folder: string;
  readonly options: Library.CsvFileOptions;
  readonly title: string | undefined;
  readonly source: string;
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
  const folder = await checkOutputFolder(command.out, command.force);
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
  };
}

/**
 * Runs `servqual report` / `servqual demo` once the library is loaded: checks the instrument,
 * reads and validates the CSV file, writes report.json and report.md and prints the Markdown.
 *
 * @param lib - The `servqual/node` and `servqual/report` modules (loaded only when a command runs).
 * @param command - The parsed command line.
 * @param prepared - What `prepareReport` found.
 * @returns The exit code (see `ExitCode`).
 * @throws {UsageError} for an unknown instrument or a report file that cannot be written.
 */
export async function runReport(
  lib: Servqual,
  command: ReportCommand,
  prepared: PreparedReport,
): Promise<number> {
  const instrumentName = command.instrument ?? "servqual22";
  if (!Object.hasOwn(lib.instruments, instrumentName)) {
    const hint = closest(instrumentName, Object.keys(lib.instruments));
    throw new UsageError(
      `unknown instrument "${instrumentName}"${hint === undefined ? "" : `; did you mean ${hint}?`} (see 'servqual instruments')`,
    );
  }
  const instrument = lib.instruments[instrumentName as keyof Servqual["instruments"]];
  const { path, folder, options, title, source } = prepared;
  let validated: Library.ValidatedResponses;
  try {
    validated = await lib.readResponsesCsv(path, instrument, options);
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    printServqualError(lib, error);
    if (error.code !== "invalid-options") return ExitCode.BadInput;
    printError("Run 'servqual --help' for the options.\n");
    return ExitCode.Usage;
  }
  const report = lib.buildGapReport(validated.dataset, validated.report, {
    ...(title === undefined ? {} : { title }),
    source,
  });
  const markdown = lib.renderMarkdown(report);
  const written = await writeReportFiles(
    folder,
    { "report.json": lib.renderJson(report), "report.md": markdown },
    command.force,
  );
  if (!command.quiet) printOut(markdown);
  printError(`\nWrote ${written.join(" and ")}\n`);
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
