import { expectKind } from "../_lib/guards";
import type { Instrument } from "../instrument/types";
import {
  type FinishGapCellsSqlOptions,
  finishGapCellsSql,
  type GapCellsSqlResult,
  gapCellsSql,
} from "./gapCellsSql";
import {
  connectionDialect,
  type DuckDbConnectionLike,
  type PgClientLike,
  runStatement,
} from "./runGapSql";
import type { SqlDialect } from "./sqlDialect";

/** Options of {@link runGapCellsSql}: those of `finishGapCellsSql`, `dialect` from the connection. */
export type RunGapCellsSqlOptions = Omit<FinishGapCellsSqlOptions, "dialect"> & {
  readonly dialect?: SqlDialect;
};

/**
 * Computes the context cells (period × segment Gap 5) inside a database: writes the statement
 * with `gapCellsSql`, runs it on a DuckDB connection (`@duckdb/node-api`) or a `pg` Client /
 * Pool, and finishes the rows with `finishGapCellsSql`. Only the finest cells' sums come back.
 *
 * Reference: Parasuraman, Zeithaml & Berry (1988); docs/sql.md.
 *
 * @param connection - A DuckDB connection or a connected `pg.Client`.
 * @param instrument - An expectation–perception instrument.
 * @param options - The options of `gapCellsSql` / `finishGapCellsSql`.
 * @returns The `gapCells` result and the rows' validation counts.
 * @throws {ServqualError} `invalid-argument` for something that is not a connection or a bad
 *   option; `invalid-input` (`bad-sql-result`) when the database rejects the statement.
 * @example
 * const { cells } = await runGapCellsSql(connection, instruments.servqual22, { table: "survey", period: "month", date: "date", by: ["region"] });
 */
export async function runGapCellsSql(
  connection: DuckDbConnectionLike | PgClientLike,
  instrument: Instrument,
  options: RunGapCellsSqlOptions,
): Promise<GapCellsSqlResult> {
  const dialect = connectionDialect("runGapCellsSql", connection);
  expectKind("runGapCellsSql", "options", options, "object", "the options { table, … }");
  const full = { ...options, dialect: options.dialect ?? dialect } as FinishGapCellsSqlOptions;
  const { level: _level, minimumN: _minimumN, ...build } = full;
  const statement = gapCellsSql(instrument, build);
  const rows = await runStatement(connection, full.dialect, statement.text, statement.parameters);
  return finishGapCellsSql(rows, instrument, full);
}
