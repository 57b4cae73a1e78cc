import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { dunnTest } from "../../src/stats/dunnTest";
import { gamesHowell } from "../../src/stats/gamesHowell";
import { kruskalWallis } from "../../src/stats/kruskalWallis";
import { welchAnova } from "../../src/stats/welchAnova";

interface RefSet {
  name: string;
  groups: Record<string, number[]>;
  games_howell: {
    group1: string;
    group2: string;
    estimate: number;
    t: number;
    df: number;
    p: number;
    conf_low: number;
    conf_high: number;
  }[];
  dunn_holm: {
    group1: string;
    group2: string;
    mean_rank1: number;
    mean_rank2: number;
    z: number;
    p: number;
    p_adj: number;
  }[];
  welch: { F: number; df1: number; df2: number; p: number };
  kruskal: { H: number; df: number; p: number };
}

const reference = JSON.parse(
  readFileSync(new URL("../fixtures/oracle/pairwise/reference.json", import.meta.url), "utf8"),
) as { sets: RefSet[] };

/** |a − b| ≤ tol·max(|b|, 1e-3): relative, with an absolute floor for tiny p-values. */
const rel = (a: number | null | undefined, b: number, tol: number) => {
  expect(a).not.toBeNull();
  expect(Math.abs((a as number) - b)).toBeLessThanOrEqual(tol * Math.max(Math.abs(b), 1e-3));
};

describe.each(reference.sets.map((set) => [set.name, set] as const))(
  "R's %s (rstatix 0.7.2, base R ptukey/qtukey/pnorm)",
  (_name, set) => {
    const groups = Object.entries(set.groups).map(([name, values]) => ({ name, values }));
    it("Games–Howell: estimate, t, df, p and interval of every pair", () => {
      const result = gamesHowell(groups);
      expect(result.comparisons).toHaveLength(set.games_howell.length);
      for (const ref of set.games_howell) {
        const ours = result.comparisons.find(
          (c) => c.group1 === ref.group1 && c.group2 === ref.group2,
        );
        rel(ours?.estimate, ref.estimate, 1e-11);
        rel(ours?.t, ref.t, 1e-11);
        rel(ours?.df, ref.df, 1e-11);
        // ptukey by numerical integration (the same algorithm, Copenhaver & Holland 1988, as R).
        rel(ours?.pValue, ref.p, 1e-6);
        // qtukey is found by secant iteration to 1e-4 in R (and here): bounds agree to ~1e-6.
        rel(ours?.ci.lower, ref.conf_low, 2e-5);
        rel(ours?.ci.upper, ref.conf_high, 2e-5);
      }
    });
    it("Dunn: mean ranks, z, p and Holm-adjusted p of every pair", () => {
      const result = dunnTest(groups);
      for (const ref of set.dunn_holm) {
        const ours = result.comparisons.find(
          (c) => c.group1 === ref.group1 && c.group2 === ref.group2,
        );
        rel(ours?.meanRank1, ref.mean_rank1, 1e-12);
        rel(ours?.meanRank2, ref.mean_rank2, 1e-12);
        rel(ours?.z, ref.z, 1e-12);
        rel(ours?.pValue, ref.p, 1e-9);
        rel(ours?.pAdjusted, ref.p_adj, 1e-9);
      }
    });
    it("the omnibus tests they follow agree with oneway.test and kruskal.test", () => {
      const welch = welchAnova(groups);
      rel(welch.F, set.welch.F, 1e-10);
      rel(welch.df2, set.welch.df2, 1e-10);
      rel(welch.pValue, set.welch.p, 1e-8);
      const kw = kruskalWallis(groups);
      rel(kw.H, set.kruskal.H, 1e-10);
      rel(kw.pValue, set.kruskal.p, 1e-8);
    });
  },
);

describe("pairwise follow-ups: hand-worked and bad input", () => {
  it("Dunn on three separated groups without ties", () => {
    // Ranks 1..9; mean ranks 2, 5, 8; N = 9: N(N + 1)/12 = 7.5, 1/3 + 1/3 = 2/3 → sd = √5.
    const result = dunnTest(
      { a: [1, 2, 3], b: [4, 5, 6], c: [7, 8, 9] },
      { pAdjust: "bonferroni" },
    );
    const ac = result.comparisons[1];
    expect(ac?.group2).toBe("c");
    rel(ac?.z, 6 / Math.sqrt(5), 1e-14);
    rel(ac?.pAdjusted, Math.min(1, 3 * (ac?.pValue as number)), 1e-14);
  });
  it("Games–Howell of two groups is Welch's t with the studentized range of 2 means", () => {
    // For k = 2, Q = √2·|T|, so the p equals Welch's two-sided t-test p (R: t.test).
    const result = gamesHowell({ x: [19.1, 22.4, 20.8, 21.5], y: [17.3, 18.9, 16.2, 18.8, 17.7] });
    rel(result.comparisons[0]?.t, 3.687792, 1e-6);
    rel(result.comparisons[0]?.pValue, 0.011058, 1e-4);
  });
  it("a group of one value gives null figures with a warning", () => {
    const result = gamesHowell({ a: [1, 2, 3], b: [5] });
    expect(result.comparisons[0]?.pValue).toBeNull();
    expect(result.warnings[0]?.code).toBe("too-few-values");
  });
  it("rejects bad calls", () => {
    expect(() => gamesHowell({ a: [1, 2] })).toThrow(ServqualError);
    expect(() => dunnTest({ a: [1, 2], b: [1, Number.POSITIVE_INFINITY] })).toThrow(ServqualError);
    expect(() => dunnTest({ a: [1, 2], b: [3, 4] }, { pAdjust: "tukey" as never })).toThrow(
      ServqualError,
    );
    expect(() => gamesHowell({ a: [1, 2], b: [3, 4] }, { levle: 0.9 } as never)).toThrow(
      ServqualError,
    );
  });
});
