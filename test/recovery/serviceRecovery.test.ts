import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serviceRecovery, validateComplaints } from "../../src/index";
import { readComplaintsCsv } from "../../src/node";

const here = (path: string) => new URL(`../fixtures/recovery/${path}`, import.meta.url);
const reference = JSON.parse(readFileSync(here("reference.json"), "utf8"));

describe("serviceRecovery on the R reference complaints", async () => {
  const set = await readComplaintsCsv(here("complaints.csv"));
  const result = serviceRecovery(set);

  it("reads every complaint", () => {
    expect(set.report.recordsIn).toBe(40);
    expect(set.report.recordsUsed).toBe(40);
  });

  it("counts escalation depths as R does", () => {
    const counts = Object.fromEntries(result.depth.map((d) => [String(d.depth), d.n]));
    expect(counts).toEqual(reference.depthCounts);
    expect(result.depth.reduce((a, d) => a + (d.share ?? 0), 0)).toBeCloseTo(1, 12);
  });

  it("gives R's median and 90th percentile of resolution hours by depth and channel", () => {
    expect(result.resolution.all.n).toBe(reference.all.n);
    expect(result.resolution.all.median).toBeCloseTo(reference.all.median, 10);
    expect(result.resolution.all.p90).toBeCloseTo(reference.all.p90, 10);
    for (const row of result.resolution.byDepth) {
      const r = reference.byDepth[row.key];
      expect(row.n).toBe(r.n);
      expect(row.median).toBeCloseTo(r.median, 10);
      expect(row.p90).toBeCloseTo(r.p90, 10);
    }
    for (const row of result.resolution.byChannel) {
      const r = reference.byChannel[row.key];
      expect(row.n, row.key).toBe(r.n);
      expect(row.median).toBeCloseTo(r.median, 10);
      expect(row.p90).toBeCloseTo(r.p90, 10);
    }
    expect(result.resolution.all.open).toBe(2);
  });

  it("gives R's Spearman rho, S and p (cor.test, exact = FALSE)", () => {
    const s = result.depthSatisfaction;
    expect(s.rho).toBeCloseTo(reference.spearman.rho, 12);
    expect(s.s).toBeCloseTo(reference.spearman.S, 6);
    expect(s.p).toBeCloseTo(reference.spearman.p, 12);
  });

  it("gives R's glm(stay ~ depth, binomial) estimates and Wald test", () => {
    const l = result.depthStayed;
    const r = reference.logistic;
    expect(l.converged).toBe(true);
    expect(l.intercept).toBeCloseTo(r.intercept, 6);
    expect(l.slope).toBeCloseTo(r.slope, 6);
    expect(l.slopeSe).toBeCloseTo(r.se, 6);
    expect(l.z).toBeCloseTo(r.z, 5);
    expect(l.p).toBeCloseTo(r.p, 7);
    expect(l.oddsRatio).toBeCloseTo(r.oddsRatio, 6);
    expect(l.oddsRatioCi.lower).toBeCloseTo(r.lower, 6);
    expect(l.oddsRatioCi.upper).toBeCloseTo(r.upper, 6);
    expect(l.deviance).toBeCloseTo(r.deviance, 6);
  });

  it("gives the share won back with R's Wilson interval (prop.test, correct = FALSE)", () => {
    const w = result.wonBack;
    expect(w.fullyDissatisfied).toBe(reference.wonBack.fully);
    expect(w.wonBack).toBe(reference.wonBack.won);
    expect(w.share.lower).toBeCloseTo(reference.wonBack.lower, 12);
    expect(w.share.upper).toBeCloseTo(reference.wonBack.upper, 12);
    expect(w.dissatisfiedAtMost).toBe(1);
    expect(w.wonBackAtLeast).toBe(4);
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe("serviceRecovery by hand", () => {
  const c = (id: string, over: Record<string, unknown>) => ({
    id,
    channel: "phone",
    opened: "2024-03-01T09:00:00Z",
    ...over,
  });

  it("measures business hours through the set's calendar", () => {
    // Friday 16:00 to Monday 10:00 UTC: 1 open hour on Friday, 1 on Monday (Mon–Fri 9–17).
    const set = validateComplaints([
      c("a", { opened: "2024-03-01T16:00:00Z", resolved: "2024-03-04T10:00:00Z" }),
    ]);
    expect(serviceRecovery(set, { time: "business-hours" }).resolution.all.median).toBe(2);
    expect(serviceRecovery(set).resolution.all.median).toBe(66);
  });

  it("computes the recovery paradox figures from satisfaction before and after", () => {
    const set = validateComplaints([
      c("a", { satisfactionBefore: 1, satisfaction: 5, stayed: true }),
      c("b", { satisfactionBefore: 2, satisfaction: 2, stayed: false }),
      c("c", { satisfactionBefore: 1, satisfaction: 3, stayed: "yes" }),
    ]);
    const r = serviceRecovery(set);
    expect(r.paradox).toEqual({ n: 3, meanChange: (4 + 0 + 2) / 3, shareAbove: 2 / 3 });
    // Fully dissatisfied: a and c (before = 1); won back: a only (c is 3 < 4).
    expect(r.wonBack.fullyDissatisfied).toBe(2);
    expect(r.wonBack.wonBack).toBe(1);
    expect(r.wonBack.share.proportion).toBe(0.5);
  });

  it("returns nulls with coded warnings when nothing can be computed", () => {
    const r = serviceRecovery(validateComplaints([]));
    expect(r.complaints).toBe(0);
    expect(r.depthSatisfaction.rho).toBeNull();
    expect(r.depthStayed.slope).toBeNull();
    expect(r.wonBack.share.proportion).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain("no-complaints");
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });

  it("flags separation instead of an estimate when depth splits stayers from leavers", () => {
    const set = validateComplaints([
      c("a", { stayed: true }),
      c("b", { stayed: true }),
      c("c", { escalations: ["2024-03-01T10:00:00Z"], stayed: false }),
      c("d", { escalations: ["2024-03-01T10:00:00Z"], stayed: false }),
    ]);
    const r = serviceRecovery(set);
    expect(r.depthStayed.converged).toBe(false);
    expect(r.depthStayed.slope).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain("separation");
  });

  it("Spearman's rho is symmetric, in [−1, 1] and ±1 for monotone data (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 30 }),
        (xs) => {
          const set = validateComplaints(
            xs.map((x, i) =>
              c(`k${i}`, {
                escalations: Array.from({ length: x }, (_, k) => `2024-03-0${k + 2}T09:00:00Z`),
                satisfaction: 5 - x,
              }),
            ),
          );
          const r = serviceRecovery(set).depthSatisfaction;
          if (new Set(xs).size === 1) expect(r.rho).toBeNull();
          else expect(r.rho).toBeCloseTo(-1, 12);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("rejects bad calls with invalid-argument or invalid-options", () => {
    const set = validateComplaints([]);
    expect(() => serviceRecovery({} as never)).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => serviceRecovery(set, { nope: 1 } as never)).toThrow(
      expect.objectContaining({ code: "invalid-options" }),
    );
    expect(() => serviceRecovery(set, { wonBackAtLeast: 9 })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
    expect(() => serviceRecovery(set, { time: "days" as never })).toThrow(
      expect.objectContaining({ code: "invalid-argument" }),
    );
  });
});
