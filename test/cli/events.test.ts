/**
 * `servqual report FILE --events EVENTS.csv [--as-of DATE]` and the demo's relationship
 * sections, run as a user runs the built command (npm run build first).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli, demoCsv, runCli, tempFolder } from "./runCli";

const demoEvents = fileURLToPath(new URL("../../data/demo-events.csv", import.meta.url));

/** A small events file for the demo survey's first respondents. */
function eventsFile(dir: string, body: string): string {
  const file = join(dir, "events.csv");
  writeFileSync(file, `id,customer,timestamp,type,value\n${body}`);
  return file;
}

const GOOD = [
  "1,R0001,2024-01-05,first-purchase,50",
  "2,R0001,2024-02-05,purchase,60",
  "3,R0002,2023-11-20,inquiry,",
  "4,R0002,2024-01-10,first-purchase,40",
  "5,R0003,2024-01-03,campaign-exposure,",
  "6,R0003,2024-01-07,webinar,",
].join("\n");

describe("servqual report --events", () => {
  it("adds the relationship sections and counts every event", () => {
    const dir = tempFolder();
    const events = eventsFile(dir, `${GOOD}\n`);
    const out = join(dir, "out");
    const run = runCli([
      "report",
      demoCsv,
      "--events",
      events,
      "--as-of",
      "2024-03-31",
      "--out",
      out,
      "--format",
      "md,json,csv,html",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("## Relationship stages");
    expect(md).toContain("## Gap 5 by relationship stage");
    expect(md).toContain("in 6 = used 5 + excluded 1");
    expect(md).toContain("unknown-event-type");
    const results = JSON.parse(readFileSync(join(out, "report.json"), "utf8")).results;
    const r = results.relationship;
    expect(r.timeline.months.at(-1)).toBe("2024-03");
    // Respondents of the survey without events are counted, not dropped.
    const byStage = r.gap5ByStage;
    expect(byStage.respondents).toBe(
      byStage.grouped +
        byStage.leftOut["respondent-without-events"] +
        byStage.leftOut["no-stage"] +
        byStage.leftOut.undated,
    );
    expect(byStage.leftOut["respondent-without-events"]).toBe(599 - 3);
    const csv = readFileSync(join(out, "report.csv"), "utf8");
    expect(csv).toContain("gap5-by-stage-timeline");
    expect(csv).toContain("stage-transitions");
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain('data-chart-id="stage-distribution-chart"');
    expect(html).toContain('data-chart-id="stage-transitions-chart"');
  });

  it("a missing events file is bad input (exit 1) and writes no report", () => {
    const dir = tempFolder();
    const out = join(dir, "out");
    const run = runCli(["report", demoCsv, "--events", join(dir, "nope.csv"), "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--events");
    expect(run.stderr).toContain("nope.csv");
    expect(existsSync(join(out, "report.md"))).toBe(false);
  });

  it("an events file without the required columns is bad input (exit 1)", () => {
    const dir = tempFolder();
    const file = join(dir, "bad.csv");
    writeFileSync(file, "when,who\n2024-01-01,R0001\n");
    const run = runCli(["report", demoCsv, "--events", file, "--out", join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/column/);
  });

  it("a line that cannot be read as an event writes the report, lists it, and exits 1", () => {
    const dir = tempFolder();
    const events = eventsFile(dir, `${GOOD}\n7,R0004\n`);
    const out = join(dir, "out");
    mkdirSync(out);
    const run = runCli(["report", demoCsv, "--events", events, "--out", out, "--quiet"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("could not be read as events");
    expect(readFileSync(join(out, "report.md"), "utf8")).toContain("ragged-row");
  });

  it("rejects misuse with exit 2", () => {
    const cases: string[][] = [
      ["report", demoCsv, "--as-of", "2024-01-01"],
      ["report", demoCsv, "--events", demoEvents, "--as-of", "31/12/2025"],
      ["report", demoCsv, "--events", demoEvents, "--as-of", "2025-02-30"],
      ["report", demoCsv, "--events"],
      ["report", "--duckdb", "x.parquet", "--events", demoEvents],
      ["demo", "--events", demoEvents],
      ["validate", demoCsv, "--events", demoEvents],
    ];
    for (const args of cases) {
      const run = runCli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(2);
    }
  });

  it("--help names the options", () => {
    const run = runCli(["report", "--help"]);
    expect(run.stdout).toContain("--events FILE.csv");
    expect(run.stdout).toContain("--as-of DATE");
  });
});

describe("servqual demo with its CRM events", () => {
  it("shows stages, at-risk customers and Gap 5 by stage, in the summary too", () => {
    const dir = tempFolder();
    const run = runCli(["demo", "--out", dir, "--format", "md,json"], dir);
    expect(run.code, run.stderr).toBe(0);
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).toContain("demo-events.csv");
    expect(md).toMatch(
      /\d+ of \d+ active customers show early signs of dissolution as of 2025-12-31/,
    );
    const r = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")).results.relationship;
    expect(r.atRisk.customers.length).toBeGreaterThanOrEqual(40);
    expect(r.gap5ByStage.at).toBe("response-month");
  });

  it("prints the relationship lines on a terminal", () => {
    const dir = tempFolder();
    const result = spawnSync(process.execPath, [cli, "demo", "--out", dir], {
      encoding: "utf8",
      cwd: dir,
      env: { ...process.env, SERVQUAL_TTY: "1", NO_COLOR: "1", COLUMNS: "100" },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Stages \(2025-12\): awareness \d+, exploration \d+/);
    expect(result.stdout).toMatch(/At risk of dissolution: \d+ of \d+ active customers/);
    expect(result.stdout).toMatch(/Gap 5 by stage: exploration -?\d/);
    for (const line of result.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(100);
  });
});
