/**
 * gap5 on the Harbourline Bank demo survey (data/demo-bank.csv) finds the effects planted by
 * the generator and documented in data/DEMO.md, within the tolerances listed there, and
 * treats the documented dirty rows as DEMO.md says a validator should.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { importancePerformance } from "../../src/gaps/importancePerformance";
import { instruments } from "../../src/instrument/instruments";
import { validateResponses } from "../../src/responses/validateResponses";
import { strictJson } from "./tinySurvey";

const csv = readFileSync(new URL("../../data/demo-bank.csv", import.meta.url), "utf8");
const records = Papa.parse<Record<string, string>>(csv, {
  header: true,
  skipEmptyLines: true,
}).data;
const { dataset, report } = validateResponses(records, instruments.servqual22, {
  columns: { segments: ["region", "channel"] },
});
const result = gap5(dataset);
const gapOf = (id: string) => result.dimensions.find((d) => d.dimension === id)?.gap.mean ?? NaN;

describe("gap5 on the demo bank survey", () => {
  it("reads all 601 rows and keeps every row with answers and a first-time id", () => {
    expect(report.rowsIn).toBe(601);
    expect(report.rowsUsed + report.rowsExcluded).toBe(601);
    // R0512 has no answers at all; the second R0205 is a duplicate id.
    const excluded = report.excludedRows.map((row) => row.id);
    expect(excluded).toContain("R0512");
    expect(excluded).toContain("R0205");
    expect(report.rowsUsed).toBe(599);
    expect(dataset.segments.map((s) => s.name)).toEqual(["region", "channel"]);
  });

  it("every dimension falls short; reliability the most, tangibles the least", () => {
    const gaps = result.dimensions.map((d) => d.gap.mean as number);
    for (const g of gaps) expect(g).toBeLessThan(0);
    // DEMO.md: reliability -1.31 (test range -1.5..-1.1), tangibles -0.37 (-0.5..-0.1)
    expect(gapOf("reliability")).toBe(Math.min(...gaps));
    expect(gapOf("tangibles")).toBe(Math.max(...gaps));
    expect(gapOf("reliability")).toBeGreaterThan(-1.5);
    expect(gapOf("reliability")).toBeLessThan(-1.1);
    expect(gapOf("tangibles")).toBeGreaterThan(-0.5);
    expect(gapOf("tangibles")).toBeLessThan(-0.1);
    // responsiveness -1.10, assurance -0.72, empathy -0.94 (to 0.1)
    expect(Math.abs(gapOf("responsiveness") + 1.1)).toBeLessThan(0.1);
    expect(Math.abs(gapOf("assurance") + 0.72)).toBeLessThan(0.1);
    expect(Math.abs(gapOf("empathy") + 0.94)).toBeLessThan(0.1);
  });

  it("the reliability interval excludes 0 and R0386 (no reliability answers) is unscored", () => {
    const reliability = result.dimensions.find((d) => d.dimension === "reliability");
    expect(reliability?.gap.ci.upper as number).toBeLessThan(0);
    expect(reliability?.unscored).toBe(1);
    expect(reliability?.n).toBe(598);
  });

  it("item 8 'delivers when promised' is the worst item, at least 0.5 below every other", () => {
    const items = [...result.items].sort((a, b) => (a.gap.mean as number) - (b.gap.mean as number));
    expect(items[0]?.item).toBe("8");
    // DEMO.md: item 8 -1.97, next worst item 7 -1.21
    expect((items[1]?.gap.mean as number) - (items[0]?.gap.mean as number)).toBeGreaterThan(0.5);
    expect(Math.abs((items[0]?.gap.mean as number) + 1.97)).toBeLessThan(0.1);
  });

  it("expectations high with a ceiling; perceptions lower", () => {
    // DEMO.md: mean E 6.06 (test range 5.8..6.3), E − P = 0.88 (> 0.6)
    const overall = result.overall.itemMean;
    expect(overall.required.mean as number).toBeGreaterThan(5.8);
    expect(overall.required.mean as number).toBeLessThan(6.3);
    expect((overall.required.mean as number) - (overall.delivered.mean as number)).toBeGreaterThan(
      0.6,
    );
    expect(overall.shareNegative as number).toBeGreaterThan(0.5);
  });

  it("reliability gets the most importance points (≈ .29), tangibles the fewest (≈ .10)", () => {
    const weights = result.overall.weighted?.meanWeights ?? {};
    const values = Object.values(weights);
    expect(Object.keys(weights)).toHaveLength(5);
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // DEMO.md: mean W_reliability 29.4 (27..33), W_tangibles 10.1 (8..12)
    expect(weights.reliability).toBe(Math.max(...values));
    expect(weights.reliability as number).toBeGreaterThan(0.27);
    expect(weights.reliability as number).toBeLessThan(0.33);
    expect(weights.tangibles).toBe(Math.min(...values));
    expect(weights.tangibles as number).toBeGreaterThan(0.08);
    expect(weights.tangibles as number).toBeLessThan(0.12);
  });

  it("R0431 and R0475 (points summing to 95 and 110) are scored with the mean weights", () => {
    const perRespondent = result.overall.weighted?.perRespondent;
    expect(report.issueCounts["weights-sum"]).toBe(2);
    expect(perRespondent?.respondentsWithMeanWeights).toBe(2);
    // 599 respondents, less R0386 (no reliability score) = 598 with every dimension score
    expect(perRespondent?.n).toBe(598);
    expect(perRespondent?.respondentsWithOwnWeights).toBe(596);
    expect(perRespondent?.gap.mean as number).toBeLessThan(0);
  });

  it("importance–performance puts reliability in 'concentrate here'", () => {
    // DEMO.md: data-mean crosshairs at 100/5 = 20 points and the mean dimension gap
    // (-0.37 - 1.31 - 1.10 - 0.72 - 0.94)/5 = -0.89. Reliability (29.4, -1.31): high
    // importance, low performance; tangibles (10.1, -0.37): low importance, high performance.
    const ipa = importancePerformance(dataset, { performance: "gap" });
    const reliability = ipa.points.find((p) => p.id === "reliability");
    expect(reliability?.quadrant).toBe("concentrate-here");
    const tangibles = ipa.points.find((p) => p.id === "tangibles");
    expect(tangibles?.quadrant).toBe("possible-overkill");
  });

  it("gives the same reliability when the respondents come in reverse order", () => {
    // Reversing would keep the other copy of the duplicated id R0205, so drop it first.
    const seen = new Set<string>();
    const unique = records.filter((row) => {
      const id = row.respondent_id ?? "";
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    const options = { columns: { segments: ["region", "channel"] } };
    const forward = gap5(validateResponses(unique, instruments.servqual22, options).dataset);
    expect(forward.reliability).toEqual(result.reliability);
    const again = gap5(
      validateResponses([...unique].reverse(), instruments.servqual22, options).dataset,
    );
    (result.reliability ?? []).forEach((entry, d) => {
      const other = again.reliability?.[d];
      for (const facet of ["expectation", "perception", "gap"] as const) {
        const a = entry[facet]?.alpha.rawAlpha as number;
        const b = other?.[facet]?.alpha.rawAlpha as number;
        expect(Math.abs(a - b)).toBeLessThan(1e-12);
      }
      expect(
        Math.abs((entry.differenceScore as number) - (other?.differenceScore as number)),
      ).toBeLessThan(1e-12);
    });
  });

  it("produces finite, JSON-serialisable output", () => {
    expect(() => strictJson(result)).not.toThrow();
  });
});
