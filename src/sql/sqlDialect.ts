/**
 * The SQL dialects the builders write, and every difference between them in one table. The
 * statements are otherwise ANSI SQL (CTEs, CASE, GROUP BY, UNNEST, CAST, UNION ALL, ARRAY
 * constructors), which DuckDB and PostgreSQL both run; docs/sql.md says what changes on other
 * engines.
 */
export type SqlDialect = "duckdb" | "postgres";

/** What differs between the dialects. */
export interface DialectRules {
  /** The i-th (1-based) bound parameter. */
  readonly parameter: (index: number) => string;
  /** The double-precision type in CAST. */
  readonly double: string;
  /** The small integer type of the staged table's cells (step index, or −1 − fault code). */
  readonly smallInt: string;
  /** An array of the given expressions (the sums of one group travel as one array column). */
  readonly array: (elements: readonly string[]) => string;
  /**
   * Ends each step (CTE) of the statement. PostgreSQL inlines a CTE used once into its user and
   * would then copy every derived column's expression into each aggregate that reads it (the
   * statement's per-row steps build on each other, so the copies multiply); `OFFSET 0` keeps
   * each step a subquery evaluated once per row, without materialising it.
   */
  readonly fence: string;
  /**
   * Written after `name AS` of each step. DuckDB materialises a CTE read more than once (the
   * per-row steps are read by the sums and by the histograms): every row with hundreds of
   * derived columns would be kept in memory, so the steps are `NOT MATERIALIZED` (computed
   * again by each reader, in a stream). PostgreSQL has its `OFFSET 0` fence instead.
   */
  readonly step: string;
  /** Whether text matches a regular expression as a whole. */
  readonly matches: (text: string, pattern: string) => string;
}

/**
 * The dialect table (docs/sql.md shows it with the engines tested on paper only):
 *
 * | | DuckDB | PostgreSQL |
 * | --- | --- | --- |
 * | parameter | `$1` | `$1` |
 * | double | `DOUBLE PRECISION` (alias of DOUBLE) | `DOUBLE PRECISION` |
 * | small integer | `SMALLINT` | `SMALLINT` |
 * | array | `ARRAY[a, b]` (a LIST) | `ARRAY[a, b]` (float8[]) |
 * | whole-text regex match | `regexp_full_match(t, p)` | `t ~ p` (p anchored by ^…$) |
 * | ROUND of x.5 | away from zero | half to even (rint) |
 * | step fence | none | `OFFSET 0` (keeps CTEs from being inlined and expanded) |
 * | step keyword | `AS NOT MATERIALIZED` (streams; no copy of every row) | `AS` |
 *
 * ROUND is only applied to values within 1e-9 of an integer (gap steps of answers on the scale
 * grid) or to test that closeness, so the two rules give the same results.
 */
export const DIALECTS: Readonly<Record<SqlDialect, DialectRules>> = {
  duckdb: {
    parameter: (index) => `$${index}`,
    double: "DOUBLE PRECISION",
    smallInt: "SMALLINT",
    array: (elements) => `ARRAY[${elements.join(", ")}]`,
    fence: "",
    step: "NOT MATERIALIZED ",
    matches: (text, pattern) => `regexp_full_match(${text}, ${pattern})`,
  },
  postgres: {
    parameter: (index) => `$${index}`,
    double: "DOUBLE PRECISION",
    smallInt: "SMALLINT",
    array: (elements) => `ARRAY[${elements.join(", ")}]`,
    fence: " OFFSET 0",
    step: "",
    matches: (text, pattern) => `${text} ~ ${pattern}`,
  },
};
