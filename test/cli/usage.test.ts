/**
 * Usage errors of the `servqual` command: every one exits with 2 and a sentence naming the
 * mistake, before any file is read or written.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
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
    [["demo", "--at-least", "0"], /--at-least must be a whole number of items/],
    [["demo", "--missing", "listwise", "--at-least", "2"], /--at-least goes with a minimum share/],
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

  it.each(["listwise", ".75"])("--missing accepts %s", (missing) => {
    const out = join(tempFolder(), "r");
    const { code, stderr } = runCli(["demo", "--missing", missing, "--out", out, "--quiet"]);
    expect(stderr).not.toMatch(/--missing must be/);
    expect(code).toBe(0);
    expect(existsSync(join(out, "report.json"))).toBe(true);
  });

  describe("--at-least", () => {
    /** The demo report with extra arguments: its policy, dimension n and the stated rule. */
    function demoWith(args: readonly string[]) {
      const out = join(tempFolder(), "r");
      const { code } = runCli(["demo", "--out", out, "--quiet", ...args]);
      expect(code).toBe(0);
      const results = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results;
      const n = Object.fromEntries(
        (results.gap5.dimensions as { dimension: string; n: number }[]).map((d) => [
          d.dimension,
          d.n,
        ]),
      );
      const rule = /^- Missing data: (.*)$/m.exec(readFileSync(join(out, "report.md"), "utf8"));
      return { policy: results.validation.missingPolicy, n, rule: rule?.[1] };
    }

    it("sets atLeast of the minimum-share rule; the report states it", () => {
      const base = demoWith([]);
      // SERVQUAL-22 has dimensions of 4 and 5 items: ⌈0.5·4⌉ = 2 and ⌈0.5·5⌉ = 3 already
      // reach 2, so a floor of 2 items changes no score.
      const two = demoWith(["--missing", "0.5", "--at-least", "2"]);
      expect(two.policy).toEqual({ kind: "minimum-share", share: 0.5, atLeast: 2 });
      expect(two.rule).toBe(
        "a dimension score needs at least 50% of its items answered and at least 2 items",
      );
      expect(two.n).toEqual(base.n);
      // A floor of 5: the 4-item dimensions can never be scored, the 5-item ones need every
      // item (between listwise over all 22 items and the default one half).
      const five = demoWith(["--at-least", "5"]);
      const listwise = demoWith(["--missing", "listwise"]);
      expect(five.rule).toMatch(/and at least 5 items$/);
      for (const dimension of ["tangibles", "responsiveness", "assurance"]) {
        expect(five.n[dimension]).toBe(0);
      }
      for (const dimension of ["reliability", "empathy"]) {
        expect(five.n[dimension]).toBeGreaterThanOrEqual(listwise.n[dimension] ?? Number.NaN);
        expect(five.n[dimension]).toBeLessThanOrEqual(base.n[dimension] ?? Number.NaN);
      }
      // Four runs of the demo (survey and CRM events) on a shared machine: a generous limit.
    }, 240_000);
  });
});
