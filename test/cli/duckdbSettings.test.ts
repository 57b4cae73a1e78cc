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
  it("defaults: 2 threads, 96 MB (DuckDB shows 96·10⁶ B as 91.5 MiB), no insertion order", () => {
    const folder = tempFolder();
    const result = runCli(
      ["report", "--duckdb", demoCsv, "--verbose", "--quiet", "--out", "r"],
      folder,
    );
    expect(result.code, result.stderr).toBe(0);
    const settings = settingsOf(result.stderr);
    expect(settings.threads).toBe("2");
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
        "1",
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
    expect(settings.threads).toBe("1");
    // 200,000,000 / 2^20 = 190.73 MiB.
    expect(settings.memory_limit).toBe("190.7 MiB");
    expect(settings.temp_directory).toBe(spill);
  }, 180_000);

  it("a memory limit too small for the statements is bad input (exit 1) naming DuckDB's reason", () => {
    const result = runCli([
      "report",
      "--duckdb",
      demoCsv,
      "--duckdb-memory-limit",
      "1MB",
      "--quiet",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Out of Memory");
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
