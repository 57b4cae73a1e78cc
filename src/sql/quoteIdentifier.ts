import { invalidArgument } from "../_lib/guards";

/**
 * Quotes an SQL identifier (a table or column name) the ANSI way, the one place the SQL builders
 * write a user's name into SQL text: wrapped in double quotes, every double quote inside doubled.
 * Any name is then one identifier, never SQL: `"; DROP TABLE x; --` becomes the column
 * `"""; DROP TABLE x; --"`. Names with a NUL character, empty names and names longer than 256
 * characters are refused (no engine accepts them).
 *
 * Reference: ISO/IEC 9075-2 (SQL:2016), 5.2 <delimited identifier>; DuckDB and PostgreSQL follow it.
 *
 * @param fn - The public function asking (named in the error).
 * @param param - The option holding the name.
 * @param name - The identifier.
 * @returns The quoted identifier.
 * @throws {ServqualError} `invalid-argument` for an empty, too long or NUL-holding name.
 * @example
 * quoteName("gapSql", "table", 'survey "2024"') //=> '"survey ""2024"""'
 */
export function quoteName(fn: string, param: string, name: unknown): string {
  if (typeof name !== "string" || name.length === 0 || name.length > 256 || name.includes("\0")) {
    throw invalidArgument(
      fn,
      param,
      "a non-empty name of at most 256 characters without NUL",
      name,
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Quotes a table name given as one name or as its parts (`["schema", "table"]`), each part
 * quoted by {@link quoteIdentifier} and joined with dots.
 *
 * @example
 * quoteTable("gapSql", ["crm", "survey"]) //=> '"crm"."survey"'
 */
export function quoteTable(fn: string, table: unknown): string {
  if (Array.isArray(table)) {
    if (table.length === 0 || table.length > 3) {
      throw invalidArgument(
        fn,
        "table",
        "a name or 1–3 name parts (catalog, schema, table)",
        table,
      );
    }
    return table.map((part, i) => quoteName(fn, `table.${i}`, part)).join(".");
  }
  return quoteName(fn, "table", table);
}

/**
 * Quotes an SQL identifier the way the SQL builders of `servqual/sql` do (ANSI delimited
 * identifier: double quotes around it, each double quote inside doubled), for callers who write
 * their own SQL around a statement (a view over a file, a table to load).
 *
 * Reference: ISO/IEC 9075-2 (SQL:2016), 5.2 <delimited identifier>.
 *
 * @param name - A table or column name (1–256 characters, no NUL).
 * @returns The quoted identifier.
 * @throws {ServqualError} `invalid-argument` for an empty, too long or NUL-holding name.
 * @example
 * quoteIdentifier('"; DROP TABLE x; --') //=> '"""; DROP TABLE x; --"'
 */
export function quoteIdentifier(name: string): string {
  return quoteName("quoteIdentifier", "name", name);
}
