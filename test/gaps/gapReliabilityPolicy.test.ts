/**
 * gapReliability and gap5's reliability follow the dataset's missing-data policy (one
 * vocabulary: listwise / pairwise): pairwise and minimum-share datasets give psych::alpha's
 * pairwise alpha, listwise datasets listwise alpha; `missing` still overrides. The expected
 * alphas come from cronbachAlpha on the same answers written out by hand (its R matches are in
 * test/psychometrics), listwise as pairwise alpha of the complete rows picked out by hand.
 */
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { gapReliability, reliabilityMissingMode } from "../../src/gaps/gapReliability";
import { cronbachAlpha } from "../../src/psychometrics/cronbachAlpha";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, tinyInstrument, tinyRecord } from "./tinySurvey";

// Perceptions of B (b1, b2, b3) per respondent; r2 and r5 miss one B perception.
const B: (number | null)[][] = [
  [5, 4, 6],
  [3, null, 4],
  [6, 6, 7],
  [2, 3, 2],
  [4, 5, null],
  [5, 5, 4],
];
const records = B.map((b, i) =>
  tinyRecord(`r${i + 1}`, [4, 5, 4, 4, 4], [3 + (i % 3), 4 + (i % 2), ...b]),
);
const completeB = B.filter((row) => row.every((x) => x !== null)) as number[][];

describe("gap reliability follows the dataset's missing-data policy", () => {
  it("pairwise dataset: pairwise alpha, as cronbachAlpha of the B perceptions", () => {
    const { dataset } = validateResponses(records, tinyInstrument, { missing: "pairwise" });
    const reliability = gapReliability(dataset, gap5(dataset).dimensions);
    const alpha = reliability[1]?.perception?.alpha;
    expect(alpha?.missing).toBe("pairwise");
    const expected = cronbachAlpha(B, { missing: "pairwise" }).rawAlpha as number;
    near(alpha?.rawAlpha, expected, 1e-12);
    // Not the listwise figure (the two differ on these answers).
    const listwise = cronbachAlpha(completeB).rawAlpha as number;
    expect(Math.abs(expected - listwise)).toBeGreaterThan(1e-3);
  });

  it("minimum-share dataset: pairwise too (the share decides scoring, not alpha)", () => {
    const { dataset } = validateResponses(records, tinyInstrument);
    expect(reliabilityMissingMode(dataset.missingPolicy)).toBe("pairwise");
    const alpha = gap5(dataset).reliability?.[1]?.perception?.alpha;
    expect(alpha?.missing).toBe("pairwise");
    near(alpha?.rawAlpha, cronbachAlpha(B).rawAlpha as number, 1e-12);
  });

  it("listwise dataset: listwise alpha over the complete rows, in gapReliability and gap5", () => {
    const { dataset, report } = validateResponses(records, tinyInstrument, { missing: "listwise" });
    expect(report.rowsUsed).toBe(completeB.length);
    const expected = cronbachAlpha(completeB).rawAlpha as number;
    const fromGap5 = gap5(dataset).reliability?.[1]?.perception?.alpha;
    expect(fromGap5?.missing).toBe("listwise");
    near(fromGap5?.rawAlpha, expected, 1e-12);
    const direct = gapReliability(dataset, gap5(dataset).dimensions)[1]?.perception?.alpha;
    expect(direct?.missing).toBe("listwise");
  });

  it("the missing option still overrides the dataset's policy", () => {
    const { dataset } = validateResponses(records, tinyInstrument, { missing: "pairwise" });
    const alpha = gapReliability(dataset, gap5(dataset).dimensions, { missing: "listwise" })[1]
      ?.perception?.alpha;
    expect(alpha?.missing).toBe("listwise");
    near(alpha?.rawAlpha, cronbachAlpha(completeB).rawAlpha as number, 1e-12);
  });
});
