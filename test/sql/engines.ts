/**
 * The database engines of the SQL tests: DuckDB in-process, and PostgreSQL when
 * SERVQUAL_POSTGRES_URL names a server (`.ci/run` starts a throwaway one with
 * scripts/with-postgres.sh; elsewhere the PostgreSQL tests are skipped and say how to run them).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import pg from "pg";
import type { DuckDbConnectionLike, PgClientLike } from "../../src/sql/runGapSql";

export const POSTGRES_URL = process.env.SERVQUAL_POSTGRES_URL ?? "";

/** Shown when the PostgreSQL tests are skipped. */
export const POSTGRES_SKIPPED =
  "PostgreSQL tests skipped: SERVQUAL_POSTGRES_URL is not set. Run them with a throwaway server: scripts/with-postgres.sh npx vitest run test/sql (needs Debian's postgresql package)";

/** A cell of a test table: a number, text or null (missing). */
export type Cell = number | string | null;

/** A table to load: column names and rows. */
export interface Table {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export interface Engine {
  readonly name: "duckdb" | "postgres";
  readonly connection: DuckDbConnectionLike & PgClientLike;
  /** Creates (or replaces) a table; `text` makes every column text, else DOUBLE PRECISION (the first `textColumns` stay text). */
  load(
    name: string,
    table: Table,
    options?: { text?: boolean; textColumns?: number },
  ): Promise<void>;
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function columnTypes(table: Table, options: { text?: boolean; textColumns?: number }) {
  return table.header.map(
    (name, c) =>
      `${quote(name)} ${options.text === true || c < (options.textColumns ?? 0) ? "VARCHAR" : "DOUBLE PRECISION"}`,
  );
}

export async function duckdbEngine(): Promise<Engine> {
  const instance = await DuckDBInstance.create(":memory:");
  const duck = await instance.connect();
  const connection = {
    runAndReadAll: (sql: string, values?: unknown[]) => duck.runAndReadAll(sql, values as never),
    query: undefined,
  } as unknown as DuckDbConnectionLike & PgClientLike;
  return {
    name: "duckdb",
    connection,
    async load(name, table, options = {}) {
      await duck.run(
        `CREATE OR REPLACE TABLE ${quote(name)} (${columnTypes(table, options).join(", ")})`,
      );
      const appender = await duck.createAppender(name);
      for (const row of table.rows) {
        row.forEach((cell, c) => {
          if (cell === null) appender.appendNull();
          else if (options.text === true || c < (options.textColumns ?? 0))
            appender.appendVarchar(String(cell));
          else appender.appendDouble(Number(cell));
        });
        appender.endRow();
      }
      appender.closeSync();
    },
    async run(sql) {
      await duck.run(sql);
    },
    async close() {
      duck.closeSync();
      instance.closeSync();
    },
  };
}

/**
 * A PostgreSQL connection with a schema of its own (first on its `search_path`, dropped on
 * close): test files run in parallel on one server, and two of them loading a table of the same
 * name ("synthetic", "kiosk", "survey") must not replace each other's table mid-test.
 */
export async function postgresEngine(): Promise<Engine> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  const schema = quote(`servqual_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  const connection = client as unknown as DuckDbConnectionLike & PgClientLike;
  return {
    name: "postgres",
    connection: {
      query: (text: string, values?: unknown[]) => client.query(text, values),
    } as unknown as DuckDbConnectionLike & PgClientLike,
    async load(name, table, options = {}) {
      await client.query(`DROP TABLE IF EXISTS ${quote(name)}`);
      await client.query(`CREATE TABLE ${quote(name)} (${columnTypes(table, options).join(", ")})`);
      const width = table.header.length;
      const batch = Math.max(1, Math.floor(60000 / width));
      for (let start = 0; start < table.rows.length; start += batch) {
        const rows = table.rows.slice(start, start + batch);
        const values: Cell[] = [];
        const tuples = rows.map((row) => {
          const cells = row.map((cell) => {
            values.push(cell === null ? null : options.text === true ? String(cell) : cell);
            return `$${values.length}`;
          });
          return `(${cells.join(", ")})`;
        });
        await client.query(`INSERT INTO ${quote(name)} VALUES ${tuples.join(", ")}`, values);
      }
      void connection;
    },
    async run(sql) {
      await client.query(sql);
    },
    async close() {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
