/**
 * Covariates and the population from the command line: --covariates, --population-column,
 * --population, --population-labels and the "covariates" / "population" keys of a --columns
 * file. The file is the demo survey's first 120 respondents with two added columns whose
 * content is known row by row, so the expected counts are counted from what was written.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine, type ReportCommand } from "../../src/cli/args";
import { UsageError } from "../../src/cli/usageError";
import { demoCsv, gapFigures, runCli, tempFolder } from "./runCli";

const lines = readFileSync(demoCsv, "utf8").split("\n").slice(0, 121);
// Rows 1…120: every 10th row is a manager, row 7 a typo, row 13 blank; every 25th temperature is not a number.
const roleOf = (r: number) =>
  r === 7 ? "manger" : r === 13 ? "" : r % 10 === 0 ? "Managers" : "customers";
const temperatureOf = (r: number) => (r % 25 === 0 ? "warm" : `${(r % 30) - 5}.5`);
const text = `${[
  `${lines[0]},role,temperature`,
  ...lines.slice(1).map((line, k) => `${line},${roleOf(k + 1)},${temperatureOf(k + 1)}`),
].join("\n")}\n`;
const plainText = `${lines.join("\n")}\n`;

function write(name: string, content: string): string {
  const path = join(tempFolder(), name);
  writeFileSync(path, content);
  return path;
}

function report(file: string, args: readonly string[] = []) {
  const out = join(tempFolder(), "out");
  return { ...runCli(["report", file, "--out", out, "--quiet", ...args]), out };
}

function validation(out: string) {
  return JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results.validation;
}

describe("servqual report with covariates and a population column", () => {
  const file = write("attributes.csv", text);

  it("reads them by flags: unknown and blank populations exclude their rows, bad covariates are issues", () => {
    const { code, out, stderr } = report(file, [
      "--covariates",
      "temperature",
      "--population-column",
      "role",
    ]);
    expect(stderr).not.toMatch(/servqual:/);
    expect(code).toBe(0);
    const v = validation(out);
    expect(v.rowsIn).toBe(120);
    expect(v.rowsIn).toBe(v.rowsUsed + v.rowsExcluded);
    expect(v.issueCounts["unknown-population"]).toBe(1);
    expect(v.issueCounts["blank-population"]).toBe(1);
    expect(v.issueCounts["bad-covariate"]).toBe(4);
    expect(JSON.stringify(v)).toContain(
      '\\"manger\\" is not one of customers, managers or employees',
    );
  });

  it("a --columns file gives the same result as the flags; a default fills the blank", () => {
    const map = write(
      "map.json",
      JSON.stringify({ covariates: ["temperature"], population: "role" }),
    );
    const byFlags = report(file, ["--covariates", "temperature", "--population-column", "role"]);
    const byMap = report(file, ["--columns", map]);
    expect(byMap.code).toBe(0);
    expect(gapFigures(byMap.out)).toEqual(gapFigures(byFlags.out));
    const withDefault = report(file, ["--columns", map, "--population", "customers"]);
    const v = validation(withDefault.out);
    expect(v.issueCounts["blank-population"]).toBeUndefined();
    expect(v.issueCounts["unknown-population"]).toBe(1);
    expect(v.rowsExcluded).toBe(validation(byMap.out).rowsExcluded - 1);
  });

  it("declared labels are populations; an undeclared default is a usage error (exit 2)", () => {
    const declared = report(file, ["--population-column", "role", "--population-labels", "manger"]);
    expect(validation(declared.out).issueCounts["unknown-population"]).toBeUndefined();
    const undeclared = report(file, ["--population", "suppliers"]);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toContain("suppliers");
    const formula = report(file, ["--population-labels", "=cmd"]);
    expect(formula.code).toBe(2);
    expect(formula.stderr).toMatch(/not a plain name/);
  });

  it("rejects a column with two roles before reading (exit 2)", () => {
    for (const args of [
      ["--covariates", "E_1"],
      ["--covariates", "region", "--segments", "region"],
      ["--population-column", "respondent_id"],
      ["--population-column", "temperature", "--covariates", "temperature"],
    ]) {
      const { code, stderr } = report(file, args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toMatch(/column-role-conflict|has one role|two roles/);
    }
  });

  it("a requested column that is absent stops the run (exit 1) naming it", () => {
    const { code, stderr } = report(write("plain.csv", plainText), ["--covariates", "temperature"]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'the covariate column "temperature" was requested but is not in the header',
    );
  });

  it("without the flags the added columns are ignored and the Gap 5 figures are unchanged", () => {
    const added = report(file);
    const plain = report(write("plain.csv", plainText));
    expect(added.code).toBe(0);
    expect(gapFigures(added.out)).toEqual(gapFigures(plain.out));
  });
});

describe("parseCommandLine: attribute options", () => {
  const parse = (args: readonly string[]) =>
    parseCommandLine(["report", "s.csv", ...args]) as ReportCommand;
  const usage = (args: readonly string[]) => {
    try {
      parse(args);
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
    throw new Error("expected a usage error");
  };

  it("reads the lists and names", () => {
    expect(
      parse([
        "--covariates",
        "temperature, tenure",
        "--population-column",
        "role",
        "--population",
        "managers",
        "--population-labels",
        "franchisees,owners",
      ]),
    ).toMatchObject({
      covariates: ["temperature", "tenure"],
      populationColumn: "role",
      population: "managers",
      populationLabels: ["franchisees", "owners"],
    });
    expect(parse([])).toMatchObject({
      covariates: undefined,
      populationColumn: undefined,
      population: undefined,
    });
  });

  it("rejects empty and repeated names, and the options on demo", () => {
    expect(usage(["--covariates", "a,,b"])).toMatch(/--covariates has an empty name/);
    expect(usage(["--covariates", "a,a"])).toMatch(/--covariates names "a" twice/);
    expect(usage(["--population-labels", "x,x"])).toMatch(/--population-labels names "x" twice/);
    expect(usage(["--population-column", ""])).toMatch(/needs a non-empty value/);
    expect(usage(["--covariate", "t"])).toMatch(/did you mean --covariates/);
    expect(() => parseCommandLine(["demo", "--population-column", "role"])).toThrow(
      /demo does not take --population-column/,
    );
  });
});
