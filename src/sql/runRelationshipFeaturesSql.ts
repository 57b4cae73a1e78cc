import { expectKind } from "../_lib/guards";
import {
  finishRelationshipFeaturesSql,
  type RelationshipFeaturesSqlResult,
} from "./finishRelationshipFeaturesSql";
import {
  type RelationshipFeaturesSqlOptions,
  relationshipFeaturesSql,
} from "./relationshipFeaturesSql";
import {
  connectionDialect,
  type DuckDbConnectionLike,
  type PgClientLike,
  runStatement,
} from "./runGapSql";
import type { SqlDialect } from "./sqlDialect";

/** Options of {@link runRelationshipFeaturesSql}: `dialect` defaults to the connection's. */
export type RunRelationshipFeaturesSqlOptions = Omit<RelationshipFeaturesSqlOptions, "dialect"> & {
  readonly dialect?: SqlDialect;
};

/**
 * Computes each customer's relationship features inside a database: writes the statement with
 * `relationshipFeaturesSql`, runs it on a DuckDB connection (`@duckdb/node-api`) or a `pg`
 * Client / Pool, and finishes the rows with `finishRelationshipFeaturesSql`. One row per
 * customer comes back, never the events.
 *
 * Reference: docs/relationship.md (the features), docs/sql.md.
 *
 * @param connection - A DuckDB connection or a connected `pg.Client`.
 * @param options - The options of `relationshipFeaturesSql`.
 * @returns The `relationshipFeatures` result and the events' validation counts.
 * @throws {ServqualError} `invalid-argument` for something that is not a connection or a bad
 *   option; `invalid-input` (`bad-sql-result`) when the database rejects the statement.
 * @example
 * const { customers } = await runRelationshipFeaturesSql(connection, { table: "events", asOf: "2025-12-31" });
 */
export async function runRelationshipFeaturesSql(
  connection: DuckDbConnectionLike | PgClientLike,
  options: RunRelationshipFeaturesSqlOptions,
): Promise<RelationshipFeaturesSqlResult> {
  const fn = "runRelationshipFeaturesSql";
  const dialect = connectionDialect(fn, connection);
  expectKind(fn, "options", options, "object", "the options { table, asOf, … }");
  const full = {
    ...options,
    dialect: options.dialect ?? dialect,
  } as RelationshipFeaturesSqlOptions;
  const statement = relationshipFeaturesSql(full);
  const rows = await runStatement(connection, full.dialect, statement.text, statement.parameters);
  return finishRelationshipFeaturesSql(rows, full);
}
