import { expectShape } from "../_lib/guards";
import type { ChartChannel, ChartSpec } from "./chart";

/** A Vega-Lite specification as plain JSON data. */
export type VegaLiteSpec = Readonly<Record<string, unknown>>;

const SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

function encode(channel: ChartChannel): Record<string, unknown> {
  return { field: channel.field, type: channel.type, title: channel.title };
}

/**
 * A report chart as a Vega-Lite v5 specification: a layer with the chart's mark and
 * encoding over its data rows, plus one `rule` layer per reference line. Hand it to
 * vega-embed (or paste it into the Vega editor) to draw it.
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
  const encoding: Record<string, unknown> = { x: encode(chart.x), y: encode(chart.y) };
  if (chart.color !== null) encoding.color = encode(chart.color);
  const layer: Record<string, unknown>[] = [{ mark: chart.mark, encoding }];
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
