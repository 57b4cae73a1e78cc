/**
 * The DuckDB instance of `servqual report --duckdb`: its documented defaults and the
 * `--duckdb-threads`, `--duckdb-memory-limit` and `--duckdb-temp-directory` overrides, read
 * back from DuckDB itself (`--verbose` prints `current_setting` of each), and misuse of the
 * flags refused with exit 2 before anything is read. Runs the built bin.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoCsv, runCli, tempFolder } from "./runCli";

/** The settings line DuckDB's own answers make, as name → value. */
function settingsOf(stderr: string): Record<string, string> {
  const line = stderr.split("\n").find((text) => text.startsWith("DuckDB settings: "));
  expect(line, stderr).toBeDefined();
  return Object.fromEntries(
    (line as string)
      .slice("DuckDB settings: ".length)
      .split(", ")
      .map((pair) => {
        const at = pair.indexOf(" ");
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );
}

describe("servqual report --duckdb: the instance's settings", () => {
  it("defaults: 1 thread, 96 MB (DuckDB shows 96·10⁶ B as 91.5 MiB), no insertion order, no file cache", () => {
    const folder = tempFolder();
    const result = runCli(
      ["report", "--duckdb", demoCsv, "--verbose", "--quiet", "--out", "r"],
      folder,
    );
    expect(result.code, result.stderr).toBe(0);
    const settings = settingsOf(result.stderr);
    expect(settings.threads).toBe("1");
    expect(settings.enable_external_file_cache).toBe("false");
    // 96,000,000 / 2^20 = 91.55 MiB; DuckDB prints one decimal.
    expect(settings.memory_limit).toBe("91.5 MiB");
    expect(settings.preserve_insertion_order).toBe("false");
    expect(settings.allocator_background_threads).toBe("true");
    expect(settings.temp_directory).toMatch(/servqual-duckdb$/);
  }, 180_000);

  it("the flags replace the defaults", () => {
    const folder = tempFolder();
    const spill = join(folder, "spill");
    const result = runCli(
      [
        "report",
        "--duckdb",
        demoCsv,
        "--duckdb-threads",
        "2",
        "--duckdb-memory-limit",
        "200MB",
        "--duckdb-temp-directory",
        spill,
        "--verbose",
        "--quiet",
        "--out",
        "r",
      ],
      folder,
    );
    expect(result.code, result.stderr).toBe(0);
    const settings = settingsOf(result.stderr);
    expect(settings.threads).toBe("2");
    // 200,000,000 / 2^20 = 190.73 MiB.
    expect(settings.memory_limit).toBe("190.7 MiB");
    expect(settings.temp_directory).toBe(spill);
  }, 180_000);

  /** What the command must say when DuckDB runs out of memory, wherever it happens. */
  const expectOutOfMemory = (result: { code: number | null; stderr: string }, during: string) => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(
      `servqual: DuckDB ran out of memory (sql-out-of-memory) ${during}: Out of Memory Error`,
    );
    expect(result.stderr).toMatch(/memory_limit 1MB, \d+ thread\(s\)/);
    for (const flag of ["--duckdb-memory-limit", "--duckdb-threads", "--duckdb-temp-directory"]) {
      expect(result.stderr).toContain(flag);
    }
    // Not mistaken for a file that cannot be opened; DuckDB's SQL advice (SET …) left out.
    expect(result.stderr).not.toContain("cannot open");
    expect(result.stderr).not.toContain("SET threads");
  };

  it("a memory limit too small to read the CSV file: a coded out-of-memory error (exit 1) naming the options", () => {
    const result = runCli([
      "report",
      "--duckdb",
      demoCsv,
      "--duckdb-memory-limit",
      "1MB",
      "--quiet",
    ]);
    expectOutOfMemory(result, `reading ${demoCsv}`);
  }, 180_000);

  it("a memory limit too small for the statements (Parquet file): the same coded error (exit 1)", async () => {
    const folder = tempFolder();
    const parquet = join(folder, "survey.parquet");
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const duck = await (await DuckDBInstance.create(":memory:")).connect();
    // SERVQUAL-22 columns E_1..E_22, P_1..P_22 (the command's default names) of 1,000 seeded rows (answers 1..7 from hash()).
    const columns = Array.from({ length: 22 }, (_, i) =>
      ["E", "P"].map((f) => `1 + hash(i, ${i}, '${f}') % 7 AS ${f}_${i + 1}`).join(", "),
    ).join(", ");
    await duck.run(
      `COPY (SELECT ${columns} FROM range(1000) t(i)) TO '${parquet}' (FORMAT parquet)`,
    );
    duck.closeSync();
    const result = runCli(
      ["report", "--duckdb", parquet, "--duckdb-memory-limit", "1MB", "--quiet", "--out", "r"],
      folder,
    );
    expectOutOfMemory(result, "computing the report");
  }, 180_000);

  it.each([
    [["--duckdb", "a.parquet", "--duckdb-threads", "0"], "from 1 to 256"],
    [["--duckdb", "a.parquet", "--duckdb-threads", "257"], "from 1 to 256"],
    [["--duckdb", "a.parquet", "--duckdb-threads", "two"], "from 1 to 256"],
    [["--duckdb", "a.parquet", "--duckdb-threads", "1.5"], "from 1 to 256"],
    [["--duckdb", "a.parquet", "--duckdb-memory-limit", "lots"], "a size such as 512MB"],
    [["--duckdb", "a.parquet", "--duckdb-memory-limit", "512"], "a size such as 512MB"],
    [["--duckdb", "a.parquet", "--duckdb-temp-directory"], "needs a value"],
    [["survey.csv", "--duckdb-threads", "2"], "goes with --duckdb FILE"],
    [
      ["--postgres", "postgres://h/db", "--table", "t", "--duckdb-memory-limit", "1GB"],
      "goes with --duckdb FILE",
    ],
  ])("report %j is a usage error (exit 2)", (args, message) => {
    const result = runCli(["report", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  it("demo does not take the flags (exit 2); --help lists them", () => {
    const demo = runCli(["demo", "--duckdb-threads", "2"]);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toContain("demo does not take --duckdb-threads");
    const help = runCli(["--help"]);
    for (const flag of ["--duckdb-threads", "--duckdb-memory-limit", "--duckdb-temp-directory"]) {
      expect(help.stdout).toContain(flag);
    }
  });
});
