export * from "./index";
export * from "./io/index";
export { type CommentsCsvOptions, readCommentsCsv } from "./io/readCommentsCsv";
export { type ComplaintsCsvOptions, readComplaintsCsv } from "./io/readComplaintsCsv";
export { quoteIdentifier } from "./sql/quoteIdentifier";
export { type RunGapCellsSqlOptions, runGapCellsSql } from "./sql/runGapCellsSql";
export {
  type DuckDbConnectionLike,
  type PgClientLike,
  type RunGapSqlOptions,
  runGapSql,
} from "./sql/runGapSql";
export {
  type RunRelationshipFeaturesSqlOptions,
  runRelationshipFeaturesSql,
} from "./sql/runRelationshipFeaturesSql";
export { type RunServperfSqlOptions, runServperfSql } from "./sql/runServperfSql";
export { type RunZonesSqlOptions, runZonesSql } from "./sql/runZonesSql";
