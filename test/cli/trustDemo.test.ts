/**
 * `servqual demo` shows trust and commitment by relationship stage: the demo's relationship
 * survey (data/demo-trust.csv) joined to the stage of each customer's CRM events, as a user
 * runs the built command. The planted effects and dirty rows are documented in data/DEMO.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, tempFolder } from "./runCli";

const trustLines = readFileSync(
  fileURLToPath(new URL("../../data/demo-trust.csv", import.meta.url)),
  "utf8",
).split("\n");
/** The 1-based file line of the `nth` row whose id is `id` (header = line 1). */
const lineOf = (id: string, nth = 1) => {
  let seen = 0;
  const at = trustLines.findIndex((l) => l.startsWith(`${id},`) && ++seen === nth);
  return at + 1;
};

describe("servqual demo: trust and commitment by stage", () => {
  const out = tempFolder();
  const { code, stdout } = runCli(["demo", "--out", out]);

  it("adds the section with the facets and the stages", () => {
    expect(code).toBe(0);
    expect(stdout).toContain("## Trust and commitment");
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const quality = json.results.trust.quality;
    // DEMO.md plants benevolence about 23–27 points below the other trust facets
    const trust = quality.facets.filter((f: { facet: string }) =>
      ["benevolence", "honesty", "reliability", "competence"].includes(f.facet),
    );
    const lowest = trust.reduce((a: { mean: number }, b: { mean: number }) =>
      b.mean < a.mean ? b : a,
    );
    expect(lowest.facet).toBe("benevolence");
    for (const f of trust)
      if (f.facet !== "benevolence") expect(f.mean - lowest.mean).toBeGreaterThan(15);
    // every respondent with a stage is in exactly one stage's row
    const staged = quality.byStage.reduce(
      (s: number, r: { respondents: number }) => s + r.respondents,
      0,
    );
    expect(staged).toBeGreaterThan(300);
    expect(staged).toBeLessThanOrEqual(quality.customers.length);
    expect(quality.byStage.map((r: { stage: string }) => r.stage)).toContain("commitment");
    // joined at the month answered (March 2025): respondents = joined + left out
    const joined = quality.stageJoin;
    expect(joined.at).toBe("response-month");
    const left = Object.values(joined.leftOut as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(joined.joined + left).toBe(quality.customers.length);
    expect(joined.joined).toBe(staged);
    // DEMO.md: committed customers trust more (planted +12) also at the month they answered
    const mean = (stage: string) =>
      quality.byStage.find((r: { stage: string }) => r.stage === stage).trust.mean;
    expect(mean("commitment") - mean("exploration")).toBeGreaterThan(4);
    // DEMO.md: dissolving customers trust less (planted −18 at the stage of the month answered;
    // 10 respondents, SE ≈ 5.4 against exploration and 4.2 against expansion)
    expect(mean("dissolution")).toBeLessThan(mean("exploration") - 9);
    expect(mean("dissolution")).toBeLessThan(mean("expansion") - 12);
  });

  it("lists the survey's dirty rows with their codes and lines (json and md)", () => {
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const survey = json.results.trust.survey;
    // DEMO.md: R0006 tbe2 = 9, R0011 trl1 = x, the second R0020 row a resubmission
    expect(survey.exclusionCounts).toEqual({ "duplicate-id": 1 });
    expect(survey.issueCounts).toEqual({ "out-of-range": 1, "not-a-number": 1 });
    const issues = survey.issues.map((i: { code: string; line: number; column: string }) => [
      i.code,
      i.line,
      i.column,
    ]);
    expect(issues).toEqual([
      ["out-of-range", lineOf("R0006"), "tbe2"],
      ["not-a-number", lineOf("R0011"), "trl1"],
    ]);
    expect(
      survey.excludedRows.map((r: { line: number; id: string; reasons: { code: string }[] }) => [
        r.line,
        r.id,
        r.reasons[0]?.code,
      ]),
    ).toEqual([[lineOf("R0020", 2), "R0020", "duplicate-id"]]);
    const md = readFileSync(join(out, "report.md"), "utf8");
    const section = md.slice(md.indexOf("## Trust and commitment"), md.indexOf("## Data quality"));
    expect(section).toContain(`| ${lineOf("R0006")} | tbe2 | — | out-of-range |`);
    expect(section).toContain(`| ${lineOf("R0011")} | trl1 | — | not-a-number |`);
    expect(section).toContain(`| ${lineOf("R0020", 2)} | — | R0020 | duplicate-id |`);
    expect(section).toMatch(/\| out-of-range \| in rows kept \| 1 \|/);
  });

  it("shows calculative commitment by stage: higher in commitment (planted +10)", () => {
    const json = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    const trust = json.results.trust;
    const calc = new Map(
      trust.quality.byStage.map((s: { stage: string; calculative: { mean: number } }) => [
        s.stage,
        s.calculative.mean,
      ]),
    );
    // every respondent of a stage has a calculative index (the demo answers every item)
    for (const s of trust.quality.byStage) expect(s.calculative.n).toBe(s.respondents);
    // +10 planted, SE ≈ 2.7 against exploration: the cut at +5 is 1.8 SE from both 0 and 10
    expect(
      (calc.get("commitment") as number) - (calc.get("exploration") as number),
    ).toBeGreaterThan(5);
    const md = readFileSync(join(out, "report.md"), "utf8");
    expect(md).toContain("| Stage | *n* | Trust | Commitment | Calculative | Quality (core) |");
  });
});
