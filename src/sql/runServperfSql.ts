import { expectKind } from "../_lib/guards";
import type { Instrument } from "../instrument/types";
import {
  connectionDialect,
  type DuckDbConnectionLike,
  type PgClientLike,
  runStatement,
} from "./runGapSql";
import {
  type FinishServperfSqlOptions,
  finishServperfSql,
  type ServperfSqlGroup,
  servperfSql,
} from "./servperfSql";
import type { SqlDialect } from "./sqlDialect";

/** Options of {@link runServperfSql}: those of `finishServperfSql`, `dialect` from the connection. */
export type RunServperfSqlOptions = Omit<FinishServperfSqlOptions, "dialect"> & {
  readonly dialect?: SqlDialect;
};

/**
 * Computes SERVPERF inside a database: writes the statement with `servperfSql`, runs it on a
 * DuckDB connection (`@duckdb/node-api`) or a `pg` Client / Pool, and finishes the rows with
 * `finishServperfSql`. Only the sums come back (a few numbers per item and group).
 *
 * Reference: Cronin & Taylor (1992), J. Marketing 56(3):55–68.
 *
 * @param connection - A DuckDB connection or a connected `pg.Client`.
 * @param instrument - An instrument with perception answers.
 * @param options - The options of `servperfSql` / `finishServperfSql`.
 * @returns One SERVPERF result per group, with its validation counts.
 * @throws {ServqualError} `invalid-argument` for something that is not a connection or a bad
 *   option; `invalid-input` (`bad-sql-result`) when the database rejects the statement.
 * @example
 * const [whole] = await runServperfSql(connection, instruments.servqual22, { table: "survey" });
 * whole.result.overall.itemMean.mean;
 */
export async function runServperfSql(
  connection: DuckDbConnectionLike | PgClientLike,
  instrument: Instrument,
  options: RunServperfSqlOptions,
): Promise<ServperfSqlGroup[]> {
  const dialect = connectionDialect("runServperfSql", connection);
  expectKind("runServperfSql", "options", options, "object", "the options { table, … }");
  const full = { ...options, dialect: options.dialect ?? dialect } as FinishServperfSqlOptions;
  const { level: _level, ...build } = full;
  const statement = servperfSql(instrument, build);
  const rows = await runStatement(connection, full.dialect, statement.text, statement.parameters);
  return finishServperfSql(rows, instrument, full);
}
