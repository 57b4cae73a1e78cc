/**
 * Usage errors of the `servqual` command: every one exits with 2 and a sentence naming the
 * mistake, before any file is read or written.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoCsv, runCli, tempFolder } from "./runCli";

describe("servqual usage errors (exit code 2)", () => {
  it.each([
    [["explode"], /unknown command "explode"/],
    [[], /name a command/],
    [["report", "a.csv", "b.csv"], /unexpected: "b\.csv"/],
    [["report", "x.csv", "--no-such-flag"], /unknown option --no-such-flag/],
    [["report", "x.csv", "--missing", "abc"], /--missing must be listwise, pairwise or a share/],
    [["demo", "--out"], /--out needs a value/],
    [["report", "x.csv", "--instrument", "servqal22"], /did you mean servqual22\?/],
    // a role given twice: found by the library from the header, still a usage error
    [["report", demoCsv, "--id", "E_1"], /column "E_1" is both/],
  ])("%j exits 2 with a clear message, writing nothing", (args, message) => {
    const cwd = tempFolder();
    const { code, stdout, stderr } = runCli(args, cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/servqual --help/);
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(stdout).toBe("");
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("--help prints the options and the exit code table, exit 0", () => {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout } = runCli([flag]);
      expect(code).toBe(0);
      for (const option of ["--columns", "--rename", "--encoding", "--delimiter", "--force"]) {
        expect(stdout).toContain(option);
      }
      expect(stdout).toMatch(
        /Exit codes:\n\s+0\s+ok[\s\S]*\n\s+1\s+bad input[\s\S]*\n\s+2\s+usage/,
      );
    }
  });

  it("--help wins over a command and its arguments", () => {
    const { code, stdout } = runCli(["report", "a.csv", "b.csv", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^servqual: /);
  });

  it("--version prints the package version, exit 0", () => {
    const { code, stdout } = runCli(["--version"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("--missing accepts listwise, pairwise and a decimal share", () => {
    for (const missing of ["listwise", ".75"]) {
      const out = join(tempFolder(), "r");
      const { code, stderr } = runCli(["demo", "--missing", missing, "--out", out, "--quiet"]);
      expect(stderr).not.toMatch(/--missing must be/);
      expect(code).toBe(0);
      expect(existsSync(join(out, "report.json"))).toBe(true);
    }
  });
});
