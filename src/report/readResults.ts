import type { DimensionReliability, FacetReliability } from "../gaps/gapReliability";

/**
 * The few places where a layout reads analysis results whose shape is still settling: the two
 * sides of a gap and the text of a warning. Layouts read them only through these accessors.
 */

/** Which result field holds each side of Gap 5 (required = E, delivered = P). */
const GAP5_SIDES = { required: "expectation", delivered: "perception" } as const;

/** Gap statistics as a layout reads them: anything with per-side summaries. */
export type SidedStatistics = object;

/**
 * The mean of one side of Gap 5 statistics (required = expectation, delivered = perception),
 * or null when it could not be computed.
 *
 * @example
 * sideMean(gap5(dataset).dimensions[0], "required") //=> 5.9
 */
export function sideMean(stats: SidedStatistics, side: "required" | "delivered"): number | null {
  const summary: unknown = (stats as Record<string, unknown>)[GAP5_SIDES[side]];
  if (typeof summary !== "object" || summary === null || !("mean" in summary)) return null;
  const mean = (summary as { mean: unknown }).mean;
  return typeof mean === "number" && Number.isFinite(mean) ? mean : null;
}

/**
 * The reliability of one side of a dimension (required = E, delivered = P), or null when it
 * was not computed (fewer than two items).
 *
 * @example
 * sideReliability(gap5(dataset).reliability[0], "delivered")?.alpha.rawAlpha //=> 0.81
 */
export function sideReliability(
  entry: DimensionReliability,
  side: "required" | "delivered",
): FacetReliability | null {
  return entry[GAP5_SIDES[side]];
}

/** A warning as results carry it: a sentence, or a coded warning with its sentence. */
export type WarningLike = string | { readonly code: string; readonly message: string };

/**
 * The sentence of a warning, whether the result carries it as text or as `{ code, message }`.
 *
 * @example
 * warningText({ code: "few-respondents", message: "only 12 respondents" }) //=> "only 12 respondents"
 */
export function warningText(warning: WarningLike): string {
  return typeof warning === "string" ? warning : warning.message;
}
