/**
 * The SVG charts of the HTML report, drawn from hand-made specifications whose pictures can
 * be worked out by hand: one mark per row that has its values, bar lengths proportional to
 * the values and starting at zero, error bars and bands spanning their bounds on the same
 * scale, side-by-side bars told apart by colour and pattern, a line broken at a missing value,
 * heatmap cells at the ends of the viridis scale, a legend entry per group, range and rule.
 */
import { describe, expect, it } from "vitest";
import { chartSvg } from "../../src/report/svg/chartSvg";
import { describeChart } from "../../src/report/svg/describeChart";
import { CATEGORY_COLOURS } from "../../src/report/svg/palette";
import {
  ALL_CHARTS,
  DRAWN_ROWS,
  gapChart,
  ipaChart,
  itemChart,
  segmentChart,
  transitionChart,
  trendChart,
  zonesChart,
} from "./chartKindsDocument";
import { elementsOf, n, pathNumbers, translateOf } from "./svgTestHelpers";

const draw = (chart: (typeof ALL_CHARTS)[number]) => chartSvg(chart, "c").svg;

describe("chartSvg", () => {
  it("draws one mark per data row that has its values, and says so", () => {
    for (const chart of ALL_CHARTS) {
      const { svg, marks } = chartSvg(chart, "c");
      expect(marks, chart.id).toBe(DRAWN_ROWS[chart.id]);
      expect(elementsOf(svg, "mark").length, chart.id).toBe(DRAWN_ROWS[chart.id]);
      expect(svg).toContain(`data-rows="${chart.data.length}"`);
    }
  });

  it("names each chart with its title, axis titles, a description and role img", () => {
    for (const chart of ALL_CHARTS) {
      const svg = draw(chart);
      expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="c-title c-desc"/);
      expect(svg).toContain('<title id="c-title">');
      expect(svg).toContain('<desc id="c-desc">');
      expect(svg).toMatch(/<text class="axis-title" data-axis="x"[^>]*>[^<]+<\/text>/);
      expect(svg).toMatch(/<text class="axis-title" data-axis="y"[^>]*>[^<]+<\/text>/);
      expect(elementsOf(svg, "legend-entry").length).toBeGreaterThan(0);
    }
  });

  it("bars start at zero and their lengths are proportional to the values", () => {
    const svg = draw(gapChart);
    const [a, b] = elementsOf(svg, "mark").map((m) => m.attrs);
    if (a === undefined || b === undefined) throw new Error("two bars expected");
    const zero = pathNumbers(elementsOf(svg, "rule")[0]?.attrs.d)[1] as number;
    // gap -1 hangs down from zero, gap 0.5 stands up to it; lengths 2 : 1
    expect(n(a, "y")).toBeCloseTo(zero, 0);
    expect(n(b, "y") + n(b, "height")).toBeCloseTo(zero, 0);
    expect(n(a, "height") / n(b, "height")).toBeCloseTo(2, 1);
    // the interval [-1.5, -0.5] is one scale point long: the length of the -1 bar
    const intervals = elementsOf(svg, "interval");
    expect(intervals.map((i) => i.attrs["data-row"])).toEqual(["0", "1"]);
    const [, y1, y2] = pathNumbers(intervals[0]?.attrs.d).slice(0, 3) as number[];
    expect(Math.abs((y2 as number) - (y1 as number))).toBeCloseTo(n(a, "height"), 0);
  });

  it("turns bars horizontal when x is the quantity, in the data order", () => {
    const svg = draw(itemChart);
    const bars = elementsOf(svg, "mark").map((m) => m.attrs);
    expect(new Set(bars.map((b) => b.height)).size).toBe(1);
    // gaps -2, -1, 1: widths 2 : 1 : 1; rows run down in data order
    expect(n(bars[0] ?? {}, "width") / n(bars[1] ?? {}, "width")).toBeCloseTo(2, 1);
    expect(n(bars[1] ?? {}, "width")).toBeCloseTo(n(bars[2] ?? {}, "width"), 0);
    expect(n(bars[0] ?? {}, "y")).toBeLessThan(n(bars[1] ?? {}, "y"));
    // the positive bar starts where the negative ones end: at zero
    const zeroX = n(bars[0] ?? {}, "x") + n(bars[0] ?? {}, "width");
    expect(n(bars[2] ?? {}, "x")).toBeCloseTo(zeroX, 0);
  });

  it("puts bars of the same category side by side, told apart by colour and pattern", () => {
    const svg = draw(segmentChart);
    const bars = elementsOf(svg, "mark").map((m) => m.attrs);
    expect(bars[0]?.fill).toBe(CATEGORY_COLOURS[0]);
    expect(bars[1]?.fill).toBe("url(#c-p1)");
    expect(svg).toContain(`<pattern id="c-p1"`);
    expect(svg).toContain(`fill="${CATEGORY_COLOURS[1]}"`);
    expect(n(bars[1] ?? {}, "x")).toBeCloseTo(n(bars[0] ?? {}, "x") + n(bars[0] ?? {}, "width"), 0);
    // a legend entry per region and one for the zero line
    expect(elementsOf(svg, "legend-entry").length).toBe(3);
  });

  it("draws zones of tolerance as bands from adequate to desired with P marked", () => {
    const svg = draw(zonesChart);
    const bands = elementsOf(svg, "band").map((b) => b.attrs);
    // A: 4..6 (2 points), B: 5..8 (3 points)
    expect(n(bands[0] ?? {}, "height") / n(bands[1] ?? {}, "height")).toBeCloseTo(2 / 3, 1);
    const [, pA] = translateOf(elementsOf(svg, "mark")[0]?.attrs.transform);
    const top = n(bands[0] ?? {}, "y");
    // P = 5 is halfway between adequate 4 and desired 6
    expect(pA).toBeCloseTo(top + n(bands[0] ?? {}, "height") / 2, 0);
    // B's P = 4 lies below its zone (larger y on screen)
    const [, pB] = translateOf(elementsOf(svg, "mark")[1]?.attrs.transform);
    expect(pB).toBeGreaterThan(n(bands[1] ?? {}, "y") + n(bands[1] ?? {}, "height"));
  });

  it("marks quadrants with different shapes and draws both crosshair lines", () => {
    const svg = draw(ipaChart);
    const shapes = new Set(elementsOf(svg, "mark").map((m) => m.attrs.d));
    expect(shapes.size).toBe(4);
    expect(elementsOf(svg, "rule").length).toBe(2);
    expect(elementsOf(svg, "point-label").length).toBe(4);
  });

  it("breaks a line at a missing value", () => {
    const svg = draw(trendChart);
    const lines = elementsOf(svg, "line").map((l) => l.attrs.d ?? "");
    expect(lines.length).toBe(2);
    expect(lines[0]?.match(/M/g)?.length).toBe(1);
    expect(lines[0]?.match(/L/g)?.length).toBe(2);
    expect(lines[1]?.match(/M/g)?.length).toBe(2);
    expect(elementsOf(svg, "line")[1]?.attrs["stroke-dasharray"]).toBeDefined();
  });

  it("fills heatmap cells on the viridis scale: the lowest share darkest, the highest lightest", () => {
    const svg = draw(transitionChart);
    const cells = elementsOf(svg, "mark").map((m) => m.attrs);
    const byRow = (r: number) => cells.find((c) => c["data-row"] === String(r));
    expect(byRow(3)?.fill).toBe("#440154"); // share 0
    expect(byRow(4)?.fill).toBe("#fde725"); // share 0.9
    const labels = elementsOf(svg, "cell-label").map((l) => l.attrs.fill);
    expect(labels[3]).toBe("#fff");
    expect(labels[4]).toBe("#000");
  });

  it("describes the chart in words: what, how many, lowest and highest", () => {
    expect(describeChart(gapChart)).toBe(
      "Bar chart of Gap by Dimension, 3 data rows. Lowest: -1.00 (A); highest: 0.50 (<script>window.__xss = 1; alert(1)</script>). Error bars: 95% CI. The table below the chart lists every value.",
    );
  });
});
