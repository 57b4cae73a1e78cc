import { tmpdir } from "node:os";
import { join } from "node:path";
import { UsageError } from "./usageError";

/** `--duckdb-threads`, `--duckdb-memory-limit`, `--duckdb-temp-directory`, as checked. */
export interface DuckDbFlags {
  readonly threads?: number;
  readonly memoryLimit?: string;
  readonly tempDirectory?: string;
}

/**
 * The settings of the DuckDB instance of `servqual report --duckdb` (docs/sql.md, "Settings"),
 * those of the push-down benchmark (bench/sql.mjs): one thread (each DuckDB thread keeps its
 * own expression state, about 33 MiB for the widest Gap 5 statement of SERVQUAL-22, so a second
 * thread took a 1M-row run from about 180 to 210 MiB); a memory limit of 96 MB, beyond which
 * DuckDB writes temporary data to `temp_directory` (DuckDB runs inside the Node process, so its
 * memory is the process's); no insertion order to keep (only sums come back); the allocator
 * hands freed memory back after each task; no cache of the file's blocks (the statements read
 * the file in turn, each once; the cache held 3 MiB at 1M rows, 22 MiB with small row groups).
 * The first three can be changed with `--duckdb-threads`, `--duckdb-memory-limit` and
 * `--duckdb-temp-directory`.
 */
export const DUCKDB_DEFAULTS = {
  threads: "1",
  memory_limit: "96MB",
  temp_directory: join(tmpdir(), "servqual-duckdb"),
  preserve_insertion_order: "false",
  allocator_flush_threshold: "1MB",
  allocator_background_threads: "true",
  enable_external_file_cache: "false",
} as const;

/** A size DuckDB reads: a number and a unit (B, KB, MB, GB, TB, KiB, MiB, GiB, TiB). */
const SIZE = /^[0-9]+(?:\.[0-9]+)?\s*(?:B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)$/i;

/**
 * Reads the DuckDB flags of the command line.
 *
 * @param one - The value of an option, or undefined.
 * @param duckdb - Whether `--duckdb FILE` was given (the flags need it).
 * @returns The flags given, or undefined when none was.
 * @throws {UsageError} for a flag without `--duckdb`, a thread count that is not a whole
 *   number from 1 to 256, or a memory limit that is not a size such as 512MB or 2GB.
 * @example
 * duckDbFlagsOf((name) => (name === "duckdb-threads" ? "4" : undefined), true) //=> { threads: 4 }
 */
export function duckDbFlagsOf(
  one: (
    name: "duckdb-threads" | "duckdb-memory-limit" | "duckdb-temp-directory",
  ) => string | undefined,
  duckdb: boolean,
): DuckDbFlags | undefined {
  const threads = one("duckdb-threads");
  const memoryLimit = one("duckdb-memory-limit");
  const tempDirectory = one("duckdb-temp-directory");
  const given = [
    ["duckdb-threads", threads],
    ["duckdb-memory-limit", memoryLimit],
    ["duckdb-temp-directory", tempDirectory],
  ].filter(([, value]) => value !== undefined);
  if (given.length === 0) return undefined;
  if (!duckdb) {
    throw new UsageError(
      `${given.map(([name]) => `--${name}`).join(", ")} go${given.length === 1 ? "es" : ""} with --duckdb FILE`,
    );
  }
  const flags: { threads?: number; memoryLimit?: string; tempDirectory?: string } = {};
  if (threads !== undefined) {
    const n = Number(threads);
    if (!/^[0-9]+$/.test(threads) || n < 1 || n > 256) {
      throw new UsageError(
        `--duckdb-threads must be a whole number from 1 to 256, not "${threads}"`,
      );
    }
    flags.threads = n;
  }
  if (memoryLimit !== undefined) {
    if (!SIZE.test(memoryLimit.trim())) {
      throw new UsageError(
        `--duckdb-memory-limit must be a size such as 512MB or 2GB (units B, KB, MB, GB, TB, KiB, MiB, GiB, TiB), not "${memoryLimit}"`,
      );
    }
    flags.memoryLimit = memoryLimit.trim();
  }
  if (tempDirectory !== undefined) flags.tempDirectory = tempDirectory;
  return flags;
}

/**
 * The configuration of the command's DuckDB instance: {@link DUCKDB_DEFAULTS} with the flags
 * given in their place.
 *
 * @example
 * duckDbSettings({ threads: 4 }).threads //=> "4"
 */
export function duckDbSettings(flags: DuckDbFlags | undefined): Record<string, string> {
  return {
    ...DUCKDB_DEFAULTS,
    ...(flags?.threads === undefined ? {} : { threads: String(flags.threads) }),
    ...(flags?.memoryLimit === undefined ? {} : { memory_limit: flags.memoryLimit }),
    ...(flags?.tempDirectory === undefined ? {} : { temp_directory: flags.tempDirectory }),
  };
}

/**
 * One line naming the settings the DuckDB instance runs with, read back from DuckDB
 * (`current_setting`), for `--verbose`.
 *
 * @example
 * await describeDuckDb(connection) //=> "DuckDB settings: threads 1, memory_limit 91.5 MiB, …\n"
 */
export async function describeDuckDb(connection: {
  runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): Record<string, unknown>[] }>;
}): Promise<string> {
  const names = Object.keys(DUCKDB_DEFAULTS);
  const reader = await connection.runAndReadAll(
    `SELECT ${names.map((name, i) => `current_setting('${name}') AS s${i}`).join(", ")}`,
  );
  const row = reader.getRowObjectsJS()[0] ?? {};
  return `DuckDB settings: ${names.map((name, i) => `${name} ${String(row[`s${i}`])}`).join(", ")}\n`;
}
