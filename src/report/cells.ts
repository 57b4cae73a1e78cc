/**
 * Typed table cells of a report document: each keeps its value as data (full precision) and
 * says how it is shown, so every renderer formats it the same way and a CSV renderer can keep
 * the raw number. A value that cannot be computed is null (shown as "—").
 */

/** A number shown with a fixed number of decimals. */
export interface NumberCell {
  readonly kind: "number";
  readonly value: number | null;
  readonly decimals: number;
  /**
   * The statistic cannot exceed 1 in absolute value (a correlation, an alpha, a reliability):
   * APA-style renderers drop its leading zero (".82"). Absent = false.
   */
  readonly bounded?: boolean;
}

/** A p-value: three decimals, `<0.001` below that (as R prints it). */
export interface PValueCell {
  readonly kind: "p-value";
  readonly value: number | null;
}

/** A confidence interval `[lower, upper]`. */
export interface IntervalCell {
  readonly kind: "interval";
  readonly lower: number | null;
  readonly upper: number | null;
  readonly decimals: number;
}

/** Text: a label from the input or the library's own words; always escaped by a renderer. */
export interface LabelCell {
  readonly kind: "label";
  readonly text: string | null;
}

/** A count of respondents, rows or answers. */
export interface CountCell {
  readonly kind: "count";
  readonly value: number | null;
}

/** A share in [0, 1], shown as a percentage. */
export interface PercentCell {
  readonly kind: "percent";
  readonly value: number | null;
  readonly decimals: number;
}

/** One cell of a report table. */
export type Cell = NumberCell | PValueCell | IntervalCell | LabelCell | CountCell | PercentCell;

/** The kinds of cell, as the `kind` field names them. */
export type CellKind = Cell["kind"];

/** A finite number or null (NaN, ±Infinity and undefined become null, as results never hold them). */
function finite(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * A number cell.
 *
 * @example
 * num(-1.2345) //=> { kind: "number", value: -1.2345, decimals: 2 }, shown "-1.23"
 * num(0.823, 2, true) // an alpha: shown ".82" in APA style
 */
export function num(value: number | null | undefined, decimals = 2, bounded = false): NumberCell {
  return bounded
    ? { kind: "number", value: finite(value), decimals, bounded: true }
    : { kind: "number", value: finite(value), decimals };
}

/**
 * A p-value cell.
 *
 * @example
 * pCell(0.0004) // shown "<0.001"
 */
export function pCell(value: number | null | undefined): PValueCell {
  return { kind: "p-value", value: finite(value) };
}

/**
 * An interval cell.
 *
 * @example
 * intervalCell({ lower: -0.5, upper: 0.25 }) // shown "[-0.50, 0.25]"
 */
export function intervalCell(
  ci: { readonly lower: number | null; readonly upper: number | null } | null | undefined,
  decimals = 2,
): IntervalCell {
  return { kind: "interval", lower: finite(ci?.lower), upper: finite(ci?.upper), decimals };
}

/**
 * A text cell (escaped by every renderer).
 *
 * @example
 * label("<script>") // shown "&lt;script&gt;" in Markdown
 */
export function label(text: string | null | undefined): LabelCell {
  return { kind: "label", text: text ?? null };
}

/**
 * A count cell.
 *
 * @example
 * count(599) // shown "599"
 */
export function count(value: number | null | undefined): CountCell {
  return { kind: "count", value: finite(value) };
}

/**
 * A percentage cell from a share in [0, 1].
 *
 * @example
 * percentCell(0.4567) // shown "45.7%"
 */
export function percentCell(value: number | null | undefined, decimals = 1): PercentCell {
  return { kind: "percent", value: finite(value), decimals };
}
