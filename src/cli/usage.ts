/** The exit codes of the `servqual` command. */
export const ExitCode = {
  /** The report was written (or help, version, instruments printed). */
  Ok: 0,
  /** Bad input: the file is missing or unreadable, has no usable row, or has unreadable lines. */
  BadInput: 1,
  /** Usage: unknown command or option, bad option value, extra argument, unusable `--out`. */
  Usage: 2,
} as const;

/** The usage text printed by `servqual --help` and after a usage error. */
export const USAGE = `servqual: service-quality gap reports from survey CSV files

Usage:
  servqual demo [options]              report on the embedded demo survey (Harbourline Bank)
  servqual report FILE.csv [options]   report on your own survey
  servqual report --duckdb FILE.parquet|FILE.csv [options]
  servqual report --postgres URL --table NAME [options]
                                       the Gap 5 report computed inside DuckDB or
                                       PostgreSQL (rows are not loaded into Node; needs
                                       the optional package @duckdb/node-api or pg)
  servqual instruments                 list the built-in instruments
  servqual --help | --version

Options of report (demo takes --segments, --missing, --at-least, --title, --out,
--force and --quiet):
  --instrument NAME    servqual22 (default), servqual1988, servperf22, servqual22Tolerance,
                       libqualCore22
  --columns MAP.json   column names from a JSON file, e.g.
                       {"id": "Respondent", "perception": "Perf{item}", "rename": {"Q1e": "E_1"}};
                       keys: id, date, segments, covariates, population, expectation,
                       perception, adequate, desired, importance, weight, rename (the flags
                       below take precedence)
  --rename OLD=NEW,…   rename source columns before they are matched (e.g. Q1e=E_1,Q1p=P_1);
                       may be repeated
  --id COLUMN          respondent id column (default respondent_id)
  --date COLUMN        date column (default date)
  --segments A,B       segment columns to keep (e.g. region,channel)
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
  --title TEXT         report title
  --out DIR            folder for report.json and report.md (default: the current folder;
                       made when absent)
  --force              replace report.json and report.md there (otherwise an existing one
                       stops the command with exit code 2 before the input is read)
  --quiet              do not print the report
  --duckdb FILE        read FILE (.parquet or .csv) with DuckDB and compute there
  --postgres URL       compute in this PostgreSQL database (postgres://user@host/db)
  --table NAME         the PostgreSQL table (or view) of respondents, one row each
  -h, --help           this text
  --version            the version

Exit codes:
  0  ok: the report was written
  1  bad input: the file cannot be read or has no usable row; or it has lines that could
     not be read as rows (the report is written, the lines are listed in it)
  2  usage: unknown command or option, bad or repeated option value, extra argument, bad
     --columns file, one column given two roles (e.g. --id E_1), an --out that is a file
     or cannot be made, or an existing report without --force
`;
