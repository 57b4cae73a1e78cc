import type * as Library from "../node";
import type { GapSqlGroup } from "../sql";
import { isOutOfMemory } from "../sql/outOfMemory";
import type { ReportCommand } from "./args";
import { closest } from "./closest";
import { duckDbOutOfMemory } from "./duckdbOutOfMemory";
import { describeDuckDb, duckDbSettings } from "./duckdbSettings";
import { writeReportFiles } from "./outputFolder";
import type { PreparedReport, Servqual } from "./runReport";
import { printServqualError } from "./runReport";
import { printError, printOut } from "./terminal";
import { ExitCode } from "./usage";
import { UsageError } from "./usageError";

type Instrument = Library.Instrument;
type Connection = Parameters<Servqual["runGapSql"]>[0];

/** An open database: the connection, the table to read, its column names, and how to close it. */
interface Opened {
  readonly connection: Connection;
  readonly table: string;
  readonly cells: "number" | "text";
  readonly columns: readonly string[];
  readonly source: string;
  close(): Promise<void>;
}

async function openDuckDb(file: string, lib: Servqual, command: ReportCommand): Promise<Opened> {
  const { DuckDBInstance } =
    await importDriver<typeof import("@duckdb/node-api")>("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", duckDbSettings(command.duckdbSettings));
  const duck = await instance.connect();
  if (command.verbose) printError(await describeDuckDb(duck));
  // DuckDB reads a quoted file name in FROM as the file itself (a replacement scan).
  const from = lib.quoteIdentifier(file);
  const described = await duck.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
  const columns = described.getRowObjectsJS().map((row) => String(row.column_name));
  return {
    connection: duck as unknown as Connection,
    table: file,
    // A CSV may hold text in answer columns ("n/a", "six"): read its cells with the grammar.
    cells: /\.parquet$/i.test(file) ? "number" : "text",
    columns,
    source: `${file} (computed in DuckDB)`,
    async close() {
      duck.closeSync();
      instance.closeSync();
    },
  };
}

async function openPostgres(url: string, table: string, lib: Servqual): Promise<Opened> {
  const pg = await importDriver<{ default: typeof import("pg") }>("pg");
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  const result = await client.query(`SELECT * FROM ${lib.quoteIdentifier(table)} LIMIT 0`);
  return {
    connection: client as unknown as Connection,
    table,
    cells: "text",
    columns: result.fields.map((field) => field.name),
    source: `PostgreSQL table ${table} (computed in the database)`,
    async close() {
      await client.end();
    },
  };
}

async function importDriver<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new UsageError(
      `this needs the optional package ${name}: npm install ${name} (next to servqual)`,
    );
  }
}

/**
 * `servqual report --duckdb FILE` / `--postgres URL --table NAME`: Gap 5 with reliability
 * computed inside the database by `runGapSql` (no respondent row comes into Node), laid out and
 * written as the file report is. Importance points are used when the table has a `W_<dimension>`
 * column for every dimension. SERVPERF and importance–performance need the rows and are not in
 * this report.
 *
 * @returns The exit code.
 */
export async function runSqlReport(
  lib: Servqual,
  command: ReportCommand,
  prepared: PreparedReport,
): Promise<number> {
  const instrument = pickInstrument(lib, command.instrument ?? "servqual22");
  const database = command.database as NonNullable<ReportCommand["database"]>;
  let opened: Opened;
  try {
    opened =
      database.kind === "duckdb"
        ? await openDuckDb(database.file, lib, command)
        : await openPostgres(database.url, database.table, lib);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (database.kind === "duckdb" && isOutOfMemory(error)) {
      const settings = duckDbSettings(command.duckdbSettings);
      printError(duckDbOutOfMemory(settings, `reading ${database.file}`, error));
      return ExitCode.BadInput;
    }
    printError(
      `servqual: cannot open the ${database.kind === "duckdb" ? `file ${database.file}` : "PostgreSQL database"}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return ExitCode.BadInput;
  }
  try {
    const templates = prepared.options.columns ?? {};
    const weight = templates.weight ?? "W_{dimension}";
    const weighted = instrument.dimensions.every((d) =>
      opened.columns.includes(weight.replaceAll("{dimension}", d.id)),
    );
    const { groups } = await lib.runGapSql(opened.connection, instrument, {
      table: opened.table,
      cells: opened.cells,
      columns: {
        ...(templates.expectation === undefined ? {} : { expectation: templates.expectation }),
        ...(templates.perception === undefined ? {} : { perception: templates.perception }),
        ...(weighted ? { weight } : {}),
      },
      ...(command.missing === undefined ? {} : { missing: command.missing }),
    });
    const group = groups[0];
    if (group === undefined || group.validation.rowsUsed === 0) {
      printError(`servqual: ${opened.source} has no usable row\n`);
      return ExitCode.BadInput;
    }
    const report = lib.layoutGapReport(
      gapReportOf(instrument, group, prepared.title, opened.source),
    );
    const markdown = lib.renderMarkdown(report);
    const written = await writeReportFiles(
      prepared.folder,
      { "report.json": lib.renderJson(report), "report.md": markdown },
      command.force,
    );
    if (!command.quiet) printOut(markdown);
    printError(`\nWrote ${written.join(" and ")}\n`);
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof lib.ServqualError)) throw error;
    const memory = error.issues.find((issue) => issue.code === "sql-out-of-memory");
    if (database.kind === "duckdb" && memory !== undefined) {
      const settings = duckDbSettings(command.duckdbSettings);
      printError(duckDbOutOfMemory(settings, "computing the report", memory.message));
      return ExitCode.BadInput;
    }
    printServqualError(lib, error);
    return error.code === "invalid-argument" ? ExitCode.Usage : ExitCode.BadInput;
  } finally {
    await opened.close();
  }
}

function pickInstrument(lib: Servqual, name: string): Instrument {
  if (!Object.hasOwn(lib.instruments, name)) {
    const hint = closest(name, Object.keys(lib.instruments));
    throw new UsageError(
      `unknown instrument "${name}"${hint === undefined ? "" : `; did you mean ${hint}?`} (see 'servqual instruments')`,
    );
  }
  const instrument = lib.instruments[name as keyof Servqual["instruments"]];
  if (instrument.format !== "expectation-perception") {
    throw new UsageError(
      `--duckdb and --postgres compute Gap 5: the instrument must have expectation and perception answers ("${name}" is ${instrument.format})`,
    );
  }
  return instrument;
}

/** The report's results from one SQL group: Gap 5, the worst items and the validation counts. */
function gapReportOf(
  instrument: Instrument,
  group: GapSqlGroup,
  title: string | undefined,
  source: string,
): Parameters<Servqual["layoutGapReport"]>[0] {
  const gap = group.result;
  const v = group.validation;
  const worstItems = gap.items
    .filter((item) => item.gap.mean !== null)
    .map((item) => ({
      item: item.item,
      label: item.label,
      dimension: item.dimension,
      gap: item.gap.mean as number,
      shareNegative: item.shareNegative,
    }))
    .sort((a, b) => a.gap - b.gap || a.item.localeCompare(b.item))
    .slice(0, 5);
  const warnings =
    v.rowsUsed < 30
      ? [
          {
            code: "few-respondents" as const,
            message: `only ${v.rowsUsed} respondents: estimates are imprecise (30 or more recommended)`,
          },
        ]
      : [];
  const results = {
    kind: "servqual-gap-report" as const,
    version: 1 as const,
    title: title ?? `${instrument.name}: service-quality gap report`,
    source,
    instrument: {
      id: instrument.id,
      name: instrument.name,
      format: instrument.format,
      citation: instrument.citation,
    },
    validation: {
      rowsIn: v.rowsIn,
      rowsUsed: v.rowsUsed,
      rowsExcluded: v.rowsExcluded,
      missingPolicy: gap.missingPolicy,
      exclusionReasons: { ...v.exclusionCounts },
      excludedRows: [],
      issueCounts: v.issueCounts,
      issues: v.rejectedAnswers.slice(0, 50).map((r) => ({
        code: r.code,
        message: `${r.count} answer(s) rejected (${r.code}); counted in the database, rows not listed`,
        column: r.column,
      })),
      notApplicable: v.notApplicable,
      blank: v.blank,
      ignoredColumns: [],
      absentColumns: [],
    },
    selection: null,
    gap5: gap,
    zones: null,
    servperf: null,
    importancePerformance: null,
    worstItems,
    warnings,
    warningCounts: {},
  };
  const warningCounts: Record<string, number> = {};
  const all = [
    ...warnings,
    ...(gap.overall.weighted?.perRespondent.warnings ?? []),
    ...(gap.reliability ?? []).flatMap((entry) => entry.warnings),
  ];
  for (const warning of all) {
    warningCounts[warning.code] = (warningCounts[warning.code] ?? 0) + 1;
  }
  return { ...results, warningCounts };
}
