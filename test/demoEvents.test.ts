/**
 * The demo CRM events data/demo-events.csv (documented in data/DEMO.md, "CRM events").
 *
 * The expectations are the generator's plan (which history each customer was given: its
 * cohort and the stage the default rules give such a history, printed by
 * `generate-events-demo.mjs --plan`) and the documented dirty events; the reliability gaps by
 * stage are also computed here with plain means from the survey file, independently of src/.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { instruments } from "../src/instrument/instruments";
import { readEventsCsv } from "../src/io/readEventsCsv";
import { readResponsesCsv } from "../src/io/readResponsesCsv";
import { dissolutionWarnings } from "../src/relationship/dissolutionWarnings";
import {
  type Gap5ByStageTimelineResult,
  gap5ByStageTimeline,
} from "../src/relationship/gap5ByStageTimeline";
import { relationshipFeatures } from "../src/relationship/relationshipFeatures";
import { STAGES } from "../src/relationship/stageRules";
import { type StageTimeline, stageTimeline } from "../src/relationship/stageTimeline";
import { stageTransitions } from "../src/relationship/stageTransitions";
import type { ValidatedEvents } from "../src/relationship/types";

const ROOT = new URL("../", import.meta.url);
const EVENTS = fileURLToPath(new URL("data/demo-events.csv", ROOT));
const SURVEY = fileURLToPath(new URL("data/demo-bank.csv", ROOT));
const SCRIPT = fileURLToPath(new URL("scripts/generate-events-demo.mjs", ROOT));
const AS_OF = "2025-12-31T23:59:59.999Z";

interface Planned {
  readonly id: string;
  readonly cohort: string;
  readonly surveyed: string | null;
  readonly atSurvey: string | null;
  readonly atEnd: string | null;
}

function script(args: string[]): Buffer {
  const run = spawnSync(process.execPath, [SCRIPT, ...args], { maxBuffer: 1 << 26 });
  expect(run.status, run.stderr.toString()).toBe(0);
  return run.stdout;
}

/** The dirty events of data/DEMO.md: customer, field and the code each must get. */
const DIRTY = [
  { customer: "R0042", column: "type", code: "unknown-event-type", excluded: true },
  { customer: "R0088", column: "timestamp", code: "bad-timestamp", excluded: true },
  { customer: "R0311", column: "timestamp", code: "future-timestamp", excluded: true },
  { customer: "R0157", column: "value", code: "negative-value", excluded: false },
  { customer: "R0233", column: "currency", code: "mixed-currency", excluded: false },
  { customer: "R0404", column: "id", code: "duplicate-event", excluded: true },
] as const;

let plan: Planned[];
let byId: Map<string, Planned>;
let read: ValidatedEvents;
let timeline: StageTimeline;
let byStage: Gap5ByStageTimelineResult;

beforeAll(async () => {
  plan = JSON.parse(script(["--plan"]).toString()).customers;
  byId = new Map(plan.map((c) => [c.id, c]));
  read = await readEventsCsv(EVENTS, { asOf: AS_OF });
  timeline = stageTimeline(read.events, { from: "2024-01-01", to: AS_OF });
  const { dataset } = await readResponsesCsv(SURVEY, instruments.servqual22);
  byStage = gap5ByStageTimeline(dataset, timeline, { reliability: false });
}, 120_000);

describe("data/demo-events.csv", () => {
  it("is exactly what the generator writes", () => {
    expect(script(["--stdout"]).equals(readFileSync(EVENTS))).toBe(true);
  });

  it("names the survey's customers R0001..R0600 and 80 who did not answer", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(EVENTS, "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const customers = new Set(rows.map((r) => r.customer));
    expect(customers.size).toBe(600 - 6 + 80);
    for (const c of plan) {
      expect(customers.has(c.id), c.id).toBe(c.cohort !== "without-events");
    }
  });

  it("accounts for every event: in = used + excluded, each dirty event coded on its line", () => {
    const r = read.report;
    expect(r.eventsIn).toBe(r.eventsUsed + r.eventsExcluded);
    expect(r.eventsExcluded).toBe(DIRTY.filter((d) => d.excluded).length);
    expect(r.valuesDropped).toBe(DIRTY.filter((d) => !d.excluded).length);
    const lines = readFileSync(EVENTS, "utf8").split("\n");
    for (const dirty of DIRTY) {
      const issues = r.issues.filter((i) => i.code === dirty.code);
      expect(issues, dirty.code).toHaveLength(1);
      const issue = issues[0];
      expect(issue?.column).toBe(dirty.column);
      // The line named is the dirty event's line of the file.
      expect(lines[(issue?.line ?? 0) - 1]?.split(",")[1]).toBe(dirty.customer);
    }
    expect(Object.values(r.issueCounts).reduce((a, b) => a + b, 0)).toBe(DIRTY.length);
  });
});

describe("planted effects", () => {
  it("every stage is present at the end of 2025, and each planned stage is recovered", () => {
    const last = timeline.months.length - 1;
    for (const stage of STAGES)
      expect(timeline.distribution[stage][last], stage).toBeGreaterThan(10);
    let planned = 0;
    let agree = 0;
    for (const c of timeline.customers) {
      const p = byId.get(c.customer);
      if (p?.atEnd == null) continue;
      planned++;
      if (c.stages[last] === p.atEnd) agree++;
    }
    expect(planned).toBeGreaterThan(500);
    expect(agree / planned).toBeGreaterThanOrEqual(0.97);
  });

  it("respondents are in their planned stage in the month they answered", () => {
    const months = new Map(timeline.months.map((m, i) => [m, i]));
    let planned = 0;
    let agree = 0;
    for (const c of timeline.customers) {
      const p = byId.get(c.customer);
      if (p?.atSurvey == null || p.surveyed === null) continue;
      planned++;
      if (c.stages[months.get(p.surveyed.slice(0, 7)) ?? -1] === p.atSurvey) agree++;
    }
    expect(planned).toBeGreaterThan(550);
    expect(agree / planned).toBeGreaterThanOrEqual(0.97);
  });

  it("finds the drifting cohort at risk, each with all three signals and their evidence", () => {
    const features = relationshipFeatures(read.events, { asOf: AS_OF });
    const warnings = dissolutionWarnings(features);
    const drifting = plan.filter((c) => c.cohort === "drifting").map((c) => c.id);
    expect(drifting).toHaveLength(40);
    const found = new Map(warnings.customers.map((c) => [c.customer, c.signals]));
    for (const id of drifting) {
      const signals = found.get(id) ?? [];
      expect(signals.map((s) => s.signal).sort(), id).toEqual([
        "complaints-rising",
        "long-silence",
        "value-falling",
      ]);
      const falling = signals.find((s) => s.signal === "value-falling");
      expect(falling?.value).toBeLessThanOrEqual(-0.2);
    }
    // Rising complaints are planted in the drifting cohort only.
    const rising = warnings.customers.filter((c) =>
      c.signals.some((s) => s.signal === "complaints-rising"),
    );
    expect(rising.map((c) => c.customer).sort()).toEqual([...drifting].sort());
    // They lead the list (most signals first).
    expect(warnings.customers.slice(0, 40).every((c) => c.signals.length === 3)).toBe(true);
  });

  it("transitions: new customers move on, committed ones stay", () => {
    const t = stageTransitions(timeline);
    const s = (from: string, to: string) =>
      t.shares[STAGES.indexOf(from as never)]?.[STAGES.indexOf(to as never)] ?? Number.NaN;
    expect(s("commitment", "commitment")).toBeGreaterThan(0.98);
    expect(s("exploration", "expansion")).toBeGreaterThan(0.05);
    expect(s("expansion", "dissolution")).toBeGreaterThan(0);
  });

  it("committed respondents show a smaller reliability shortfall than new ones", () => {
    const reliability = (stage: string) =>
      byStage.stages.find((s) => s.stage === stage)?.gap5?.dimensions[1]?.gap.mean ?? Number.NaN;
    const committed = reliability("commitment");
    const fresh = reliability("exploration");
    expect(committed - fresh).toBeGreaterThan(0.6);
    expect(committed).toBeLessThan(0);

    // The same from the file with plain means over the planned groups (independent of src/).
    const rows = Papa.parse<Record<string, string>>(readFileSync(SURVEY, "utf8"), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const seen = new Set<string>();
    const gaps: Record<string, number[]> = {};
    for (const row of rows) {
      const id = row.respondent_id ?? "";
      if (seen.has(id)) continue;
      seen.add(id);
      const cells = [5, 6, 7, 8, 9].map((i) => [row[`E_${i}`], row[`P_${i}`]]);
      if (!cells.every(([e, p]) => /^[1-7]$/.test(e ?? "") && /^[1-7]$/.test(p ?? ""))) continue;
      const gap = cells.reduce((sum, [e, p]) => sum + Number(p) - Number(e), 0) / 5;
      const stage = byId.get(id)?.atSurvey;
      if (stage == null) continue;
      gaps[stage] = [...(gaps[stage] ?? []), gap];
    }
    const mean = (xs: number[] = []) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean(gaps.commitment) - committed)).toBeLessThan(0.05);
    expect(Math.abs(mean(gaps.exploration) - fresh)).toBeLessThan(0.05);
  });

  it("reports the respondents without events", () => {
    const without = plan.filter((c) => c.cohort === "without-events").map((c) => c.id);
    expect(byStage.leftOut["respondent-without-events"]).toBe(without.length);
    expect(byStage.ungrouped.map((u) => u.id).sort()).toEqual([...without].sort());
    expect(byStage.respondents).toBe(byStage.grouped + without.length);
  });
});
