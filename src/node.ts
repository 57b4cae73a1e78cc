export * from "./index";
export * from "./io/index";
export { type ComplaintsCsvOptions, readComplaintsCsv } from "./io/readComplaintsCsv";
export { quoteIdentifier } from "./sql/quoteIdentifier";
export {
  type DuckDbConnectionLike,
  type PgClientLike,
  type RunGapSqlOptions,
  runGapSql,
} from "./sql/runGapSql";
