/**
 * The `servqual` command, run as a user runs it: the built dist/cli.js (npm test builds first).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));

function run(args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("servqual command", () => {
  it("is built (npm test builds before the unit tests; run `npm run build` when testing alone)", () => {
    expect(existsSync(cli)).toBe(true);
  });

  it("demo prints the report and writes report.json and report.md", () => {
    const out = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const { code, stdout } = run(["demo", "--out", out]);
    expect(code).toBe(0);
    expect(stdout).toContain("Rows in: 601 · used: 599 · excluded: 2");
    expect(stdout).toContain("| Reliability | 5 |");
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(json.kind).toBe("servqual-report-document");
    expect(json.results.kind).toBe("servqual-gap-report");
    expect(json.results.validation.rowsIn).toBe(
      json.results.validation.rowsUsed + json.results.validation.rowsExcluded,
    );
    expect(readFileSync(join(out, "report.md"), "utf8")).toBe(stdout);
  });

  it("gives byte-identical JSON on a second run", () => {
    const a = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const b = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const time = ["--generated-at", "2026-01-31T09:00:00Z"];
    run(["demo", "--out", a, "--quiet", ...time]);
    run(["demo", "--out", b, "--quiet", ...time]);
    expect(readFileSync(join(a, "report.json"), "utf8")).toBe(
      readFileSync(join(b, "report.json"), "utf8"),
    );
  });

  it("keeps a formula and a script tag in labels as inert text in the Markdown", () => {
    const out = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const { stdout } = run(["demo", "--out", out]);
    expect(stdout).not.toContain("<script>");
    expect(stdout).toContain("&lt;script&gt;");
  });

  it("reports a missing file with exit code 1 and a sentence, not a stack trace", () => {
    const { code, stderr } = run(["report", "/no/such/survey.csv"]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/does not exist/);
    expect(stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("reports a file without known columns with the line and the expected names", () => {
    const dir = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "id,q1,q2\n1,5,6\n");
    const { code, stderr } = run(["report", file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/line 1: no column matches an item/);
    expect(stderr).toMatch(/E_1, P_1/);
  });

  it("exits 1 when no row is usable", () => {
    const dir = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const file = join(dir, "blank.csv");
    const answers = Array.from({ length: 22 }, (_, i) => `E_${i + 1},P_${i + 1}`).join(",");
    writeFileSync(file, `respondent_id,${answers}\nR1${",".repeat(44)}\nR2${",".repeat(44)}\n`);
    const { code, stderr } = run(["report", file, "--out", join(dir, "out")]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^servqual: /);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("writes the report but exits 1 when a line cannot be read as a row", () => {
    const out = mkdtempSync(join(tmpdir(), "servqual-cli-"));
    const demo = readFileSync(
      fileURLToPath(new URL("../../data/demo-bank.csv", import.meta.url)),
      "utf8",
    );
    const lines = demo.split("\n");
    // A stray quote on line 100 (respondent R0099): that line is excluded, all others read.
    lines[99] = (lines[99] ?? "").replace(",North,", ',"North,');
    const path = join(out, "stray-quote.csv");
    writeFileSync(path, lines.join("\n"));
    const { code, stdout } = run(["report", path, "--out", out]);
    expect(code).toBe(1);
    expect(stdout).toContain("Rows in: 601 · used: 598 · excluded: 3");
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(json.results.validation.issueCounts["malformed-quote"]).toBe(1);
  });

  it("rejects an unknown command or instrument with exit code 2", () => {
    expect(run(["explode"]).code).toBe(2);
    expect(run(["report", "x.csv", "--instrument", "__proto__"]).code).toBe(2);
    expect(run(["report", "x.csv", "--no-such-flag"]).code).toBe(2);
  });

  it("lists the built-in instruments", () => {
    const { code, stdout } = run(["instruments"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/servqual22\s+SERVQUAL-22/);
    expect(stdout.trim().split("\n")).toHaveLength(5);
  });
});
