/**
 * The complaint and comment demo files (data/demo-complaints.csv, data/demo-comments.csv,
 * documented in data/DEMO.md "Complaints and comments"): each file equals its generator's
 * output, every dirty row is excluded with its documented reason, and every planted effect is
 * found by the library with the test behind it. Set DEMO_DATA_REPORT=1 to print the realised
 * effects.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DIRTY_COMMENTS,
  DIRTY_COMPLAINTS,
  generateCommentsCsv,
  generateComplaintsCsv,
} from "../scripts/generate-recovery-demo.mjs";
import { commentThemes, mannWhitney, serviceRecovery, wilsonInterval } from "../src/index";
import { readCommentsCsv, readComplaintsCsv } from "../src/node";

const data = (name: string) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const report = (label: string, value: unknown) => {
  if (process.env.DEMO_DATA_REPORT === "1") console.log(label, JSON.stringify(value));
};

describe("demo complaints", async () => {
  const set = await readComplaintsCsv(data("demo-complaints.csv"));
  const result = serviceRecovery(set);

  it("equals its generator's output", () => {
    expect(readFileSync(data("demo-complaints.csv"), "utf8")).toBe(generateComplaintsCsv());
  });

  it("excludes exactly the documented dirty rows, each with its reason", () => {
    expect(set.report.recordsIn).toBe(328);
    expect(set.report.recordsExcluded).toBe(DIRTY_COMPLAINTS.length);
    for (const dirty of DIRTY_COMPLAINTS) {
      const row = set.report.excludedRows.find((r) => r.id === dirty.id);
      expect(
        row?.reasons.map((r) => r.code),
        dirty.id,
      ).toEqual([dirty.reason]);
    }
    expect(set.complaints.find((c) => c.id === "X07")?.outcome).toBe("<script>alert(1)</script>");
  });

  it("finds deeper escalation going with lower satisfaction (Spearman, p < 0.001)", () => {
    const s = result.depthSatisfaction;
    report("spearman", s);
    report("depth", result.depth);
    expect(s.rho).toBeLessThan(-0.4);
    expect(s.p).toBeLessThan(0.001);
    const means = result.depth.map((d) => d.meanSatisfaction as number);
    for (let k = 1; k < means.length; k++) expect(means[k]).toBeLessThan(means[k - 1] as number);
  });

  it("finds phone resolving faster than letter (Mann–Whitney, p < 0.001)", () => {
    const hours = (channel: string) =>
      set.complaints
        .filter((c) => c.channel === channel && c.resolved !== null && c.escalations.length === 0)
        .map((c) => ((c.resolved as number) - c.opened) / 3_600_000);
    const phone = result.resolution.byChannel.find((r) => r.key === "phone");
    const letter = result.resolution.byChannel.find((r) => r.key === "letter");
    report("phone", phone);
    report("letter", letter);
    expect(phone?.median).toBeLessThan((letter?.median as number) / 3);
    // at depth 0, so the comparison is not one of escalation mixes
    expect(mannWhitney(hours("phone"), hours("letter")).pValue).toBeLessThan(0.001);
  });

  it("gives a share won back with a Wilson interval and a logistic slope below 0", () => {
    report("wonBack", result.wonBack);
    report("logistic", result.depthStayed);
    expect(result.wonBack.fullyDissatisfied).toBeGreaterThan(100);
    expect(result.wonBack.share.lower).toBeGreaterThan(0);
    expect(result.depthStayed.slope).toBeLessThan(0);
    expect(result.depthStayed.p).toBeLessThan(0.05);
  });
});

describe("demo comments", async () => {
  const set = await readCommentsCsv(data("demo-comments.csv"));
  const themes = commentThemes(set, { period: "season" });

  it("equals its generator's output", () => {
    expect(readFileSync(data("demo-comments.csv")).equals(generateCommentsCsv())).toBe(true);
  });

  it("excludes exactly the documented dirty rows", () => {
    expect(set.report.recordsIn).toBe(906);
    expect(set.report.recordsExcluded).toBe(DIRTY_COMMENTS.length);
    expect(Object.keys(set.report.exclusionCounts).sort()).toEqual(
      DIRTY_COMMENTS.map((d) => d.reason).sort(),
    );
  });

  it("finds waiting and call-back comments clustering in responsiveness in North in winter", () => {
    let inside = 0;
    let insideN = 0;
    let outside = 0;
    let outsideN = 0;
    for (const cell of themes.cells.filter((c) => c.level === "period-region")) {
      const r = cell.dimensions.find((d) => d.dimension === "responsiveness")?.n ?? 0;
      if (cell.region === "North" && cell.period?.endsWith("winter")) {
        inside += r;
        insideN += cell.comments;
      } else {
        outside += r;
        outsideN += cell.comments;
      }
    }
    const a = wilsonInterval(inside, insideN);
    const b = wilsonInterval(outside, outsideN);
    report("north winter", a);
    report("elsewhere", b);
    expect(a.lower).toBeGreaterThan(b.upper as number);
    expect((a.proportion as number) - (b.proportion as number)).toBeGreaterThan(0.3);
    expect(themes.matchedNothing).toBeGreaterThan(0);
    const peak = themes.peaks.find((p) => p.dimension === "responsiveness");
    report("peak", peak);
    expect(peak?.region).toBe("North");
    expect(peak?.period).toMatch(/winter$/);
    expect(peak?.pAdjusted).toBeLessThan(0.001);
  });
});
