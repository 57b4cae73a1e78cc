/**
 * The demo trust and commitment survey data/demo-trust.csv (documented in data/DEMO.md,
 * "Demo trust and commitment survey").
 *
 * The planted effects are measured here independently of src/ (papaparse and plain means,
 * reverse-keyed items recoded as 8 − x, a facet scored when at least max(2, ⌈k/2⌉) of its items
 * are answered), then recovered through the library. Set DEMO_DATA_REPORT=1 to print the
 * measured values.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SEED,
  DEMO_AS_OF,
  generateTrustCsv,
  STAGE_EFFECTS,
  stagesAtResponse,
} from "../scripts/generate-relationship-demo.mjs";
import {
  readEventsCsv,
  readResponsesCsv,
  relationshipBank,
  relationshipQuality,
  STAGES,
  stageTimeline,
  trustIndex,
  validateRelationshipSurvey,
} from "../src/node";

const ROOT = new URL("../", import.meta.url);
const CSV_PATH = fileURLToPath(new URL("data/demo-trust.csv", ROOT));
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
  it("equals the output of its generator, with the stages of this source tree", async () => {
    const stages = await stagesAtResponse({ readEventsCsv, stageTimeline });
    expect(generateTrustCsv(DEFAULT_SEED, stages)).toBe(text);
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

/** The planted effect of each stage (index points) on trust, affective and calculative. */
const PLANTED = STAGE_EFFECTS as Record<
  string,
  { trust: number; affective: number; calculative: number }
>;
const EVENTS_PATH = fileURLToPath(new URL("data/demo-events.csv", ROOT));

/** Plain per-row measures of a parsed survey (first row of each id), independent of src/. */
function measures(parsed: Record<string, string>[]) {
  const firstRows = new Set<string>();
  return parsed
    .filter((r) => {
      const id = r.respondent_id as string;
      if (firstRows.has(id)) return false;
      firstRows.add(id);
      return true;
    })
    .map((r) => ({
      id: r.respondent_id as string,
      month: (r.date ?? "").slice(0, 7),
      trust: meanOf(TRUST.map((f) => facetIndex(r, f))),
      affective: facetIndex(r, "affective"),
      calculative: facetIndex(r, "calculative"),
    }));
}

type Measure = "trust" | "affective" | "calculative";

/** n, mean and variance (n − 1) of the scored values. */
function describeValues(values: (number | null)[]) {
  const ok = values.filter((v): v is number => v !== null);
  const mean = ok.reduce((s, v) => s + v, 0) / ok.length;
  const variance = ok.reduce((s, v) => s + (v - mean) ** 2, 0) / (ok.length - 1);
  return { n: ok.length, mean, variance };
}

/**
 * The planted stage effects (data/DEMO.md, "Trust and commitment by stage"), recovered through
 * the join `servqual demo` shows: data/demo-events.csv read as of 2025-12-31 into a monthly
 * stage timeline, and each respondent in their customer's stage at the end of the month they
 * answered (March 2025; `relationshipQuality`'s default `at: "response-month"` for a dated
 * survey, as `servqual demo` and `servqual report --trust … --events …` call it).
 */
describe("data/demo-trust.csv: trust and commitment by relationship stage", async () => {
  const read = await readEventsCsv(EVENTS_PATH, { asOf: DEMO_AS_OF });
  // the report's timeline starts at the bank survey's first answer; a month's stage depends
  // only on the events up to its end, so any start up to March 2025 gives the same join
  const timeline = stageTimeline(read.events, { from: "2024-10-01", to: DEMO_AS_OF });
  const { dataset } = await readResponsesCsv(CSV_PATH, relationshipBank, {
    columns: { perception: "{item}" },
    missing: { minimumShare: 0.5, atLeast: 2 },
  });
  const q = relationshipQuality(dataset, { stages: timeline });
  const customers = new Map(timeline.customers.map((c) => [c.customer, c]));
  /** The stage of a respondent at the end of their response month (null: none). */
  const stageOf = (id: string, month: string) =>
    customers.get(id)?.stages[timeline.months.indexOf(month)] ?? null;

  /** Per stage: the plain measures of its respondents. */
  const byStage = (parsed: Record<string, string>[]) => {
    const groups = new Map<string, ReturnType<typeof measures>>();
    for (const m of measures(parsed)) {
      const stage = stageOf(m.id, m.month);
      if (stage === null) continue;
      groups.set(stage, [...(groups.get(stage) ?? []), m]);
    }
    return groups;
  };
  /** Stage mean − exploration mean of a measure, and its standard error (Welch). */
  const contrast = (groups: ReturnType<typeof byStage>, stage: string, measure: Measure) => {
    const a = describeValues((groups.get(stage) ?? []).map((m) => m[measure]));
    const b = describeValues((groups.get("exploration") ?? []).map((m) => m[measure]));
    return { d: a.mean - b.mean, se: Math.sqrt(a.variance / a.n + b.variance / b.n) };
  };
  /**
   * The recovery rule of one planted effect P (index points vs exploration): the measured
   * contrast d lies within 2.5 standard errors of P, and beyond P/2 on P's side. The standard
   * error comes from the data (Welch). The generator's noise gives about the same: within a
   * stage the trust index has SD ≈ 100/6 · √(0.7² + 0.3²/4 + (0.7² + 1/12)/13) ≈ 12.6 points,
   * the affective index ≈ 100/6 · √(0.9² + 0.3² + (0.7² + 1/12)/4) ≈ 17, the calculative
   * ≈ 100/6 · √(0.15² + 0.8² + (0.7² + 1/12)/3) ≈ 15.4; with ~40 respondents in exploration,
   * ~125 in commitment, ~145 in expansion and ~10 in dissolution the standard errors are
   * 2.3 (trust, commitment or expansion vs exploration), 5.4 (trust, dissolution), 3.3
   * (affective, commitment or expansion), 5.5 (affective, dissolution) and 2.7 (calculative,
   * commitment). Every effect is planted at 3 SE or more (see STAGE_EFFECTS), so the cut at P/2
   * is 1.5 SE or more from both 0 and P: data without the effect passes it with probability
   * 7 % or less, data with it fails it with 7 % or less (less where P is 3.6–5 SE). The last
   * test checks that each rule fails on the same file generated without the stage effects.
   */
  const recovered = ({ d, se }: { d: number; se: number }, planted: number) =>
    Math.abs(d - planted) < 2.5 * se && Math.sign(planted) * d > Math.abs(planted) / 2;

  const EFFECTS: [string, Measure][] = [
    ["commitment", "trust"],
    ["expansion", "trust"],
    ["dissolution", "trust"],
    ["commitment", "affective"],
    ["expansion", "affective"],
    ["dissolution", "affective"],
    ["commitment", "calculative"],
  ];
  const planted = (stage: string, measure: Measure) => PLANTED[stage]?.[measure] as number;
  const groups = byStage(rows);
  if (report) {
    console.log(
      EFFECTS.map(([s, m]) => ({ s, m, n: groups.get(s)?.length, ...contrast(groups, s, m) })),
    );
  }

  it("joins each respondent at the stage of the month they answered; the plain grouping is the library's", () => {
    expect(q.stageJoin?.at).toBe("response-month");
    const order = STAGES as readonly string[];
    expect(q.byStage?.map((s) => s.stage)).toEqual(
      [...groups.keys()].sort((a, b) => order.indexOf(a) - order.indexOf(b)),
    );
    for (const s of q.byStage ?? []) {
      const list = groups.get(s.stage) ?? [];
      expect(s.respondents).toBe(list.length);
      expect(s.trust.mean).toBeCloseTo(describeValues(list.map((m) => m.trust)).mean, 9);
    }
    // the generator's stages are these: every respondent's stage in March 2025
    expect(q.stageJoin?.joined).toBe([...groups.values()].reduce((n, g) => n + g.length, 0));
    expect(groups.get("dissolution")?.length).toBeGreaterThanOrEqual(5);
  });

  /** The same file generated without the stage effects (the same draws), grouped as `groups`. */
  async function groupsWithoutEffects() {
    const stages = await stagesAtResponse({ readEventsCsv, stageTimeline });
    const off = Papa.parse<Record<string, string>>(generateTrustCsv(DEFAULT_SEED, stages, {}), {
      header: true,
      skipEmptyLines: true,
    }).data;
    return byStage(off);
  }

  it("plants each effect at that stage: the file minus the same file without stage effects", async () => {
    const offGroups = await groupsWithoutEffects();
    for (const stage of ["exploration", "expansion", "commitment", "dissolution"]) {
      for (const measure of ["trust", "affective", "calculative"] as Measure[]) {
        const on = describeValues((groups.get(stage) ?? []).map((m) => m[measure])).mean;
        const without = describeValues((offGroups.get(stage) ?? []).map((m) => m[measure])).mean;
        const p = planted(stage, measure);
        // The same draws shifted by P before rounding to 1..7: the means move by P, less where
        // answers are capped at 7 (up to a quarter of P here), give or take the rounding: a
        // shifted answer rounds to within half a point (50/6 index points) either way, so a
        // stage's mean difference has an SD of at most 50/6 / √(k · n) for k items per index
        // and n respondents; 3 of those are allowed.
        const k = measure === "trust" ? 13 : measure === "affective" ? 4 : 3;
        const n = groups.get(stage)?.length ?? 0;
        if (p === 0) expect(on - without).toBe(0);
        else {
          expect(Math.abs(on - without - 0.875 * p)).toBeLessThan(
            0.125 * Math.abs(p) + (3 * 50) / 6 / Math.sqrt(k * n),
          );
        }
      }
    }
  });

  for (const [stage, measure] of EFFECTS) {
    it(`recovers ${measure} ${planted(stage, measure) > 0 ? "+" : ""}${planted(stage, measure)} in ${stage} vs exploration`, () => {
      expect(recovered(contrast(groups, stage, measure), planted(stage, measure))).toBe(true);
    });
  }

  it("each recovery rule fails on the same file generated without the stage effects", async () => {
    const offGroups = await groupsWithoutEffects();
    for (const [stage, measure] of EFFECTS) {
      const c = contrast(offGroups, stage, measure);
      if (report) console.log({ off: true, stage, measure, ...c });
      expect(recovered(c, planted(stage, measure)), `${measure} in ${stage}`).toBe(false);
    }
  });
});
