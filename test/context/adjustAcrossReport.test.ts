/**
 * adjustAcrossReport: one Holm or Benjamini–Hochberg adjustment over every test of a report's
 * context. Expected values from R 4.2.2:
 *   p <- c(0.001, 0.03, 0.04, 0.2, 0.5, NA, 0.0004, 0.012, 0.7, 0.049, NA)
 *   p.adjust(p, "holm"); p.adjust(p, "BH")
 * (the p-values in the order the function collects them: region's omnibus tests, region's
 * pairs, channel's omnibus test and pair, the seasonal profile, the event windows).
 */
import { describe, expect, it } from "vitest";
import { ServqualError } from "../../src/_lib/ServqualError";
import { adjustAcrossReport } from "../../src/context/adjustAcrossReport";

const HOLM = [0.008, 0.18, 0.2, 0.6, 1, null, 0.0036, 0.084, 1, 0.2, null];
const BH = [
  0.0045,
  0.0675,
  0.072,
  0.2571428571428572,
  0.5625,
  null,
  0.0036,
  0.036,
  0.7,
  0.0735,
  null,
];

/** A report context reduced to the fields the adjustment reads (the rest is carried along). */
function context() {
  const pair = (pValue: number | null) => ({ group1: "a", group2: "b", pValue, pAdjusted: null });
  return {
    segments: {
      by: "region",
      test: "Welch's one-way ANOVA",
      followUp: "Games–Howell",
      comparisons: [
        { id: "reliability", pValue: 0.001, pairs: [pair(0.04), pair(0.2)] },
        { id: "overall", pValue: 0.03, pairs: [pair(0.5)] },
      ],
    },
    segmentComparisons: [
      {
        by: "channel",
        test: "Kruskal–Wallis rank sum test",
        followUp: "Dunn",
        comparisons: [{ id: "overall", pValue: null, pairs: [pair(0.0004)] }],
      },
    ],
    seasons: {
      figures: [
        { id: "1", pValue: 0.012 },
        { id: "2", pValue: 0.7 },
      ],
    },
    events: {
      effects: [
        {
          window: "flood",
          figures: [
            { id: "overall", welch: { pValue: 0.049 } },
            { id: "x", welch: null },
          ],
        },
      ],
    },
    byPeriod: { kind: "by-period" },
  } as never;
}

/** The adjusted p-values of the result, in collection order. */
function across(result: ReturnType<typeof adjustAcrossReport>): (number | null)[] {
  const r = result as never as {
    segments: {
      comparisons: {
        adjustedAcrossReport: number | null;
        pairs: { adjustedAcrossReport: number | null }[];
      }[];
    };
    segmentComparisons: {
      comparisons: {
        adjustedAcrossReport: number | null;
        pairs: { adjustedAcrossReport: number | null }[];
      }[];
    }[];
    seasons: { figures: { adjustedAcrossReport: number | null }[] };
    events: { effects: { figures: { adjustedAcrossReport: number | null }[] }[] };
  };
  const of = (c: (typeof r)["segments"]) => [
    ...c.comparisons.map((d) => d.adjustedAcrossReport),
    ...c.comparisons.flatMap((d) => d.pairs.map((p) => p.adjustedAcrossReport)),
  ];
  return [
    ...of(r.segments),
    ...r.segmentComparisons.flatMap(of),
    ...r.seasons.figures.map((f) => f.adjustedAcrossReport),
    ...r.events.effects.flatMap((e) => e.figures.map((f) => f.adjustedAcrossReport)),
  ];
}

function expectClose(actual: (number | null)[], expected: (number | null)[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    if (expected[i] === null) expect(value).toBe(null);
    else expect(value).toBeCloseTo(expected[i] as number, 14);
  });
}

describe("adjustAcrossReport", () => {
  it("adjusts every test of the report together by Holm (R p.adjust)", () => {
    const result = adjustAcrossReport(context());
    expectClose(across(result), HOLM);
    expect(result.acrossReport.method).toBe("holm");
    expect(result.acrossReport.m).toBe(9);
    expect(result.acrossReport.families).toEqual([
      { family: "segments: region (Welch's one-way ANOVA)", tests: 2 },
      { family: "segments: region (Games–Howell)", tests: 3 },
      { family: "segments: channel (Dunn)", tests: 1 },
      { family: "seasonal profile", tests: 2 },
      { family: "event windows", tests: 1 },
    ]);
  });

  it("or by Benjamini–Hochberg (R p.adjust)", () => {
    expectClose(across(adjustAcrossReport(context(), { method: "BH" })), BH);
  });

  it("keeps what it does not adjust, and each test's own adjusted p", () => {
    const result = adjustAcrossReport(context()) as never as {
      byPeriod: unknown;
      segments: { comparisons: { id: string; pValue: number }[] };
    };
    expect(result.byPeriod).toEqual({ kind: "by-period" });
    expect(result.segments.comparisons[0]).toMatchObject({ id: "reliability", pValue: 0.001 });
  });

  it("counts nothing in an empty context", () => {
    const result = adjustAcrossReport({});
    expect(result.acrossReport).toEqual({ method: "holm", m: 0, families: [] });
  });

  it("rejects an unknown method or option", () => {
    expect(() => adjustAcrossReport({}, { method: "tukey" as never })).toThrow(ServqualError);
    expect(() => adjustAcrossReport({}, { methd: "BH" } as never)).toThrow(/methd/);
  });
});
