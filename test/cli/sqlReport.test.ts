/**
 * `servqual report --duckdb FILE` and `--postgres URL --table NAME`: the Gap 5 report computed
 * inside the database equals, number for number, the Gap 5 of the file report on the same
 * respondents; the flags are checked before anything is read.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usageError";
import { expectSameNumbers } from "../sql/sameNumbers";
import { demoCsv, runCli, tempFolder } from "./runCli";

const gap5Of = (folder: string) =>
  JSON.parse(readFileSync(join(folder, "report.json"), "utf8")).results.gap5;

describe("servqual report --duckdb", () => {
  it("a CSV file: the same Gap 5 as the file report (demo survey without its duplicated id)", () => {
    const folder = tempFolder();
    // Drop the second R0205 row: the database path does not look for duplicate ids.
    const lines = readFileSync(demoCsv, "utf8").split("\n");
    const seen = new Set<string>();
    const kept = lines.filter((line, i) => {
      if (i === 0 || line === "") return true;
      const id = line.split(",")[0] as string;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const csv = join(folder, "survey.csv");
    writeFileSync(csv, kept.join("\n"));
    const fromFile = runCli(["report", csv, "--out", "file", "--quiet"], folder);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const fromDuckDb = runCli(["report", "--duckdb", csv, "--out", "duck", "--quiet"], folder);
    expect(fromDuckDb.code, fromDuckDb.stderr).toBe(0);
    expectSameNumbers(gap5Of(join(folder, "duck")), gap5Of(join(folder, "file")));
    const validation = JSON.parse(readFileSync(join(folder, "duck", "report.json"), "utf8")).results
      .validation;
    expect(validation.rowsIn).toBe(600);
    expect(validation.rowsUsed + validation.rowsExcluded).toBe(600);
    expect(validation.issueCounts["out-of-range"]).toBe(3);
  }, 120_000);

  it("a missing file is bad input (exit 1), not a crash", () => {
    const result = runCli(["report", "--duckdb", "no-such-file.parquet", "--quiet"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("no-such-file.parquet");
  }, 60_000);
});

describe("the database flags", () => {
  const usage = (argv: string[]) => () => parseCommandLine(argv);
  it("--postgres needs --table; --table needs --postgres; not both engines; no CSV file beside them", () => {
    expect(usage(["report", "--postgres", "postgres://h/db"])).toThrow(UsageError);
    expect(usage(["report", "--duckdb", "a.parquet", "--table", "t"])).toThrow(UsageError);
    expect(
      usage(["report", "--duckdb", "a.parquet", "--postgres", "postgres://h/db", "--table", "t"]),
    ).toThrow(UsageError);
    expect(usage(["report", "a.csv", "--duckdb", "a.parquet"])).toThrow(UsageError);
    expect(usage(["demo", "--duckdb", "a.parquet"])).toThrow(UsageError);
  });

  it("reads the flags into the command", () => {
    const command = parseCommandLine([
      "report",
      "--postgres",
      "postgres://h/db",
      "--table",
      "crm.survey",
    ]);
    expect(command.kind === "report" && command.database).toEqual({
      kind: "postgres",
      url: "postgres://h/db",
      table: "crm.survey",
    });
  });
});
