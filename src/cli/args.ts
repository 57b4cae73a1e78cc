import { parseArgs } from "node:util";
import { calendarFlagsOf } from "./calendarFlags";
import { closest, didYouMean } from "./closest";
import { type ContextFlags, parseContextFlags } from "./contextInputs";
import { type DuckDbFlags, duckDbFlagsOf } from "./duckdbSettings";
import { type FiveGapFiles, fiveGapFilesOf } from "./fiveGapInputs";
import { parsePeriodFlags } from "./periodFlags";
import { checkRelationshipOptions } from "./relationshipInputs";
import { checkTrustOption } from "./trustInputs";
import { UsageError } from "./usageError";

/** Text encodings the command reads. */
export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "latin1";

/** The report formats the command writes. */
export type ReportFormat = "md" | "json" | "csv" | "html";

/** The formats `--format` accepts, in the order files are written. */
export const REPORT_FORMATS: readonly ReportFormat[] = ["md", "json", "csv", "html"];

/** Settings of `servqual report`, `servqual demo` and `servqual validate`. */
export interface ReportCommand {
  readonly kind: "report" | "validate";
  readonly demo: boolean;
  /** The CSV file (undefined for the demo). */
  readonly file: string | undefined;
  readonly instrument: string | undefined;
  readonly columnsFile: string | undefined;
  readonly id: string | undefined;
  readonly date: string | undefined;
  readonly segments: readonly string[] | undefined;
  /** Numeric covariate columns (`--covariates`). */
  readonly covariates: readonly string[] | undefined;
  /** The population column (`--population-column`). */
  readonly populationColumn: string | undefined;
  /** The default population (`--population`). */
  readonly population: string | undefined;
  /** Populations beyond customers, managers and employees (`--population-labels`). */
  readonly populationLabels: readonly string[] | undefined;
  /** `--missing`, with `--at-least` as the minimum-share rule's `atLeast`. */
  readonly missing:
    | "listwise"
    | "pairwise"
    | { readonly minimumShare: number; readonly atLeast?: number }
    | undefined;
  /** Source name → name, from every `--rename` in order. */
  readonly rename: ReadonlyMap<string, string>;
  readonly encoding: Encoding | undefined;
  readonly delimiter: string | undefined;
  readonly title: string | undefined;
  /** The output folder as given (the current folder when absent). */
  readonly out: string;
  readonly force: boolean;
  readonly quiet: boolean;
  /** The formats to write (`--format`, default md and json), in REPORT_FORMATS order. */
  readonly formats: readonly ReportFormat[];
  /** `--generated-at`: the time recorded in report.json (ISO 8601), or undefined for now. */
  readonly generatedAt: string | undefined;
  /** `--verbose`: stack traces of unexpected errors. */
  readonly verbose: boolean;
  /** `--events FILE`: CRM events for the relationship sections (report). */
  readonly events?: string | undefined;
  /** `--as-of DATE`: the date the events describe, ISO 8601 (a date is its last millisecond, UTC). */
  readonly asOf?: string | undefined;
  /** `--trust FILE`: a relationship survey (trust, commitment) on the built-in bank (report). */
  readonly trust?: string;
  /** `--trust-items MAP.json`: the survey's own items (column → facet) instead of the bank's ids. */
  readonly trustItems?: string;
  /**
   * Computed inside a database instead of reading the rows into Node: a DuckDB file (Parquet or
   * CSV, `--duckdb FILE`) or a PostgreSQL table (`--postgres URL --table NAME`).
   */
  /** `--by`, `--calendar`, `--min-n`: the period, event-window and allocation sections. */
  readonly context?: ContextFlags;
  readonly database?:
    | { readonly kind: "duckdb"; readonly file: string }
    | { readonly kind: "postgres"; readonly url: string; readonly table: string };
  /** `--duckdb-threads`, `--duckdb-memory-limit`, `--duckdb-temp-directory` (with `--duckdb`). */
  readonly duckdbSettings?: DuckDbFlags;
  /** The inputs of gaps 1–4 (`--management`, `--standards`, `--records`, `--promises`, `--factors`). */
  readonly fiveGap?: FiveGapFiles;
  /** `--complaints FILE`: complaint records for a Service recovery section. */
  readonly complaints?: string;
  /** `--comments FILE`: free-text comments for a What customers said section. */
  readonly comments?: string;
}

/** What the command line asks for. */
export type Command =
  | { readonly kind: "help"; readonly topic: CommandName | undefined }
  | { readonly kind: "version" }
  | { readonly kind: "instruments"; readonly name: string | undefined; readonly verbose: boolean }
  | ReportCommand;

/** The commands of `servqual`. */
export type CommandName = "demo" | "report" | "validate" | "instruments";

type OptionName =
  | "instrument"
  | "columns"
  | "rename"
  | "id"
  | "date"
  | "segments"
  | "covariates"
  | "population-column"
  | "population"
  | "population-labels"
  | "missing"
  | "at-least"
  | "encoding"
  | "delimiter"
  | "title"
  | "out"
  | "force"
  | "quiet"
  | "format"
  | "generated-at"
  | "verbose"
  | "duckdb"
  | "duckdb-threads"
  | "duckdb-memory-limit"
  | "duckdb-temp-directory"
  | "postgres"
  | "table"
  | "events"
  | "as-of"
  | "trust"
  | "trust-items"
  | "management"
  | "standards"
  | "records"
  | "promises"
  | "factors"
  | "business-hours"
  | "business-days"
  | "time-zone"
  | "holidays"
  | "by"
  | "calendar"
  | "min-n"
  | "fiscal-start"
  | "seasons"
  | "complaints"
  | "comments"
  | "help"
  | "version";

interface OptionSpec {
  readonly type: "string" | "boolean";
  /** Commands that take it; empty = every command. */
  readonly commands: readonly string[];
  readonly multiple?: boolean;
}

// Reading a file: report and validate. Report settings: report and demo.
const READ = ["report", "validate"];
const READ_ALL = ["report", "validate", "demo"];
const BOTH = ["report", "demo"];
const REPORT = ["report"];
const OPTIONS: Readonly<Record<OptionName, OptionSpec>> = {
  instrument: { type: "string", commands: READ },
  columns: { type: "string", commands: READ },
  rename: { type: "string", commands: READ, multiple: true },
  id: { type: "string", commands: READ },
  date: { type: "string", commands: READ },
  segments: { type: "string", commands: READ_ALL },
  covariates: { type: "string", commands: READ },
  "population-column": { type: "string", commands: READ },
  population: { type: "string", commands: READ },
  "population-labels": { type: "string", commands: READ },
  missing: { type: "string", commands: READ_ALL },
  "at-least": { type: "string", commands: READ_ALL },
  encoding: { type: "string", commands: READ },
  delimiter: { type: "string", commands: READ },
  title: { type: "string", commands: BOTH },
  out: { type: "string", commands: BOTH },
  force: { type: "boolean", commands: BOTH },
  quiet: { type: "boolean", commands: BOTH },
  format: { type: "string", commands: BOTH, multiple: true },
  "generated-at": { type: "string", commands: BOTH },
  verbose: { type: "boolean", commands: ["demo", "report", "validate", "instruments"] },
  duckdb: { type: "string", commands: REPORT },
  "duckdb-threads": { type: "string", commands: REPORT },
  "duckdb-memory-limit": { type: "string", commands: REPORT },
  "duckdb-temp-directory": { type: "string", commands: REPORT },
  postgres: { type: "string", commands: REPORT },
  table: { type: "string", commands: REPORT },
  events: { type: "string", commands: REPORT },
  "as-of": { type: "string", commands: BOTH },
  trust: { type: "string", commands: REPORT },
  "trust-items": { type: "string", commands: REPORT },
  management: { type: "string", commands: REPORT },
  standards: { type: "string", commands: REPORT },
  records: { type: "string", commands: REPORT },
  promises: { type: "string", commands: REPORT },
  factors: { type: "string", commands: REPORT },
  "business-hours": { type: "string", commands: REPORT },
  "business-days": { type: "string", commands: REPORT },
  "time-zone": { type: "string", commands: REPORT },
  holidays: { type: "string", commands: REPORT },
  by: { type: "string", commands: REPORT },
  calendar: { type: "string", commands: REPORT },
  "min-n": { type: "string", commands: REPORT },
  "fiscal-start": { type: "string", commands: REPORT },
  seasons: { type: "string", commands: REPORT },
  complaints: { type: "string", commands: REPORT },
  comments: { type: "string", commands: REPORT },
  help: { type: "boolean", commands: [] },
  version: { type: "boolean", commands: [] },
};
const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];
const COMMANDS: readonly CommandName[] = ["demo", "report", "validate", "instruments"];

const ENCODINGS: Readonly<Record<string, Encoding>> = {
  "utf-8": "utf-8",
  utf8: "utf-8",
  "utf-16le": "utf-16le",
  utf16le: "utf-16le",
  "utf-16be": "utf-16be",
  utf16be: "utf-16be",
  latin1: "latin1",
  "latin-1": "latin1",
  "iso-8859-1": "latin1",
};
const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  tab: "\t",
  "\\t": "\t",
  comma: ",",
  semicolon: ";",
  pipe: "|",
};

/**
 * Reads the command line: the command, its file and its options, each checked. Nothing is
 * read from disk and the library is not loaded, so usage errors and `--help` are immediate.
 *
 * @param argv - The arguments after `node cli.js`.
 * @returns What to do.
 * @throws {UsageError} for an unknown command or option, an option the command does not take,
 * a missing, empty, repeated or invalid value, or an extra argument.
 *
 * @example
 * parseCommandLine(["report", "survey.csv", "--segments", "region"]).kind //=> "report"
 */
export function parseCommandLine(argv: readonly string[]): Command {
  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: Object.fromEntries(
      OPTION_NAMES.map((name) => [name, { type: OPTIONS[name].type }]),
    ) as Record<OptionName, { type: "string" | "boolean" }>,
  });
  const positionals: string[] = [];
  const strings = new Map<OptionName, string[]>();
  const flags = new Set<OptionName>();
  for (const token of tokens) {
    if (token.kind === "positional") {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const name = optionName(token.name, token.rawName);
    const spec = OPTIONS[name];
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError(`--${name} takes no value (got "${token.value}")`);
      }
      flags.add(name);
      continue;
    }
    const value = token.value;
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (!token.inlineValue && value.startsWith("-") && value.length > 1) {
      throw new UsageError(
        `--${name} needs a value, not the option "${value}" (write --${name}=${value} if that is the value)`,
      );
    }
    if (value.length === 0 || (name !== "delimiter" && value.trim().length === 0))
      throw new UsageError(`--${name} needs a non-empty value`);
    const values = strings.get(name) ?? [];
    if (values.length > 0 && spec.multiple !== true) {
      throw new UsageError(
        `--${name} is given twice ("${values[0]}" and "${value}"); give it once`,
      );
    }
    values.push(value);
    strings.set(name, values);
  }
  const [command, ...rest] = positionals;
  if (flags.has("help")) {
    const topic = COMMANDS.find((name) => name === command);
    return { kind: "help", topic };
  }
  if (flags.has("version")) return { kind: "version" };
  if (command === undefined) {
    throw new UsageError("name a command: demo, report, validate or instruments");
  }
  if (!isCommandName(command)) {
    throw new UsageError(`unknown command "${command}"${didYouMean(command, [...COMMANDS])}`);
  }
  for (const name of [...strings.keys(), ...flags]) {
    if (!OPTIONS[name].commands.includes(command)) {
      throw new UsageError(`${command} does not take --${name}`);
    }
  }
  const one = (name: OptionName): string | undefined => strings.get(name)?.[0];
  const database = databaseOf(one("duckdb"), one("postgres"), one("table"), rest.length);
  const duckdbSettings = duckDbFlagsOf(one, database?.kind === "duckdb");
  const reads = (command === "report" && database === undefined) || command === "validate";
  const expected = reads || command === "instruments" ? 1 : 0;
  if (reads && rest.length === 0) {
    throw new UsageError(
      `${command}: name the CSV file to read, e.g. servqual ${command} survey.csv`,
    );
  }
  if (rest.length > expected) {
    const extra = rest.slice(expected);
    const what = reads
      ? "one file"
      : command === "instruments"
        ? "at most one name"
        : "no argument";
    throw new UsageError(
      `${command} takes ${what}; unexpected: ${extra.map((a) => `"${a}"`).join(" ")}${reads ? " (one file at a time; quote a path with spaces)" : ""}`,
    );
  }
  const verbose = flags.has("verbose");
  const files = fiveGapFilesOf(one);
  const calendar = calendarFlagsOf(one, files?.records !== undefined);
  const fiveGap = files === undefined || calendar === undefined ? files : { ...files, calendar };
  if (fiveGap !== undefined && database !== undefined) {
    throw new UsageError(
      "--management, --standards, --records, --promises and --factors read the survey from a CSV file, not with --duckdb or --postgres",
    );
  }
  const context = parseContextFlags(
    one("by"),
    one("calendar"),
    one("min-n"),
    parsePeriodFlags(one("by"), one("fiscal-start"), one("seasons")),
  );
  if (context !== undefined && database !== undefined) {
    throw new UsageError(
      "--by, --calendar and --min-n read the rows: not with --duckdb or --postgres",
    );
  }
  if (command === "instruments") return { kind: "instruments", name: rest[0], verbose };
  const relationship = checkRelationshipOptions(
    one("events"),
    one("as-of"),
    command === "demo",
    database !== undefined,
  );
  return {
    kind: command === "validate" ? "validate" : "report",
    demo: command === "demo",
    file: rest[0],
    instrument: one("instrument"),
    columnsFile: one("columns"),
    id: one("id"),
    date: one("date"),
    segments: mapDefined(one("segments"), (text) => parseNames(text, "segments", "region,channel")),
    covariates: mapDefined(one("covariates"), (text) =>
      parseNames(text, "covariates", "temperature,tenure"),
    ),
    populationColumn: one("population-column"),
    population: one("population"),
    populationLabels: mapDefined(one("population-labels"), (text) =>
      parseNames(text, "population-labels", "franchisees,suppliers"),
    ),
    missing: withAtLeast(mapDefined(one("missing"), parseMissing), one("at-least")),
    rename: parseRename(strings.get("rename") ?? []),
    encoding: mapDefined(one("encoding"), parseEncoding),
    delimiter: mapDefined(one("delimiter"), parseDelimiter),
    title: one("title"),
    out: one("out") ?? ".",
    force: flags.has("force"),
    quiet: flags.has("quiet"),
    formats: parseFormats(strings.get("format") ?? []),
    generatedAt: mapDefined(one("generated-at"), parseTime),
    verbose,
    ...relationship,
    ...checkTrustOption(one("trust"), database !== undefined, one("trust-items")),
    ...(context === undefined ? {} : { context }),
    ...(database === undefined ? {} : { database }),
    ...(duckdbSettings === undefined ? {} : { duckdbSettings }),
    ...(fiveGap === undefined ? {} : { fiveGap }),
    ...recoveryFlags(one("complaints"), one("comments"), database !== undefined),
  };
}

/** `--complaints` / `--comments`, which need the survey read in Node (not a database run). */
function recoveryFlags(
  complaints: string | undefined,
  comments: string | undefined,
  database: boolean,
): { complaints?: string; comments?: string } {
  if (database && (complaints !== undefined || comments !== undefined)) {
    throw new UsageError(
      "--complaints and --comments go with a CSV survey, not --duckdb or --postgres",
    );
  }
  return {
    ...(complaints === undefined ? {} : { complaints }),
    ...(comments === undefined ? {} : { comments }),
  };
}

function isCommandName(name: string): name is CommandName {
  return (COMMANDS as readonly string[]).includes(name);
}

/**
 * The formats of every `--format` (repeated, or a comma list such as `md,json,csv`), each
 * once, in REPORT_FORMATS order; `markdown` is read as `md`. Default: md and json.
 */
function parseFormats(values: readonly string[]): ReportFormat[] {
  if (values.length === 0) return ["md", "json"];
  const chosen = new Set<ReportFormat>();
  for (const value of values) {
    for (const raw of value.split(",")) {
      const name = raw.trim().toLowerCase();
      const format = name === "markdown" ? "md" : name;
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
        const hint = closest(name, [...REPORT_FORMATS]);
        throw new UsageError(
          `--format must be md, json, csv or html (or a comma list of them), not "${raw.trim()}"${hint === undefined ? "" : `; did you mean ${hint}?`}`,
        );
      }
      chosen.add(format as ReportFormat);
    }
  }
  return REPORT_FORMATS.filter((format) => chosen.has(format));
}

/** An ISO 8601 date or UTC time such as 2026-01-31 or 2026-01-31T09:00:00Z. */
function parseTime(text: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
  if (!iso.test(text) || Number.isNaN(Date.parse(text))) {
    throw new UsageError(
      `--generated-at must be an ISO 8601 date or time such as 2026-01-31T09:00:00Z, not "${text}"`,
    );
  }
  return new Date(text).toISOString();
}

/** `--duckdb FILE` or `--postgres URL --table NAME`, checked; undefined without them. */
function databaseOf(
  duckdb: string | undefined,
  postgres: string | undefined,
  table: string | undefined,
  files: number,
): ReportCommand["database"] {
  if (duckdb === undefined && postgres === undefined) {
    if (table !== undefined) throw new UsageError("--table goes with --postgres URL");
    return undefined;
  }
  if (duckdb !== undefined && postgres !== undefined) {
    throw new UsageError("give --duckdb FILE or --postgres URL, not both");
  }
  if (files > 0) {
    throw new UsageError(
      "with --duckdb or --postgres the data are in the database: name no CSV file",
    );
  }
  if (duckdb !== undefined) {
    if (table !== undefined) throw new UsageError("--table goes with --postgres URL");
    return { kind: "duckdb", file: duckdb };
  }
  if (table === undefined) {
    throw new UsageError("--postgres URL needs --table NAME (the table of respondents)");
  }
  return { kind: "postgres", url: postgres as string, table };
}

function optionName(name: string, rawName: string): OptionName {
  if (rawName === "-h") return "help";
  if ((OPTION_NAMES as string[]).includes(name) && rawName.startsWith("--")) {
    return name as OptionName;
  }
  const hint = closest(name, OPTION_NAMES);
  throw new UsageError(
    `unknown option ${rawName}${hint === undefined ? "" : `; did you mean --${hint}?`}`,
  );
}

function mapDefined<T>(value: string | undefined, parse: (text: string) => T): T | undefined {
  return value === undefined ? undefined : parse(value);
}

/** A comma-separated list of names, none empty or repeated (`--segments`, `--covariates`, …). */
function parseNames(text: string, option: string, example: string): string[] {
  const names = text.split(",").map((s) => s.trim());
  if (names.some((name) => name.length === 0)) {
    throw new UsageError(`--${option} has an empty name in "${text}"; write e.g. ${example}`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new UsageError(`--${option} names "${name}" twice`);
    seen.add(name);
  }
  return names;
}

/** `listwise`, `pairwise` or a decimal share in (0, 1] such as `0.5`. */
function parseMissing(text: string): NonNullable<ReportCommand["missing"]> {
  if (text === "listwise" || text === "pairwise") return text;
  const share = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!(share > 0 && share <= 1)) {
    throw new UsageError(
      `--missing must be listwise, pairwise or a share in (0, 1] such as 0.5, not "${text}"`,
    );
  }
  return { minimumShare: share };
}

/**
 * Adds `--at-least N` (a whole number of items, 1 or more) to a minimum-share rule: a
 * dimension score then needs max(N, ⌈share·k⌉) of its k items (`--missing 0.5 --at-least 2`
 * is the index rule max(2, ⌈k/2⌉)). Without `--missing` the share is the default 0.5; with
 * listwise or pairwise it is a usage error.
 */
function withAtLeast(
  missing: ReportCommand["missing"],
  text: string | undefined,
): ReportCommand["missing"] {
  if (text === undefined) return missing;
  if (!/^\d+$/.test(text) || !(Number(text) >= 1) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(
      `--at-least must be a whole number of items, 1 or more (e.g. 2), not "${text}"`,
    );
  }
  if (missing === "listwise" || missing === "pairwise") {
    throw new UsageError(
      `--at-least goes with a minimum share (e.g. --missing 0.5 --at-least 2), not with --missing ${missing}`,
    );
  }
  return { minimumShare: missing?.minimumShare ?? 0.5, atLeast: Number(text) };
}

function parseRename(values: readonly string[]): Map<string, string> {
  const rename = new Map<string, string>();
  for (const value of values) {
    for (const pair of value.split(",")) {
      const at = pair.indexOf("=");
      const from = at === -1 ? "" : pair.slice(0, at).trim();
      const to = at === -1 ? "" : pair.slice(at + 1).trim();
      if (from.length === 0 || to.length === 0 || to.includes("=")) {
        throw new UsageError(
          `--rename takes OLD=NEW pairs separated by commas (e.g. Q1e=E_1,Q1p=P_1), not "${pair}"; names with "," or "=" go in a --columns file's "rename"`,
        );
      }
      if (rename.has(from)) {
        throw new UsageError(`--rename renames "${from}" twice`);
      }
      rename.set(from, to);
    }
  }
  return rename;
}

function parseEncoding(text: string): Encoding {
  const encoding = ENCODINGS[text.toLowerCase()];
  if (encoding === undefined || !Object.hasOwn(ENCODINGS, text.toLowerCase())) {
    throw new UsageError(`--encoding must be utf-8, utf-16le, utf-16be or latin1, not "${text}"`);
  }
  return encoding;
}

function parseDelimiter(text: string): string {
  const delimiter = Object.hasOwn(DELIMITER_NAMES, text) ? (DELIMITER_NAMES[text] ?? text) : text;
  if (delimiter.length > 8 || /[\r\n"\uFEFF]/.test(delimiter)) {
    throw new UsageError(
      `--delimiter must be 1 to 8 characters without a line break or a double quote (e.g. ";" or tab), not "${text}"`,
    );
  }
  return delimiter;
}
