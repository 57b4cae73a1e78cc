/**
 * The demo trust and commitment survey data/demo-trust.csv (documented in data/DEMO.md,
 * "Demo trust and commitment survey").
 *
 * The planted effects are measured here independently of src/ (papaparse and plain means,
 * reverse-keyed items recoded as 8 − x, a facet scored when at least max(2, ⌈k/2⌉) of its items
 * are answered), then recovered through the library. Set DEMO_DATA_REPORT=1 to print the
 * measured values.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { cohorts, STAGE_EFFECTS } from "../scripts/generate-relationship-demo.mjs";
import {
  readEventsCsv,
  relationshipQuality,
  stageTimeline,
  trustIndex,
  validateRelationshipSurvey,
  welchTTest,
} from "../src/node";

const ROOT = new URL("../", import.meta.url);
const CSV_PATH = fileURLToPath(new URL("data/demo-trust.csv", ROOT));
const SCRIPT_PATH = fileURLToPath(new URL("scripts/generate-relationship-demo.mjs", ROOT));
const text = readFileSync(CSV_PATH, "utf8");
const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
const report = process.env.DEMO_DATA_REPORT === "1";

const FACETS: Record<string, { items: string[]; reverse: string[] }> = {
  benevolence: { items: ["tbe1", "tbe2", "tbe3"], reverse: [] },
  honesty: { items: ["tho1", "tho2", "tho3", "tho4"], reverse: ["tho4"] },
  reliability: { items: ["trl1", "trl2", "trl3"], reverse: [] },
  competence: { items: ["tco1", "tco2", "tco3"], reverse: [] },
  affective: { items: ["caf1", "caf2", "caf3", "caf4"], reverse: ["caf4"] },
  normative: { items: ["cnm1", "cnm2", "cnm3"], reverse: [] },
  calculative: { items: ["cca1", "cca2", "cca3"], reverse: [] },
};
const TRUST = ["benevolence", "honesty", "reliability", "competence"];

/** A valid answer 1..7 (recoded when reverse-keyed), or null. */
function answer(row: Record<string, string>, item: string, reverse: boolean): number | null {
  const v = row[item] ?? "";
  if (!/^[1-7]$/.test(v)) return null;
  return reverse ? 8 - Number(v) : Number(v);
}

function facetIndex(row: Record<string, string>, facet: string): number | null {
  const { items, reverse } = FACETS[facet] as { items: string[]; reverse: string[] };
  const values = items.map((i) => answer(row, i, reverse.includes(i))).filter((v) => v !== null);
  if (values.length < Math.max(2, Math.ceil(items.length / 2))) return null;
  const mean = (values as number[]).reduce((s, v) => s + v, 0) / values.length;
  return (100 * (mean - 1)) / 6;
}

const meanOf = (values: (number | null)[]) => {
  const ok = values.filter((v): v is number => v !== null);
  return ok.length === 0 ? null : ok.reduce((s, v) => s + v, 0) / ok.length;
};

// Clean rows: the first answer of each respondent (the second R0020 row is a resubmission).
const seen = new Set<string>();
const clean = rows.filter((r) => {
  const id = r.respondent_id as string;
  if (seen.has(id)) return false;
  seen.add(id);
  return true;
});
const trust = clean.map((r) => meanOf(TRUST.map((f) => facetIndex(r, f))));
const commitment = clean.map((r) =>
  meanOf([facetIndex(r, "affective"), facetIndex(r, "normative")]),
);

function pearson(x: (number | null)[], y: (number | null)[]): number {
  const pairs = x.flatMap((v, i) => (v === null || y[i] === null ? [] : [[v, y[i] as number]]));
  const mx = pairs.reduce((s, p) => s + (p[0] as number), 0) / pairs.length;
  const my = pairs.reduce((s, p) => s + (p[1] as number), 0) / pairs.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [a, b] of pairs as [number, number][]) {
    sxy += (a - mx) * (b - my);
    sxx += (a - mx) ** 2;
    syy += (b - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Mean trust of the top and bottom thirds by commitment. */
function thirds(): { top: number; bottom: number } {
  const pairs = commitment
    .map((c, i) => ({ c, t: trust[i] ?? null }))
    .filter((p): p is { c: number; t: number } => p.c !== null && p.t !== null)
    .sort((a, b) => a.c - b.c);
  const third = Math.floor(pairs.length / 3);
  const mean = (list: { t: number }[]) => list.reduce((s, p) => s + p.t, 0) / list.length;
  return { bottom: mean(pairs.slice(0, third)), top: mean(pairs.slice(pairs.length - third)) };
}

describe("data/demo-trust.csv", () => {
  it("equals the output of its generator", () => {
    const run = spawnSync(process.execPath, [SCRIPT_PATH, "--stdout"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(text);
  });

  it("has the documented size and dirty rows", () => {
    expect(rows).toHaveLength(345);
    expect(clean).toHaveLength(344);
    const byId = (id: string) => rows.filter((r) => r.respondent_id === id);
    expect(byId("R0006")[0]?.tbe2).toBe("9");
    expect(byId("R0011")[0]?.trl1).toBe("x");
    expect([byId("R0013")[0]?.tbe2, byId("R0013")[0]?.tbe3]).toEqual(["", ""]);
    expect(byId("R0020")).toHaveLength(2);
    expect(rows.at(-1)?.respondent_id).toBe("W0001");
    const doc = readFileSync(fileURLToPath(new URL("data/DEMO.md", ROOT)), "utf8");
    const section = doc.slice(doc.indexOf("## Dirty rows (`demo-trust.csv`)"));
    expect([...section.matchAll(/^\| ([RW]\d{4})/gm)].map((m) => m[1])).toEqual([
      "R0006",
      "R0011",
      "R0013",
      "R0020",
      "W0001",
    ]);
    const customers = rows.filter((r) => /^R0\d{3}$/.test(r.respondent_id as string));
    expect(customers.every((r) => Number((r.respondent_id as string).slice(1)) <= 600)).toBe(true);
  });

  const facetMeans = Object.fromEntries(
    TRUST.map((f) => [f, meanOf(clean.map((r) => facetIndex(r, f))) as number]),
  );
  const r = pearson(trust, commitment);
  const { top, bottom } = thirds();
  if (report) console.log({ facetMeans, r, top, bottom, difference: top - bottom });

  it("plants a weak facet: benevolence is at least 15 points below every other trust facet", () => {
    for (const f of TRUST.slice(1)) {
      expect((facetMeans[f] as number) - (facetMeans.benevolence as number)).toBeGreaterThan(15);
    }
  });

  it("plants 'committed customers trust more': r > 0.3, top third ≥ 8 points above the bottom", () => {
    expect(r).toBeGreaterThan(0.3);
    expect(top - bottom).toBeGreaterThan(8);
  });

  it("the library recovers both effects and reports the dirty rows", () => {
    const { dataset, report: validation } = validateRelationshipSurvey(rows);
    expect(validation.rowsIn).toBe(345);
    expect(validation.rowsExcluded).toBe(1);
    expect(validation.exclusionCounts).toEqual({ "duplicate-id": 1 });
    expect(validation.issueCounts["out-of-range"]).toBe(1);
    expect(validation.issueCounts["not-a-number"]).toBe(1);
    const t = trustIndex(dataset);
    const weakest = [...t.facets].sort((a, b) => (a.mean as number) - (b.mean as number))[0];
    expect(weakest?.facet).toBe("benevolence");
    for (const f of t.facets) expect(f.mean).toBeCloseTo(facetMeans[f.facet] as number, 9);
    const q = relationshipQuality(dataset);
    const libR = pearson(
      q.customers.map((c) => c.trust),
      q.customers.map((c) => c.commitment),
    );
    expect(libR).toBeCloseTo(r, 9);
    for (const f of q.facets) {
      expect(f.alpha).toBeGreaterThan(0.65);
    }
  });
});

/**
 * The planted stage effects (data/DEMO.md, "Trust and commitment by stage"): measured by the
 * events plan's cohort with plain means, then recovered by the library through the stages of
 * data/demo-events.csv at 2025-12-31, the join `servqual demo` shows.
 */
describe("data/demo-trust.csv: trust and commitment by relationship stage", () => {
  const cohortOf = cohorts();
  const byCohort = (names: string[], facetOf: (r: Record<string, string>) => number | null) =>
    meanOf(
      clean
        .filter((r) => names.includes(cohortOf.get(r.respondent_id as string) ?? ""))
        .map(facetOf),
    ) as number;
  const trustOf = (r: Record<string, string>) => meanOf(TRUST.map((f) => facetIndex(r, f)));
  const calculativeOf = (r: Record<string, string>) => facetIndex(r, "calculative");
  const base = byCohort(["new"], trustOf);
  const measured = {
    committed: byCohort(["committed"], trustOf) - base,
    expanding: byCohort(["expanding"], trustOf) - base,
    dissolving: byCohort(["drifting", "cancelled"], trustOf) - base,
    calculative: byCohort(["committed"], calculativeOf) - byCohort(["new"], calculativeOf),
  };
  if (report) console.log({ measured });

  it("plants the effects by cohort (rounding to 1..7 shrinks them a little)", () => {
    // SE of a difference of cohort means ≈ 13 · √(1/130 + 1/50) ≈ 2.2 points
    expect(measured.committed).toBeGreaterThan((STAGE_EFFECTS.committed?.trust as number) - 6);
    expect(measured.committed).toBeLessThan((STAGE_EFFECTS.committed?.trust as number) + 6);
    expect(measured.dissolving).toBeGreaterThan((STAGE_EFFECTS.drifting?.trust as number) - 6);
    expect(measured.dissolving).toBeLessThan((STAGE_EFFECTS.drifting?.trust as number) + 6);
    expect(measured.expanding).toBeGreaterThan(-2);
    expect(measured.expanding).toBeLessThan(10);
    expect(measured.calculative).toBeGreaterThan(
      (STAGE_EFFECTS.committed?.calculative as number) - 6,
    );
  });

  it("the library recovers them by stage: commitment trusts more than exploration (Welch)", async () => {
    const events = fileURLToPath(new URL("data/demo-events.csv", ROOT));
    const read = await readEventsCsv(events, { asOf: "2025-12-31T23:59:59.999Z" });
    const timeline = stageTimeline(read.events, {
      from: "2025-12-01",
      to: "2025-12-31T23:59:59.999Z",
    });
    const stages: Record<string, string> = {};
    for (const c of timeline.customers) {
      const stage = c.stages[c.stages.length - 1];
      if (stage != null) stages[c.customer] = stage;
    }
    const { dataset } = validateRelationshipSurvey(rows);
    const q = relationshipQuality(dataset, { stages: stages as never });
    const inStage = (stage: string, pick: (c: (typeof q.customers)[number]) => number | null) =>
      q.customers.filter((c) => stages[c.customer ?? ""] === stage).map(pick);
    const trustIn = (stage: string) => inStage(stage, (c) => c.trust);
    const welch = welchTTest(
      trustIn("commitment") as number[],
      trustIn("exploration").filter((v): v is number => v !== null),
    );
    if (report) console.log({ byStage: q.byStage, welch });
    expect(welch.difference).toBeGreaterThan(6);
    expect(welch.difference).toBeLessThan(18);
    expect(welch.pValue).toBeLessThan(0.01);
    const mean = (stage: string) => q.byStage?.find((s) => s.stage === stage)?.trust.mean as number;
    expect(mean("dissolution")).toBeLessThan(mean("expansion") - 4);
    expect(mean("commitment")).toBeGreaterThan(mean("expansion"));
    // calculative commitment: higher in commitment than in exploration
    const calc = (stage: string) => meanOf(inStage(stage, (c) => c.calculative)) as number;
    expect(calc("commitment") - calc("exploration")).toBeGreaterThan(4);
  });
});
