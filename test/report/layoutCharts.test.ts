/**
 * The charts of the gap report layout, on surveys small enough to work by hand.
 *
 * Gap 5 (tiny survey, three respondents; see layoutGapReport.test.ts): item gaps a1 -1, 0, 0,
 * b1..b3 0 → mean gaps a1 -1, a2 (+1 -2 +1)/3 = 0, b1 = b2 = 0, b3 (0 -3 +3)/3 = 0.
 * E by dimension: A (5+6+4)/3 = 5, B 5; P: A (5 + 4 + 4.5)/3 = 4.5, B (5 + 5 + 5)/3 = 5.
 *
 * Zones of tolerance (three respondents, the same answer on both items of a dimension):
 *   A: adequate 4, 5, 6 → 5; desired 7; perceived 5, 6, 7 → 6 (inside the zone)
 *   B: adequate 3; desired 6, 6, 6 → 6; perceived 2, 3, 4 → 3 (at its lower edge)
 */
import { describe, expect, it } from "vitest";
import { defineInstrument } from "../../src/instrument/defineInstrument";
import type { ChartSpec } from "../../src/report/chart";
import type { ReportDocument } from "../../src/report/document";
import { gapReportResults } from "../../src/report/gapReportResults";
import { layoutGapReport } from "../../src/report/layoutGapReport";
import { toVegaLite } from "../../src/report/toVegaLite";
import { validateResponses } from "../../src/responses/validateResponses";
import { dimensionsOf, tinyInstrument, tinyRecord } from "../gaps/tinySurvey";

function chartOf(document: ReportDocument, id: string): ChartSpec {
  const block = document.sections
    .flatMap((s) => s.blocks)
    .find((b) => b.kind === "chart" && b.id === id);
  if (block?.kind !== "chart") throw new Error(`no chart ${id}`);
  return block;
}

const gapDocument = (() => {
  const { dataset, report } = validateResponses(
    [
      tinyRecord("r1", [5, 5, 5, 5, 5], [4, 6, 5, 5, 5]),
      tinyRecord("r2", [6, 6, 6, 6, 6], [4, 4, 6, 6, 3]),
      tinyRecord("r3", [4, 4, 4, 4, 4], [4, 5, 4, 4, 7]),
    ],
    tinyInstrument,
  );
  return layoutGapReport(gapReportResults(dataset, report, { title: "Tiny", level: 0.9 }));
})();

describe("the gap report's charts", () => {
  it("gives the dimension gaps their intervals, titled by the level", () => {
    const chart = chartOf(gapDocument, "dimension-gaps");
    expect(chart.interval).toEqual({ lower: "lower", upper: "upper", title: "90% CI" });
    const a = chart.data[0] ?? {};
    expect(a.lower as number).toBeLessThan(-0.5);
    expect(a.upper as number).toBeGreaterThan(-0.5);
  });

  it("sets E and P side by side per dimension", () => {
    const chart = chartOf(gapDocument, "expected-perceived");
    expect(chart.mark).toBe("bar");
    expect(chart.color?.field).toBe("side");
    expect(chart.data.map((r) => [r.dimension, r.side])).toEqual([
      ["Dimension A", "E (expected)"],
      ["Dimension A", "P (perceived)"],
      ["Dimension B", "E (expected)"],
      ["Dimension B", "P (perceived)"],
    ]);
    const scores = chart.data.map((r) => r.score as number);
    [5, 4.5, 5, 5].forEach((v, i) => {
      expect(scores[i]).toBeCloseTo(v, 12);
    });
    // in Vega-Lite the bars of a dimension stand side by side through xOffset
    const layer = (toVegaLite(chart).layer as { encoding: Record<string, unknown> }[])[0];
    expect(layer?.encoding.xOffset).toEqual({ field: "side" });
  });

  it("sorts the items by gap, largest shortfall first, ties in instrument order", () => {
    const chart = chartOf(gapDocument, "items-by-gap");
    expect(chart.x.type).toBe("quantitative");
    expect(chart.y.field).toBe("item");
    expect(chart.rules).toEqual({ x: 0, y: null });
    expect(chart.data.map((r) => r.item)).toEqual(["a1", "a2", "b1", "b2", "b3"]);
    expect(chart.data[0]?.gap as number).toBeCloseTo(-1, 12);
    expect(chart.data[0]?.statement).toBe("first A item");
  });

  it("draws the zones of tolerance as adequate–desired bands with P", () => {
    const instrument = defineInstrument({
      id: "tolerance-2",
      name: "Two-dimension three-column survey",
      scale: { min: 1, max: 9 },
      format: "tolerance",
      dimensions: dimensionsOf({ A: ["a1", "a2"], B: ["b1", "b2"] }),
    });
    const answers = [
      [4, 7, 5, 3, 6, 2],
      [5, 7, 6, 3, 6, 3],
      [6, 7, 7, 3, 6, 4],
    ].map(([aMin, aDes, aP, bMin, bDes, bP], r) => ({
      respondent_id: `r${r + 1}`,
      MIN_a1: aMin,
      MIN_a2: aMin,
      DES_a1: aDes,
      DES_a2: aDes,
      P_a1: aP,
      P_a2: aP,
      MIN_b1: bMin,
      MIN_b2: bMin,
      DES_b1: bDes,
      DES_b2: bDes,
      P_b1: bP,
      P_b2: bP,
    }));
    const { dataset, report } = validateResponses(answers, instrument);
    const chart = chartOf(layoutGapReport(gapReportResults(dataset, report)), "zones-of-tolerance");
    expect(chart.band).toEqual({
      lower: "adequate",
      upper: "desired",
      title: "Zone of tolerance (adequate to desired)",
    });
    expect(chart.y.field).toBe("perceived");
    const values = chart.data.map((r) => [r.dimension, r.adequate, r.desired, r.perceived]);
    expect(values.map((v) => v[0])).toEqual(["A", "B"]);
    const expected = [
      [5, 7, 6],
      [3, 6, 3],
    ];
    values.forEach((v, i) => {
      v.slice(1).forEach((x, j) => {
        expect(x as number).toBeCloseTo(expected[i]?.[j] as number, 12);
      });
    });
    // Vega-Lite: the band is a translucent bar from adequate (y) to desired (y2) behind the points
    const layers = toVegaLite(chart).layer as {
      mark: unknown;
      encoding: Record<string, unknown>;
    }[];
    expect(layers[0]?.mark).toEqual({ type: "bar", opacity: 0.3 });
    expect(layers[0]?.encoding.y).toEqual({
      field: "adequate",
      type: "quantitative",
      title: "Zone of tolerance (adequate to desired)",
    });
    expect(layers[0]?.encoding.y2).toEqual({ field: "desired" });
    expect(layers[1]?.mark).toBe("point");
  });
});

describe("toVegaLite of the new chart parts", () => {
  it("draws an interval as a rule from lower to upper after the bars", () => {
    const chart = chartOf(gapDocument, "items-by-gap");
    const layers = toVegaLite(chart).layer as {
      mark: unknown;
      encoding: Record<string, unknown>;
    }[];
    expect(layers.map((l) => l.mark)).toEqual(["bar", "rule", "rule"]);
    // horizontal: the categories on y, the interval on x / x2
    expect(layers[1]?.encoding).toEqual({
      y: { field: "item", type: "nominal", title: "Item", sort: null },
      x: { field: "lower", type: "quantitative", title: "90% CI" },
      x2: { field: "upper" },
    });
    expect(layers[2]?.encoding).toEqual({ x: { datum: 0, type: "quantitative" } });
  });

  it("keeps a heatmap's quantitative colour and the rect mark", () => {
    const spec = toVegaLite({
      kind: "chart",
      id: "t",
      title: "T",
      mark: "rect",
      x: { field: "to", type: "nominal", title: "To" },
      y: { field: "from", type: "nominal", title: "From" },
      color: { field: "share", type: "quantitative", title: "Share" },
      rules: { x: null, y: null },
      data: [{ from: "a", to: "b", share: 0.5 }],
    });
    const layer = (spec.layer as { mark: unknown; encoding: Record<string, unknown> }[])[0];
    expect(layer?.mark).toBe("rect");
    expect(layer?.encoding.color).toEqual({ field: "share", type: "quantitative", title: "Share" });
    expect(layer?.encoding.xOffset).toBeUndefined();
  });
});
