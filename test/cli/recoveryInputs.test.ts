/** `--complaints` and `--comments` on the built command (run `npm run build` first). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { demoCsv, runCli, tempFolder } from "./runCli";

const data = (name: string) => fileURLToPath(new URL(`../../data/${name}`, import.meta.url));
const complaints = data("demo-complaints.csv");
const comments = data("demo-comments.csv");

describe("servqual report --complaints --comments", () => {
  it("adds the Service recovery and What customers said sections", () => {
    const out = tempFolder();
    const run = runCli([
      "report",
      demoCsv,
      "--segments",
      "region",
      "--complaints",
      complaints,
      "--comments",
      comments,
      "--out",
      out,
      "--format",
      "md,json",
      "--quiet",
    ]);
    expect(run.code).toBe(0);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("## Service recovery");
    expect(md).toContain("322 complaints used of 328 records read");
    expect(md).toContain("## What customers said");
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(json.results.recovery.input.recordsExcluded).toBe(6);
    expect(json.results.comments.comments).toBe(902);
    // Gap 5 of the survey beside the comments (season × region cells with dates and region)
    const total = json.results.comments.cells[0];
    expect(
      total.dimensions.find((d: { dimension: string }) => d.dimension === "responsiveness").gap,
    ).toBeLessThan(0);
  });

  it("works with one of the two", () => {
    const out = tempFolder();
    const run = runCli(["report", demoCsv, "--complaints", complaints, "--out", out, "--quiet"]);
    expect(run.code).toBe(0);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("## Service recovery");
    expect(md).not.toContain("## What customers said");
  });

  it("fails with exit 1 for a missing file, naming it", () => {
    const run = runCli(["report", demoCsv, "--comments", "/no/such/comments.csv", "--quiet"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("comments.csv");
  });

  it("rejects misuse with exit 2", () => {
    expect(runCli(["report", demoCsv, "--complaints"]).code).toBe(2);
    expect(runCli(["report", demoCsv, "--complaints", "a.csv", "--complaints", "b.csv"]).code).toBe(
      2,
    );
    const demo = runCli(["demo", "--comments", comments]);
    expect(demo.code).toBe(2);
    expect(demo.stderr).toContain("demo does not take --comments");
    const db = runCli(["report", "--duckdb", "x.parquet", "--complaints", complaints]);
    expect(db.code).toBe(2);
    expect(db.stderr).toContain("--complaints and --comments go with a CSV survey");
  });

  it("is in --help", () => {
    const help = runCli(["report", "--help"]).stdout;
    expect(help).toContain("--complaints FILE");
    expect(help).toContain("--comments FILE");
  });

  it("servqual demo shows both sections", () => {
    const out = tempFolder();
    const run = runCli(["demo", "--out", out, "--quiet"]);
    expect(run.code).toBe(0);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("## Service recovery");
    expect(md).toContain("## What customers said");
    expect(md).toMatch(/\| responsiveness \| 20\d\d\/\d\d-winter · North \|/);
  });
});
