import type { ChartSpec } from "../chart";
import { chartOrientation } from "../chartOrientation";
import { type BandScale, bandScale, categoriesOf, type LinearScale, linearScale } from "./scales";
import { finiteOf, shorten, textWidth } from "./text";

/** Either scale of an axis. */
export type AxisScale = LinearScale | BandScale;

/** Where a chart's plot sits in its SVG and how each axis maps data to pixels. */
export interface ChartGeometry {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
  readonly x: AxisScale;
  readonly y: AxisScale;
  /** Category labels of a band x axis are drawn turned (they would overlap otherwise). */
  readonly rotateX: boolean;
  /** The nominal colour groups in order of first appearance ([] without a nominal colour). */
  readonly groups: readonly string[];
}

export const WIDTH = 760;
export const FONT = 11;
/** The longest category label drawn on an axis (the full text is in the data table). */
export const LABEL_CHARS = 28;
const RIGHT = 24;
const AXIS_TITLE = 30;

/** The numbers a linear axis must show: the field, ranges and rule on it, zero for bars. */
function axisValues(chart: ChartSpec, axis: "x" | "y"): number[] {
  const values: number[] = [];
  const push = (v: unknown) => {
    const n = finiteOf(v);
    if (n !== null) values.push(n);
  };
  const field = chart[axis].field;
  for (const row of chart.data) push(row[field]);
  const { value } = chartOrientation(chart);
  if (axis === value) {
    for (const range of [chart.interval, chart.band]) {
      if (range === null || range === undefined) continue;
      for (const row of chart.data) {
        push(row[range.lower]);
        push(row[range.upper]);
      }
    }
    if (chart.mark === "bar") values.push(0);
  }
  const rule = chart.rules[axis];
  if (rule !== null) push(rule);
  return values;
}

function isBand(chart: ChartSpec, axis: "x" | "y"): boolean {
  return chart[axis].type !== "quantitative";
}

/**
 * Lays out a chart: margins from the estimated widths of its tick labels, a plot 280 px high
 * (24 px a category when the categories run down the y axis), turned x labels when they
 * would not fit their band.
 */
export function chartGeometry(chart: ChartSpec, legendHeight: number): ChartGeometry {
  const top = 40 + legendHeight + 14;
  const yCategories = isBand(chart, "y") ? categoriesOf(chart.data, chart.y.field) : [];
  const xCategories = isBand(chart, "x") ? categoriesOf(chart.data, chart.x.field) : [];
  const plotHeight = isBand(chart, "y") ? Math.max(120, yCategories.length * 24) : 280;
  // y first: its tick labels decide the left margin
  const y: AxisScale = isBand(chart, "y")
    ? bandScale(yCategories, [top, top + plotHeight])
    : linearScale(axisValues(chart, "y"), [top + plotHeight, top]);
  const yLabelWidth =
    y.kind === "band"
      ? Math.max(0, ...y.categories.map((c) => textWidth(shorten(c, LABEL_CHARS), FONT)))
      : Math.max(0, ...y.ticks.map((t) => textWidth(t.toFixed(y.decimals), FONT)));
  const left = Math.round(AXIS_TITLE + yLabelWidth + 10);
  const plotWidth = WIDTH - left - RIGHT;
  const x: AxisScale = isBand(chart, "x")
    ? bandScale(xCategories, [left, left + plotWidth])
    : linearScale(axisValues(chart, "x"), [left, left + plotWidth]);
  const xLabelWidth =
    x.kind === "band"
      ? Math.max(0, ...x.categories.map((c) => textWidth(shorten(c, LABEL_CHARS), FONT)))
      : 0;
  const rotateX = x.kind === "band" && xLabelWidth > x.bandwidth - 6;
  const bottom = 18 + (rotateX ? xLabelWidth * Math.sin(Math.PI / 5) + 8 : FONT) + AXIS_TITLE;
  const groups =
    chart.color !== null && chart.color.type !== "quantitative"
      ? categoriesOf(chart.data, chart.color.field)
      : [];
  return {
    width: WIDTH,
    height: Math.ceil(top + plotHeight + bottom),
    left,
    top,
    plotWidth,
    plotHeight,
    x,
    y,
    rotateX,
    groups,
  };
}

/** The pixel of a value on an axis: a band's centre for a category; null when not placeable. */
export function position(scale: AxisScale, value: unknown): number | null {
  if (scale.kind === "band") {
    if (value === null || value === undefined) return null;
    const start = scale.at(String(value));
    return Number.isNaN(start) ? null : start + scale.bandwidth / 2;
  }
  const n = finiteOf(value);
  return n === null ? null : scale.at(n);
}
