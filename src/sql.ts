/**
 * `servqual/sql`: the statistics computed inside a database. Builders write one SQL statement
 * (DuckDB or PostgreSQL) whose few hundred result numbers per group are the accumulator state
 * the in-memory analyses keep; finishing functions turn the rows into the same results. No
 * driver is imported: run the statement with any client (or the runners on `servqual/node`).
 */
export {
  type FinishGapSqlOptions,
  finishGapSql,
  type GapSqlGroup,
  type GapSqlResult,
} from "./sql/finishGapSql";
export {
  type EventSqlValidation,
  finishRelationshipFeaturesSql,
  type RelationshipFeaturesSqlResult,
} from "./sql/finishRelationshipFeaturesSql";
export {
  type FinishGapCellsSqlOptions,
  finishGapCellsSql,
  type GapCellsSqlOptions,
  type GapCellsSqlResult,
  gapCellsSql,
  type SqlPeriodKind,
} from "./sql/gapCellsSql";
export {
  type GapSqlOptions,
  type GapSqlStatements,
  gapSql,
  type SqlStatement,
} from "./sql/gapSql";
export { quoteIdentifier } from "./sql/quoteIdentifier";
export type { SqlResultRow, SqlValidationCounts } from "./sql/readGapSqlRows";
export {
  type EventSqlColumns,
  type RelationshipFeaturesSqlOptions,
  relationshipFeaturesSql,
} from "./sql/relationshipFeaturesSql";
export {
  type FinishServperfSqlOptions,
  finishServperfSql,
  type ServperfSqlGroup,
  type ServperfSqlOptions,
  servperfSql,
} from "./sql/servperfSql";
export { DIALECTS, type DialectRules, type SqlDialect } from "./sql/sqlDialect";
export type {
  SqlColumnTemplates,
  SqlCondition,
  SqlOperator,
  SqlSourceOptions,
  SqlValue,
} from "./sql/sqlOptions";
export {
  type FinishZonesSqlOptions,
  finishZonesSql,
  type ZonesSqlGroup,
  type ZonesSqlOptions,
  zonesSql,
} from "./sql/zonesSql";
