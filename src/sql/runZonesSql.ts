import { expectKind } from "../_lib/guards";
import type { Instrument } from "../instrument/types";
import {
  connectionDialect,
  type DuckDbConnectionLike,
  type PgClientLike,
  runStatement,
} from "./runGapSql";
import type { SqlDialect } from "./sqlDialect";
import {
  type FinishZonesSqlOptions,
  finishZonesSql,
  type ZonesSqlGroup,
  zonesSql,
} from "./zonesSql";

/** Options of {@link runZonesSql}: those of `finishZonesSql`, `dialect` from the connection. */
export type RunZonesSqlOptions = Omit<FinishZonesSqlOptions, "dialect"> & {
  readonly dialect?: SqlDialect;
};

/**
 * Computes the zones of tolerance inside a database: writes the statement with `zonesSql`, runs
 * it on a DuckDB connection (`@duckdb/node-api`) or a `pg` Client / Pool, and finishes the rows
 * with `finishZonesSql`. Only the sums come back (MSA and MSS sums and histograms, zone tallies).
 *
 * Reference: Zeithaml, Berry & Parasuraman (1993), JAMS 21(1):1–12.
 *
 * @param connection - A DuckDB connection or a connected `pg.Client`.
 * @param instrument - A `tolerance` instrument.
 * @param options - The options of `zonesSql` / `finishZonesSql`.
 * @returns One zones-of-tolerance result per group, with its validation counts.
 * @throws {ServqualError} `invalid-argument` for something that is not a connection or a bad
 *   option; `invalid-input` (`bad-sql-result`) when the database rejects the statement.
 * @example
 * const [whole] = await runZonesSql(connection, instruments.servqual22Tolerance, { table: "survey" });
 * whole.result.dimensions[0].shareWithin;
 */
export async function runZonesSql(
  connection: DuckDbConnectionLike | PgClientLike,
  instrument: Instrument,
  options: RunZonesSqlOptions,
): Promise<ZonesSqlGroup[]> {
  const dialect = connectionDialect("runZonesSql", connection);
  expectKind("runZonesSql", "options", options, "object", "the options { table, … }");
  const full = { ...options, dialect: options.dialect ?? dialect } as FinishZonesSqlOptions;
  const { level: _level, ...build } = full;
  const statement = zonesSql(instrument, build);
  const rows = await runStatement(connection, full.dialect, statement.text, statement.parameters);
  return finishZonesSql(rows, instrument, full);
}
