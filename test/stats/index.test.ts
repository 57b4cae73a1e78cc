import { describe, expect, it } from "vitest";
import * as stats from "../../src/stats/index";

describe("stats barrel", () => {
  it("exports every public function by name", () => {
    const names = [
      "accumulatePair",
      "accumulatePairs",
      "adjustPValues",
      "bootstrapCI",
      "cohenD",
      "cohenDz",
      "cohenDzFromSummary",
      "createPairedAccumulator",
      "describe",
      "dunnTest",
      "finishPaired",
      "gamesHowell",
      "kruskalWallis",
      "mannWhitney",
      "meanCI",
      "mergePairedAccumulators",
      "oneWayAnova",
      "pairedTTest",
      "pairedTTestFromSummary",
      "rankBiserialPaired",
      "seededRandom",
      "welchAnova",
      "welchTTest",
      "wilcoxonSignedRank",
      "wilcoxonSignedRankFromCounts",
      "wilsonInterval",
      "xoshiro128StarStar",
    ];
    expect(Object.keys(stats).sort()).toEqual(names);
    for (const name of names)
      expect(typeof (stats as Record<string, unknown>)[name]).toBe("function");
  });
});
