/**
 * Usage errors of the `servqual` command: every one exits with 2 and a sentence naming the
 * mistake, before any file is read or written.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFolder } from "./runCli";

describe("servqual usage errors (exit code 2)", () => {
  it.each([
    [["explode"], /unknown command "explode"/],
    [["reprot", "x.csv"], /did you mean report\?/],
    [[], /name a command/],
    [["report"], /name the CSV file/],
    [["report", "a.csv", "b.csv"], /unexpected: "b\.csv"/],
    [["demo", "extra"], /demo takes no argument; unexpected: "extra"/],
    [["instruments", "extra"], /instruments takes no argument/],
    [["report", "x.csv", "--no-such-flag"], /unknown option --no-such-flag/],
    [["report", "x.csv", "--segmnts", "region"], /did you mean --segments\?/],
    [["report", "x.csv", "-x"], /unknown option -x/],
    [["report", "x.csv", "--missing", "abc"], /--missing must be listwise, pairwise or a share/],
    [["report", "x.csv", "--missing", "0"], /--missing must be/],
    [["report", "x.csv", "--missing", "1.5"], /--missing must be/],
    [["report", "x.csv", "--missing", "0x1"], /--missing must be/],
    [["report", "x.csv", "--out"], /--out needs a value/],
    [["report", "x.csv", "--out", "--quiet"], /--out needs a value, not the option "--quiet"/],
    [["report", "x.csv", "--id", ""], /--id needs a non-empty value/],
    [["report", "x.csv", "--id", "a", "--id", "b"], /--id is given twice/],
    [["report", "x.csv", "--quiet=yes"], /--quiet takes no value/],
    [["report", "x.csv", "--segments", "region,,channel"], /--segments has an empty name/],
    [["report", "x.csv", "--segments", "region,region"], /names "region" twice/],
    [["report", "x.csv", "--rename", "Q1"], /--rename takes OLD=NEW pairs/],
    [["report", "x.csv", "--rename", "=E_1"], /--rename takes OLD=NEW pairs/],
    [["report", "x.csv", "--rename", "a=b,a=c"], /renames "a" twice/],
    [["report", "x.csv", "--encoding", "utf-16"], /--encoding must be utf-8, utf-16le or latin1/],
    [["report", "x.csv", "--delimiter", '"'], /--delimiter must be/],
    [["report", "x.csv", "--delimiter", "123456789"], /--delimiter must be/],
    [["report", "x.csv", "--instrument", "__proto__"], /unknown instrument "__proto__"/],
    [["report", "x.csv", "--instrument", "servqal22"], /did you mean servqual22\?/],
    [["demo", "--instrument", "servperf22"], /demo does not take --instrument/],
    [["instruments", "--out", "x"], /instruments does not take --out/],
  ])("%j exits 2 with a clear message", (args, message) => {
    const cwd = tempFolder();
    const { code, stdout, stderr } = runCli(args, cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/servqual --help/);
    expect(stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(stdout).toBe("");
    expect(readdirSync(cwd)).toEqual([]); // nothing written
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
