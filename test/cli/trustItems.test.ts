/**
 * `servqual report --trust FILE --trust-items MAP.json`: a user's own relationship instrument
 * (column → facet, reverse keying, scale), run through the built command on a hand-checkable
 * file. Index = 100 · (mean answer − min) / (max − min); a reverse-keyed answer x counts as
 * min + max − x.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { demoCsv, runCli, tempFolder } from "./runCli";

const MAP = {
  scale: { min: 1, max: 5 },
  items: {
    Q1: "benevolence",
    Q2: "benevolence",
    Q3: { facet: "honesty", reverse: true },
    Q4: "honesty",
    Q5: "affective",
    Q6: "affective",
  },
};

function folder(map: unknown): { dir: string; survey: string; items: string } {
  const dir = tempFolder();
  const survey = join(dir, "survey.csv");
  const items = join(dir, "items.json");
  writeFileSync(
    survey,
    [
      "respondent_id,date,Q1,Q2,Q3,Q4,Q5,Q6",
      // benevolence (5+5)/2 = 5 → 100; honesty Q3 reversed 1 → 5, Q4 5 → 100; affective 3 → 50
      "a,2025-03-01,5,5,1,5,3,3",
      // benevolence 1 → 0; honesty Q3 5 → 1, Q4 3: mean 2 → 25; affective 4 → 75
      "b,2025-03-02,1,1,5,3,4,4",
      // Q2 is 6: outside 1–5, so benevolence has one item left of two: not scored
      "c,2025-03-03,3,6,3,3,5,5",
    ].join("\n"),
  );
  writeFileSync(items, typeof map === "string" ? map : JSON.stringify(map));
  return { dir, survey, items };
}

describe("servqual report --trust-items", () => {
  it("scores the survey's own columns by the map", () => {
    const { dir, survey, items } = folder(MAP);
    const run = runCli(
      ["report", demoCsv, "--trust", survey, "--trust-items", items, "--format", "json"],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    const quality = json.results.trust.quality;
    expect(quality.scale).toEqual({ min: 1, max: 5 });
    expect(quality.facets.map((f: { facet: string }) => f.facet)).toEqual([
      "benevolence",
      "honesty",
      "affective",
    ]);
    const byId = Object.fromEntries(
      quality.customers.map((c: { respondent: string }) => [c.respondent, c]),
    );
    // trust = mean of the trust facets scored; commitment = the affective index here
    expect(byId.a.trust).toBeCloseTo(100, 10);
    expect(byId.a.commitment).toBeCloseTo(50, 10);
    expect(byId.b.trust).toBeCloseTo(12.5, 10);
    expect(byId.b.commitment).toBeCloseTo(75, 10);
    // c: benevolence unscored, honesty (3 reversed → 3, 3) = 50, affective 5 → 100
    expect(byId.c.trust).toBeCloseTo(50, 10);
    expect(byId.c.commitment).toBeCloseTo(100, 10);
    const s = json.results.trust.survey;
    expect(s.rowsIn).toBe(3);
    expect(s.rowsUsed + s.rowsExcluded).toBe(3);
    expect(json.provenance.options.trustItems).toBe(items);
  });

  // one test per map: each runs the built command once, so a slow machine meets the timeout
  it.each<[unknown, string]>([
    ["{ not json", "is not valid JSON"],
    [[1], "must hold a JSON object"],
    [{ items: {} }, '"items" must be an object'],
    [{ items: { Q1: "benevolense" } }, 'did you mean "benevolence"'],
    [{ items: { Q1: { facet: "honesty", reverse: "yes" } } }, "items.Q1.reverse"],
    [{ items: { Q1: { facet: "honesty", keyed: true } } }, 'unknown key "keyed"'],
    [{ items: { Q1: "honesty" }, scale: { min: 5, max: 1 } }, '"scale" must be'],
    [{ item: { Q1: "honesty" } }, 'did you mean "items"'],
    [{ items: { "Q 1": "honesty" } }, "not a valid instrument"],
  ])("rejects the bad map %j with exit 2 naming the problem", (map, message) => {
    const { dir, survey, items } = folder(map);
    const run = runCli(["report", demoCsv, "--trust", survey, "--trust-items", items], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--trust-items");
    expect(run.stderr).toContain(message);
  });

  it("needs --trust, and is in --help", () => {
    const { dir, items } = folder(MAP);
    const run = runCli(["report", demoCsv, "--trust-items", items], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--trust-items goes with --trust");
    expect(
      runCli(["report", demoCsv, "--trust-items", join(dir, "none.json"), "--trust", "x.csv"]).code,
    ).toBe(2);
    expect(runCli(["report", "--help"]).stdout).toContain("--trust-items MAP.json");
  });
});
