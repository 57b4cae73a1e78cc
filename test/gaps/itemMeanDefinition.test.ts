/**
 * The overall item mean as docs/formulas-gaps.md states it: per respondent the mean of P − E
 * over items with both answers (R: mean(rowMeans(P − E, na.rm = TRUE))), not the difference of
 * the separate row means of P and E. Hand-worked on two respondents of the tiny survey.
 */
import { describe, expect, it } from "vitest";
import { gap5 } from "../../src/gaps/gap5";
import { validateResponses } from "../../src/responses/validateResponses";
import { near, tinyInstrument, tinyRecord } from "./tinySurvey";

describe("overall item mean with an answer on one side only", () => {
  // r1: E 5 6 6 6 6, P 3 _ 5 5 5 → pairs a1 (−2), b1..b3 (−1 each): (−2 − 3)/4 = −1.25.
  //   (Row means instead: P 18/4 = 4.5, E 29/5 = 5.8 → −1.3, which the code must not give.)
  // r2: E 4 4 4 4 4, P 6 5 4 4 4 → gaps 2 1 0 0 0: 3/5 = 0.6.
  const rows = [
    tinyRecord("r1", [5, 6, 6, 6, 6], [3, null, 5, 5, 5]),
    tinyRecord("r2", [4, 4, 4, 4, 4], [6, 5, 4, 4, 4]),
  ];
  const { dataset } = validateResponses(rows, tinyInstrument, { missing: "pairwise" });
  const itemMean = gap5(dataset).overall.itemMean;

  it("averages each respondent's mean of the paired gaps: (−1.25 + 0.6)/2 = −0.325", () => {
    expect(itemMean.n).toBe(2);
    near(itemMean.gap.mean, -0.325);
    expect(Math.abs((itemMean.gap.mean as number) - (-1.3 + 0.6) / 2)).toBeGreaterThan(0.01);
  });

  it("takes E and P means over the same paired items: E (23/4 + 4)/2, P (18/4 + 23/5)/2", () => {
    near(itemMean.required.mean, (23 / 4 + 4) / 2);
    near(itemMean.delivered.mean, (18 / 4 + 23 / 5) / 2);
  });
});
