/**
 * adjustAcrossReport: one Holm or Benjamini–Hochberg adjustment over every test of a report's
 * context. Expected values from R 4.2.2 for the first eleven:
 *   p <- c(0.001, 0.03, 0.04, 0.2, 0.5, NA, 0.0004, 0.012, 0.7, 0.049, NA)
 *   p.adjust(p, "holm"); p.adjust(p, "BH")
 * (the p-values in the order the function collects them: region's omnibus tests, region's
 * pairs, channel's omnibus test and pair, the seasonal profile, the event windows); and worked
 * by hand (Holm: sort, multiply the i-th smallest by m − i + 1, running maximum, cap at 1; BH:
 * multiply by m / i, running minimum from the largest) for the whole report, which adds the
 * event windows' delivery test, period trends, changes, expectation drift and the allocation
 * evidence and delivery tests (17 p-values, see FULL below).
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
    comments: { kind: "comment-themes" },
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

/**
 * The whole report: the context above plus the event window's delivery test (.3), two trends
 * (.002, none), one change (.06), one drift (.0001), two allocation cells (own .01 and
 * elsewhere .8 with delivery .02; own .005 without an elsewhere test or delivery records).
 */
const FULL = [
  0.001,
  0.03,
  0.04,
  0.2,
  0.5,
  null,
  0.0004,
  0.012,
  0.7,
  0.049,
  null,
  0.3,
  0.002,
  null,
  0.06,
  0.0001,
  0.01,
  0.8,
  0.005,
  null,
  0.02,
];
/** Holm by hand over the 17 p-values: sorted .0001 … .8 times 17, 16, …, 1, running max, ≤ 1. */
const FULL_HOLM = [
  0.015, // .001 is 3rd smallest: × 15
  0.27, // .03 9th: × 9
  0.32, // .04 10th: × 8
  1, // .2 13th: × 5
  1,
  null,
  0.0064, // .0004 2nd: × 16
  0.132, // .012 7th: × 11
  1,
  0.343, // .049 11th: × 7
  null,
  1, // .3 14th: × 4 = 1.2
  0.028, // .002 4th: × 14
  null,
  0.36, // .06 12th: × 6
  0.0017, // .0001 1st: × 17
  0.12, // .01 6th: × 12
  1, // .8 last: × 1, but the running maximum is already 1
  0.065, // .005 5th: × 13
  null,
  0.2, // .02 8th: × 10
];
/** BH by hand: p × 17 / rank (already monotone here, so no running minimum changes it). */
const FULL_BH = [
  (0.001 * 17) / 3,
  (0.03 * 17) / 9,
  (0.04 * 17) / 10,
  (0.2 * 17) / 13,
  (0.5 * 17) / 15,
  null,
  (0.0004 * 17) / 2,
  (0.012 * 17) / 7,
  (0.7 * 17) / 16,
  (0.049 * 17) / 11,
  null,
  (0.3 * 17) / 14,
  (0.002 * 17) / 4,
  null,
  (0.06 * 17) / 12,
  0.0001 * 17,
  (0.01 * 17) / 6,
  0.8,
  (0.005 * 17) / 5,
  null,
  (0.02 * 17) / 8,
];

interface Priority {
  ownAdjustedAcrossReport: number | null;
  elsewhereAdjustedAcrossReport: number | null;
  evidenceAcrossReport: string;
  sentenceAcrossReport: string;
  delivery: { adjustedAcrossReport: number | null } | null;
}

function fullContext() {
  const base = context() as never as Record<string, unknown> & {
    events: { effects: Record<string, unknown>[] };
  };
  const test = (pValue: number | null) => ({ pValue });
  const welch = (pValue: number | null) => ({ test: { pValue } });
  const cell = {
    action: "spare engineers",
    region: "North",
    period: "winter",
    dimension: "responsiveness",
    gap: -1.9,
    n: 48,
  };
  return {
    ...base,
    events: {
      effects: base.events.effects.map((e) => ({
        ...e,
        delivery: { difference: { pValue: 0.3 } },
      })),
    },
    byPeriod: {
      kind: "by-period",
      trends: [test(0.002), test(null)],
      changes: [test(0.06)],
      expectationDrift: [test(0.0001)],
    },
    allocation: {
      level: 0.95,
      priorities: [
        {
          ...cell,
          ownBaseline: { gap: -1, ...welch(0.01) },
          elsewhere: { gap: -1.1, ...welch(0.8) },
          delivery: { inside: {}, outside: {}, difference: { pValue: 0.02 } },
        },
        { ...cell, ownBaseline: { gap: -1, ...welch(0.005) }, elsewhere: null, delivery: null },
      ],
    },
  } as never;
}

/** The adjusted p-values of the whole report, in collection order. */
function fullAcross(result: ReturnType<typeof adjustAcrossReport>): (number | null)[] {
  const r = result as never as {
    events: { effects: { delivery: { adjustedAcrossReport: number | null } }[] };
    byPeriod: Record<"trends" | "changes" | "expectationDrift", { adjustedAcrossReport: number }[]>;
    allocation: { priorities: Priority[] };
  };
  const periods = r.byPeriod;
  return [
    ...across(result),
    ...r.events.effects.map((e) => e.delivery.adjustedAcrossReport),
    ...[...periods.trends, ...periods.changes, ...periods.expectationDrift].map(
      (t) => t.adjustedAcrossReport,
    ),
    ...r.allocation.priorities.flatMap((p) => [
      p.ownAdjustedAcrossReport,
      p.elsewhereAdjustedAcrossReport,
    ]),
    ...r.allocation.priorities.flatMap((p) =>
      p.delivery === null ? [] : [p.delivery.adjustedAcrossReport],
    ),
  ];
}

describe("adjustAcrossReport", () => {
  it("adjusts every test of the report together by Holm (R p.adjust)", () => {
    const result = adjustAcrossReport(context());
    expectClose(across(result), HOLM);
    expect(result.acrossReport.method).toBe("holm");
    expect(result.acrossReport.m).toBe(9);
    expect(result.acrossReport.families.map((f) => [f.family, f.tests])).toEqual([
      ["segments: region (Welch's one-way ANOVA)", 2],
      ["segments: region (Games–Howell)", 3],
      ["segments: channel (Dunn)", 1],
      ["seasonal profile", 2],
      ["event windows", 1],
    ]);
  });

  it("or by Benjamini–Hochberg (R p.adjust)", () => {
    expectClose(across(adjustAcrossReport(context(), { method: "BH" })), BH);
  });

  it("keeps what it does not adjust, and each test's own adjusted p", () => {
    const result = adjustAcrossReport(context()) as never as {
      comments: unknown;
      segments: { comparisons: { id: string; pValue: number }[] };
    };
    expect(result.comments).toEqual({ kind: "comment-themes" });
    expect(result.segments.comparisons[0]).toMatchObject({ id: "reliability", pValue: 0.001 });
  });

  it("counts nothing in an empty context", () => {
    const result = adjustAcrossReport({});
    expect(result.acrossReport).toEqual({
      method: "holm",
      level: 0.95,
      m: 0,
      significant: 0,
      families: [],
    });
  });

  it("counts the whole report: periods, drift and allocation evidence too (worked by hand)", () => {
    const holm = adjustAcrossReport(fullContext());
    expectClose(fullAcross(holm), FULL_HOLM);
    // m is the number of p-values in the context (17 of the 21 tests carry one)
    expect(FULL.filter((p) => p !== null)).toHaveLength(17);
    expect(holm.acrossReport.m).toBe(17);
    expect(holm.acrossReport.significant).toBe(4);
    expect(holm.acrossReport.families).toEqual([
      { family: "segments: region (Welch's one-way ANOVA)", tests: 2, significant: 1 },
      { family: "segments: region (Games–Howell)", tests: 3, significant: 0 },
      { family: "segments: channel (Dunn)", tests: 1, significant: 1 },
      { family: "seasonal profile", tests: 2, significant: 0 },
      { family: "event windows", tests: 1, significant: 0 },
      { family: "event windows: delivery compliance", tests: 1, significant: 0 },
      { family: "period trends", tests: 1, significant: 1 },
      { family: "period-over-period changes", tests: 1, significant: 0 },
      { family: "expectation drift", tests: 1, significant: 1 },
      { family: "allocation priorities", tests: 3, significant: 0 },
      { family: "allocation priorities: delivery compliance", tests: 1, significant: 0 },
    ]);
    const bh = adjustAcrossReport(fullContext(), { method: "BH" });
    expectClose(fullAcross(bh), FULL_BH);
    // evidence with the across-report p: own .0283 < .05 but elsewhere .8 → some; the second
    // cell's only test .017 < .05 → strong; by Holm (.12, 1 and .065) both are weak
    const [first, second] = (bh.allocation as never as { priorities: Priority[] }).priorities;
    expect(first?.evidenceAcrossReport).toBe("some");
    expect(second?.evidenceAcrossReport).toBe("strong");
    expect(second?.sentenceAcrossReport).toBe(
      "Send spare engineers to North in winter: responsiveness gap −1.9 vs −1.0 in North's other periods, n = 48, p = .017.",
    );
    const holmCells = (holm.allocation as never as { priorities: Priority[] }).priorities;
    expect(holmCells.map((p) => p.evidenceAcrossReport)).toEqual(["weak", "weak"]);
    expect(holmCells[0]?.sentenceAcrossReport).toMatch(/, p = 1\.000\.$/);
  });

  it("rejects an unknown method or option", () => {
    expect(() => adjustAcrossReport({}, { method: "tukey" as never })).toThrow(ServqualError);
    expect(() => adjustAcrossReport({}, { methd: "BH" } as never)).toThrow(/methd/);
    expect(() => adjustAcrossReport({}, { level: 95 })).toThrow(ServqualError);
  });
});
