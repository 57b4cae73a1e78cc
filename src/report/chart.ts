/**
 * A chart specification: what to draw, not how. It maps one-to-one onto a Vega-Lite unit
 * spec (see {@link toVegaLite}), so an HTML renderer or a notebook can draw it, while the
 * library itself stays free of any charting dependency.
 */

/** One axis or colour channel: a field of the data rows, its measurement type and title. */
export interface ChartChannel {
  readonly field: string;
  readonly type: "quantitative" | "nominal" | "ordinal";
  readonly title: string;
}

/**
 * A range between two fields of each data row, on the chart's quantitative axis (the y axis,
 * or the x axis of a horizontal bar chart): a confidence interval drawn as an error bar, or a
 * band (such as the zone of tolerance, adequate to desired) drawn behind the marks.
 */
export interface ChartRange {
  readonly lower: string;
  readonly upper: string;
  /** What the range is, for the legend (e.g. `95% CI`, `Zone of tolerance`). */
  readonly title: string;
}

/** A value of a chart data row (null = not computed; drawn as a gap). */
export type ChartValue = number | string | null;

/** A chart block of a report document. */
export interface ChartSpec {
  readonly kind: "chart";
  /** Stable identifier within the document (e.g. `dimension-gaps`). */
  readonly id: string;
  readonly title: string;
  /**
   * `bar` (one bar per category; horizontal when x is quantitative and y nominal; bars of the
   * same category side by side when a nominal colour channel is given), `point` (a scatter, or
   * points per category), `line` (one series per colour over an ordered x), `rect` (a heatmap:
   * nominal x and y, the colour channel quantitative).
   */
  readonly mark: "bar" | "point" | "line" | "rect";
  readonly x: ChartChannel;
  readonly y: ChartChannel;
  /** Colour by a field (e.g. the IPA quadrant or the series), or null. */
  readonly color: ChartChannel | null;
  /** Reference lines: a vertical line at x, a horizontal line at y (crosshairs, zero). */
  readonly rules: { readonly x: number | null; readonly y: number | null };
  /** An error bar per data row (a confidence interval); absent or null for none. */
  readonly interval?: ChartRange | null;
  /** A band per category drawn behind the marks (a zone of tolerance); absent or null for none. */
  readonly band?: ChartRange | null;
  /** The plotted rows, plain data. */
  readonly data: readonly Readonly<Record<string, ChartValue>>[];
}
