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

/** A value of a chart data row (null = not computed; drawn as a gap). */
export type ChartValue = number | string | null;

/** A chart block of a report document. */
export interface ChartSpec {
  readonly kind: "chart";
  /** Stable identifier within the document (e.g. `dimension-gaps`). */
  readonly id: string;
  readonly title: string;
  /** `bar` (one bar per category), `point` (a scatter), `line` (a series over x). */
  readonly mark: "bar" | "point" | "line";
  readonly x: ChartChannel;
  readonly y: ChartChannel;
  /** Colour by a field (e.g. the IPA quadrant or the series), or null. */
  readonly color: ChartChannel | null;
  /** Reference lines: a vertical line at x, a horizontal line at y (crosshairs, zero). */
  readonly rules: { readonly x: number | null; readonly y: number | null };
  /** The plotted rows, plain data. */
  readonly data: readonly Readonly<Record<string, ChartValue>>[];
}
