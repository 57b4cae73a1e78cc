/**
 * What the Markdown report explains: why the weighted n differs from the unweighted n (the
 * weighted score needs every dimension score), and alpha of a facet with a constant item
 * (raw alpha from the covariance matrix, and alpha without the item as psych::alpha gives it).
 * Numbers are worked by hand on the tiny survey (A = {a1, a2}, B = {b1, b2, b3}).
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { instruments } from "../../src/instrument";
import { readResponsesCsv } from "../../src/io";
import { buildGapReport } from "../../src/report/buildGapReport";
import { renderMarkdown } from "../../src/report/renderMarkdown";
import { validateResponses } from "../../src/responses/validateResponses";
import { tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

const w = (a: number | string, b: number | string) => ({ W_A: a, W_B: b });

describe("weighted n and unweighted n", () => {
  // r1–r3 answer everything and give points; r4 answers everything without points (mean
  // weights); r5 answers only a1 and b1: A scored (1 of 2 items, 50%), B not (1 of 3).
  const rows = [
    tinyRecord("r1", [6, 6, 6, 6, 6], [5, 6, 5, 6, 7], w(40, 60)),
    tinyRecord("r2", [5, 6, 6, 5, 6], [5, 5, 6, 6, 6], w(50, 50)),
    tinyRecord("r3", [7, 6, 7, 7, 5], [4, 6, 6, 7, 7], w(20, 80)),
    tinyRecord("r4", [4, 5, 5, 6, 6], [5, 5, 3, 6, 5], w("", "")),
    tinyRecord("r5", [6, null, 5, null, null], [4, null, 6, null, null], w(30, 70)),
  ];
  const { dataset, report } = validateResponses(rows, tinyInstrument);

  it("the respondent with only some dimension scores is counted and explained", () => {
    const result = gap5(dataset);
    expect(result.overall.unweighted.n).toBe(5);
    const weighted = result.overall.weighted;
    expect(weighted?.perRespondent.n).toBe(4);
    expect(weighted?.perRespondent.respondentsWithOwnWeights).toBe(3);
    expect(weighted?.perRespondent.respondentsWithMeanWeights).toBe(1);
    expect(weighted?.respondentsMissingADimension).toBe(1);
    const markdown = renderMarkdown(buildGapReport(dataset, report));
    expect(markdown).toContain(
      "Weighted n 4: 3 with their own importance points and 1 without usable points, scored with the mean weights. The weighted score needs a score on every dimension, so 1 respondent with some but not every dimension score is left out of it while counted in the unweighted score (n 5).",
    );
  });

  it("the demo: weighted n 598 against unweighted n 599 is explained", async () => {
    const file = fileURLToPath(new URL("../../data/demo-bank.csv", import.meta.url));
    const read = await readResponsesCsv(file, instruments.servqual22, {
      columns: { segments: ["region", "channel"] },
    });
    const built = buildGapReport(read.dataset, read.report);
    const weighted = built.results.gap5?.overall.weighted;
    const unweightedN = built.results.gap5?.overall.unweighted.n as number;
    const weightedN = weighted?.perRespondent.n as number;
    // every respondent is in exactly one of the three groups
    expect(
      (weighted?.perRespondent.respondentsWithOwnWeights as number) +
        (weighted?.perRespondent.respondentsWithMeanWeights as number) +
        (weighted?.respondentsMissingADimension as number),
    ).toBe(unweightedN);
    expect(unweightedN - weightedN).toBe(weighted?.respondentsMissingADimension);
    expect(weighted?.respondentsMissingADimension).toBeGreaterThan(0);
    expect(renderMarkdown(built)).toMatch(
      new RegExp(
        `Weighted n ${weightedN}: .*left out of it while counted in the unweighted score \\(n ${unweightedN}\\)`,
      ),
    );
  });
});

describe("a constant item in a reliability facet", () => {
  // Dimension B expectations: b1 = (1, 2, 3, 4), b2 = (1, 3, 3, 5), b3 = 4 throughout.
  // var b1 = 5/3, var b2 = 8/3, cov = 2: with b3 raw α = 3/2·(1 − 13/25) = 18/25 = 0.72;
  // without b3 α = 2·(1 − 13/25) = 24/25 = 0.96.
  const rows = [
    tinyRecord("r1", [5, 6, 1, 1, 4], [5, 6, 2, 3, 4]),
    tinyRecord("r2", [6, 5, 2, 3, 4], [6, 6, 3, 3, 5]),
    tinyRecord("r3", [4, 4, 3, 3, 4], [5, 4, 5, 4, 4]),
    tinyRecord("r4", [7, 6, 4, 5, 4], [6, 7, 4, 6, 6]),
  ];
  const { dataset, report } = validateResponses(rows, tinyInstrument);

  it("gap5: raw alpha with the item, the psych figures without it, a warning", () => {
    const result = gap5(dataset);
    const b = result.reliability?.[1];
    expect(b?.expectation?.alpha.rawAlpha).toBeCloseTo(18 / 25, 14);
    expect(b?.expectation?.alpha.standardizedAlpha).toBeNull();
    expect(b?.expectation?.alpha.constantItems).toEqual(["b3"]);
    expect(b?.expectation?.withoutConstantItems?.dropped).toEqual(["b3"]);
    expect(b?.expectation?.withoutConstantItems?.alpha.rawAlpha).toBeCloseTo(24 / 25, 14);
    expect(b?.expectation?.withoutConstantItems?.items.items.map((i) => i.item)).toEqual([
      "b1",
      "b2",
    ]);
    expect(b?.warnings.join("\n")).toMatch(/expectation: constant-item: zero variance for b3/);
    expect(b?.warnings.join("\n")).toMatch(/without the constant item b3, alpha of B is 0\.96/);
    const off = gap5(dataset, { dropConstantItems: false }).reliability?.[1]?.expectation;
    expect(off?.withoutConstantItems).toBeNull();
    expect(off?.alpha.rawAlpha).toBeCloseTo(18 / 25, 14);
  });

  it("the Markdown report names the item and gives alpha without it", () => {
    const markdown = renderMarkdown(buildGapReport(dataset, report));
    expect(markdown).toContain(
      "- α E of Dimension B includes b3 with zero variance (everyone gave the same answer): raw alpha is from the covariance matrix, standardised alpha is not defined. Without it (as psych::alpha reports): α 0.96.",
    );
  });
});
