/**
 * `servqual report --trust FILE`: a relationship survey outside the demo, read on the built-in
 * bank, as a user runs the built command; with `--events` it is shown by stage with commitment
 * evidence from the events.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, demoCsv, runCli, tempFolder } from "./runCli";

const demoTrust = fileURLToPath(new URL("../../data/demo-trust.csv", import.meta.url));
const demoEvents = fileURLToPath(new URL("../../data/demo-events.csv", import.meta.url));
const header = readFileSync(demoTrust, "utf8").split("\n")[0] as string;
const items = header.split(",").slice(2);
/** Reverse-keyed items of the bank (an answer x counts as 8 − x). */
const REVERSED = new Set(["tho4", "caf4"]);

describe("servqual report --trust", () => {
  it("scores a hand-made survey: all 4s give 50, the top answers 100", () => {
    const dir = tempFolder();
    const file = join(dir, "trust.csv");
    const top = items.map((item) => (REVERSED.has(item) ? "1" : "7"));
    writeFileSync(
      file,
      `${header}\na,2025-03-01,${items.map(() => "4").join(",")}\nb,2025-03-02,${top.join(",")}\n`,
    );
    const run = runCli(["report", demoCsv, "--trust", file, "--format", "json"], dir);
    expect(run.code, run.stderr).toBe(0);
    const trust = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).results.trust;
    const byId = Object.fromEntries(
      trust.quality.customers.map((c: { respondent: string }) => [c.respondent, c]),
    );
    // index = 100 · (mean answer − 1) / 6: 4 → 50, 7 → 100
    expect(byId.a.trust).toBeCloseTo(50, 10);
    expect(byId.a.commitment).toBeCloseTo(50, 10);
    expect(byId.b.trust).toBeCloseTo(100, 10);
    expect(byId.b.commitment).toBeCloseTo(100, 10);
    expect(trust.quality.summary.trust.mean).toBeCloseTo(75, 10);
    expect(trust.quality.byStage).toBeNull();
    expect(trust.survey).toEqual({
      rowsIn: 2,
      rowsUsed: 2,
      rowsExcluded: 0,
      unreadableLines: 0,
      exclusionCounts: {},
      issueCounts: {},
      excludedRows: [],
      issues: [],
    });
  });

  it("lists the survey's coded issues with line, column and reason in every format, escaped", () => {
    const dir = tempFolder();
    const file = join(dir, "trust.csv");
    const row = (id: string, date: string, cells: Record<string, string> = {}) =>
      [id, date, ...items.map((item) => cells[item] ?? "4")].join(",");
    const script = "<script>alert(1)</script>";
    const formula = '=HYPERLINK("http://x","y")';
    const quoted = `"${formula.replaceAll('"', '""')}"`;
    // lines: 1 header, 2 a, 3–4 the script id twice, 5–6 the formula id twice, 7 b
    writeFileSync(
      file,
      `${[
        header,
        row("a", "2025-03-01"),
        row(script, "2025-03-02"),
        row(script, "2025-03-03"),
        row(quoted, "2025-03-04"),
        row(quoted, "2025-03-05"),
        row("b", "2025-03-06", { tbe2: "9", trl1: "x" }),
      ].join("\n")}\n`,
    );
    const run = runCli(
      ["report", demoCsv, "--trust", file, "--format", "json,md,html,csv", "--quiet"],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    const survey = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).results.trust.survey;
    // 6 rows in: the second row of each repeated id is excluded
    expect([survey.rowsIn, survey.rowsUsed, survey.rowsExcluded]).toEqual([6, 4, 2]);
    expect(survey.exclusionCounts).toEqual({ "duplicate-id": 2 });
    expect(survey.issueCounts).toMatchObject({ "out-of-range": 1, "not-a-number": 1 });
    expect(
      survey.excludedRows.map((r: { line: number; id: string; reasons: { code: string }[] }) => [
        r.line,
        r.id,
        r.reasons.map((x) => x.code),
      ]),
    ).toEqual([
      [4, script, ["duplicate-id"]],
      [6, formula, ["duplicate-id"]],
    ]);
    const cell = (code: string) =>
      survey.issues.find((i: { code: string }) => i.code === code) as Record<string, unknown>;
    expect(cell("out-of-range")).toMatchObject({ line: 7, column: "tbe2" });
    expect(cell("not-a-number")).toMatchObject({ line: 7, column: "trl1" });
    // markdown and html: the tables are there, the markup is escaped
    const md = readFileSync(join(dir, "report.md"), "utf8");
    const section = md.slice(md.indexOf("## Trust and commitment"));
    expect(section).toMatch(/\| duplicate-id \| row excluded \| 2 \|/);
    expect(section).toMatch(/\| 7 \| tbe2 \| — \| out-of-range \| "9" is outside/);
    expect(section).toMatch(/\| 7 \| trl1 \| — \| not-a-number \|/);
    expect(section).toMatch(
      /\| 4 \| — \| &lt;script&gt;alert\(1\)&lt;\/script&gt; \| duplicate-id \|/,
    );
    expect(md).not.toContain("<script>");
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain('data-table-id="trust-survey-issues"');
    expect(html).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
    expect(html).not.toContain(script);
    // csv: the formula id is neutralised (a leading apostrophe), no field starts with "="
    const csv = readFileSync(join(dir, "report.csv"), "utf8");
    expect(csv).toContain(
      `trust-commitment,trust-survey-issues,6,Id,"'=HYPERLINK(""http://x"",""y"")"`,
    );
    expect(csv).toContain("trust-commitment,trust-survey-issue-counts,duplicate-id,Count,2");
    expect(csv).not.toMatch(/,"?=HYPERLINK/);
  });

  it("joins the survey to the stages of --events, with commitment evidence", () => {
    const dir = tempFolder();
    const run = runCli(
      ["report", demoCsv, "--events", demoEvents, "--as-of", "2025-12-31", "--trust", demoTrust],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("## Trust and commitment");
    const trust = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).results.trust;
    const lines = readFileSync(demoTrust, "utf8").trim().split("\n").length - 1;
    const s = trust.survey;
    expect(s.rowsIn).toBe(lines);
    expect(s.rowsUsed + s.rowsExcluded).toBe(s.rowsIn);
    const staged = trust.quality.byStage.reduce(
      (sum: number, r: { respondents: number }) => sum + r.respondents,
      0,
    );
    expect(staged + trust.quality.withoutStage).toBe(trust.quality.customers.length);
    // evidence only for surveyed customers with events, each accounted for
    const e = trust.quality.evidence;
    expect(e.recordsIn).toBeGreaterThan(300);
    expect(e.recordsIn).toBeLessThanOrEqual(s.rowsUsed);
    expect(e.recordsUsed + e.recordsExcluded).toBe(e.recordsIn);
    const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(json.provenance.options.trust).toBe(demoTrust);
  });

  it("prints trust lines on a terminal", () => {
    const dir = tempFolder();
    const result = spawnSync(
      process.execPath,
      [cli, "report", demoCsv, "--events", demoEvents, "--trust", demoTrust, "--out", dir],
      {
        encoding: "utf8",
        cwd: dir,
        env: { ...process.env, SERVQUAL_TTY: "1", NO_COLOR: "1", COLUMNS: "100" },
      },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Trust \d+\.\d, commitment \d+\.\d \(0–100; \d+ respondents\)/);
    expect(result.stdout).toMatch(/Trust\/commitment by stage: \w+ \d+\.\d\/\d+\.\d \(n \d+\)/);
  });

  it("fails with exit 1 on a file that cannot be used", () => {
    const missing = runCli(["report", demoCsv, "--trust", "nope.csv"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--trust nope.csv");
    // a SERVQUAL survey has none of the bank's items
    const wrong = runCli(["report", demoCsv, "--trust", demoCsv]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("--trust");
  });

  it("rejects misuse with exit 2 and names the option in --help", () => {
    for (const args of [
      ["report", "--duckdb", "x.parquet", "--trust", demoTrust],
      ["demo", "--trust", demoTrust],
      ["validate", demoCsv, "--trust", demoTrust],
      ["report", demoCsv, "--trust"],
    ]) {
      const run = runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
    }
    expect(runCli(["report", "--help"]).stdout).toContain("--trust FILE.csv");
  });
});
