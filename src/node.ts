export * from "./index";
export * from "./io/index";
export {
  type DuckDbConnectionLike,
  type PgClientLike,
  type RunGapSqlOptions,
  runGapSql,
} from "./sql/runGapSql";
