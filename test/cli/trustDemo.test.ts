/**
 * `servqual demo` shows trust and commitment by relationship stage: the demo's relationship
 * survey (data/demo-trust.csv) joined to the stage of each customer's CRM events, as a user
 * runs the built command. The planted weak facet is documented in data/DEMO.md.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempFolder } from "./runCli";

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
  });
});
