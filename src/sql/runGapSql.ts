import { expectKind, invalidArgument, isRecord } from "../_lib/guards";
import { ServqualError } from "../_lib/ServqualError";
import type { Instrument } from "../instrument/types";
import { type FinishGapSqlOptions, finishGapSql, type GapSqlResult } from "./finishGapSql";
import { gapSqlStatements, type SqlStatement } from "./gapSql";
import { firstLine, isOutOfMemory } from "./outOfMemory";
import type { SqlResultRow } from "./readGapSqlRows";
import type { SqlDialect } from "./sqlDialect";
import type { SqlValue } from "./sqlOptions";

/** A DuckDB connection of `@duckdb/node-api` (only the method the runner calls). */
export interface DuckDbConnectionLike {
  runAndReadAll(
    sql: string,
    values?: SqlValue[],
  ): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
}

/** A `pg` Client or Pool (only the method the runner calls). */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Options of {@link runGapSql}: those of `finishGapSql`, with `dialect` taken from the connection. */
export type RunGapSqlOptions = Omit<FinishGapSqlOptions, "dialect"> & {
  readonly dialect?: SqlDialect;
  /**
   * DuckDB only: decide each answer cell and each row's fate once into a temporary table (the
   * cells packed into a few INTEGER columns, about 60 MB per million SERVQUAL-22 rows in
   * DuckDB's buffers, spilled to `temp_directory` beyond the connection's `memory_limit`), then
   * run the statements over it. Off by default: its peak memory is still above the self-contained
   * statements' (13–21 MiB at 100,000 rows, 59 MiB at 1M; docs/sql.md, "Speed and memory"). PostgreSQL always runs the
   * self-contained statements, each reading the caller's table. Default `false`.
   */
  readonly staged?: boolean;
};

/** The dialect of a connection: DuckDB's `runAndReadAll`, or pg's `query`. */
export function connectionDialect(fn: string, connection: unknown): SqlDialect {
  if (isRecord(connection) || (typeof connection === "object" && connection !== null)) {
    const c = connection as Record<string, unknown>;
    if (typeof c.runAndReadAll === "function") return "duckdb";
    if (typeof c.query === "function") return "postgres";
  }
  throw invalidArgument(
    fn,
    "connection",
    "a DuckDB connection (@duckdb/node-api) or a pg Client or Pool",
    connection,
  );
}

/** Runs a statement on either kind of connection and returns its rows as objects. */
export async function runStatement(
  connection: DuckDbConnectionLike | PgClientLike,
  dialect: SqlDialect,
  text: string,
  parameters: readonly SqlValue[],
): Promise<SqlResultRow[]> {
  try {
    if (dialect === "duckdb") {
      const reader = await (connection as DuckDbConnectionLike).runAndReadAll(text, [
        ...parameters,
      ]);
      return reader.getRowObjectsJS();
    }
    return (await (connection as PgClientLike).query(text, [...parameters])).rows;
  } catch (error) {
    if (error instanceof ServqualError) throw error;
    if (isOutOfMemory(error)) {
      throw new ServqualError("invalid-input", "The database ran out of memory.", [
        { code: "sql-out-of-memory", message: `${dialect}: ${firstLine(error)}` },
      ]);
    }
    throw new ServqualError("invalid-input", "The database could not run the statement.", [
      {
        code: "bad-sql-result",
        message: `${dialect}: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
}

/**
 * Computes Gap 5 inside a database: writes the statement with `gapSql`, runs it on a DuckDB
 * connection (`@duckdb/node-api`) or a `pg` Client / Pool, and finishes the rows with
 * `finishGapSql`. Only the sums come back (a few hundred numbers per group), so memory does not
 * grow with the table. With `staged: true` (DuckDB) the answer cells are decided once into a
 * temporary table first: set the connection's `memory_limit` and `temp_directory` so that the
 * table spills to disk instead of growing in the process. The drivers are optional peer dependencies: install the one you use.
 *
 * @param connection - `await (await DuckDBInstance.create()).connect()`, or a connected `pg.Client`.
 * @param instrument - An expectation–perception instrument.
 * @param options - The options of `gapSql` / `finishGapSql`; `dialect` defaults to the
 *   connection's.
 * @returns One Gap 5 result per group, with its validation counts and accumulator.
 * @throws {ServqualError} `invalid-argument` for something that is not a connection or a bad
 *   option; `invalid-input` (`bad-sql-result`) when the database rejects the statement (e.g. a
 *   missing column), naming the engine's message; `invalid-input` (`sql-out-of-memory`) when
 *   the engine ran out of memory (DuckDB: raise `memory_limit`, lower `threads`, set
 *   `temp_directory`; docs/sql.md, "Speed and memory").
 * @example
 * const connection = await (await DuckDBInstance.create()).connect();
 * await connection.run("CREATE VIEW survey AS SELECT * FROM 'survey.parquet'");
 * const { groups } = await runGapSql(connection, instruments.servqual22, { table: "survey" });
 * groups[0].result.overall.unweighted.gap.mean;
 */
export async function runGapSql(
  connection: DuckDbConnectionLike | PgClientLike,
  instrument: Instrument,
  options: RunGapSqlOptions,
): Promise<GapSqlResult> {
  const dialect = connectionDialect("runGapSql", connection);
  expectKind("runGapSql", "options", options, "object", "the options { table, … }");
  const { staged = false, ...rest } = options;
  if (typeof staged !== "boolean") {
    throw invalidArgument("runGapSql", "options.staged", "true or false", staged);
  }
  const full = { ...rest, dialect: rest.dialect ?? dialect } as FinishGapSqlOptions;
  const { level: _level, pAdjust: _pAdjust, dropConstantItems: _drop, ...build } = full;
  const built = gapSqlStatements("gapSql", instrument, build, stageName());
  const rows: SqlResultRow[] = [];
  const run = async (statement: SqlStatement) =>
    runStatement(connection, full.dialect, statement.text, statement.parameters);
  let statements = built.statements;
  if (staged && dialect === "duckdb") {
    // One connection: the answer cells are decided once into a temporary table, unless an
    // answer is near a scale point but not on it (the table would store the point).
    const { setup, inexact, cleanup } = built.staged;
    try {
      await run(setup);
      const [check] = await run(inexact);
      if (Number(check?.inexact ?? 1) === 0) {
        for (const statement of built.staged.statements) {
          for (const row of await run(statement)) rows.push(row);
        }
        statements = [];
      }
    } finally {
      await run(cleanup);
    }
  }
  // PostgreSQL (a pg Pool may run each statement on another session), or answers kept as
  // given: the self-contained statements.
  for (const statement of statements) for (const row of await run(statement)) rows.push(row);
  return finishGapSql(rows, instrument, full);
}

let stages = 0;

/** A temporary table name of its own for each run (two runs may share a connection). */
function stageName(): string {
  stages += 1;
  return `servqual_gap_cells_${stages}_${Math.floor(Math.random() * 1e9).toString(36)}`;
}
