/** The exit codes of the `servqual` command. */
export const ExitCode = {
  /** The report was written (or help, version, instruments printed). */
  Ok: 0,
  /**
   * Bad input: the file is missing or unreadable, has no usable row, or has unreadable lines;
   * for validate, rows were excluded.
   */
  BadInput: 1,
  /** Usage: unknown command or option, bad option value, extra argument, unusable `--out`. */
  Usage: 2,
} as const;

const EXIT_CODES = `Exit codes:
  0  ok: the report was written (validate: every row was used)
  1  bad input: the file cannot be read or has no usable row; or it has lines that could
     not be read as rows (the report is written, the lines are listed in it); the --events
     file cannot be read, has no usable event, or has lines that could not be read as
     events; validate: rows were excluded
  2  usage: unknown command or option, bad or repeated option value, extra argument, bad
     --columns file, one column given two roles (e.g. --id E_1), an --out that is a file
     or cannot be made, or an existing report without --force
`;

const READING = `Reading the file (report and validate):
  --instrument NAME    servqual22 (default), servqual1988, servperf22, servqual22Tolerance,
                       libqualCore22 (see 'servqual instruments')
  --columns MAP.json   column names from a JSON file, e.g.
                       {"id": "Respondent", "perception": "Perf{item}", "rename": {"Q1e": "E_1"}};
                       keys: id, date, segments, covariates, population, expectation,
                       perception, adequate, desired, importance, weight, rename (the flags
                       below take precedence)
  --rename OLD=NEW,…   rename source columns before they are matched (e.g. Q1e=E_1,Q1p=P_1);
                       may be repeated
  --id COLUMN          respondent id column (default respondent_id)
  --date COLUMN        date column (default date)
  --segments A,B       segment columns to keep (e.g. region,channel); each gets a section
                       comparing its groups (Welch's ANOVA with Games–Howell pairs)
  --covariates A,B     numeric covariate columns to keep (e.g. temperature,tenure)
  --population-column COLUMN
                       column naming each respondent's population: customers, managers,
                       employees (or a label of --population-labels); a row naming none is
                       excluded
  --population LABEL   population of respondents without one (e.g. managers for a file of
                       managers' estimates); fills blank population cells
  --population-labels A,B
                       populations beyond customers, managers and employees
  --missing POLICY     listwise | pairwise | a minimum share such as 0.5 (default 0.5)
  --at-least N         with a minimum share: a dimension score also needs at least N items
                       answered (--missing 0.5 --at-least 2 is the index rule max(2, ⌈k/2⌉))
  --encoding NAME      utf-8 | utf-16le | utf-16be | latin1 (default: from a byte-order mark,
                       UTF-8 without one)
  --delimiter D        , ; | or tab (default: detected from the first rows)
  --duckdb FILE        (report) compute inside DuckDB, reading FILE (.parquet or .csv); the
                       rows are not loaded into Node; needs the optional package
                       @duckdb/node-api; name no CSV file
  --duckdb-threads N   (report, with --duckdb) DuckDB's threads, 1–256 (default 1; each
                       thread adds its own working memory, about 33 MiB for SERVQUAL-22)
  --duckdb-memory-limit SIZE
                       (report, with --duckdb) DuckDB's memory limit, e.g. 512MB or 2GB
                       (default 96MB; DuckDB runs inside this process, so this bounds its
                       memory; beyond it DuckDB spills to the temp directory)
  --duckdb-temp-directory DIR
                       (report, with --duckdb) where DuckDB spills (default
                       servqual-duckdb in the system's temporary folder)
  --postgres URL       (report) compute inside this PostgreSQL database
                       (postgres://user@host/db); needs the optional package pg
  --table NAME         (report, with --postgres) the table or view of respondents, one row each
  --by PERIOD          (report) week | month | quarter | season | year | fiscal-year: adds Gap 5
                       by period (trends, expectation drift), the seasonal profile, the region
                       (or first --segments column) compared, and where to send resources (each
                       period pooled with its namesakes of other years); needs a date column
  --fiscal-start MONTH (report, with --by fiscal-year) first month of the fiscal year: 1–12 or
                       a name (4, april)
  --seasons MAP.json   (report, with --by) custom seasons for --by season and the seasonal
                       profile: {"warm": [5,6,7,8,9], "cold": [10,11,12,1,2,3,4]}, every month
                       once, each season one run of months (default: meteorological, north)
  --calendar FILE      (report) event windows from a CSV (type, region, start, end; id, label):
                       the gap inside each window vs outside it, per region
  --min-n N            (report, with --by or --calendar) smallest cell shown (default 30)
  --complaints FILE    (report) complaint records (id, channel, opened, escalations, resolved,
                       outcome, satisfaction_before, satisfaction on 1–5, stayed): adds a
                       Service recovery section
  --comments FILE      (report) free-text comments (respondent_id, date, region, comment):
                       adds a What customers said section by season and region
`;

const FIVE_GAPS = `Gaps 1–4 and the five-gap diagnosis (report; each optional):
  --management FILE    managers' estimates of customers' expectations: the survey's E_<item>
                       columns, one row per manager (Gap 1)
  --standards FILE     service standards: attribute, dimension, formal, item, metric, target,
                       unit, direction, target_share, … (Gap 2)
  --records FILE       delivery records (tickets): id, attribute, created, first_response,
                       resolved, promised_by, delivered, region, channel, time_zone (Gap 3;
                       needs --standards; business hours in each record's time_zone, else
                       --time-zone; none may be later than the time of the run)
  --business-hours W   opening hours of the records' calendar: HH:MM-HH:MM, or several windows
                       separated by commas (default 09:00-17:00; needs --records)
  --business-days D    open weekdays: a range (mon-fri, the default) or a comma list
                       (mon,tue,sat); needs --records
  --time-zone ZONE     IANA time zone of records without a time_zone (default UTC; needs
                       --records)
  --holidays FILE      holiday calendar: date (YYYY-MM-DD), optional region and name; closed
                       all day; a holiday without region closes every record, one with a
                       region the records of that region only; needs --records
  --promises FILE      promises of external communications: attribute, metric,
                       promised_level, unit, direction, from, to, exposures (Gap 4; needs
                       --records)
  --factors FILE       employee survey of the contributing factors: one column per item of
                       the built-in bank contributingFactors1988 (mro1, upc1, …, opp3)
  The report adds the five-gap overview, a section per gap, the diagnosis linking each Gap 5
  shortfall to gaps 1–4 with its numbers, and the records excluded from each file. A file
  that cannot be read or has no usable record stops the command with exit code 1.
`;

const WRITING = `Writing the report (report and demo):
  --format F,…         md | json | csv | html, repeated or a comma list (default md,json):
                       report.md (APA-style tables), report.json (with provenance: version,
                       time, input SHA-256, instrument, options, rows), report.csv (one tidy
                       long table: section,level,id,statistic,value), report.html
  --out DIR            folder for the report files (default: the current folder; made when
                       absent)
  --force              replace existing report files there (otherwise an existing one stops
                       the command with exit code 2 before the input is read)
  --title TEXT         report title
  --generated-at TIME  the time recorded in report.json (ISO 8601, e.g. 2026-01-31T09:00:00Z;
                       default: SOURCE_DATE_EPOCH when set, else now), for reproducible files
  --quiet              print nothing on standard output
On a terminal the command prints a short summary (at most 100 columns, colour unless NO_COLOR
is set) and says where the files are; piped, it prints the full Markdown report.
While a long input is read (more than 1 s), a progress bar shows on standard error when it is
a terminal (never when it is piped or redirected, nor with --quiet); it is erased at the end.
`;

const EVENTS = `CRM events and relationship survey (report; the demo uses its own):
  --events FILE.csv    CRM events (columns id, customer, timestamp, type; optional value,
                       currency, product, channel, initiator) joined to the respondents by id:
                       adds relationship stages, the transition matrix, customers at risk of
                       dissolution with the evidence, and Gap 5 by stage
  --as-of DATE         the date the events describe (ISO 8601; a date means its end, UTC);
                       later events are excluded as future (default: the last event's day,
                       and events after the time of the run are future)
  --trust FILE.csv     a relationship survey on the built-in bank (columns respondent_id,
                       date and the item ids tbe1 … cop3, see 'servqual instruments
                       relationshipBank'): adds the Trust and commitment section; with
                       --events, by stage, with commitment evidence from the events
  --trust-items MAP.json  the --trust survey's own items instead of the bank's ids:
                       {"items": {"Q1": "benevolence", "Q2": {"facet": "honesty",
                       "reverse": true}}, "scale": {"min": 1, "max": 5}} (facets: benevolence,
                       honesty, reliability, competence, affective, calculative, normative,
                       satisfaction, mutualGoals, cooperativeNorms; scale default 1–7)
`;

const COMMON = `  --verbose            show the stack of an unexpected error
  -h, --help           help (servqual COMMAND --help: help for one command)
  --version            the version
`;

/** The usage text printed by `servqual --help` and after a usage error. */
export const USAGE = `servqual: service-quality gap reports from survey CSV files

Usage:
  servqual demo [options]               report on the embedded demo survey (Harbourline Bank)
  servqual report FILE.csv [options]    report on your own survey
  servqual report --duckdb FILE.parquet|FILE.csv [options]
  servqual report --postgres URL --table NAME [options]
                                        the Gap 5 report computed inside DuckDB or PostgreSQL
  servqual validate FILE.csv [options]  check a survey file: every issue, no report
  servqual instruments [NAME]           list the built-in instruments, or print one as JSON
  servqual --help | --version

${READING}
${FIVE_GAPS}
${WRITING}
${EVENTS}
Demo takes --segments, --missing, --at-least, --as-of and the writing options; it also reads
the demo's CRM events, operational files, event calendar, complaint records and comments.

Every command:
${COMMON}
${EXIT_CODES}`;

/** `servqual COMMAND --help`: the usage of one command. */
export const COMMAND_HELP: Readonly<
  Record<"demo" | "report" | "validate" | "instruments", string>
> = {
  report: `servqual: report FILE.csv [options]: a service-quality gap report on your survey

${READING}
${FIVE_GAPS}
${WRITING}
${EVENTS}
${COMMON}
${EXIT_CODES}`,
  demo: `servqual: demo [options]: the report on the embedded demo survey (Harbourline Bank)
with all five gaps: the survey (Gap 5) and the bank's management survey, standards, a year of
tickets, promises and employee factor survey (gaps 1–4, the five-gap diagnosis)

Options: --segments A,B, --missing POLICY, --at-least N, --as-of DATE (the date its CRM
events describe; default 2025-12-31) and
${WRITING}
${COMMON}
${EXIT_CODES}`,
  validate: `servqual: validate FILE.csv [options]: check a survey file without writing a report

Prints rows in / used / excluded, every excluded row and every issue (row, column, reason),
one line each, to standard output.

${READING}
${COMMON}
Exit codes:
  0  every row was used (issues about single answers may still be listed)
  1  rows were excluded, lines could not be read, or the file cannot be read
  2  usage: unknown option, bad option value, bad --columns file
`,
  instruments: `servqual: instruments [NAME]: the built-in instruments

Without NAME: one line per instrument (name, title, format, scale).
With NAME: the instrument's full definition as JSON (items, dimensions, scale), which a
--instrument FILE.json or defineInstrument accepts.

${COMMON}
Exit codes:
  0  listed or printed
  2  usage: unknown instrument name
`,
};
