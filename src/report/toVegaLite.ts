import { expectShape } from "../_lib/guards";
import type { ChartChannel, ChartRange, ChartSpec } from "./chart";
import { chartOrientation } from "./chartOrientation";

/** A Vega-Lite specification as plain JSON data. */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** A channel's encoding; nominal and ordinal axes keep the data order (the layout's order). */
function encode(channel: ChartChannel, axis: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    field: channel.field,
    type: channel.type,
    title: channel.title,
  };
  if (axis && channel.type !== "quantitative") out.sort = null;
  return out;
}

/** A layer drawing `range` from lower to upper along the value axis, one per category. */
function rangeLayer(
  chart: ChartSpec,
  range: ChartRange,
  mark: Record<string, unknown> | string,
): Record<string, unknown> {
  const { category, value } = chartOrientation(chart);
  const encoding: Record<string, unknown> = {
    [category]: encode(chart[category], true),
    [value]: { field: range.lower, type: "quantitative", title: range.title },
    [`${value}2`]: { field: range.upper },
  };
  if (chart.mark === "bar" && chart.color !== null && chart.color.type !== "quantitative") {
    encoding[`${category}Offset`] = { field: chart.color.field };
  }
  return { mark, encoding };
}

/**
 * A report chart as a Vega-Lite v5 specification: a layer with the chart's mark and
 * encoding over its data rows (nominal axes keep the data order; bars coloured by a nominal
 * field stand side by side through an x or y offset), a translucent bar layer for a `band`
 * behind it, a rule layer for an `interval` (error bars) after it, and one `rule` layer per
 * reference line. Hand it to vega-embed (or paste it into the Vega editor) to draw it.
 *
 * Reference: Satyanarayan et al. (2017), "Vega-Lite: A Grammar of Interactive Graphics",
 * IEEE TVCG 23(1):341–350; https://vega.github.io/vega-lite/docs/spec.html
 *
 * @param chart - A chart block of a report document.
 *
 * @example
 * toVegaLite(chart).layer[0] //=> { mark: "bar", encoding: { x: {...}, y: {...} } }
 */
export function toVegaLite(chart: ChartSpec): VegaLiteSpec {
  expectShape("toVegaLite", "chart", chart, {
    what: "a chart block of a report document",
    fields: { kind: "string", mark: "string", x: "object", y: "object", data: "array" },
  });
  const encoding: Record<string, unknown> = { x: encode(chart.x, true), y: encode(chart.y, true) };
  if (chart.color !== null) encoding.color = encode(chart.color, false);
  if (chart.mark === "bar" && chart.color !== null && chart.color.type !== "quantitative") {
    const { category } = chartOrientation(chart);
    encoding[`${category}Offset`] = { field: chart.color.field };
  }
  const layer: Record<string, unknown>[] = [];
  const band = chart.band ?? null;
  if (band !== null) layer.push(rangeLayer(chart, band, { type: "bar", opacity: 0.3 }));
  layer.push({ mark: chart.mark, encoding });
  const interval = chart.interval ?? null;
  if (interval !== null) layer.push(rangeLayer(chart, interval, "rule"));
  if (chart.rules.x !== null) {
    layer.push({ mark: "rule", encoding: { x: { datum: chart.rules.x, type: "quantitative" } } });
  }
  if (chart.rules.y !== null) {
    layer.push({ mark: "rule", encoding: { y: { datum: chart.rules.y, type: "quantitative" } } });
  }
  return {
    $schema: SCHEMA,
    title: chart.title,
    data: { values: chart.data.map((row) => ({ ...row })) },
    layer,
  };
}
