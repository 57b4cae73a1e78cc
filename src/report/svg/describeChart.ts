import type { ChartSpec } from "../chart";
import { chartOrientation } from "../chartOrientation";
import { showValue } from "./marks";
import { finiteOf } from "./text";

const MARK_NAMES: Readonly<Record<ChartSpec["mark"], string>> = {
  bar: "Bar chart",
  point: "Point chart",
  line: "Line chart",
  rect: "Heatmap",
};

/**
 * The text alternative of a chart (its SVG `<desc>`): what is plotted against what, how many
 * rows, the lowest and highest value with their categories, and where the full data are.
 *
 * @example
 * describeChart(chart)
 * //=> "Bar chart of Gap (scale points) by Dimension, 5 data rows. Lowest: -1.31 (Reliability); highest: -0.52 (Tangibles). …"
 */
export function describeChart(chart: ChartSpec): string {
  const { category, value } = chartOrientation(chart);
  const measure = chart.mark === "rect" && chart.color !== null ? chart.color : chart[value];
  const against =
    chart.mark === "rect" ? `${chart.x.title} and ${chart.y.title}` : chart[category].title;
  const colour =
    chart.color !== null && chart.mark !== "rect" ? `, coloured by ${chart.color.title}` : "";
  const parts = [
    `${MARK_NAMES[chart.mark] ?? "Chart"} of ${measure.title} by ${against}${colour}, ${chart.data.length} data row${chart.data.length === 1 ? "" : "s"}.`,
  ];
  let low: { v: number; i: number } | null = null;
  let high: { v: number; i: number } | null = null;
  chart.data.forEach((row, i) => {
    const v = finiteOf(row[measure.field]);
    if (v === null) return;
    if (low === null || v < low.v) low = { v, i };
    if (high === null || v > high.v) high = { v, i };
  });
  const name = (i: number) => {
    const row = chart.data[i] ?? {};
    const keys =
      chart.mark === "rect"
        ? [chart.x, chart.y]
        : [chart[category], ...(chart.color !== null ? [chart.color] : [])];
    return keys
      .filter((k) => k.field !== measure.field)
      .map((k) => showValue(row[k.field]))
      .join(", ");
  };
  const lo = low as { v: number; i: number } | null;
  const hi = high as { v: number; i: number } | null;
  if (lo !== null && hi !== null) {
    parts.push(
      `Lowest: ${showValue(lo.v)} (${name(lo.i)}); highest: ${showValue(hi.v)} (${name(hi.i)}).`,
    );
  }
  if (chart.interval) parts.push(`Error bars: ${chart.interval.title}.`);
  if (chart.band) parts.push(`Bands: ${chart.band.title}.`);
  parts.push("The table below the chart lists every value.");
  return parts.join(" ");
}
