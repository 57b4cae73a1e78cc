import type { ChartSpec } from "./chart";

/** Which axis of a chart holds the categories and which the values. */
export interface ChartOrientation {
  readonly category: "x" | "y";
  readonly value: "x" | "y";
}

/**
 * The category and value axes of a chart: a bar chart whose x is quantitative and y is not
 * is horizontal (categories on y, values on x); every other chart puts its values on y.
 *
 * @example
 * chartOrientation({ mark: "bar", x: { type: "quantitative" }, y: { type: "nominal" } })
 * //=> { category: "y", value: "x" }
 */
export function chartOrientation(chart: Pick<ChartSpec, "mark" | "x" | "y">): ChartOrientation {
  return chart.mark === "bar" && chart.x.type === "quantitative" && chart.y.type !== "quantitative"
    ? { category: "y", value: "x" }
    : { category: "x", value: "y" };
}
